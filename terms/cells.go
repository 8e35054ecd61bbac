package terms

import (
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Lists and registers typed as text put one record on a line, its fields
// apart by spaces or tabs (1. 三年级（2）班 刘子涵 孤儿): the entity model,
// trained on prose, seldom finds a name standing alone between spaces. On
// such a row a field that is exactly a full name — a common surname and one
// or two given-name characters — is a person's name, and the row is a
// record about that person.

// minCells is the number of fields that makes a line a row.
const minCells = 3

// rowNames adds the names standing as fields of a row in [a, b) and makes
// the row a person record. It does nothing on a line that is not a row or
// has no such field.
func (s *scan) rowNames(a, b int, hs []hit) {
	t := s.text
	type cell struct{ start, end int }
	var cells [8]cell
	n := 0
	for i := a; i < b; {
		r, size := utf8.DecodeRune(t[i:b])
		if isSpace(r) || r == '\n' || r == '\r' {
			i += size
			continue
		}
		j := i
		for j < b {
			r, size := utf8.DecodeRune(t[j:b])
			if isSpace(r) || r == '\n' || r == '\r' {
				break
			}
			j += size
		}
		if n == len(cells) {
			break
		}
		cells[n] = cell{i, j}
		n++
		i = j
	}
	if n < minCells {
		return
	}
	found := false
	for _, c := range cells[:n] {
		if c.start < s.nameEnd || !fullName(t, c.start, c.end) || termCovers(hs, c.start, c.end) {
			continue
		}
		s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: c.start, End: c.end, Score: 0.7,
			Evidence: pi.Evidence{Validator: "rule:row-name", Context: []string{"row"}}})
		s.nameEnd = c.end
		found = true
	}
	if found {
		s.setCtx("row")
		s.record = true
	}
}

// fullName reports whether t[i:end] is exactly a plausible full name: a
// common surname (compound first) and one or two given-name characters.
func fullName(t []byte, i, end int) bool {
	n := surnameAt(t, i, end)
	if n == 0 {
		return false
	}
	given := 0
	for j := i + n; j < end; {
		r, size := utf8.DecodeRune(t[j:end])
		if !isHan(r) || notGiven[r] {
			return false
		}
		given++
		j += size
	}
	last, _ := utf8.DecodeLastRune(t[i:end])
	return given >= 1 && given <= 2 && !wordFinal[last]
}

// wordFinal holds characters that end words, not given names (王者, 高级,
// 孙辈): a cell ending with one is no name.
var wordFinal = newRuneSet("者们人员业务级类号式型性化度量率数表单栏项目期次部处科室组队辈")

// termCovers reports whether a list term covers t[start:end] exactly or
// around it (班主任, 高级: words, not names).
func termCovers(hs []hit, start, end int) bool {
	for _, h := range hs {
		if h.start <= start && h.end >= end {
			return true
		}
	}
	return false
}
