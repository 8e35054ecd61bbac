package detect

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hard-wrapped text. Text taken from a PDF, a fax's OCR or an old
// fixed-width notice breaks its lines at a width, not at its sentences: 现住
// 成都市锦江区春|熙路街道…, 出现发热、咳|嗽症状. Read as written, the address
// is two and the symptom none. When most of a text's long lines share one
// width, a break after such a full line between two characters of a word
// is closed, and the findings are reported at their place in the original
// (a span then holds the line break).

// minWrap is the narrowest width, in characters, taken for a wrap.
const minWrap = 12

// dewrap returns text with the line breaks of its full lines closed where
// a word runs on, and for each byte of the result its offset in text (one
// more entry for the end), or nil when the text is not wrapped.
func dewrap(text []byte) ([]byte, []int32) {
	if bytes.Count(text, []byte("\n")) < 2 {
		return text, nil
	}
	width := wrapWidth(text)
	if width == 0 {
		return text, nil
	}
	cut := cutter{text: text}
	for start := 0; start < len(text); {
		nl := bytes.IndexByte(text[start:], '\n')
		if nl < 0 {
			break
		}
		end := start + nl // the newline
		line := bytes.TrimSuffix(text[start:end], []byte("\r"))
		next := end + 1
		if n := utf8.RuneCount(line); n >= width-1 && !fieldLine(line) && runsOn(line, text[next:]) {
			cut.drop(start+len(line), next)
		}
		start = next
	}
	return cut.result()
}

// wrapWidth returns the width, in characters, at which text's lines are
// wrapped: the longest line's, when three lines or more reach it (within a
// character) and it is minWrap or more; 0 when the text is not wrapped.
func wrapWidth(text []byte) int {
	longest, full := 0, 0
	eachLineWidth(text, func(n int) { longest = max(longest, n) })
	if longest < minWrap {
		return 0
	}
	eachLineWidth(text, func(n int) {
		if n >= longest-1 {
			full++
		}
	})
	if full < 3 {
		return 0
	}
	return longest
}

// eachLineWidth calls f with the width, in characters, of each line of
// text (a carriage return before the newline not counted).
func eachLineWidth(text []byte, f func(int)) {
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		f(utf8.RuneCount(bytes.TrimSuffix(line, []byte("\r"))))
	}
}

// fieldLine reports a line of a register or a form, fields apart by
// spaces or tabs (12000 王丽 9 武汉), or of text in a language that wraps at
// its spaces: a wrap inside a word of Chinese makes neither.
func fieldLine(line []byte) bool {
	return bytes.IndexByte(line, '\t') >= 0 || bytes.IndexByte(line, ' ') >= 0 || bytes.Contains(line, []byte("\u3000"))
}

// runsOn reports whether a full line's last character and the next line's
// first are two characters of one run of text: Chinese or alphanumeric on
// both sides, no punctuation ending the line, and the next line no list
// number or case label of its own.
func runsOn(line, rest []byte) bool {
	last, _ := utf8.DecodeLastRune(line)
	first, _ := utf8.DecodeRune(rest)
	if !wordRune(last) || !wordRune(first) || !unicode.Is(unicode.Han, last) && !unicode.Is(unicode.Han, first) {
		return false
	}
	if strings.ContainsRune(itemEnds, last) {
		return false // a list's item of the same length (…建设北路三段1号 / 请广大市民…)
	}
	head := rest[:min(len(rest), 40)]
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	// a new entry (病例3：, 2、, 1.) starts its own line
	for _, p := range [][]byte{[]byte("、"), []byte("："), []byte(":"), []byte(".")} {
		if k := bytes.Index(head, p); k > 0 && k <= 18 && utf8.RuneCount(head[:k]) <= 6 && hasDigit(head[:k]) {
			return false
		}
	}
	return true
}

// itemEnds are the last characters of a place, an address or an
// organization standing as a list's item: a line ending with one is more
// often a whole item than a wrap inside a word.
const itemEnds = "号院区室楼店场站村组镇乡路街道巷弄栋幢层座馆园城苑庄寨所局司厂处部队会市县省"

// wordRune reports a character that words are made of.
func wordRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || r < utf8.RuneSelf && (r >= '0' && r <= '9' || r|0x20 >= 'a' && r|0x20 <= 'z')
}

// hasDigit reports whether b holds an ASCII digit or a Chinese numeral.
func hasDigit(b []byte) bool {
	for _, r := range string(b) {
		if r >= '0' && r <= '9' || bytes.ContainsRune([]byte("一二三四五六七八九十"), r) {
			return true
		}
	}
	return false
}

// cutter drops spans of a text and keeps, for each byte left, its offset
// in the original: what despace and dewrap close.
type cutter struct {
	text   []byte
	out    []byte
	pos    []int32
	copied int // text[:copied] is in out
}

// drop removes text[from:to]; spans are dropped in order.
func (c *cutter) drop(from, to int) {
	if c.pos == nil {
		c.out = make([]byte, 0, len(c.text))
		c.pos = make([]int32, 0, len(c.text)+1)
	}
	for k := c.copied; k < from; k++ {
		c.out = append(c.out, c.text[k])
		c.pos = append(c.pos, int32(k))
	}
	c.copied = to
}

// result returns the text with the spans dropped and the offsets (one
// more for the end), or the text and nil when nothing was dropped.
func (c *cutter) result() ([]byte, []int32) {
	if c.pos == nil {
		return c.text, nil
	}
	for k := c.copied; k < len(c.text); k++ {
		c.out = append(c.out, c.text[k])
		c.pos = append(c.pos, int32(k))
	}
	return c.out, append(c.pos, int32(len(c.text)))
}

// composePos returns, for each byte of a text transformed twice, its
// offset in the original: inner maps the second result into the first,
// outer the first into the original; either may be nil (no change).
func composePos(outer, inner []int32) []int32 {
	switch {
	case outer == nil:
		return inner
	case inner == nil:
		return outer
	}
	out := make([]int32, len(inner))
	for i, p := range inner {
		out[i] = outer[p]
	}
	return out
}
