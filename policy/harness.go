package policy

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TestResult is the outcome of one pack test case.
type TestResult struct {
	Rule     string // the rule that carries the case ("" for scenario files)
	Name     string
	Where    string // file:line of the case
	Failures []string
	Decision *Decision
}

// Passed reports whether the case met every expectation.
func (t TestResult) Passed() bool { return len(t.Failures) == 0 }

// Coverage says, per rule, whether some test made it fire and some test
// checked that it does not.
type Coverage struct {
	Rules    int
	Fired    map[string]bool
	NotFired map[string]bool
}

// Missing returns the ids of rules lacking a firing or a non-firing test.
func (c Coverage) Missing(e *Engine) (noFire, noNotFire []string) {
	for _, r := range e.rules {
		if !c.Fired[r.ID] {
			noFire = append(noFire, r.ID)
		}
		if !c.NotFired[r.ID] {
			noNotFire = append(noNotFire, r.ID)
		}
	}
	return noFire, noNotFire
}

// Percent is the share of rules with both kinds of test.
func (c Coverage) Percent(e *Engine) float64 {
	if len(e.rules) == 0 {
		return 100
	}
	n := 0
	for _, r := range e.rules {
		if c.Fired[r.ID] && c.NotFired[r.ID] {
			n++
		}
	}
	return 100 * float64(n) / float64(len(e.rules))
}

// RunTests runs every test case the loaded packs carry and returns the
// results with the rule coverage.
func (e *Engine) RunTests() ([]TestResult, Coverage) {
	cov := Coverage{Rules: len(e.rules), Fired: map[string]bool{}, NotFired: map[string]bool{}}
	var out []TestResult
	for _, r := range e.rules {
		for _, t := range r.Tests {
			res := e.runCase(t, r.file)
			res.Rule = r.ID
			t.Expect.NotFired = e.primary(t.Expect.NotFired)
			cov.record(res.Decision, t.Expect)
			out = append(out, res)
		}
	}
	return out, cov
}

// RunCases runs test cases from a scenario file (a YAML list of cases in
// the pack test format) and adds to the coverage.
func (e *Engine) RunCases(file string, data []byte, cov *Coverage) ([]TestResult, error) {
	var doc struct {
		Cases []RuleTest `yaml:"cases"`
	}
	if err := decodeStrict(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	lines := seqLines(data, "cases")
	var out []TestResult
	for i, t := range doc.Cases {
		if i < len(lines) {
			t.line = lines[i]
		}
		res := e.runCase(t, file)
		if cov != nil {
			t.Expect.NotFired = e.primary(t.Expect.NotFired)
			cov.record(res.Decision, t.Expect)
		}
		out = append(out, res)
	}
	return out, nil
}

// primary maps rule ids and aliases to primary ids.
func (e *Engine) primary(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if r, ok := e.byID[id]; ok {
			out[i] = r.ID
		}
	}
	return out
}

func (c *Coverage) record(d *Decision, x Expect) {
	if d == nil {
		return
	}
	for _, f := range d.Fired {
		c.Fired[f.ID] = true
	}
	for _, f := range d.Overridden {
		c.Fired[f.ID] = true
	}
	for _, id := range x.NotFired {
		if !firedIn(d, id) {
			c.NotFired[id] = true
		}
	}
}

func (e *Engine) runCase(t RuleTest, file string) TestResult {
	res := TestResult{Name: t.Name, Where: fmt.Sprintf("%s:%d", file, t.line)}
	req, err := requestFromNode(&t.Request)
	if err != nil {
		res.Failures = append(res.Failures, err.Error())
		return res
	}
	d, err := e.Decide(req)
	if err != nil {
		res.Failures = append(res.Failures, err.Error())
		return res
	}
	res.Decision = d
	res.Failures = e.check(d, t.Expect)
	return res
}

// requestFromNode turns a YAML request into JSON and decodes it with the
// same strict decoder as `custos check`.
func requestFromNode(n *yaml.Node) (*Request, error) {
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	if v == nil {
		v = map[string]any{}
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	return ParseRequest(data)
}

func firedIn(d *Decision, id string) bool {
	for _, f := range d.Fired {
		if f.ID == id {
			return true
		}
	}
	for _, f := range d.Overridden {
		if f.ID == id {
			return true
		}
	}
	return false
}

// check compares a decision with the expectation and lists the mismatches.
// Rule ids in the expectation may be aliases.
func (e *Engine) check(d *Decision, x Expect) []string {
	x.Fired, x.NotFired, x.Overridden, x.DecidedBy = e.primary(x.Fired), e.primary(x.NotFired), e.primary(x.Overridden), e.primary(x.DecidedBy)
	var fails []string
	failf := func(format string, a ...any) { fails = append(fails, fmt.Sprintf(format, a...)) }
	if x.Verdict != "" && d.Verdict != x.Verdict {
		failf("verdict %s, want %s (%s)", d.Verdict, x.Verdict, d.Summary.EN)
	}
	for _, id := range x.Fired {
		if !firedIn(d, id) {
			failf("rule %s did not fire (fired: %s)", id, firedList(d))
		}
	}
	for _, id := range x.NotFired {
		if firedIn(d, id) {
			failf("rule %s fired but should not", id)
		}
	}
	for _, id := range x.Overridden {
		if !slices.ContainsFunc(d.Overridden, func(f *FiredRule) bool { return f.ID == id }) {
			failf("rule %s was not overridden", id)
		}
	}
	if len(x.Missing) > 0 || x.NoMissing {
		got := refs(d.Missing)
		want := slices.Clone(x.Missing)
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			failf("missing [%s], want [%s]", strings.Join(got, ", "), strings.Join(want, ", "))
		}
	}
	for _, o := range x.Obligations {
		if !hasRef(d.Obligations, o) {
			failf("obligation %s absent (have: %s)", o, strings.Join(refs(d.Obligations), ", "))
		}
	}
	for _, o := range x.Absent {
		if hasRef(d.Obligations, o) || hasRef(d.Missing, o) {
			failf("obligation %s present but should not be", o)
		}
	}
	for _, f := range x.Findings {
		if !hasRef(d.Findings, f) {
			failf("finding %s absent (have: %s)", f, strings.Join(refs(d.Findings), ", "))
		}
	}
	for _, f := range x.Advisory {
		if !hasRef(d.Advisory, f) {
			failf("advisory %s absent (have: %s)", f, strings.Join(refs(d.Advisory), ", "))
		}
	}
	for _, f := range x.Flags {
		if !hasItem(d.Flags, f) {
			failf("flag %s absent (have: %s)", f, itemList(d.Flags))
		}
	}
	for _, it := range x.Denied {
		if !hasItem(d.Denied, it) {
			failf("%s not denied (denied: %s)", it, itemList(d.Denied))
		}
	}
	for _, id := range x.DecidedBy {
		if !slices.Contains(d.RuleIDs, id) {
			failf("rule %s did not decide the verdict (rule_ids: %s)", id, strings.Join(d.RuleIDs, ", "))
		}
	}
	if x.Deadline != "" && !strings.Contains(d.Deadline, x.Deadline) {
		failf("deadline %q, want %q", d.Deadline, x.Deadline)
	}
	if x.Route != "" && d.Route != x.Route {
		failf("route %q, want %q", d.Route, x.Route)
	}
	return fails
}

// hasRef matches "CODE" against any argument, "CODE(arg)" exactly.
func hasRef(list []Obligation, ref string) bool {
	code, arg := splitCode(ref)
	for _, o := range list {
		if o.Code == code && (arg == "" || o.Arg == arg) {
			return true
		}
	}
	return false
}

func refs(list []Obligation) []string {
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.Code
	}
	return out
}

func firedList(d *Decision) string {
	ids := make([]string, len(d.Fired))
	for i, f := range d.Fired {
		ids[i] = f.ID
	}
	return strings.Join(ids, ", ")
}

func itemList(items []Item) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Item
	}
	return strings.Join(out, ", ")
}

//go:embed scenarios/*.yaml
var scenarioFS embed.FS

// RunScenarios runs the embedded scenario files (the catalogue's T01–T20)
// and adds to the coverage.
func (e *Engine) RunScenarios(cov *Coverage) ([]TestResult, error) {
	entries, err := fs.ReadDir(scenarioFS, "scenarios")
	if err != nil {
		return nil, err
	}
	var out []TestResult
	for _, en := range entries {
		name := "scenarios/" + en.Name()
		res, err := e.RunCases(name, mustRead(scenarioFS, name), cov)
		if err != nil {
			return nil, err
		}
		out = append(out, res...)
	}
	return out, nil
}

// TestRequests returns the decodable requests of every pack test and
// embedded scenario, for benchmarks.
func (e *Engine) TestRequests() []*Request {
	var out []*Request
	add := func(t RuleTest) {
		if req, err := requestFromNode(&t.Request); err == nil {
			if _, err := e.Decide(req); err == nil {
				out = append(out, req)
			}
		}
	}
	for _, r := range e.rules {
		for _, t := range r.Tests {
			add(t)
		}
	}
	entries, _ := fs.ReadDir(scenarioFS, "scenarios")
	for _, en := range entries {
		var doc struct {
			Cases []RuleTest `yaml:"cases"`
		}
		if decodeStrict(mustRead(scenarioFS, "scenarios/"+en.Name()), &doc) == nil {
			for _, t := range doc.Cases {
				add(t)
			}
		}
	}
	return out
}
