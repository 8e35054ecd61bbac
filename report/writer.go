package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Formats lists the output formats of a scan.
var Formats = []string{"table", "json", "jsonl", "sarif"}

// Problem is a piece of bad input reported during a scan.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Row     int    `json:"row,omitempty"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Summary closes a scan report.
type Summary struct {
	Files    int            `json:"files"`
	Bytes    int64          `json:"bytes"`
	Findings int            `json:"findings"`
	ByType   map[string]int `json:"by_type"`
	Problems int            `json:"problems"`
	// Sensitive counts findings in PIPL-sensitive categories.
	Sensitive int `json:"sensitive"`
}

// Add counts a batch of records.
func (s *Summary) Add(recs []Record) {
	if s.ByType == nil {
		s.ByType = map[string]int{}
	}
	for _, r := range recs {
		s.Findings++
		s.ByType[string(r.Type)]++
		if r.Sensitive {
			s.Sensitive++
		}
	}
}

// Writer writes a scan report. Records arrive in input order; Close writes
// whatever the format keeps for the end.
type Writer interface {
	Write(recs []Record) error
	Problem(p Problem) error
	Close(sum Summary) error
}

// NewWriter returns a writer for one of Formats.
func NewWriter(format string, w io.Writer) (Writer, error) {
	switch format {
	case "table", "":
		return &tableWriter{w: w, tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}, nil
	case "json":
		return &jsonWriter{w: w}, nil
	case "jsonl":
		return &jsonlWriter{enc: newEncoder(w)}, nil
	case "sarif":
		return &sarifWriter{w: w}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// jsonl: one finding per line, streamed.
type jsonlWriter struct{ enc *json.Encoder }

func (j *jsonlWriter) Write(recs []Record) error {
	for i := range recs {
		r := recs[i]
		r.Schema = FindingSchema
		if err := j.enc.Encode(&r); err != nil {
			return err
		}
	}
	return nil
}
func (j *jsonlWriter) Problem(Problem) error { return nil } // problems go to stderr
func (j *jsonlWriter) Close(Summary) error   { return nil }

// json: one document with every finding, the problems and the summary.
type jsonWriter struct {
	w        io.Writer
	recs     []Record
	problems []Problem
}

func (j *jsonWriter) Write(recs []Record) error { j.recs = append(j.recs, recs...); return nil }
func (j *jsonWriter) Problem(p Problem) error   { j.problems = append(j.problems, p); return nil }
func (j *jsonWriter) Close(sum Summary) error {
	if j.recs == nil {
		j.recs = []Record{}
	}
	if j.problems == nil {
		j.problems = []Problem{}
	}
	enc := newEncoder(j.w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Schema   string    `json:"schema"`
		Findings []Record  `json:"findings"`
		Problems []Problem `json:"problems"`
		Summary  Summary   `json:"summary"`
	}{ScanSchema, j.recs, j.problems, sum})
}

// table: aligned columns for a terminal.
type tableWriter struct {
	w      io.Writer
	tw     *tabwriter.Writer
	header bool
}

func (t *tableWriter) Write(recs []Record) error {
	if !t.header && len(recs) > 0 {
		fmt.Fprintln(t.tw, "LOCATION\tTYPE\tSCORE\tCATEGORY\tVALUE\tWHY")
		t.header = true
	}
	for _, r := range recs {
		loc := fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.ColStart+1)
		if r.Row > 0 {
			loc += fmt.Sprintf(" row %d [%s]", r.Row, r.Column)
		}
		if r.Path != "" {
			loc += " " + r.Path
		}
		cat := string(r.Category)
		for _, c := range r.Categories[min(1, len(r.Categories)):] {
			cat += "+" + string(c)
		}
		fmt.Fprintf(t.tw, "%s\t%s\t%.2f\t%s\t%s\t%s\n", loc, r.Type, r.Score, cat, oneLine(r.Value, 40), oneLine(why(r), 400))
	}
	return t.tw.Flush()
}

func why(r Record) string {
	var parts []string
	if r.Evidence.Validator != "" {
		ok := "passed"
		if !r.Evidence.Valid {
			ok = "failed"
		}
		parts = append(parts, r.Evidence.Validator+" "+ok)
	}
	if len(r.Evidence.Context) > 0 {
		parts = append(parts, "context "+strings.Join(r.Evidence.Context, ","))
	}
	if r.Evidence.Reason != "" {
		parts = append(parts, r.Evidence.Reason)
	}
	keys := make([]string, 0, len(r.Attributes))
	for k := range r.Attributes {
		if k != pi.AttrNormalized {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, k+"="+r.Attributes[k])
	}
	return strings.Join(parts, "; ")
}

func (t *tableWriter) Problem(Problem) error { return nil } // problems go to stderr
func (t *tableWriter) Close(sum Summary) error {
	if err := t.tw.Flush(); err != nil {
		return err
	}
	types := make([]string, 0, len(sum.ByType))
	for k := range sum.ByType {
		types = append(types, k)
	}
	sort.Strings(types)
	var by []string
	for _, k := range types {
		by = append(by, fmt.Sprintf("%s %d", k, sum.ByType[k]))
	}
	fmt.Fprintf(t.w, "\n%d findings (%d sensitive) in %d files, %s scanned", sum.Findings, sum.Sensitive, sum.Files, humanBytes(sum.Bytes))
	if sum.Problems > 0 {
		fmt.Fprintf(t.w, ", %d problems", sum.Problems)
	}
	fmt.Fprintln(t.w)
	if len(by) > 0 {
		fmt.Fprintln(t.w, strings.Join(by, ", "))
	}
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// oneLine keeps a table cell on one line: line breaks and tabs become
// spaces, and a long value is cut at max runes with an ellipsis.
func oneLine(s string, max int) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return s
}
