package detect

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/custos-project/custos/pi"
)

// English dates and ages, as a visa application, a passport's English page
// or a foreign guest's form writes them.
//
// Dates: 12 March 1988, 12 Mar 1988, March 12, 1988, Mar. 12 1988,
// 05-Mar-2016. A day, a month's name (full or its three letters, any case)
// and a year of four digits; anything less (March 1988, 12 March) is as
// often a reference to an event as a person's date.

// monthNames maps the lower-cased English month names and their three-
// letter forms to the month.
var monthNames = func() map[string]int {
	m := map[string]int{}
	for i, n := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december"} {
		m[n] = i + 1
		m[n[:3]] = i + 1
	}
	m["sept"] = 9
	return m
}()

// monthAt reads a month's name at i, with a full stop after a short form
// (Mar.), and returns the month and where it ends; 0 when none is there or
// the word goes on (Marching).
func monthAt(text []byte, i int) (int, int) {
	j := i
	for j < len(text) && j-i < 9 && (text[j]|0x20 >= 'a' && text[j]|0x20 <= 'z') {
		j++
	}
	if j == i || j < len(text) && isAlnum(text[j]) {
		return 0, i
	}
	m := monthNames[strings.ToLower(string(text[i:j]))]
	if m == 0 {
		return 0, i
	}
	if j-i <= 4 && j < len(text) && text[j] == '.' {
		j++
	}
	return m, j
}

// monthBefore reads a month's name and one space right before i (the day
// of March 12, 1988) and returns the month and where its name starts.
func monthBefore(text []byte, i int) (int, int) {
	if i < 2 || text[i-1] != ' ' {
		return 0, i
	}
	k := i - 1
	if text[k-1] == '.' {
		k--
	}
	a := k
	for a > 0 && (text[a-1]|0x20 >= 'a' && text[a-1]|0x20 <= 'z') {
		a--
	}
	if a == k || a > 0 && isAlnum(text[a-1]) {
		return 0, i
	}
	if m, end := monthAt(text, a); m != 0 && end == i-1 {
		return m, a
	}
	return 0, i
}

// englishDate claims the English date whose day is the digit run
// [start, end), and reports whether there was one.
func (s *scanner) englishDate(start, end int) bool {
	text := s.text
	if end-start > 2 || end >= len(text) {
		return false
	}
	d, ok := atoi(text[start:end])
	if !ok {
		return false
	}
	from, m := start, 0
	i := end
	if sep := text[i]; sep == ' ' || sep == '-' {
		// 12 March 1988, 12-Mar-1988
		if mm, j := monthAt(text, i+1); mm != 0 && j < len(text) && (text[j] == sep || sep == ' ' && text[j] == ',') {
			m, i = mm, j
		}
	}
	if m == 0 {
		// March 12, 1988
		if m, from = monthBefore(text, start); m == 0 {
			return false
		}
	}
	if i < len(text) && text[i] == ',' {
		i++
	}
	if i < len(text) && (text[i] == ' ' || text[i] == '-') {
		i++
	}
	y, ok := s.digitsAt(&i, 4, 4)
	if !ok || y < 1900 || y > 2099 || !validYMD(y, m, d) || i < len(text) && isAlnum(text[i]) {
		return false
	}
	s.resume = i
	s.addDate(from, i, y, m, d, 0.85, "english")
	return true
}

// englishBirthWords are the English words right before a birth date
// (born 12 March 1988, Date of birth: March 12, 1988, DOB 12 Mar 1988).
var englishBirthWords = [][]byte{[]byte("born"), []byte("born on"), []byte("date of birth"), []byte("dob"), []byte("birth date"),
	[]byte("birthday")}

// englishBirthBefore reports whether one of englishBirthWords, then a
// colon or spaces, stands right before start.
func englishBirthBefore(text []byte, start int) bool {
	before := bytes.TrimRight(text[:start], " ")
	before = bytes.TrimRight(bytes.TrimSuffix(bytes.TrimSuffix(before, []byte(":")), []byte("：")), " ")
	lower := bytes.ToLower(before[max(0, len(before)-16):])
	for _, w := range englishBirthWords {
		if bytes.HasSuffix(lower, w) && (len(lower) == len(w) || !isAlnum(lower[len(lower)-len(w)-1])) {
			return true
		}
	}
	return false
}

// Ages: aged 9, age: 9, 9 years old, a 9-year-old, 9 years of age.

// englishAge claims the English age whose number is the digit run
// [start, end), and reports whether there was one.
func (s *scanner) englishAge(start, end int) bool {
	text := s.text
	years, ok := atoi(text[start:end])
	if !ok || years >= 130 || !s.e.on(pi.Age) {
		return false
	}
	from, to := start, end
	for _, w := range ageAfter {
		if hasWordAt(text, end, w) {
			to = end + len(w)
			break
		}
	}
	if to == end {
		// aged 9, age: 9, Age 9
		k := start
		for k > 0 && (text[k-1] == ' ' || text[k-1] == ':') {
			k--
		}
		switch {
		case k == start:
			return false
		case k >= 4 && hasWordAt(text, k-4, "aged"):
			from = k - 4
		case k >= 3 && hasWordAt(text, k-3, "age"):
			from = k - 3
		default:
			return false
		}
		if from > 0 && isAlnum(text[from-1]) || to < len(text) && isAlnum(text[to]) {
			return false // a page 9, a stage 3, age 15abc
		}
	}
	f := pi.Finding{Type: pi.Age, Category: pi.CatAge, Start: from, End: to, Score: 0.85, Source: "date",
		Evidence: pi.Evidence{Validator: "rule:age", Valid: true, Context: []string{strings.ToLower(string(text[from:to]))}}}
	f.SetAttr("years", strconv.Itoa(years))
	MarkAge(&f, years)
	s.add(f)
	s.resume = max(s.resume, to)
	return true
}

// ageAfter are the words after a number of years that make it an age.
var ageAfter = []string{" years old", " year old", "-year-old", " years of age"}

// hasWordAt reports whether text at i starts with the lower-case ASCII w,
// in any case, and no letter or digit follows it.
func hasWordAt(text []byte, i int, w string) bool {
	j := i + len(w)
	if i < 0 || j > len(text) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if c := text[i+k]; c != w[k] && c|0x20 != w[k] {
			return false
		}
	}
	return j == len(text) || !isAlnum(text[j])
}
