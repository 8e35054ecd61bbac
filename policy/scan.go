package policy

import (
	"slices"
	"strconv"
	"strings"

	"github.com/custos-project/custos/pi"
)

// ScanFinding is a finding from a scan as the policy engine sees it: what it
// is, which categories it carries, its derived attributes, and where it is
// (for pointing at it in the answer).
type ScanFinding struct {
	Type       pi.Type           `json:"type"`
	Categories []pi.Category     `json:"categories"`
	Attrs      map[string]string `json:"attributes,omitempty"`
	// Where is "file:line:col"; Value is the masked text.
	Where string `json:"where"`
	Value string `json:"value"`
}

// addressField maps the finest address level to what a publication reveals.
var addressField = map[string]string{
	"country": "city", "province": "city", "city": "city",
	"district": "district", "devzone": "district", "town": "district", "community": "district",
	"road": "district", "subroad": "district",
	"poi": "compound", "subpoi": "compound",
	"roadno": "home_address", "subroadno": "home_address", "houseno": "building",
	"cellno": "home_address", "floorno": "home_address", "roomno": "home_address",
}

var typeField = map[pi.Type]string{
	pi.PersonName: "full_name", pi.MaskedName: "surname_only",
	pi.ResidentID: "id_number", pi.Passport: "id_number", pi.HKMacauPermit: "id_number",
	pi.TaiwanPermit: "id_number", pi.HKID: "id_number", pi.TaiwanID: "id_number", pi.MacaoID: "id_number",
	pi.MobilePhone: "phone", pi.LandlinePhone: "phone", pi.Email: "email",
	pi.BankCard: "bank_card", pi.LicensePlate: "vehicle_plate",
	pi.Place: "venues", pi.Date: "times", pi.Trajectory: "venues",
	pi.Gender: "sex", pi.School: "school", pi.Employer: "workplace",
	pi.Health: "diagnosis", pi.Religion: "religion", pi.SpecialIdentity: "special_identity",
	pi.QQNumber: "online_account", pi.WeChatID: "online_account", pi.AccountID: "online_account",
	// a hospital's number for the patient identifies them as directly as
	// an identity document's
	pi.MedicalRecordNumber: "id_number", pi.PersonNumber: "id_number",
}

// FieldOf says which published field (context.published_fields) a finding
// reveals, or "" when it maps to none.
func FieldOf(t pi.Type, attrs map[string]string) string {
	if attrs["masked"] == "true" {
		// 410105********1234, 138****5678: printed masked, as published
		// lists do; no identifier field is revealed
		return ""
	}
	switch t {
	case pi.Address:
		f, ok := addressField[attrs["level"]]
		if !ok {
			f = "home_address"
		}
		// a place the person went to, named down to its venue or compound
		// at most (到达…春熙路某美甲店), is a venue of the itinerary
		if attrs["kind"] == "visit" && (f == "compound" || f == "district" || f == "city") {
			return "venues"
		}
		return f
	case pi.Place:
		// a place that names divisions alone (来自 武汉, 从孝感返回) reveals
		// a city or a district, not a venue
		if attrs["kind"] == "division" {
			if f, ok := addressField[attrs["level"]]; ok {
				return f
			}
			return "city"
		}
	case pi.Age:
		if attrs["age_band"] != "" {
			return "age_band"
		}
		return "exact_age"
	}
	return typeField[t]
}

// AddFindings fills a request from a scan: the findings' categories join
// Categories, and for the actions that put the text in front of others
// (disclose_public, display, provide, transmit) the fields they reveal join
// context.published_fields. The youngest age the scan derives (from an ID
// number, a stated age or a school grade) becomes subject.age unless the
// request gives one: the most protective reading when a document names
// several people. A child's label (孤儿, 留守儿童 …) adds disadvantaged_child
// to subject.special_groups and, when the text is published, sets
// facts.labels_child unless the request says otherwise.
func (r *Request) AddFindings(fs []ScanFinding) {
	publish := slices.Contains([]string{"disclose_public", "display", "provide", "transmit"}, r.Action)
	have := map[string]bool{}
	for _, c := range r.Categories {
		have[c.ID] = true
	}
	young := -1
	for _, f := range fs {
		for _, c := range f.Categories {
			if !have[string(c)] {
				have[string(c)] = true
				r.Categories = append(r.Categories, Category{ID: string(c)})
			}
		}
		if publish {
			if fld := FieldOf(f.Type, f.Attrs); fld != "" && !slices.Contains(r.Context.PublishedFields, fld) {
				r.Context.PublishedFields = append(r.Context.PublishedFields, fld)
			}
		}
		if a, ok := findingAge(f); ok && (young < 0 || a < young) {
			young = a
		}
		// a child's label (孤儿, 留守儿童, 困境儿童 …) says the subject is a
		// disadvantaged child, and publishing it labels the child
		if f.Type == pi.SpecialIdentity && f.Attrs["kind"] == "child" {
			if !slices.Contains(r.Subject.SpecialGroups, "disadvantaged_child") {
				r.Subject.SpecialGroups = append(r.Subject.SpecialGroups, "disadvantaged_child")
			}
			if publish {
				if r.Facts == nil {
					r.Facts = map[string]any{}
				}
				if _, set := r.Facts["labels_child"]; !set {
					r.Facts["labels_child"] = true
				}
			}
		}
	}
	if r.Subject.Age < 0 && young >= 0 {
		r.Subject.Age = young
	}
}

// findingAge returns the age a finding states or implies: an ID number's
// age, a stated age in years, the upper end of a school grade's age band
// (三年级 → 9: the oldest a pupil of that grade usually is).
func findingAge(f ScanFinding) (int, bool) {
	for _, v := range []string{f.Attrs[pi.AttrAge], f.Attrs["years"]} {
		if a, err := strconv.Atoi(v); err == nil && a >= 0 && a <= 150 {
			return a, true
		}
	}
	if _, hi, ok := strings.Cut(f.Attrs["age_band"], "-"); ok {
		if a, err := strconv.Atoi(hi); err == nil && a >= 0 && a <= 150 {
			return a, true
		}
	}
	return 0, false
}

// Offense is a denied item with the findings that carry it.
type Offense struct {
	Item     string        `json:"item"`
	Rules    []string      `json:"rules"`
	Findings []ScanFinding `json:"findings"`
}

// Offending maps the decision's denied items (published fields or
// categories) back to the findings that reveal them.
func Offending(d *Decision, fs []ScanFinding) []Offense {
	var out []Offense
	for _, it := range d.Denied {
		o := Offense{Item: it.Item, Rules: it.Rules}
		for _, f := range fs {
			if FieldOf(f.Type, f.Attrs) == it.Item || slices.Contains(f.Categories, pi.Category(it.Item)) {
				o.Findings = append(o.Findings, f)
			}
		}
		out = append(out, o)
	}
	return out
}
