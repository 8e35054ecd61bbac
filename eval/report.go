package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// WriteTable writes the report as an aligned text table: one row per type
// and a total row, with gold and predicted counts and exact and overlap
// precision, recall and F1 in percent.
func (r Report) WriteTable(w io.Writer) error {
	bw := bufio.NewWriter(w)
	name := r.Corpus
	if name == "" {
		name = "corpus"
	}
	fmt.Fprintf(bw, "%s: %d docs, %s", name, r.Docs, sizeString(r.Bytes))
	if r.Elapsed > 0 {
		fmt.Fprintf(bw, ", predicted in %v (%.1f MB/s)", r.Elapsed.Round(1e6), float64(r.Bytes)/1e6/r.Elapsed.Seconds())
	}
	if r.Threshold != 0 {
		fmt.Fprintf(bw, ", threshold %g", r.Threshold)
	}
	if r.Invalid > 0 {
		fmt.Fprintf(bw, ", %d invalid predictions dropped", r.Invalid)
	}
	bw.WriteString("\n")

	width := len("type")
	for _, s := range r.Types {
		width = max(width, len(s.Type))
	}
	row := func(cells ...string) {
		fmt.Fprintf(bw, "%-*s", width, cells[0])
		for i, c := range cells[1:] {
			if i == 2 || i == 5 {
				bw.WriteString("  ") // group exact and overlap columns
			}
			fmt.Fprintf(bw, " %7s", c)
		}
		bw.WriteString("\n")
	}
	header := fmt.Sprintf("%*s  %-24s  %s", width+16, "", "   exact match (%)", "   overlap match (%)")
	bw.WriteString(header + "\n")
	row("type", "gold", "pred", "P", "R", "F1", "P", "R", "F1")
	line := func(s TypeScore) {
		row(s.Type, fmt.Sprint(s.Gold), fmt.Sprint(s.Pred),
			pct(s.Exact.Precision()), pct(s.Exact.Recall()), pct(s.Exact.F1()),
			pct(s.Overlap.Precision()), pct(s.Overlap.Recall()), pct(s.Overlap.F1()))
	}
	for _, s := range r.Types {
		line(s)
	}
	bw.WriteString(strings.Repeat("-", width+8*8+4) + "\n")
	line(r.Total)
	// types the corpus does not annotate: how often they are found
	var unscored []string
	for _, t := range slices.Sorted(maps.Keys(r.PerMB)) {
		if !slices.ContainsFunc(r.Types, func(s TypeScore) bool { return s.Type == t }) {
			unscored = append(unscored, fmt.Sprintf("%s %.1f", t, r.PerMB[t]))
		}
	}
	if len(unscored) > 0 {
		bw.WriteString("not annotated, found per MB: " + strings.Join(unscored, ", ") + "\n")
	}
	return bw.Flush()
}

func pct(x float64) string { return fmt.Sprintf("%.1f", 100*x) }

func sizeString(n int) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// WriteJSON writes the report as indented JSON; every Counts carries its
// precision, recall and F1.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if r.Types == nil {
		r.Types = []TypeScore{}
	}
	return enc.Encode(r)
}
