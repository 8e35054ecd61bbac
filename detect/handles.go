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
// to four Chinese characters, the first a surname, that are no common word
// (common may be nil). fs need not be sorted.
func childInHandles(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	if !bytes.Contains(text, []byte("：")) && !bytes.Contains(text, []byte(":")) {
		return fs
	}
	cov := coverage{fs: &fs, size: len(text)}
	for ls := 0; ls < len(text); {
		le := ls + bytes.IndexByte(text[ls:], '\n')
		if le < ls {
			le = len(text)
		}
		// 全体家长： is no one's name
		if start, end, w, ok := handleChild(text, ls, le); ok && (common == nil || !common(string(text[start:end]))) && cov.free(start, end) {
			fs = append(fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.8, Source: terms.Source,
				Evidence: pi.Evidence{Validator: "rule:parent-handle", Valid: true, Context: []string{string(w)}}})
		}
		ls = le + 1
	}
	return fs
}

// handleChild finds the child's name in the sender label that opens the
// line [ls, le) (subject.SenderLabel), if it has one, and the parent word
// after it.
func handleChild(text []byte, ls, le int) (start, end int, parent []byte, ok bool) {
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
	if n < 2 || n > 4 || zh.SurnameAt(string(text[start:end])) == 0 {
		return 0, 0, nil, false
	}
	return start, end, w, true
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
