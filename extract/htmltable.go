package extract

import (
	"bytes"
	"math"
	"strconv"
	"unicode/utf8"
)

// HTML tables: where a cell's text stands (table, row, column name), kept in
// bounded state, for readHTML (html.go).

// Limits on what is kept of a table, so memory stays bounded whatever the
// markup.
const (
	// maxTableDepth is how many nested tables are followed; a table nested
	// deeper is read as the content of the cell that holds it (its tags
	// are ignored and it gets no number).
	maxTableDepth = 16
	// maxTableCols is the number of columns of a table whose header name
	// and rowspans are kept, and the largest colspan (as in browsers).
	maxTableCols = 1000
	// maxRowspan is the largest rowspan, as in browsers.
	maxRowspan = 65534
	// maxHeaderName is how many bytes of a header cell's text name its
	// column; maxHeaderText how many bytes of names a table keeps.
	maxHeaderName = 256
	maxHeaderText = 32 << 10
	// maxHeld is how many bytes of fragments (heldOverhead each, plus
	// their text) are held while a table has not decided whether its
	// first row is a header; past it, the row is data.
	maxHeld      = 256 << 10
	heldOverhead = 64
)

// htmlTable is the state of an open <table>.
type htmlTable struct {
	path    string // "table[N]"
	section string // the open thead, tbody or tfoot, "" for none

	started   bool // its first row has begun
	decided   bool // it is known whether the first row is the header
	hasHeader bool // the first row is the header
	// header names the columns, by 0-based index: the text of the header
	// cell over each (a cell with colspan n names n columns); headerText
	// is the size of the names.
	header     []string
	headerText int
	// covered holds, by column index, the last row (numbered by seq) that
	// a cell with rowspan from a row above covers; nil when none does.
	covered []int
	seq     int // rows begun, header included
	rows    int // data rows begun

	inRow bool
	first bool // the current row is the table's first
	row   int  // Row of the current row's cells
	next  int  // column index of the next cell of the row

	inCell    bool
	col, span int    // the current cell's column index and colspan
	name      []byte // the text of the current header cell so far
}

// heldFragment is a fragment held back (see htmlReader.held). A text
// fragment in a table's first row while it is undecided has t set and col
// its cell's column index; its Row and Column are set when t decides.
type heldFragment struct {
	f   Fragment
	t   *htmlTable
	col int
}

// cellSpan is the colspan and rowspan of a table cell: as in browsers, a
// missing, bad or zero colspan is 1, a missing or bad rowspan is 1, and a
// rowspan of 0 spans the rest of its row group. Only the first attribute
// of each name counts.
type cellSpan struct {
	col, row       int
	colSet, rowSet bool
}

func isSpanAttr(key string) bool { return key == "colspan" || key == "rowspan" }

// set reads the value of the attribute key, colspan or rowspan, the way
// browsers read a non-negative integer: leading white space, an optional
// "+", digits, anything after them ignored.
func (s *cellSpan) set(key string, val []byte) {
	v := bytes.TrimLeft(val, " \t\n\f\r")
	if len(v) > 0 && v[0] == '+' {
		v = v[1:]
	}
	n, digits := 0, 0
	for ; digits < len(v) && '0' <= v[digits] && v[digits] <= '9'; digits++ {
		n = min(n*10+int(v[digits]-'0'), 1<<20)
	}
	switch {
	case key == "colspan" && !s.colSet:
		s.colSet = true
		if digits > 0 && n > 0 {
			s.col = min(n, maxTableCols)
		}
	case key == "rowspan" && !s.rowSet:
		s.rowSet = true
		if digits > 0 {
			s.row = min(n, maxRowspan)
		}
	}
}

// tableStart follows the table structure at a start tag (a block tag; the
// text run before it is emitted already). The text of a cell is located
// like a CSV cell:
//
//   - Tables are numbered in document order from 1, nested ones too; the
//     text of a cell has Path "table[N]", N the number of the innermost
//     table with an open cell. So text of a nested table outside its cells
//     belongs to the cell holding the table (browsers move it there), and
//     text in no cell at all, such as a <caption>, is located as text
//     outside tables is.
//   - The first row of a table is its header if it is in a <thead> or all
//     its cells are <th>. Then its cells have Row 0 and Column their own
//     text (the first maxHeaderName bytes), and a header cell's text (its
//     fragments joined) names the columns it spans (the first
//     maxTableCols columns, maxHeaderText bytes of names). Until a first
//     row of <th> cells ends or shows a <td>, its fragments are held back;
//     one that holds back more than maxHeld is data.
//   - The other rows, in <thead>, <tbody>, <tfoot> or none, are data rows
//     numbered from 1 in document order. A data cell's Column is the name
//     of the column it starts in, or the 1-based column index when that
//     has no name (the header cell is missing or blank, or there is no
//     header row).
//   - A cell's column index counts the colspans of the cells before it in
//     its row and skips the columns that cells with a rowspan in the rows
//     above cover (within the first maxTableCols columns; a rowspan does
//     not reach past the row group of its cell).
//   - A row is the cells between row boundaries (<tr>, </tr>, the start
//     and end of a row group or of the table); a row with no cell does not
//     count. A cell ends at the next cell or row boundary or at </td> or
//     </th>. Tags of cells and rows outside any table are ignored.
func (h *htmlReader) tableStart(name []byte, span cellSpan) error {
	if string(name) == "table" {
		if h.tableSkip > 0 || len(h.tables) >= maxTableDepth {
			h.tableSkip++
			return nil
		}
		h.tableCount++
		h.tables = append(h.tables, &htmlTable{path: "table[" + strconv.Itoa(h.tableCount) + "]"})
		return nil
	}
	if h.tableSkip > 0 || len(h.tables) == 0 {
		return nil
	}
	t := h.tables[len(h.tables)-1]
	switch string(name) {
	case "thead", "tbody", "tfoot":
		if err := h.endRow(t); err != nil {
			return err
		}
		t.section, t.covered = string(name), nil
	case "tr":
		return h.endRow(t)
	case "td", "th":
		return h.startCell(t, string(name) == "th", span)
	}
	return nil
}

// tableEnd follows the table structure at an end tag (a block tag).
func (h *htmlReader) tableEnd(name []byte) error {
	if string(name) == "table" && h.tableSkip > 0 {
		h.tableSkip--
		return nil
	}
	if h.tableSkip > 0 || len(h.tables) == 0 {
		return nil
	}
	t := h.tables[len(h.tables)-1]
	switch string(name) {
	case "table":
		err := h.endRow(t)
		h.tables[len(h.tables)-1] = nil
		h.tables = h.tables[:len(h.tables)-1]
		return err
	case "thead", "tbody", "tfoot":
		err := h.endRow(t)
		t.section, t.covered = "", nil
		return err
	case "tr":
		return h.endRow(t)
	case "td", "th":
		h.endCell(t)
	}
	return nil
}

// startCell starts a cell of t, a <th> if th.
func (h *htmlReader) startCell(t *htmlTable, th bool, span cellSpan) error {
	h.endCell(t)
	if !t.inRow {
		t.inRow, t.next = true, 0
		t.seq++
		switch {
		case t.started:
			t.first = false
			t.rows++
			t.row = t.rows
		case t.section == "thead":
			t.started, t.first, t.decided, t.hasHeader = true, true, true, true
		case th:
			t.started, t.first = true, true // undecided
		default:
			t.started, t.first, t.decided = true, true, true
			t.rows, t.row = 1, 1
		}
	} else if t.first && !t.decided && !th {
		if err := h.decideData(t); err != nil {
			return err
		}
	}
	c := t.next
	for c < len(t.covered) && t.covered[c] >= t.seq {
		c++
	}
	t.inCell, t.col, t.span, t.name = true, c, span.col, t.name[:0]
	t.next = c + span.col
	if span.row != 1 {
		last := t.seq + span.row - 1
		if span.row == 0 {
			last = math.MaxInt
		}
		for k := c; k < c+span.col && k < maxTableCols; k++ {
			for len(t.covered) <= k {
				t.covered = append(t.covered, 0)
			}
			t.covered[k] = max(t.covered[k], last)
		}
	}
	return nil
}

// endCell ends the open cell of t, if any; the text of a header cell names
// its columns.
func (h *htmlReader) endCell(t *htmlTable) {
	if !t.inCell {
		return
	}
	t.inCell = false
	if !t.first || (t.decided && !t.hasHeader) || len(t.name) == 0 {
		return
	}
	if t.headerText+len(t.name) > maxHeaderText {
		return
	}
	name := string(t.name)
	t.headerText += len(name)
	for k := t.col; k < t.col+t.span && k < maxTableCols; k++ {
		for len(t.header) <= k {
			t.header = append(t.header, "")
		}
		t.header[k] = name
	}
}

// endRow ends the open row of t, if any. A first row still undecided is
// the header: all its cells were <th>.
func (h *htmlReader) endRow(t *htmlTable) error {
	h.endCell(t)
	if !t.inRow {
		return nil
	}
	t.inRow = false
	if t.first && !t.decided {
		t.decided, t.hasHeader = true, true
		return h.release()
	}
	return nil
}

// decideData makes the undecided first row of t data row 1: it has a
// <td>, or it has grown too long to hold back.
func (h *htmlReader) decideData(t *htmlTable) error {
	t.decided, t.hasHeader = true, false
	t.header, t.headerText = nil, 0
	t.rows, t.row = 1, 1
	return h.release()
}

// colName names column index c of t.
func (t *htmlTable) ColName(c int) string {
	if c < len(t.header) && t.header[c] != "" {
		return t.header[c]
	}
	return strconv.Itoa(c + 1)
}

// cellTable returns the innermost table with an open cell, nil if none.
func (h *htmlReader) cellTable() *htmlTable {
	for i := len(h.tables) - 1; i >= 0; i-- {
		if h.tables[i].inCell {
			return h.tables[i]
		}
	}
	return nil
}

// emit emits a fragment: a text fragment in a table cell is located in
// the table first. Fragments are held back while a table's first row is
// undecided, so they stay in input order.
func (h *htmlReader) emit(f Fragment) error {
	if t := h.cellTable(); t != nil && f.Loc.Path == "" {
		f.Loc.Path = t.path
		header := t.first && (!t.decided || t.hasHeader)
		if header {
			t.name = appendName(t.name, f.Text)
		}
		switch {
		case !t.decided:
			return h.hold(heldFragment{f: f, t: t, col: t.col})
		case header:
			f.Loc.Row, f.Loc.Column = 0, headerName(f.Text)
		default:
			f.Loc.Row, f.Loc.Column = t.row, t.ColName(t.col)
		}
	}
	if len(h.held) > 0 {
		return h.hold(heldFragment{f: f})
	}
	return h.rd.emit(f)
}

// hold holds a fragment back. When too much is held, the table that holds
// it all back decides that its first row is data.
func (h *htmlReader) hold(e heldFragment) error {
	h.held = append(h.held, e)
	h.heldLen += heldOverhead + len(e.f.Text)
	for h.heldLen > maxHeld && len(h.held) > 0 {
		t := h.held[0].t
		if t == nil || t.decided {
			return h.release() // cannot happen: released already
		}
		if err := h.decideData(t); err != nil {
			return err
		}
	}
	return nil
}

// release emits the held fragments up to the first whose table is still
// undecided.
func (h *htmlReader) release() error {
	n := 0
	defer func() {
		rest := copy(h.held, h.held[n:])
		clear(h.held[rest:])
		h.held = h.held[:rest]
	}()
	for ; n < len(h.held); n++ {
		e := &h.held[n]
		if t := e.t; t != nil {
			if !t.decided {
				break
			}
			if t.hasHeader {
				e.f.Loc.Row, e.f.Loc.Column = 0, headerName(e.f.Text)
			} else {
				e.f.Loc.Row, e.f.Loc.Column = 1, strconv.Itoa(e.col+1)
			}
		}
		h.heldLen -= heldOverhead + len(e.f.Text)
		if err := h.rd.emit(e.f); err != nil {
			n++
			return err
		}
	}
	return nil
}

// headerName is the name a header cell's text gives: its first
// maxHeaderName bytes, cut at a rune boundary.
func headerName(text []byte) string {
	return string(cutName(text, maxHeaderName))
}

func cutName(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}

// appendName adds the text of a fragment to the name of a header cell, up
// to maxHeaderName bytes. The fragments of a cell are joined as they are,
// but with a space between two ASCII letters or digits.
func appendName(name, text []byte) []byte {
	if len(name) >= maxHeaderName {
		return name
	}
	if len(name) > 0 && len(text) > 0 && isAlnum(name[len(name)-1]) && isAlnum(text[0]) {
		name = append(name, ' ')
	}
	return append(name, cutName(text, maxHeaderName-len(name))...)
}
