package main

import (
	"errors"
	"io"
	"math"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/risk"
)

func newRiskCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		ef     engineFlags
		cfg    risk.Config
		format string
	)
	c := &cobra.Command{
		Use:   "risk [table.csv|-] [--bulletins day1.txt day2.txt …]",
		Short: "Measure the re-identification risk of a table or of a series of case bulletins",
		Long: `Measure how identifiable the people in a table are, and find the generalization
that makes it safe to release (GB/T 37964 de-identification, rules DEID-RELEASE-K
and EPI-BULLETIN-1).

A table (CSV or TSV; "-" or nothing reads stdin) is read once, keeping only the
counts of each distinct combination of quasi-identifiers, so tables larger than
memory work. Quasi-identifiers are chosen from the column names and the content
of the first rows (detection), or named with --qi (col or col:kind, kinds age,
date, region, sex, categorical, numeric, resident_id); sensitive columns with
--sensitive, direct identifiers (left out) with --id. The report gives
k-anonymity, ℓ-diversity and t-closeness, prosecutor, journalist and marketer
risk, the smallest classes, and the least-loss generalization reaching --k
(default 20 when a sensitive column makes the data stigmatising, 5 otherwise)
with at most --max-suppress of the records suppressed. --out writes that
generalized table (direct identifiers dropped, suppressed rows left out).

With --bulletins, the files are one bulletin each: case entries are linked
across them, and the report shows the persons whose combined facts single
them out.

Exit codes: 0 the target is met (no one singled out), 1 it is not, 2 usage or
input error.`,
		Example: `  custos risk patients.csv
  custos risk --qi 年龄,性别,住址:region --sensitive 诊断 --k 10 --out release.csv patients.csv
  custos risk --format json --population 2100000 cases.csv
  custos risk --bulletins day1.txt day2.txt day3.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			// main's soft memory limit suits scanning, whose heap is the
			// models plus fragments in flight. Here the heap holds one
			// entry per distinct quasi-identifier tuple by design (a
			// million for a million-row table of near-unique rows), and
			// under that limit the collector runs without pause: lift it
			// unless the user set GOMEMLIMIT.
			if os.Getenv("GOMEMLIMIT") == "" {
				debug.SetMemoryLimit(math.MaxInt64)
			}
			eng, err := ef.engine()
			if err != nil {
				return err
			}
			cfg.Inputs = args
			cfg.Format = format
			cfg.Engine = eng
			res, err := risk.Run(cmd.Context(), cfg, cmd.InOrStdin(), stdout, stderr)
			var ue *risk.UsageError
			switch {
			case errors.As(err, &ue):
				return usagef("%s", ue.Msg)
			case err != nil:
				return err
			case !res.Pass:
				return &exitCode{code: exitFindings}
			}
			return nil
		},
	}
	ef.register(c, 0.25)
	fl := c.Flags()
	fl.StringVarP(&format, "format", "f", "table", "report format: table or json (schema custos.risk/v1)")
	fl.BoolVar(&cfg.Bulletins, "bulletins", false, "the arguments are a series of bulletins (text files), not a table")
	fl.StringSliceVar(&cfg.Select.QI, "qi", nil, "quasi-identifier columns, col or col:kind (default: chosen from names and content)")
	fl.StringSliceVar(&cfg.Select.Sensitive, "sensitive", nil, "sensitive columns for ℓ-diversity and t-closeness, col or col:numeric")
	fl.StringSliceVar(&cfg.Select.ID, "id", nil, "direct identifier columns, left out of the analysis and the output")
	fl.IntVar(&cfg.K, "k", 0, "target k (default 20 with a sensitive column, else 5; 20 for bulletins)")
	fl.IntVar(&cfg.L, "l", 0, "target distinct ℓ-diversity of each sensitive column (0: none)")
	fl.Float64Var(&cfg.MaxSuppress, "max-suppress", 0.01, "largest share of records the generalization may suppress")
	fl.BoolVar(&cfg.NoSearch, "no-search", false, "measure the table as given only")
	fl.Int64Var(&cfg.PopulationSize, "population", 0, "size of the population the table was drawn from (journalist risk)")
	fl.Float64Var(&cfg.SampleFraction, "sample-fraction", 0, "share of the population the table holds (journalist risk)")
	fl.StringVar(&cfg.PopulationTable, "population-table", "", "CSV of the population with the same quasi-identifier columns (optional count column)")
	fl.StringVar(&cfg.Out, "out", "", "write the generalized table to this CSV file")
	fl.StringVar(&cfg.Encoding, "encoding", "", "input encoding: utf-8, gb18030 (gbk), utf-16le, utf-16be (default: detect)")
	fl.StringVar(&cfg.InputFormat, "input-format", "", "table format: csv, tsv or xlsx (its first sheet) (default: by extension, csv for stdin)")
	fl.BoolVar(&cfg.NoHeader, "no-header", false, "the first row is data; columns are named 1, 2, …")
	fl.IntVar(&cfg.SampleRows, "sample-rows", risk.DefaultSampleRows, "leading rows used to choose the columns' roles")
	return c
}
