package policy

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// loadTestPack loads testdata/semantics.yaml alone.
func loadTestPack(t testing.TB, extra map[string][]byte) *Engine {
	t.Helper()
	data, err := os.ReadFile("testdata/semantics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	packs := map[string][]byte{"testdata/semantics.yaml": data}
	for k, v := range extra {
		packs[k] = v
	}
	e, err := Load(Options{NoEmbedded: true, Packs: packs})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestSemantics runs the cases of the semantics pack: scope stop,
// consent invalidation, require/missing, waive, baseline, overrides and
// blame, partial denial, advisory dropping, findings and triage.
func TestSemantics(t *testing.T) {
	e := loadTestPack(t, nil)
	results, cov := e.RunTests()
	for _, r := range results {
		if !r.Passed() {
			t.Errorf("%s %s: %s", r.Where, label(r), strings.Join(r.Failures, "; "))
		}
	}
	if p := cov.Percent(e); p != 100 {
		noFire, noNot := cov.Missing(e)
		t.Errorf("coverage %.1f%%: never fired %v, no not-firing test %v", p, noFire, noNot)
	}
}

func label(r TestResult) string { return r.Rule + ": " + r.Name }

func TestDecisionExplains(t *testing.T) {
	e := loadTestPack(t, nil)
	req, err := ParseRequest([]byte(`{"id":"r1","action":"disclose_public","categories":["PI.BASIC.NAME"],
		"basis":"STATUTORY_DUTY","context":{"published_fields":["full_name","district"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Decide(req)
	if err != nil {
		t.Fatal(err)
	}
	if d.Schema != DecisionSchema || d.RequestID != "r1" || d.Verdict != Deny {
		t.Fatalf("decision %+v", d)
	}
	if len(d.Fired) == 0 || d.Fired[0].Citation == "" || d.Fired[0].Tag == "" {
		t.Errorf("fired rules lack citations: %+v", d.Fired)
	}
	if len(d.Overridden) != 1 || d.Overridden[0].By != "T-SPECIFIC-PUBLISH" {
		t.Errorf("overridden %+v", d.Overridden)
	}
	for _, want := range []string{"Denied", "TEST Art 8¶2(3) [S]", "Not allowed: full_name"} {
		if !strings.Contains(d.Summary.EN, want) {
			t.Errorf("summary.en %q lacks %q", d.Summary.EN, want)
		}
	}
	for _, want := range []string{"禁止", "不得公开姓名", "TEST Art 8¶2(3)"} {
		if !strings.Contains(d.Summary.ZH, want) {
			t.Errorf("summary.zh %q lacks %q", d.Summary.ZH, want)
		}
	}
}

func TestDisableRule(t *testing.T) {
	data, _ := os.ReadFile("testdata/semantics.yaml")
	e, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"s.yaml": data},
		Disable: map[string]string{"T-SPECIFIC-PUBLISH": "superseded by the provincial rule"}})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := ParseRequest([]byte(`{"action":"disclose_public","categories":["PI.BASIC.NAME"],"basis":"STATUTORY_DUTY","context":{"published_fields":["full_name"]}}`))
	d, err := e.Decide(req)
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != AllowNoConsent {
		t.Errorf("with the specific rule disabled: %s, want ALLOW_NOCONSENT", d.Verdict)
	}
	if r, ok := e.Disabled("T-SPECIFIC-PUBLISH"); !ok || !strings.Contains(r, "provincial") {
		t.Errorf("Disabled = %q, %v", r, ok)
	}
	for _, bad := range []map[string]string{{"NOPE": "x"}, {"T-SCOPE": " "}} {
		if _, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"s.yaml": data}, Disable: bad}); err == nil {
			t.Errorf("Disable %v: no error", bad)
		}
	}
}

func TestConstantOverride(t *testing.T) {
	data, _ := os.ReadFile("testdata/semantics.yaml")
	e, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"s.yaml": data}, Constants: map[string]int64{"PIPO_THRESHOLD": 5000000}})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := ParseRequest([]byte(`{"kind":"processor","processor":{"volume_individuals":1200000}}`))
	d, _ := e.Decide(req)
	if d.Verdict != Allow {
		t.Errorf("threshold raised to 5M: verdict %s, want ALLOW", d.Verdict)
	}
	if _, err := Load(Options{NoEmbedded: true, Constants: map[string]int64{"NO_SUCH": 1}}); err == nil {
		t.Error("unknown constant accepted")
	}
}

const goodRule = `instrument: {id: X, title: {zh: 甲, en: x}, status: law}
rules:
  - id: X-1
    title: t
    citation: {instrument: X, article: "1"}
    tag: P
    stage: basis
    text: {zh: 甲, en: x}
    when: {basis: [NONE]}
    then: {verdict: DENY}
    tests:
      - {name: a, request: {action: collect, basis: NONE}, expect: {fired: [X-1]}}
`

// TestLoadErrors checks that each kind of pack mistake is reported with
// the file and line where it is.
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, edit, want string
	}{
		{"unknown obligation", "then: {verdict: DENY}|then: {verdict: ALLOW_OBL, require: [NO_SUCH_CODE]}", "x.yaml:10: rule X-1: then.require: unknown obligation code NO_SUCH_CODE"},
		{"type error", "when: {basis: [NONE]}|when: {if: \"subject.age == 'ten'\"}", "x.yaml:9: rule X-1: when.if:"},
		{"undeclared fact", "when: {basis: [NONE]}|when: {if: \"facts.no_such_fact\"}", "undeclared reference to 'facts.no_such_fact'"},
		{"not bool", "when: {basis: [NONE]}|when: {if: \"subject.age\"}", "expression gives int, want bool"},
		{"missing citation", "citation: {instrument: X, article: \"1\"}|citation: {instrument: X}", "x.yaml:5: rule X-1: citation missing"},
		{"bad stage", "stage: basis|stage: whenever", "x.yaml:7: rule X-1: stage \"whenever\""},
		{"bad tag", "tag: P|tag: Q", "x.yaml:6: rule X-1: tag \"Q\""},
		{"bad verdict", "then: {verdict: DENY}|then: {verdict: MAYBE}", "rule X-1: verdict \"MAYBE\""},
		{"unknown key", "tag: P|tag: P\n    colour: red", "x.yaml:7: field colour not found in type Rule"},
		{"bad override", "then: {verdict: DENY}|then: {verdict: DENY, overrides: [X-9]}", "rule X-1 overrides unknown rule X-9"},
		{"unknown action", "when: {basis: [NONE]}|when: {actions: [sell]}", "unknown action \"sell\""},
		{"unknown category", "when: {basis: [NONE]}|when: {categories: [PI.SHOES]}", "unknown category \"PI.SHOES\""},
		{"no tests", "    tests:\n      - {name: a, request: {action: collect, basis: NONE}, expect: {fired: [X-1]}}\n|", "rule X-1: no tests"},
		{"bad flag", "then: {verdict: DENY}|then: {verdict: FLAG, flags: [PIA]}", "PIA is not a declared flag code"},
		{"advisory deny", "status: law|status: standard", "a recommended standard is advisory"},
		{"bad status", "status: law|status: gossip", "x.yaml:1: instrument.status \"gossip\""},
		{"fact type", "rules:|facts: [{name: f1, type: float, text: {zh: 甲, en: x}}]\nrules:", "fact f1: unknown type \"float\""},
		{"yaml syntax", "tag: P|tag: [P", "x.yaml:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from, to, _ := strings.Cut(c.edit, "|")
			src := strings.Replace(goodRule, from, to, 1)
			if src == goodRule {
				t.Fatalf("edit %q did not apply", from)
			}
			_, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"x.yaml": []byte(src)}})
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
		})
	}
	t.Run("duplicate id", func(t *testing.T) {
		_, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"a.yaml": []byte(goodRule), "b.yaml": []byte(goodRule)}})
		if err == nil || !strings.Contains(err.Error(), "b.yaml:3: duplicate rule id X-1 (first at a.yaml:3)") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("all problems at once", func(t *testing.T) {
		src := strings.Replace(strings.Replace(goodRule, "tag: P", "tag: Q", 1), "stage: basis", "stage: never", 1)
		_, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"x.yaml": []byte(src)}})
		if err == nil || !strings.Contains(err.Error(), "tag \"Q\"") || !strings.Contains(err.Error(), "stage \"never\"") {
			t.Errorf("error %v", err)
		}
	})
	if _, err := Load(Options{NoEmbedded: true, Packs: map[string][]byte{"x.yaml": []byte(goodRule)}}); err != nil {
		t.Errorf("the good pack fails: %v", err)
	}
}

func TestParseRequestErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"action":"collect","colour":"red"}`, `unknown field "colour"`},
		{`{"action":"sell"}`, `action: unknown value "sell"`},
		{`{"action":"collect","basis":"VIBES"}`, `basis: unknown value "VIBES"`},
		{`{"action":"collect","subject":{"age":"ten"}}`, `cannot unmarshal string`},
		{`{"action":"collect","subject":{"age":200}}`, `subject.age: 200`},
		{`{"action":"collect","subject":{"agee":3}}`, `unknown field "agee"`},
		{"{\n  \"action\": \"collect\",\n  \"categories\": [1]\n}", `categories[0]`},
		{"{\n\"action\": }", `line 2 col`},
		{`{"action":"collect"} {"action":"use"}`, `unexpected data after the JSON value`},
		{`{}`, `action is required`},
		{`{"kind":"rights"}`, `rights.type is required`},
		{`{"kind":"lead","action":"use"}`, `a lead request has no action`},
		{`{"schema":"custos.request/v9","action":"use"}`, `schema "custos.request/v9" is not supported`},
		{`{"action":"use","context":{"published_fields":["shoe_size"]}}`, `published_fields[0]: unknown value "shoe_size"`},
		{`{"action":"use","processor":{"volume_individuals":-5}}`, `volume_individuals: -5 is negative`},
		{`{"action":"use","categories":[{"id":"PI.HEALTH","sensitive":true}]}`, `unknown field "sensitive"`},
	}
	for _, c := range cases {
		_, err := ParseRequest([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseRequest(%s) = %v, want an error with %q", c.in, err, c.want)
		}
	}
}

func TestDecideRejectsUnknownVocabulary(t *testing.T) {
	e := loadTestPack(t, nil)
	cases := []struct{ in, want string }{
		{`{"action":"use","categories":["PI.SHOES"]}`, `unknown category "PI.SHOES"`},
		{`{"action":"use","measures":["GOOD_VIBES"]}`, `measures[0]: unknown measure "GOOD_VIBES"`},
		{`{"action":"use","measures":["KEY_SCALE"]}`, `unknown measure "KEY_SCALE"`},
		{`{"action":"use","facts":{"no_such":true}}`, `facts.no_such: no rule pack declares this fact`},
		{`{"action":"use","facts":{"special_case":"yes"}}`, `facts.special_case: want a bool`},
		{`{"action":"use","facts":{"items":1.5}}`, `facts.items: want a int`},
		{`{"action":"use","facts":{"consent_defect":"bribed"}}`, `unknown value "bribed"`},
	}
	for _, c := range cases {
		req, err := ParseRequest([]byte(c.in))
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		_, err = e.Decide(req)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decide(%s) = %v, want an error with %q", c.in, err, c.want)
		}
	}
}

func TestCategoryObjectsAndImplicit(t *testing.T) {
	e := loadTestPack(t, nil)
	req, err := ParseRequest([]byte(`{"action":"collect","basis":"CONSENT","consent":{"state":"general"},
		"categories":[{"id":"PI.ID.NUMBER","sensitive_pipl":false},"REC.CASE_BULLETIN"],
		"subject":{"age":9,"special_groups":["disadvantaged_child"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Decide(req)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]CategoryView{}
	for _, c := range d.Categories {
		got[c.ID] = c
	}
	if c := got["PI.ID.NUMBER"]; c.SensitivePIPL || !c.SensitiveGBT {
		t.Errorf("flag override lost: %+v", c)
	}
	for _, id := range []string{"PI.HEALTH.INFECTIOUS", "PI.LOCATION.TRACK", "PI.BASIC.NAME"} {
		if _, ok := got[id]; !ok {
			t.Errorf("composite not expanded: %s missing from %v", id, d.Categories)
		}
	}
	for _, id := range []string{"PI.MINOR_U14", "PI.SPECIAL_IDENTITY"} {
		if c, ok := got[id]; !ok || !c.Implicit {
			t.Errorf("implicit %s: %+v", id, c)
		}
	}
}

// TestCatalogueIDs checks that every rule of the catalogue is implemented,
// under its id and aliases, and carries both kinds of test.
func TestCatalogueIDs(t *testing.T) {
	e, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/catalogue-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ids := strings.Fields(line)
		n++
		r, ok := e.Rule(ids[0])
		if !ok {
			t.Errorf("catalogue rule %s is not implemented", ids[0])
			continue
		}
		if r.ID != ids[0] {
			t.Errorf("%s is implemented as an alias of %s", ids[0], r.ID)
		}
		for _, a := range ids[1:] {
			if r2, ok := e.Rule(a); !ok || r2 != r {
				t.Errorf("alias %s of %s missing", a, ids[0])
			}
		}
	}
	if n != 204 {
		t.Errorf("catalogue list has %d rules, want 204", n)
	}
}

// TestPacks runs every embedded pack's own tests and the catalogue
// scenarios T01–T20, and requires every rule to have a firing and a
// not-firing test.
func TestPacks(t *testing.T) {
	e, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	results, cov := e.RunTests()
	scen, err := e.RunScenarios(&cov)
	if err != nil {
		t.Fatal(err)
	}
	results = append(results, scen...)
	failed := 0
	for _, r := range results {
		if !r.Passed() {
			failed++
			t.Errorf("%s %s: %s", r.Where, label(r), strings.Join(r.Failures, "; "))
		}
	}
	t.Logf("%d tests, %d rules, coverage %.1f%%", len(results), len(e.rules), cov.Percent(e))
	if p := cov.Percent(e); p != 100 {
		noFire, noNot := cov.Missing(e)
		t.Errorf("coverage %.1f%%: never fired %v; no not-firing test %v", p, noFire, noNot)
	}
}

// TestConcurrentDecide decides the same requests from several goroutines
// (run with -race): the engine is shared and its scratch state pooled.
func TestConcurrentDecide(t *testing.T) {
	e := loadTestPack(t, nil)
	reqs := e.TestRequests()
	want := make([]string, len(reqs))
	for i, r := range reqs {
		d, err := e.Decide(r)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = d.Verdict + d.Summary.EN
	}
	done := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for n := 0; n < 20; n++ {
				for i, r := range reqs {
					d, err := e.Decide(r)
					if err != nil {
						done <- err
						return
					}
					if got := d.Verdict + d.Summary.EN; got != want[i] {
						done <- fmt.Errorf("request %d: %q, want %q", i, got, want[i])
						return
					}
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestGuardsAgreeWithCEL checks the guards read off the conditions against
// the CEL programs on every test request: a false guard means a false
// condition, and an exact guard gives the condition's value.
func TestGuardsAgreeWithCEL(t *testing.T) {
	e, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	reqs := e.TestRequests()
	guarded, exact := 0, 0
	for _, r := range e.rules {
		if r.cond == nil || r.guard == nil {
			continue
		}
		guarded++
		if r.exact {
			exact++
		}
		for i, req := range reqs {
			s, err := e.prepare(req)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.evalBool(r.cond, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			got := r.guard(s)
			if (!got && want) || (r.exact && got != want) {
				t.Errorf("rule %s, request %d: guard %v (exact %v), CEL %v", r.ID, i, got, r.exact, want)
			}
		}
	}
	t.Logf("%d conditions have guards, %d exact", guarded, exact)
	if guarded < len(e.rules)/2 {
		t.Errorf("only %d guards", guarded)
	}
}
