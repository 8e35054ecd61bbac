package risk

import (
	"fmt"
	"io"
	"strings"
)

// Schema is the version of the JSON reports. Fields may be added within a
// version; none is renamed or removed.
const Schema = "custos.risk/v1"

// TableReport is the report on a table, written as JSON with Schema
// custos.risk/v1 and kind "table".
type TableReport struct {
	Schema string `json:"schema"`
	Kind   string `json:"kind"`
	Input  Input  `json:"input"`
	// Columns are all the table's columns with their roles and reasons.
	Columns []Column `json:"columns"`
	// QuasiIdentifiers are the quasi-identifiers analysed, in the order
	// of every per-QI list below.
	QuasiIdentifiers []QIInfo `json:"quasi_identifiers"`
	Target           Target   `json:"target"`
	// Before measures the table as given (level 0, nothing suppressed).
	Before Measures `json:"before"`
	// Search and After are the generalization found and its measures;
	// absent when the search was not asked for or found nothing.
	Search *SearchReport `json:"search,omitempty"`
	After  *Measures     `json:"after,omitempty"`
	// Output is the generalized table written, when asked for.
	Output *Output `json:"output,omitempty"`
	// Pass is true when the table as given meets the target.
	Pass  bool     `json:"pass"`
	Notes []string `json:"notes,omitempty"`
}

// Input describes what was read.
type Input struct {
	File    string `json:"file"`
	Rows    int64  `json:"rows"`
	BadRows int64  `json:"bad_rows"`
	// Classes is the number of distinct quasi-identifier tuples at the
	// finest level: what the analysis keeps in memory.
	Classes int `json:"finest_classes"`
}

// QIInfo describes one quasi-identifier.
type QIInfo struct {
	Name     string   `json:"name"`
	Column   string   `json:"column"`
	Kind     Kind     `json:"kind"`
	Levels   []string `json:"levels"`
	Distinct int      `json:"distinct"`
	Unparsed int64    `json:"unparsed"`
	Empty    int64    `json:"empty"`
	Examples []string `json:"unparsed_examples,omitempty"`
}

// SearchReport is the generalization found by the search.
type SearchReport struct {
	SearchResult
	// Levels names the chosen level of each quasi-identifier.
	Levels []string `json:"levels"`
}

// AnalyzeOptions configure Analyze.
type AnalyzeOptions struct {
	Target     Target
	Population Population
	// Search asks for the least-loss generalization reaching Target.
	Search bool
}

// Analyze measures the table as given and, when asked, searches for the
// generalization that reaches the target with the least loss.
func (t *Table) Analyze(opt AnalyzeOptions) (*TableReport, error) {
	if t.q == 0 {
		return nil, ErrNoQI
	}
	rep := &TableReport{Schema: Schema, Kind: "table", Columns: t.Columns, Target: opt.Target,
		Input: Input{File: t.Name, Rows: t.Rows, BadRows: t.BadRows, Classes: len(t.count)}}
	for _, a := range t.attrs {
		rep.QuasiIdentifiers = append(rep.QuasiIdentifiers, QIInfo{Name: a.name, Column: t.Columns[a.col].Name, Kind: a.kind,
			Levels: a.h.levels, Distinct: len(a.values), Unparsed: a.unparsed, Empty: a.empty, Examples: a.examples})
		if a.unparsed > 0 {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s: %d cell(s) could not be read as %s (e.g. %q); they keep their text at level 0 and become \"?\" above", a.name, a.unparsed, a.kind, a.examples[0]))
		}
	}
	before, err := t.Measure(make(Node, t.q), opt.Target, opt.Population, false)
	if err != nil {
		return nil, err
	}
	rep.Before = before
	rep.Pass = before.K >= int64(opt.Target.K)
	for _, d := range before.Sensitive {
		if opt.Target.L > 0 && d.LDistinct < opt.Target.L {
			rep.Pass = false
		}
	}
	if opt.Search {
		res, err := t.Search(opt.Target)
		if err != nil {
			return nil, err
		}
		sr := &SearchReport{SearchResult: res}
		rep.Search = sr
		if res.Found {
			for k, a := range t.attrs {
				sr.Levels = append(sr.Levels, a.h.levels[res.Node[k]])
			}
			after, err := t.Measure(res.Node, opt.Target, opt.Population, true)
			if err != nil {
				return nil, err
			}
			rep.After = &after
		} else {
			rep.Notes = append(rep.Notes, fmt.Sprintf("no generalization reaches k=%d%s with at most %.2g%% of records suppressed", opt.Target.K, lNote(opt.Target.L), 100*opt.Target.MaxSuppress))
		}
	}
	if t.pop == nil && opt.Population.Size == 0 && opt.Population.SampleFraction == 0 {
		rep.Notes = append(rep.Notes, "journalist risk: no population given, so the table is taken to be the whole population (journalist = prosecutor); a sample of a larger population carries less risk per record, see --population and --sample-fraction")
	}
	if t.BadRows > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d malformed row(s) were left out", t.BadRows))
	}
	return rep, nil
}

func lNote(l int) string {
	if l > 0 {
		return fmt.Sprintf(", ℓ=%d", l)
	}
	return ""
}

// WriteText writes the report as readable text.
func (r *TableReport) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Re-identification risk of %s: %d rows, %d distinct quasi-identifier tuples\n\n", r.Input.File, r.Input.Rows, r.Input.Classes)
	fmt.Fprintln(ew, "Columns")
	tt := &textTable{indent: "  "}
	tt.row("COLUMN", "ROLE", "KIND", "WHY")
	for _, c := range r.Columns {
		kind := string(c.Kind)
		if c.Role == RoleSensitive {
			kind = "categorical"
			if c.Numeric {
				kind = "numeric"
			}
		}
		tt.row(c.Name, string(c.Role), dash(kind), c.Reason)
	}
	tt.write(ew)
	fmt.Fprintln(ew)
	fmt.Fprintln(ew, "Quasi-identifiers and their hierarchies")
	tt = &textTable{indent: "  "}
	tt.row("QI", "KIND", "DISTINCT", "UNREAD", "LEVELS")
	for _, q := range r.QuasiIdentifiers {
		tt.row(q.Name, string(q.Kind), fmt.Sprint(q.Distinct), fmt.Sprint(q.Unparsed), strings.Join(q.Levels, " → "))
	}
	tt.write(ew)
	fmt.Fprintf(ew, "\nTarget: k=%d%s, at most %.4g%% of records suppressed\n", r.Target.K, lNote(r.Target.L), 100*r.Target.MaxSuppress)

	fmt.Fprintln(ew, "\nAs given")
	writeMeasures(ew, &r.Before, r.QuasiIdentifiers, r.Target)
	if r.Search != nil {
		s := r.Search
		fmt.Fprintf(ew, "\nGeneralization search: %s; %d of %d lattice nodes evaluated\n", s.Algorithm, s.Evaluated, s.Lattice)
		if s.Found && r.After != nil {
			tt := &textTable{indent: "  "}
			for k, q := range r.QuasiIdentifiers {
				tt.row(q.Name, fmt.Sprintf("level %d of %d:", s.Node[k], len(q.Levels)-1), s.Levels[k])
			}
			tt.write(ew)
			fmt.Fprintf(ew, "  loss (NCP) %.4f, %d record(s) suppressed (%.3g%%)\n", s.Loss, s.Suppressed, 100*r.After.Loss.SuppressedShare)
			fmt.Fprintln(ew, "\nAfter generalization")
			writeMeasures(ew, r.After, r.QuasiIdentifiers, r.Target)
		} else {
			fmt.Fprintln(ew, "  no generalization reaches the target")
		}
	}
	if o := r.Output; o != nil {
		fmt.Fprintf(ew, "\nGeneralized table written to %s: %d rows, %d suppressed", o.File, o.Rows, o.Suppressed)
		if len(o.Dropped) > 0 {
			fmt.Fprintf(ew, ", direct identifiers dropped: %s", strings.Join(o.Dropped, ", "))
		}
		fmt.Fprintln(ew)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(ew, "\nNotes")
		for _, n := range r.Notes {
			fmt.Fprintln(ew, "  - "+n)
		}
	}
	verdict := "PASS: the table as given meets the target"
	if !r.Pass {
		verdict = "FAIL: the table as given does not meet the target"
		if r.After != nil {
			verdict += "; the generalization above does"
		}
	}
	fmt.Fprintln(ew, "\n"+verdict)
	return ew.err
}

func writeMeasures(w io.Writer, m *Measures, qis []QIInfo, target Target) {
	fmt.Fprintf(w, "  records %d (suppressed %d), classes %d, smallest class k=%d\n", m.Records, m.Suppressed, m.Classes, m.K)
	var sizes []string
	for _, b := range m.ClassSizes {
		r := fmt.Sprint(b.Min)
		switch {
		case b.Max == 0:
			r += "+"
		case b.Max != b.Min:
			r += fmt.Sprintf("-%d", b.Max)
		}
		sizes = append(sizes, fmt.Sprintf("%s: %d (%d rec)", r, b.Classes, b.Records))
	}
	fmt.Fprintf(w, "  class sizes  %s\n", strings.Join(sizes, ", "))
	fmt.Fprintf(w, "  below k=%d   %d classes, %d records (%.3g%%)\n", target.K, m.BelowTarget.Classes, m.BelowTarget.Records, 100*m.BelowTarget.Share)
	fmt.Fprintf(w, "  prosecutor   max %.4f, average %.4f, records at risk %.3g%%\n", m.Prosecutor.Max, m.Prosecutor.Average, 100*m.Prosecutor.AtRisk)
	fmt.Fprintf(w, "  journalist   max %.4f, average %.4f (%s)\n", m.Journalist.Max, m.Journalist.Average, m.Journalist.Model)
	fmt.Fprintf(w, "  marketer     %.4f (expected share of records re-identified)\n", m.Marketer)
	for _, d := range m.Sensitive {
		fmt.Fprintf(w, "  %s: ℓ distinct %d, ℓ entropy %.2f, t-closeness %.4f (%s distance)", d.Column, d.LDistinct, d.LEntropy, d.T, d.Distance)
		if target.L > 0 {
			fmt.Fprintf(w, ", %d classes below ℓ=%d", d.ClassesBelowL, target.L)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  loss         NCP %.4f", m.Loss.NCP)
	for k, x := range m.Loss.PerQI {
		if k < len(qis) {
			fmt.Fprintf(w, "; %s %.3f", qis[k].Name, x)
		}
	}
	fmt.Fprintln(w)
	if len(m.Smallest) > 0 && m.K < int64(max(target.K, 2)) {
		fmt.Fprintln(w, "  smallest classes (the values that single records out):")
		for _, c := range m.Smallest {
			if c.Size >= int64(max(target.K, 2)) {
				break
			}
			var parts []string
			for k, v := range c.Values {
				if k < len(qis) {
					parts = append(parts, qis[k].Name+"="+dash(v))
				}
			}
			fmt.Fprintf(w, "    %d × %s\n", c.Size, strings.Join(parts, ", "))
		}
	}
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	_, e.err = e.w.Write(p)
	return len(p), nil
}
