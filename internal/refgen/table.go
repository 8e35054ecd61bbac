package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path"
	"strings"
)

// table is a CSV or TSV file read whole, with its header.
type table struct {
	name   string
	header map[string]int
	rows   [][]string
}

// readTable reads a CSV (comma) or TSV (tab) file with a header row. A
// leading UTF-8 byte-order mark is dropped.
func readTable(src, rel string, comma rune) (*table, error) {
	b, err := readFile(src, rel)
	if err != nil {
		return nil, err
	}
	return parseTable(path.Base(rel), b, comma, true)
}

func parseTable(name string, b []byte, comma rune, hasHeader bool) (*table, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = comma
	r.FieldsPerRecord = -1
	if comma == '\t' {
		r.LazyQuotes = true
	}
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &table{name: name, header: map[string]int{}}
	if hasHeader {
		if len(recs) == 0 {
			return nil, fmt.Errorf("%s: empty", name)
		}
		for i, h := range recs[0] {
			t.header[strings.TrimSpace(h)] = i
		}
		recs = recs[1:]
	}
	t.rows = recs
	return t, nil
}

// col returns the index of the named column or an error naming the file.
func (t *table) col(name string) (int, error) {
	i, ok := t.header[name]
	if !ok {
		return 0, fmt.Errorf("%s: no column %q", t.name, name)
	}
	return i, nil
}

// cols returns the indexes of the named columns.
func (t *table) cols(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		c, err := t.col(n)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// field returns row[i] trimmed, or "" when the row is short.
func field(row []string, i int) string {
	if i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// lines splits b into lines without their line endings.
func lines(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// textBuilder accumulates tab-separated lines.
type textBuilder struct{ bytes.Buffer }

// row writes the fields joined by tabs and a newline. Fields must not hold
// tabs or newlines; the generator checks names before writing them.
func (b *textBuilder) row(fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(f)
	}
	b.WriteByte('\n')
}

// clean reports whether s can be written as a field.
func clean(s string) bool {
	return !strings.ContainsAny(s, "\t\n\r")
}
