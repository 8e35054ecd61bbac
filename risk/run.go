package risk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
)

// Config is one run of `custos risk`: the command's flags as data, so the
// command is a thin wrapper and Run can be tested directly.
type Config struct {
	// Inputs is one table (CSV or TSV; "-" is stdin), or the bulletin
	// files when Bulletins is set.
	Inputs    []string
	Bulletins bool
	// Format is the report format: "table" (text, the default) or "json".
	Format string

	// Reading the table.
	InputFormat string // "csv", "tsv", "xlsx" (the first sheet) or "" (by extension)
	Encoding    string
	NoHeader    bool
	Select      Selection
	SampleRows  int

	// The target. K 0 means the DEID-RELEASE-K default: 20 when the
	// table has a sensitive column (stigmatising data), 5 otherwise; for
	// bulletins, 20.
	K           int
	L           int
	MaxSuppress float64
	// NoSearch skips the generalization search.
	NoSearch bool

	// The population, for the journalist and marketer risks.
	PopulationSize  int64
	SampleFraction  float64
	PopulationTable string

	// Out, when set, receives the generalized table (CSV).
	Out string

	// Engine chooses columns from content and reads bulletins; nil
	// means the default engine.
	Engine *detect.Engine
	// RefDate is the date ages derived from ID numbers are computed at;
	// zero means the engine's (today).
	RefDate time.Time
}

// UsageError is a mistake in the configuration (the command line).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usage(format string, a ...any) error { return &UsageError{fmt.Sprintf(format, a...)} }

// Result is what Run found.
type Result struct {
	// Pass is true when the table as given meets the target, or no person
	// of the bulletin series is singled out or matched by fewer than k.
	Pass bool
	// Problems counts the input problems reported on stderr.
	Problems int
	Table    *TableReport
	Series   *BulletinReport
}

// Output describes the generalized table written with --out.
type Output struct {
	File       string   `json:"file"`
	Rows       int64    `json:"rows"`
	Suppressed int64    `json:"suppressed"`
	Dropped    []string `json:"dropped_columns,omitempty"`
}

// Run runs the analysis the configuration asks for, writes the report to
// stdout and input problems to stderr, and returns what it found. Bad
// configuration is a *UsageError; an input that cannot be read is an
// error; bad rows are reported and the rest analysed.
func Run(ctx context.Context, cfg Config, stdin io.Reader, stdout, stderr io.Writer) (*Result, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.Bulletins {
		return runBulletins(ctx, cfg, stdout)
	}
	return runTable(ctx, cfg, stdin, stdout, stderr)
}

func (cfg *Config) check() error {
	switch cfg.Format {
	case "", "table", "text":
		cfg.Format = "table"
	case "json":
	default:
		return usage("--format %q: want table or json", cfg.Format)
	}
	switch strings.ToLower(cfg.InputFormat) {
	case "", "csv", "tsv", "xlsx":
	default:
		return usage("--input-format %q: a table is csv, tsv or xlsx", cfg.InputFormat)
	}
	if len(cfg.Inputs) == 0 {
		if cfg.Bulletins {
			return usage("--bulletins needs the bulletin files")
		}
		cfg.Inputs = []string{"-"}
	}
	if !cfg.Bulletins && len(cfg.Inputs) > 1 {
		return usage("one table at a time (got %d inputs); use --bulletins for a bulletin series", len(cfg.Inputs))
	}
	if cfg.K < 0 {
		return usage("--k %d: must be at least 1", cfg.K)
	}
	if cfg.L < 0 {
		return usage("--l %d: must be 0 (none) or more", cfg.L)
	}
	if cfg.MaxSuppress < 0 || cfg.MaxSuppress > 1 {
		return usage("--max-suppress %v: a share between 0 and 1", cfg.MaxSuppress)
	}
	if cfg.SampleFraction < 0 || cfg.SampleFraction > 1 {
		return usage("--sample-fraction %v: a share between 0 and 1", cfg.SampleFraction)
	}
	if cfg.PopulationSize < 0 {
		return usage("--population %d: must be positive", cfg.PopulationSize)
	}
	n := 0
	for _, set := range []bool{cfg.PopulationSize > 0, cfg.SampleFraction > 0, cfg.PopulationTable != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return usage("give one of --population, --sample-fraction and --population-table")
	}
	if cfg.Out != "" {
		if cfg.Bulletins {
			return usage("--out writes a generalized table; it does not apply to bulletins")
		}
		if cfg.NoSearch {
			return usage("--out needs the generalization search (drop --no-search)")
		}
		if cfg.Inputs[0] == "-" {
			return usage("--out reads the table a second time, so the table must be a file, not stdin")
		}
		if same(cfg.Out, cfg.Inputs[0]) {
			return usage("--out %s would overwrite the input", cfg.Out)
		}
	}
	return nil
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

func open(name string, stdin io.Reader) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(stdin), nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err // *PathError names the file
	}
	return f, nil
}

func runTable(ctx context.Context, cfg Config, stdin io.Reader, stdout, stderr io.Writer) (*Result, error) {
	res := &Result{}
	name := cfg.Inputs[0]
	ref := cfg.RefDate
	if ref.IsZero() && cfg.Engine != nil {
		ref = cfg.Engine.RefDate()
	}
	eng := cfg.Engine
	if eng == nil {
		var err error
		if eng, err = detect.New(detect.Config{RefDate: ref}); err != nil {
			return nil, err
		}
	}
	opt := TableOptions{Name: name, Format: extract.Format(strings.ToLower(cfg.InputFormat)), Encoding: cfg.Encoding,
		NoHeader: cfg.NoHeader, Select: cfg.Select, Engine: eng, RefDate: ref, SampleRows: cfg.SampleRows,
		Problem: func(p *extract.Problem) {
			res.Problems++
			fmt.Fprintln(stderr, "custos: "+p.Error())
		}}
	r, err := open(name, stdin)
	if err != nil {
		return nil, err
	}
	t, err := ReadTable(ctx, r, opt)
	r.Close()
	if err != nil {
		return nil, err
	}
	if len(t.attrs) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrNoQI)
	}
	if cfg.PopulationTable != "" {
		pr, err := open(cfg.PopulationTable, stdin)
		if err != nil {
			return nil, err
		}
		popt := opt
		popt.Name = cfg.PopulationTable
		err = t.ReadPopulation(ctx, pr, popt)
		pr.Close()
		if err != nil {
			return nil, err
		}
	}
	target := Target{K: cfg.K, L: cfg.L, MaxSuppress: cfg.MaxSuppress}
	var kNote string
	if target.K == 0 {
		target.K = 5
		kNote = "k=5: the DEID-RELEASE-K default for data that is not stigmatising (no sensitive column)"
		for _, c := range t.Columns {
			if c.Role == RoleSensitive {
				target.K = 20
				kNote = fmt.Sprintf("k=20: the DEID-RELEASE-K default for stigmatising data (sensitive column %s)", c.Name)
				break
			}
		}
	}
	if target.L > 0 && len(t.sens) == 0 {
		return nil, usage("--l %d needs a sensitive column (--sensitive)", target.L)
	}
	rep, err := t.Analyze(AnalyzeOptions{Target: target, Search: !cfg.NoSearch,
		Population: Population{Size: cfg.PopulationSize, SampleFraction: cfg.SampleFraction}})
	if err != nil {
		return nil, err
	}
	if kNote != "" {
		rep.Notes = append([]string{kNote}, rep.Notes...)
	}
	if cfg.Out != "" && rep.Search != nil && rep.Search.Found {
		out, err := writeOut(ctx, cfg, t, rep, opt)
		if err != nil {
			return nil, err
		}
		rep.Output = out
	}
	res.Table = rep
	res.Pass = rep.Pass
	if err := writeReport(stdout, cfg.Format, rep, rep.WriteText); err != nil {
		return nil, err
	}
	return res, nil
}

// writeOut writes the generalized table next to its destination first
// and renames it into place, so a failed run leaves no half table.
func writeOut(ctx context.Context, cfg Config, t *Table, rep *TableReport, opt TableOptions) (*Output, error) {
	in, err := os.Open(cfg.Inputs[0])
	if err != nil {
		return nil, err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(cfg.Out), ".custos-risk-*.csv")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", cfg.Out, err)
	}
	defer os.Remove(tmp.Name())
	w, err := t.WriteGeneralized(ctx, in, tmp, rep.Search.Node, rep.Target, opt)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", cfg.Out, err)
	}
	if err := os.Rename(tmp.Name(), cfg.Out); err != nil {
		return nil, fmt.Errorf("write %s: %w", cfg.Out, err)
	}
	out := &Output{File: cfg.Out, Rows: w.Rows, Suppressed: w.Suppressed}
	for _, c := range t.Columns {
		if c.Role == RoleDirect {
			out.Dropped = append(out.Dropped, c.Name)
		}
	}
	return out, nil
}

func runBulletins(ctx context.Context, cfg Config, stdout io.Writer) (*Result, error) {
	var bs []Bulletin
	for _, name := range cfg.Inputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if name == "-" {
			return nil, usage("bulletins are read from files, not stdin")
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		text, err := decodeText(ctx, name, b, cfg.Encoding)
		if err != nil {
			return nil, err
		}
		bs = append(bs, Bulletin{Name: filepath.Base(name), Text: text})
	}
	rep, err := LinkBulletins(bs, cfg.Engine, LinkOptions{K: cfg.K})
	if err != nil {
		return nil, err
	}
	if err := writeReport(stdout, cfg.Format, rep, rep.WriteText); err != nil {
		return nil, err
	}
	return &Result{Pass: rep.Pass, Series: rep}, nil
}

// decodeText turns a bulletin into UTF-8 with the extract reader, which
// detects GB18030 and UTF-16 the way every other input is read.
func decodeText(ctx context.Context, name string, b []byte, encoding string) ([]byte, error) {
	var out []byte
	err := extract.Read(ctx, name, strings.NewReader(string(b)), extract.Options{Format: extract.FormatText, Encoding: encoding, MaxFragment: 1 << 30},
		func(f extract.Fragment) error {
			out = append(out, f.Text...)
			return nil
		}, nil)
	return out, err
}

func writeReport(w io.Writer, format string, v any, text func(io.Writer) error) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	return text(w)
}
