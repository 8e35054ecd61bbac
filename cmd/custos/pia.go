package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/pia"
	"github.com/custos-project/custos/policy"
)

func newPIACmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		pf     policyFlags
		format string
		out    string
		scans  []string
		date   string
	)
	c := &cobra.Command{
		Use:   "pia activity.yaml",
		Short: "Write a personal-information protection impact assessment (PIPL Arts 55–56)",
		Long: `Assess a processing activity described in YAML (schema custos.activity/v1: name,
purpose, basis, processor, subject, consent, context, categories, recipients,
retention, measures, facts, and the operations — collect, store, provide,
disclose_public, transfer_abroad …). Each operation is decided by the policy
engine; the report gives the categories (declared, or found by --scan in
sample documents), the decisions with their citations, the risk to the
people concerned, the obligations and the gaps, the processor-level findings,
the recommended-standard advice, and the record-keeping duty (at least 3
years, PIPL Art 56). The assessment being written counts as the PIA the
rules ask for.

Exit codes: 0 the activity may proceed (with its duties), 1 an operation is
denied or a processor-level finding is open, 2 usage or input error.`,
		Example: `  custos pia examples/activity-register.yaml
  custos pia --format html -o pia.html --scan examples/register.csv examples/activity-register.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "markdown" && format != "md" && format != "html" {
				return usagef("--format %q: want markdown or html", format)
			}
			today := time.Now()
			if date != "" {
				d, err := time.Parse("2006-01-02", date)
				if err != nil {
					return usagef("--date %q: want YYYY-MM-DD", date)
				}
				today = d
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			act, err := pia.ParseActivity(data)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			var found []policy.ScanFinding
			for _, s := range scans {
				fs, problems, err := scanFindings(cmd.Context(), s)
				if err != nil {
					return err
				}
				for _, p := range problems {
					fmt.Fprintf(stderr, "custos: %s\n", p)
				}
				found = append(found, fs...)
			}
			rep, err := pia.Assess(eng, act, found, scans, today)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			w := stdout
			if out != "" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if format == "html" {
				err = rep.WriteHTML(w)
			} else {
				err = rep.WriteMarkdown(w)
			}
			if err != nil {
				return err
			}
			if rep.Verdict != "PROCEED" {
				return &exitCode{code: 1}
			}
			return nil
		},
	}
	pf.register(c)
	c.Flags().StringVar(&format, "format", "markdown", "markdown or html")
	c.Flags().StringVarP(&out, "output", "o", "", "write the report to this `file`")
	c.Flags().StringArrayVar(&scans, "scan", nil, "scan this sample `file` for the categories processed (repeatable)")
	c.Flags().StringVar(&date, "date", "", "assessment date YYYY-MM-DD (default: the activity's assessed_on, else today)")
	return c
}
