package detect

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Rules are a user's additions to the built-in recognizers, loaded from a
// YAML file:
//
//	version: 1
//	recognizers:
//	  - id: employee_id          # unique; also the finding type unless type is set
//	    category: PI.EDU_WORK    # taxonomy id (catalogue §2)
//	    pattern: 'EMP-\d{6}'     # a Go (RE2) regular expression, or
//	    words: [张三丰, 李四光]    # a word list
//	    validator: luhn          # optional: luhn, resident_id, uscc, vin, mobile
//	    context: [工号, 员工编号]  # optional context words (16 runes before)
//	    context_required: true   # report only with a context word
//	    score: 0.8               # base score, default 0.8; +0.15 with context
//	    examples:                # checked when the file is loaded
//	      match: ['工号 EMP-123456']
//	      no_match: ['EMP-12']
//	allow:                       # values never reported
//	  - '13800138000'
//	  - pattern: '^400\d{7}$'
//	deny:                        # values always reported
//	  - value: 王小明
//	    type: person_name
//	    category: PI.BASIC.NAME
//
// Rules are compiled once; a *Rules is immutable and safe for concurrent use.
type Rules struct {
	custom     []*custom
	words      *keywords // word-list recognizers and deny entries
	wordOwner  []wordOwner
	ctxWords   *keywords // context words of context-required pattern rules
	allowExact map[string]bool
	allowRe    []*regexp.Regexp
	types      map[pi.Type]bool
}

type custom struct {
	id              string
	typ             pi.Type
	category        pi.Category
	re              *regexp.Regexp
	prefix          []byte
	validator       func(string) bool
	validatorName   string
	context         []string
	contextRequired bool
	score           float64
	ctxBit          uint64
	examples        []string // must match
	counter         []string // must not match
	line            int
}

type wordOwner struct {
	rule *custom
	deny bool
}

// RuleError is one problem in a rules file, with its position.
type RuleError struct {
	File string
	Line int
	Msg  string
}

func (e *RuleError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

type ruleFile struct {
	Version     int         `yaml:"version"`
	Recognizers []yaml.Node `yaml:"recognizers"`
	Allow       []yaml.Node `yaml:"allow"`
	Deny        []yaml.Node `yaml:"deny"`
}

type ruleSpec struct {
	ID              string   `yaml:"id"`
	Type            string   `yaml:"type"`
	Category        string   `yaml:"category"`
	Pattern         string   `yaml:"pattern"`
	Words           []string `yaml:"words"`
	Validator       string   `yaml:"validator"`
	Context         []string `yaml:"context"`
	ContextRequired bool     `yaml:"context_required"`
	Score           *float64 `yaml:"score"`
	Examples        struct {
		Match   []string `yaml:"match"`
		NoMatch []string `yaml:"no_match"`
	} `yaml:"examples"`
}

type denySpec struct {
	Value    string `yaml:"value"`
	Type     string `yaml:"type"`
	Category string `yaml:"category"`
}

var validators = map[string]func(string) bool{
	"luhn":        checksum.Luhn,
	"resident_id": checksum.ResidentID,
	"uscc":        checksum.USCC,
	"vin":         checksum.VIN,
	"mobile":      func(s string) bool { return len(s) == 11 && zh.MobileSegment(s) },
}

var typeName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// LoadRules reads and compiles a rules file. Every problem is reported, each
// with file and line, joined in the returned error.
func LoadRules(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return ParseRules(path, data)
}

// ParseRules compiles rules from YAML; name is used in error messages.
func ParseRules(name string, data []byte) (*Rules, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &RuleError{File: name, Line: yamlErrLine(err), Msg: err.Error()}
	}
	var rf ruleFile
	if err := doc.Decode(&rf); err != nil {
		return nil, &RuleError{File: name, Line: yamlErrLine(err), Msg: err.Error()}
	}
	var errs []error
	bad := func(line int, format string, a ...any) {
		errs = append(errs, &RuleError{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	if rf.Version != 0 && rf.Version != 1 {
		bad(1, "unsupported version %d (want 1)", rf.Version)
	}
	r := &Rules{allowExact: map[string]bool{}, types: map[pi.Type]bool{}}
	var words []string
	var payload []uint64
	ids := map[string]int{}
	var ctxList []string
	var ctxPayload []uint64
	for i := range rf.Recognizers {
		n := &rf.Recognizers[i]
		var sp ruleSpec
		if err := n.Decode(&sp); err != nil {
			bad(n.Line, "recognizer: %v", err)
			continue
		}
		if err := strictKeys(n, "id", "type", "category", "pattern", "words", "validator", "context",
			"context_required", "score", "examples"); err != "" {
			bad(n.Line, "%s", err)
		}
		c := &custom{id: sp.ID, typ: pi.Type(sp.Type), category: pi.Category(sp.Category),
			context: sp.Context, contextRequired: sp.ContextRequired, score: 0.8, validatorName: sp.Validator}
		switch {
		case sp.ID == "":
			bad(n.Line, "recognizer has no id")
		case ids[sp.ID] != 0:
			bad(n.Line, "duplicate recognizer id %q (first at line %d)", sp.ID, ids[sp.ID])
		default:
			ids[sp.ID] = n.Line
		}
		if c.typ == "" {
			c.typ = pi.Type(sp.ID)
		}
		if c.typ != "" && !typeName.MatchString(string(c.typ)) { // no type and no id: reported above
			bad(n.Line, "type %q must be snake_case", c.typ)
		}
		if !c.category.Valid() {
			bad(n.Line, "unknown category %q (see `custos types --categories`)", sp.Category)
		}
		if (sp.Pattern == "") == (len(sp.Words) == 0) {
			bad(n.Line, "recognizer %q needs exactly one of pattern or words", sp.ID)
		}
		if sp.Pattern != "" {
			re, err := regexp.Compile(sp.Pattern)
			if err != nil {
				bad(n.Line, "recognizer %q: bad pattern: %v", sp.ID, err)
			} else {
				c.re = re
				if p, _ := re.LiteralPrefix(); p != "" {
					c.prefix = []byte(p)
				}
			}
		}
		if sp.Validator != "" {
			v, ok := validators[sp.Validator]
			if !ok {
				bad(n.Line, "recognizer %q: unknown validator %q (have luhn, mobile, resident_id, uscc, vin)", sp.ID, sp.Validator)
			}
			c.validator = v
		}
		if sp.Score != nil {
			if *sp.Score <= 0 || *sp.Score > 1 {
				bad(n.Line, "recognizer %q: score %v is outside (0, 1]", sp.ID, *sp.Score)
			}
			c.score = *sp.Score
		}
		if c.contextRequired && len(c.context) == 0 {
			bad(n.Line, "recognizer %q: context_required without context words", sp.ID)
		}
		for _, w := range sp.Context {
			if strings.TrimSpace(w) == "" {
				bad(n.Line, "recognizer %q: empty context word", sp.ID)
			}
		}
		idx := len(r.custom)
		if idx >= 64 {
			bad(n.Line, "too many recognizers (at most 64)")
			continue
		}
		c.ctxBit = 1 << uint(idx)
		for _, w := range sp.Context {
			ctxList = append(ctxList, w)
			ctxPayload = append(ctxPayload, c.ctxBit)
		}
		for _, w := range sp.Words {
			if strings.TrimSpace(w) == "" {
				bad(n.Line, "recognizer %q: empty word", sp.ID)
				continue
			}
			words = append(words, w)
			payload = append(payload, uint64(len(r.wordOwner)))
			r.wordOwner = append(r.wordOwner, wordOwner{rule: c})
		}
		r.custom = append(r.custom, c)
		r.types[c.typ] = true
		c.examples = sp.Examples.Match
		c.counter = sp.Examples.NoMatch
		c.line = n.Line
	}
	for i := range rf.Allow {
		n := &rf.Allow[i]
		switch n.Kind {
		case yaml.ScalarNode:
			if n.Value == "" {
				bad(n.Line, "empty allow entry")
			}
			r.allowExact[n.Value] = true
		case yaml.MappingNode:
			var a struct {
				Pattern string `yaml:"pattern"`
			}
			if err := n.Decode(&a); err != nil || a.Pattern == "" {
				bad(n.Line, "allow entry needs a value or pattern:")
				continue
			}
			re, err := regexp.Compile(a.Pattern)
			if err != nil {
				bad(n.Line, "allow pattern: %v", err)
				continue
			}
			r.allowRe = append(r.allowRe, re)
		default:
			bad(n.Line, "allow entry must be a string or {pattern: …}")
		}
	}
	for i := range rf.Deny {
		n := &rf.Deny[i]
		var d denySpec
		if err := n.Decode(&d); err != nil {
			bad(n.Line, "deny: %v", err)
			continue
		}
		if d.Value == "" {
			bad(n.Line, "deny entry has no value")
			continue
		}
		if d.Type == "" {
			d.Type = "denied_value"
		}
		if d.Category == "" {
			d.Category = string(pi.CatPI)
		}
		if !typeName.MatchString(d.Type) {
			bad(n.Line, "type %q must be snake_case", d.Type)
		}
		if !pi.Category(d.Category).Valid() {
			bad(n.Line, "unknown category %q", d.Category)
		}
		c := &custom{id: "deny", typ: pi.Type(d.Type), category: pi.Category(d.Category), score: 1}
		words = append(words, d.Value)
		payload = append(payload, uint64(len(r.wordOwner)))
		r.wordOwner = append(r.wordOwner, wordOwner{rule: c, deny: true})
		r.types[c.typ] = true
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var err error
	if len(words) > 0 {
		if r.words, err = newKeywords(words, payload); err != nil {
			return nil, &RuleError{File: name, Line: 1, Msg: err.Error()}
		}
	}
	if len(ctxList) > 0 {
		if r.ctxWords, err = newKeywords(ctxList, ctxPayload); err != nil {
			return nil, &RuleError{File: name, Line: 1, Msg: err.Error()}
		}
	}
	// Each recognizer's examples must behave as written.
	for _, c := range r.custom {
		for _, ex := range c.examples {
			if !r.matches(c, ex) {
				errs = append(errs, &RuleError{File: name, Line: c.line, Msg: fmt.Sprintf("recognizer %q does not match its example %q", c.id, ex)})
			}
		}
		for _, ex := range c.counter {
			if r.matches(c, ex) {
				errs = append(errs, &RuleError{File: name, Line: c.line, Msg: fmt.Sprintf("recognizer %q matches its counter-example %q", c.id, ex)})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// strictKeys reports keys of a mapping node that are not in allowed.
func strictKeys(n *yaml.Node, allowed ...string) string {
	if n.Kind != yaml.MappingNode {
		return "recognizer must be a mapping"
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		ok := false
		for _, a := range allowed {
			if k == a {
				ok = true
				break
			}
		}
		if !ok {
			return fmt.Sprintf("unknown key %q (line %d)", k, n.Content[i].Line)
		}
	}
	return ""
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func yamlErrLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return n
	}
	return 1
}

// matches runs one recognizer on an example text.
func (r *Rules) matches(c *custom, text string) bool {
	s := &scanner{e: &Engine{ctxKW: sharedContext()}}
	s.reset([]byte(text), "")
	for _, f := range r.detect(s, nil) {
		if f.Source == "custom:"+c.id {
			return true
		}
	}
	return false
}

func (r *Rules) hasType(t pi.Type) bool { return r != nil && r.types[t] }

// detect runs the custom recognizers and the deny-list over the scanner's
// text, appending findings to out.
func (r *Rules) detect(s *scanner, out []pi.Finding) (result []pi.Finding) {
	builtin := len(out)
	defer func() {
		result = overrideBuiltin(result, builtin)
	}()
	text := s.text
	var ctxHits []keywordHit
	if r.ctxWords != nil {
		ctxHits = r.ctxWords.find(text, nil)
	}
	ctxNear := func(c *custom, start int) []string {
		var seen []string
		lo := backRunes(text, start, ctxBeforeRunes)
		for _, h := range ctxHits {
			if h.End <= start && h.Start >= lo && r.ctxWords.payload[h.Word]&c.ctxBit != 0 &&
				asciiBounded(text, r.ctxWords.words[h.Word], h.Start, h.End) {
				seen = append(seen, r.ctxWords.words[h.Word])
			}
		}
		return seen
	}
	emit := func(c *custom, start, end int, deny bool) {
		if s.e.enabled != nil && !s.e.enabled[c.typ] {
			return
		}
		f := pi.Finding{Type: c.typ, Category: c.category, Start: start, End: end, Score: c.score,
			Source: "custom:" + c.id}
		if deny {
			f.Source = "deny-list"
			f.Evidence = pi.Evidence{Validator: "deny-list", Valid: true}
			out = append(out, f)
			return
		}
		if c.validator != nil {
			v := normalizeAlnum(text[start:end])
			if !c.validator(v) {
				return
			}
			f.Evidence.Validator = c.validatorName
			f.Evidence.Valid = true
		}
		if len(c.context) > 0 {
			words := ctxNear(c, start)
			if len(words) == 0 && c.contextRequired {
				return
			}
			if len(words) > 0 {
				f.Score = min(f.Score+0.15, 1)
				f.Evidence.Context = words
			}
		}
		out = append(out, f)
	}
	for _, c := range r.custom {
		if c.re == nil {
			continue
		}
		if c.prefix != nil && !bytes.Contains(text, c.prefix) {
			continue
		}
		if c.contextRequired && len(ctxHits) == 0 {
			continue
		}
		for _, m := range c.re.FindAllIndex(text, -1) {
			if m[1] > m[0] {
				emit(c, m[0], m[1], false)
			}
		}
	}
	if r.words != nil {
		for _, h := range r.words.find(text, nil) {
			// words match whole: not inside a longer ASCII word
			if h.Start > 0 && isAlnum(text[h.Start-1]) && isAlnum(text[h.Start]) {
				continue
			}
			if h.End < len(text) && isAlnum(text[h.End]) && isAlnum(text[h.End-1]) {
				continue
			}
			for _, idx := range r.words.owners(h.Word) {
				o := r.wordOwner[idx]
				emit(o.rule, h.Start, h.End, o.deny)
			}
		}
	}
	return out
}

// overrideBuiltin drops the built-in person numbers (out[:builtin]) that a
// custom recognizer's finding (out[builtin:]) spans exactly: the user's
// rule for a labelled number (医保号：YB20201207 as insurance_no) says what
// it is better than the built-in reading of any number after a label. A
// built-in identifier of a checked shape stays beside the custom finding
// (a bank card read as a social-security card too).
func overrideBuiltin(out []pi.Finding, builtin int) []pi.Finding {
	if len(out) == builtin {
		return out
	}
	type span struct{ start, end int }
	custom := map[span]bool{}
	for _, f := range out[builtin:] {
		if f.Source != "deny-list" {
			custom[span{f.Start, f.End}] = true
		}
	}
	return slices.DeleteFunc(out, func(f pi.Finding) bool {
		return f.Type == pi.PersonNumber && custom[span{f.Start, f.End}]
	})
}

// allowed reports whether a finding's value is on the allow-list.
func (r *Rules) allowed(f *pi.Finding, text []byte) bool {
	if r == nil || (len(r.allowExact) == 0 && len(r.allowRe) == 0) {
		return false
	}
	v := bstr(text[f.Start:f.End])
	if r.allowExact[v] {
		return true
	}
	if n := f.Attr(pi.AttrNormalized); n != "" && r.allowExact[n] {
		return true
	}
	for _, re := range r.allowRe {
		if re.MatchString(v) {
			return true
		}
	}
	return false
}

// normalizeAlnum keeps ASCII letters and digits (for validators).
func normalizeAlnum(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if isAlnum(c) {
			out = append(out, c)
		}
	}
	return string(out)
}
