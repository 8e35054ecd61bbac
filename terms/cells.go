package terms

import (
	"bytes"
	"strings"
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

// maxCells bounds the fields of a row that are read.
const maxCells = 16

// cell is a field of a row: [start, end) in bytes.
type cell struct{ start, end int }

// splitRow cuts the line [a, b) into its fields, apart by spaces or tabs,
// into cells; it returns how many there are (at most len(cells)).
func splitRow(t []byte, a, b int, cells *[maxCells]cell) int {
	n := 0
	for i := a; i < b && n < len(cells); {
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
		cells[n] = cell{i, j}
		n++
		i = j
	}
	return joinPhones(t, cells[:n])
}

// joinPhones joins the three fields of a mobile number written in groups
// (138 0713 4567) into one, in place; it returns the number of cells left.
func joinPhones(t []byte, cells []cell) int {
	n := 0
	for k := 0; k < len(cells); k++ {
		c := cells[k]
		if k+2 < len(cells) && digitsOnly(t[c.start:c.end], 3) && t[c.start] == '1' &&
			digitsOnly(t[cells[k+1].start:cells[k+1].end], 4) && digitsOnly(t[cells[k+2].start:cells[k+2].end], 4) &&
			cells[k+1].start-c.end == 1 && cells[k+2].start-cells[k+1].end == 1 {
			c.end = cells[k+2].end
			k += 2
		}
		cells[n] = c
		n++
	}
	return n
}

// digitsOnly reports whether b is exactly n ASCII digits.
func digitsOnly(b []byte, n int) bool {
	if len(b) != n {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// rowLabels returns the column names of a row of n fields under header: the
// header's when the row has as many fields, or one or two fewer (a blank
// last column, 备注, leaves no field in text), its first n then; nil when
// the row does not fit.
func rowLabels(header []string, n int) []string {
	if n < minCells || n > len(header) || n < len(header)-2 {
		return nil
	}
	return header[:n]
}

// rowNames adds the names standing as fields of a row in [a, b) and makes
// the row a person record. It does nothing on a line that is not a row or
// has no such field. Under the columns of a header row seen before (姓名
// 年龄 体温, s.columns), a field is read as its column says: any name under
// 姓名, a bare number under 年龄 or 体温.
func (s *scan) rowNames(a, b int, hs []hit) {
	t := s.text
	if bytes.IndexByte(t[a:b], ' ') < 0 && bytes.IndexByte(t[a:b], '\t') < 0 && !bytes.Contains(t[a:b], []byte("\u3000")) {
		return // prose: no fields
	}
	var cells [maxCells]cell
	n := splitRow(t, a, b, &cells)
	if n < minCells {
		return
	}
	columns := rowLabels(s.columns, n)
	found := false
	for k, c := range cells[:n] {
		if columns != nil {
			switch col := columns[k]; {
			case strings.Contains(col, "年龄"):
				s.cellAge(c.start, c.end, col)
				continue
			case strings.Contains(col, "体温"):
				s.out = bareTemperature(t[:c.end], c.start, col, s.out)
				continue
			case statusOf(col) != nil:
				if f, ok := statusCell(col, string(t[c.start:c.end]), c.start, c.end); ok {
					s.add(f)
				}
				continue
			case containsAny(col, healthColumns) && questionAt(col) < 0:
				// whatever is written under 过敏史 is a health fact (花生)
				if cell := string(t[c.start:c.end]); !termCovers(hs, c.start, c.end) && !blankAnswer(cell) && !healthyAnswer[cell] &&
					utf8.RuneCountInString(cell) <= 60 {
					s.add(pi.Finding{Type: pi.Health, Category: pi.CatHealth, Start: c.start, End: c.end, Score: 0.85,
						Evidence: pi.Evidence{Validator: "column:health", Valid: true, Context: []string{col}},
						Attrs:    []pi.Attr{{Key: "kind", Value: healthColumnKind(col)}}})
				}
				continue
			case ScoreColumn(col):
				// a register's scores typed as text (姓名 语文 数学 / 李梓萱 98 97)
				if ScoreValue(string(t[c.start:c.end])) {
					s.add(pi.Finding{Type: pi.AcademicRecord, Category: pi.CatEduWork, Start: c.start, End: c.end, Score: 0.85,
						Evidence: pi.Evidence{Validator: "column:academic", Valid: true, Context: []string{col}}})
				}
				continue
			case physicalColumn(col) || strings.Contains(col, "血型"):
				if cell := string(t[c.start:c.end]); measureReading(cell) || strings.Contains(col, "血型") && bloodTypeLen(cell) == len(cell) {
					s.add(physicalFinding(c.start, c.end, col))
				}
				continue
			case strings.Contains(col, "姓名") && !s.nameOverlaps(c.start, c.end) && isHanRun(t, c.start, c.end, 2, 5):
				s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: c.start, End: c.end, Score: 0.8,
					Evidence: pi.Evidence{Validator: "rule:row-name", Context: []string{col}}})
				s.nameEnd = c.end
				found = true
				continue
			}
		}
		if s.nameOverlaps(c.start, c.end) || !fullName(t, c.start, c.end) || termCovers(hs, c.start, c.end) {
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
	// 邵阳市, 武汉: a place, not 邵 or 武 with a given name
	return given >= 1 && given <= 2 && !wordFinal[last] && !placeNames()[string(t[i:end])]
}

// wordFinal holds characters that end words, not given names (王者, 高级,
// 孙辈, 邵阳市): a cell ending with one is no name.
var wordFinal = newRuneSet("者们人员业务级类号式型性化度量率数表单栏项目期次部处科室组队辈市区县省镇乡村路街")

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

// isHanRun reports whether t[i:end] is min to max Han characters.
func isHanRun(t []byte, i, end, min, max int) bool {
	n := 0
	for _, r := range string(t[i:end]) {
		if !isHan(r) {
			return false
		}
		n++
	}
	return n >= min && n <= max
}

// headerColumns records the column names of a header row [a, b).
func (s *scan) headerColumns(a, b int) {
	var cells [maxCells]cell
	n := splitRow(s.text, a, b, &cells)
	s.columns = s.columns[:0]
	for _, c := range cells[:n] {
		s.columns = append(s.columns, string(s.text[c.start:c.end]))
	}
}

// Cell is a field of a text register's row with the name of its column.
type Cell struct {
	Start, End int // bytes
	Label      string
}

// RegisterCells returns the fields of the rows of the registers typed as
// text in t, each with its column's name: a header row (three fields or
// more apart by spaces or tabs, one of them 姓名, 性别 or 年龄 and another a
// column name) names the fields of the rows below it that have as many, or
// one or two fewer at the end (see rowLabels), up to a line that has not.
// A mobile number written in groups (138 0713 4567) is one field. Rows
// after no header give nothing. The engine reads the fields under an
// address column as addresses, as it does a table's cells.
func RegisterCells(t []byte) []Cell { return RegisterCellsFrom(t, nil) }

// RegisterCellsFrom is RegisterCells for a text that goes on a register
// whose header row came before it (the next fragment of a long register
// file): header, as OpenHeader returned it for the text before, names the
// rows at its start.
func RegisterCellsFrom(t []byte, header []string) []Cell {
	var out []Cell
	registerRows(t, header, func(c Cell) { out = append(out, c) })
	return out
}

// OpenHeader returns the columns of the register whose rows run to the end
// of t (header is the one open before t, or nil), or nil when none does:
// what the text after t, cut from the same file, goes on under.
func OpenHeader(t []byte, header []string) []string {
	return registerRows(t, header, nil)
}

// registerRows calls emit for each field of the register rows of t, under
// header at the start, and returns the header open at the end.
func registerRows(t []byte, header []string, emit func(Cell)) []string {
	if header == nil && !bytes.Contains(t, []byte("姓名")) && !bytes.Contains(t, []byte("性别")) && !bytes.Contains(t, []byte("年龄")) {
		return nil
	}
	var cells [maxCells]cell
	for a := 0; a < len(t); {
		b := bytes.IndexByte(t[a:], '\n')
		if b < 0 {
			b = len(t)
		} else {
			b += a
		}
		n := splitRow(t, a, b, &cells)
		switch {
		case n >= minCells && isHeaderRow(t, cells[:n]):
			header = make([]string, 0, n) // never the caller's: another fragment may read it
			for _, c := range cells[:n] {
				header = append(header, string(t[c.start:c.end]))
			}
		case rowLabels(header, n) != nil:
			if emit != nil {
				for k, c := range cells[:n] {
					emit(Cell{Start: c.start, End: c.end, Label: header[k]})
				}
			}
		case n == 0 && b == len(t):
			// the end of the text, not a line that breaks the register
		default:
			header = nil
		}
		a = b + 1
	}
	return header
}

// isHeaderRow reports whether cells are a register's column names: one is
// 姓名 (户主姓名, 学生姓名), 性别 or 年龄 and another a column name too.
func isHeaderRow(t []byte, cells []cell) bool {
	key, named := false, 0
	for _, c := range cells {
		f := string(t[c.start:c.end])
		if strings.HasSuffix(f, "姓名") && utf8.RuneCountInString(f) <= 4 || f == "性别" || f == "年龄" {
			key = true
		}
		for _, l := range columnNames {
			if strings.Contains(f, l) {
				named++
				break
			}
		}
	}
	return key && named >= 2
}
