package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckSingleAndBatch(t *testing.T) {
	deny := `{"id":"t14","action":"collect","categories":["PI.HEALTH"],"subject":{"age":40},"processor":{"type":"enterprise"},"basis":"CONSENT","consent":{"state":"general"},"context":{"purpose":"booking","necessary":true}}`
	allow := `{"id":"t19","action":"collect","categories":["PI.BASIC.NAME","PI.BASIC.CONTACT"],"subject":{"age":14},"processor":{"type":"enterprise"},"basis":"CONSENT","consent":{"state":"general"},"context":{"purpose":"club","necessary":true}}`

	code, out, errs := run(t, deny, "check")
	if code != 1 {
		t.Fatalf("DENY exit %d, want 1 (stderr %s)", code, errs)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, out)
	}
	if d["schema"] != "custos.decision/v1" || d["verdict"] != "DENY" || d["request_id"] != "t14" {
		t.Errorf("decision %v", d)
	}
	if m, _ := d["missing"].([]any); len(m) != 3 {
		t.Errorf("missing %v, want SEPARATE_CONSENT, NOTICE_SENSITIVE, PIA", d["missing"])
	}

	code, out, _ = run(t, allow, "check")
	if code != 0 || !strings.Contains(out, `"verdict": "ALLOW_OBL"`) {
		t.Errorf("ALLOW_OBL exit %d:\n%s", code, out)
	}

	// A batch: JSON Lines, one bad line reported with its line number.
	batch := allow + "\n" + deny + "\n" + `{"action":"sell"}` + "\n"
	code, out, errs = run(t, batch, "check")
	recs := jsonl(t, out)
	if len(recs) != 2 || recs[0]["verdict"] != "ALLOW_OBL" || recs[1]["verdict"] != "DENY" {
		t.Errorf("batch decisions %v", recs)
	}
	if code != 2 || !strings.Contains(errs, "stdin:3:") || !strings.Contains(errs, `unknown value "sell"`) {
		t.Errorf("batch with a bad line: exit %d, stderr %q", code, errs)
	}

	code, out, _ = run(t, deny, "check", "--format", "table")
	for _, want := range []string{"t14: DENY", "missing:", "SEPARATE_CONSENT", "PIPL-29.1", "rules fired:", "禁止"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("table exit %d", code)
	}
}

func TestCheckErrors(t *testing.T) {
	cases := []struct {
		stdin string
		args  []string
		want  string
	}{
		{`{"action":"collect","colour":1}`, []string{"check"}, `stdin:1: request: unknown field "colour"`},
		{`{"action":`, []string{"check"}, "not JSON"},
		{``, []string{"check"}, "no request"},
		{`{}`, []string{"check", "--format", "xml"}, "--format"},
		{`{}`, []string{"check", "--disable", "PIPL-13.0"}, "ID=reason"},
		{`{}`, []string{"check", "--const", "PIPO_THRESHOLD=lots"}, "KEY=INTEGER"},
		{``, []string{"check", "--from-scan", "x.txt"}, "--context"},
		{``, []string{"check", "no-such-request.json"}, "no-such-request.json"},
	}
	for _, c := range cases {
		code, _, errs := run(t, c.stdin, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestCheckFromScan is the example: a draft bulletin with a full
// name and an ID number, published by a state organ ⇒ DENY citing the
// epidemic rules, with the offending findings listed.
func TestCheckFromScan(t *testing.T) {
	dir := t.TempDir()
	doc := write(t, dir, "draft.txt", []byte("关于新增1例确诊病例的通报\n病例1：张建国，男，45岁，身份证号码110105198001011238，现住朝阳区某小区5号楼。\n12月1日10时到某超市购物。\n"))
	code, out, errs := run(t, "", "check", "--from-scan", doc, "--context", "../../examples/bulletin-context.yaml")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (stderr %s)", code, errs)
	}
	var res struct {
		Schema   string
		Decision struct {
			Verdict string
			RuleIDs []string `json:"rule_ids"`
		}
		Offending []struct {
			Item     string
			Findings []struct{ Where, Value string }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Schema != "custos.scan-check/v1" || res.Decision.Verdict != "DENY" || !strings.Contains(strings.Join(res.Decision.RuleIDs, ","), "CAC20-3b") {
		t.Errorf("decision %+v", res.Decision)
	}
	items := map[string]string{}
	for _, o := range res.Offending {
		if len(o.Findings) > 0 {
			items[o.Item] = o.Findings[0].Where + " " + o.Findings[0].Value
		}
	}
	for _, want := range []string{"full_name", "id_number"} {
		if _, ok := items[want]; !ok {
			t.Errorf("offending findings lack %s: %v", want, items)
		}
	}
	if strings.Contains(out, "110105198001011238") || strings.Contains(out, "张建国") {
		t.Error("the answer leaks a value unmasked")
	}
	if !strings.Contains(items["id_number"], "draft.txt:2:") {
		t.Errorf("id_number location %q", items["id_number"])
	}
}

func TestRulesCommands(t *testing.T) {
	code, out, errs := run(t, "", "rules", "test")
	if code != 0 || !strings.Contains(out, "coverage 100.0%") {
		t.Fatalf("rules test: exit %d\n%s\n%s", code, lastLines(out, 30), errs)
	}
	code, out, _ = run(t, "", "rules", "list", "--pack", "PIPL")
	if code != 0 || !strings.Contains(out, "PIPL-13.0") || strings.Contains(out, "CAC20-1 ") {
		t.Errorf("rules list --pack PIPL: %d\n%s", code, lastLines(out, 5))
	}
	code, out, _ = run(t, "", "rules", "show", "MNPR-38")
	if code != 0 || !strings.Contains(out, "MPL-73") || !strings.Contains(out, "citation:") {
		t.Errorf("rules show alias: %d\n%s", code, out)
	}
	if code, _, errs := run(t, "", "rules", "show", "NOPE-1"); code != 2 || !strings.Contains(errs, "no rule") {
		t.Errorf("rules show unknown: %d %s", code, errs)
	}
	for _, sub := range []string{"codes", "facts", "constants"} {
		if code, out, _ := run(t, "", "rules", sub); code != 0 || len(strings.Split(out, "\n")) < 10 {
			t.Errorf("rules %s: %d\n%s", sub, code, out)
		}
	}
}

// TestRulesUserPack loads a provincial pack from a directory: its own
// tests run, and it can override a constant and disable a rule.
func TestRulesUserPack(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "province.yaml", []byte(`instrument: {id: 某省条例, title: {zh: 某省个人信息保护条例, en: a provincial regulation}, status: regulation}
rules:
  - id: PROV-1
    title: no face recognition at residential gates
    citation: {instrument: 某省条例, article: "12"}
    tag: I
    stage: absolute
    text: {zh: 住宅小区不得以人脸识别作为唯一出入方式。, en: Residential compounds may not make face recognition the only way in.}
    when: {categories: [PI.BIO.FACE], if: "facts.residential_gate"}
    then: {verdict: DENY}
    tests:
      - name: gate
        request: {action: collect, categories: [PI.BIO.FACE], basis: CONSENT, consent: {state: separate}, facts: {residential_gate: true}}
        expect: {verdict: DENY, decided_by: [PROV-1]}
      - name: not a gate
        request: {action: collect, categories: [PI.BIO.FACE], basis: CONSENT, consent: {state: separate}}
        expect: {not_fired: [PROV-1]}
facts:
  - {name: residential_gate, type: bool, text: {zh: 住宅小区出入口, en: a residential compound's gate}}
`))
	code, out, errs := run(t, "", "rules", "test", dir, "--no-scenarios")
	if code != 0 {
		t.Fatalf("user pack tests: %d\n%s\n%s", code, lastLines(out, 20), errs)
	}
	bad := write(t, t.TempDir(), "bad.yaml", []byte("instrument: {id: X, title: {zh: 甲, en: x}, status: law}\nrules:\n  - id: X-1\n    when: {if: \"subject.age == 'ten'\"}\n"))
	code, _, errs = run(t, "", "rules", "list", "--rules", filepath.Dir(bad))
	if code != 2 || !strings.Contains(errs, "bad.yaml:4:") {
		t.Errorf("bad pack: exit %d, %s", code, errs)
	}
	req := `{"action":"collect","categories":["PI.HEALTH"],"subject":{"age":40},"basis":"CONSENT","consent":{"state":"general"}}`
	_, out, _ = run(t, req, "check", "--disable", "PIPL-29.1=superseded in this test", "--disable", "PIPL-14.1=test")
	if strings.Contains(out, `"PIPL-29.1"`) {
		t.Errorf("disabled rule still fired:\n%s", out)
	}
}

func TestPIACommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pia.html")
	code, _, errs := run(t, "", "pia", "--format", "html", "-o", out, "--scan", "../../examples/register.csv", "../../examples/activity-register.yaml")
	if code != 0 && code != 1 {
		t.Fatalf("pia: exit %d: %s", code, errs)
	}
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<html", "个人信息保护影响评估报告", "PIPL Art 56", "2029-11-25", "examples/register.csv"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	code, md, _ := run(t, "", "pia", "../../examples/activity-register.yaml")
	if (code != 0 && code != 1) || !strings.Contains(md, "## 3. Lawfulness") {
		t.Errorf("markdown: %d\n%s", code, lastLines(md, 10))
	}
	if code, _, errs := run(t, "", "pia", "--date", "tomorrow", "../../examples/activity-register.yaml"); code != 2 || !strings.Contains(errs, "--date") {
		t.Errorf("bad date: %d %s", code, errs)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestCheckPublishedList: a school about to post a list that labels its
// pupils (孤儿) ⇒ DENY by the labelling prohibition of the 2025 Measures,
// with the children's names and classes among the offending items.
func TestCheckPublishedList(t *testing.T) {
	dir := t.TempDir()
	doc := write(t, dir, "list.txt", []byte("拟资助学生名单公示：\n1. 三年级（2）班 刘子涵 孤儿\n2. 五年级（1）班 陈思远 留守儿童\n"))
	ctx := write(t, dir, "ctx.yaml", []byte("action: disclose_public\nprocessor: {type: authorized_public_org, name: 某小学}\nbasis: STATUTORY_DUTY\ncontext: {purpose: other, medium: paper}\n"))
	code, out, errs := run(t, "", "check", "--from-scan", doc, "--context", ctx)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (stderr %s)", code, errs)
	}
	var res struct {
		Decision struct {
			Verdict string
			RuleIDs []string `json:"rule_ids"`
		}
		Offending []struct{ Item string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Decision.Verdict != "DENY" || len(res.Decision.RuleIDs) == 0 || res.Decision.RuleIDs[0] != "DCM-15" {
		t.Errorf("decision %+v\n%s", res.Decision, out)
	}
	var items []string
	for _, o := range res.Offending {
		items = append(items, o.Item)
	}
	for _, want := range []string{"full_name", "school"} {
		if !slices.Contains(items, want) {
			t.Errorf("offending items %v lack %s", items, want)
		}
	}
}
