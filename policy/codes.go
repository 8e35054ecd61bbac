package policy

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Vocabulary files read from a rule directory besides the packs.
const (
	codesFile     = "codes.yaml"
	constantsFile = "constants.yaml"
	factsFile     = "facts.yaml"
)

// Code kinds. Pre-conditions must be satisfied before the action (else
// DENY with them missing); notice duties and constraints attach to the
// allowed action; processor duties are standing duties checked by a
// processor review; controls are safeguards a request may list under
// measures; finding, flag and advisory codes label outputs.
var codeKinds = []string{"pre", "notice", "constraint", "processor", "control", "finding", "flag", "advisory"}

// CodeDef is one entry of the obligation and label vocabulary (catalogue §0.3
// and Custos extensions).
type CodeDef struct {
	Code string `yaml:"code" json:"code"`
	Kind string `yaml:"kind" json:"kind"`
	Text Text   `yaml:"text" json:"text"`
	// Citation is free text, e.g. "PIPL Art 14".
	Citation string `yaml:"citation,omitempty" json:"citation,omitempty"`
	// Extension marks codes Custos adds to catalogue §0.3.
	Extension bool `yaml:"extension,omitempty" json:"extension,omitempty"`
	// SatisfiedWhen is a CEL expression saying when the request already
	// meets the obligation, besides listing it under measures.
	SatisfiedWhen string `yaml:"satisfied_when,omitempty" json:"-"`
	line          int
}

// Constant is one entry of the machine table of catalogue §5. Values are
// integers (ages in years, counts of people, days, yuan).
type Constant struct {
	Key      string `yaml:"key" json:"key"`
	Value    int64  `yaml:"value" json:"value"`
	Unit     string `yaml:"unit,omitempty" json:"unit,omitempty"`
	Meaning  string `yaml:"meaning" json:"meaning"`
	Citation string `yaml:"citation" json:"citation"`
	Tag      string `yaml:"tag" json:"tag"`
	line     int
}

func parseCodes(file string, data []byte) ([]CodeDef, error) {
	var doc struct {
		Codes []CodeDef `yaml:"codes"`
	}
	if err := decodeStrict(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	lines := seqLines(data, "codes")
	var p problems
	seen := map[string]bool{}
	for i := range doc.Codes {
		c := &doc.Codes[i]
		if i < len(lines) {
			c.line = lines[i]
		}
		switch {
		case c.Code == "":
			p.addf(file, c.line, "code without a name")
		case seen[c.Code]:
			p.addf(file, c.line, "duplicate code %s", c.Code)
		case !contains(codeKinds, c.Kind):
			p.addf(file, c.line, "code %s: unknown kind %q (want one of %s)", c.Code, c.Kind, strings.Join(codeKinds, ", "))
		case c.Text.EN == "" || c.Text.ZH == "":
			p.addf(file, c.line, "code %s: text needs zh and en", c.Code)
		}
		seen[c.Code] = true
	}
	return doc.Codes, p.err()
}

func parseConstants(file string, data []byte) ([]Constant, error) {
	var doc struct {
		Constants []Constant `yaml:"constants"`
	}
	if err := decodeStrict(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	lines := seqLines(data, "constants")
	var p problems
	seen := map[string]bool{}
	for i := range doc.Constants {
		c := &doc.Constants[i]
		if i < len(lines) {
			c.line = lines[i]
		}
		switch {
		case !isIdent(c.Key):
			p.addf(file, c.line, "constant key %q is not an identifier (A-Z, 0-9, _)", c.Key)
		case seen[c.Key]:
			p.addf(file, c.line, "duplicate constant %s", c.Key)
		case c.Citation == "":
			p.addf(file, c.line, "constant %s: citation missing", c.Key)
		}
		seen[c.Key] = true
	}
	return doc.Constants, p.err()
}

func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	return nil
}

// seqLines returns the line of each item of the top-level sequence key.
func seqLines(data []byte, key string) []int {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	seq := mapValue(root.Content[0], key)
	if seq == nil {
		return nil
	}
	lines := make([]int, len(seq.Content))
	for i, n := range seq.Content {
		lines[i] = n.Line
	}
	return lines
}

func isIdent(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitCode splits an obligation reference such as "PURPOSE_LOCK(epidemic)"
// or "NOTICE.retention" into its code and argument.
func splitCode(ref string) (code, arg string) {
	if i := strings.IndexByte(ref, '('); i > 0 && strings.HasSuffix(ref, ")") {
		return ref[:i], ref[i+1 : len(ref)-1]
	}
	if i := strings.IndexAny(ref, ".:"); i > 0 {
		return ref[:i], ref[i+1:]
	}
	return ref, ""
}
