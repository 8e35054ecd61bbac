package detect

import (
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/terms"
	"github.com/custos-project/custos/zh"
)

// A Chinese name the tagger did not see (it is rare, or its characters are
// common words' too) is still plain from the words around it: a
// preposition or a verb that takes a person before it (向黄奇帆提出, 由关锦鹏当
// 监制, 邀梁家辉任男主角) and a verb a person does after it. A common
// surname and one or two characters framed so, neither a common word, is
// a name.

// framedBefore are the words a person's name follows.
var framedBefore = byteWords("由", "邀", "邀请", "向", "请", "让", "被", "和", "与", "跟", "对", "把", "给", "替", "派", "及",
	"以及", "、", "，", "。", "：", "但", "而")

// framedAfter are the verbs a person's name precedes.
var framedAfter = byteWords("表示", "认为", "指出", "提出", "透露", "介绍", "强调", "坦言", "担任", "出任", "当选", "主演", "执导",
	"率领", "带领", "为首", "所在", "前往", "出席", "告诉", "解释", "回忆", "承认", "否认", "宣布", "赴")

// framedLast marks the last characters of framedBefore, so that the scan
// looks for a word only where one ends (every character of every text
// passes here).
var framedLast = func() *[1 << 16]bool {
	var set [1 << 16]bool
	for _, w := range framedBefore {
		r, _ := utf8.DecodeLastRune(w)
		set[r] = true
	}
	return &set
}()

// framedAfterFirst marks the first characters of framedAfter.
var framedAfterFirst = func() *[1 << 16]bool {
	var set [1 << 16]bool
	for _, w := range framedAfter {
		r, _ := utf8.DecodeRune(w)
		set[r] = true
	}
	return &set
}()

// framedNames adds the names framed by framedBefore and framedAfter that
// no finding covers. common may be nil. fs need not be sorted.
func framedNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	names := newNameAdder(&fs, len(text))
	last := rune(-1) // the character before i, when one of three bytes
	for i := 0; i+9 <= len(text); {
		c := text[i]
		if c < 0xE0 || c >= 0xF0 {
			last = -1
			i++
			continue
		}
		at := i
		i += 3
		prev := last
		last = rune(c&0x0F)<<12 | rune(text[at+1]&0x3F)<<6 | rune(text[at+2]&0x3F)
		if prev < 0 || !framedLast[prev] || !hasAnySuffix(text[:at], framedBefore) {
			continue
		}
		for _, runes := range [...]int{3, 2} {
			end := at + 3*runes
			if end+3 > len(text) {
				continue
			}
			if r, n := utf8.DecodeRune(text[end:]); n != 3 || !framedAfterFirst[r] || !hasAnyPrefix(text[end:], framedAfter) || !allHan(text[at:end]) {
				continue
			}
			name := text[at:end]
			sl := zh.SurnameAt(string(name))
			if sl != 3 {
				continue // a compound surname's names are rarer than its words
			}
			if freq, _ := zh.Surname(string(name[:sl])); freq < 1000 {
				continue
			}
			given := name[sl:]
			if common != nil && (common(string(name)) || utf8.RuneCount(given) == 2 && common(string(given))) {
				continue
			}
			if r, _ := utf8.DecodeRune(given); !unicode.Is(unicode.Han, r) || containsRune(framedNotGiven, r) {
				continue
			}
			if names.add(at, end, 0.7, pi.Evidence{Validator: "rule:framed-name", Valid: true}) {
				i, last = end, -1 // a verb follows the name
			}
			break
		}
	}
	return fs
}

// framedNotGiven are characters that start no given name: function words.
const framedNotGiven = "的了着过是在和与及等为说称表对向从到于把被将已也都又就还才再们这那其此该各每某本"

// nameAdder appends the names a rule finds to *fs where no finding lies
// yet. It lives on its caller's stack (a rule runs on every text: no
// allocation unless a name is found).
type nameAdder struct {
	cov coverage
}

// newNameAdder returns an adder to the findings *fs of a text of size
// bytes.
func newNameAdder(fs *[]pi.Finding, size int) nameAdder {
	return nameAdder{cov: coverage{fs: fs, size: size}}
}

// add appends a name at [start, end) with its score, evidence and
// attributes unless a finding covers a byte of it, and reports whether it
// did.
func (a *nameAdder) add(start, end int, score float64, ev pi.Evidence, attrs ...pi.Attr) bool {
	if !a.cov.free(start, end) {
		return false
	}
	*a.cov.fs = append(*a.cov.fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: score,
		Source: terms.Source, Evidence: ev, Attrs: attrs})
	return true
}

// containsRune reports whether s holds r.
func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}
