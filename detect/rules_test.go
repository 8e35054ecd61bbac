package detect

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// validRules uses every feature of a rules file: a pattern with context
// words, a pattern with a validator that requires its context, a word
// list, allow entries (exact and pattern) and a deny entry.
var validRules = `version: 1
recognizers:
  - id: employee_id
    category: PI.EDU_WORK
    pattern: 'EMP-\d{6}'
    context: [工号, 员工编号]
    score: 0.7
    examples:
      match: ['工号 EMP-123456', 'EMP-000001']
      no_match: ['EMP-12']
  - id: member_card
    category: PI.PROPERTY.ACCOUNT
    pattern: '\b9\d{15}\b'
    validator: luhn
    context: [会员卡]
    context_required: true
    examples:
      match: ['会员卡` + luhn("900012345678901") + `']
      no_match: ['` + luhn("900012345678901") + `', '会员卡` + luhnBad("900012345678901") + `']
  - id: protected_person
    type: person_name
    category: PI.BASIC.NAME
    words: [张三丰, 李四光]
    score: 0.9
allow:
  - '13800138000'
  - pattern: '^400\d{7}$'
deny:
  - value: 王小明
    type: person_name
    category: PI.BASIC.NAME
  - value: 机密项目代号
`

func TestParseRules(t *testing.T) {
	r, err := ParseRules("inline.yaml", []byte(validRules))
	if err != nil {
		t.Fatalf("ParseRules: %v", err)
	}
	for _, typ := range []pi.Type{"employee_id", "member_card", "person_name", "denied_value"} {
		if !r.hasType(typ) {
			t.Errorf("rules lack type %s", typ)
		}
	}
	card := luhn("900012345678901")
	e := testEngine(t, Config{Rules: r})
	cases := []detectCase{
		{name: "pattern with context", text: "员工工号 EMP-654321 已登记",
			want: []expect{{typ: "employee_id", span: "EMP-654321", min: 0.85, cat: pi.CatEduWork, context: "工号"}}},
		{name: "pattern without context", text: "EMP-654321",
			want: []expect{{typ: "employee_id", span: "EMP-654321", min: 0.7, cat: pi.CatEduWork}}},
		{name: "validator and required context", text: "会员卡" + card + "积分清零",
			want: []expect{{typ: "member_card", span: card, min: 0.9, cat: pi.CatAccount}}},
		{name: "required context missing", text: "编码" + card, none: []pi.Type{"member_card"}},
		{name: "validator fails", text: "会员卡" + luhnBad("900012345678901"), none: []pi.Type{"member_card"}},
		{name: "word list", text: "患者张三丰于昨日出院，李四光陪同。",
			want: []expect{{typ: "person_name", span: "张三丰", min: 0.9, cat: pi.CatName}, {typ: "person_name", span: "李四光", cat: pi.CatName}}},
		{name: "word list inside ASCII", text: "ABC张三丰", want: []expect{{typ: "person_name", span: "张三丰", cat: pi.CatName}}},
		{name: "deny entry", text: "王小明到访登记。",
			want: []expect{{typ: "person_name", span: "王小明", min: 1, cat: pi.CatName}}},
		{name: "deny entry defaults", text: "涉及机密项目代号若干",
			want: []expect{{typ: "denied_value", span: "机密项目代号", min: 1, cat: pi.CatPI}}},
		{name: "allowed exact value", text: "电话13800138000", none: []pi.Type{anyType}},
		{name: "allowed by its normalized form", text: "电话138-0013-8000", none: []pi.Type{anyType}},
		{name: "allowed by pattern", text: "QQ 4001234567", none: []pi.Type{anyType}},
		{name: "not allowed", text: "电话13800138001", want: []expect{{typ: pi.MobilePhone, span: "13800138001"}}},
	}
	runCases(t, e, cases)

	f := e.Detect([]byte("王小明"), nil)
	if len(f) != 1 || f[0].Source != "deny-list" || !f[0].Evidence.Valid {
		t.Errorf("deny finding: %+v", f)
	}
	f = e.Detect([]byte("会员卡"+card), nil)
	if len(f) != 1 || f[0].Source != "custom:member_card" || f[0].Evidence.Validator != "luhn" || !slices.Equal(f[0].Evidence.Context, []string{"会员卡"}) {
		t.Errorf("member card finding: %+v", f)
	}
}

func TestParseRulesErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		line int
		msg  string
	}{
		{"unknown category", `recognizers:
  - id: a
    category: PI.NOPE
    pattern: 'x'
`, 2, `unknown category "PI.NOPE"`},
		{"bad regex", `version: 1
recognizers:
  - id: a
    category: PI
    pattern: '(EMP'
`, 3, "bad pattern"},
		{"duplicate id", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
  - id: a
    category: PI
    pattern: 'y'
`, 5, `duplicate recognizer id "a" (first at line 2)`},
		{"both pattern and words", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
    words: [y]
`, 2, "exactly one of pattern or words"},
		{"neither pattern nor words", `recognizers:
  - id: a
    category: PI
`, 2, "exactly one of pattern or words"},
		{"unknown validator", `recognizers:
  - id: a
    category: PI
    pattern: '\d+'
    validator: crc32
`, 2, `unknown validator "crc32"`},
		{"unknown key", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
    colour: red
`, 2, `unknown key "colour" (line 5)`},
		{"score zero", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
    score: 0
`, 2, "score 0 is outside (0, 1]"},
		{"score above one", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
    score: 1.5
`, 2, "score 1.5 is outside (0, 1]"},
		{"score not a number", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
    score: high
`, 2, "cannot unmarshal"},
		{"example does not match", `recognizers:
  - id: a
    category: PI
    pattern: 'EMP-\d{6}'
    examples:
      match: ['EMP-12']
`, 2, `does not match its example "EMP-12"`},
		{"counter-example matches", `recognizers:

  - id: a
    category: PI
    pattern: 'EMP-\d{6}'
    examples:
      no_match: ['EMP-123456']
`, 3, `matches its counter-example "EMP-123456"`},
		{"example fails the validator", `recognizers:
  - id: a
    category: PI
    pattern: '\d{16}'
    validator: luhn
    examples:
      match: ['` + luhnBad("622202123456789") + `']
`, 2, "does not match its example"},
		{"example lacks the required context", `recognizers:
  - id: a
    category: PI
    pattern: 'MR\d{8}'
    context: [病历号]
    context_required: true
    examples:
      match: ['MR20200102']
`, 2, "does not match its example"},
		{"context_required without words", `recognizers:
  - id: a
    category: PI
    pattern: 'x'
    context_required: true
`, 2, "context_required without context words"},
		{"no id", `recognizers:
  - category: PI
    pattern: 'x'
`, 2, "no id"},
		{"type not snake_case", `recognizers:
  - id: a
    type: Employee-ID
    category: PI
    pattern: 'x'
`, 2, `type "Employee-ID" must be snake_case`},
		{"empty word", `recognizers:
  - id: a
    category: PI
    words: [张三, ' ']
`, 2, "empty word"},
		{"recognizer not a mapping", `recognizers:
  - just a string
`, 2, "recognizer"},
		{"bad allow pattern", `allow:
  - '13800138000'
  - pattern: '[0-9'
`, 3, "allow pattern"},
		{"allow entry of the wrong kind", `allow:
  - [a, b]
`, 2, "allow entry must be a string"},
		{"deny without value", `deny:
  - type: person_name
`, 2, "deny entry has no value"},
		{"deny with unknown category", `deny:
  - value: 王小明
    category: NAME
`, 2, `unknown category "NAME"`},
		{"unsupported version", `version: 2
`, 1, "unsupported version 2"},
		// yaml.v3 puts syntax errors at the line before the construct
		// that failed (see TestParseRulesYAMLSyntaxLine)
		{"bad YAML", `recognizers:
  - id: a
    category: [PI
`, 2, "did not find expected"},
		{"bad YAML indentation", `recognizers:
  - id: a
   category: PI
`, 1, "did not find expected"},
		{"tab indentation", "recognizers:\n\t- id: a\n", 2, "cannot start any token"},
		{"wrong top-level shape", `recognizers: 3
`, 1, "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRules("custom.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			var re *RuleError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T) is not a *RuleError", err, err)
			}
			leaves := flatten(err)
			if len(leaves) != 1 {
				t.Errorf("want one problem, got %d: %v", len(leaves), err)
			}
			if re.File != "custom.yaml" || re.Line != tt.line || !strings.Contains(re.Msg, tt.msg) {
				t.Errorf("got %s:%d %q, want custom.yaml:%d containing %q", re.File, re.Line, re.Msg, tt.line, tt.msg)
			}
			if want := re.File + ":"; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

// TestParseRulesYAMLSyntaxLine: a YAML syntax error should be reported at
// the line where the construct that failed is, not the line before.
func TestParseRulesYAMLSyntaxLine(t *testing.T) {
	t.Skip("known: yaml.v3 reports parser errors at the 0-based line of the enclosing construct (\"line 2\" for an unclosed [ on line 3); ParseRules only has the message to go by")
	_, err := ParseRules("custom.yaml", []byte("recognizers:\n  - id: a\n    category: [PI\n"))
	var re *RuleError
	if !errors.As(err, &re) || re.Line != 3 {
		t.Errorf("got %v, want line 3", err)
	}
}

// TestParseRulesAllProblems: a file with many problems reports all of
// them, each with its line, joined in one error.
func TestParseRulesAllProblems(t *testing.T) {
	src := `version: 1
recognizers:
  - id: a
    category: PI.NOPE
    pattern: '(x'
  - id: a
    category: PI
    pattern: 'x'
    validator: crc32
    score: 2
  - id: b
    category: PI
    pattern: 'x'
    words: [y]
    colour: red
allow:
  - pattern: '[0-9'
deny:
  - type: x
`
	_, err := ParseRules("many.yaml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	type pos struct {
		line int
		msg  string
	}
	want := []pos{
		{3, "unknown category"}, {3, "bad pattern"},
		{6, "duplicate recognizer id"}, {6, "unknown validator"}, {6, "score 2"},
		{11, "unknown key \"colour\""}, {11, "exactly one of pattern or words"},
		{17, "allow pattern"},
		{19, "no value"},
	}
	var got []pos
	for _, e := range flatten(err) {
		var re *RuleError
		if !errors.As(e, &re) {
			t.Fatalf("%v is not a *RuleError", e)
		}
		got = append(got, pos{re.Line, re.Msg})
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g pos) bool { return g.line == w.line && strings.Contains(g.msg, w.msg) }) {
			t.Errorf("missing problem at line %d %q; got %v", w.line, w.msg, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	// one line per problem in the message, each with file:line
	for _, l := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(l, "many.yaml:") {
			t.Errorf("error line %q lacks file:line", l)
		}
	}
}

// TestRulesFile loads the example rules file of testdata and runs it on a
// notice end to end.
func TestRulesFile(t *testing.T) {
	r, err := LoadRules("testdata/rules.yaml")
	if err != nil {
		t.Fatalf("LoadRules: %v", err)
	}
	e := testEngine(t, Config{Rules: r})
	id := rid("51012420190312551")
	card := luhn("622202123456789012")
	text := "病例2：王小明，男，6岁，身份证号" + id + "，就读于犀浦镇某幼儿园大班。" +
		"医保号：YB20201207，主治医生工号 EMP-102938，社保卡" + card + "。" +
		"张三丰系其外祖父。咨询热线12320，或拨打13800138000、4008123456，值班手机13912345678。"
	cases := []detectCase{{
		name: "notice",
		text: text,
		want: []expect{
			{typ: "person_name", span: "王小明", min: 1, cat: pi.CatName},
			{typ: pi.ResidentID, span: id, min: 0.95, extra: []pi.Category{pi.CatMinorU14}},
			{typ: "denied_value", span: "犀浦镇某幼儿园", min: 1, cat: pi.CatPI},
			{typ: "insurance_no", span: "YB20201207", min: 0.9, cat: pi.CatHealth},
			{typ: "employee_id", span: "EMP-102938", min: 0.85, cat: pi.CatEduWork},
			{typ: pi.BankCard, span: card, min: 0.95},
			{typ: "person_name", span: "张三丰", min: 0.9, cat: pi.CatName},
			{typ: pi.MobilePhone, span: "13912345678", min: 0.9},
		},
		notSpans: []string{"12320", "13800138000", "4008123456"},
	}, {
		name: "insurance number needs its word",
		text: "型号YB20201207",
		none: []pi.Type{"insurance_no"},
	}}
	runCases(t, e, cases)
	if got := e.Detect([]byte(text), nil); len(got) != 8 {
		t.Errorf("want 8 findings, got\n%s", dump([]byte(text), got))
	}

	_, err = LoadRules("testdata/no-such-rules.yaml")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadRules of a missing file: %v, want fs.ErrNotExist", err)
	}
}

// TestRulesTooMany: at most 64 recognizers, and the limit is reported.
func TestRulesTooMany(t *testing.T) {
	var b strings.Builder
	b.WriteString("recognizers:\n")
	for i := range 65 {
		b.WriteString("  - id: r" + strings.Repeat("x", i) + "\n    category: PI\n    pattern: 'x'\n")
	}
	_, err := ParseRules("big.yaml", []byte(b.String()))
	var re *RuleError
	if !errors.As(err, &re) || re.Line != 2+64*3 || !strings.Contains(re.Msg, "at most 64") {
		t.Errorf("65 recognizers: %v", err)
	}
}

// TestRulesSeedFuzz keeps the testdata file among the rules fuzz seeds.
func TestRulesSeedFuzz(t *testing.T) {
	data, err := os.ReadFile("testdata/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseRules("testdata/rules.yaml", data); err != nil {
		t.Fatal(err)
	}
}

func TestRulesContextWholeWord(t *testing.T) {
	r, err := ParseRules("r.yaml", []byte(`recognizers:
  - id: ticket
    category: PI.ONLINE
    pattern: 'T-\d{6}'
    context: [id]
    context_required: true
`))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(Config{Rules: r})
	if err != nil {
		t.Fatal(err)
	}
	if fs := e.Detect([]byte("valid T-123456"), nil); len(fs) != 0 {
		t.Errorf("context word inside a longer word counted: %v", fs)
	}
	if fs := e.Detect([]byte("id T-123456"), nil); len(fs) != 1 {
		t.Errorf("context word not found: %v", fs)
	}
}
