package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/policy"
)

// policyFlags are the flags shared by the commands that load rule packs.
type policyFlags struct {
	dirs    []string
	disable []string
	consts  []string
}

func (f *policyFlags) register(c *cobra.Command) {
	fl := c.PersistentFlags()
	fl.StringArrayVar(&f.dirs, "rules", nil, "extra rule-pack `dir`ectory (repeatable), e.g. a provincial regulation")
	fl.StringArrayVar(&f.disable, "disable", nil, "switch off a rule: `ID=reason` (repeatable)")
	fl.StringArrayVar(&f.consts, "const", nil, "override a constant: `KEY=VALUE` (repeatable)")
}

func (f *policyFlags) options() (policy.Options, error) {
	opts := policy.Options{Dirs: f.dirs}
	if len(f.disable) > 0 {
		opts.Disable = map[string]string{}
		for _, d := range f.disable {
			id, reason, ok := strings.Cut(d, "=")
			if !ok || strings.TrimSpace(reason) == "" {
				return opts, usagef("--disable %q: want ID=reason (a reason is required)", d)
			}
			opts.Disable[strings.TrimSpace(id)] = strings.TrimSpace(reason)
		}
	}
	if len(f.consts) > 0 {
		opts.Constants = map[string]int64{}
		for _, c := range f.consts {
			k, v, ok := strings.Cut(c, "=")
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if !ok || err != nil {
				return opts, usagef("--const %q: want KEY=INTEGER", c)
			}
			opts.Constants[strings.TrimSpace(k)] = n
		}
	}
	return opts, nil
}

func (f *policyFlags) engine() (*policy.Engine, error) {
	opts, err := f.options()
	if err != nil {
		return nil, err
	}
	return policy.Load(opts)
}

func newRulesCmd(stdout, stderr io.Writer) *cobra.Command {
	var pf policyFlags
	c := &cobra.Command{
		Use:   "rules",
		Short: "List, show and test the policy rule packs",
		Long: `Inspect the PIPL rule packs the policy engine uses: the embedded packs (one per
source instrument) plus any --rules directories.

  custos rules list [--stage S] [--pack P]   one line per rule
  custos rules show ID                       a rule in full, with its tests
  custos rules test [DIR|FILE …]             run the packs' test cases (and
                                             scenario files) and report coverage
  custos rules codes                         obligation, finding and flag codes
  custos rules facts                         facts a request may state
  custos rules constants                     the constants table (catalogue §5)`,
	}
	pf.register(c)
	c.AddCommand(newRulesListCmd(&pf, stdout), newRulesShowCmd(&pf, stdout), newRulesTestCmd(&pf, stdout, stderr),
		newRulesCodesCmd(&pf, stdout), newRulesFactsCmd(&pf, stdout), newRulesConstantsCmd(&pf, stdout))
	return c
}

func newRulesListCmd(pf *policyFlags, stdout io.Writer) *cobra.Command {
	var stage, pack string
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List the rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			type row struct {
				ID       string `json:"id"`
				Stage    string `json:"stage"`
				Tag      string `json:"tag"`
				Citation string `json:"citation"`
				Title    string `json:"title"`
				Pack     string `json:"pack"`
				Disabled string `json:"disabled,omitempty"`
			}
			var rows []row
			for _, p := range eng.Packs() {
				if pack != "" && !strings.Contains(p.File, pack) && p.Instrument.ID != pack {
					continue
				}
				for _, r := range p.Rules {
					if stage != "" && r.Stage != stage {
						continue
					}
					reason, _ := eng.Disabled(r.ID)
					rows = append(rows, row{r.ID, r.Stage, r.Tag, r.CitationString(), r.Title, p.File, reason})
				}
			}
			if asJSON {
				return writeJSON(stdout, rows)
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSTAGE\tTAG\tCITATION\tTITLE")
			for _, r := range rows {
				title := r.Title
				if r.Disabled != "" {
					title += "  [disabled: " + r.Disabled + "]"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Stage, r.Tag, r.Citation, title)
			}
			tw.Flush()
			fmt.Fprintf(stdout, "%d rules\n", len(rows))
			return nil
		},
	}
	c.Flags().StringVar(&stage, "stage", "", "only rules of this stage")
	c.Flags().StringVar(&pack, "pack", "", "only rules of this pack (file name or instrument id)")
	c.Flags().BoolVar(&asJSON, "json", false, "JSON output")
	return c
}

func newRulesShowCmd(pf *policyFlags, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show one rule in full",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			r, ok := eng.Rule(args[0])
			if !ok {
				return usagef("no rule %q (see `custos rules list`)", args[0])
			}
			fmt.Fprintf(stdout, "%s — %s\n", r.ID, r.Title)
			if len(r.Aliases) > 0 {
				fmt.Fprintf(stdout, "aliases:   %s\n", strings.Join(r.Aliases, ", "))
			}
			fmt.Fprintf(stdout, "citation:  %s [%s]\n", r.CitationString(), r.Tag)
			fmt.Fprintf(stdout, "stage:     %s", r.Stage)
			if r.Advisory() {
				fmt.Fprint(stdout, " (advisory)")
			}
			fmt.Fprintf(stdout, "\ndefined:   %s\n", r.Where())
			if reason, off := eng.Disabled(r.ID); off {
				fmt.Fprintf(stdout, "DISABLED:  %s\n", reason)
			}
			fmt.Fprintf(stdout, "\n%s\n%s\n\n", r.Text.ZH, r.Text.EN)
			w := r.When
			fmt.Fprintln(stdout, "when:")
			for _, kv := range []struct {
				k string
				v []string
			}{{"kinds", w.Kinds}, {"actions", w.Actions}, {"basis", w.Basis}, {"processor", w.Processor}, {"categories", w.Categories}} {
				if len(kv.v) > 0 {
					fmt.Fprintf(stdout, "  %-11s %s\n", kv.k+":", strings.Join(kv.v, ", "))
				}
			}
			if w.If != "" {
				fmt.Fprintf(stdout, "  if:         %s\n", strings.TrimSpace(w.If))
			}
			t := r.Then
			fmt.Fprintf(stdout, "then:\n  verdict:    %s\n", t.Verdict)
			for _, kv := range []struct {
				k string
				v []string
			}{{"require", t.Require}, {"oblige", t.Oblige}, {"waive", t.Waive}, {"findings", t.Findings},
				{"flags", t.Flags}, {"advisory", t.Advisory}, {"overrides", t.Overrides}} {
				if len(kv.v) > 0 {
					fmt.Fprintf(stdout, "  %-11s %s\n", kv.k+":", strings.Join(kv.v, ", "))
				}
			}
			if t.Partial != "" {
				fmt.Fprintf(stdout, "  partial:    %s\n", t.Partial)
			}
			if t.Blame != "" {
				fmt.Fprintf(stdout, "  blame:      %s\n", t.Blame)
			}
			if t.DenyWhen != "" {
				fmt.Fprintf(stdout, "  deny_when:  %s\n", strings.TrimSpace(t.DenyWhen))
			}
			if t.InvalidateConsent {
				fmt.Fprintf(stdout, "  invalidate_consent: true\n")
			}
			if t.Route != "" {
				fmt.Fprintf(stdout, "  route:      %s\n", t.Route)
			}
			if t.Deadline != "" {
				fmt.Fprintf(stdout, "  deadline:   %s\n", t.Deadline)
			}
			if len(t.Score) > 0 {
				keys := make([]string, 0, len(t.Score))
				for k := range t.Score {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				fmt.Fprint(stdout, "  score:     ")
				for _, k := range keys {
					fmt.Fprintf(stdout, " %s=%d", k, t.Score[k])
				}
				fmt.Fprintln(stdout)
			}
			if t.Reason.EN != "" {
				fmt.Fprintf(stdout, "  reason:     %s\n              %s\n", t.Reason.ZH, t.Reason.EN)
			}
			fmt.Fprintf(stdout, "\ntests (%d):\n", len(r.Tests))
			for _, tc := range r.Tests {
				fmt.Fprintf(stdout, "  - %s\n", tc.Name)
			}
			return nil
		},
	}
}

func newRulesTestCmd(pf *policyFlags, stdout, stderr io.Writer) *cobra.Command {
	var verbose, coverage, noScenarios bool
	c := &cobra.Command{
		Use:   "test [DIR|FILE …]",
		Short: "Run the rule packs' test cases and report rule coverage",
		Long: `Run every test case the loaded rule packs carry (request → expected decision),
then the catalogue scenarios T01–T20, then any scenario FILEs given (YAML with
a "cases" list in the same format). A DIR argument is loaded as an extra rule
pack directory, so a user pack's own tests run against the embedded packs.

Coverage counts, for each rule, whether some test made it fire and some test
checked that it does not fire; --coverage lists the rules missing either.

Exit codes: 0 all pass, 1 a test failed, 2 usage or load error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var files []string
			for _, a := range args {
				st, err := os.Stat(a)
				if err != nil {
					return err
				}
				if st.IsDir() {
					pf.dirs = append(pf.dirs, a)
				} else {
					files = append(files, a)
				}
			}
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			results, cov := eng.RunTests()
			if !noScenarios {
				more, err := eng.RunScenarios(&cov)
				if err != nil {
					return err
				}
				results = append(results, more...)
			}
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				more, err := eng.RunCases(filepath.ToSlash(f), data, &cov)
				if err != nil {
					return err
				}
				results = append(results, more...)
			}
			failed := 0
			for _, r := range results {
				if r.Passed() {
					if verbose {
						fmt.Fprintf(stdout, "PASS %s %s\n", r.Where, label(r))
					}
					continue
				}
				failed++
				fmt.Fprintf(stdout, "FAIL %s %s\n", r.Where, label(r))
				for _, f := range r.Failures {
					fmt.Fprintf(stdout, "     %s\n", f)
				}
			}
			noFire, noNot := cov.Missing(eng)
			fmt.Fprintf(stdout, "%d/%d tests passed; %d rules, coverage %.1f%% (fired %d, checked not firing %d)\n",
				len(results)-failed, len(results), cov.Rules, cov.Percent(eng), cov.Rules-len(noFire), cov.Rules-len(noNot))
			if coverage {
				if len(noFire) > 0 {
					fmt.Fprintf(stdout, "never fired: %s\n", strings.Join(noFire, ", "))
				}
				if len(noNot) > 0 {
					fmt.Fprintf(stdout, "no not-firing test: %s\n", strings.Join(noNot, ", "))
				}
			}
			if failed > 0 {
				return &exitCode{code: 1, err: fmt.Errorf("%d of %d tests failed", failed, len(results))}
			}
			return nil
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "list passing tests too")
	c.Flags().BoolVar(&coverage, "coverage", false, "list rules without a firing or a not-firing test")
	c.Flags().BoolVar(&noScenarios, "no-scenarios", false, "skip the embedded catalogue scenarios")
	return c
}

func label(r policy.TestResult) string {
	if r.Rule == "" {
		return r.Name
	}
	return r.Rule + ": " + r.Name
}

func newRulesCodesCmd(pf *policyFlags, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "codes",
		Short: "List the obligation, finding, flag and advisory codes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "CODE\tKIND\tCITATION\tMEANING")
			for _, c := range eng.Codes() {
				ext := ""
				if c.Extension {
					ext = " (extension)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", c.Code, c.Kind, c.Citation, c.Text.EN, ext)
			}
			return tw.Flush()
		},
	}
}

func newRulesFactsCmd(pf *policyFlags, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "facts",
		Short: "List the facts a request may state under \"facts\"",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FACT\tTYPE\tMEANING")
			for _, f := range eng.Facts() {
				t := f.Type
				if len(f.Values) > 0 {
					t += " (" + strings.Join(f.Values, "|") + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Name, t, f.Text.EN)
			}
			return tw.Flush()
		},
	}
}

func newRulesConstantsCmd(pf *policyFlags, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "constants",
		Short: "List the constants (catalogue §5) with their citations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			cs := eng.Constants()
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tVALUE\tUNIT\tCITATION\tTAG\tMEANING")
			for _, c := range cs {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", c.Key, c.Value, c.Unit, c.Citation, c.Tag, c.Meaning)
			}
			return tw.Flush()
		},
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
