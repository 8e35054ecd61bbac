package policy

import (
	"math"
	"slices"
	"strings"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
)

// A guard is a Go rendering of a rule's CEL condition, read off the
// condition's syntax at load time. It answers in three-valued logic: true
// or false when it knows the condition's value, unknown when part of the
// condition is beyond it (or when CEL would report an error, such as an
// index out of range or an integer overflow), in which case the engine
// runs the CEL program. Conjunctions, disjunctions, negations and
// conditionals combine their parts the way CEL does (false && x is false,
// true || x is true whatever x is), so a guard built from parts it only
// partly understands still settles most requests. An exact guard
// understands every part: CEL runs only where CEL itself would fail.
//
// Guards cover boolean, string and integer fields, declared facts and
// constants, comparisons, integer arithmetic, size(), indexing, `in` over
// cats, measures, flags, list fields and constant lists, startsWith, and
// the exists, all and filter macros over string lists.
type guard func(s *state) tri

// tri is a three-valued truth: triUnknown means "ask CEL".
type tri uint8

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// Typed value functions of guards; ok is false where CEL would report an
// error (the guard then says unknown).
type (
	strFn  func(s *state) (v string, ok bool)
	intFn  func(s *state) (v int64, ok bool)
	listFn func(s *state) (v []string, ok bool)
)

// maxGuardVars bounds the nesting of comprehensions a guard handles.
const maxGuardVars = 4

var boolPaths = map[string]func(s *state) bool{
	"child":                                  func(s *state) bool { return s.child },
	"minor":                                  func(s *state) bool { return s.minor },
	"sensitive":                              func(s *state) bool { return s.sensitive },
	"sensitive_gbt":                          func(s *state) bool { return s.sensGBT },
	"subject.deceased":                       func(s *state) bool { return s.req.Subject.Deceased },
	"subject.public_figure":                  func(s *state) bool { return s.req.Subject.PublicFigure },
	"processor.ciio":                         func(s *state) bool { return s.req.Processor.CIIO },
	"processor.large_platform":               func(s *state) bool { return s.req.Processor.LargePlatform },
	"processor.overseas":                     func(s *state) bool { return s.req.Processor.Overseas },
	"processor.authorized_epidemic_body":     func(s *state) bool { return s.req.Processor.AuthorizedEpidemicBody },
	"context.purpose_changed":                func(s *state) bool { return s.req.Context.PurposeChanged },
	"context.necessary":                      func(s *state) bool { return s.req.Context.Necessary },
	"context.public_place":                   func(s *state) bool { return s.req.Context.PublicPlace },
	"context.emergency_active":               func(s *state) bool { return s.req.Context.EmergencyActive },
	"context.purpose_fulfilled":              func(s *state) bool { return s.req.Context.PurposeFulfilled },
	"context.retention_expired":              func(s *state) bool { return s.req.Context.RetentionExpired },
	"rights.identity_verified":               func(s *state) bool { return s.req.Rights.IdentityVerified },
	"rights.refused":                         func(s *state) bool { return s.req.Rights.Refused },
	"rights.refusal_reasoned":                func(s *state) bool { return s.req.Rights.RefusalReasoned },
	"rights.refusal_written":                 func(s *state) bool { return s.req.Rights.RefusalWritten },
	"rights.own_interest":                    func(s *state) bool { return s.req.Rights.OwnInterest },
	"rights.contrary_will":                   func(s *state) bool { return s.req.Rights.ContraryWill },
	"rights.excessive_repeats":               func(s *state) bool { return s.req.Rights.ExcessiveRepeats },
	"rights.technically_feasible":            func(s *state) bool { return s.req.Rights.TechnicallyFeasib },
	"lead.time_space_linked":                 func(s *state) bool { return s.req.Lead.TimeSpaceLink },
	"lead.ongoing":                           func(s *state) bool { return s.req.Lead.Ongoing },
	"lead.administrative_regulator_inactive": func(s *state) bool { return s.req.Lead.RegulatorIdle },
	"lead.indeterminate_group":               func(s *state) bool { return s.req.Lead.Indeterminate },
}

var stringPaths = map[string]func(s *state) string{
	"kind":                  func(s *state) string { return s.kind },
	"action":                func(s *state) string { return s.req.Action },
	"basis":                 func(s *state) string { return s.basis },
	"subject.capacity":      func(s *state) string { return s.req.Subject.Capacity },
	"processor.type":        func(s *state) string { return s.req.Processor.Type },
	"processor.sector":      func(s *state) string { return s.req.Processor.Sector },
	"processor.name":        func(s *state) string { return s.req.Processor.Name },
	"consent.state":         func(s *state) string { return s.consent.State },
	"consent.by":            func(s *state) string { return s.consent.By },
	"consent.scope.purpose": func(s *state) string { return s.consent.Scope.Purpose },
	"consent.scope.method":  func(s *state) string { return s.consent.Scope.Method },
	"context.purpose":       func(s *state) string { return s.req.Context.Purpose },
	"context.medium":        func(s *state) string { return s.req.Context.Medium },
	"context.recipient":     func(s *state) string { return s.req.Context.Recipient },
	"rights.type":           func(s *state) string { return s.req.Rights.Type },
	"rights.requester":      func(s *state) string { return s.req.Rights.Requester },
	"lead.violator_type":    func(s *state) string { return s.req.Lead.ViolatorType },
	"lead.sector":           func(s *state) string { return s.req.Lead.Sector },
}

var intPaths = map[string]func(s *state) int64{
	"age":                            func(s *state) int64 { return int64(s.req.Subject.Age) },
	"subject.age":                    func(s *state) int64 { return int64(s.req.Subject.Age) },
	"processor.volume_individuals":   func(s *state) int64 { return int64(s.req.Processor.VolumeIndividuals) },
	"processor.volume_sensitive":     func(s *state) int64 { return int64(s.req.Processor.VolumeSensitive) },
	"context.overseas_volume_ytd":    func(s *state) int64 { return int64(s.req.Context.OverseasVolumeYTD) },
	"context.overseas_sensitive_ytd": func(s *state) int64 { return int64(s.req.Context.OverseasSensitiveYT) },
	"context.retention_days":         func(s *state) int64 { return int64(s.req.Context.RetentionDays) },
	"rights.open_working_days":       func(s *state) int64 { return int64(s.req.Rights.OpenWorkingDays) },
	"rights.open_days":               func(s *state) int64 { return int64(s.req.Rights.OpenDays) },
	"lead.subjects_count":            func(s *state) int64 { return int64(s.req.Lead.SubjectsCount) },
	"consent.scope.retention":        func(s *state) int64 { return int64(s.consent.Scope.Retention) },
}

var listPaths = map[string]func(s *state) []string{
	"categories":               func(s *state) []string { return s.categories },
	"subject.special_groups":   func(s *state) []string { return s.req.Subject.SpecialGroups },
	"consent.scope.categories": func(s *state) []string { return s.consent.Scope.Categories },
	"context.published_fields": func(s *state) []string { return s.req.Context.PublishedFields },
	"context.unnecessary":      func(s *state) []string { return s.req.Context.Unnecessary },
	"lead.violation_rules":     func(s *state) []string { return s.req.Lead.ViolationRules },
	"lead.special_groups":      func(s *state) []string { return s.req.Lead.SpecialGroups },
}

// guardCompiler turns checked CEL syntax into guards.
type guardCompiler struct {
	e    *Engine
	vars []string // comprehension variables in scope; each one's slot is its index
}

// guardOf derives a guard from a checked condition, or nil. exact reports
// that the guard understands every part of the condition.
func (e *Engine) guardOf(a *cel.Ast) (g guard, exact bool) {
	native := a.NativeRep()
	if native == nil {
		return nil, false
	}
	c := &guardCompiler{e: e}
	return c.boolOf(native.Expr())
}

// listGuardOf derives a Go rendering of a list-of-strings expression (a
// partial denial or blame), or nil.
func (e *Engine) listGuardOf(a *cel.Ast) listFn {
	native := a.NativeRep()
	if native == nil {
		return nil
	}
	c := &guardCompiler{e: e}
	f, _ := c.listOf(native.Expr())
	return f
}

// dotted returns the dotted name of an identifier or select chain.
func dotted(x celast.Expr) (string, bool) {
	switch x.Kind() {
	case celast.IdentKind:
		return x.AsIdent(), true
	case celast.SelectKind:
		sel := x.AsSelect()
		if sel.IsTestOnly() {
			return "", false
		}
		p, ok := dotted(sel.Operand())
		if !ok {
			return "", false
		}
		return p + "." + sel.FieldName(), true
	}
	return "", false
}

// path returns the dotted name of x when it names a request part (not a
// comprehension variable, which shadows it).
func (c *guardCompiler) path(x celast.Expr) (string, bool) {
	p, ok := dotted(x)
	if !ok {
		return "", false
	}
	root, _, _ := strings.Cut(p, ".")
	if slices.Contains(c.vars, root) {
		return "", false
	}
	return p, true
}

func cutFacts(p string) (string, bool) {
	return strings.CutPrefix(p, "facts.")
}

// fact returns the declared fact a path names, if it has the given type.
func (c *guardCompiler) fact(p, typ string) (string, bool) {
	name, ok := cutFacts(p)
	if !ok {
		return "", false
	}
	if d := c.e.facts[name]; d != nil && d.Type == typ {
		return name, true
	}
	return "", false
}

// call returns x as a call with its function name and arguments, the
// target of a member call first.
func call(x celast.Expr) (fn string, args []celast.Expr, ok bool) {
	if x.Kind() != celast.CallKind {
		return "", nil, false
	}
	c := x.AsCall()
	args = c.Args()
	if c.IsMemberFunction() {
		args = append([]celast.Expr{c.Target()}, args...)
	}
	return c.FunctionName(), args, true
}

// comprehension recognises the exists, all and filter macros.
func comprehension(x celast.Expr) (kind string, pred celast.Expr) {
	if x.Kind() != celast.ComprehensionKind {
		return "", nil
	}
	cp := x.AsComprehension()
	if cp.HasIterVar2() || cp.Result().Kind() != celast.IdentKind || cp.Result().AsIdent() != cp.AccuVar() {
		return "", nil
	}
	isAccu := func(e celast.Expr) bool { return e.Kind() == celast.IdentKind && e.AsIdent() == cp.AccuVar() }
	init, step := cp.AccuInit(), cp.LoopStep()
	fn, args, _ := call(step)
	switch {
	case init.Kind() == celast.LiteralKind && init.AsLiteral() == types.True &&
		fn == operators.LogicalAnd && len(args) == 2 && isAccu(args[0]):
		return "all", args[1]
	case init.Kind() == celast.LiteralKind && init.AsLiteral() == types.False &&
		fn == operators.LogicalOr && len(args) == 2 && isAccu(args[0]):
		return "exists", args[1]
	case init.Kind() == celast.ListKind && len(init.AsList().Elements()) == 0 &&
		fn == operators.Conditional && len(args) == 3 && isAccu(args[2]):
		// pred ? accu + [v] : accu
		add, aargs, _ := call(args[1])
		if add != operators.Add || len(aargs) != 2 || !isAccu(aargs[0]) || aargs[1].Kind() != celast.ListKind {
			return "", nil
		}
		el := aargs[1].AsList().Elements()
		if len(el) != 1 || el[0].Kind() != celast.IdentKind || el[0].AsIdent() != cp.IterVar() {
			return "", nil
		}
		return "filter", args[0]
	}
	return "", nil
}

// withVar compiles f with the comprehension variable name in scope,
// returning its slot, or -1 when comprehensions nest too deep.
func (c *guardCompiler) withVar(name string, f func()) int {
	slot := len(c.vars)
	if slot >= maxGuardVars {
		return -1
	}
	c.vars = append(c.vars, name)
	f()
	c.vars = c.vars[:slot]
	return slot
}

// boolOf compiles a boolean expression; nil when nothing can be said.
func (c *guardCompiler) boolOf(x celast.Expr) (guard, bool) {
	switch x.Kind() {
	case celast.LiteralKind:
		if b, ok := x.AsLiteral().(types.Bool); ok {
			v := triOf(bool(b))
			return func(*state) tri { return v }, true
		}
		return nil, false
	case celast.IdentKind, celast.SelectKind:
		p, ok := c.path(x)
		if !ok {
			return nil, false
		}
		if f, ok := boolPaths[p]; ok {
			return func(s *state) tri { return triOf(f(s)) }, true
		}
		if name, ok := c.fact(p, "bool"); ok {
			return func(s *state) tri { b, _ := s.facts[name].(bool); return triOf(b) }, true
		}
		return nil, false
	case celast.ComprehensionKind:
		return c.quantifier(x)
	case celast.CallKind:
	default:
		return nil, false
	}
	fn, args, _ := call(x)
	switch fn {
	case operators.LogicalAnd:
		return c.junction(args, triFalse)
	case operators.LogicalOr:
		return c.junction(args, triTrue)
	case operators.LogicalNot:
		if len(args) != 1 {
			return nil, false
		}
		g, ex := c.boolOf(args[0])
		if g == nil {
			return nil, false
		}
		// Negation keeps unknown unknown, so any guard can be negated.
		return func(s *state) tri {
			switch g(s) {
			case triFalse:
				return triTrue
			case triTrue:
				return triFalse
			}
			return triUnknown
		}, ex
	case operators.Conditional:
		if len(args) != 3 {
			return nil, false
		}
		cond, ex := c.boolOf(args[0])
		if cond == nil {
			return nil, false
		}
		a, exA := c.boolOf(args[1])
		b, exB := c.boolOf(args[2])
		if a == nil && b == nil {
			return nil, false
		}
		a, b = orUnknown(a), orUnknown(b)
		return func(s *state) tri {
			switch cond(s) {
			case triTrue:
				return a(s)
			case triFalse:
				return b(s)
			}
			return triUnknown
		}, ex && exA && exB
	case operators.Equals, operators.NotEquals:
		if len(args) != 2 {
			return nil, false
		}
		g, ex := c.eqGuard(args[0], args[1])
		if g != nil && fn == operators.NotEquals {
			eq := g
			g = func(s *state) tri {
				switch eq(s) {
				case triFalse:
					return triTrue
				case triTrue:
					return triFalse
				}
				return triUnknown
			}
		}
		return g, ex
	case operators.In:
		if len(args) == 2 {
			return c.inGuard(args[0], args[1])
		}
	case operators.Greater, operators.GreaterEquals, operators.Less, operators.LessEquals:
		if len(args) == 2 {
			return c.cmpGuard(fn, args[0], args[1])
		}
	case overloads.StartsWith:
		if len(args) == 2 {
			return c.startsWith(args[0], args[1])
		}
	}
	return nil, false
}

func orUnknown(g guard) guard {
	if g == nil {
		return func(*state) tri { return triUnknown }
	}
	return g
}

// junction compiles && (decisive triFalse) or || (decisive triTrue): a
// decisive part settles the whole; otherwise any unknown or unmodelled
// part leaves it unknown.
func (c *guardCompiler) junction(args []celast.Expr, decisive tri) (guard, bool) {
	var gs []guard
	exact := true
	for _, a := range args {
		g, ex := c.boolOf(a)
		if g != nil {
			gs = append(gs, g)
		}
		exact = exact && ex && g != nil
	}
	if len(gs) == 0 {
		return nil, false
	}
	rest := triFalse + triTrue - decisive // the value when no part is decisive
	if len(gs) < len(args) {
		rest = triUnknown
	}
	if len(gs) == 2 {
		a, b := gs[0], gs[1]
		return func(s *state) tri {
			ra := a(s)
			if ra == decisive {
				return ra
			}
			rb := b(s)
			if rb == decisive {
				return rb
			}
			if ra == triUnknown || rb == triUnknown {
				return triUnknown
			}
			return rest
		}, exact
	}
	return func(s *state) tri {
		out := rest
		for _, g := range gs {
			switch g(s) {
			case decisive:
				return decisive
			case triUnknown:
				out = triUnknown
			}
		}
		return out
	}, exact
}

// quantifier compiles list.exists(v, p) and list.all(v, p).
func (c *guardCompiler) quantifier(x celast.Expr) (guard, bool) {
	kind, predExpr := comprehension(x)
	if kind != "exists" && kind != "all" {
		return nil, false
	}
	cp := x.AsComprehension()
	list, exL := c.listOf(cp.IterRange())
	if list == nil {
		return nil, false
	}
	var pred guard
	var exP bool
	slot := c.withVar(cp.IterVar(), func() { pred, exP = c.boolOf(predExpr) })
	if slot < 0 || pred == nil {
		return nil, false
	}
	// exists is a disjunction over the elements, all a conjunction.
	decisive, rest := triTrue, triFalse
	if kind == "all" {
		decisive, rest = triFalse, triTrue
	}
	return func(s *state) tri {
		l, ok := list(s)
		if !ok {
			return triUnknown
		}
		out := rest
		for _, v := range l {
			s.vars[slot] = v
			switch pred(s) {
			case decisive:
				return decisive
			case triUnknown:
				out = triUnknown
			}
		}
		return out
	}, exL && exP
}

// strOf compiles a string expression, or nil.
func (c *guardCompiler) strOf(x celast.Expr) (strFn, bool) {
	switch x.Kind() {
	case celast.LiteralKind:
		if v, ok := x.AsLiteral().(types.String); ok {
			str := string(v)
			return func(*state) (string, bool) { return str, true }, true
		}
		return nil, false
	case celast.IdentKind:
		// The innermost comprehension variable of that name wins.
		for slot := len(c.vars) - 1; slot >= 0; slot-- {
			if c.vars[slot] == x.AsIdent() {
				return func(s *state) (string, bool) { return s.vars[slot], true }, true
			}
		}
	}
	if p, ok := c.path(x); ok {
		if f := stringPaths[p]; f != nil {
			return func(s *state) (string, bool) { return f(s), true }, true
		}
		if name, ok := c.fact(p, "string"); ok {
			return func(s *state) (string, bool) { v, _ := s.facts[name].(string); return v, true }, true
		}
		return nil, false
	}
	fn, args, ok := call(x)
	if !ok {
		return nil, false
	}
	switch fn {
	case operators.Index:
		if len(args) != 2 {
			return nil, false
		}
		l, exL := c.listOf(args[0])
		i, exI := c.intOf(args[1])
		if l == nil || i == nil {
			return nil, false
		}
		return func(s *state) (string, bool) {
			list, ok := l(s)
			n, ok2 := i(s)
			if !ok || !ok2 || n < 0 || n >= int64(len(list)) {
				return "", false // CEL: index out of range
			}
			return list[n], true
		}, exL && exI
	case operators.Conditional:
		return conditional(c, args, c.strOf)
	}
	return nil, false
}

// conditional compiles cond ? a : b, its branches with of; the
// value is unknown (ask CEL) when the condition is.
func conditional[T any, F ~func(*state) (T, bool)](c *guardCompiler, args []celast.Expr, of func(celast.Expr) (F, bool)) (F, bool) {
	if len(args) != 3 {
		return nil, false
	}
	cond, ex := c.boolOf(args[0])
	a, exA := of(args[1])
	b, exB := of(args[2])
	if cond == nil || a == nil || b == nil {
		return nil, false
	}
	return F(func(s *state) (T, bool) {
		switch cond(s) {
		case triTrue:
			return a(s)
		case triFalse:
			return b(s)
		}
		var zero T
		return zero, false
	}), ex && exA && exB
}

// concatParts compiles a + b + … of strings as its parts (so a prefix test
// needs no concatenation), or nil.
func (c *guardCompiler) concatParts(x celast.Expr) ([]strFn, bool) {
	if fn, args, ok := call(x); ok && fn == operators.Add && len(args) == 2 {
		a, exA := c.concatParts(args[0])
		b, exB := c.concatParts(args[1])
		if a == nil || b == nil {
			return nil, false
		}
		return append(a, b...), exA && exB
	}
	f, ex := c.strOf(x)
	if f == nil {
		return nil, false
	}
	return []strFn{f}, ex
}

func (c *guardCompiler) startsWith(target, prefix celast.Expr) (guard, bool) {
	t, exT := c.strOf(target)
	parts, exP := c.concatParts(prefix)
	if t == nil || parts == nil {
		return nil, false
	}
	if len(parts) == 1 {
		p := parts[0]
		return func(s *state) tri {
			str, ok := t(s)
			pre, ok2 := p(s)
			if !ok || !ok2 {
				return triUnknown
			}
			return triOf(strings.HasPrefix(str, pre))
		}, exT && exP
	}
	return func(s *state) tri {
		str, ok := t(s)
		if !ok {
			return triUnknown
		}
		out := triTrue
		for _, p := range parts {
			pre, ok := p(s)
			if !ok {
				return triUnknown
			}
			if out == triTrue {
				if strings.HasPrefix(str, pre) {
					str = str[len(pre):]
				} else {
					out = triFalse // keep going: a later part may be an error
				}
			}
		}
		return out
	}, exT && exP
}

// intOf compiles an integer expression, or nil.
func (c *guardCompiler) intOf(x celast.Expr) (intFn, bool) {
	switch x.Kind() {
	case celast.LiteralKind:
		if v, ok := x.AsLiteral().(types.Int); ok {
			n := int64(v)
			return func(*state) (int64, bool) { return n, true }, true
		}
		return nil, false
	case celast.IdentKind, celast.SelectKind:
		p, ok := c.path(x)
		if !ok {
			return nil, false
		}
		if f, ok := intPaths[p]; ok {
			return func(s *state) (int64, bool) { return f(s), true }, true
		}
		if k, ok := strings.CutPrefix(p, "limits."); ok {
			if v, ok := c.e.constVal[k]; ok {
				return func(*state) (int64, bool) { return v, true }, true
			}
		}
		if name, ok := c.fact(p, "int"); ok {
			return func(s *state) (int64, bool) { v, _ := s.facts[name].(int64); return v, true }, true
		}
		return nil, false
	}
	fn, args, ok := call(x)
	if !ok {
		return nil, false
	}
	switch fn {
	case overloads.Size:
		if len(args) != 1 {
			return nil, false
		}
		l, ex := c.listOf(args[0])
		if l == nil {
			return nil, false
		}
		return func(s *state) (int64, bool) {
			list, ok := l(s)
			return int64(len(list)), ok
		}, ex
	case operators.Add, operators.Subtract, operators.Multiply:
		if len(args) != 2 {
			return nil, false
		}
		a, exA := c.intOf(args[0])
		b, exB := c.intOf(args[1])
		if a == nil || b == nil {
			return nil, false
		}
		op := arith[fn]
		return func(s *state) (int64, bool) {
			va, ok := a(s)
			vb, ok2 := b(s)
			if !ok || !ok2 {
				return 0, false
			}
			return op(va, vb)
		}, exA && exB
	case operators.Negate:
		if len(args) != 1 {
			return nil, false
		}
		a, ex := c.intOf(args[0])
		if a == nil {
			return nil, false
		}
		return func(s *state) (int64, bool) {
			v, ok := a(s)
			if !ok || v == math.MinInt64 {
				return 0, false // CEL: overflow
			}
			return -v, true
		}, ex
	case operators.Conditional:
		return conditional(c, args, c.intOf)
	}
	return nil, false
}

// arith is CEL's checked integer arithmetic: overflow is an error.
var arith = map[string]func(a, b int64) (int64, bool){
	operators.Add: func(a, b int64) (int64, bool) {
		if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
			return 0, false
		}
		return a + b, true
	},
	operators.Subtract: func(a, b int64) (int64, bool) {
		if (b < 0 && a > math.MaxInt64+b) || (b > 0 && a < math.MinInt64+b) {
			return 0, false
		}
		return a - b, true
	},
	operators.Multiply: func(a, b int64) (int64, bool) {
		if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
			return 0, false
		}
		r := a * b
		if a != 0 && r/a != b {
			return 0, false
		}
		return r, true
	},
}

// listOf compiles a list-of-strings expression, or nil.
func (c *guardCompiler) listOf(x celast.Expr) (listFn, bool) {
	switch x.Kind() {
	case celast.ListKind:
		lst := x.AsList()
		if len(lst.OptionalIndices()) > 0 {
			return nil, false
		}
		var vals []string
		for _, el := range lst.Elements() {
			if el.Kind() != celast.LiteralKind {
				return nil, false
			}
			v, ok := el.AsLiteral().(types.String)
			if !ok {
				return nil, false
			}
			vals = append(vals, string(v))
		}
		return func(*state) ([]string, bool) { return vals, true }, true
	case celast.IdentKind, celast.SelectKind:
		p, ok := c.path(x)
		if !ok {
			return nil, false
		}
		if f, ok := listPaths[p]; ok {
			return func(s *state) ([]string, bool) { return f(s), true }, true
		}
		return nil, false
	case celast.ComprehensionKind:
		kind, predExpr := comprehension(x)
		if kind != "filter" {
			return nil, false
		}
		cp := x.AsComprehension()
		list, exL := c.listOf(cp.IterRange())
		if list == nil {
			return nil, false
		}
		var pred guard
		var exP bool
		slot := c.withVar(cp.IterVar(), func() { pred, exP = c.boolOf(predExpr) })
		if slot < 0 || pred == nil {
			return nil, false
		}
		return func(s *state) ([]string, bool) {
			l, ok := list(s)
			if !ok {
				return nil, false
			}
			var out []string
			for _, v := range l {
				s.vars[slot] = v
				switch pred(s) {
				case triTrue:
					out = append(out, v)
				case triUnknown:
					return nil, false
				}
			}
			return out, true
		}, exL && exP
	}
	fn, args, ok := call(x)
	if !ok || fn != operators.Conditional {
		return nil, false
	}
	return conditional(c, args, c.listOf)
}

// eqGuard compiles a == b of strings or integers.
func (c *guardCompiler) eqGuard(a, b celast.Expr) (guard, bool) {
	if fa, exA := c.strOf(a); fa != nil {
		fb, exB := c.strOf(b)
		if fb == nil {
			return nil, false
		}
		if b.Kind() == celast.LiteralKind {
			lit, _ := fb(nil)
			return func(s *state) tri {
				v, ok := fa(s)
				if !ok {
					return triUnknown
				}
				return triOf(v == lit)
			}, exA
		}
		return func(s *state) tri {
			va, ok := fa(s)
			vb, ok2 := fb(s)
			if !ok || !ok2 {
				return triUnknown
			}
			return triOf(va == vb)
		}, exA && exB
	}
	fa, exA := c.intOf(a)
	fb, exB := c.intOf(b)
	if fa == nil || fb == nil {
		return nil, false
	}
	return func(s *state) tri {
		va, ok := fa(s)
		vb, ok2 := fb(s)
		if !ok || !ok2 {
			return triUnknown
		}
		return triOf(va == vb)
	}, exA && exB
}

// inGuard compiles elem in coll: a key of cats, measures or flags, or an
// element of a list.
func (c *guardCompiler) inGuard(elem, coll celast.Expr) (guard, bool) {
	f, exE := c.strOf(elem)
	if f == nil {
		return nil, false
	}
	if p, ok := c.path(coll); ok && (p == "cats" || p == "measures" || p == "flags") {
		if elem.Kind() == celast.LiteralKind {
			lit, _ := f(nil)
			if p == "cats" {
				if ce := c.e.catTab[lit]; ce != nil {
					return func(s *state) tri { return triOf(s.hasCat(ce)) }, true
				}
				return func(s *state) tri { return triOf(s.hasCatID(lit)) }, true
			}
			code := c.e.codes[lit]
			if code == nil {
				// Only declared codes can be listed or raised.
				return func(*state) tri { return triFalse }, true
			}
			if p == "measures" {
				return func(s *state) tri { return triOf(s.hasMeasure(code)) }, true
			}
			return func(s *state) tri { return triOf(s.hasFlag(code)) }, true
		}
		var has func(s *state, v string) bool
		switch p {
		case "cats":
			has = func(s *state, v string) bool { return s.hasCatID(v) }
		case "measures":
			has = func(s *state, v string) bool { return slices.Contains(s.req.Measures, v) }
		default:
			has = func(s *state, v string) bool { return slices.Contains(s.flagList, v) }
		}
		return func(s *state) tri {
			v, ok := f(s)
			if !ok {
				return triUnknown
			}
			return triOf(has(s, v))
		}, exE
	}
	l, exL := c.listOf(coll)
	if l == nil {
		return nil, false
	}
	return func(s *state) tri {
		v, ok := f(s)
		list, ok2 := l(s)
		if !ok || !ok2 {
			return triUnknown
		}
		return triOf(slices.Contains(list, v))
	}, exE && exL
}

func (c *guardCompiler) cmpGuard(op string, a, b celast.Expr) (guard, bool) {
	fa, exA := c.intOf(a)
	fb, exB := c.intOf(b)
	if fa == nil || fb == nil {
		return nil, false
	}
	var cmp func(a, b int64) bool
	switch op {
	case operators.Greater:
		cmp = func(a, b int64) bool { return a > b }
	case operators.GreaterEquals:
		cmp = func(a, b int64) bool { return a >= b }
	case operators.Less:
		cmp = func(a, b int64) bool { return a < b }
	default:
		cmp = func(a, b int64) bool { return a <= b }
	}
	return func(s *state) tri {
		va, ok := fa(s)
		vb, ok2 := fb(s)
		if !ok || !ok2 {
			return triUnknown
		}
		return triOf(cmp(va, vb))
	}, exA && exB
}
