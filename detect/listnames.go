package detect

import (
	"bytes"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Names in a list. The tagger finds the first of 赵子轩、钱梦瑶、孙浩然三人获奖
// and often not the rest: a list item is a name without the context that
// makes one (a verb after it, a title before it). An item of a list joined
// by 、 to a name found is read as a name when it is one by its shape: a
// common surname and a given name of one or two characters, none of them a
// common word, up to the next delimiter or a word that closes the list (等,
// 三人, 同学).

// listTails close the last item of a list of names (孙浩然三人获奖,
// 李四等人).
var listTails = byteWords("等", "三人", "两人", "二人", "四人", "五人", "几人", "同学", "分别", "均", "共", "都", "也", "各")

// listItemEnd reports whether an item of a list of names may end at i: a
// delimiter, a bracket, a figure (a score), the line's or text's end, or
// one of listTails.
func listItemEnd(text []byte, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRune(text[i:])
	return colonValueEnd(r) || r == '：' || r == ':' || isDigit(text[i]) || hasAnyPrefix(text[i:], listTails)
}

// listNames adds the names of the items joined by 、 to a name found, on
// either side of it (see above). fs need not be sorted.
func listNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	const sep = "、"
	if common == nil || !bytes.Contains(text, []byte(sep)) {
		return fs
	}
	var found map[int]int // the names found: start → end, gathered at the first list
	named := func(start, end int) bool {
		if found == nil {
			found = map[int]int{}
			for _, f := range fs {
				if f.Type == pi.PersonName {
					found[f.Start] = f.End
				}
			}
		}
		e, ok := found[start]
		return ok && e == end
	}
	var names nameAdder // made at the first list: its coverage costs a pass
	for i, n := 0, len(fs); i < n; i++ {
		if fs[i].Type != pi.PersonName {
			continue
		}
		after := noteAfter(text, fs[i].End)
		if !bytes.HasPrefix(text[after:], []byte(sep)) && !bytes.HasSuffix(text[:fs[i].Start], []byte(sep)) {
			continue // no list beside this name
		}
		if names.cov.fs == nil {
			names = newNameAdder(&fs, len(text))
		}
		ev := pi.Evidence{Validator: "rule:name-list", Valid: true, Context: []string{string(text[fs[i].Start:fs[i].End])}}
		// the items after the name, each with its note in brackets or not
		// (赵子轩（建档立卡户）、钱梦瑶（低保户）)
		for at := after; at+len(sep) < len(text) && string(text[at:at+len(sep)]) == sep; {
			start := at + len(sep)
			end, ok := listItem(text, start, common)
			if !ok || !named(start, end) && !names.add(start, end, 0.8, ev) {
				break
			}
			at = noteAfter(text, end)
		}
		// the items before it
		for at := fs[i].Start; at >= len(sep) && string(text[at-len(sep):at]) == sep; {
			end := noteBefore(text, at-len(sep))
			start := hanRunBefore(text, end)
			if start == end || !listItemStart(text, start) {
				break
			}
			if e, ok := listItem(text, start, common); !ok || e != end {
				break
			}
			if !named(start, end) && !names.add(start, end, 0.8, ev) {
				break
			}
			at = start
		}
	}
	return fs
}

// maxNote bounds, in bytes, a note in brackets after a list's item.
const maxNote = 48

// noteAfter returns the end of the figure (a score: 李梓萱97、) and the
// note in brackets (（低保户）) written after a list's item at i, or i when
// none is.
func noteAfter(text []byte, i int) int {
	for i < len(text) && (isDigit(text[i]) || text[i] == '.' && i+1 < len(text) && isDigit(text[i+1])) {
		i++
	}
	if bytes.HasPrefix(text[i:], []byte("分")) && i > 0 && isDigit(text[i-1]) {
		i += len("分")
	}
	r, n := utf8.DecodeRune(text[i:])
	if r != '（' && r != '(' {
		return i
	}
	for j := i + n; j < len(text) && j < i+maxNote; {
		c, size := utf8.DecodeRune(text[j:])
		switch c {
		case '）', ')':
			return j + size
		case '\n', '（', '(':
			return i
		}
		j += size
	}
	return i
}

// noteBefore returns the start of the note in brackets that closes at i,
// or i when none does.
func noteBefore(text []byte, i int) int {
	r, n := utf8.DecodeLastRune(text[:i])
	if r != '）' && r != ')' {
		return i
	}
	for j := i - n; j > 0 && j > i-maxNote; {
		c, size := utf8.DecodeLastRune(text[:j])
		switch c {
		case '（', '(':
			return j - size
		case '\n', '）', ')':
			return i
		}
		j -= size
	}
	return i
}

// listItemStart reports whether an item of a list may start at i: the
// text's or line's start, a delimiter or a colon before it.
func listItemStart(text []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(text[:i])
	return colonValueEnd(r) || r == '：' || r == ':' || r == ' ' || r == '\u3000'
}

// listItem returns the end of the name that is the list item starting at
// i, and whether there is one: two to four Han characters ending where an
// item may end, a surname's shape (see listItemName).
func listItem(text []byte, i int, common func(string) bool) (int, bool) {
	run, _ := hanRun(text, i, 6)
	for end := run; end > i; {
		if listItemEnd(text, end) && listItemName(text[i:end], common) {
			return end, true
		}
		_, size := utf8.DecodeLastRune(text[i:end])
		end -= size
	}
	return 0, false
}

// listItemName reports whether a list item reads as a full name: a
// surname of one character a thousand in a million people bear and a
// given name of one or two, or a compound surname and one or two; the
// given name starts with no function word, the whole ends as no place
// does and is no common word, nor are the surname and the given name's
// first character.
func listItemName(name []byte, common func(string) bool) bool {
	sl := zh.SurnameAt(string(name))
	if sl == 0 {
		return false
	}
	runes := utf8.RuneCount(name)
	if sl == len("王") && (runes < 2 || runes > 3) || sl > len("王") && (runes < 3 || runes > 4) {
		return false
	}
	if sl == len("王") {
		if freq, _ := zh.Surname(string(name[:sl])); freq < 1000 {
			return false
		}
	}
	given := name[sl:]
	g1, n1 := utf8.DecodeRune(given)
	last, _ := utf8.DecodeLastRune(name)
	if containsRune(framedNotGiven, g1) || containsRune(colonPlaceEnds, last) {
		return false
	}
	// a given name may be a word (浩然, 子涵): beside a name in a list, the
	// item is another person's
	return !common(string(name)) && !common(string(name[:sl+n1])) && (runes > sl/3+1 || !common(string(given)))
}
