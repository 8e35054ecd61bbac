package policy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"cel.dev/cel-go/cel"
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

// TestGuardsAgreeWithCEL checks the Go guards read off the expressions
// against the CEL programs, on every test request and on variants of them
// (other consent states, ages, flags, facts, published fields, violation
// rules, integer facts large enough to overflow): a guard that answers
// must give CEL's answer, must not answer where CEL fails, and an exact
// guard must answer wherever CEL succeeds. The same holds for deny_when,
// satisfied_when, partial and blame.
func TestGuardsAgreeWithCEL(t *testing.T) {
	e, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var states []*state
	for i, req := range e.TestRequests() {
		for _, v := range guardVariants(e, req, i) {
			s, err := e.prepare(v)
			if err != nil {
				continue
			}
			states = append(states, s)
			if i%3 == 0 {
				// Flags set and consent invalidated by earlier rules.
				s2, _ := e.prepare(v)
				for _, c := range e.codeList {
					if c.Kind == "flag" && len(c.Code)%2 == i%2 {
						s2.addFlag(c)
					}
				}
				s2.consent.State = "none"
				states = append(states, s2)
			}
		}
	}
	celErrors := 0
	check := func(what string, g guard, exact bool, p cel.Program) {
		t.Helper()
		for i, s := range states {
			want, err := s.evalBool(p, what)
			got := g(s)
			if err != nil {
				celErrors++
			}
			switch {
			case err != nil && got != triUnknown:
				t.Errorf("%s, state %d: guard %v where CEL fails (%v)", what, i, got, err)
			case err != nil:
			case got == triUnknown && exact:
				t.Errorf("%s, state %d: exact guard unknown, CEL %v", what, i, want)
			case got != triUnknown && got != triOf(want):
				t.Errorf("%s, state %d: guard %v, CEL %v", what, i, got, want)
			}
		}
	}
	checkList := func(what string, f listFn, p cel.Program) {
		t.Helper()
		for i, s := range states {
			want, err := s.evalStrings(p, what)
			got, ok := f(s)
			switch {
			case err != nil && ok:
				t.Errorf("%s, state %d: Go gives %q where CEL fails (%v)", what, i, got, err)
			case err == nil && !ok:
				t.Errorf("%s, state %d: Go fails, CEL %q", what, i, want)
			case err == nil && !slices.Equal(got, want):
				t.Errorf("%s, state %d: Go %q, CEL %q", what, i, got, want)
			}
		}
	}
	conds, guarded, exact, others, othersGo := 0, 0, 0, 0, 0
	for _, r := range e.rules {
		if r.cond != nil {
			conds++
			if r.guard != nil {
				guarded++
				if r.exact {
					exact++
				}
				check("rule "+r.ID+": when.if", r.guard, r.exact, r.cond)
			}
		}
		if r.denyWhen != nil {
			others++
			if r.denyGuard != nil {
				othersGo++
				check("rule "+r.ID+": then.deny_when", r.denyGuard, false, r.denyWhen)
			}
		}
		for _, l := range []struct {
			what string
			f    listFn
			p    cel.Program
		}{{"partial", r.partialGo, r.partial}, {"blame", r.blameGo, r.blame}} {
			if l.p == nil {
				continue
			}
			others++
			if l.f != nil {
				othersGo++
				checkList("rule "+r.ID+": then."+l.what, l.f, l.p)
			}
		}
	}
	for _, c := range e.codeList {
		if c.sat != nil {
			others++
			if c.satGuard != nil {
				othersGo++
				check("code "+c.Code+": satisfied_when", c.satGuard, false, c.sat)
			}
		}
	}
	t.Logf("%d states (%d CEL errors); %d conditions: %d guarded, %d exact; %d of %d deny_when, satisfied_when, partial and blame in Go",
		len(states), celErrors, conds, guarded, exact, othersGo, others)
	if exact < conds*9/10 {
		t.Errorf("only %d of %d conditions have exact guards", exact, conds)
	}
}

// guardVariants returns req and a few variants of it, chosen by i.
func guardVariants(e *Engine, req *Request, i int) []*Request {
	out := []*Request{req}
	add := func(f func(v *Request)) {
		v := *req
		v.Facts = maps.Clone(req.Facts)
		f(&v)
		out = append(out, &v)
	}
	add(func(v *Request) {
		v.Consent.State = ConsentStates[i%len(ConsentStates)]
		v.Consent.By = ConsentBy[i%len(ConsentBy)]
		v.Subject.Age = []int{-1, 5, 13, 14, 15, 16, 17, 18, 40}[i%9]
	})
	add(func(v *Request) {
		n := i % (len(PublishedFields) - 3)
		v.Context.PublishedFields = PublishedFields[n : n+3]
		v.Context.Unnecessary = nil
		if len(v.Categories) > 0 {
			v.Context.Unnecessary = []string{v.Categories[i%len(v.Categories)].ID}
		}
		v.Lead.ViolationRules = [][]string{nil, {"PIPL-9.1"}, {"ERL-84", "MPL-73"}, {"X"}}[i%4]
		v.Lead.ViolatorType = ProcessorTypes[i%len(ProcessorTypes)]
		v.Context.Purpose = []string{"", "epidemic", "improve_experience", "relief"}[i%4]
		v.Context.RetentionDays = []int{-1, 0, 30, 400}[i%4]
	})
	add(func(v *Request) {
		if v.Facts == nil {
			v.Facts = map[string]any{}
		}
		for _, f := range e.factList {
			h := i
			for _, b := range []byte(f.Name) {
				h = h*31 + int(b)
			}
			h &= 1<<30 - 1
			switch f.Type {
			case "bool":
				v.Facts[f.Name] = h%3 == 0
			case "int":
				v.Facts[f.Name] = []int64{0, 3, 600, 1 << 40, 1<<62 + 1}[h%5]
			case "string":
				if len(f.Values) > 0 {
					v.Facts[f.Name] = f.Values[h%len(f.Values)]
				}
			}
		}
	})
	if len(req.Categories) > 1 {
		add(func(v *Request) { v.Categories = v.Categories[1:] })
	}
	add(func(v *Request) { v.Categories = append(slices.Clone(v.Categories), Category{ID: "NONPI.ANON"}) })
	return out
}

// TestDecisionsOwnTheirMemory decides every embedded test request in one
// order, then in the other, and checks each decision's JSON is the same
// both times and stays the same while later decisions reuse the pooled
// scratch: a decision must share nothing with it.
func TestDecisionsOwnTheirMemory(t *testing.T) {
	e, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	reqs := e.TestRequests()
	decisions := make([]*Decision, len(reqs))
	first := make([]string, len(reqs))
	for i, r := range reqs {
		d, err := e.Decide(r)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(d)
		decisions[i], first[i] = d, string(b)
	}
	for i := len(reqs) - 1; i >= 0; i-- {
		d, err := e.Decide(reqs[i])
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(d); string(b) != first[i] {
			t.Fatalf("request %d decided differently the second time:\n%s\nwant\n%s", i, b, first[i])
		}
	}
	for i, d := range decisions {
		if b, _ := json.Marshal(d); string(b) != first[i] {
			t.Fatalf("decision %d changed after later decisions:\n%s\nwant\n%s", i, b, first[i])
		}
	}
}
