package policy

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/ext"

	"github.com/custos-project/custos/pi"
)

//go:embed rules/*.yaml
var embedded embed.FS

// Stages of catalogue §6, in evaluation order. "baseline" holds the
// principles of §4.2 whose duties attach to every processing; "triage"
// holds the lead rules of §4.23; "advisory" the recommended standards.
var Stages = []string{"scope", "absolute", "basis", "gate", "necessity", "obligation", "baseline", "processor", "triage", "advisory"}

// Tags are the verification tags of catalogue §0.1.
var Tags = []string{"P", "S", "M", "SRC", "I"}

// Options configure Load.
type Options struct {
	// Dirs are extra rule-pack directories (a provincial regulation, a
	// company's own rules). Each may hold its own codes.yaml and
	// constants.yaml, which add to (and for constants, override) the
	// embedded ones.
	Dirs []string
	// Disable maps rule ids to the reason they are switched off.
	Disable map[string]string
	// Constants overrides constant values by key.
	Constants map[string]int64
	// Packs are extra packs given as file name → YAML, loaded after the
	// directories (tests and fuzzing use them).
	Packs map[string][]byte
	// NoEmbedded leaves out the embedded packs (for testing a pack alone);
	// the embedded codes and constants are always loaded.
	NoEmbedded bool
}

// Engine decides requests against compiled rule packs. It is immutable
// after Load and safe for concurrent use.
type Engine struct {
	packs     []*Pack
	rules     []*compiledRule
	byID      map[string]*compiledRule
	index     map[indexKey][]*compiledRule
	overrides bool // some enabled rule overrides another
	codes     map[string]*compiledCode
	codeList  []*compiledCode
	facts     map[string]*FactDecl
	factList  []*FactDecl
	constants []Constant
	constVal  map[string]int64
	refs      []oblRef // every distinct code and argument rules name
	disabled  map[string]string
	env       *cel.Env
	catTab    map[string]*catEntry
	// childAge and minorAge are CHILD_AGE_PIPL and MINOR_AGE.
	childAge, minorAge int64
	// LoadTime is how long Load took.
	LoadTime time.Duration
}

// catEntry is a category a request may name: a taxonomy id, a composite
// record or a flag pseudo-category.
type catEntry struct {
	id    string
	info  pi.CategoryInfo
	bit   int         // in state.catSet; -1 past bitsetSize
	up    []*catEntry // itself and its ancestors
	parts []*catEntry // a composite's categories
}

// newCatTab lists every category a request may name, each with a bit.
func newCatTab() map[string]*catEntry {
	tab := map[string]*catEntry{}
	var entry func(id string) *catEntry
	entry = func(id string) *catEntry {
		if ce := tab[id]; ce != nil {
			return ce
		}
		ce := &catEntry{id: id, bit: len(tab)}
		if ce.bit >= bitsetSize {
			ce.bit = -1
		}
		tab[id] = ce
		ce.up = []*catEntry{ce}
		if info, ok := lookupCategory(id); ok {
			ce.info = info
			if info.Parent != "" {
				ce.up = append(ce.up, entry(string(info.Parent)).up...)
			}
		}
		return ce
	}
	for _, c := range pi.Categories() {
		entry(string(c.ID))
	}
	entry("PI.PUBLIC")
	entry("PI.DECEASED")
	names := slices.Sorted(maps.Keys(composites))
	for _, id := range names {
		ce := entry(id)
		ce.up = []*catEntry{ce}
		for _, p := range composites[id] {
			ce.parts = append(ce.parts, entry(p))
		}
	}
	return tab
}

// indexKey files rules by request kind and, for processing, by action and
// basis.
type indexKey struct{ kind, action, basis string }

type compiledRule struct {
	*Rule
	pack     *Pack
	stage    int
	seq      int32 // index in Engine.rules
	citation string
	cite     string    // citation with its tag, for summaries
	citeID   int32     // the same for rules with the same cite
	view     FiredRule // the rule as a decision lists it
	// deniedView is the view when deny_when turned the rule into a denial.
	deniedView *FiredRule
	score      []scoreWeight
	cond       cel.Program
	partial    cel.Program
	blame      cel.Program
	deadline   cel.Program
	denyWhen   cel.Program
	// basisMask and processorMask are basis and processor as bits (see
	// vocabBit); 0 when the rule names none.
	basisMask, processorMask uint64
	catMask                  bitset // cats as bits, when catMaskOK
	catMaskOK                bool
	flagCodes                []*compiledCode // then.flags
	guard                    guard           // cond in Go; nil when none could be derived
	exact                    bool            // guard understands all of cond
	denyGuard                guard           // denyWhen in Go, or nil
	partialGo                listFn
	blameGo                  listFn
	basis                    []string
	processor                []string
	cats                     []string
	requires                 []oblRef
	obliges                  []oblRef
	advise                   []oblRef
	findings                 []oblRef
	disabled                 string
}

type scoreWeight struct {
	flag   *compiledCode
	weight int
}

type oblRef struct {
	code *compiledCode
	arg  string
	id   int32 // index in Engine.refs
}

type compiledCode struct {
	CodeDef
	idx      int32 // in Engine.codeList
	bit      int   // in state.measureSet and flagSet; -1 past bitsetSize
	sat      cel.Program
	satGuard guard // sat in Go, or nil
}

// Load reads the embedded packs and any user directories, compiles every
// condition, and validates the whole set. All problems are reported
// together, each with file:line.
func Load(opts Options) (*Engine, error) {
	start := time.Now()
	var p problems
	codes, err := parseCodes("rules/"+codesFile, mustRead(embedded, "rules/"+codesFile))
	if err != nil {
		return nil, err
	}
	consts, err := parseConstants("rules/"+constantsFile, mustRead(embedded, "rules/"+constantsFile))
	if err != nil {
		return nil, err
	}
	var packs []*Pack
	var loadErrs []error
	if opts.NoEmbedded {
		// The shared facts stay: codes.yaml refers to them.
		p, err := ParsePack("rules/"+factsFile, mustRead(embedded, "rules/"+factsFile))
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
	} else {
		ps, err := readPackDir(embedded, "rules", "rules")
		if err != nil {
			loadErrs = append(loadErrs, err)
		}
		packs = append(packs, ps...)
	}
	for _, dir := range opts.Dirs {
		fsys := os.DirFS(dir)
		if data, err := fs.ReadFile(fsys, codesFile); err == nil {
			more, err := parseCodes(dir+"/"+codesFile, data)
			if err != nil {
				loadErrs = append(loadErrs, err)
			}
			codes = append(codes, more...)
		}
		if data, err := fs.ReadFile(fsys, constantsFile); err == nil {
			more, err := parseConstants(dir+"/"+constantsFile, data)
			if err != nil {
				loadErrs = append(loadErrs, err)
			}
			consts = mergeConstants(consts, more)
		}
		ps, err := readPackDir(fsys, ".", dir)
		if err != nil {
			loadErrs = append(loadErrs, fmt.Errorf("rule directory %s: %w", dir, err))
		}
		packs = append(packs, ps...)
	}
	names := make([]string, 0, len(opts.Packs))
	for n := range opts.Packs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p, err := ParsePack(n, opts.Packs[n])
		if err != nil {
			loadErrs = append(loadErrs, err)
			continue
		}
		packs = append(packs, p)
	}
	if err := errors.Join(loadErrs...); err != nil {
		return nil, err
	}
	e := &Engine{
		packs:    packs,
		byID:     map[string]*compiledRule{},
		index:    map[indexKey][]*compiledRule{},
		codes:    map[string]*compiledCode{},
		facts:    map[string]*FactDecl{},
		constVal: map[string]int64{},
		disabled: map[string]string{},
		catTab:   newCatTab(),
	}
	for i := range codes {
		c := &codes[i]
		if _, dup := e.codes[c.Code]; dup {
			p.addf("codes", c.line, "duplicate code %s", c.Code)
			continue
		}
		cc := &compiledCode{CodeDef: *c, idx: int32(len(e.codeList)), bit: len(e.codeList)}
		if cc.bit >= bitsetSize {
			cc.bit = -1
		}
		e.codes[c.Code] = cc
		e.codeList = append(e.codeList, cc)
	}
	for k, v := range opts.Constants {
		found := false
		for i := range consts {
			if consts[i].Key == k {
				consts[i].Value, found = v, true
			}
		}
		if !found {
			return nil, fmt.Errorf("constant %s: no such constant", k)
		}
	}
	e.constants = consts
	for _, c := range consts {
		e.constVal[c.Key] = c.Value
	}
	e.childAge, e.minorAge = e.constVal["CHILD_AGE_PIPL"], e.constVal["MINOR_AGE"]
	e.declareFacts(&p)
	env, err := e.newEnv()
	if err != nil {
		return nil, fmt.Errorf("policy: building the expression environment: %w", err)
	}
	e.env = env
	e.compileCodes(env, &p)
	e.compileRules(env, &p)
	for id, reason := range opts.Disable {
		r, ok := e.byID[id]
		if !ok {
			p.list = append(p.list, fmt.Sprintf("disable %s: no such rule", id))
			continue
		}
		if strings.TrimSpace(reason) == "" {
			p.list = append(p.list, fmt.Sprintf("disable %s: a reason is required", id))
			continue
		}
		r.disabled = reason
		e.disabled[r.ID] = reason
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	refIDs := map[oblRef]int32{}
	for _, r := range e.rules {
		for _, list := range [][]oblRef{r.requires, r.obliges, r.findings, r.advise} {
			for i := range list {
				key := oblRef{code: list[i].code, arg: list[i].arg}
				id, ok := refIDs[key]
				if !ok {
					id = int32(len(e.refs))
					refIDs[key] = id
					e.refs = append(e.refs, key)
				}
				list[i].id = id
			}
		}
	}
	cites := map[string]int32{}
	for _, r := range e.rules {
		id, ok := cites[r.cite]
		if !ok {
			id = int32(len(cites))
			cites[r.cite] = id
		}
		r.citeID = id
	}
	e.buildIndex()
	e.LoadTime = time.Since(start)
	return e, nil
}

func mustRead(fsys fs.FS, name string) []byte {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic("policy: embedded file missing: " + name) // build defect, not input
	}
	return data
}

func mergeConstants(base, more []Constant) []Constant {
	for _, m := range more {
		i := slices.IndexFunc(base, func(c Constant) bool { return c.Key == m.Key })
		if i >= 0 {
			base[i] = m
		} else {
			base = append(base, m)
		}
	}
	return base
}

var factTypes = map[string]*cel.Type{"bool": cel.BoolType, "int": cel.IntType, "string": cel.StringType}

func (e *Engine) declareFacts(p *problems) {
	for _, pk := range e.packs {
		for i := range pk.Facts {
			f := &pk.Facts[i]
			if f.file == "" {
				f.file = pk.File
			}
			switch {
			case !isIdent(f.Name):
				p.addf(f.file, f.line, "fact name %q is not an identifier", f.Name)
				continue
			case factTypes[f.Type] == nil:
				p.addf(f.file, f.line, "fact %s: unknown type %q (want bool, int or string)", f.Name, f.Type)
				continue
			case f.Text.EN == "":
				p.addf(f.file, f.line, "fact %s: text.en missing", f.Name)
				continue
			}
			if prev, ok := e.facts[f.Name]; ok {
				if prev.Type != f.Type {
					p.addf(f.file, f.line, "fact %s declared as %s here but as %s at %s:%d", f.Name, f.Type, prev.Type, prev.file, prev.line)
				}
				continue
			}
			e.facts[f.Name] = f
			e.factList = append(e.factList, f)
		}
	}
	sort.Slice(e.factList, func(i, j int) bool { return e.factList[i].Name < e.factList[j].Name })
}

// newEnv declares what rule expressions may read: the request's parts as
// typed objects, derived facts, declared facts under facts.*, and the
// constants under limits.*.
func (e *Engine) newEnv() (*cel.Env, error) {
	opts := []cel.EnvOption{
		ext.NativeTypes(reflect.TypeOf(Subject{}), reflect.TypeOf(Processor{}), reflect.TypeOf(Consent{}),
			reflect.TypeOf(ConsentScope{}), reflect.TypeOf(Context{}), reflect.TypeOf(Rights{}), reflect.TypeOf(Lead{}),
			ext.ParseStructTags(true)),
		ext.Strings(),
		cel.Variable("kind", cel.StringType),
		cel.Variable("action", cel.StringType),
		cel.Variable("basis", cel.StringType),
		cel.Variable("categories", cel.ListType(cel.StringType)),
		cel.Variable("cats", cel.MapType(cel.StringType, cel.BoolType)),
		cel.Variable("measures", cel.MapType(cel.StringType, cel.BoolType)),
		cel.Variable("subject", cel.ObjectType("policy.Subject")),
		cel.Variable("processor", cel.ObjectType("policy.Processor")),
		cel.Variable("consent", cel.ObjectType("policy.Consent")),
		cel.Variable("context", cel.ObjectType("policy.Context")),
		cel.Variable("rights", cel.ObjectType("policy.Rights")),
		cel.Variable("lead", cel.ObjectType("policy.Lead")),
		cel.Variable("age", cel.IntType),
		cel.Variable("child", cel.BoolType),
		cel.Variable("minor", cel.BoolType),
		cel.Variable("sensitive", cel.BoolType),
		cel.Variable("sensitive_gbt", cel.BoolType),
		cel.Variable("flags", cel.MapType(cel.StringType, cel.BoolType)),
	}
	for _, f := range e.factList {
		opts = append(opts, cel.Variable("facts."+f.Name, factTypes[f.Type]))
	}
	for _, c := range e.constants {
		opts = append(opts, cel.Constant("limits."+c.Key, cel.IntType, types.Int(c.Value)))
	}
	return cel.NewEnv(opts...)
}

// compileExpr compiles one expression of the given output type, reporting
// errors at the expression's line in the pack.
func compileExpr(env *cel.Env, src string, want *cel.Type, file string, line int, what string, p *problems) cel.Program {
	prg, _ := compileAST(env, src, want, file, line, what, p)
	return prg
}

// compileAST is compileExpr that also returns the checked syntax tree.
func compileAST(env *cel.Env, src string, want *cel.Type, file string, line int, what string, p *problems) (cel.Program, *cel.Ast) {
	ast, iss := env.Compile(src)
	if iss != nil && iss.Err() != nil {
		for _, e := range iss.Errors() {
			l := line
			if loc := e.Location; loc != nil && loc.Line() > 1 {
				l += loc.Line() - 1
			}
			p.addf(file, l, "%s: %s", what, e.Message)
		}
		return nil, nil
	}
	if !ast.OutputType().IsExactType(want) && !ast.OutputType().IsExactType(cel.DynType) {
		p.addf(file, line, "%s: expression gives %s, want %s", what, ast.OutputType(), want)
		return nil, nil
	}
	prg, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		p.addf(file, line, "%s: %v", what, err)
		return nil, nil
	}
	return prg, ast
}

func (e *Engine) compileCodes(env *cel.Env, p *problems) {
	for _, c := range e.codeList {
		if c.SatisfiedWhen != "" {
			var ast *cel.Ast
			c.sat, ast = compileAST(env, c.SatisfiedWhen, cel.BoolType, "rules/"+codesFile, c.line, "code "+c.Code+": satisfied_when", p)
			if ast != nil {
				c.satGuard, _ = e.guardOf(ast)
			}
		}
	}
}

func (e *Engine) compileRules(env *cel.Env, p *problems) {
	type job struct {
		pk *Pack
		r  *Rule
		cr *compiledRule
		p  problems
	}
	var jobs []*job
	for _, pk := range e.packs {
		if pk.Instrument.ID == "" {
			p.addf(pk.File, 1, "instrument.id missing")
		}
		if !contains([]string{"law", "regulation", "rule", "judicial_interpretation", "notice", "standard", "engine"}, pk.Instrument.Status) {
			p.addf(pk.File, 1, "instrument.status %q: want law, regulation, rule, judicial_interpretation, notice, standard or engine", pk.Instrument.Status)
		}
		for _, r := range pk.Rules {
			if r == nil {
				continue
			}
			if r.file == "" {
				r.file = pk.File
			}
			jobs = append(jobs, &job{pk: pk, r: r})
		}
	}
	// Compiling the expressions is most of the load after parsing; the
	// environment is safe for concurrent use, so spread it over the cores.
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		j.cr = e.compileRule(env, j.pk, j.r, &j.p)
	})
	for seq, j := range jobs {
		p.list = append(p.list, j.p.list...)
		cr, r := j.cr, j.r
		cr.seq = int32(seq)
		for _, id := range append([]string{r.ID}, r.Aliases...) {
			if prev, dup := e.byID[id]; dup {
				p.addf(r.file, r.line, "duplicate rule id %s (first at %s)", id, prev.Where())
				continue
			}
			e.byID[id] = cr
		}
		e.rules = append(e.rules, cr)
	}
	// References between rules are checked once every id is known.
	for _, r := range e.rules {
		for _, o := range r.Then.Overrides {
			if _, ok := e.byID[o]; !ok {
				p.addf(r.file, r.lineOf("then", "overrides"), "rule %s overrides unknown rule %s", r.ID, o)
			} else if o == r.ID {
				p.addf(r.file, r.lineOf("then", "overrides"), "rule %s overrides itself", r.ID)
			}
		}
	}
}

func (e *Engine) compileRule(env *cel.Env, pk *Pack, r *Rule, p *problems) *compiledRule {
	cr := &compiledRule{Rule: r, pack: pk}
	f, l := r.file, r.line
	if r.ID == "" {
		p.addf(f, l, "rule without an id")
	}
	name := "rule " + r.ID
	if r.Citation.Instrument == "" || r.Citation.Article == "" {
		p.addf(f, r.lineOf("citation"), "%s: citation missing (instrument and article are required)", name)
	}
	if !contains(Tags, r.Tag) {
		p.addf(f, r.lineOf("tag"), "%s: tag %q: want one of %s", name, r.Tag, strings.Join(Tags, ", "))
	}
	if r.Title == "" || r.Text.ZH == "" || r.Text.EN == "" {
		p.addf(f, l, "%s: title, text.zh and text.en are required", name)
	}
	cr.stage = slices.Index(Stages, r.Stage)
	if cr.stage < 0 {
		p.addf(f, r.lineOf("stage"), "%s: stage %q: want one of %s", name, r.Stage, strings.Join(Stages, ", "))
	}
	r.advisory = pk.Instrument.Status == "standard" || r.Stage == "advisory"
	if !contains(ruleVerdicts, r.Then.Verdict) {
		p.addf(f, r.lineOf("then", "verdict"), "%s: verdict %q: want one of %s", name, r.Then.Verdict, strings.Join(ruleVerdicts, ", "))
	}
	if r.advisory && (r.Then.Verdict == Deny || r.Then.Verdict == OutOfScope || len(r.Then.Require) > 0 || r.Then.DenyWhen != "" || r.Then.Partial != "") {
		p.addf(f, r.lineOf("then"), "%s: a recommended standard is advisory: use verdict NOTE and advisory codes, not %s, require, deny_when or partial", name, r.Then.Verdict)
	}
	cr.citation = r.Citation.String()
	w := r.When
	for _, k := range w.Kinds {
		if !contains(Kinds, k) {
			p.addf(f, r.lineOf("when", "kinds"), "%s: unknown kind %q", name, k)
		}
	}
	for _, a := range w.Actions {
		if !contains(Actions, a) {
			p.addf(f, r.lineOf("when", "actions"), "%s: unknown action %q (PIPL-4.2 verbs: %s)", name, a, strings.Join(Actions, ", "))
		}
	}
	for _, b := range w.Basis {
		if !contains(Bases, b) {
			p.addf(f, r.lineOf("when", "basis"), "%s: unknown basis %q", name, b)
		}
	}
	for _, t := range w.Processor {
		if !contains(ProcessorTypes, t) {
			p.addf(f, r.lineOf("when", "processor"), "%s: unknown processor type %q", name, t)
		}
	}
	for _, c := range w.Categories {
		if !e.knownCategory(c) {
			p.addf(f, r.lineOf("when", "categories"), "%s: unknown category %q", name, c)
		}
	}
	cr.basis, cr.processor, cr.cats = w.Basis, w.Processor, w.Categories
	for _, b := range w.Basis {
		cr.basisMask |= vocabBit(Bases, b)
	}
	for _, t := range w.Processor {
		cr.processorMask |= vocabBit(ProcessorTypes, t)
	}
	cr.catMaskOK = true
	for _, c := range w.Categories {
		if ce := e.catTab[c]; ce != nil && ce.bit >= 0 {
			cr.catMask.set(ce.bit)
		} else {
			cr.catMaskOK = false
		}
	}
	if w.If != "" {
		var ast *cel.Ast
		cr.cond, ast = compileAST(env, w.If, cel.BoolType, f, r.lineOf("when", "if"), name+": when.if", p)
		if ast != nil {
			cr.guard, cr.exact = e.guardOf(ast)
		}
	}
	if r.Then.Partial != "" {
		var ast *cel.Ast
		cr.partial, ast = compileAST(env, r.Then.Partial, cel.ListType(cel.StringType), f, r.lineOf("then", "partial"), name+": then.partial", p)
		if ast != nil {
			cr.partialGo = e.listGuardOf(ast)
		}
	}
	if r.Then.Blame != "" {
		var ast *cel.Ast
		cr.blame, ast = compileAST(env, r.Then.Blame, cel.ListType(cel.StringType), f, r.lineOf("then", "blame"), name+": then.blame", p)
		if ast != nil {
			cr.blameGo = e.listGuardOf(ast)
		}
	}
	if r.Then.DenyWhen != "" {
		var ast *cel.Ast
		cr.denyWhen, ast = compileAST(env, r.Then.DenyWhen, cel.BoolType, f, r.lineOf("then", "deny_when"), name+": then.deny_when", p)
		if ast != nil {
			cr.denyGuard, _ = e.guardOf(ast)
		}
	}
	if r.Then.Deadline != "" {
		cr.deadline = compileExpr(env, r.Then.Deadline, cel.StringType, f, r.lineOf("then", "deadline"), name+": then.deadline", p)
	}
	refs := func(list []string, key string, kinds ...string) []oblRef {
		var out []oblRef
		for _, ref := range list {
			code, arg := splitCode(ref)
			c, ok := e.codes[code]
			switch {
			case !ok:
				p.addf(f, r.lineOf("then", key), "%s: then.%s: unknown obligation code %s", name, key, code)
			case len(kinds) > 0 && !contains(kinds, c.Kind):
				p.addf(f, r.lineOf("then", key), "%s: then.%s: %s is a %s code, want %s", name, key, code, c.Kind, strings.Join(kinds, " or "))
			default:
				out = append(out, oblRef{code: c, arg: arg})
			}
		}
		return out
	}
	cr.requires = refs(r.Then.Require, "require", "pre", "notice", "constraint", "processor")
	cr.obliges = refs(r.Then.Oblige, "oblige", "pre", "notice", "constraint", "processor")
	cr.findings = refs(r.Then.Findings, "findings")
	cr.advise = refs(r.Then.Advisory, "advisory")
	refs(r.Then.Waive, "waive")
	for _, fl := range r.Then.Flags {
		if c, ok := e.codes[fl]; !ok || c.Kind != "flag" {
			p.addf(f, r.lineOf("then", "flags"), "%s: then.flags: %s is not a declared flag code", name, fl)
		} else {
			cr.flagCodes = append(cr.flagCodes, c)
		}
	}
	for fl, w := range r.Then.Score {
		if c, ok := e.codes[fl]; !ok || c.Kind != "flag" {
			p.addf(f, r.lineOf("then", "score"), "%s: then.score: %s is not a declared flag code", name, fl)
		} else {
			cr.score = append(cr.score, scoreWeight{c, w})
		}
	}
	if len(r.Tests) == 0 {
		p.addf(f, l, "%s: no tests (every rule needs a case that fires it and one that does not)", name)
	}
	cr.cite = cr.citation + " [" + r.Tag + "]"
	cr.view = FiredRule{ID: r.ID, Title: r.Title, Stage: r.Stage, Effect: effectOf(cr), Citation: cr.citation, Tag: r.Tag, Advisory: r.advisory, Text: r.Text}
	if cr.denyWhen != nil {
		denied := cr.view
		denied.Effect = "DENY (deny_when)"
		cr.deniedView = &denied
	}
	return cr
}

// knownCategory accepts taxonomy ids, the composite records of §2 and the
// two flag pseudo-categories.
func (e *Engine) knownCategory(id string) bool {
	return e.catTab[id] != nil
}

// buildIndex files each enabled rule under every request key it can match
// ("processing:collect:CONSENT", "rights" …), in stage order, so a decision
// only looks at rules that can apply.
func (e *Engine) buildIndex() {
	sorted := slices.Clone(e.rules)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.stage != b.stage {
			return a.stage < b.stage
		}
		// Consent invalidation runs first within its stage, so later
		// rules see the consent as the law treats it.
		if a.Then.InvalidateConsent != b.Then.InvalidateConsent {
			return a.Then.InvalidateConsent
		}
		return a.seq < b.seq
	})
	for _, r := range sorted {
		if r.disabled != "" {
			continue
		}
		if len(r.Then.Overrides) > 0 {
			e.overrides = true
		}
		kinds := r.When.Kinds
		if len(kinds) == 0 {
			kinds = []string{"processing"}
		}
		for _, k := range kinds {
			if k != "processing" {
				key := indexKey{kind: k}
				e.index[key] = append(e.index[key], r)
				continue
			}
			actions := r.When.Actions
			if len(actions) == 0 {
				actions = Actions
			}
			bases := r.When.Basis
			if len(bases) == 0 {
				bases = Bases
			}
			for _, a := range actions {
				for _, b := range bases {
					key := indexKey{kind: "processing", action: a, basis: b}
					e.index[key] = append(e.index[key], r)
				}
			}
		}
	}
}

// Rules returns every loaded rule in pack order.
func (e *Engine) Rules() []*Rule {
	out := make([]*Rule, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.Rule
	}
	return out
}

// Rule returns the rule with the given id or alias.
func (e *Engine) Rule(id string) (*Rule, bool) {
	r, ok := e.byID[id]
	if !ok {
		return nil, false
	}
	return r.Rule, true
}

// Disabled returns the reason a rule is switched off, if it is.
func (e *Engine) Disabled(id string) (string, bool) {
	r, ok := e.byID[id]
	if !ok || r.disabled == "" {
		return "", false
	}
	return r.disabled, true
}

// Packs returns the loaded packs.
func (e *Engine) Packs() []*Pack { return e.packs }

// Codes returns the obligation and label vocabulary.
func (e *Engine) Codes() []CodeDef {
	out := make([]CodeDef, len(e.codeList))
	for i, c := range e.codeList {
		out[i] = c.CodeDef
	}
	return out
}

// Constants returns the constants table with any overrides applied.
func (e *Engine) Constants() []Constant { return slices.Clone(e.constants) }

// Constant returns one constant's value.
func (e *Engine) Constant(key string) (int64, bool) {
	v, ok := e.constVal[key]
	return v, ok
}

// Facts returns the declared facts, sorted by name.
func (e *Engine) Facts() []FactDecl {
	out := make([]FactDecl, len(e.factList))
	for i, f := range e.factList {
		out[i] = *f
	}
	return out
}

// Citation returns the rendered citation of a rule.
func (r *Rule) CitationString() string { return r.Citation.String() }

// Advisory reports whether the rule belongs to the advisory layer.
func (r *Rule) Advisory() bool { return r.advisory }

// Check validates one more pack against the loaded engine without adding
// it: YAML shape, ids (also against the loaded rules), citations, codes and
// every expression. Facts the pack declares beyond the loaded ones are
// checked for shape; expressions using them are compiled in an environment
// that includes them.
func (e *Engine) Check(file string, data []byte) error {
	pk, err := ParsePack(file, data)
	if err != nil {
		return err
	}
	var p problems
	env := e.env
	var extra []*FactDecl
	for i := range pk.Facts {
		f := &pk.Facts[i]
		if f.file == "" {
			f.file = file
		}
		switch prev, ok := e.facts[f.Name]; {
		case !isIdent(f.Name) || factTypes[f.Type] == nil:
			p.addf(f.file, f.line, "fact %q: want an identifier name and type bool, int or string", f.Name)
		case ok && prev.Type != f.Type:
			p.addf(f.file, f.line, "fact %s declared as %s here but as %s at %s:%d", f.Name, f.Type, prev.Type, prev.file, prev.line)
		case !ok:
			extra = append(extra, f)
		}
	}
	if len(extra) > 0 {
		opts := make([]cel.EnvOption, 0, len(extra))
		for _, f := range extra {
			opts = append(opts, cel.Variable("facts."+f.Name, factTypes[f.Type]))
		}
		if env, err = e.env.Extend(opts...); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, r := range pk.Rules {
		if r == nil {
			p.addf(file, 1, "empty rule entry")
			continue
		}
		if r.file == "" {
			r.file = file
		}
		e.compileRule(env, pk, r, &p)
		for _, id := range append([]string{r.ID}, r.Aliases...) {
			if prev, dup := e.byID[id]; dup {
				p.addf(r.file, r.line, "duplicate rule id %s (first at %s)", id, prev.Where())
			} else if seen[id] {
				p.addf(r.file, r.line, "duplicate rule id %s", id)
			}
			seen[id] = true
		}
	}
	return p.err()
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
