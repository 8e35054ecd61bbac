package zh

import (
	"slices"
	"strings"
	"sync"
)

// Division is one entry of the 2023 tree of administrative divisions, for
// matching place names in addresses.
type Division struct {
	// Code is the division code: six digits for levels 1–3 (as in
	// Region.Code), nine for townships. Below province level, Hong Kong,
	// Macao and Taiwan have no official codes: their cities and districts
	// carry synthetic codes under 710000, 810000 and 820000, numbered in
	// the order of the source file, which LookupRegion does not know.
	Code string
	// Name is the division's own name, e.g. "东城区" or "东华门街道".
	Name string
	// Level is 1 for a province, 2 for a prefecture-level city, 3 for a
	// county-level division, 4 for a township or street (乡镇街道).
	Level int
	// Parent is the code of the division this one belongs to, "" for a
	// province. Placeholder cities (市辖区, 县, 省直辖县级行政区划,
	// 自治区直辖县级行政区划) are left out of the list, so counties under them
	// name their province as Parent; a county that repeats its city's code
	// (东莞市, 中山市, 儋州市, whose townships sit directly under the city)
	// is left out too, and its townships name the city.
	Parent string
}

var divisions = sync.OnceValue(loadDivisions)

// loadDivisions decodes divisions.txt (format: internal/refgen
// buildDivisions).
func loadDivisions() []Division {
	const table = "divisions.txt.gz"
	s := load(table)
	n := strings.Count(s, "\n")
	// out is filled as lines are read; the codes go to buf and are cut
	// from one string at the end, so the loop writes no pointers but
	// the names.
	out := make([]Division, 0, n)
	codeAt := make([]int32, 0, n+1) // offset in buf of out[i].Code
	parentOf := make([]int32, 0, n) // index in out of the parent, -1 none
	buf := make([]byte, 0, 7*n)
	var (
		prev   [5]int     // previous sibling's number per level
		code   [5][9]byte // code of the current entry per level
		parent [5]int32   // index of the nearest kept entry at level ≤ l
	)
	parent[0] = -1
	eachLine(s, func(ln int, line string) {
		head, name, ok := strings.Cut(line, "\t")
		if !ok || head == "" || name == "" || head[0] < '1' || head[0] > '4' {
			corrupt(table, ln, line)
		}
		level := int(head[0] - '0')
		num := prev[level] + 1
		if len(head) > 1 {
			if num = atoi(head[1:]); num < 0 {
				corrupt(table, ln, line)
			}
		}
		prev[level] = num
		for l := level + 1; l <= 4; l++ {
			prev[l] = 0
		}
		width := 2
		if level == 4 {
			width = 3
		}
		if num >= 1000 || width == 2 && num >= 100 {
			corrupt(table, ln, line)
		}
		// The code: the parent's leading digits, this entry's number,
		// zeros for the levels below (levels 1–3 are six digits long).
		c := &code[level]
		codeN := 6
		switch level {
		case 1:
			*c = [9]byte{}
		case 2:
			copy(c[:2], code[1][:2])
		case 3:
			copy(c[:4], code[2][:4])
		case 4:
			copy(c[:6], code[3][:6])
			codeN = 9
		}
		at := 2 * (level - 1)
		for i := width - 1; i >= 0; i-- {
			c[at+i] = byte('0' + num%10)
			num /= 10
		}
		for i := at + width; i < 6; i++ {
			c[i] = '0'
		}
		drop := level == 2 && placeholder(name) ||
			level == 3 && c[4] == '0' && c[5] == '0' // repeats its city's code
		if drop {
			parent[level] = parent[level-1]
		} else {
			parent[level] = int32(len(out))
			out = append(out, Division{Name: name, Level: level})
			codeAt = append(codeAt, int32(len(buf)))
			parentOf = append(parentOf, parent[level-1])
			buf = append(buf, c[:codeN]...)
		}
		for l := level + 1; l <= 4; l++ {
			parent[l] = parent[level]
		}
	})
	codes := string(buf)
	codeAt = append(codeAt, int32(len(codes)))
	for i := range out {
		out[i].Code = codes[codeAt[i]:codeAt[i+1]]
	}
	for i, p := range parentOf {
		if p >= 0 {
			out[i].Parent = out[p].Code
		}
	}
	return out
}

// Divisions returns the 2023 administrative divisions of all four levels
// in code order (each division followed by those under it), including Hong
// Kong, Macao and Taiwan (see Division.Code). The slice is a new copy on
// each call, about 45,000 entries: callers building an index should call
// it once.
func Divisions() []Division {
	return slices.Clone(divisions())
}
