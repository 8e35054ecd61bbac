package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/redact"
	"github.com/custos-project/custos/risk"
)

// keyFlags say where the secret key comes from.
type keyFlags struct {
	file string
	env  string
}

func (k *keyFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&k.file, "key-file", "", "file holding the secret key (hex, base64 or raw, at least 16 bytes)")
	c.Flags().StringVar(&k.env, "key-env", "", "environment variable holding the secret key")
}

func (k *keyFlags) key() ([]byte, error) {
	switch {
	case k.file != "" && k.env != "":
		return nil, usagef("give --key-file or --key-env, not both")
	case k.file != "":
		return deid.KeyFromFile(k.file)
	case k.env != "":
		return deid.KeyFromEnv(k.env)
	}
	return nil, nil
}

func newRedactCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		ef       engineFlags
		kf       keyFlags
		profile  string
		reportTo string
		columns  []string
		paths    []string
		encoding string
		inFormat string
		noHeader bool
	)
	c := &cobra.Command{
		Use:   "redact --profile P INPUT|- OUTPUT|-",
		Short: "De-identify a text, CSV/TSV, JSON/JSONL, XLSX or DOCX file to a profile",
		Long: `De-identify INPUT to a profile and write OUTPUT in the same format and encoding
(GBK in, GBK out), keeping the structure: the lines of a text, the rows and
columns of a table, the keys and layout of JSON, the sheets and styles of a
workbook, the runs and formatting of a document. OUTPUT is written only when the
whole input was processed, and never over INPUT. A workbook or document with
parts Custos cannot rewrite (pivot caches, charts, tracked changes, embedded
objects) is refused; images are copied and reported.

Built-in profiles: ` + strings.Join(redact.Builtin(), ", ") + ` (custos profiles shows them);
--profile also takes a YAML file of your own. Profiles that hash, tokenize,
pseudonymise across documents or shift dates need a key (--key-file or --key-env).

--column NAME=OP and --path '$.patients[*].phone=OP' apply an operator to a
whole CSV column or JSON value (OP may carry parameters: generalize:to=district).
--report review.html writes a page showing the text before and after, each
change with its finding, operator and the rule it cites, for a person to
check before publishing. A profile with a release check (research-release)
then checks a de-identified table for k-anonymity: exit 1 when it fails.

INPUT "-" reads standard input (text unless --input-format says otherwise);
OUTPUT "-" writes standard output, once the whole input was processed.

Exit codes: 0 done, 1 done but the release check failed, 2 usage or input error.`,
		Example: `  custos redact --profile epidemic-bulletin --report review.html bulletin.txt bulletin.public.txt
  custos redact --profile share --key-file k.key register.csv register.shared.csv
  custos redact --profile display --column 备注=redact data.csv data.masked.csv
  cat notice.txt | custos redact --profile minor-protection - -`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, out := args[0], args[1]
			p, err := redact.Load(profile)
			if err != nil {
				return &exitCode{code: exitError, err: err}
			}
			key, err := kf.key()
			if err != nil {
				return err
			}
			eng, err := ef.engine()
			if err != nil {
				return err
			}
			ref := eng.RefDate()
			opt := redact.Options{Engine: eng, Profile: p, Context: deid.NewContext(key, ref),
				Format: extract.Format(inFormat), Encoding: encoding, NoHeader: noHeader, Review: reportTo != ""}
			if err := checkInputFormat(inFormat, encoding); err != nil {
				return err
			}
			if opt.Columns, err = overrides(columns, "--column"); err != nil {
				return err
			}
			if opt.Paths, err = overrides(paths, "--path"); err != nil {
				return err
			}
			res, checked, err := redactIO(cmd, in, out, opt)
			if err != nil {
				return err
			}
			if checked != "" && checked != out {
				defer os.Remove(checked)
			}
			released := true
			changed, kept := 0, 0
			for _, ch := range res.Changes {
				if ch.Kept {
					kept++
				} else {
					changed++
				}
			}
			fmt.Fprintf(stderr, "%s → %s: %d changes, %d findings kept (profile %s, %s, %s)\n", ioName(in, "stdin"), ioName(out, "stdout"),
				changed, kept, p.Name, res.Format, res.Encoding)
			for _, w := range res.Warnings {
				fmt.Fprintf(stderr, "custos: warning: %s: %s\n", in, w)
			}
			if p.ReleaseCheck && (res.Format == "csv" || res.Format == "tsv" || res.Format == extract.FormatXLSX) {
				// the released table must not single anyone out
				fmt.Fprintf(stderr, "k-anonymity check of %s (profile %s):\n", ioName(out, "stdout"), p.Name)
				rr, err := risk.Run(cmd.Context(), risk.Config{Inputs: []string{checked}, K: p.ReleaseK, NoSearch: true,
					Engine: eng, InputFormat: string(res.Format)}, nil, stderr, stderr)
				switch {
				case errors.Is(err, risk.ErrNoQI):
					// nothing to group rows by: the table was written, but
					// no one can say it singles no one out
					defer func() {
						fmt.Fprintf(stderr, "custos: %s has no column Custos reads as a quasi-identifier (age, sex, region, date …): "+
							"it was written but not checked; check it with custos risk --qi COLUMN,… before release\n", ioName(out, "stdout"))
					}()
					released = false
				case err != nil:
					return fmt.Errorf("k-anonymity check: %w", err)
				case !rr.Pass:
					defer func() {
						fmt.Fprintln(stderr, "custos: the de-identified table does not meet the k-anonymity target: do not release it as is (custos risk can search a generalization)")
					}()
					released = false
				}
			}
			if reportTo != "" {
				f, err := os.Create(reportTo)
				if err != nil {
					return err
				}
				if err := redact.WriteReview(f, redact.Review{Input: in, Output: out, Profile: p, Result: res, Generated: time.Now()}); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
				fmt.Fprintf(stderr, "review page: %s (it holds the original values: delete it after review)\n", reportTo)
			}
			if !released {
				return &exitCode{code: exitFindings}
			}
			return nil
		},
	}
	ef.register(c, 0)
	kf.register(c)
	fl := c.Flags()
	fl.StringVarP(&profile, "profile", "p", "", "profile name or YAML file (required)")
	fl.StringVar(&reportTo, "report", "", "write an HTML review page here")
	fl.StringArrayVar(&columns, "column", nil, "NAME=OP[:k=v;k=v]: apply OP to a whole CSV/TSV column (repeatable)")
	fl.StringArrayVar(&paths, "path", nil, "PATH=OP[:k=v;k=v]: apply OP to whole JSON values ($.a[*].b; repeatable)")
	fl.StringVar(&encoding, "encoding", "", "input encoding (default: detect); the output uses the same")
	fl.StringVar(&inFormat, "input-format", "", "text, csv, tsv, json, jsonl, html (read as text) (default: by extension)")
	fl.BoolVar(&noHeader, "no-header", false, "CSV/TSV: the first row is data")
	c.MarkFlagRequired("profile")
	return c
}

// ioName is how messages call a file argument: std for "-".
func ioName(arg, std string) string {
	if arg == "-" {
		return std
	}
	return arg
}

// redactIO runs the redaction from in to out, either of which may be "-"
// (standard input, standard output). It returns the path of a file holding
// the output for the release check: out, or a temporary file (the caller
// removes it) when the output went to standard output.
func redactIO(cmd *cobra.Command, in, out string, opt redact.Options) (*redact.Result, string, error) {
	ctx := cmd.Context()
	if in != "-" && out != "-" {
		res, err := redact.File(ctx, in, out, opt)
		return res, out, err
	}
	var r io.Reader = cmd.InOrStdin()
	name := "stdin"
	if in != "-" {
		f, err := os.Open(in)
		if err != nil {
			return nil, "", err
		}
		defer f.Close()
		r, name = f, in
		if opt.Format == "" {
			opt.Format = redact.FormatOf(in)
		}
	}
	if out != "-" {
		res, err := redact.ToFile(ctx, name, r, out, opt)
		return res, out, err
	}
	// standard output gets the output only once the whole input is done
	var buf bytes.Buffer
	res, err := redact.Stream(ctx, name, r, &buf, opt)
	if err != nil {
		return nil, "", err
	}
	if _, err := cmd.OutOrStdout().Write(buf.Bytes()); err != nil {
		return nil, "", err
	}
	if !opt.Profile.ReleaseCheck {
		return res, "", nil
	}
	tmp, err := os.CreateTemp("", "custos-release-*."+string(res.Format))
	if err != nil {
		return nil, "", err
	}
	_, werr := tmp.Write(buf.Bytes())
	if err := tmp.Close(); werr == nil {
		werr = err
	}
	return res, tmp.Name(), werr
}

// overrides parses NAME=OP[:k=v;k=v] flags into rules.
func overrides(specs []string, flag string) (map[string]*redact.Rule, error) {
	if len(specs) == 0 {
		return nil, nil
	}
	out := map[string]*redact.Rule{}
	for _, s := range specs {
		name, spec, ok := strings.Cut(s, "=")
		if !ok || name == "" || spec == "" {
			return nil, usagef("%s %q: want NAME=OP", flag, s)
		}
		opName, params, _ := strings.Cut(spec, ":")
		ps := deid.Params{}
		if params != "" {
			for _, kv := range strings.Split(params, ";") {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					return nil, usagef("%s %q: parameters are k=v;k=v", flag, s)
				}
				ps[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		r := &redact.Rule{OpName: opName, Params: ps, Cite: "USER", Reason: flag + " " + name}
		if opName != "keep" && opName != "suppress" {
			op, err := deid.NewOperator(opName, ps)
			if err != nil {
				return nil, usagef("%s %q: %v", flag, s, err)
			}
			r.Op = op
		}
		out[name] = r
	}
	return out, nil
}

func newProfilesCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "profiles [NAME]",
		Short: "List the built-in de-identification profiles, or show one",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				p, err := redact.Load(args[0])
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintf(tw, "%s: %s\ncites: %s\n\nMATCH\tWHEN\tOPERATOR\tCITE\tREASON\n", p.Name, p.Description, strings.Join(p.Cite, ", "))
				for _, r := range p.Rules {
					var m []string
					for _, t := range r.Types {
						m = append(m, string(t))
					}
					for _, c := range r.Categories {
						m = append(m, string(c))
					}
					match := strings.Join(m, ",")
					if len(r.Kinds) > 0 {
						match += " (kind " + strings.Join(r.Kinds, ",") + ")"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", match, r.When, opString(r), r.Cite, r.Reason)
				}
				if p.Default != nil {
					fmt.Fprintf(tw, "(everything else)\t\t%s\t\t\n", opString(p.Default))
				}
				return tw.Flush()
			}
			for _, n := range redact.Builtin() {
				p, err := redact.Load(n)
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%-18s %s\n", n, p.Description)
			}
			return nil
		},
	}
}

func opString(r *redact.Rule) string {
	if len(r.Params) == 0 {
		return r.OpName
	}
	var kv []string
	for k, v := range r.Params {
		kv = append(kv, k+"="+v)
	}
	sort.Strings(kv)
	return r.OpName + "(" + strings.Join(kv, ", ") + ")"
}
