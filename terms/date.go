package terms

import (
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
