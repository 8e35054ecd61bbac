package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// jsonObject is one top-level object of a JSON corpus and the line it
// starts on.
type jsonObject struct {
	data []byte
	line int
}

// splitObjects splits data into its top-level JSON objects, which may be
// one per line (JSON Lines) or pretty-printed one after another. Anything
// else at the top level is reported and skipped up to the next line, so one
// broken line of a JSON Lines file does not hide the rest.
func splitObjects(data []byte, p *parser) []jsonObject {
	var objs []jsonObject
	line := 1
	for i := 0; i < len(data); {
		switch c := data[i]; c {
		case '\n':
			line++
			i++
			continue
		case ' ', '\t', '\r':
			i++
			continue
		case '{':
		default:
			p.errorf(line, "want a JSON object, got %q", firstRune(data[i:]))
			j := bytes.IndexByte(data[i:], '\n')
			if j < 0 {
				return objs
			}
			i += j
			continue
		}
		end, lines, ok := scanObject(data[i:])
		if !ok {
			p.errorf(line, "unterminated JSON object")
			return objs
		}
		objs = append(objs, jsonObject{data: data[i : i+end], line: line})
		line += lines
		i += end
	}
	return objs
}

// scanObject returns the length of the JSON object at the start of data,
// the newlines inside it, and false when it does not end.
func scanObject(data []byte) (n, lines int, ok bool) {
	depth, inString, escaped := 0, false, false
	for i, c := range data {
		if c == '\n' {
			lines++
		}
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i + 1, lines, true
			}
		}
	}
	return 0, 0, false
}

func firstRune(b []byte) string {
	r, _ := utf8.DecodeRune(b)
	return string(r)
}

// unmarshal decodes one object, reporting syntax and type errors at the
// line where they occur.
func unmarshal(o jsonObject, v any, p *parser) bool {
	err := json.Unmarshal(o.data, v)
	if err == nil {
		return true
	}
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	line := o.line
	if off > 0 && off <= int64(len(o.data)) {
		line += bytes.Count(o.data[:off], []byte("\n"))
	}
	p.errorf(line, "%v", err)
	return false
}

// runeSpan converts rune offsets [start, end) to a byte span of text.
func runeSpan(off []int, start, end int, label string) (Span, error) {
	n := len(off) - 1
	if start < 0 || end > n || start >= end {
		return Span{}, fmt.Errorf("span [%d, %d) %q outside the text's %d characters or empty", start, end, label, n)
	}
	return Span{Start: off[start], End: off[end], Label: label}, nil
}

// cluenerDoc is one CLUENER2020 object: label → surface → [[start, end]],
// end inclusive, in runes.
type cluenerDoc struct {
	Text  *string                       `json:"text"`
	Label map[string]map[string][][]int `json:"label"`
}

func parseCLUENER(data []byte, p *parser) []Doc {
	var docs []Doc
	for _, o := range splitObjects(data, p) {
		var c cluenerDoc
		if !unmarshal(o, &c, p) {
			continue
		}
		if c.Text == nil {
			p.errorf(o.line, "object has no \"text\"")
			continue
		}
		d := Doc{ID: fmt.Sprintf("%s:%d", p.name, o.line), Text: *c.Text}
		off := runeOffsets(d.Text)
		ok := true
		for label, surfaces := range c.Label {
			if label == "" {
				p.errorf(o.line, "empty label")
				ok = false
				continue
			}
			for surface, spans := range surfaces {
				for _, se := range spans {
					if len(se) != 2 {
						p.errorf(o.line, "%s %q: want [start, end], got %v", label, surface, se)
						ok = false
						continue
					}
					sp, err := runeSpan(off, se[0], se[1]+1, label)
					if err != nil {
						p.errorf(o.line, "%v", err)
						ok = false
						continue
					}
					// The surface string repeats the span, which catches
					// offsets read with the wrong convention.
					if got := d.Text[sp.Start:sp.End]; got != surface {
						p.errorf(o.line, "%s [%d, %d] is %q, want %q", label, se[0], se[1], got, surface)
						ok = false
						continue
					}
					d.Gold = append(d.Gold, sp)
				}
			}
		}
		if ok {
			docs = append(docs, d)
		}
	}
	return docs
}

// ecrDoc is one ECR-COVID-19 line; entities are [start, end, label] with
// end-exclusive rune offsets. The patient, relation and event tuples repeat
// entities and are not read.
type ecrDoc struct {
	DocID    any     `json:"doc_id"`
	Text     *string `json:"text"`
	Entities [][]any `json:"entities"`
}

func parseECR(data []byte, p *parser) []Doc {
	var docs []Doc
	for _, o := range splitObjects(data, p) {
		var e ecrDoc
		if !unmarshal(o, &e, p) {
			continue
		}
		if e.Text == nil {
			p.errorf(o.line, "object has no \"text\"")
			continue
		}
		d := Doc{ID: docID(e.DocID, p.name, o.line), Text: *e.Text}
		off := runeOffsets(d.Text)
		ok := true
		for _, ent := range e.Entities {
			sp, err := ecrEntity(off, ent)
			if err != nil {
				p.errorf(o.line, "%v", err)
				ok = false
				continue
			}
			d.Gold = append(d.Gold, sp)
		}
		if ok {
			deriveECR(&d)
			docs = append(docs, d)
		}
	}
	return docs
}

func ecrEntity(off []int, ent []any) (Span, error) {
	if len(ent) != 3 {
		return Span{}, fmt.Errorf("entity %v: want [start, end, label]", ent)
	}
	start, ok1 := jsonInt(ent[0])
	end, ok2 := jsonInt(ent[1])
	label, ok3 := ent[2].(string)
	if !ok1 || !ok2 || !ok3 || label == "" {
		return Span{}, fmt.Errorf("entity %v: want [start, end, label]", ent)
	}
	return runeSpan(off, start, end, label)
}

func jsonInt(v any) (int, bool) {
	f, ok := v.(float64)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<40 {
		return 0, false
	}
	return int(f), true
}

// docID formats a corpus's id, which may be a number or a string, or
// falls back to file:line.
func docID(v any, name string, line int) string {
	switch id := v.(type) {
	case string:
		if id != "" {
			return id
		}
	case float64:
		if n, ok := jsonInt(id); ok {
			return strconv.Itoa(n)
		}
		return strconv.FormatFloat(id, 'g', -1, 64)
	}
	return fmt.Sprintf("%s:%d", name, line)
}

// custosDoc is one line of Custos's synthetic format.
type custosDoc struct {
	ID    any          `json:"id"`
	Text  *string      `json:"text"`
	Spans []custosSpan `json:"spans"`
}

type custosSpan struct {
	Start *int   `json:"start"`
	End   *int   `json:"end"`
	Type  string `json:"type"`
}

func parseCustos(data []byte, p *parser) []Doc {
	var docs []Doc
	for _, o := range splitObjects(data, p) {
		var c custosDoc
		if !unmarshal(o, &c, p) {
			continue
		}
		if c.Text == nil {
			p.errorf(o.line, "object has no \"text\"")
			continue
		}
		d := Doc{ID: docID(c.ID, p.name, o.line), Text: *c.Text}
		ok := true
		for _, s := range c.Spans {
			if s.Start == nil || s.End == nil || s.Type == "" {
				p.errorf(o.line, "span needs start, end and type")
				ok = false
				continue
			}
			sp := Span{Start: *s.Start, End: *s.End, Label: s.Type}
			if err := checkByteSpan(d.Text, sp); err != nil {
				p.errorf(o.line, "%v", err)
				ok = false
				continue
			}
			d.Gold = append(d.Gold, sp)
		}
		if ok {
			docs = append(docs, d)
		}
	}
	return docs
}

// checkByteSpan reports whether s is a non-empty span of text that starts
// and ends on rune boundaries.
func checkByteSpan(text string, s Span) error {
	if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
		return fmt.Errorf("span [%d, %d) %q outside the text's %d bytes or empty", s.Start, s.End, s.Label, len(text))
	}
	if !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
		return fmt.Errorf("span [%d, %d) %q splits a character", s.Start, s.End, s.Label)
	}
	return nil
}

// WriteCustos writes docs in the custos format, one JSON object a line,
// with each gold span's Label as its type. Map the labels first to turn a
// corpus into Custos types.
func WriteCustos(w io.Writer, docs []Doc) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	type span struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Type  string `json:"type"`
	}
	type doc struct {
		ID    string `json:"id,omitempty"`
		Text  string `json:"text"`
		Spans []span `json:"spans"`
	}
	for _, d := range docs {
		out := doc{ID: d.ID, Text: d.Text, Spans: make([]span, len(d.Gold))}
		for i, g := range d.Gold {
			out.Spans[i] = span{Start: g.Start, End: g.End, Type: g.Label}
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write custos corpus: %w", err)
		}
	}
	return nil
}
