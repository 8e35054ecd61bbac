package policy

import (
	"slices"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
)

// A guard is a cheap Go test implied by a rule's CEL condition: when the
// guard is false the condition is false too, so the engine skips the CEL
// evaluation. Guards are read off the condition's syntax at load time —
// top-level conjuncts (and disjunctions of them) that test a boolean
// field, compare a string or integer field with constants, or look a
// constant up in cats, measures, flags or a list field. Most rules hinge on
// a fact or category most requests lack, so most evaluations end here.
type guard func(s *state) bool

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
	"kind":               func(s *state) string { return s.kind },
	"action":             func(s *state) string { return s.req.Action },
	"basis":              func(s *state) string { return s.basis },
	"subject.capacity":   func(s *state) string { return s.req.Subject.Capacity },
	"processor.type":     func(s *state) string { return s.req.Processor.Type },
	"processor.sector":   func(s *state) string { return s.req.Processor.Sector },
	"consent.state":      func(s *state) string { return s.consent.State },
	"consent.by":         func(s *state) string { return s.consent.By },
	"context.purpose":    func(s *state) string { return s.req.Context.Purpose },
	"context.medium":     func(s *state) string { return s.req.Context.Medium },
	"rights.type":        func(s *state) string { return s.req.Rights.Type },
	"rights.requester":   func(s *state) string { return s.req.Rights.Requester },
	"lead.violator_type": func(s *state) string { return s.req.Lead.ViolatorType },
	"lead.sector":        func(s *state) string { return s.req.Lead.Sector },
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

var mapPaths = map[string]func(s *state) map[string]bool{
	"cats":     func(s *state) map[string]bool { return s.cats },
	"measures": func(s *state) map[string]bool { return s.measures },
	"flags":    func(s *state) map[string]bool { return s.flags },
}

var listPaths = map[string]func(s *state) []string{
	"categories":               func(s *state) []string { return s.categories },
	"subject.special_groups":   func(s *state) []string { return s.req.Subject.SpecialGroups },
	"context.published_fields": func(s *state) []string { return s.req.Context.PublishedFields },
	"context.unnecessary":      func(s *state) []string { return s.req.Context.Unnecessary },
	"lead.violation_rules":     func(s *state) []string { return s.req.Lead.ViolationRules },
	"lead.special_groups":      func(s *state) []string { return s.req.Lead.SpecialGroups },
}

// guardOf derives a guard from a checked condition, or nil. exact
// reports that the guard computes the condition itself, so the CEL
// program need not run at all.
func (e *Engine) guardOf(a *cel.Ast) (g guard, exact bool) {
	native := a.NativeRep()
	if native == nil {
		return nil, false
	}
	return e.guardExpr(native.Expr())
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

func (e *Engine) guardExpr(x celast.Expr) (guard, bool) {
	switch x.Kind() {
	case celast.IdentKind, celast.SelectKind:
		g := e.boolGuard(x)
		return g, g != nil
	case celast.CallKind:
	default:
		return nil, false
	}
	call := x.AsCall()
	args := call.Args()
	switch call.FunctionName() {
	case operators.LogicalAnd:
		var gs []guard
		exact := true
		for _, a := range args {
			g, ex := e.guardExpr(a)
			if g != nil {
				gs = append(gs, g)
			}
			exact = exact && ex
		}
		switch len(gs) {
		case 0:
			return nil, false
		case 1:
			return gs[0], exact
		}
		return func(s *state) bool {
			for _, g := range gs {
				if !g(s) {
					return false
				}
			}
			return true
		}, exact
	case operators.LogicalOr:
		gs := make([]guard, 0, len(args))
		exact := true
		for _, a := range args {
			g, ex := e.guardExpr(a)
			if g == nil {
				return nil, false // one unguarded disjunct may be true
			}
			gs = append(gs, g)
			exact = exact && ex
		}
		return func(s *state) bool {
			for _, g := range gs {
				if g(s) {
					return true
				}
			}
			return false
		}, exact
	case operators.LogicalNot:
		// Only an exact guard can be negated: a guard merely implied by
		// the condition says nothing when negated.
		if len(args) == 1 {
			if g, ex := e.guardExpr(args[0]); g != nil && ex {
				return func(s *state) bool { return !g(s) }, true
			}
		}
	case operators.Equals, operators.NotEquals:
		if len(args) == 2 {
			g := e.eqGuard(args[0], args[1])
			if g == nil {
				g = e.eqGuard(args[1], args[0])
			}
			if g != nil && call.FunctionName() == operators.NotEquals {
				eq := g
				g = func(s *state) bool { return !eq(s) }
			}
			return g, g != nil
		}
	case operators.In:
		if len(args) == 2 {
			g := e.inGuard(args[0], args[1])
			return g, g != nil
		}
	case operators.Greater, operators.GreaterEquals, operators.Less, operators.LessEquals:
		if len(args) == 2 {
			g := e.cmpGuard(call.FunctionName(), args[0], args[1])
			return g, g != nil
		}
	}
	return nil, false
}

func (e *Engine) boolGuard(x celast.Expr) guard {
	p, ok := dotted(x)
	if !ok {
		return nil
	}
	if f, ok := boolPaths[p]; ok {
		return f
	}
	if name, ok := cutFacts(p); ok {
		if d := e.facts[name]; d != nil && d.Type == "bool" {
			return func(s *state) bool { b, _ := s.facts[name].(bool); return b }
		}
	}
	return nil
}

func cutFacts(p string) (string, bool) {
	const prefix = "facts."
	if len(p) > len(prefix) && p[:len(prefix)] == prefix {
		return p[len(prefix):], true
	}
	return "", false
}

// stringOf returns an accessor for a string-valued path.
func (e *Engine) stringOf(x celast.Expr) func(*state) string {
	p, ok := dotted(x)
	if !ok {
		return nil
	}
	if f, ok := stringPaths[p]; ok {
		return f
	}
	if name, ok := cutFacts(p); ok {
		if d := e.facts[name]; d != nil && d.Type == "string" {
			return func(s *state) string { v, _ := s.facts[name].(string); return v }
		}
	}
	return nil
}

// intOf returns an accessor for an integer-valued path or constant.
func (e *Engine) intOf(x celast.Expr) func(*state) int64 {
	if x.Kind() == celast.LiteralKind {
		if v, ok := x.AsLiteral().(types.Int); ok {
			n := int64(v)
			return func(*state) int64 { return n }
		}
		return nil
	}
	p, ok := dotted(x)
	if !ok {
		return nil
	}
	if f, ok := intPaths[p]; ok {
		return f
	}
	if len(p) > 7 && p[:7] == "limits." {
		if v, ok := e.constVal[p[7:]]; ok {
			return func(*state) int64 { return v }
		}
	}
	if name, ok := cutFacts(p); ok {
		if d := e.facts[name]; d != nil && d.Type == "int" {
			return func(s *state) int64 { v, _ := s.facts[name].(int64); return v }
		}
	}
	return nil
}

func stringLit(x celast.Expr) (string, bool) {
	if x.Kind() != celast.LiteralKind {
		return "", false
	}
	v, ok := x.AsLiteral().(types.String)
	return string(v), ok
}

func (e *Engine) eqGuard(a, b celast.Expr) guard {
	if lit, ok := stringLit(b); ok {
		if f := e.stringOf(a); f != nil {
			return func(s *state) bool { return f(s) == lit }
		}
		return nil
	}
	fa, fb := e.intOf(a), e.intOf(b)
	if fa != nil && fb != nil && (a.Kind() == celast.LiteralKind || b.Kind() == celast.LiteralKind) {
		return func(s *state) bool { return fa(s) == fb(s) }
	}
	return nil
}

func (e *Engine) inGuard(elem, coll celast.Expr) guard {
	if lit, ok := stringLit(elem); ok {
		p, ok := dotted(coll)
		if !ok {
			return nil
		}
		if f, ok := mapPaths[p]; ok {
			return func(s *state) bool { return f(s)[lit] }
		}
		if f, ok := listPaths[p]; ok {
			return func(s *state) bool { return slices.Contains(f(s), lit) }
		}
		return nil
	}
	if coll.Kind() != celast.ListKind {
		return nil
	}
	f := e.stringOf(elem)
	if f == nil {
		return nil
	}
	var set []string
	for _, el := range coll.AsList().Elements() {
		lit, ok := stringLit(el)
		if !ok {
			return nil
		}
		set = append(set, lit)
	}
	return func(s *state) bool { return slices.Contains(set, f(s)) }
}

func (e *Engine) cmpGuard(op string, a, b celast.Expr) guard {
	fa, fb := e.intOf(a), e.intOf(b)
	if fa == nil || fb == nil {
		return nil
	}
	switch op {
	case operators.Greater:
		return func(s *state) bool { return fa(s) > fb(s) }
	case operators.GreaterEquals:
		return func(s *state) bool { return fa(s) >= fb(s) }
	case operators.Less:
		return func(s *state) bool { return fa(s) < fb(s) }
	}
	return func(s *state) bool { return fa(s) <= fb(s) }
}
