package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/report"
	"github.com/custos-project/custos/scan"
)

// engineFlags are the detection settings shared by scan, eval and bench.
type engineFlags struct {
	types    []string
	minScore float64
	rules    string
	refDate  string
}

func (f *engineFlags) register(c *cobra.Command, minScore float64) {
	c.Flags().StringSliceVar(&f.types, "types", nil, "only these finding types (comma-separated; see `custos types`)")
	c.Flags().Float64Var(&f.minScore, "min-score", minScore, "drop findings scoring below this (0-1)")
	c.Flags().StringVar(&f.rules, "rules", "", "YAML file of custom recognizers, allow- and deny-list")
	c.Flags().StringVar(&f.refDate, "ref-date", "", "date ages are computed at, YYYY-MM-DD (default today)")
}

func (f *engineFlags) engine() (*detect.Engine, error) {
	cfg := detect.Config{MinScore: f.minScore}
	if f.minScore < 0 || f.minScore > 1 {
		return nil, usagef("--min-score %v is outside 0-1", f.minScore)
	}
	for _, t := range f.types {
		cfg.Types = append(cfg.Types, pi.Type(strings.TrimSpace(t)))
	}
	if f.refDate != "" {
		d, err := time.Parse("2006-01-02", f.refDate)
		if err != nil {
			return nil, usagef("--ref-date %q: want YYYY-MM-DD", f.refDate)
		}
		cfg.RefDate = d
	}
	if f.rules != "" {
		r, err := detect.LoadRules(f.rules)
		if err != nil {
			return nil, err
		}
		cfg.Rules = r
	}
	eng, err := detect.New(cfg)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return eng, nil
}

func newScanCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var (
		ef         engineFlags
		format     string
		showValues bool
		include    []string
		exclude    []string
		encoding   string
		inFormat   string
		noHeader   bool
		workers    int
		keepGoing  bool
		progress   string
	)
	c := &cobra.Command{
		Use:   "scan [paths…|-]",
		Short: "Find personal information in files, directories or stdin",
		Long: `Scan files, directories (recursively) or stdin ("-", the default) for personal
information. Text, CSV/TSV, JSON/JSONL, XLSX workbooks (every sheet, hidden ones
too, and cell comments), DOCX documents (body, tables, headers, footers, comments, tracked
deletions) and HTML are read by extension (or --input-format; stdin is sniffed);
UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030/GBK are detected.

Values are masked in the output unless --show-values is given.

Exit codes: 0 nothing found, 1 findings, 2 usage or input error (bad input is
reported on stderr and the rest is still scanned; --keep-going exits 0/1 anyway).`,
		Example: `  custos scan examples/bulletin.txt
  custos scan --format jsonl --include '*.csv' data/
  cat notice.txt | custos scan -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"-"}
			}
			eng, err := ef.engine()
			if err != nil {
				return err
			}
			w, err := report.NewWriter(format, stdout)
			if err != nil {
				return usagef("%v", err)
			}
			opt := scan.Options{Workers: workers, Include: include, Exclude: exclude, ShowValues: showValues,
				Extract: extract.Options{Format: extract.Format(inFormat), Encoding: encoding, NoHeader: noHeader}}
			if err := checkInputFormat(inFormat, encoding); err != nil {
				return err
			}
			pw := newProgress(stderr, progress, args)
			if pw != nil {
				opt.Progress = pw.update
				defer pw.finish()
			}
			probe := &problemPrinter{w: stderr, pw: pw}
			res, err := scan.Run(cmd.Context(), eng, args, stdin, opt, &teeProblems{Writer: w, p: probe})
			if err != nil {
				return err
			}
			if pw != nil {
				pw.finish()
			}
			if err := w.Close(res.Summary); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			switch {
			case res.Summary.Problems > 0 && !keepGoing:
				return &exitCode{code: exitError, err: fmt.Errorf("%d input problem(s); the rest was scanned (use --keep-going to exit 0/1 anyway)", res.Summary.Problems)}
			case res.Summary.Findings > 0:
				return &exitCode{code: exitFindings}
			}
			return nil
		},
	}
	ef.register(c, 0.25)
	fl := c.Flags()
	fl.StringVarP(&format, "format", "f", "table", "output format: table, json, jsonl, sarif")
	fl.BoolVar(&showValues, "show-values", false, "print values unmasked (the report then holds personal information)")
	fl.StringSliceVar(&include, "include", nil, "only files matching these globs (base name or relative path; ** allowed)")
	fl.StringSliceVar(&exclude, "exclude", nil, "skip files matching these globs")
	fl.StringVar(&encoding, "encoding", "", "input encoding: utf-8, gb18030 (gbk), utf-16le, utf-16be (default: detect)")
	fl.StringVar(&inFormat, "input-format", "", "input format: "+extract.FormatNames+" (default: by extension)")
	fl.BoolVar(&noHeader, "no-header", false, "CSV/TSV: the first row is data, not column names")
	fl.IntVarP(&workers, "workers", "j", 0, "detection goroutines (default: all cores)")
	fl.BoolVar(&keepGoing, "keep-going", false, "exit 0/1 by findings even when some input was bad")
	fl.StringVar(&progress, "progress", "auto", "progress on stderr: auto (when stderr is a terminal), always, never")
	return c
}

func checkInputFormat(format, encoding string) error {
	switch extract.Format(strings.ToLower(format)) {
	case extract.FormatAuto, extract.FormatText, extract.FormatCSV, extract.FormatTSV, extract.FormatJSON, extract.FormatJSONL,
		extract.FormatXLSX, extract.FormatDOCX, extract.FormatHTML:
	default:
		return usagef("--input-format %q: want %s", format, extract.FormatNames)
	}
	switch strings.ToLower(encoding) {
	case "", "utf-8", "utf8", "gb18030", "gbk", "gb2312", "utf-16le", "utf-16be":
	default:
		return usagef("--encoding %q: want utf-8, gb18030, gbk, gb2312, utf-16le or utf-16be", encoding)
	}
	return nil
}

// teeProblems prints each input problem on stderr as it arrives and passes
// it on to the report writer (json and sarif keep them).
type teeProblems struct {
	report.Writer
	p *problemPrinter
}

func (t *teeProblems) Problem(p report.Problem) error {
	t.p.print(p)
	return t.Writer.Problem(p)
}

type problemPrinter struct {
	w  io.Writer
	pw *progressPrinter
}

func (p *problemPrinter) print(pr report.Problem) {
	if p.pw != nil {
		p.pw.clear()
	}
	fmt.Fprintln(p.w, "custos: "+pr.Message)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
