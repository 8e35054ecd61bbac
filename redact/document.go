package redact

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/terms"
)

// Options configure the de-identification of one input.
type Options struct {
	Engine  *detect.Engine
	Profile *Profile
	Context *deid.Context
	// Format and Encoding as in extract.Options ("" = detect).
	Format   extract.Format
	Encoding string
	NoHeader bool
	// Columns override the profile for whole CSV/TSV columns, and Paths for
	// JSON values (path patterns with [*] for any index): the whole value
	// is transformed by the rule's operator.
	Columns map[string]*Rule
	Paths   map[string]*Rule
	// Review keeps the text before and after (up to 4 MiB) for the review
	// page.
	Review bool
}

// Result sums up one input.
type Result struct {
	Format   extract.Format
	Encoding string
	Changes  []Change
	// Text is the decoded input, kept for the review page of text inputs
	// (nil for tables and JSON).
	Text   []byte
	Output []byte
	// Warnings are what the output may still hold that Custos could not
	// judge (an image in a workbook).
	Warnings []string
}

// File de-identifies the file in and writes out, in the same format and
// encoding. It never writes over its input, and writes out only when the
// whole input was processed (through a temporary file renamed into place),
// so a failure leaves no half-redacted file.
func File(ctx context.Context, in, out string, opt Options) (*Result, error) {
	if same(in, out) {
		return nil, fmt.Errorf("redact: %s is the input: redaction never writes over its input", out)
	}
	f, err := os.Open(in)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if opt.Format == "" {
		opt.Format = FormatOf(in)
	}
	return ToFile(ctx, in, f, out, opt)
}

// ToFile de-identifies r (named name in messages) into the file out, which
// it writes only when the whole input was processed, as File does.
func ToFile(ctx context.Context, name string, r io.Reader, out string, opt Options) (*Result, error) {
	if out == "" || out == "-" {
		return nil, errors.New("redact: an output file is needed")
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return nil, err
	}
	res, err := Stream(ctx, name, r, tmp, opt)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return res, nil
}

func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	aa, _ := filepath.Abs(a)
	bb, _ := filepath.Abs(b)
	return aa == bb
}

// FormatOf returns the format a file's name says (its extension): csv, tsv,
// json, jsonl, xlsx, docx, or text for any other (HTML included: its text
// is rewritten in place, the markup kept).
func FormatOf(name string) extract.Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return "csv"
	case ".tsv":
		return "tsv"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".xlsx", ".xlsm":
		return extract.FormatXLSX
	case ".docx", ".docm":
		return extract.FormatDOCX
	}
	return "text"
}

// Stream de-identifies r into w. name is used in messages.
func Stream(ctx context.Context, name string, r io.Reader, w io.Writer, opt Options) (*Result, error) {
	if opt.Engine == nil || opt.Profile == nil || opt.Context == nil {
		return nil, errors.New("redact: engine, profile and context are needed")
	}
	switch opt.Format {
	case extract.FormatXLSX, extract.FormatDOCX:
		// zip archives of XML parts, UTF-8 whatever the encoding option
		res := &Result{Format: opt.Format, Encoding: "utf-8"}
		opt.Context.NewDocument()
		office := redactXLSX
		if opt.Format == extract.FormatDOCX {
			office = redactDOCX
		}
		if err := office(ctx, name, r, w, opt, res); err != nil {
			return nil, err
		}
		return res, nil
	case extract.FormatHTML:
		opt.Format = extract.FormatText
	}
	enc, bom, text, err := extract.Sniff(r, opt.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(bom)
	ew := extract.Encoder(enc, bw)
	res := &Result{Format: opt.Format, Encoding: enc}
	if res.Format == "" {
		res.Format = "text"
	}
	opt.Context.NewDocument()
	switch res.Format {
	case "csv", "tsv":
		err = redactCSV(ctx, name, text, ew, opt, res)
	case "json":
		err = redactJSON(ctx, name, text, ew, opt, res, false)
	case "jsonl":
		err = redactJSON(ctx, name, text, ew, opt, res, true)
	default:
		err = redactText(ctx, name, text, ew, opt, res)
	}
	if err != nil {
		return nil, err
	}
	if c, ok := ew.(io.Closer); ok {
		if err := c.Close(); err != nil {
			return nil, fmt.Errorf("%s: cannot write the output in %s: %w", name, enc, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	return res, nil
}

// redactText de-identifies text fragment by fragment (runs of whole lines).
func redactText(ctx context.Context, name string, r io.Reader, w io.Writer, opt Options, res *Result) error {
	var keep []byte
	var header []string // the register a fragment goes on (see detect.Engine.DetectFrom)
	outLen := 0
	err := extract.Read(ctx, name, r, extract.Options{Format: "text", Encoding: "utf-8"}, func(fr extract.Fragment) error {
		fs := opt.Engine.DetectFrom(fr.Text, header, nil)
		header = terms.OpenHeader(fr.Text, header)
		out, changes, err := opt.Profile.Apply(opt.Context, fr.Text, fs)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, fr.Loc.Line, err)
		}
		line, at := fr.Loc.Line, 0 // changes are in text order: count lines once
		for i := range changes {
			line += bytes.Count(fr.Text[at:max(at, changes[i].Start)], []byte{'\n'})
			at = max(at, changes[i].Start)
			changes[i].Line = line
			changes[i].Start += int(fr.Loc.Offset)
			changes[i].End += int(fr.Loc.Offset)
			changes[i].OutStart += outLen
			changes[i].OutEnd += outLen
		}
		outLen += len(out)
		res.Changes = append(res.Changes, changes...)
		if opt.Review && len(keep) < 4<<20 { // the review page shows texts up to 4 MiB
			keep = append(keep, fr.Text...)
			res.Output = append(res.Output, out...)
		}
		_, err = w.Write(out)
		return err
	}, func(p *extract.Problem) {})
	if err != nil {
		return err
	}
	if opt.Review && len(keep) < 4<<20 {
		res.Text = keep
	} else {
		res.Output = nil
	}
	return nil
}

// cellRule is the column or path override for a value, or nil.
func overrideFor(m map[string]*Rule, key string) *Rule {
	if r, ok := m[key]; ok {
		return r
	}
	return nil
}

// valueFindings detects the findings of one table cell or JSON value.
func valueFindings(e *detect.Engine, text []byte, label string) []pi.Finding {
	return e.DetectLabeled(text, label, nil)
}

// applyValue transforms one value, with an override that takes the whole
// value when given.
func applyValue(opt Options, value []byte, fs []pi.Finding, override *Rule) ([]byte, []Change, error) {
	if override == nil {
		return opt.Profile.Apply(opt.Context, value, fs)
	}
	whole := pi.Finding{Type: "", Start: 0, End: len(value), Score: 1}
	for _, f := range fs { // the value's own type and subject, when found
		if f.End-f.Start > len(value)/2 {
			whole.Type, whole.Category, whole.Attrs = f.Type, f.Category, f.Attrs
			break
		}
	}
	p := &Profile{Name: opt.Profile.Name, MinScore: 0, Rules: []*Rule{override}, Default: override, File: opt.Profile.File}
	return p.Apply(opt.Context, value, []pi.Finding{whole})
}

// redactCSV de-identifies a table row by row; a row's cells are one
// record, so a child's age in one column protects every cell of the row.
func redactCSV(ctx context.Context, name string, r io.Reader, w io.Writer, opt Options, res *Result) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cw := csv.NewWriter(w)
	if res.Format == "tsv" {
		cr.Comma, cw.Comma = '\t', '\t'
	}
	var header []string
	row := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w (nothing was written: fix the row and run again)", name, err)
		}
		if header == nil && !opt.NoHeader {
			header = append([]string(nil), rec...)
			if err := cw.Write(rec); err != nil {
				return err
			}
			continue
		}
		row++
		out, changes, err := redactRow(opt, header, rec, row)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		res.Changes = append(res.Changes, changes...)
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// redactRow de-identifies one row of a table (CSV, or a worksheet's row
// with its cells in column order, "" where there is none): its cells are
// one record, so a child's age in one column protects every cell of the
// row. It returns the new cells and the changes, located by row and
// column.
func redactRow(opt Options, header, rec []string, row int) ([]string, []Change, error) {
	cells := make([][]pi.Finding, len(rec))
	var all []*pi.Finding
	var cols []string
	docType := detect.RowDocType(header, rec) // 证件号码 under 证件类型=护照, as scan reads it
	for i, cell := range rec {
		if cell == "" {
			continue
		}
		col := columnName(header, i)
		cells[i] = valueFindings(opt.Engine, []byte(cell), detect.CellLabel(col, docType))
		owner := subject.CellOwner(col, []byte(cell))
		for k := range cells[i] {
			all = append(all, &cells[i][k])
			cols = append(cols, owner)
		}
	}
	subject.ApplyRow(all, cols, fmt.Sprintf("row %d", row))
	out := make([]string, len(rec))
	var changes []Change
	for i, cell := range rec {
		if cell == "" {
			continue
		}
		col := columnName(header, i)
		override := overrideFor(opt.Columns, col)
		if override == nil {
			if q, ok := questionFinding(opt, col, cell, all); ok {
				// a yes-or-no column on a label or a condition (是否留守儿童):
				// every answer the profile would change becomes one mark, so
				// that the rows that say yes do not stand out from those that
				// say no
				cells[i] = []pi.Finding{q}
				v, chs, err := applyValue(opt, []byte(cell), cells[i], nil)
				if err != nil {
					return nil, nil, fmt.Errorf("row %d column %s: %w", row, col, err)
				}
				if string(v) != cell {
					v = []byte(answerMark)
					for k := range chs {
						chs[k].After, chs[k].Row, chs[k].Column = answerMark, row, col
					}
				}
				changes = append(changes, chs...)
				out[i] = string(v)
				continue
			}
		}
		v, chs, err := applyValue(opt, []byte(cell), cells[i], override)
		if err != nil {
			return nil, nil, fmt.Errorf("row %d column %s: %w", row, col, err)
		}
		for k := range chs {
			chs[k].Row, chs[k].Column = row, col
		}
		changes = append(changes, chs...)
		out[i] = string(v)
	}
	return out, changes, nil
}

// answerMark replaces every answer of a yes-or-no column the profile
// changes.
const answerMark = "[已隐去]"

// questionFinding returns the finding a yes-or-no column asks about (是否
// 留守儿童: special_identity; 有无传染病史: health) as the finding of cell,
// any answer, with the row's subject (its minor and under-14 marks) from
// the row's findings; ok is false for a column that asks no such question.
func questionFinding(opt Options, col, cell string, row []*pi.Finding) (pi.Finding, bool) {
	if utf8.RuneCountInString(strings.TrimSpace(cell)) > 4 {
		return pi.Finding{}, false // a note, not an answer
	}
	q, found := columnQuestion(opt.Engine, col)
	if !found {
		return pi.Finding{}, false
	}
	q.Start, q.End = 0, len(cell)
	q.Attrs, q.Extra = slices.Clone(q.Attrs), slices.Clone(q.Extra) // the cached finding is shared
	for _, f := range row {
		if f.Attr(pi.AttrMinor) == "true" {
			q.SetAttr(pi.AttrMinor, "true")
		}
		if f.HasCategory(pi.CatMinorU14) {
			q.AddCategory(pi.CatMinorU14)
		}
		if s := f.Attr(subject.AttrSubject); s != "" && q.Attr(subject.AttrSubject) == "" {
			q.SetAttr(subject.AttrSubject, s)
		}
	}
	return q, true
}

// questionKey keys columnQuestion's answers: an engine and a column.
type questionKey struct {
	e   *detect.Engine
	col string
}

// questions caches columnQuestion's answers (a question's finding, or nil):
// a register asks it of every short cell of every row.
var questions sync.Map

// columnQuestion returns the finding a yes under column col gives (a
// yes-or-no column on a label or a condition), found false when the column
// asks no such question.
func columnQuestion(e *detect.Engine, col string) (pi.Finding, bool) {
	key := questionKey{e, col}
	// the finding is shared by every caller: they clone its slices
	if v, ok := questions.Load(key); ok {
		if f, _ := v.(*pi.Finding); f != nil {
			return *f, true
		}
		return pi.Finding{}, false
	}
	var q *pi.Finding
	for _, f := range valueFindings(e, []byte("是"), col) {
		if f.Evidence.Validator == "column:question" {
			q = &f
			break
		}
	}
	questions.Store(key, q)
	if q == nil {
		return pi.Finding{}, false
	}
	return *q, true
}

func columnName(header []string, i int) string {
	if i < len(header) && header[i] != "" {
		return header[i]
	}
	return fmt.Sprint(i + 1)
}
