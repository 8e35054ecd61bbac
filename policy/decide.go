package policy

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/interpreter"

	"github.com/custos-project/custos/pi"
)

func lookupCategory(id string) (pi.CategoryInfo, bool) { return pi.LookupCategory(pi.Category(id)) }

// state is one decision in progress; it is also the CEL activation.
type state struct {
	e          *Engine
	req        *Request
	kind       string
	basis      string
	consent    Consent
	categories []string
	views      []CategoryView
	cats       map[string]bool
	measures   map[string]bool
	flags      map[string]bool
	facts      map[string]any
	child      bool
	minor      bool
	sensitive  bool
	sensGBT    bool
	// missingIsReason: the verdict's reason already lists the missing
	// pre-conditions, so the summary does not repeat them.
	missingIsReason bool
	// arena backs the one-element rule-id lists of a decision's
	// obligations and items; it belongs to the decision, not the pool.
	arena []string
}

var _ interpreter.Activation = (*state)(nil)

// statePool recycles the maps and slices a decision needs; the decision
// itself shares none of them.
var statePool = sync.Pool{New: func() any {
	return &state{cats: map[string]bool{}, measures: map[string]bool{}, flags: map[string]bool{}, facts: map[string]any{}}
}}

// ResolveName implements interpreter.Activation.
func (s *state) ResolveName(name string) (any, bool) {
	switch name {
	case "kind":
		return s.kind, true
	case "action":
		return s.req.Action, true
	case "basis":
		return s.basis, true
	case "categories":
		return s.categories, true
	case "cats":
		return s.cats, true
	case "measures":
		return s.measures, true
	case "subject":
		return &s.req.Subject, true
	case "processor":
		return &s.req.Processor, true
	case "consent":
		return &s.consent, true
	case "context":
		return &s.req.Context, true
	case "rights":
		return &s.req.Rights, true
	case "lead":
		return &s.req.Lead, true
	case "age":
		return s.req.Subject.Age, true
	case "child":
		return s.child, true
	case "minor":
		return s.minor, true
	case "sensitive":
		return s.sensitive, true
	case "sensitive_gbt":
		return s.sensGBT, true
	case "flags":
		return s.flags, true
	}
	if f, ok := strings.CutPrefix(name, "facts."); ok {
		if v, ok := s.facts[f]; ok {
			return v, true
		}
		if d, ok := s.e.facts[f]; ok {
			return zeroFact(d.Type), true
		}
	}
	return nil, false
}

// Parent implements interpreter.Activation.
func (s *state) Parent() interpreter.Activation { return nil }

func zeroFact(t string) any {
	switch t {
	case "bool":
		return false
	case "int":
		return int64(0)
	}
	return ""
}

// prepare validates the pack-dependent parts of a request (categories,
// measures, facts) and derives what rules read.
func (e *Engine) prepare(req *Request) (*state, error) {
	s := statePool.Get().(*state)
	cats, measures, flags, facts, categories := s.cats, s.measures, s.flags, s.facts, s.categories[:0]
	clear(cats)
	clear(measures)
	clear(flags)
	clear(facts)
	*s = state{e: e, req: req, kind: req.kind(), basis: req.Basis, consent: req.Consent,
		cats: cats, measures: measures, flags: flags, facts: facts, categories: categories}
	if s.kind == "processing" && s.basis == "" {
		s.basis = "NONE"
	}
	if s.consent.State == "" {
		s.consent.State = "none"
	}
	if s.consent.By == "" {
		s.consent.By = "self"
	}
	add := func(id string, sp, sg *bool, implicit bool) {
		if slices.Contains(s.categories, id) {
			return
		}
		info, _ := lookupCategory(id)
		v := CategoryView{ID: id, SensitivePIPL: info.PIPLSensitive, SensitiveGBT: info.GBTSensitive, Implicit: implicit}
		if sp != nil {
			v.SensitivePIPL = *sp
		}
		if sg != nil {
			v.SensitiveGBT = *sg
		}
		s.categories = append(s.categories, id)
		s.views = append(s.views, v)
		s.sensitive = s.sensitive || v.SensitivePIPL
		s.sensGBT = s.sensGBT || v.SensitiveGBT
		for c := id; c != ""; {
			s.cats[c] = true
			info, ok := lookupCategory(c)
			if !ok {
				break
			}
			c = string(info.Parent)
		}
	}
	for i, c := range req.Categories {
		if !knownCategory(c.ID) {
			return nil, fmt.Errorf("request: categories[%d]: unknown category %q (see `custos types`)", i, c.ID)
		}
		if parts, ok := composites[c.ID]; ok {
			s.cats[c.ID] = true
			for _, p := range parts {
				add(p, nil, nil, false)
			}
			continue
		}
		add(c.ID, c.SensitivePIPL, c.SensitiveGBT, false)
	}
	age := req.Subject.Age
	childAge, minorAge := e.constVal["CHILD_AGE_PIPL"], e.constVal["MINOR_AGE"]
	s.child = age >= 0 && int64(age) < childAge
	s.minor = age >= 0 && int64(age) < minorAge
	// Catalogue §6.1: implicit categories. A child's whole record is
	// sensitive (Art 28); a special group's status is special identity.
	if s.kind != "lead" && len(s.categories) > 0 && !s.cats["NONPI.ANON"] {
		if s.child {
			add("PI.MINOR_U14", nil, nil, true)
		}
		for _, g := range req.Subject.SpecialGroups {
			if g == "disadvantaged_child" || g == "disabled" {
				add("PI.SPECIAL_IDENTITY", nil, nil, true)
				break
			}
		}
	}
	for i, m := range req.Measures {
		c, ok := e.codes[m]
		if !ok || !contains([]string{"pre", "notice", "constraint", "processor", "control"}, c.Kind) {
			return nil, fmt.Errorf("request: measures[%d]: unknown measure %q (see `custos rules codes`)", i, m)
		}
		s.measures[m] = true
	}
	if len(req.Facts) > 0 {
		for k, v := range req.Facts {
			d, ok := e.facts[k]
			if !ok {
				return nil, fmt.Errorf("request: facts.%s: no rule pack declares this fact (see `custos rules facts`)", k)
			}
			cv, err := convertFact(d, v)
			if err != nil {
				return nil, fmt.Errorf("request: facts.%s: %w", k, err)
			}
			s.facts[k] = cv
		}
	}
	return s, nil
}

func convertFact(d *FactDecl, v any) (any, error) {
	switch d.Type {
	case "bool":
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case "int":
		switch n := v.(type) {
		case float64:
			if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
				return int64(n), nil
			}
		case int:
			return int64(n), nil
		case int64:
			return n, nil
		}
	case "string":
		if str, ok := v.(string); ok {
			if len(d.Values) > 0 && !slices.Contains(d.Values, str) {
				return nil, fmt.Errorf("unknown value %q (want one of %s)", str, strings.Join(d.Values, ", "))
			}
			return str, nil
		}
	}
	return nil, fmt.Errorf("want a %s, got %T", d.Type, v)
}

// evalBool evaluates a boolean expression; what names it in errors
// (callers on the hot path pass "" and wrap the error themselves).
func (s *state) evalBool(p cel.Program, what string) (bool, error) {
	out, _, err := p.Eval(s)
	if err == nil {
		if b, ok := out.(types.Bool); ok {
			return bool(b), nil
		}
		err = fmt.Errorf("result is %s, not bool", out.Type())
	}
	if what == "" {
		return false, err
	}
	return false, fmt.Errorf("%s: %w", what, err)
}

func (s *state) evalStrings(p cel.Program, what string) ([]string, error) {
	out, _, err := p.Eval(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	v, err := out.ConvertToNative(stringSliceType)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return v.([]string), nil
}

func (s *state) evalString(p cel.Program, what string) (string, error) {
	out, _, err := p.Eval(s)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	str, ok := out.(types.String)
	if !ok {
		return "", fmt.Errorf("%s: result is %s, not string", what, out.Type())
	}
	return string(str), nil
}

var stringSliceType = reflect.TypeOf([]string(nil))

// matches applies the cheap pre-filters, then the CEL condition.
func (s *state) matches(r *compiledRule) (bool, error) {
	if len(r.basis) > 0 && !slices.Contains(r.basis, s.basis) {
		return false, nil
	}
	if len(r.processor) > 0 && !slices.Contains(r.processor, s.req.Processor.Type) {
		return false, nil
	}
	if len(r.cats) > 0 {
		hit := false
		for _, c := range r.cats {
			if s.cats[c] {
				hit = true
				break
			}
		}
		if !hit {
			return false, nil
		}
	}
	if r.cond == nil {
		return true, nil
	}
	if r.guard != nil {
		if ok := r.guard(s); !ok || r.exact {
			return ok, nil
		}
	}
	ok, err := s.evalBool(r.cond, "")
	if err != nil {
		return false, fmt.Errorf("rule %s: when.if: %w", r.ID, err)
	}
	return ok, nil
}

// Decide evaluates a request in the order of catalogue §6 and explains the
// result.
func (e *Engine) Decide(req *Request) (*Decision, error) {
	s, err := e.prepare(req)
	if err != nil {
		return nil, err
	}
	key := s.kind
	if key == "processing" {
		key = "processing:" + req.Action + ":" + s.basis
	}
	fired := make([]*compiledRule, 0, 24)
	outOfScope := false
	for _, r := range e.index[key] {
		if outOfScope && r.stage > 0 {
			break
		}
		ok, err := s.matches(r)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		fired = append(fired, r)
		if r.Then.InvalidateConsent {
			s.consent.State = "none"
		}
		if r.Then.Verdict == OutOfScope {
			outOfScope = true
		}
		for _, f := range r.Then.Flags {
			s.flags[f] = true
		}
	}
	d, err := e.assemble(s, fired, outOfScope)
	s.req, s.e, s.views, s.arena = nil, nil, nil, nil
	statePool.Put(s)
	return d, err
}

// overriddenBy maps each overridden rule to the first fired rule that
// overrides it.
func overriddenBy(fired []*compiledRule, byID map[string]*compiledRule) map[*compiledRule]*compiledRule {
	var out map[*compiledRule]*compiledRule
	for _, r := range fired {
		for _, o := range r.Then.Overrides {
			target := byID[o]
			if target == nil || !slices.Contains(fired, target) {
				continue
			}
			if out == nil {
				out = map[*compiledRule]*compiledRule{}
			}
			if _, done := out[target]; !done {
				out[target] = r
			}
		}
	}
	return out
}

func (e *Engine) assemble(s *state, fired []*compiledRule, outOfScope bool) (*Decision, error) {
	d := &Decision{Schema: DecisionSchema, RequestID: s.req.ID, Categories: s.views}
	over := overriddenBy(fired, e.byID)
	active := make([]*compiledRule, 0, len(fired))
	d.Fired = make([]*FiredRule, 0, len(fired))
	for _, r := range fired {
		if by, ok := over[r]; ok {
			fr := r.view
			fr.By = by.ID
			d.Overridden = append(d.Overridden, &fr)
			continue
		}
		active = append(active, r)
		d.Fired = append(d.Fired, &r.view)
	}
	if outOfScope {
		d.Verdict = OutOfScope
		for _, r := range active {
			if r.Then.Verdict == OutOfScope {
				d.RuleIDs = append(d.RuleIDs, r.ID)
				if d.Reason.EN == "" {
					d.Reason = reasonOf(r)
				}
			}
		}
		d.Missing, d.Obligations = []Obligation{}, []Obligation{}
		d.Summary = summarize(e, s, d)
		return d, nil
	}

	n := 0
	for _, r := range active {
		n += len(r.requires) + len(r.obliges)
	}
	d.Obligations = make([]Obligation, 0, n)
	var waived map[string]bool
	for _, r := range active {
		for _, w := range r.Then.Waive {
			code, _ := splitCode(w)
			if waived == nil {
				waived = map[string]bool{}
			}
			waived[code] = true
		}
	}
	var denyRules, nocons []*compiledRule
	type satEntry struct {
		c   *compiledCode
		sat bool
	}
	var satCache []satEntry
	for _, r := range active {
		verdict := r.Then.Verdict
		deniedInstead := false
		if r.denyWhen != nil {
			deny, err := s.evalBool(r.denyWhen, "rule "+r.ID+": then.deny_when")
			if err != nil {
				return nil, err
			}
			if deny {
				verdict, deniedInstead = Deny, true
				for i, f := range d.Fired {
					if f.ID == r.ID {
						denied := *f
						denied.Effect = "DENY (deny_when)"
						d.Fired[i] = &denied
					}
				}
			}
		}
		switch verdict {
		case Deny:
			// A partial denial refuses only its items, unless deny_when
			// turned the whole rule into a denial.
			if r.partial == nil || deniedInstead {
				denyRules = append(denyRules, r)
			}
		case AllowNoConsent:
			nocons = append(nocons, r)
		}
		if r.partial != nil {
			items, err := s.evalStrings(r.partial, "rule "+r.ID+": then.partial")
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				d.Denied = s.addItem(d.Denied, it, r.ID)
			}
		}
		if r.blame != nil && verdict == Deny {
			items, err := s.evalStrings(r.blame, "rule "+r.ID+": then.blame")
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				d.Denied = s.addItem(d.Denied, it, r.ID)
			}
		}
		if r.deadline != nil && d.Deadline == "" {
			dl, err := s.evalString(r.deadline, "rule "+r.ID+": then.deadline")
			if err != nil {
				return nil, err
			}
			d.Deadline = dl
		}
		if r.Then.Route != "" && d.Route == "" {
			d.Route = r.Then.Route
		}
		for _, f := range r.Then.Flags {
			d.Flags = s.addItem(d.Flags, f, r.ID)
		}
		for _, f := range r.findings {
			d.Findings = s.addObligation(d.Findings, f, r.ID, false, false)
		}
		baseline := r.Stage == "baseline"
		if r.advisory {
			for _, o := range r.obliges {
				d.Advisory = s.addObligation(d.Advisory, o, r.ID, false, false)
			}
			for _, o := range r.advise {
				d.Advisory = s.addObligation(d.Advisory, o, r.ID, false, false)
			}
			continue
		}
		for _, o := range r.advise {
			d.Advisory = s.addObligation(d.Advisory, o, r.ID, false, false)
		}
		// A rule that denies instead has no pre-conditions left to meet.
		requires := r.requires
		if deniedInstead {
			requires = nil
		}
		for _, o := range requires {
			if waived[o.code.Code] {
				d.Waived = s.addObligation(d.Waived, o, r.ID, false, baseline)
				continue
			}
			sat, ok := false, false
			for _, c := range satCache {
				if c.c == o.code {
					sat, ok = c.sat, true
					break
				}
			}
			if !ok {
				var err error
				sat, err = s.satisfied(o.code)
				if err != nil {
					return nil, err
				}
				satCache = append(satCache, satEntry{o.code, sat})
			}
			if sat {
				d.Obligations = s.addObligation(d.Obligations, o, r.ID, true, baseline)
			} else {
				d.Missing = s.addObligation(d.Missing, o, r.ID, false, baseline)
			}
		}
		for _, o := range r.obliges {
			if waived[o.code.Code] {
				d.Waived = s.addObligation(d.Waived, o, r.ID, false, baseline)
				continue
			}
			// A duty listed under measures is already in place.
			d.Obligations = s.addObligation(d.Obligations, o, r.ID, s.measures[o.code.Code] && o.arg == "", baseline)
		}
	}
	// A duty that is also a missing pre-condition is listed once, as
	// missing (one rule may require what another only attaches).
	if len(d.Missing) > 0 {
		d.Obligations = slices.DeleteFunc(d.Obligations, func(o Obligation) bool {
			return !o.Satisfied && hasCode(d.Missing, o.Code)
		})
	}
	// A law beats a recommended standard: advice the law already imposes
	// is dropped (§6.8).
	if len(d.Advisory) > 0 {
		d.Advisory = slices.DeleteFunc(d.Advisory, func(a Obligation) bool {
			return hasCode(d.Obligations, a.Code) || hasCode(d.Missing, a.Code)
		})
	}
	if score := scoreOf(active, s.flags); score > 0 {
		d.Score = score
	}

	allDenied := len(s.categories) > 0 && len(d.Denied) > 0
	for _, c := range s.categories {
		if !hasItem(d.Denied, c) {
			allDenied = false
			break
		}
	}
	nonBaseline := false
	for _, o := range d.Obligations {
		if !o.Baseline {
			nonBaseline = true
			break
		}
	}
	switch {
	case len(denyRules) > 0:
		d.Verdict = Deny
		for _, r := range denyRules {
			d.RuleIDs = append(d.RuleIDs, r.ID)
		}
		d.Reason = reasonOf(denyRules[0])
	case len(d.Missing) > 0:
		d.Verdict = Deny
		for _, m := range d.Missing {
			for _, id := range m.Rules {
				if !slices.Contains(d.RuleIDs, id) {
					d.RuleIDs = append(d.RuleIDs, id)
				}
			}
		}
		d.Reason = missingReason(d.Missing)
		s.missingIsReason = true
	case allDenied:
		d.Verdict = Deny
		for _, it := range d.Denied {
			d.RuleIDs = append(d.RuleIDs, it.Rules...)
		}
		d.RuleIDs = dedupe(d.RuleIDs)
		d.Reason = Text{ZH: "所请求的每一类个人信息都被拒绝。", EN: "Every requested category is refused."}
	case s.kind == "lead":
		d.Verdict = Flag
		d.RuleIDs = ruleIDs(active, func(r *compiledRule) bool { return len(r.Then.Flags) > 0 || r.Then.Route != "" })
		d.Reason = leadReason(d)
	case s.kind != "processing" && len(d.Findings) > 0:
		d.Verdict = Finding
		d.RuleIDs = ruleIDs(active, func(r *compiledRule) bool { return len(r.findings) > 0 })
		d.Reason = Text{ZH: "发现未履行的义务。", EN: "Unmet duties were found."}
	case len(nocons) > 0:
		d.Verdict = AllowNoConsent
		for _, r := range nocons {
			d.RuleIDs = append(d.RuleIDs, r.ID)
		}
		d.Reason = reasonOf(nocons[0])
	case nonBaseline:
		d.Verdict = AllowObl
		d.RuleIDs = ruleIDs(active, func(r *compiledRule) bool {
			return !r.advisory && r.Stage != "baseline" && (len(r.requires) > 0 || len(r.obliges) > 0)
		})
		d.Reason = Text{ZH: "在履行所列义务的前提下允许。", EN: "Allowed on condition that the listed obligations are met."}
	default:
		d.Verdict = Allow
		d.RuleIDs = ruleIDs(active, func(r *compiledRule) bool { return r.Then.Verdict == Allow })
		d.Reason = Text{ZH: "除基本原则外没有额外义务。", EN: "No obligation beyond the baseline principles."}
	}
	if d.RuleIDs == nil {
		d.RuleIDs = []string{}
	}
	if d.Missing == nil {
		d.Missing = []Obligation{}
	}
	if d.Obligations == nil {
		d.Obligations = []Obligation{}
	}
	if d.Fired == nil {
		d.Fired = []*FiredRule{}
	}
	d.Summary = summarize(e, s, d)
	return d, nil
}

// satisfied reports whether the request already meets a pre-condition:
// listed under measures, or evident from the request (satisfied_when).
func (s *state) satisfied(c *compiledCode) (bool, error) {
	if s.measures[c.Code] {
		return true, nil
	}
	if c.sat == nil {
		return false, nil
	}
	return s.evalBool(c.sat, "code "+c.Code+": satisfied_when")
}

func scoreOf(active []*compiledRule, flags map[string]bool) int {
	total := 0
	for _, r := range active {
		for f, w := range r.Then.Score {
			if flags[f] {
				total += w
			}
		}
	}
	return total
}

// effectOf summarises what a rule did, for the explanation.
func effectOf(r *compiledRule) string {
	var parts []string
	if r.Then.Verdict != Note {
		parts = append(parts, r.Then.Verdict)
	}
	if len(r.Then.Require) > 0 {
		parts = append(parts, "require "+strings.Join(r.Then.Require, ", "))
	}
	if len(r.Then.Oblige) > 0 {
		parts = append(parts, "oblige "+strings.Join(r.Then.Oblige, ", "))
	}
	if len(r.Then.Waive) > 0 {
		parts = append(parts, "waive "+strings.Join(r.Then.Waive, ", "))
	}
	if len(r.Then.Findings) > 0 {
		parts = append(parts, "finding "+strings.Join(r.Then.Findings, ", "))
	}
	if len(r.Then.Flags) > 0 {
		parts = append(parts, "flag "+strings.Join(r.Then.Flags, ", "))
	}
	if len(r.Then.Advisory) > 0 {
		parts = append(parts, "advise "+strings.Join(r.Then.Advisory, ", "))
	}
	if r.Then.InvalidateConsent {
		parts = append(parts, "consent invalid")
	}
	if r.Then.Partial != "" {
		parts = append(parts, "partial denial")
	}
	if len(parts) == 0 {
		return "note"
	}
	return strings.Join(parts, "; ")
}

func reasonOf(r *compiledRule) Text {
	if r.Then.Reason.EN != "" {
		return r.Then.Reason
	}
	return r.Text
}

func (s *state) addObligation(list []Obligation, o oblRef, ruleID string, satisfied, baseline bool) []Obligation {
	for i := range list {
		if list[i].Code == o.code.Code && list[i].Arg == o.arg {
			if !slices.Contains(list[i].Rules, ruleID) {
				list[i].Rules = append(list[i].Rules, ruleID)
			}
			list[i].Satisfied = list[i].Satisfied || satisfied
			list[i].Baseline = list[i].Baseline && baseline
			return list
		}
	}
	return append(list, Obligation{Code: o.code.Code, Arg: o.arg, Kind: o.code.Kind, Satisfied: satisfied, Baseline: baseline, Text: o.code.Text, Rules: s.ids(ruleID)})
}

// ids returns a one-element slice of rule ids carved from the decision's
// arena (one allocation for all of them; its capacity is capped, so a
// later append copies instead of overwriting a neighbour).
func (s *state) ids(id string) []string {
	if len(s.arena) == cap(s.arena) {
		s.arena = make([]string, 0, 32)
	}
	n := len(s.arena)
	s.arena = append(s.arena, id)
	return s.arena[n : n+1 : n+1]
}

func (s *state) addItem(list []Item, item, ruleID string) []Item {
	for i := range list {
		if list[i].Item == item {
			if !slices.Contains(list[i].Rules, ruleID) {
				list[i].Rules = append(list[i].Rules, ruleID)
			}
			return list
		}
	}
	return append(list, Item{Item: item, Rules: s.ids(ruleID)})
}

func hasCode(list []Obligation, code string) bool {
	for _, o := range list {
		if o.Code == code {
			return true
		}
	}
	return false
}

func hasItem(list []Item, item string) bool {
	for _, it := range list {
		if it.Item == item {
			return true
		}
	}
	return false
}

func ruleIDs(rules []*compiledRule, keep func(*compiledRule) bool) []string {
	var out []string
	for _, r := range rules {
		if keep(r) {
			out = append(out, r.ID)
		}
	}
	return out
}

func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func missingReason(missing []Obligation) Text {
	zh := make([]string, len(missing))
	en := make([]string, len(missing))
	for i, m := range missing {
		zh[i], en[i] = m.Text.ZH, m.Text.EN
	}
	return Text{
		ZH: "缺少前置条件：" + strings.Join(zh, "；") + "。",
		EN: "Pre-conditions not met: " + strings.Join(en, "; ") + ".",
	}
}

func leadReason(d *Decision) Text {
	if len(d.Flags) == 0 {
		return Text{ZH: "线索不符合公益诉讼条件。", EN: "The lead does not meet the public-interest-litigation criteria."}
	}
	names := make([]string, len(d.Flags))
	for i, f := range d.Flags {
		names[i] = f.Item
	}
	return Text{
		ZH: "线索标记：" + strings.Join(names, "、") + "。",
		EN: "Lead flags: " + strings.Join(names, ", ") + ".",
	}
}
