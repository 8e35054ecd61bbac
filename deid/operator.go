package deid

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Operator transforms the value of one finding. Apply receives the finding
// (type, category, attributes such as a resident ID's birth_date or an
// address's elements, and the subject it belongs to) and its text, and
// returns the replacement text. An empty result removes the value.
// Operators are safe for concurrent use; per-document state lives in the
// Context.
type Operator interface {
	Name() string
	Apply(c *Context, f *pi.Finding, value string) (string, error)
}

// ErrNotApplicable is wrapped by the errors of Apply when the operator
// does not apply to the finding's type: generalize to a target the type
// has no notion of (a name to band10), tokenize of a date or free text,
// surrogate of a diagnosis. Profiles should pair such types with another
// operator; callers can tell this error from a value that could not be
// read with errors.Is.
var ErrNotApplicable = errors.New("operator does not apply to this type")

// Params are an operator's parameters as a profile line gives them.
type Params map[string]string

// OperatorInfo documents an operator for `custos profiles` and the docs.
type OperatorInfo struct {
	// Name is what a profile line writes (mask, date_shift).
	Name string `json:"name"`
	// Description is one line for people.
	Description string `json:"description"`
	// Params are the parameters the operator accepts; any other is an
	// error.
	Params []ParamInfo `json:"params,omitempty"`
	// NeedsKey is true when the operator fails without a secret key
	// (pseudonym only with scope=key).
	NeedsKey bool `json:"needs_key,omitempty"`
}

// ParamInfo documents one parameter of an operator.
type ParamInfo struct {
	Name string `json:"name"`
	// Default is the value used when the parameter is not given.
	Default     string `json:"default,omitempty"`
	Description string `json:"description"`
}

type operatorDef struct {
	info  OperatorInfo
	build func(p Params) (Operator, error)
}

// registry lists the operators in documentation order.
var registry = []operatorDef{
	{OperatorInfo{Name: "redact", Description: "remove the value"}, buildRedact},
	{OperatorInfo{Name: "replace", Description: "replace the value with a label, by default the type's Chinese label ([姓名], [身份证号] …)",
		Params: []ParamInfo{
			{"label", "", "the literal replacement"},
			{"template", "", "a replacement with {type} (resident_id), {category} (PI.ID.NUMBER) or {label} (身份证号)"},
		}}, buildReplace},
	{OperatorInfo{Name: "mask", Description: "hide most characters the Chinese way: 138****5678, 110105********3008, 6222 02** **** ***1 234, 张*, z***@163.com, 四川省成都市郫都区****, 川A·***45; separators stay in place",
		Params: []ParamInfo{
			{"char", "*", "the mask character (one character)"},
			{"keep", "", "last4: resident IDs and bank cards keep only the last four digits; none: mask every character"},
			{"level", "district", "addresses: the finest level kept (province, city, district, town)"},
		}}, buildMask},
	{OperatorInfo{Name: "hash", Description: "keyed HMAC-SHA256 of the normalized value, hex", NeedsKey: true,
		Params: []ParamInfo{
			{"length", "16", "hex digits kept (1-64)"},
			{"prefix", "", "text written before the digest"},
		}}, buildHash},
	{OperatorInfo{Name: "pseudonym", Description: "the same value gets the same pseudonym: 张三 → 人员A in every place of a document; 某男, 张某",
		Params: []ParamInfo{
			{"style", "人员{n}", "template: {n} letters A, B … Z, AA; {i} 1, 2, 3; {surname} the name's surname; {sex} 男/女 (人 when unknown, nothing before a title: 某先生); {label} the type's label"},
			{"scope", "document", "document: numbered per document; key: derived from the secret key, the same in every document"},
		}}, buildPseudonym},
	{OperatorInfo{Name: "surrogate", Description: "a realistic fake value that stays valid (check digits, segments, BINs, regions), the same for the same value under the same key", NeedsKey: true,
		Params: []ParamInfo{
			{"keep", "", "what to keep, joined with +: birth_year, region (resident ID, USCC), segment (mobile), surname (names), domain (e-mail), province, city, district (address), tac (IMEI)"},
			{"days", "30", "dates: the largest shift in days"},
		}}, buildSurrogate},
	{OperatorInfo{Name: "tokenize", Description: "format-preserving encryption (FF1, NIST SP 800-38G), reversible with the key: digits stay digits, lengths stay, check characters are recomputed", NeedsKey: true,
		Params: []ParamInfo{
			{"keep", "", "segment: mobile numbers keep their first three digits; surname: names keep the surname"},
		}}, buildTokenize},
	{OperatorInfo{Name: "generalize", Description: "make the value coarser: age bands, month or week of a date, district of an address, birth year and region of an ID number, venue kind of a place",
		Params: []ParamInfo{
			{"to", "", "target (required): band10, band5, band:0-13,14-17,18-59,60+ (age, resident ID); year, month, week, day, half-day (date); province, city, district, town (address, resident ID); birth_year, region, age_band (resident ID, joined with +); grid:0.01 (GPS); level (school); venue (place); carrier, province, city (phone); bank (bank card)"},
			{"level", "city", "resident ID with to=region: the region level (province, city, district)"},
		}}, buildGeneralize},
	{OperatorInfo{Name: "date_shift", Description: "shift dates by a secret offset per subject (per document without one), keeping the written form: 2020年1月2日 → 2020年1月19日", NeedsKey: true,
		Params: []ParamInfo{
			{"days", "30", "the largest shift in days (1-3650)"},
		}}, buildDateShift},
	{OperatorInfo{Name: "suppress", Description: "remove the value and mark the containing record or sentence for removal (Context.TakeSuppressed)"}, buildSuppress},
	{OperatorInfo{Name: "keep", Description: "keep the value unchanged (a profile line that keeps a type on purpose)"}, buildKeep},
}

// NewOperator builds the operator called name with the parameters of a
// profile line. An unknown operator, an unknown parameter and a bad
// parameter value are errors that name them.
func NewOperator(name string, p Params) (Operator, error) {
	for _, d := range registry {
		if d.info.Name != name {
			continue
		}
		for k := range p {
			if !slices.ContainsFunc(d.info.Params, func(pi ParamInfo) bool { return pi.Name == k }) {
				return nil, fmt.Errorf("operator %s: unknown parameter %q (%s)", name, k, paramNames(d.info))
			}
		}
		op, err := d.build(p)
		if err != nil {
			return nil, fmt.Errorf("operator %s: %w", name, err)
		}
		return op, nil
	}
	names := make([]string, len(registry))
	for i, d := range registry {
		names[i] = d.info.Name
	}
	return nil, fmt.Errorf("unknown operator %q (known: %s)", name, strings.Join(names, ", "))
}

func paramNames(info OperatorInfo) string {
	if len(info.Params) == 0 {
		return "it takes none"
	}
	var names []string
	for _, p := range info.Params {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return "known: " + strings.Join(names, ", ")
}

// Operators lists the operators with a one-line description and their
// parameters, in documentation order.
func Operators() []OperatorInfo {
	out := make([]OperatorInfo, len(registry))
	for i, d := range registry {
		out[i] = d.info
		out[i].Params = slices.Clone(d.info.Params)
	}
	return out
}

// paramInt reads an integer parameter in [lo, hi].
func paramInt(p Params, name string, def, lo, hi int) (int, error) {
	s, ok := p[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("parameter %s=%q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

// paramEnum reads a parameter that takes one of a fixed set of values.
func paramEnum(p Params, name, def string, allowed ...string) (string, error) {
	s, ok := p[name]
	if !ok {
		return def, nil
	}
	if !slices.Contains(allowed, s) {
		return "", fmt.Errorf("parameter %s=%q: want one of %s", name, s, strings.Join(allowed, ", "))
	}
	return s, nil
}

// paramSet reads a list of values joined with + or , each from allowed.
func paramSet(p Params, name string, allowed ...string) (map[string]bool, error) {
	s, ok := p[name]
	if !ok || s == "" {
		return nil, nil
	}
	set := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '+' || r == ',' || r == ' ' }) {
		if !slices.Contains(allowed, part) {
			return nil, fmt.Errorf("parameter %s=%q: %q is not one of %s", name, s, part, strings.Join(allowed, ", "))
		}
		set[part] = true
	}
	return set, nil
}

// checkText rejects parameter text that is not valid UTF-8.
func checkText(p Params, name string) error {
	if s, ok := p[name]; ok && !utf8.ValidString(s) {
		return fmt.Errorf("parameter %s: not valid UTF-8", name)
	}
	return nil
}

// finding returns f, or an empty finding when f is nil, so operators can
// read attributes without checking.
func finding(f *pi.Finding) *pi.Finding {
	if f == nil {
		return &pi.Finding{}
	}
	return f
}
