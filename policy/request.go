package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// RequestSchema names the request format; a request may carry it in its
// "schema" field and the decoder rejects any other value.
const RequestSchema = "custos.request/v1"

// Request asks whether one processing activity may proceed (catalogue §0.4).
// Fields beyond §0.4 are Custos extensions and are marked so; every one of
// them is optional.
type Request struct {
	Schema string `json:"schema,omitempty"`
	// ID is echoed in the decision so batch results can be matched up.
	ID string `json:"id,omitempty"`
	// Kind is a Custos extension: "processing" (the default when Action is
	// set), "rights" (a data-subject request, see Rights), "processor" (a
	// review of a processor's standing duties) or "lead" (a
	// public-interest-litigation lead, see Lead).
	Kind       string       `json:"kind,omitempty"`
	Action     string       `json:"action,omitempty"`
	Categories CategoryList `json:"categories,omitempty"`
	Subject    Subject      `json:"subject"`
	Processor  Processor    `json:"processor"`
	Basis      string       `json:"basis,omitempty"`
	Consent    Consent      `json:"consent"`
	Context    Context      `json:"context"`
	// Measures (extension) lists the obligation codes and safeguards already
	// in place, such as "PIA", "STANDARD_CONTRACT" or "SIGNAGE". A
	// pre-condition not listed here (or not otherwise evident from the
	// request) is reported as missing.
	Measures []string `json:"measures,omitempty"`
	// Facts (extension) holds the further facts rules ask about, each
	// declared with its type in a rule pack's facts section.
	Facts map[string]any `json:"facts,omitempty"`
	// Rights (extension) describes a data-subject request (Kind "rights").
	Rights Rights `json:"rights"`
	// Lead (extension) is the triage input of catalogue §4.23 (Kind "lead").
	Lead Lead `json:"lead"`
}

// Category is one entry of Request.Categories: a taxonomy id with the two
// sensitivity flags of §0.4. The flags default to the taxonomy's.
type Category struct {
	ID            string `json:"id"`
	SensitivePIPL *bool  `json:"sensitive_pipl,omitempty"`
	SensitiveGBT  *bool  `json:"sensitive_gbt,omitempty"`
}

// CategoryList decodes from a JSON array whose items are either taxonomy ids
// or Category objects.
type CategoryList []Category

// UnmarshalJSON accepts ["PI.HEALTH", {"id": "PI.ID.NUMBER", "sensitive_pipl": false}].
func (l *CategoryList) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("categories: want an array of ids or objects: %w", err)
	}
	out := make(CategoryList, 0, len(raw))
	for i, r := range raw {
		r = bytes.TrimSpace(r)
		if len(r) > 0 && r[0] == '"' {
			var id string
			if err := json.Unmarshal(r, &id); err != nil {
				return fmt.Errorf("categories[%d]: %w", i, err)
			}
			out = append(out, Category{ID: id})
			continue
		}
		var c Category
		if err := strictUnmarshal(r, &c); err != nil {
			return fmt.Errorf("categories[%d]: %w", i, err)
		}
		out = append(out, c)
	}
	*l = out
	return nil
}

// IDs returns the category ids in order.
func (l CategoryList) IDs() []string {
	ids := make([]string, len(l))
	for i, c := range l {
		ids[i] = c.ID
	}
	return ids
}

// Subject is the person the PI is about.
type Subject struct {
	// Age in whole years; -1 (the default) when unknown.
	Age           int      `json:"age" cel:"age"`
	Capacity      string   `json:"capacity,omitempty" cel:"capacity"`
	SpecialGroups []string `json:"special_groups,omitempty" cel:"special_groups"`
	Deceased      bool     `json:"deceased,omitempty" cel:"deceased"`
	PublicFigure  bool     `json:"public_figure,omitempty" cel:"public_figure"`
}

// UnmarshalJSON decodes strictly and defaults Age to -1 (unknown).
func (s *Subject) UnmarshalJSON(b []byte) error {
	type plain Subject
	p := plain{Age: -1}
	if err := strictUnmarshal(b, &p); err != nil {
		return err
	}
	*s = Subject(p)
	return nil
}

// Processor is whoever decides the purpose and method of processing.
type Processor struct {
	Type                   string `json:"type,omitempty" cel:"type"`
	VolumeIndividuals      int    `json:"volume_individuals,omitempty" cel:"volume_individuals"`
	VolumeSensitive        int    `json:"volume_sensitive,omitempty" cel:"volume_sensitive"`
	CIIO                   bool   `json:"ciio,omitempty" cel:"ciio"`
	LargePlatform          bool   `json:"large_platform,omitempty" cel:"large_platform"`
	Overseas               bool   `json:"overseas,omitempty" cel:"overseas"`
	AuthorizedEpidemicBody bool   `json:"authorized_epidemic_body,omitempty" cel:"authorized_epidemic_body"`
	// Name (extension) is shown in reports only.
	Name string `json:"name,omitempty" cel:"name"`
	// Sector (extension): education, medical, employment, elderly_care,
	// consumption, finance, welfare, platform, other.
	Sector string `json:"sector,omitempty" cel:"sector"`
}

// Consent describes what the subject (or guardian) agreed to.
type Consent struct {
	State string       `json:"state,omitempty" cel:"state"`
	By    string       `json:"by,omitempty" cel:"by"`
	Scope ConsentScope `json:"scope" cel:"scope"`
}

// ConsentScope is what a consent covers.
type ConsentScope struct {
	Purpose    string   `json:"purpose,omitempty" cel:"purpose"`
	Method     string   `json:"method,omitempty" cel:"method"`
	Categories []string `json:"categories,omitempty" cel:"categories"`
	// Retention is the consented retention period in days (0: not stated).
	Retention int `json:"retention,omitempty" cel:"retention"`
}

// Context describes the circumstances of the processing.
type Context struct {
	Purpose             string   `json:"purpose,omitempty" cel:"purpose"`
	PurposeChanged      bool     `json:"purpose_changed,omitempty" cel:"purpose_changed"`
	Necessary           bool     `json:"necessary,omitempty" cel:"necessary"`
	PublicPlace         bool     `json:"public_place,omitempty" cel:"public_place"`
	EmergencyActive     bool     `json:"emergency_active,omitempty" cel:"emergency_active"`
	PurposeFulfilled    bool     `json:"purpose_fulfilled,omitempty" cel:"purpose_fulfilled"`
	RetentionExpired    bool     `json:"retention_expired,omitempty" cel:"retention_expired"`
	Recipient           string   `json:"recipient,omitempty" cel:"recipient"`
	OverseasVolumeYTD   int      `json:"overseas_volume_ytd,omitempty" cel:"overseas_volume_ytd"`
	OverseasSensitiveYT int      `json:"overseas_sensitive_ytd,omitempty" cel:"overseas_sensitive_ytd"`
	PublishedFields     []string `json:"published_fields,omitempty" cel:"published_fields"`
	Medium              string   `json:"medium,omitempty" cel:"medium"`
	// RetentionDays (extension) is the planned retention in days; -1 means
	// indefinite, 0 not stated.
	RetentionDays int `json:"retention_days,omitempty" cel:"retention_days"`
	// Unnecessary (extension) lists requested categories that the purpose
	// does not need (PIPL Art 6¶2); the engine denies just those.
	Unnecessary []string `json:"unnecessary,omitempty" cel:"unnecessary"`
}

// Rights describes a data-subject request (extension; Kind "rights").
type Rights struct {
	// Type: access, copy, portability, correct, delete, explain, restrict,
	// withdraw, object, inquiry.
	Type string `json:"type,omitempty" cel:"type"`
	// Requester: self, guardian, close_relative, other.
	Requester         string `json:"requester,omitempty" cel:"requester"`
	OpenWorkingDays   int    `json:"open_working_days,omitempty" cel:"open_working_days"`
	OpenDays          int    `json:"open_days,omitempty" cel:"open_days"`
	IdentityVerified  bool   `json:"identity_verified,omitempty" cel:"identity_verified"`
	Refused           bool   `json:"refused,omitempty" cel:"refused"`
	RefusalReasoned   bool   `json:"refusal_reasoned,omitempty" cel:"refusal_reasoned"`
	RefusalWritten    bool   `json:"refusal_written,omitempty" cel:"refusal_written"`
	OwnInterest       bool   `json:"own_interest,omitempty" cel:"own_interest"`
	ContraryWill      bool   `json:"contrary_will,omitempty" cel:"contrary_will"`
	ExcessiveRepeats  bool   `json:"excessive_repeats,omitempty" cel:"excessive_repeats"`
	TechnicallyFeasib bool   `json:"technically_feasible,omitempty" cel:"technically_feasible"`
}

// Lead is the triage input of catalogue §4.23 (extension; Kind "lead").
type Lead struct {
	ViolatorType   string   `json:"violator_type,omitempty" cel:"violator_type"`
	ViolationRules []string `json:"violation_rules,omitempty" cel:"violation_rules"`
	SubjectsCount  int      `json:"subjects_count,omitempty" cel:"subjects_count"`
	Sector         string   `json:"sector,omitempty" cel:"sector"`
	TimeSpaceLink  bool     `json:"time_space_linked,omitempty" cel:"time_space_linked"`
	Ongoing        bool     `json:"ongoing,omitempty" cel:"ongoing"`
	RegulatorIdle  bool     `json:"administrative_regulator_inactive,omitempty" cel:"administrative_regulator_inactive"`
	Indeterminate  bool     `json:"indeterminate_group,omitempty" cel:"indeterminate_group"`
	SpecialGroups  []string `json:"special_groups,omitempty" cel:"special_groups"`
}

// Vocabularies of §0.4 (and the marked extensions). Unknown values are
// errors: a misspelt basis must not silently fall through the rules.
var (
	Actions = []string{"collect", "store", "use", "process", "transmit", "provide",
		"disclose_public", "transfer_abroad", "delete", "entrust", "merge_transfer",
		"automated_decision", "display", "retain"}
	Kinds           = []string{"processing", "rights", "processor", "lead"}
	Bases           = []string{"CONSENT", "CONTRACT_HR", "STATUTORY_DUTY", "PUBLIC_HEALTH_EMERGENCY", "EMERGENCY_LIFE_PROPERTY", "NEWS_PUBLIC_INTEREST", "PUBLIC_INFO", "OTHER_LAW", "NONE"}
	ProcessorTypes  = []string{"state_organ", "authorized_public_org", "enterprise", "network_operator", "media", "ngo", "individual_household"}
	ConsentStates   = []string{"none", "general", "separate", "written", "withdrawn", "refused"}
	ConsentBy       = []string{"self", "guardian", "both"}
	Capacities      = []string{"full", "limited", "none"}
	SpecialGroups   = []string{"disadvantaged_child", "disabled", "elderly", "military", "women"}
	Media           = []string{"gov_bulletin", "news", "social", "app", "paper", "broadcast", "other"}
	Sectors         = []string{"education", "medical", "employment", "elderly_care", "consumption", "finance", "welfare", "platform", "public_admin", "other"}
	RightsTypes     = []string{"access", "copy", "portability", "correct", "delete", "explain", "restrict", "withdraw", "object", "inquiry"}
	Requesters      = []string{"self", "guardian", "close_relative", "other"}
	PublishedFields = []string{
		"full_name", "surname_only", "case_number", "sex", "exact_age", "age_band", "birth_date",
		"id_number", "phone", "email", "home_address", "compound", "building", "district", "city",
		"venues", "times", "workplace", "school", "photo", "video", "voice", "relatives",
		"diagnosis", "special_identity", "vehicle_plate", "bank_card", "religion", "online_account",
	}
)

// Composite records of catalogue §2, expanded when a request names them.
var composites = map[string][]string{
	"REC.VENUE_REGISTER": {"PI.BASIC.NAME", "PI.ID.NUMBER", "PI.BASIC.CONTACT", "PI.IMAGE", "PI.LOCATION.TRACK"},
	"REC.CASE_BULLETIN":  {"PI.BASIC.NAME", "PI.BASIC.AGE", "PI.BASIC.ADDRESS", "PI.LOCATION.TRACK", "PI.HEALTH.INFECTIOUS"},
}

// DecodeRequest reads one JSON request strictly: unknown fields, trailing
// data and values outside the vocabularies are errors naming the field.
func DecodeRequest(r io.Reader) (*Request, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return ParseRequest(data)
}

// ParseRequest decodes one JSON request (see DecodeRequest).
func ParseRequest(data []byte) (*Request, error) {
	req := &Request{Subject: Subject{Age: -1}}
	if err := strictUnmarshal(data, req); err != nil {
		return nil, jsonError(data, err)
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	return req, nil
}

// strictUnmarshal decodes exactly one JSON value with unknown fields
// rejected. encoding/json does not pass DisallowUnknownFields on to nested
// UnmarshalJSON methods, so each of them calls this.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// jsonError adds the line and column of a syntax or type error.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("request: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Errorf("request: line %d col %d: %w", line, col, err)
}

func checkEnum(field, v string, allowed []string) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("request: %s: unknown value %q (want one of %s)", field, v, strings.Join(allowed, ", "))
}

func checkEnumList(field string, vs, allowed []string) error {
	for i, v := range vs {
		if v == "" {
			return fmt.Errorf("request: %s[%d]: empty value", field, i)
		}
		if err := checkEnum(fmt.Sprintf("%s[%d]", field, i), v, allowed); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks the fixed vocabularies and the shape of the request.
// ParseRequest calls it; code that builds a Request itself should too.
// Category ids, measures and facts are checked against the loaded packs by
// Engine.Decide.
func (r *Request) Validate() error {
	if r.Schema != "" && r.Schema != RequestSchema {
		return fmt.Errorf("request: schema %q is not supported (want %s)", r.Schema, RequestSchema)
	}
	checks := []error{
		checkEnum("kind", r.Kind, Kinds),
		checkEnum("action", r.Action, Actions),
		checkEnum("basis", r.Basis, Bases),
		checkEnum("processor.type", r.Processor.Type, ProcessorTypes),
		checkEnum("processor.sector", r.Processor.Sector, Sectors),
		checkEnum("consent.state", r.Consent.State, ConsentStates),
		checkEnum("consent.by", r.Consent.By, ConsentBy),
		checkEnum("subject.capacity", r.Subject.Capacity, Capacities),
		checkEnumList("subject.special_groups", r.Subject.SpecialGroups, SpecialGroups),
		checkEnum("context.medium", r.Context.Medium, Media),
		checkEnumList("context.published_fields", r.Context.PublishedFields, PublishedFields),
		checkEnum("rights.type", r.Rights.Type, RightsTypes),
		checkEnum("rights.requester", r.Rights.Requester, Requesters),
		checkEnum("lead.violator_type", r.Lead.ViolatorType, ProcessorTypes),
		checkEnum("lead.sector", r.Lead.Sector, Sectors),
		checkEnumList("lead.special_groups", r.Lead.SpecialGroups, SpecialGroups),
	}
	if err := errors.Join(checks...); err != nil {
		return err
	}
	if r.Subject.Age < -1 || r.Subject.Age > 150 {
		return fmt.Errorf("request: subject.age: %d is not an age (use -1 or omit it when unknown)", r.Subject.Age)
	}
	for _, n := range []struct {
		field string
		v     int
	}{
		{"processor.volume_individuals", r.Processor.VolumeIndividuals},
		{"processor.volume_sensitive", r.Processor.VolumeSensitive},
		{"context.overseas_volume_ytd", r.Context.OverseasVolumeYTD},
		{"context.overseas_sensitive_ytd", r.Context.OverseasSensitiveYT},
		{"consent.scope.retention", r.Consent.Scope.Retention},
		{"rights.open_working_days", r.Rights.OpenWorkingDays},
		{"rights.open_days", r.Rights.OpenDays},
		{"lead.subjects_count", r.Lead.SubjectsCount},
	} {
		if n.v < 0 {
			return fmt.Errorf("request: %s: %d is negative", n.field, n.v)
		}
	}
	if r.Context.RetentionDays < -1 {
		return fmt.Errorf("request: context.retention_days: %d (use -1 for indefinite)", r.Context.RetentionDays)
	}
	kind := r.kind()
	switch {
	case kind == "processing" && r.Action == "":
		return errors.New("request: action is required for a processing request (or set kind to rights, processor or lead)")
	case kind != "processing" && r.Action != "":
		return fmt.Errorf("request: a %s request has no action (got %q)", kind, r.Action)
	case kind == "rights" && r.Rights.Type == "":
		return errors.New("request: rights.type is required for a rights request")
	}
	return nil
}

// kind returns the request kind with its default filled in.
func (r *Request) kind() string {
	if r.Kind != "" {
		return r.Kind
	}
	return "processing"
}
