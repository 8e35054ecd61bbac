// Package scan runs Custos's pipeline over inputs: it expands paths into
// files, reads each into fragments (extract), finds personal information in
// them on every core (detect), places the findings (report) and hands them
// to a report writer in input order. Memory stays bounded: only a few
// fragments per worker are in flight, whatever the size of the input.
package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/report"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/terms"
)

// Options configures a scan.
type Options struct {
	// Workers is the number of detection goroutines; 0 means GOMAXPROCS.
	Workers int
	// Extract configures the readers (format, encoding, header).
	Extract extract.Options
	// Include and Exclude filter the files found in directories (globs).
	Include, Exclude []string
	// ShowValues writes values unmasked.
	ShowValues bool
	// Progress, when set, is called with the number of input bytes done so
	// far (from the detection goroutines; it must be cheap and safe).
	Progress func(done int64)
}

// Result sums up a scan.
type Result struct {
	Summary report.Summary
	// Problems lists the bad pieces of input, in input order.
	Problems []report.Problem
}

type job struct {
	seq int
	// frags are one text fragment, or the cells of one record (a CSV row,
	// a JSON object), whose findings share one subject
	frags   []extract.Fragment
	record  string
	problem *report.Problem
	file    bool // a new file starts
	// header is the register a plain-text fragment goes on (the columns
	// of a header row in a fragment before it, terms.OpenHeader)
	header []string
}

type result struct {
	seq     int
	recs    []report.Record
	bytes   int64
	problem *report.Problem
	file    bool
	// keys are the JSON object keys of the job that hold personal
	// information, with their masked form (masking mode only).
	keys []keyMask
}

// keyMask is a JSON key holding personal information ({"13800138000": …})
// and its masked form: the paths of the values under it name the key, so
// in masking mode the paths are masked too, or the report would leak it.
type keyMask struct{ raw, masked string }

// maxMaskedKeys bounds the PI keys remembered per file; past it they are
// forgotten and the paths of values far below a key forgotten that way are
// no longer masked (a file keyed by that many phone numbers would have to
// nest its values that deep, past hundreds of thousands of others).
const maxMaskedKeys = 1 << 16

// Run scans paths ("-" is stdin) and writes findings to out in input order.
// Bad input is reported in the result and to out, and the scan goes on; the
// error is non-nil only when the scan could not go on (ctx cancelled, out
// failed).
func Run(ctx context.Context, eng *detect.Engine, paths []string, stdin io.Reader, opt Options, out report.Writer) (Result, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan job, workers*2)
	results := make(chan result, workers*2)
	var res Result
	var done atomic.Int64

	// reader: files in order, fragments in order
	go func() {
		defer close(jobs)
		seq := 0
		send := func(j job) bool {
			j.seq = seq
			seq++
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		}
		problem := func(p *report.Problem) bool { return send(job{problem: p}) }
		var walkProblems []*report.Problem
		files := extract.Walk(paths, opt.Include, opt.Exclude, func(p *extract.Problem) {
			walkProblems = append(walkProblems, toProblem(p))
		})
		for _, p := range walkProblems {
			if !problem(p) {
				return
			}
		}
		for _, name := range files {
			var r io.Reader
			display := name
			if name == "-" {
				r, display = stdin, "-"
			} else {
				f, err := os.Open(name)
				if err != nil {
					if !problem(&report.Problem{File: name, Message: describeOpen(err)}) {
						return
					}
					continue
				}
				r = f
			}
			if !send(job{file: true}) {
				return
			}
			// cells of one record travel together
			var pending []extract.Fragment
			pendingKey := ""
			// a register typed as text goes on from one fragment to the
			// next under the header row of the first
			var header, pendingHeader []string
			flush := func() bool {
				if len(pending) == 0 {
					return true
				}
				ok := send(job{frags: pending, record: pendingKey, header: pendingHeader})
				pending, pendingKey, pendingHeader = nil, "", nil
				return ok
			}
			err := extract.Read(ctx, display, r, opt.Extract, func(fr extract.Fragment) error {
				key := recordKey(fr.Loc)
				if key != pendingKey || len(pending) >= maxRecordCells || key == "" {
					if !flush() {
						return ctx.Err()
					}
				}
				pending, pendingKey = append(pending, fr), key
				if fr.Loc.Path == "" && fr.Loc.Column == "" {
					pendingHeader = header
					header = terms.OpenHeader(fr.Text, header)
				}
				return nil
			}, func(p *extract.Problem) {
				flush()
				problem(toProblem(p))
			})
			if !flush() {
				return
			}
			if c, ok := r.(io.Closer); ok && name != "-" {
				c.Close()
			}
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				if !problem(&report.Problem{File: display, Message: "read: " + err.Error()}) {
					return
				}
			}
		}
	}()

	// detection workers
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var findings []pi.Finding
			for j := range jobs {
				r := result{seq: j.seq, problem: j.problem, file: j.file}
				if j.problem == nil && !j.file {
					r.recs, r.keys, r.bytes = detectJob(eng, j, opt.ShowValues, &findings)
					if opt.Progress != nil {
						opt.Progress(done.Add(r.bytes))
					}
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// collector: restore input order
	pending := map[int]result{}
	next := 0
	keys := map[string]string{} // PI keys of the current file → masked
	var writeErr error
	for r := range results {
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if writeErr != nil {
				continue
			}
			switch {
			case r.problem != nil:
				res.Problems = append(res.Problems, *r.problem)
				res.Summary.Problems++
				writeErr = out.Problem(*r.problem)
			case r.file:
				res.Summary.Files++
				clear(keys)
			default:
				res.Summary.Bytes += r.bytes
				for _, k := range r.keys {
					if len(keys) >= maxMaskedKeys {
						clear(keys)
					}
					keys[k.raw] = k.masked
				}
				maskPaths(r.recs, keys)
				if len(r.recs) > 0 {
					res.Summary.Add(r.recs)
					writeErr = out.Write(r.recs)
				}
			}
			if writeErr != nil {
				cancel()
			}
		}
	}
	if res.Summary.ByType == nil {
		res.Summary.ByType = map[string]int{}
	}
	if writeErr != nil {
		return res, fmt.Errorf("write report: %w", writeErr)
	}
	if err := parent.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// maxRecordCells bounds the cells grouped as one record, so a huge JSON
// object does not hold the stream.
const maxRecordCells = 512

// recordKey says which record a fragment belongs to: a CSV row, a
// worksheet row ("名单!C5" belongs to row 5 of 名单), a row of an HTML
// table ("table[2] row 3": rows of different tables are never one
// record), or the innermost array element of a JSON value
// ($.patients[2].phone belongs to $.patients[2]); "" for text, documents,
// HTML outside tables and header cells.
func recordKey(l pi.Locator) string {
	switch {
	case l.Column != "" && l.Row > 0:
		if strings.HasPrefix(l.Path, "table[") {
			return l.Path + " row " + strconv.Itoa(l.Row)
		}
		if sheet, _, ok := strings.Cut(l.Path, "!"); ok {
			return sheet + " row " + strconv.Itoa(l.Row)
		}
		return "row " + strconv.Itoa(l.Row)
	case strings.HasPrefix(l.Path, "$"):
		// the innermost array element that is no event of the record
		// around it ($.visits[0] is its patient's)
		return "record " + strconv.Itoa(l.Row) + " " + subject.RecordPath(l.Path)
	}
	return ""
}

// detectJob finds the personal information of one job: each fragment on
// its own, then, for a record, the subject facts across its cells.
func detectJob(eng *detect.Engine, j job, reveal bool, buf *[]pi.Finding) ([]report.Record, []keyMask, int64) {
	var bytes int64
	all := (*buf)[:0]
	ends := make([]int, len(j.frags))
	docType := ""
	if j.record != "" {
		docType = rowDocType(j.frags)
	}
	for i, fr := range j.frags {
		n := len(all)
		if j.header != nil {
			all = eng.DetectFrom(fr.Text, j.header, all)
		} else {
			// 证件号码 under 证件类型=护照 is a passport's
			all = eng.DetectLabeled(fr.Text, detect.CellLabel(label(fr.Loc), docType), all)
		}
		if isHeaderCell(fr.Loc) {
			all = dropTerms(all, n)
		}
		ends[i] = len(all)
		bytes += int64(len(fr.Text))
	}
	*buf = all
	if len(all) == 0 {
		return nil, nil, bytes
	}
	if j.record != "" && len(j.frags) > 1 {
		ptrs := make([]*pi.Finding, len(all))
		paths := make([]string, len(all))
		columns := make([]string, len(all))
		for i, k := 0, 0; i < len(all); i++ {
			for ends[k] <= i {
				k++
			}
			ptrs[i], paths[i], columns[i] = &all[i], j.frags[k].Loc.Path, subject.CellOwner(j.frags[k].Loc.Column, j.frags[k].Text)
		}
		if strings.HasPrefix(j.record, "record ") {
			subject.ApplyNested(ptrs, paths, j.record) // a JSON record: nested people apart
		} else {
			subject.ApplyRow(ptrs, columns, j.record) // a table's row: a guardian's columns apart
		}
	}
	var recs []report.Record
	var keys []keyMask
	start := 0
	for i, fr := range j.frags {
		if ends[i] > start {
			recs = report.Place(fr.Text, fr.Loc, all[start:ends[i]], reveal, recs)
			if !reveal && strings.HasSuffix(fr.Loc.Path, extract.KeySuffix) {
				keys = append(keys, keyMask{string(fr.Text), maskText(fr.Text, all[start:ends[i]])})
			}
		}
		start = ends[i]
	}
	return recs, keys, bytes
}

// rowDocType returns the value of a row's document-type cell, "" when the
// row has none (detect.RowDocType).
func rowDocType(frags []extract.Fragment) string {
	for _, fr := range frags {
		if !isHeaderCell(fr.Loc) && len(fr.Text) <= 30 && detect.DocTypeColumn(label(fr.Loc)) {
			return strings.TrimSpace(string(fr.Text))
		}
	}
	return ""
}

// isHeaderCell reports a cell of a table's header row.
func isHeaderCell(l pi.Locator) bool { return l.Row == 0 && l.Column != "" }

// dropTerms removes, from fs[from:], the findings of the term lists: in a
// header cell (体温, 民族, 职业) such a word names a column, not anyone's
// fact. Identifiers and names stay: a table without a header has data in
// its first row.
func dropTerms(fs []pi.Finding, from int) []pi.Finding {
	out := fs[:from]
	for _, f := range fs[from:] {
		if f.Source != terms.Source {
			out = append(out, f)
		}
	}
	return out
}

// maskText masks the findings of text (outermost first, as report does for
// values).
func maskText(text []byte, fs []pi.Finding) string {
	var b strings.Builder
	pos := 0
	for _, f := range fs {
		if f.Start < pos || f.Start >= f.End {
			continue
		}
		b.Write(text[pos:f.Start])
		b.WriteString(report.Mask(f.Type, string(text[f.Start:f.End])))
		pos = f.End
	}
	b.Write(text[pos:])
	return b.String()
}

// maskPaths rewrites, in the paths of recs, every segment that names a key
// of keys with the key's masked form.
func maskPaths(recs []report.Record, keys map[string]string) {
	if len(keys) == 0 {
		return
	}
	for i := range recs {
		if p := recs[i].Path; p != "" && p[0] == '$' {
			recs[i].Path = maskPath(p, keys)
		}
	}
}

// maskPath rewrites one JSON path ($.a["b c"][2].d, as extract writes
// them).
func maskPath(p string, keys map[string]string) string {
	var b strings.Builder
	b.WriteByte('$')
	changed := false
	for i := 1; i < len(p); {
		switch {
		case p[i] == '.' && strings.HasPrefix(p[i:], extract.KeySuffix) && i+len(extract.KeySuffix) == len(p):
			b.WriteString(extract.KeySuffix)
			i = len(p)
		case p[i] == '.':
			j := i + 1
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			key := p[i+1 : j]
			if m, ok := keys[key]; ok {
				b.WriteString(extract.PathSegment(m))
				changed = true
			} else {
				b.WriteString(p[i:j])
			}
			i = j
		case strings.HasPrefix(p[i:], `["`):
			key, n, ok := unquoteSegment(p[i+1:])
			if !ok {
				return p
			}
			if m, found := keys[key]; found {
				b.WriteString(extract.PathSegment(m))
				changed = true
			} else {
				b.WriteString(p[i : i+1+n+1])
			}
			i += 1 + n + 1
		case p[i] == '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return p
			}
			b.WriteString(p[i : i+j+1])
			i += j + 1
		default:
			return p
		}
	}
	if !changed {
		return p
	}
	return b.String()
}

// unquoteSegment reads the quoted key at the start of s ("…" with \" \\
// and \uXXXX escapes) and returns it and the bytes it took, up to the
// closing ']' excluded.
func unquoteSegment(s string) (key string, n int, ok bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 >= len(s) {
				return "", 0, false
			}
			if s[i+1] == 'u' && i+5 < len(s) {
				v, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
				if err != nil {
					return "", 0, false
				}
				b.WriteRune(rune(v))
				i += 5
				continue
			}
			b.WriteByte(s[i+1])
			i++
		case '"':
			if i+1 < len(s) && s[i+1] == ']' {
				return b.String(), i + 1, true
			}
			return "", 0, false
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// label is the context a fragment's locator gives: a CSV column name or the
// last key of a JSON path.
func label(l pi.Locator) string {
	if isHeaderCell(l) {
		return "" // a column's name is not under itself (所在村 is no village)
	}
	if l.Column != "" {
		return l.Column
	}
	if l.Path != "" {
		p := l.Path
		if i := strings.LastIndexAny(p, ".["); i >= 0 {
			p = p[i+1:]
		}
		return strings.Trim(p, `"]`)
	}
	return ""
}

func toProblem(p *extract.Problem) *report.Problem {
	return &report.Problem{File: p.File, Line: p.Line, Row: p.Row, Path: p.Path, Message: p.Error()}
}

func describeOpen(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("cannot open %s: %v", pe.Path, pe.Err)
	}
	return err.Error()
}
