package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/policy"
	"github.com/custos-project/custos/report"
)

func newCheckCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var (
		pf       policyFlags
		format   string
		fromScan string
		ctxFile  string
	)
	c := &cobra.Command{
		Use:   "check [request.json|-]",
		Short: "Decide whether a processing activity is allowed, with citations",
		Long: `Decide a request (schema custos.request/v1, see policy/SCHEMA.md) against the
PIPL rule packs and explain the decision: verdict, obligations, missing
pre-conditions, the rules that fired or were overridden with their citations,
and a summary in Chinese and English.

The input is one JSON request, or several (JSON Lines or concatenated JSON
values) for a batch; "-" or no argument reads stdin. A bad request in a batch
is reported on stderr and the batch goes on.

With --from-scan FILE, the request is built from a scan of FILE (a text,
table or JSON document) and --context, a small YAML file with the rest of the
request (action, processor, basis, consent, context …): the findings give the
categories, the fields the document would publish, and the youngest subject
age. The answer lists the findings that make a DENY.

Exit codes: 0 every decision allows the activity (ALLOW, ALLOW_OBL,
ALLOW_NOCONSENT, OUT_OF_SCOPE), 1 some decision is DENY, FINDING or FLAG,
2 usage or input error.`,
		Example: `  custos check request.json
  custos check --format table < batch.jsonl
  custos check --from-scan examples/bulletin.txt --context examples/bulletin-context.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "table" {
				return usagef("--format %q: want json or table", format)
			}
			eng, err := pf.engine()
			if err != nil {
				return err
			}
			if fromScan != "" {
				if len(args) > 0 {
					return usagef("--from-scan takes no request argument")
				}
				if ctxFile == "" {
					return usagef("--from-scan needs --context (action, processor, basis …)")
				}
				return checkScan(cmd.Context(), eng, fromScan, ctxFile, format, stdout)
			}
			in := stdin
			name := "stdin"
			if len(args) == 1 && args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in, name = f, args[0]
			}
			return checkStream(eng, in, name, format, stdout, stderr)
		},
	}
	pf.register(c)
	c.Flags().StringVar(&format, "format", "json", "output: json or table")
	c.Flags().StringVar(&fromScan, "from-scan", "", "build the request from a scan of this `file`")
	c.Flags().StringVar(&ctxFile, "context", "", "YAML `file` with the rest of the request (with --from-scan)")
	return c
}

// blocking reports whether a verdict stops the activity (exit code 1).
func blocking(verdict string) bool {
	return verdict == policy.Deny || verdict == policy.Finding || verdict == policy.Flag
}

// checkStream decides every JSON value in r. One value is written as an
// indented JSON document; several as JSON Lines.
func checkStream(eng *policy.Engine, r io.Reader, name, format string, stdout, stderr io.Writer) error {
	data, err := io.ReadAll(bufio.NewReader(r))
	if err != nil {
		return err
	}
	values, err := splitJSON(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(values) == 0 {
		return fmt.Errorf("%s: no request", name)
	}
	single := len(values) == 1
	var blocked, bad int
	for _, v := range values {
		req, err := policy.ParseRequest(v.data)
		var d *policy.Decision
		if err == nil {
			d, err = eng.Decide(req)
		}
		if err != nil {
			bad++
			msg := fmt.Sprintf("%s:%d: %v", name, v.line, err)
			if single {
				return errors.New(msg)
			}
			fmt.Fprintln(stderr, "custos:", msg)
			continue
		}
		if blocking(d.Verdict) {
			blocked++
		}
		if err := writeDecision(stdout, d, format, single); err != nil {
			return err
		}
	}
	if bad > 0 {
		return &exitCode{code: exitError, err: fmt.Errorf("%s: %d of %d requests could not be decided", name, bad, len(values))}
	}
	if blocked > 0 {
		return &exitCode{code: 1}
	}
	return nil
}

type jsonValue struct {
	data []byte
	line int
}

// splitJSON splits concatenated JSON values (JSON Lines included) and
// remembers the line each starts on.
func splitJSON(data []byte) ([]jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var out []jsonValue
	for {
		start := dec.InputOffset()
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return out, nil
		}
		// Skip the whitespace before the value for its line number.
		s := int(start)
		for s < len(data) && (data[s] == ' ' || data[s] == '\n' || data[s] == '\r' || data[s] == '\t') {
			s++
		}
		line := 1 + bytes.Count(data[:s], []byte("\n"))
		if err != nil {
			return nil, fmt.Errorf("line %d: not JSON: %w", line, err)
		}
		out = append(out, jsonValue{data: raw, line: line})
	}
}

func writeDecision(w io.Writer, d *policy.Decision, format string, indent bool) error {
	if format == "table" {
		writeDecisionTable(w, d)
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(d)
}

func writeDecisionTable(w io.Writer, d *policy.Decision) {
	head := d.Verdict
	if d.RequestID != "" {
		head = d.RequestID + ": " + head
	}
	fmt.Fprintf(w, "%s\n", head)
	fmt.Fprintf(w, "  %s\n  %s\n", d.Summary.EN, d.Summary.ZH)
	list := func(label string, obs []policy.Obligation) {
		if len(obs) == 0 {
			return
		}
		fmt.Fprintf(w, "  %s:\n", label)
		for _, o := range obs {
			mark := ""
			if o.Satisfied {
				mark = " (in place)"
			}
			fmt.Fprintf(w, "    %-28s %s%s  [%s]\n", o.Ref(), o.Text.EN, mark, strings.Join(o.Rules, ", "))
		}
	}
	list("missing", d.Missing)
	list("obligations", d.Obligations)
	list("findings", d.Findings)
	list("advisory", d.Advisory)
	if len(d.Denied) > 0 {
		fmt.Fprintf(w, "  denied:\n")
		for _, it := range d.Denied {
			fmt.Fprintf(w, "    %-28s [%s]\n", it.Item, strings.Join(it.Rules, ", "))
		}
	}
	if len(d.Flags) > 0 {
		fmt.Fprintf(w, "  flags:")
		for _, f := range d.Flags {
			fmt.Fprintf(w, " %s", f.Item)
		}
		fmt.Fprintln(w)
	}
	if d.Route != "" {
		fmt.Fprintf(w, "  route: %s %s\n", d.Route, d.Deadline)
	}
	fmt.Fprintf(w, "  rules fired:\n")
	for _, f := range d.Fired {
		fmt.Fprintf(w, "    %-14s %-34s [%s] %s\n", f.ID, f.Citation, f.Tag, f.Effect)
	}
	for _, f := range d.Overridden {
		fmt.Fprintf(w, "    %-14s %-34s [%s] overridden by %s\n", f.ID, f.Citation, f.Tag, f.By)
	}
	fmt.Fprintln(w)
}

// scanCheck is the answer of check --from-scan.
type scanCheck struct {
	Schema    string               `json:"schema"`
	File      string               `json:"file"`
	Request   *policy.Request      `json:"request"`
	Decision  *policy.Decision     `json:"decision"`
	Offending []policy.Offense     `json:"offending"`
	Findings  []policy.ScanFinding `json:"findings"`
	Problems  []string             `json:"problems,omitempty"`
}

func checkScan(ctx context.Context, eng *policy.Engine, file, ctxFile, format string, stdout io.Writer) error {
	tmpl, err := os.ReadFile(ctxFile)
	if err != nil {
		return err
	}
	req, err := requestFromYAML(tmpl)
	if err != nil {
		return fmt.Errorf("%s: %w", ctxFile, err)
	}
	findings, problems, err := scanFindings(ctx, file)
	if err != nil {
		return err
	}
	req.AddFindings(findings)
	if err := req.Validate(); err != nil {
		return err
	}
	d, err := eng.Decide(req)
	if err != nil {
		return err
	}
	out := scanCheck{Schema: "custos.scan-check/v1", File: file, Request: req, Decision: d,
		Offending: policy.Offending(d, findings), Findings: findings, Problems: problems}
	if out.Offending == nil {
		out.Offending = []policy.Offense{}
	}
	if format == "table" {
		fmt.Fprintf(stdout, "%s — %d findings, action %s\n", file, len(findings), req.Action)
		writeDecisionTable(stdout, d)
		if len(out.Offending) > 0 {
			fmt.Fprintln(stdout, "  offending findings:")
			for _, o := range out.Offending {
				for _, fd := range o.Findings {
					fmt.Fprintf(stdout, "    %-20s %-16s %s  [%s]\n", fd.Where, o.Item, fd.Value, strings.Join(o.Rules, ", "))
				}
			}
		}
		for _, p := range problems {
			fmt.Fprintf(stdout, "  input problem: %s\n", p)
		}
	} else if err := writeJSON(stdout, out); err != nil {
		return err
	}
	if blocking(d.Verdict) {
		return &exitCode{code: 1}
	}
	return nil
}

// requestFromYAML decodes a request written in YAML (the context file of
// --from-scan) with the JSON decoder's strictness.
func requestFromYAML(data []byte) (*policy.Request, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, errors.New("empty context file")
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return policy.ParseRequest(j)
}

// scanFindings scans one file with the default detection settings and
// returns its findings as the policy engine takes them, with the input
// problems met on the way.
func scanFindings(ctx context.Context, file string) ([]policy.ScanFinding, []string, error) {
	det, err := detect.New(detect.Config{MinScore: 0.5})
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var findings []policy.ScanFinding
	var problems []string
	var buf []pi.Finding
	var recs []report.Record
	emit := func(fr extract.Fragment) error {
		buf = det.DetectLabeled(fr.Text, fr.Loc.Column, buf[:0])
		recs = report.Place(fr.Text, fr.Loc, buf, false, recs[:0])
		for _, r := range recs {
			cats := r.Categories
			if len(cats) == 0 {
				cats = []pi.Category{r.Category}
			}
			findings = append(findings, policy.ScanFinding{
				Type: r.Type, Categories: cats, Attrs: r.Attributes,
				Where: fmt.Sprintf("%s:%d:%d", file, r.Line, r.ColStart+1), Value: r.Value,
			})
		}
		return nil
	}
	problem := func(p *extract.Problem) { problems = append(problems, p.Error()) }
	if err := extract.Read(ctx, file, f, extract.Options{}, emit, problem); err != nil {
		return nil, nil, err
	}
	return findings, problems, nil
}
