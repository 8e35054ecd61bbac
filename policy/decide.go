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
	// catSet, measureSet and flagSet hold the request's categories (with
	// their ancestors), measures and raised flags as bits (see
	// Engine.catTab and compiledCode.bit); catList and flagList list them
	// for what has no bit, and the maps are built for CEL on demand.
	catSet, measureSet, flagSet bitset
	catList, flagList           []string
	cats, measures, flags       map[string]bool
	mapsBuilt                   uint8 // builtCats | builtMeasures | builtFlags
	facts                       map[string]any
	child                       bool
	minor                       bool
	sensitive                   bool
	sensGBT                     bool
	// missingIsReason: the verdict's reason already lists the missing
	// pre-conditions, so the summary does not repeat them.
	missingIsReason bool
	// basisBit and processorBit are the basis and processor type as bits
	// of compiledRule.basisMask and processorMask.
	basisBit, processorBit uint64
	// reasonZH and reasonEN are the lengths of a reason the summary
	// wrote itself.
	reasonZH, reasonEN int
	// vars holds the comprehension variables of guards.
	vars [maxGuardVars]string
	scratch
}

// scratch is what a decision builds before copying it out; it stays in the
// pool with its capacity, so a decision allocates little beyond what it
// returns.
type scratch struct {
	fired, active, denyRules, nocons []*compiledRule
	over                             []override
	waived                           []string
	sats                             []satEntry
	obl, missing, waivedObl          oblScratch
	findings, advisory               oblScratch
	denied, flagItems                itemScratch
	links                            []ruleLink
	ruleIDs                          []int32 // compiledRule.seq
	zh, en                           []byte
	cites                            []int32
}

type override struct{ target, by *compiledRule }

type satEntry struct {
	code int32 // compiledCode.idx
	sat  bool
}

// reset empties the scratch, keeping its capacity.
func (sc *scratch) reset() {
	sc.fired, sc.active, sc.denyRules, sc.nocons = sc.fired[:0], sc.active[:0], sc.denyRules[:0], sc.nocons[:0]
	sc.over, sc.waived, sc.sats = sc.over[:0], sc.waived[:0], sc.sats[:0]
	sc.obl, sc.missing, sc.waivedObl = sc.obl[:0], sc.missing[:0], sc.waivedObl[:0]
	sc.findings, sc.advisory = sc.findings[:0], sc.advisory[:0]
	sc.denied, sc.flagItems = sc.denied[:0], sc.flagItems[:0]
	sc.ruleIDs, sc.zh, sc.en, sc.cites, sc.links = sc.ruleIDs[:0], sc.zh[:0], sc.en[:0], sc.cites[:0], sc.links[:0]
}

// release returns the state to the pool.
func (s *state) release() {
	s.req, s.e = nil, nil
	statePool.Put(s)
}

var _ interpreter.Activation = (*state)(nil)

// statePool recycles the maps and slices a decision needs; the decision
// itself shares none of them.
var statePool = sync.Pool{New: func() any {
	return &state{cats: map[string]bool{}, measures: map[string]bool{}, flags: map[string]bool{}, facts: map[string]any{}}
}}

const (
	builtCats = 1 << iota
	builtMeasures
	builtFlags
)

// bitset is a small set of bit indices below bitsetSize.
type bitset [bitsetSize / 64]uint64

const bitsetSize = 256

func (b *bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b *bitset) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

func (b *bitset) meets(m *bitset) bool {
	return b[0]&m[0] != 0 || b[1]&m[1] != 0 || b[2]&m[2] != 0 || b[3]&m[3] != 0
}

// hasCat reports whether the request has category e (or a descendant).
func (s *state) hasCat(e *catEntry) bool {
	if e.bit >= 0 {
		return s.catSet.has(e.bit)
	}
	return slices.Contains(s.catList, e.id)
}

// hasCatID is hasCat by id.
func (s *state) hasCatID(id string) bool {
	if e := s.e.catTab[id]; e != nil && e.bit >= 0 {
		return s.catSet.has(e.bit)
	}
	return slices.Contains(s.catList, id)
}

func (s *state) addCat(e *catEntry) {
	if s.hasCat(e) {
		return
	}
	if e.bit >= 0 {
		s.catSet.set(e.bit)
	}
	s.catList = append(s.catList, e.id)
}

// hasMeasure reports whether the request lists code c under measures.
func (s *state) hasMeasure(c *compiledCode) bool {
	if c.bit >= 0 {
		return s.measureSet.has(c.bit)
	}
	return slices.Contains(s.req.Measures, c.Code)
}

// hasFlag reports whether a fired rule raised flag code c.
func (s *state) hasFlag(c *compiledCode) bool {
	if c.bit >= 0 {
		return s.flagSet.has(c.bit)
	}
	return slices.Contains(s.flagList, c.Code)
}

func (s *state) addFlag(c *compiledCode) {
	if s.hasFlag(c) {
		return
	}
	if c.bit >= 0 {
		s.flagSet.set(c.bit)
	}
	s.flagList = append(s.flagList, c.Code)
	s.mapsBuilt &^= builtFlags
}

// catsMap, measuresMap and flagsMap build the maps CEL reads.
func (s *state) catsMap() map[string]bool {
	if s.mapsBuilt&builtCats == 0 {
		clear(s.cats)
		for _, c := range s.catList {
			s.cats[c] = true
		}
		s.mapsBuilt |= builtCats
	}
	return s.cats
}

func (s *state) measuresMap() map[string]bool {
	if s.mapsBuilt&builtMeasures == 0 {
		clear(s.measures)
		for _, m := range s.req.Measures {
			s.measures[m] = true
		}
		s.mapsBuilt |= builtMeasures
	}
	return s.measures
}

func (s *state) flagsMap() map[string]bool {
	if s.mapsBuilt&builtFlags == 0 {
		clear(s.flags)
		for _, f := range s.flagList {
			s.flags[f] = true
		}
		s.mapsBuilt |= builtFlags
	}
	return s.flags
}

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
		return s.catsMap(), true
	case "measures":
		return s.measuresMap(), true
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
		return s.flagsMap(), true
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
	// Field by field: assigning a whole new state would copy the pooled
	// scratch twice.
	clear(s.facts)
	s.scratch.reset()
	s.e, s.req, s.kind, s.basis, s.consent = e, req, req.kind(), req.Basis, req.Consent
	s.categories, s.views, s.catList, s.flagList = s.categories[:0], s.views[:0], s.catList[:0], s.flagList[:0]
	s.catSet, s.measureSet, s.flagSet, s.mapsBuilt = bitset{}, bitset{}, bitset{}, 0
	s.child, s.minor, s.sensitive, s.sensGBT = false, false, false, false
	s.missingIsReason, s.reasonZH, s.reasonEN = false, 0, 0
	if s.kind == "processing" && s.basis == "" {
		s.basis = "NONE"
	}
	if s.consent.State == "" {
		s.consent.State = "none"
	}
	if s.consent.By == "" {
		s.consent.By = "self"
	}
	s.basisBit, s.processorBit = vocabBit(Bases, s.basis), vocabBit(ProcessorTypes, req.Processor.Type)
	add := func(ce *catEntry, sp, sg *bool, implicit bool) {
		if slices.Contains(s.categories, ce.id) {
			return
		}
		v := CategoryView{ID: ce.id, SensitivePIPL: ce.info.PIPLSensitive, SensitiveGBT: ce.info.GBTSensitive, Implicit: implicit}
		if sp != nil {
			v.SensitivePIPL = *sp
		}
		if sg != nil {
			v.SensitiveGBT = *sg
		}
		s.categories = append(s.categories, ce.id)
		s.views = append(s.views, v)
		s.sensitive = s.sensitive || v.SensitivePIPL
		s.sensGBT = s.sensGBT || v.SensitiveGBT
		for _, up := range ce.up {
			s.addCat(up)
		}
	}
	for i, c := range req.Categories {
		ce := e.catTab[c.ID]
		if ce == nil {
			return nil, fmt.Errorf("request: categories[%d]: unknown category %q (see `custos types`)", i, c.ID)
		}
		if ce.parts != nil {
			s.addCat(ce)
			for _, p := range ce.parts {
				add(p, nil, nil, false)
			}
			continue
		}
		add(ce, c.SensitivePIPL, c.SensitiveGBT, false)
	}
	age := req.Subject.Age
	s.child = age >= 0 && int64(age) < e.childAge
	s.minor = age >= 0 && int64(age) < e.minorAge
	// Catalogue §6.1: implicit categories. A child's whole record is
	// sensitive (Art 28); a special group's status is special identity.
	if s.kind != "lead" && len(s.categories) > 0 && !s.hasCatID("NONPI.ANON") {
		if s.child {
			add(e.catTab["PI.MINOR_U14"], nil, nil, true)
		}
		for _, g := range req.Subject.SpecialGroups {
			if g == "disadvantaged_child" || g == "disabled" {
				add(e.catTab["PI.SPECIAL_IDENTITY"], nil, nil, true)
				break
			}
		}
	}
	for i, m := range req.Measures {
		c, ok := e.codes[m]
		if !ok || !measureKinds[c.Kind] {
			return nil, fmt.Errorf("request: measures[%d]: unknown measure %q (see `custos rules codes`)", i, m)
		}
		if c.bit >= 0 {
			s.measureSet.set(c.bit)
		}
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

// vocabBit returns v's bit in a vocabulary of up to 64 words, or 0.
func vocabBit(vocab []string, v string) uint64 {
	if i := slices.Index(vocab, v); i >= 0 && i < 64 {
		return 1 << i
	}
	return 0
}

// measureKinds are the kinds of code a request may list under measures.
var measureKinds = map[string]bool{"pre": true, "notice": true, "constraint": true, "processor": true, "control": true}

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
	if r.basisMask != 0 && r.basisMask&s.basisBit == 0 {
		return false, nil
	}
	if r.processorMask != 0 && r.processorMask&s.processorBit == 0 {
		return false, nil
	}
	if len(r.cats) > 0 {
		if r.catMaskOK {
			if !s.catSet.meets(&r.catMask) {
				return false, nil
			}
		} else {
			hit := false
			for _, c := range r.cats {
				if s.hasCatID(c) {
					hit = true
					break
				}
			}
			if !hit {
				return false, nil
			}
		}
	}
	if r.cond == nil {
		return true, nil
	}
	if r.guard != nil {
		switch r.guard(s) {
		case triFalse:
			return false, nil
		case triTrue:
			return true, nil
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
	key := indexKey{kind: s.kind}
	if key.kind == "processing" {
		key.action, key.basis = req.Action, s.basis
	}
	fired := s.fired[:0]
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
		for _, f := range r.flagCodes {
			s.addFlag(f)
		}
	}
	s.fired = fired
	d, err := e.assemble(s, fired, outOfScope)
	s.release()
	return d, err
}

// overriddenBy returns the first fired rule that overrides r, or nil.
func (s *state) overriddenBy(r *compiledRule) *compiledRule {
	for _, o := range s.over {
		if o.target == r {
			return o.by
		}
	}
	return nil
}

// findOverrides notes, for each overridden fired rule, the first fired
// rule that overrides it.
func (s *state) findOverrides(e *Engine, fired []*compiledRule) {
	for _, r := range fired {
		for _, o := range r.Then.Overrides {
			target := e.byID[o]
			if target == nil || !slices.Contains(fired, target) || s.overriddenBy(target) != nil {
				continue
			}
			s.over = append(s.over, override{target, r})
		}
	}
}

func (e *Engine) assemble(s *state, fired []*compiledRule, outOfScope bool) (*Decision, error) {
	d := &Decision{Schema: DecisionSchema, RequestID: s.req.ID}
	if len(s.views) > 0 {
		d.Categories = slices.Clone(s.views)
	}
	nOver := 0
	if e.overrides {
		s.findOverrides(e, fired)
		nOver = len(s.over)
	}
	active := s.active[:0]
	d.Fired = make([]*FiredRule, 0, len(fired)-nOver)
	if nOver > 0 {
		views := make([]FiredRule, 0, nOver)
		d.Overridden = make([]*FiredRule, 0, nOver)
		for _, r := range fired {
			if by := s.overriddenBy(r); by != nil {
				views = append(views, r.view)
				fr := &views[len(views)-1]
				fr.By = by.ID
				d.Overridden = append(d.Overridden, fr)
			}
		}
	}
	for _, r := range fired {
		if nOver > 0 && s.overriddenBy(r) != nil {
			continue
		}
		active = append(active, r)
		d.Fired = append(d.Fired, &r.view)
	}
	s.active = active
	if outOfScope {
		d.Verdict = OutOfScope
		ids := s.ruleIDs[:0]
		for _, r := range active {
			if r.Then.Verdict == OutOfScope {
				ids = append(ids, r.seq)
				if d.Reason.EN == "" {
					d.Reason = reasonOf(r)
				}
			}
		}
		s.ruleIDs = ids
		if len(ids) > 0 {
			d.RuleIDs = make([]string, len(ids))
			for i, seq := range ids {
				d.RuleIDs[i] = e.rules[seq].ID
			}
		}
		d.Missing, d.Obligations = []Obligation{}, []Obligation{}
		d.Summary = summarize(e, s, d, reasonStatic)
		return d, nil
	}

	waived := s.waived[:0]
	for _, r := range active {
		for _, w := range r.Then.Waive {
			code, _ := splitCode(w)
			if !slices.Contains(waived, code) {
				waived = append(waived, code)
			}
		}
	}
	s.waived = waived
	denyRules, nocons := s.denyRules[:0], s.nocons[:0]
	var deadline, route string
	advised := false
	for _, r := range active {
		verdict := r.Then.Verdict
		deniedInstead := false
		if r.denyWhen != nil {
			deny, err := s.boolOf(r.denyGuard, r.denyWhen, "rule ", r.ID, ": then.deny_when")
			if err != nil {
				return nil, err
			}
			if deny {
				verdict, deniedInstead = Deny, true
				for i, f := range d.Fired {
					if f.ID == r.ID {
						d.Fired[i] = r.deniedView
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
			items, err := s.stringsOf(r.partialGo, r.partial, "rule ", r.ID, ": then.partial")
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				s.addItem(&s.denied, it, r)
			}
		}
		if r.blame != nil && verdict == Deny {
			items, err := s.stringsOf(r.blameGo, r.blame, "rule ", r.ID, ": then.blame")
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				s.addItem(&s.denied, it, r)
			}
		}
		if r.deadline != nil && deadline == "" {
			dl, err := s.evalString(r.deadline, "rule "+r.ID+": then.deadline")
			if err != nil {
				return nil, err
			}
			deadline = dl
		}
		if r.Then.Route != "" && route == "" {
			route = r.Then.Route
		}
		for _, f := range r.Then.Flags {
			s.addItem(&s.flagItems, f, r)
		}
		for _, f := range r.findings {
			s.addObl(&s.findings, f, r, false, false)
		}
		baseline := r.Stage == "baseline"
		if r.advisory {
			for _, o := range r.obliges {
				s.addObl(&s.advisory, o, r, false, false)
			}
			for _, o := range r.advise {
				s.addObl(&s.advisory, o, r, false, false)
			}
			advised = advised || len(r.obliges)+len(r.advise) > 0
			continue
		}
		for _, o := range r.advise {
			s.addObl(&s.advisory, o, r, false, false)
		}
		advised = advised || len(r.advise) > 0
		// A rule that denies instead has no pre-conditions left to meet.
		if !deniedInstead {
			for _, o := range r.requires {
				if slices.Contains(waived, o.code.Code) {
					s.addObl(&s.waivedObl, o, r, false, baseline)
					continue
				}
				sat, err := s.satisfiedOnce(o.code)
				if err != nil {
					return nil, err
				}
				if sat {
					s.addObl(&s.obl, o, r, true, baseline)
				} else {
					s.addObl(&s.missing, o, r, false, baseline)
				}
			}
		}
		for _, o := range r.obliges {
			if slices.Contains(waived, o.code.Code) {
				s.addObl(&s.waivedObl, o, r, false, baseline)
				continue
			}
			// A duty listed under measures is already in place.
			s.addObl(&s.obl, o, r, o.arg == "" && s.hasMeasure(o.code), baseline)
		}
	}
	s.denyRules, s.nocons = denyRules, nocons
	d.Route, d.Deadline = route, deadline
	// A duty that is also a missing pre-condition is listed once, as
	// missing (one rule may require what another only attaches).
	if len(s.missing) > 0 {
		s.obl.drop(func(o *oblEntry) bool { return !o.sat && s.missing.has(o.code) })
	}
	// A law beats a recommended standard: advice the law already imposes
	// is dropped (§6.8).
	if len(s.advisory) > 0 {
		s.advisory.drop(func(a *oblEntry) bool { return s.obl.has(a.code) || s.missing.has(a.code) })
	}
	if score := s.scoreOf(active); score > 0 {
		d.Score = score
	}

	allDenied := len(s.categories) > 0 && len(s.denied) > 0
	for _, c := range s.categories {
		if !s.denied.has(c) {
			allDenied = false
			break
		}
	}
	nonBaseline := false
	for i := range s.obl {
		if !s.obl[i].base {
			nonBaseline = true
			break
		}
	}
	ids := s.ruleIDs[:0]
	reason := reasonStatic
	switch {
	case len(denyRules) > 0:
		d.Verdict = Deny
		for _, r := range denyRules {
			ids = append(ids, r.seq)
		}
		d.Reason = reasonOf(denyRules[0])
	case len(s.missing) > 0:
		d.Verdict = Deny
		for i := range s.missing {
			for l := s.missing[i].head; l >= 0; l = s.links[l].next {
				if id := s.links[l].rule; !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
		reason = reasonMissing
		s.missingIsReason = true
	case allDenied:
		d.Verdict = Deny
		for i := range s.denied {
			for l := s.denied[i].head; l >= 0; l = s.links[l].next {
				if id := s.links[l].rule; !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
		d.Reason = Text{ZH: "所请求的每一类个人信息都被拒绝。", EN: "Every requested category is refused."}
	case s.kind == "lead":
		d.Verdict = Flag
		for _, r := range active {
			if len(r.Then.Flags) > 0 || r.Then.Route != "" {
				ids = append(ids, r.seq)
			}
		}
		reason = reasonLead
	case s.kind != "processing" && len(s.findings) > 0:
		d.Verdict = Finding
		for _, r := range active {
			if len(r.findings) > 0 {
				ids = append(ids, r.seq)
			}
		}
		d.Reason = Text{ZH: "发现未履行的义务。", EN: "Unmet duties were found."}
	case len(nocons) > 0:
		d.Verdict = AllowNoConsent
		for _, r := range nocons {
			ids = append(ids, r.seq)
		}
		d.Reason = reasonOf(nocons[0])
	case nonBaseline:
		d.Verdict = AllowObl
		for _, r := range active {
			if !r.advisory && r.Stage != "baseline" && (len(r.requires) > 0 || len(r.obliges) > 0) {
				ids = append(ids, r.seq)
			}
		}
		d.Reason = Text{ZH: "在履行所列义务的前提下允许。", EN: "Allowed on condition that the listed obligations are met."}
	default:
		d.Verdict = Allow
		for _, r := range active {
			if r.Then.Verdict == Allow {
				ids = append(ids, r.seq)
			}
		}
		d.Reason = Text{ZH: "除基本原则外没有额外义务。", EN: "No obligation beyond the baseline principles."}
	}
	s.ruleIDs = ids
	s.materialize(d, advised)
	d.Summary = summarize(e, s, d, reason)
	switch reason {
	case reasonMissing, reasonLead:
		// The reason is part of the summary's first sentence.
		w := verdictWords[d.Verdict]
		zh := len(w.ZH) + len("。")
		en := len(w.EN) + len(". ")
		d.Reason = Text{ZH: d.Summary.ZH[zh : zh+s.reasonZH], EN: d.Summary.EN[en : en+s.reasonEN]}
	}
	return d, nil
}

// Reasons the summary writes itself (the rest are fixed texts).
const (
	reasonStatic = iota
	reasonMissing
	reasonLead
)

// materialize copies the decision's lists out of the pooled scratch into
// three allocations: one for the obligations of every list, one for the
// items, one for every rule-id list. Each list is capped, so appending to
// one copies instead of overwriting its neighbour.
func (s *state) materialize(d *Decision, advised bool) {
	lists := [...]*oblScratch{&s.obl, &s.missing, &s.waivedObl, &s.findings, &s.advisory}
	nObl, nIDs := 0, len(s.ruleIDs)
	for _, l := range lists {
		nObl += len(*l)
		for i := range *l {
			nIDs += int((*l)[i].n)
		}
	}
	nItems := len(s.denied) + len(s.flagItems)
	for _, l := range [...]*itemScratch{&s.denied, &s.flagItems} {
		for i := range *l {
			nIDs += int((*l)[i].n)
		}
	}
	rules := s.e.rules
	obls := make([]Obligation, nObl)
	ids := make([]string, nIDs)
	var items []Item
	if nItems > 0 {
		items = make([]Item, nItems)
	}
	takeIDs := func(head, n int32) []string {
		out := ids[:n:n]
		ids = ids[n:]
		for i := 0; head >= 0; i, head = i+1, s.links[head].next {
			out[i] = rules[s.links[head].rule].ID
		}
		return out
	}
	takeObl := func(src oblScratch) []Obligation {
		out := obls[:len(src):len(src)]
		obls = obls[len(src):]
		for i := range src {
			en := &src[i]
			ref := &s.e.refs[en.ref]
			out[i] = Obligation{Code: ref.code.Code, Arg: ref.arg, Kind: ref.code.Kind, Satisfied: en.sat, Baseline: en.base,
				Text: ref.code.Text, Rules: takeIDs(en.head, en.n)}
		}
		return out
	}
	takeItems := func(src itemScratch) []Item {
		out := items[:len(src):len(src)]
		items = items[len(src):]
		for i := range src {
			out[i] = Item{Item: src[i].item, Rules: takeIDs(src[i].head, src[i].n)}
		}
		return out
	}
	d.RuleIDs = ids[:len(s.ruleIDs):len(s.ruleIDs)]
	for i, seq := range s.ruleIDs {
		d.RuleIDs[i] = rules[seq].ID
	}
	ids = ids[len(s.ruleIDs):]
	d.Obligations = takeObl(s.obl)
	d.Missing = takeObl(s.missing)
	if len(s.waivedObl) > 0 {
		d.Waived = takeObl(s.waivedObl)
	}
	if len(s.findings) > 0 {
		d.Findings = takeObl(s.findings)
	}
	if advised {
		d.Advisory = takeObl(s.advisory)
	}
	if len(s.denied) > 0 {
		d.Denied = takeItems(s.denied)
	}
	if len(s.flagItems) > 0 {
		d.Flags = takeItems(s.flagItems)
	}
}

// satisfied reports whether the request already meets a pre-condition:
// listed under measures, or evident from the request (satisfied_when).
func (s *state) satisfied(c *compiledCode) (bool, error) {
	if s.hasMeasure(c) {
		return true, nil
	}
	if c.sat == nil {
		return false, nil
	}
	return s.boolOf(c.satGuard, c.sat, "code ", c.Code, ": satisfied_when")
}

// satisfiedOnce is satisfied, remembered for the rest of the decision.
func (s *state) satisfiedOnce(c *compiledCode) (bool, error) {
	for _, e := range s.sats {
		if e.code == c.idx {
			return e.sat, nil
		}
	}
	sat, err := s.satisfied(c)
	if err != nil {
		return false, err
	}
	s.sats = append(s.sats, satEntry{c.idx, sat})
	return sat, nil
}

// boolOf evaluates a boolean expression by its guard, or by CEL when the
// guard does not know; errors name the expression as a+id+b.
func (s *state) boolOf(g guard, p cel.Program, a, id, b string) (bool, error) {
	if g != nil {
		switch g(s) {
		case triFalse:
			return false, nil
		case triTrue:
			return true, nil
		}
	}
	ok, err := s.evalBool(p, "")
	if err != nil {
		return false, fmt.Errorf("%s%s%s: %w", a, id, b, err)
	}
	return ok, nil
}

// stringsOf evaluates a list expression in Go, or by CEL when the Go
// rendering cannot.
func (s *state) stringsOf(f listFn, p cel.Program, a, id, b string) ([]string, error) {
	if f != nil {
		if v, ok := f(s); ok {
			return v, nil
		}
	}
	return s.evalStrings(p, a+id+b)
}

func (s *state) scoreOf(active []*compiledRule) int {
	total := 0
	for _, r := range active {
		for _, sc := range r.score {
			if s.hasFlag(sc.flag) {
				total += sc.weight
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

// oblScratch is an obligation list of a decision in progress, in the
// pool. Its entries hold no pointers, so building it costs no write
// barriers; materialize turns it into Obligations.
type oblScratch []oblEntry

type oblEntry struct {
	ref, code     int32 // Engine.refs and compiledCode.idx
	head, tail, n int32 // the rules imposing it, linked through scratch.links
	sat, base     bool
}

// itemScratch is oblScratch for items.
type itemScratch []itemEntry

type itemEntry struct {
	item          string
	head, tail, n int32
}

// ruleLink is one rule (compiledRule.seq) of a list; next is -1 at the
// end.
type ruleLink struct{ rule, next int32 }

// link appends rule r to the list head…tail of n rules unless it is there.
func (s *state) link(head, tail, n *int32, r int32) {
	for l := *head; l >= 0; l = s.links[l].next {
		if s.links[l].rule == r {
			return
		}
	}
	i := int32(len(s.links))
	s.links = append(s.links, ruleLink{r, -1})
	if *head < 0 {
		*head = i
	} else {
		s.links[*tail].next = i
	}
	*tail = i
	*n++
}

func (s *state) addObl(l *oblScratch, o oblRef, r *compiledRule, satisfied, baseline bool) {
	list := *l
	for i := range list {
		if en := &list[i]; en.ref == o.id {
			s.link(&en.head, &en.tail, &en.n, r.seq)
			en.sat = en.sat || satisfied
			en.base = en.base && baseline
			return
		}
	}
	*l = append(list, oblEntry{ref: o.id, code: o.code.idx, head: -1, tail: -1, sat: satisfied, base: baseline})
	en := &(*l)[len(list)]
	s.link(&en.head, &en.tail, &en.n, r.seq)
}

func (l oblScratch) has(code int32) bool {
	for i := range l {
		if l[i].code == code {
			return true
		}
	}
	return false
}

// drop removes the entries f picks, keeping the order of the rest.
func (l *oblScratch) drop(f func(*oblEntry) bool) {
	list, w := *l, 0
	for i := range list {
		if !f(&list[i]) {
			list[w] = list[i]
			w++
		}
	}
	*l = list[:w]
}

func (s *state) addItem(l *itemScratch, item string, r *compiledRule) {
	list := *l
	for i := range list {
		if en := &list[i]; en.item == item {
			s.link(&en.head, &en.tail, &en.n, r.seq)
			return
		}
	}
	*l = append(list, itemEntry{item: item, head: -1, tail: -1})
	en := &(*l)[len(list)]
	s.link(&en.head, &en.tail, &en.n, r.seq)
}

func (l itemScratch) has(item string) bool {
	for i := range l {
		if l[i].item == item {
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
