package risk

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
)

// Written counts what WriteGeneralized wrote.
type Written struct {
	Rows       int64 `json:"rows"`
	Suppressed int64 `json:"suppressed"`
}

// WriteGeneralized reads the table again from r (the same input ReadTable
// read) and writes it to w as CSV with every quasi-identifier replaced by
// its label at node n, the records of classes that miss the target left
// out (suppressed), and direct identifiers removed. A resident ID column
// is replaced by its three generalized facts ("col:age", "col:sex",
// "col:region"). Other columns, sensitive ones included, are copied. It
// is the only function that reads the input a second time.
func (t *Table) WriteGeneralized(ctx context.Context, r io.Reader, w io.Writer, n Node, target Target, opt TableOptions) (Written, error) {
	var out Written
	if !t.done || len(n) != t.q {
		return out, fmt.Errorf("no generalization to write")
	}
	p := t.rollup(n, t.bottom(), true)
	s := t.newSearcher(target)
	s.budget = 1<<63 - 1
	supp, _, _ := s.suppression(p)

	// output columns: direct identifiers dropped; an ID column becomes
	// its facts
	type outCol struct {
		header string
		col    int // source column, for copied cells
		attr   int // attribute index, -1 for copied cells
	}
	var cols []outCol
	for _, c := range t.Columns {
		if c.Role == RoleDirect {
			continue
		}
		added := false
		for k, a := range t.attrs {
			if a.col == c.Index {
				cols = append(cols, outCol{header: a.name, col: c.Index, attr: k})
				added = true
			}
		}
		if !added {
			cols = append(cols, outCol{header: c.Name, col: c.Index, attr: -1})
		}
	}
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.header
	}
	if !opt.NoHeader {
		if err := cw.Write(rec); err != nil {
			return out, err
		}
	}

	// the second pass must not change the counts shown in the report
	saved := make([][2]int64, len(t.attrs))
	for i, a := range t.attrs {
		saved[i] = [2]int64{a.unparsed, a.empty}
	}
	defer func() {
		for i, a := range t.attrs {
			a.unparsed, a.empty = saved[i][0], saved[i][1]
		}
	}()

	rd := newRowReader(opt)
	rd.row = func(cells [][]byte) error {
		c := t.lookupClass(cells)
		if c < 0 || int(c) >= len(p.assign) {
			return fmt.Errorf("%s changed since it was read: a row has quasi-identifier values the first pass did not see", opt.Name)
		}
		j := p.assign[c]
		if supp[j] {
			out.Suppressed++
			return nil
		}
		for i, oc := range cols {
			if oc.attr >= 0 {
				a := t.attrs[oc.attr]
				l := n[oc.attr]
				rec[i] = a.h.text[l][a.h.label[l][t.tuples[int(c)*t.q+oc.attr]]]
				continue
			}
			rec[i] = ""
			if oc.col < len(cells) {
				rec[i] = string(cells[oc.col])
			}
		}
		out.Rows++
		return cw.Write(rec)
	}
	if err := rd.read(ctx, r); err != nil {
		return out, err
	}
	cw.Flush()
	return out, cw.Error()
}

// lookupClass returns the finest class of a row, or -1 when its tuple was
// not seen when the table was read.
func (t *Table) lookupClass(cells [][]byte) int32 {
	if !t.rowIDs(cells) {
		return -1
	}
	return t.index.find(t.tuples, t.q, t.ids)
}
