package terms

import (
	"bytes"
	"fmt"

	"github.com/custos-project/custos/pi"
)

// Dates written in Chinese numerals: 二〇二〇年三月五日, 二零二零年十二月,
// 三月五日, 十二月二十三号, 2020年三月五日. Package detect reads the dates
// written in digits (2020年3月5日); these have no digit for its prefilter to
// find, and formal documents, court papers and some bulletins write them.
// A month alone (三月) is not a date, nor is a count of months (三个月);
// a date after a birth word (出生于, 出生日期：) or before 出生 is a birth
// date, category PI.BASIC.AGE, as in package detect.

// birthBefore and birthAfter are the birth words around a date.
var (
	birthBefore = []string{"出生于", "出生日期：", "出生日期:", "出生日期为", "出生日期", "生于", "生日：", "生日:", "生日为", "生日是", "生日"}
	birthAfter  = []string{"出生", "生人"}
)

// date reads a date whose 月 is at h.
func (s *scan) date(h hit) {
	t := s.text
	a, b := cnNumeralsBefore(t, h.start, s.sentStart)
	if a == b {
		return
	}
	m, ok := parseCNExact(runesOf(t, a, b))
	if !ok || m < 1 || m > 12 {
		return
	}
	start, y := a, 0
	if r, n := runeBefore(t, a); r == '年' {
		if ya, v, ok := yearBefore(t, a-n, s.sentStart); ok {
			start, y = ya, v
		}
	}
	end, d := h.end, 0
	if da, db := cnNumeralsAt(t, h.end, s.sentEnd); da < db {
		if r, n := runeAt(t, db); r == '日' || r == '号' {
			if v, ok := parseCNExact(runesOf(t, da, db)); ok && v >= 1 && v <= 31 {
				end, d = db+n, v
			}
		}
	}
	if y == 0 && d == 0 {
		return // 三月 alone
	}
	if d != 0 && !validDate(max(y, 2000), m, d) {
		return // 二月三十日
	}
	score := 0.9
	switch {
	case d == 0:
		score = 0.7
	case y == 0:
		score = 0.85
	}
	f := pi.Finding{Type: pi.Date, Category: pi.CatDate, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "calendar", Valid: true}}
	if w := suffixIn(t, start, birthBefore); w > 0 || hasAnyPrefix(t, end, birthAfter) {
		f.Category = pi.CatAge
		f.SetAttr("kind", "birth")
	}
	f.SetAttr(pi.AttrFormat, "chinese-numerals")
	switch {
	case y != 0 && d != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	case y != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("%04d-%02d", y, m))
	default:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("--%02d-%02d", m, d))
	}
	s.add(f)
}

// cnNumeralsBefore returns the run [a, b) of Chinese numerals (no digits)
// that ends at i, not reaching below floor; a == b when there is none.
func cnNumeralsBefore(t []byte, i, floor int) (a, b int) {
	a = i
	for k := 0; a > floor && k < 4; k++ {
		r, n := runeBefore(t, a)
		if !isCNNumeral(r) {
			break
		}
		a -= n
	}
	return a, i
}

// cnNumeralsAt returns the run [a, b) of Chinese numerals that starts at i,
// not reaching ceil.
func cnNumeralsAt(t []byte, i, ceil int) (a, b int) {
	b = i
	for k := 0; b < ceil && k < 4; k++ {
		r, n := runeAt(t, b)
		if !isCNNumeral(r) {
			break
		}
		b += n
	}
	return i, b
}

// isCNNumeral reports whether r writes a number in a date: a Chinese
// digit or 十 (two, 两, counts things, not days).
func isCNNumeral(r rune) bool {
	if r == '两' {
		return false
	}
	_, ok := cnDigit(r)
	return ok || r == '十'
}

// yearBefore reads the four-digit year that ends at i (二〇二〇, 二零二零 or
// 2020) and returns where it starts and its value, 1900 to 2100.
func yearBefore(t []byte, i, floor int) (start, year int, ok bool) {
	start = i
	mul := 1
	for k := 0; k < 4; k++ {
		if start <= floor {
			return 0, 0, false
		}
		r, n := runeBefore(t, start)
		var v int
		switch {
		case isDigit(r):
			v = digitVal(r)
		case r != '两':
			d, ok := cnDigit(r)
			if !ok {
				return 0, 0, false
			}
			v = d
		default:
			return 0, 0, false
		}
		year += v * mul
		mul *= 10
		start -= n
	}
	if r, _ := runeBefore(t, start); start > floor && (isDigit(r) || isCNNumeral(r)) {
		return 0, 0, false // a longer number
	}
	return start, year, year >= 1900 && year <= 2100
}

// runesOf returns the runes of t[a:b] (at most eight).
func runesOf(t []byte, a, b int) []rune {
	rs := make([]rune, 0, 8)
	for i := a; i < b && len(rs) < 8; {
		r, n := runeAt(t, i)
		rs = append(rs, r)
		i += n
	}
	return rs
}

// validDate reports whether y-m-d is a day of the Gregorian calendar.
func validDate(y, m, d int) bool {
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[2] = 29
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m]
}

// hasAnyPrefix reports whether one of words starts at i.
func hasAnyPrefix(t []byte, i int, words []string) bool {
	for _, w := range words {
		if hasPrefixAt(t, i, w) {
			return true
		}
	}
	return false
}

// FindDates appends the dates written in Chinese numerals in text: the one
// part of the term lists that identifier detection needs, without running
// the rest (a scan for 月 instead of the term automaton).
func FindDates(text []byte, dst []pi.Finding) []pi.Finding {
	var s *scan
	for i := 0; ; {
		at := indexMonth(text, i)
		if at < 0 {
			break
		}
		i = at + len("月")
		if s == nil {
			s = getScan(text, -1)
			s.out = s.out[:0]
		}
		s.sentStart, s.sentEnd = sentenceAround(text, at)
		s.date(hit{start: at, end: i})
	}
	if s != nil {
		dst = append(dst, s.out...)
		putScan(s)
	}
	return dst
}

// indexMonth returns the offset of the first 月 (E6 9C 88) in t at or after
// from, or -1. It looks for the last byte, which is rarer in Chinese text
// than the first (E6 leads a fifth of the common characters).
func indexMonth(t []byte, from int) int {
	for i := from + 2; i < len(t); {
		k := bytes.IndexByte(t[i:], 0x88)
		if k < 0 {
			return -1
		}
		i += k
		if t[i-2] == 0xE6 && t[i-1] == 0x9C {
			return i - 2
		}
		i++
	}
	return -1
}

// sentenceAround returns the sentence (between the ends Find cuts at) that
// holds byte i, looking at most 64 bytes each way: a date needs no more.
func sentenceAround(t []byte, i int) (start, end int) {
	start, end = max(0, i-64), min(len(t), i+64)
	for j := i; j > start; {
		r, n := runeBefore(t, j)
		if isSentenceEnd(r) {
			start = j
			break
		}
		j -= n
	}
	for j := i; j < end; {
		r, n := runeAt(t, j)
		if isSentenceEnd(r) {
			end = j
			break
		}
		j += n
	}
	return start, end
}

// isSentenceEnd reports the runes Find ends sentences at.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}
