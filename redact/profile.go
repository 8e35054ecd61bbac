package redact

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

//go:embed profiles/*.yaml
var profileFS embed.FS

// Profile says, type by type, how to de-identify and why.
type Profile struct {
	Name        string
	Description string
	// Cite lists the rules of the catalogue the profile as a whole serves.
	Cite []string
	// MinScore: findings scoring below it are left as they are.
	MinScore float64
	// Rules are tried in order; the first that matches a finding applies.
	Rules []*Rule
	// Default applies to findings no rule matches (nil: keep them).
	Default *Rule
	// File names where the profile came from, for messages.
	File string
	// ReleaseCheck asks for a k-anonymity check of a de-identified table
	// (package risk) before it is released; ReleaseK is the k to reach, 0
	// for the DEID-RELEASE-K default (20 with a sensitive column, else 5).
	ReleaseCheck bool
	ReleaseK     int
}

// Rule is one profile line.
type Rule struct {
	Types      []pi.Type
	Categories []pi.Category // match a category and everything below it
	// When restricts the rule to the findings of some subjects: "minor"
	// (under 18), "u14" (under 14), "adult", or "" for all.
	When string
	// Kinds, when given, restrict the rule to findings whose "kind"
	// attribute is one of them (special_identity: child, relief, family;
	// health: symptom, diagnosis …).
	Kinds  []string
	Op     deid.Operator
	OpName string
	Params deid.Params
	Cite   string
	Reason string
	Line   int
}

// Matches reports whether the rule applies to f.
func (r *Rule) Matches(f *pi.Finding) bool {
	if len(r.Kinds) > 0 && !slices.Contains(r.Kinds, f.Attr("kind")) {
		return false
	}
	switch r.When {
	case "minor":
		if f.Attr(pi.AttrMinor) != "true" {
			return false
		}
	case "u14":
		if !f.HasCategory(pi.CatMinorU14) {
			return false
		}
	case "adult":
		if f.Attr(pi.AttrMinor) == "true" {
			return false
		}
	}
	for _, t := range r.Types {
		if t == f.Type {
			return true
		}
	}
	for _, c := range r.Categories {
		if f.Category == c || strings.HasPrefix(string(f.Category), string(c)+".") {
			return true
		}
	}
	return false
}

// Rule returns the rule that applies to f, or nil to keep it.
func (p *Profile) Rule(f *pi.Finding) *Rule {
	for _, r := range p.Rules {
		if r.Matches(f) {
			return r
		}
	}
	return p.Default
}

type profileFile struct {
	Name        string      `yaml:"name"`
	Description string      `yaml:"description"`
	Cite        []string    `yaml:"cite"`
	MinScore    *float64    `yaml:"min_score"`
	Rules       []yaml.Node `yaml:"rules"`
	Default     yaml.Node   `yaml:"default"`
	Release     *struct {
		Check bool `yaml:"check"`
		K     int  `yaml:"k"`
	} `yaml:"release"`
}

type ruleLine struct {
	Match  []string          `yaml:"match"`
	When   string            `yaml:"when"`
	Kind   []string          `yaml:"kind"`
	Op     string            `yaml:"op"`
	Params map[string]string `yaml:"params"`
	Cite   string            `yaml:"cite"`
	Reason string            `yaml:"reason"`
}

// ProfileError is one problem in a profile file.
type ProfileError struct {
	File string
	Line int
	Msg  string
}

func (e *ProfileError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

var citeRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$`)

// ParseProfile reads a profile from YAML; name is used in messages. Every
// problem is reported, joined.
func ParseProfile(name string, data []byte) (*Profile, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ProfileError{name, yamlLine(err), err.Error()}
	}
	var pf profileFile
	if err := doc.Decode(&pf); err != nil {
		return nil, &ProfileError{name, yamlLine(err), err.Error()}
	}
	var errs []error
	bad := func(line int, format string, a ...any) {
		errs = append(errs, &ProfileError{name, line, fmt.Sprintf(format, a...)})
	}
	p := &Profile{Name: pf.Name, Description: pf.Description, Cite: pf.Cite, MinScore: 0.5, File: name}
	if pf.Release != nil {
		p.ReleaseCheck, p.ReleaseK = pf.Release.Check, pf.Release.K
		if p.ReleaseK < 0 {
			bad(1, "release k %d is negative", p.ReleaseK)
		}
	}
	if p.Name == "" {
		bad(1, "profile has no name")
	}
	if pf.MinScore != nil {
		if *pf.MinScore < 0 || *pf.MinScore > 1 {
			bad(1, "min_score %v is outside 0-1", *pf.MinScore)
		}
		p.MinScore = *pf.MinScore
	}
	for _, c := range pf.Cite {
		if !citeRE.MatchString(c) {
			bad(1, "cite %q is not a rule id of the catalogue (like CAC20-3b)", c)
		}
	}
	parse := func(n *yaml.Node, needMatch bool) *Rule {
		var rl ruleLine
		if n.Kind == yaml.ScalarNode { // default: keep / redact …
			rl.Op = n.Value
		} else if err := n.Decode(&rl); err != nil {
			bad(n.Line, "%v", err)
			return nil
		} else if msg := strictKeys(n, "match", "when", "kind", "op", "params", "cite", "reason"); msg != "" {
			bad(n.Line, "%s", msg)
		}
		r := &Rule{OpName: rl.Op, Params: deid.Params(rl.Params), Cite: rl.Cite, Reason: rl.Reason, When: rl.When, Kinds: rl.Kind, Line: n.Line}
		if needMatch && len(rl.Match) == 0 {
			bad(n.Line, "rule has no match (types or categories)")
		}
		for _, m := range rl.Match {
			switch {
			case strings.HasPrefix(m, "PI.") || strings.HasPrefix(m, "NONPI"):
				if !pi.Category(m).Valid() {
					bad(n.Line, "unknown category %q (see `custos types --categories`)", m)
				}
				r.Categories = append(r.Categories, pi.Category(m))
			default:
				if _, ok := pi.LookupType(pi.Type(m)); !ok {
					bad(n.Line, "unknown type %q (see `custos types`)", m)
				}
				r.Types = append(r.Types, pi.Type(m))
			}
		}
		switch r.When {
		case "", "minor", "u14", "adult":
		default:
			bad(n.Line, "when %q: want minor, u14 or adult", r.When)
		}
		if r.OpName == "" {
			bad(n.Line, "rule has no op")
			return r
		}
		op, err := deid.NewOperator(r.OpName, r.Params)
		if err != nil {
			bad(n.Line, "%v", err)
			return r
		}
		r.Op = op
		if needMatch && r.Cite == "" {
			bad(n.Line, "rule for %v has no cite: every profile line says why (a rule id of the catalogue)", rl.Match)
		} else if r.Cite != "" && !citeRE.MatchString(r.Cite) {
			bad(n.Line, "cite %q is not a rule id of the catalogue (like CAC20-3b)", r.Cite)
		}
		return r
	}
	for i := range pf.Rules {
		if r := parse(&pf.Rules[i], true); r != nil {
			p.Rules = append(p.Rules, r)
		}
	}
	if pf.Default.Kind != 0 {
		p.Default = parse(&pf.Default, false)
		if p.Default != nil && len(p.Default.Types)+len(p.Default.Categories) > 0 {
			bad(pf.Default.Line, "default takes no match")
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

func strictKeys(n *yaml.Node, allowed ...string) string {
	if n.Kind != yaml.MappingNode {
		return "rule must be a mapping"
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		found := false
		for _, a := range allowed {
			found = found || a == k
		}
		if !found {
			return fmt.Sprintf("unknown key %q (want %s)", k, strings.Join(allowed, ", "))
		}
	}
	return ""
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return n
	}
	return 1
}

// Builtin returns the names of the embedded profiles.
func Builtin() []string {
	entries, _ := profileFS.ReadDir("profiles")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Load returns an embedded profile by name, or reads a profile file when
// name is a path (contains a slash or ends in .yaml/.yml).
func Load(name string) (*Profile, error) {
	if strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read profile: %w", err)
		}
		return ParseProfile(name, data)
	}
	data, err := profileFS.ReadFile(path.Join("profiles", name+".yaml"))
	if err != nil {
		return nil, fmt.Errorf("unknown profile %q (built in: %s; or give a YAML file)", name, strings.Join(Builtin(), ", "))
	}
	return ParseProfile("profiles/"+name+".yaml", data)
}
