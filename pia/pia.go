// Package pia writes personal-information protection impact assessments
// (PIPL Arts 55–56): it turns a described processing activity into policy
// requests, one per operation, decides them with the policy engine, rates
// the risk, and reports the decisions, risks, obligations and gaps with
// their citations as Markdown or HTML, with the record-keeping duty.
package pia

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/policy"
)

// ActivitySchema names the activity format.
const ActivitySchema = "custos.activity/v1"

// Activity describes one processing activity to assess. The shared parts
// (processor, subject, basis, consent, context, measures, facts) apply to
// every operation; an operation may refine them.
type Activity struct {
	Schema      string `json:"schema,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Assessor    string `json:"assessor,omitempty"`
	// AssessedOn is the assessment date (YYYY-MM-DD); it fixes the
	// record-keeping date. Default: the date given to Assess.
	AssessedOn string              `json:"assessed_on,omitempty"`
	Purpose    string              `json:"purpose"`
	Basis      string              `json:"basis,omitempty"`
	Processor  policy.Processor    `json:"processor"`
	Subject    policy.Subject      `json:"subject"`
	Consent    policy.Consent      `json:"consent"`
	Context    policy.Context      `json:"context"`
	Categories policy.CategoryList `json:"categories,omitempty"`
	// Recipients are the parties PI goes to, for the report.
	Recipients []Recipient    `json:"recipients,omitempty"`
	Measures   []string       `json:"measures,omitempty"`
	Facts      map[string]any `json:"facts,omitempty"`
	Operations []Operation    `json:"operations"`
	Retention  string         `json:"retention,omitempty"`
}

// Recipient is a party that receives PI.
type Recipient struct {
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
	Purpose  string `json:"purpose,omitempty"`
	Overseas bool   `json:"overseas,omitempty"`
	Country  string `json:"country,omitempty"`
}

// Operation is one step of the activity: an action with what differs from
// the shared description.
type Operation struct {
	Name            string              `json:"name,omitempty"`
	Action          string              `json:"action"`
	Basis           string              `json:"basis,omitempty"`
	Categories      policy.CategoryList `json:"categories,omitempty"`
	Recipient       string              `json:"recipient,omitempty"`
	PublishedFields []string            `json:"published_fields,omitempty"`
	Medium          string              `json:"medium,omitempty"`
	RetentionDays   int                 `json:"retention_days,omitempty"`
	OverseasVolume  int                 `json:"overseas_volume_ytd,omitempty"`
	OverseasSens    int                 `json:"overseas_sensitive_ytd,omitempty"`
	PublicPlace     bool                `json:"public_place,omitempty"`
	Measures        []string            `json:"measures,omitempty"`
	Facts           map[string]any      `json:"facts,omitempty"`
}

// ParseActivity reads an activity from YAML (or JSON) strictly: unknown
// keys and bad values are errors naming the field.
func ParseActivity(data []byte) (*Activity, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	if v == nil {
		return nil, errors.New("activity: empty file")
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	a := &Activity{Subject: policy.Subject{Age: -1}}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	if err := dec.Decode(a); err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	switch {
	case a.Schema != "" && a.Schema != ActivitySchema:
		return nil, fmt.Errorf("activity: schema %q is not supported (want %s)", a.Schema, ActivitySchema)
	case a.Name == "":
		return nil, errors.New("activity: name is required")
	case a.Purpose == "":
		return nil, errors.New("activity: purpose is required (PIPL Art 6: a clear, reasonable purpose)")
	case len(a.Operations) == 0:
		return nil, errors.New("activity: operations is empty: list at least one action (collect, store, provide …)")
	}
	if a.AssessedOn != "" {
		if _, err := time.Parse("2006-01-02", a.AssessedOn); err != nil {
			return nil, fmt.Errorf("activity: assessed_on %q: want YYYY-MM-DD", a.AssessedOn)
		}
	}
	return a, nil
}

// Step is one assessed operation.
type Step struct {
	Operation Operation
	Request   *policy.Request
	Decision  *policy.Decision
}

// Risk is the rating with the reasons that raised it.
type Risk struct {
	Level   string // low, medium, high
	Score   int
	Reasons []string
}

// Report is a finished assessment.
type Report struct {
	Activity     *Activity
	Date         time.Time
	KeepUntil    time.Time
	KeepYears    int64
	Categories   []policy.CategoryView
	ScanSources  []string
	Steps        []Step
	Review       *policy.Decision
	Risk         Risk
	Obligations  []policy.Obligation
	Missing      []policy.Obligation
	Advisory     []policy.Obligation
	Findings     []policy.Obligation
	Rules        []*policy.FiredRule
	Verdict      string
	SensitiveAny bool
}

// Assess decides every operation of the activity and rates it. Findings
// from scanned sample documents add their categories (and the youngest
// age). Because the assessment being written is itself the Art 55 PIA,
// PIA counts as in place for the decisions.
func Assess(eng *policy.Engine, a *Activity, scanned []policy.ScanFinding, sources []string, today time.Time) (*Report, error) {
	date := today
	if a.AssessedOn != "" {
		date, _ = time.Parse("2006-01-02", a.AssessedOn)
	}
	years, _ := eng.Constant("PIA_RECORD_RETENTION")
	r := &Report{Activity: a, Date: date, KeepYears: years, KeepUntil: date.AddDate(int(years), 0, 0), ScanSources: sources}
	for i, op := range a.Operations {
		req := a.request(op)
		req.AddFindings(scanned)
		if err := req.Validate(); err != nil {
			return nil, fmt.Errorf("operation %d (%s): %w", i+1, op.Action, err)
		}
		d, err := eng.Decide(req)
		if err != nil {
			return nil, fmt.Errorf("operation %d (%s): %w", i+1, op.Action, err)
		}
		r.Steps = append(r.Steps, Step{Operation: op, Request: req, Decision: d})
	}
	review := &policy.Request{Kind: "processor", Processor: a.Processor, Subject: policy.Subject{Age: -1},
		Measures: withPIA(a.Measures), Facts: a.Facts}
	d, err := eng.Decide(review)
	if err != nil {
		return nil, fmt.Errorf("processor review: %w", err)
	}
	r.Review = d
	r.collect()
	r.rate()
	return r, nil
}

func withPIA(m []string) []string {
	if slices.Contains(m, "PIA") {
		return slices.Clone(m)
	}
	return append(slices.Clone(m), "PIA")
}

// request builds the policy request of one operation.
func (a *Activity) request(op Operation) *policy.Request {
	req := &policy.Request{
		Schema: policy.RequestSchema, ID: op.Name, Action: op.Action,
		Subject: a.Subject, Processor: a.Processor, Basis: a.Basis, Consent: a.Consent, Context: a.Context,
		Measures: withPIA(append(slices.Clone(a.Measures), op.Measures...)),
	}
	req.Subject.SpecialGroups = slices.Clone(a.Subject.SpecialGroups)
	req.Context.PublishedFields = slices.Clone(a.Context.PublishedFields)
	if req.Context.Purpose == "" {
		req.Context.Purpose = a.Purpose
	}
	req.Categories = slices.Clone(a.Categories)
	if len(op.Categories) > 0 {
		req.Categories = slices.Clone(op.Categories)
	}
	if op.Basis != "" {
		req.Basis = op.Basis
	}
	if op.Recipient != "" {
		req.Context.Recipient = op.Recipient
	}
	if len(op.PublishedFields) > 0 {
		req.Context.PublishedFields = slices.Clone(op.PublishedFields)
	}
	if op.Medium != "" {
		req.Context.Medium = op.Medium
	}
	if op.RetentionDays != 0 {
		req.Context.RetentionDays = op.RetentionDays
	}
	if op.OverseasVolume != 0 {
		req.Context.OverseasVolumeYTD = op.OverseasVolume
	}
	if op.OverseasSens != 0 {
		req.Context.OverseasSensitiveYT = op.OverseasSens
	}
	if op.PublicPlace {
		req.Context.PublicPlace = true
	}
	if len(a.Facts)+len(op.Facts) > 0 {
		req.Facts = map[string]any{}
		for k, v := range a.Facts {
			req.Facts[k] = v
		}
		for k, v := range op.Facts {
			req.Facts[k] = v
		}
	}
	return req
}

// collect merges the steps' obligations, gaps, advice and rules.
func (r *Report) collect() {
	seenCat := map[string]bool{}
	seenRule := map[string]bool{}
	verdicts := map[string]bool{}
	addRules := func(d *policy.Decision) {
		for _, f := range append(slices.Clone(d.Fired), d.Overridden...) {
			if !seenRule[f.ID] {
				seenRule[f.ID] = true
				r.Rules = append(r.Rules, f)
			}
		}
	}
	for _, s := range r.Steps {
		d := s.Decision
		verdicts[d.Verdict] = true
		for _, c := range d.Categories {
			if !seenCat[c.ID] {
				seenCat[c.ID] = true
				r.Categories = append(r.Categories, c)
				r.SensitiveAny = r.SensitiveAny || c.SensitivePIPL
			}
		}
		r.Obligations = mergeObl(r.Obligations, d.Obligations)
		r.Missing = mergeObl(r.Missing, d.Missing)
		r.Advisory = mergeObl(r.Advisory, d.Advisory)
		addRules(d)
	}
	r.Findings = mergeObl(r.Findings, r.Review.Findings)
	r.Obligations = mergeObl(r.Obligations, r.Review.Obligations)
	addRules(r.Review)
	sort.SliceStable(r.Categories, func(i, j int) bool { return r.Categories[i].ID < r.Categories[j].ID })
	sort.SliceStable(r.Rules, func(i, j int) bool { return r.Rules[i].ID < r.Rules[j].ID })
	switch {
	case verdicts[policy.Deny]:
		r.Verdict = policy.Deny
	case len(r.Findings) > 0:
		r.Verdict = policy.Finding
	default:
		r.Verdict = "PROCEED"
	}
}

func mergeObl(dst, src []policy.Obligation) []policy.Obligation {
	for _, o := range src {
		i := slices.IndexFunc(dst, func(x policy.Obligation) bool { return x.Code == o.Code && x.Arg == o.Arg })
		if i < 0 {
			o.Rules = slices.Clone(o.Rules)
			dst = append(dst, o)
			continue
		}
		for _, id := range o.Rules {
			if !slices.Contains(dst[i].Rules, id) {
				dst[i].Rules = append(dst[i].Rules, id)
			}
		}
		dst[i].Satisfied = dst[i].Satisfied && o.Satisfied
	}
	return dst
}

// rate scores the activity's risk to the people concerned (Art 56(2)).
// The weights are an engine choice [I], shown with each reason.
func (r *Report) rate() {
	add := func(n int, why string) {
		r.Risk.Score += n
		r.Risk.Reasons = append(r.Risk.Reasons, fmt.Sprintf("+%d %s", n, why))
	}
	heads := map[string]string{"PI.BIO": "biometric", "PI.RELIGION": "religious belief", "PI.SPECIAL_IDENTITY": "special identity",
		"PI.HEALTH": "medical health", "PI.PROPERTY.ACCOUNT": "financial accounts", "PI.LOCATION": "whereabouts", "PI.MINOR_U14": "children under 14"}
	var sens []string
	for _, c := range r.Categories {
		for h, name := range heads {
			if (c.ID == h || strings.HasPrefix(c.ID, h+".")) && !slices.Contains(sens, name) {
				sens = append(sens, name)
			}
		}
	}
	sort.Strings(sens)
	if len(sens) > 0 {
		add(2+len(sens)/2, "sensitive PI (PIPL Art 28): "+strings.Join(sens, ", "))
	}
	a := r.Activity
	if len(a.Subject.SpecialGroups) > 0 {
		add(2, "special groups: "+strings.Join(a.Subject.SpecialGroups, ", "))
	}
	switch v := a.Processor.VolumeIndividuals; {
	case v >= 1_000_000:
		add(2, fmt.Sprintf("volume: %d individuals (≥ 1,000,000)", v))
	case v >= 100_000:
		add(1, fmt.Sprintf("volume: %d individuals (≥ 100,000)", v))
	}
	actions := map[string]string{"disclose_public": "public disclosure", "transfer_abroad": "transfer abroad",
		"automated_decision": "automated decision-making", "provide": "provision to another processor", "entrust": "entrusted processing"}
	weights := map[string]int{"disclose_public": 2, "transfer_abroad": 2, "automated_decision": 1, "provide": 1, "entrust": 1}
	done := map[string]bool{}
	for _, s := range r.Steps {
		act := s.Operation.Action
		if w, ok := weights[act]; ok && !done[act] {
			done[act] = true
			add(w, actions[act])
		}
	}
	if n := len(r.Missing); n > 0 {
		add(3, fmt.Sprintf("%d pre-condition(s) not met", n))
	}
	for _, s := range r.Steps {
		if s.Decision.Verdict == policy.Deny && len(s.Decision.Missing) == 0 {
			add(3, "an operation is prohibited outright ("+strings.Join(s.Decision.RuleIDs, ", ")+")")
			break
		}
	}
	switch {
	case r.Risk.Score >= 6:
		r.Risk.Level = "high"
	case r.Risk.Score >= 3:
		r.Risk.Level = "medium"
	default:
		r.Risk.Level = "low"
	}
}

// categoryName gives the taxonomy name of an id.
func categoryName(id string) string {
	if info, ok := pi.LookupCategory(pi.Category(id)); ok {
		return info.Name
	}
	return ""
}
