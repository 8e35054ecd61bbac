package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/terms"
	"github.com/custos-project/custos/zh"
)

// parentWords end the chat handle of a child's parent or grandparent, which
// names the child (张子涵妈妈：, 王一诺爸爸: — how a class's parents are
// known in its group chat).
var parentWords = [][]byte{[]byte("妈妈"), []byte("爸爸"), []byte("家长"), []byte("奶奶"), []byte("爷爷"), []byte("外婆"),
	[]byte("外公"), []byte("姥姥"), []byte("姥爷"), []byte("妈"), []byte("爸")}

// childInHandles adds the child's name written in a parent's handle at the
// start of a chat line, before its colon (after a time stamp or a role:
// [20:15] 张子涵妈妈：…; 3班-李浩然家长：…), where the model found none: two
// to four Chinese characters (see handleChild); the model's name cut short
// there (王梓 of 王梓涵妈妈：) takes the rest. The child of such a handle,
// and of one a message mentions (@张浩然爸爸), is a minor: the name gets
// age_band 0-17 (or the class's, see chatBand), so that the message's
// facts (一诺有哮喘) are a child's.
// fs need not be sorted.
func childInHandles(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	if !bytes.Contains(text, []byte("：")) && !bytes.Contains(text, []byte(":")) && !bytes.Contains(text, []byte("@")) {
		return fs
	}
	cov := coverage{fs: &fs, size: len(text)}
	band := chatBand(text, fs)
	var names map[int]int // start → index of the person names, built when first needed
	mark := func(start, end int) {
		if names == nil {
			names = nameStarts(fs)
		}
		if i, ok := names[start]; ok {
			markChild(&fs[i], end, band, &cov)
		}
	}
	for ls := 0; ls < len(text); {
		le := ls + bytes.IndexByte(text[ls:], '\n')
		if le < ls {
			le = len(text)
		}
		// 全体家长： is no one's name
		if start, end, w, ok := handleChild(text, ls, le, common); ok {
			if cov.free(start, end) {
				fs = append(fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.8, Source: terms.Source,
					Evidence: pi.Evidence{Validator: "rule:parent-handle", Valid: true, Context: []string{string(w)}}})
				fs[len(fs)-1].SetAttr("age_band", band)
			} else {
				mark(start, end)
			}
		}
		ls = le + 1
	}
	// a parent mentioned by their handle: @张浩然爸爸
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '@')
		if k < 0 {
			break
		}
		start := i + k + 1
		i = start
		end := start
		for end < len(text) && end-start < 5*3 {
			r, size := utf8.DecodeRune(text[end:])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			end += size
			if w := parentWordAt(text, end); len(w) > len("爸") && end-len(w) > start {
				mark(start, end-len(w))
				break
			}
		}
	}
	return fs
}

// chatBand returns the age band of the children a chat's parents are
// named after: the class's when the chat's title names one (【二年级3班家长
// 群】: 7-8), any child's (0-17) otherwise.
func chatBand(text []byte, fs []pi.Finding) string {
	end := bytes.IndexByte(text, '\n')
	if end < 0 || !bytes.Contains(text[:end], []byte("群")) {
		return terms.ChildBand
	}
	for i := range fs {
		if f := &fs[i]; f.Type == pi.School && f.End <= end && f.Attr("age_band") != "" {
			return f.Attr("age_band")
		}
	}
	return terms.ChildBand
}

// markChild marks the person's name f as a child's of the band, taking
// the rest of the span up to end when the model cut it short (王梓 of
// 王梓涵妈妈).
func markChild(f *pi.Finding, end int, band string, cov *coverage) {
	if f.End > end {
		return
	}
	if f.End < end {
		if !cov.free(f.End, end) {
			return
		}
		f.End = end
	}
	f.SetAttr("age_band", band)
}

// handleChild finds the child's name in the sender label that opens the
// line [ls, le) (subject.SenderLabel), if it has one, and the parent word
// after it: a surname and a given name, a given name of two characters or
// a pet name (朵朵) that names no group (全体, 二年级), and no common word
// but a pet name (common may be nil).
func handleChild(text []byte, ls, le int, common func(string) bool) (start, end int, parent []byte, ok bool) {
	a, b := subject.SenderLabel(text[ls:le])
	if b == 0 {
		return 0, 0, nil, false
	}
	start, colon := ls+a, ls+b
	// a role joined to the handle: 3班-李浩然家长
	if k := bytes.LastIndexAny(text[start:colon], "-－|｜_"); k >= 0 {
		_, n := utf8.DecodeRune(text[start+k:])
		start += k + n
	}
	w := parentWordAt(text, colon)
	if w == nil {
		return 0, 0, nil, false
	}
	end = colon - len(w)
	n := 0
	for p := start; p < end; {
		r, size := utf8.DecodeRune(text[p:])
		if !unicode.Is(unicode.Han, r) {
			return 0, 0, nil, false
		}
		p += size
		n++
	}
	if n < 2 || n > 4 {
		return 0, 0, nil, false
	}
	name := text[start:end]
	if genericChild[string(name)] || !givenName(name) {
		return 0, 0, nil, false // 宝宝妈妈, 二年级家长: no one's name
	}
	if n == 2 && doubled(name) {
		return start, end, w, true // 朵朵爸爸: a child's pet name, if also a word
	}
	if zh.SurnameAt(string(name)) == 0 && n != 2 || common != nil && common(string(name)) {
		return 0, 0, nil, false
	}
	return start, end, w, true
}

// doubled reports a name of one character written twice (朵朵, 豆豆): how
// children are called at home and in their parents' handles.
func doubled(name []byte) bool {
	r, n := utf8.DecodeRune(name)
	s, _ := utf8.DecodeRune(name[n:])
	return r == s
}

// notGivenChars are characters of a chat handle that name a group, not a
// child (二年级家长, 全体家长, 班级家长).
const notGivenChars = "年级班校群组队全体所有各位家长老师学生"

// genericChild are the words for any child a handle may hold (宝宝妈妈).
var genericChild = map[string]bool{"宝宝": true, "宝贝": true, "孩子": true, "小孩": true, "儿子": true, "女儿": true,
	"大宝": true, "二宝": true, "三宝": true, "小宝": true}

// givenName reports whether a handle's name part names no group (梓轩奶奶
// does, 二年级家长 does not).
func givenName(name []byte) bool {
	return !bytes.ContainsAny(name, notGivenChars)
}

// parentWordAt returns the parent word that ends at i, or nil.
func parentWordAt(text []byte, i int) []byte {
	for _, w := range parentWords {
		if bytes.HasSuffix(text[:i], w) {
			return w
		}
	}
	return nil
}
