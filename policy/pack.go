package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Pack is one rule-pack file: the rules drawn from one source instrument,
// with the facts they ask about.
type Pack struct {
	// File is the path the pack was read from, used in error messages.
	File       string     `yaml:"-"`
	Instrument Instrument `yaml:"instrument"`
	Facts      []FactDecl `yaml:"facts"`
	Rules      []*Rule    `yaml:"rules"`
}

// Instrument is the law, regulation, notice or standard a pack implements.
type Instrument struct {
	// ID is the short name citations use, such as "PIPL" or "GB/T 35273-2020".
	ID    string `yaml:"id" json:"id"`
	Title Text   `yaml:"title" json:"title"`
	// Status: law, regulation, rule, judicial_interpretation, notice,
	// standard or engine. Rules of a standard are advisory: a law beats a
	// recommended standard (catalogue §6.8).
	Status    string `yaml:"status" json:"status"`
	Issued    string `yaml:"issued,omitempty" json:"issued,omitempty"`
	Effective string `yaml:"effective,omitempty" json:"effective,omitempty"`
	Source    string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Text is a pair of Chinese and English strings.
type Text struct {
	ZH string `yaml:"zh" json:"zh"`
	EN string `yaml:"en" json:"en"`
}

// FactDecl declares a fact a request may state under "facts" and rules may
// read as facts.NAME.
type FactDecl struct {
	Name string `yaml:"name"`
	// Type: bool, int or string.
	Type   string   `yaml:"type"`
	Values []string `yaml:"values,omitempty"`
	Text   Text     `yaml:"text"`
	file   string
	line   int
}

// Rule is one catalogue rule: a condition over the request and the outcome
// when it holds.
type Rule struct {
	ID      string   `yaml:"id"`
	Aliases []string `yaml:"aliases,omitempty"`
	Title   string   `yaml:"title"`
	// Citation is where the rule comes from.
	Citation Citation `yaml:"citation"`
	// Tag is the verification tag of catalogue §0.1: P, S, M, SRC or I.
	Tag string `yaml:"tag"`
	// Stage places the rule in the evaluation order of catalogue §6.
	Stage string     `yaml:"stage"`
	Text  Text       `yaml:"text"`
	When  When       `yaml:"when"`
	Then  Then       `yaml:"then"`
	Tests []RuleTest `yaml:"tests"`

	file     string
	line     int
	node     *yaml.Node
	advisory bool
}

// Where returns "file:line" of the rule in its pack.
func (r *Rule) Where() string { return fmt.Sprintf("%s:%d", r.file, r.line) }

// Citation names the provision a rule implements.
type Citation struct {
	Instrument string `yaml:"instrument" json:"instrument"`
	Article    string `yaml:"article" json:"article"`
	Paragraph  int    `yaml:"paragraph,omitempty" json:"paragraph,omitempty"`
	Item       int    `yaml:"item,omitempty" json:"item,omitempty"`
	// Also lists further provisions the rule rests on, in citation form.
	Also []string `yaml:"also,omitempty" json:"also,omitempty"`
}

// String renders the citation the way Chinese lawyers write it in English:
// "PIPL Art 13¶1(4)".
func (c Citation) String() string {
	var b strings.Builder
	b.WriteString(c.Instrument)
	if c.Article != "" {
		if isDigits(c.Article) {
			b.WriteString(" Art ")
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(c.Article)
	}
	if c.Paragraph > 0 {
		fmt.Fprintf(&b, "¶%d", c.Paragraph)
	}
	if c.Item > 0 {
		fmt.Fprintf(&b, "(%d)", c.Item)
	}
	for _, a := range c.Also {
		b.WriteString("; ")
		b.WriteString(a)
	}
	return b.String()
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// When is a rule's condition. The listed fields are cheap pre-filters
// (each non-empty list must contain the request's value); If is a CEL
// expression over the request for everything else. All given parts must
// hold.
type When struct {
	Kinds     []string `yaml:"kinds,omitempty"`
	Actions   []string `yaml:"actions,omitempty"`
	Basis     []string `yaml:"basis,omitempty"`
	Processor []string `yaml:"processor,omitempty"`
	// Categories holds if any request category is one of these or lies
	// below one of them in the taxonomy.
	Categories []string `yaml:"categories,omitempty"`
	If         string   `yaml:"if,omitempty"`
}

// Then is a rule's outcome.
type Then struct {
	// Verdict: DENY, ALLOW, ALLOW_OBL, ALLOW_NOCONSENT, OUT_OF_SCOPE, FLAG,
	// FINDING or NOTE (fires for the explanation only).
	Verdict string `yaml:"verdict"`
	// Require lists pre-conditions: unless satisfied, the decision is DENY
	// with them under "missing".
	Require []string `yaml:"require,omitempty"`
	// Oblige lists duties attached to the allowed action.
	Oblige []string `yaml:"oblige,omitempty"`
	// Waive lists obligation codes this rule dispenses with (Art 18, 35,
	// 13¶2).
	Waive    []string `yaml:"waive,omitempty"`
	Findings []string `yaml:"findings,omitempty"`
	Flags    []string `yaml:"flags,omitempty"`
	// Advisory lists recommended-standard outcomes; they never change the
	// verdict.
	Advisory []string `yaml:"advisory,omitempty"`
	// Overrides lists the ids of more general rules this one displaces
	// when both fire (specific beats general).
	Overrides []string `yaml:"overrides,omitempty"`
	// DenyWhen is a CEL condition under which the fired rule denies
	// instead of giving its verdict (an exception inside one provision,
	// e.g. Art 49 "unless the deceased arranged otherwise").
	DenyWhen string `yaml:"deny_when,omitempty"`
	// InvalidateConsent treats the consent as not given (Art 5, FRJI 4).
	InvalidateConsent bool `yaml:"invalidate_consent,omitempty"`
	// Partial is a CEL expression giving the categories or published fields
	// denied on their own; the rest of the request proceeds.
	Partial string `yaml:"partial,omitempty"`
	// Blame is a CEL expression giving the categories or published fields
	// that make a DENY, so a scan can point at the offending findings. It
	// counts only when the rule denies.
	Blame string `yaml:"blame,omitempty"`
	// Route and Deadline (triage): where a lead goes and how long the
	// addressee has; Deadline is a CEL string expression.
	Route    string `yaml:"route,omitempty"`
	Deadline string `yaml:"deadline,omitempty"`
	// Score gives triage weights per flag; the lead's score is the sum over
	// its flags.
	Score  map[string]int `yaml:"score,omitempty"`
	Reason Text           `yaml:"reason,omitempty"`
}

// RuleTest is a case a pack carries: a request and what the decision must
// (and must not) contain.
type RuleTest struct {
	Name    string    `yaml:"name"`
	Request yaml.Node `yaml:"request"`
	Expect  Expect    `yaml:"expect"`
	line    int
}

// Expect is what a RuleTest checks. Lists are "contains" checks except
// Missing, which must match exactly when given.
type Expect struct {
	Verdict     string   `yaml:"verdict,omitempty"`
	Fired       []string `yaml:"fired,omitempty"`
	NotFired    []string `yaml:"not_fired,omitempty"`
	Overridden  []string `yaml:"overridden,omitempty"`
	Missing     []string `yaml:"missing,omitempty"`
	NoMissing   bool     `yaml:"no_missing,omitempty"`
	Obligations []string `yaml:"obligations,omitempty"`
	Absent      []string `yaml:"absent,omitempty"`
	Findings    []string `yaml:"findings,omitempty"`
	Flags       []string `yaml:"flags,omitempty"`
	Advisory    []string `yaml:"advisory,omitempty"`
	Denied      []string `yaml:"denied,omitempty"`
	Route       string   `yaml:"route,omitempty"`
	// DecidedBy lists rules that must be among the decision's rule_ids.
	DecidedBy []string `yaml:"decided_by,omitempty"`
	// Deadline must occur in the decision's deadline.
	Deadline string `yaml:"deadline,omitempty"`
}

// LoadError collects every problem found while loading packs; each line
// starts with file:line.
type LoadError struct{ Problems []string }

func (e *LoadError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0]
	}
	return fmt.Sprintf("%d problems in rule packs:\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// problems accumulates load errors.
type problems struct{ list []string }

func (p *problems) addf(file string, line int, format string, a ...any) {
	p.list = append(p.list, fmt.Sprintf("%s:%d: %s", file, line, fmt.Sprintf(format, a...)))
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &LoadError{Problems: p.list}
}

// ParsePack decodes one pack file. Unknown keys are errors; rules, facts and
// tests remember their lines for later messages.
func ParsePack(file string, data []byte) (*Pack, error) {
	// One parse into a node tree serves the decoding, the unknown-key check
	// and the line numbers (parsing is most of the load time).
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s:1: empty rule pack", file)
	}
	doc := root.Content[0]
	var p problems
	checkKnownFields(doc, reflect.TypeOf(Pack{}), file, &p)
	if err := p.err(); err != nil {
		return nil, err
	}
	pack := &Pack{File: file}
	if err := doc.Decode(pack); err != nil {
		return nil, yamlError(file, err)
	}
	if rules := mapValue(doc, "rules"); rules != nil && rules.Kind == yaml.SequenceNode {
		for i, n := range rules.Content {
			if i < len(pack.Rules) && pack.Rules[i] != nil {
				r := pack.Rules[i]
				r.file, r.line, r.node = file, n.Line, n
				if tests := mapValue(n, "tests"); tests != nil && tests.Kind == yaml.SequenceNode {
					for j, t := range tests.Content {
						if j < len(r.Tests) {
							r.Tests[j].line = t.Line
						}
					}
				}
			}
		}
	}
	if facts := mapValue(doc, "facts"); facts != nil && facts.Kind == yaml.SequenceNode {
		for i, n := range facts.Content {
			if i < len(pack.Facts) {
				pack.Facts[i].file, pack.Facts[i].line = file, n.Line
			}
		}
	}
	return pack, nil
}

var nodeType = reflect.TypeOf(yaml.Node{})

// checkKnownFields reports mapping keys that name no field of t, with
// their lines: the strictness of yaml's KnownFields on a node tree.
func checkKnownFields(n *yaml.Node, t reflect.Type, file string, p *problems) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n == nil || t == nodeType {
		return
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			f, ok := yamlField(t, key)
			if !ok {
				p.addf(file, n.Content[i].Line, "field %s not found in type %s", key, t.Name())
				continue
			}
			checkKnownFields(n.Content[i+1], f.Type, file, p)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for _, c := range n.Content {
			checkKnownFields(c, t.Elem(), file, p)
		}
	}
}

// yamlField finds the field of struct type t that the YAML key names.
func yamlField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// mapValue returns the value node of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// lineOf returns the line of a nested key path under a rule, falling back
// to the rule's own line.
func (r *Rule) lineOf(keys ...string) int {
	n := r.node
	line := r.line
	for _, k := range keys {
		n = mapValue(n, k)
		if n == nil {
			return line
		}
		line = n.Line
	}
	return line
}

// readPackDir parses every *.yaml file in a directory of fsys, sorted by
// name, skipping the vocabulary files.
func readPackDir(fsys fs.FS, dir, label string) ([]*Pack, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			continue
		}
		if n == codesFile || n == constantsFile {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	packs := make([]*Pack, len(names))
	errs := make([]error, len(names))
	parallel(len(names), func(i int) {
		data, err := fs.ReadFile(fsys, path.Join(dir, names[i]))
		if err != nil {
			errs[i] = err
			return
		}
		packs[i], errs[i] = ParsePack(path.Join(label, names[i]), data)
	})
	packs = slices.DeleteFunc(packs, func(p *Pack) bool { return p == nil })
	return packs, errors.Join(errs...)
}

// yamlError rewrites a YAML error as "file:line: message" lines.
func yamlError(file string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var p problems
		for _, e := range te.Errors {
			line := 0
			msg := e
			if rest, ok := strings.CutPrefix(e, "line "); ok {
				if n, tail, ok := strings.Cut(rest, ": "); ok {
					fmt.Sscanf(n, "%d", &line)
					msg = tail
				}
			}
			msg = strings.ReplaceAll(msg, "policy.", "")
			p.addf(file, line, "%s", msg)
		}
		return p.err()
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			return fmt.Errorf("%s:%s: %s", file, n, tail)
		}
	}
	return fmt.Errorf("%s: %s", file, msg)
}
