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
}

type result struct {
	seq     int
	recs    []report.Record
	bytes   int64
	problem *report.Problem
	file    bool
}

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
			flush := func() bool {
				if len(pending) == 0 {
					return true
				}
				ok := send(job{frags: pending, record: pendingKey})
				pending, pendingKey = nil, ""
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
					r.recs, r.bytes = detectJob(eng, j, opt.ShowValues, &findings)
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
			default:
				res.Summary.Bytes += r.bytes
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
		p := l.Path
		if i := strings.LastIndexByte(p, ']'); i >= 0 {
			p = p[:i+1]
		} else {
			p = "$"
		}
		return "record " + strconv.Itoa(l.Row) + " " + p
	}
	return ""
}

// detectJob finds the personal information of one job: each fragment on
// its own, then, for a record, the subject facts across its cells.
func detectJob(eng *detect.Engine, j job, reveal bool, buf *[]pi.Finding) ([]report.Record, int64) {
	var bytes int64
	all := (*buf)[:0]
	ends := make([]int, len(j.frags))
	for i, fr := range j.frags {
		all = eng.DetectLabeled(fr.Text, label(fr.Loc), all)
		ends[i] = len(all)
		bytes += int64(len(fr.Text))
	}
	*buf = all
	if len(all) == 0 {
		return nil, bytes
	}
	if j.record != "" && len(j.frags) > 1 {
		ptrs := make([]*pi.Finding, len(all))
		for i := range all {
			ptrs[i] = &all[i]
		}
		subject.ApplyRecord(ptrs, j.record)
	}
	var recs []report.Record
	start := 0
	for i, fr := range j.frags {
		if ends[i] > start {
			recs = report.Place(fr.Text, fr.Loc, all[start:ends[i]], reveal, recs)
		}
		start = ends[i]
	}
	return recs, bytes
}

// label is the context a fragment's locator gives: a CSV column name or the
// last key of a JSON path.
func label(l pi.Locator) string {
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
