package policy

// DecisionSchema names the decision format.
const DecisionSchema = "custos.decision/v1"

// Verdicts of catalogue §0.2; FINDING is a Custos extension for processor
// and rights reviews that find a standing duty unmet.
const (
	Deny           = "DENY"
	Allow          = "ALLOW"
	AllowObl       = "ALLOW_OBL"
	AllowNoConsent = "ALLOW_NOCONSENT"
	OutOfScope     = "OUT_OF_SCOPE"
	Flag           = "FLAG"
	Finding        = "FINDING"
	// Note marks a rule that fires for the explanation only.
	Note = "NOTE"
)

var ruleVerdicts = []string{Deny, Allow, AllowObl, AllowNoConsent, OutOfScope, Flag, Finding, Note}

// Decision is the engine's answer, explained.
type Decision struct {
	Schema    string `json:"schema"`
	RequestID string `json:"request_id,omitempty"`
	Verdict   string `json:"verdict"`
	// Reason and RuleIDs say what decided the verdict (§0.2).
	Reason  Text     `json:"reason"`
	RuleIDs []string `json:"rule_ids"`
	// Missing lists unmet pre-conditions; a non-empty list makes the
	// verdict DENY.
	Missing     []Obligation `json:"missing"`
	Obligations []Obligation `json:"obligations"`
	Waived      []Obligation `json:"waived,omitempty"`
	// Denied lists categories or published fields refused on their own
	// (partial denial) or blamed for a DENY.
	Denied   []Item       `json:"denied,omitempty"`
	Findings []Obligation `json:"findings,omitempty"`
	Flags    []Item       `json:"flags,omitempty"`
	Advisory []Obligation `json:"advisory,omitempty"`
	// Route, Deadline and Score are set for leads.
	Route    string `json:"route,omitempty"`
	Deadline string `json:"deadline,omitempty"`
	Score    int    `json:"score,omitempty"`
	// Categories are the effective categories, with implicit ones added.
	Categories []CategoryView `json:"categories,omitempty"`
	// Fired and Overridden point at shared, read-only rule views: do not
	// modify them.
	Fired      []*FiredRule `json:"fired"`
	Overridden []*FiredRule `json:"overridden,omitempty"`
	Summary    Text         `json:"summary"`
}

// Obligation is a duty in a decision, with the rules that impose it.
type Obligation struct {
	Code string `json:"code"`
	Arg  string `json:"arg,omitempty"`
	// Kind is the code's kind (pre, notice, constraint, processor …).
	Kind string `json:"kind"`
	// Satisfied is set for pre-conditions the request already meets.
	Satisfied bool `json:"satisfied,omitempty"`
	// Baseline marks duties that attach to every processing (§4.2).
	Baseline bool     `json:"baseline,omitempty"`
	Text     Text     `json:"text"`
	Rules    []string `json:"rules"`
}

// Ref returns the code with its argument, as written in rule packs.
func (o Obligation) Ref() string {
	if o.Arg == "" {
		return o.Code
	}
	return o.Code + "(" + o.Arg + ")"
}

// Item is a category, field or flag named by rules.
type Item struct {
	Item  string   `json:"item"`
	Rules []string `json:"rules"`
}

// CategoryView is an effective category with its sensitivity.
type CategoryView struct {
	ID            string `json:"id"`
	SensitivePIPL bool   `json:"sensitive_pipl"`
	SensitiveGBT  bool   `json:"sensitive_gbt"`
	Implicit      bool   `json:"implicit,omitempty"`
}

// FiredRule is a rule that fired, with its citation.
type FiredRule struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Stage    string `json:"stage"`
	Effect   string `json:"effect"`
	Citation string `json:"citation"`
	Tag      string `json:"tag"`
	// By names the rule that overrode this one.
	By       string `json:"by,omitempty"`
	Advisory bool   `json:"advisory,omitempty"`
	Text     Text   `json:"text"`
}
