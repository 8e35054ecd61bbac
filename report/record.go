package report

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Schema versions of the machine-readable formats.
const (
	FindingSchema = "custos.finding/v1"
	ScanSchema    = "custos.scan/v1"
)

// Record is one finding placed in its input, as the JSON formats write it.
type Record struct {
	Schema string `json:"schema,omitempty"`
	File   string `json:"file"`
	// Line is 1-based; ColStart and ColEnd are 0-based rune columns in that
	// line, ColEnd exclusive.
	Line     int `json:"line"`
	ColStart int `json:"col_start"`
	ColEnd   int `json:"col_end"`
	// Offset and Length are bytes in the UTF-8 text of the input.
	Offset     int64             `json:"offset"`
	Length     int               `json:"length"`
	Row        int               `json:"row,omitempty"`
	Column     string            `json:"column,omitempty"`
	Path       string            `json:"path,omitempty"`
	Type       pi.Type           `json:"type"`
	Category   pi.Category       `json:"category"`
	Categories []pi.Category     `json:"categories,omitempty"`
	Sensitive  bool              `json:"sensitive"`
	Score      float64           `json:"score"`
	Value      string            `json:"value"`
	Masked     bool              `json:"masked"`
	Evidence   pi.Evidence       `json:"evidence"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Source     string            `json:"recognizer,omitempty"`
}

// Place converts the findings of one fragment (sorted by Start, as the
// engine returns them) into records. When reveal is false values are
// masked.
func Place(text []byte, loc pi.Locator, findings []pi.Finding, reveal bool, dst []Record) []Record {
	// walk forward once: pos/line/col are the position reached so far
	pos, line, col := 0, loc.Line, loc.Col
	if line == 0 {
		line = 1
	}
	advance := func(to int) {
		seg := text[pos:to]
		if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
			line += bytes.Count(seg, []byte{'\n'})
			col = utf8.RuneCount(seg[nl+1:])
		} else {
			col += utf8.RuneCount(seg)
		}
		pos = to
	}
	for _, f := range findings {
		if f.Start < pos { // nested finding: start again from the top
			pos, line, col = 0, loc.Line, loc.Col
			if line == 0 {
				line = 1
			}
		}
		advance(f.Start)
		value := string(text[f.Start:f.End])
		r := Record{
			File: loc.File, Line: line, ColStart: col, ColEnd: col + utf8.RuneCount(text[f.Start:f.End]),
			Offset: loc.Offset + int64(f.Start), Length: f.End - f.Start,
			Row: loc.Row, Column: loc.Column, Path: loc.Path,
			Type: f.Type, Category: f.Category, Sensitive: f.Sensitive(), Score: round(f.Score),
			Evidence: f.Evidence, Source: f.Source, Value: value,
		}
		if nl := bytes.IndexByte(text[f.Start:f.End], '\n'); nl >= 0 {
			// a span over a line break: end column on its first line
			r.ColEnd = col + utf8.RuneCount(text[f.Start:f.Start+nl])
		}
		if len(f.Extra) > 0 {
			r.Categories = append([]pi.Category{f.Category}, f.Extra...)
		}
		if len(f.Attrs) > 0 {
			r.Attributes = make(map[string]string, len(f.Attrs))
			for _, a := range f.Attrs {
				r.Attributes[a.Key] = a.Value
			}
		}
		if sub := r.Attributes["subject"]; sub != "" && sub[0] >= '0' && sub[0] <= '9' {
			// a subject named by its offset in the fragment: make it an
			// offset in the whole input, unique per file
			if n, err := strconv.ParseInt(sub, 10, 64); err == nil {
				r.Attributes["subject"] = "@" + strconv.FormatInt(loc.Offset+n, 10)
			}
		}
		if !reveal {
			r.Value = Mask(f.Type, value)
			r.Masked = true
			maskAttributes(&r, f.Type, value)
			if _, ok := r.Attributes[pi.AttrNormalized]; ok {
				r.Attributes[pi.AttrNormalized] = Mask(f.Type, r.Attributes[pi.AttrNormalized])
			}
			// the birth date is the masked middle of an ID number: keep
			// the year (the age is reported anyway)
			if b := r.Attributes[pi.AttrBirthDate]; len(b) == 10 {
				r.Attributes[pi.AttrBirthDate] = b[:4] + "-**-**"
			}
		}
		dst = append(dst, r)
	}
	return dst
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// maskAttributes hides the attributes that would give back what the masked
// value hides: a verbatim piece of the value (an address element, a
// surname) and the values inside trajectory steps.
func maskAttributes(r *Record, t pi.Type, raw string) {
	for k, v := range r.Attributes {
		switch {
		case strings.HasPrefix(k, "step_"):
			parts := strings.Split(v, "; ")
			for i, p := range parts {
				if kind, val, ok := strings.Cut(p, "="); ok {
					parts[i] = kind + "=" + Mask(stepType(kind), val)
				}
			}
			r.Attributes[k] = strings.Join(parts, "; ")
		case k == "subject" || k == pi.AttrNormalized:
		case len(v) > 1 && strings.Contains(raw, v) && !strings.Contains(r.Value, v):
			r.Attributes[k] = Mask(t, v)
		}
	}
}

func stepType(kind string) pi.Type {
	switch kind {
	case "date":
		return pi.Date
	case "transport":
		return pi.TrainNumber
	}
	return pi.Place
}
