package zh

import (
	"slices"
	"sync"
	"unicode/utf8"
)

// surnameTable is the decoded surnames.txt.
type surnameTable struct {
	freq  map[string]int
	order []string // by descending frequency
}

var surnames = sync.OnceValue(loadSurnames)

// loadSurnames decodes surnames.txt (format: internal/refgen
// buildSurnames).
func loadSurnames() *surnameTable {
	const table = "surnames.txt.gz"
	t := &surnameTable{freq: make(map[string]int, 1200)}
	var f [2]string
	eachLine(load(table), func(ln int, line string) {
		if fields(line, f[:]) != 2 || f[0] == "" || utf8.RuneCountInString(f[0]) > 2 {
			corrupt(table, ln, line)
		}
		n := atoi(f[1])
		if n < 0 {
			corrupt(table, ln, line)
		}
		t.freq[f[0]] = n
		t.order = append(t.order, f[0])
	})
	return t
}

// Surname reports whether s is a Chinese surname (one or two characters,
// in simplified form as registers write them) and how common it is. freq
// is the relative frequency of the source list times ten (王 95200, 李
// 93400, rarest listed 50); it is 0 for surnames known only from the
// 百家姓 and other lists without counts, such as 公良 or 梁丘. The list
// keeps a few variant and misspelt forms that occur in real registers
// (夏候, 殴阳). It does not allocate.
func Surname(s string) (freq int, ok bool) {
	freq, ok = surnames().freq[s]
	return freq, ok
}

// SurnameAt returns the length in bytes of the longest surname s starts
// with, 0 if none: 6 for "欧阳修" (欧阳), 3 for "王小明" (王). It prefers the
// two-character compound surname when both fit, which is usually right
// (欧阳修 is 欧阳 + 修, not 欧 + 阳修) but not always (东方明 may be 东 +
// 方明); callers weighing alternatives can compare the frequencies Surname
// returns. It does not allocate.
func SurnameAt(s string) (n int) {
	r1, n1 := utf8.DecodeRuneInString(s)
	if r1 == utf8.RuneError {
		return 0
	}
	freq := surnames().freq
	if _, n2 := utf8.DecodeRuneInString(s[n1:]); n2 > 0 {
		if r2, _ := utf8.DecodeRuneInString(s[n1:]); r2 != utf8.RuneError {
			if _, ok := freq[s[:n1+n2]]; ok {
				return n1 + n2
			}
		}
	}
	if _, ok := freq[s[:n1]]; ok {
		return n1
	}
	return 0
}

// Surnames returns all known surnames, most common first; the ones without
// a frequency come last. The slice is a new copy on each call.
func Surnames() []string {
	return slices.Clone(surnames().order)
}
