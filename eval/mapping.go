package eval

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/custos-project/custos/pi"
)

// Mapping maps corpus labels to Custos types. A label that is absent or
// maps to "" is ignored: its gold spans are neither found nor missed. A
// label may map to several acceptable types, written "train_number|
// flight_number": a prediction of any of them matches the gold span, which
// is counted under the first.
type Mapping map[string]string

// Types returns the types a gold label is accepted as, first the one it is
// counted under; nil when the label is ignored.
func (m Mapping) Types(label string) []string {
	v := m[label]
	if v == "" {
		return nil
	}
	if !strings.Contains(v, "|") {
		return []string{v}
	}
	var ts []string
	for _, t := range strings.Split(v, "|") {
		if t = strings.TrimSpace(t); t != "" {
			ts = append(ts, t)
		}
	}
	return ts
}

// Targets returns every type some label maps to, sorted: the types a
// corpus annotated with this mapping can score.
func (m Mapping) Targets() []string {
	set := map[string]bool{}
	for label := range m {
		for _, t := range m.Types(label) {
			set[t] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// String formats the mapping as ParseMapping reads it, sorted by label.
func (m Mapping) String() string {
	var b strings.Builder
	for i, label := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(label + "=" + m[label])
	}
	return b.String()
}

// Apply returns copies of docs whose gold spans carry the type they are
// counted under instead of the corpus label; ignored spans are dropped.
func (m Mapping) Apply(docs []Doc) []Doc {
	out := make([]Doc, len(docs))
	for i, d := range docs {
		out[i] = Doc{ID: d.ID, Text: d.Text}
		for _, g := range d.Gold {
			if ts := m.Types(g.Label); ts != nil {
				out[i].Gold = append(out[i].Gold, Span{Start: g.Start, End: g.End, Label: ts[0]})
			}
		}
		normalize(&out[i])
	}
	return out
}

// The Custos types the corpora's labels map to.
const (
	typePersonName   = string(pi.PersonName)
	typeMaskedName   = string(pi.MaskedName)
	typeOrganization = string(pi.Organization)
	typeAddress      = string(pi.Address)
	typePlace        = string(pi.Place)
	typeAge          = string(pi.Age)
	typeGender       = string(pi.Gender)
	typeEthnicity    = string(pi.Ethnicity)
	typeNationality  = string(pi.Nationality)
	typeOccupation   = string(pi.Occupation)
	typeHealth       = string(pi.Health)
	typeEmployer     = string(pi.Employer)
)

// anyOrganization accepts a school or an employer for an organization:
// Custos reports a school under its own type (北京大学, 阜阳市第一中学), with
// its level, and an organization a person works at as the employer.
var anyOrganization = typeOrganization + "|" + string(pi.School) + "|" + typeEmployer

// The two parts of an address finding, for corpora that annotate them
// apart: a predictor reports an address's administrative divisions
// (province down to township) as AddressAdmin and the rest (community,
// road, compound, building …) as AddressLocal. An address with only one
// part reports the whole span under that part's label.
const (
	AddressAdmin = "address_admin"
	AddressLocal = "address_local"
)

// A person's name written as a surname with a form of address (陈女士 is
// found as 陈 with title 女士) is reported as "person_name:titled" (or
// masked_name:titled) and not as a plain name, for the corpora that do not
// take it as a name (CLUENER); the others accept it with the names.
var anyName = strings.Join([]string{typePersonName, typeMaskedName,
	KindLabel(typePersonName, "titled"), KindLabel(typeMaskedName, "titled")}, "|")

// placeDivision is a place that names administrative divisions alone
// (从武汉返回阜南县), kind "division" of a place finding. A predictor
// reports it under this label only, not as a place: ECR-COVID-19 marks it
// Location, the COVID-trajectory corpus CITY or COUNTY (never PLACE).
var placeDivision = KindLabel(typePlace, "division")

// DefaultSparse returns the types a format's corpus annotates document by
// document (see Options.Sparse): in ECR-COVID-19, 250 of the 588 case
// reports that name a patient mark no name at all.
func DefaultSparse(format string) []string {
	if format == FormatECR {
		return []string{typePersonName, typeMaskedName}
	}
	return nil
}

// addressElements are the 21 labels of the Chinese address parsing corpus.
var addressElements = []string{
	"country", "prov", "city", "district", "devzone", "town", "community",
	"road", "subroad", "roadno", "subroadno", "poi", "subpoi", "houseno",
	"cellno", "floorno", "roomno", "person", "assist", "redundant", "otherinfo",
}

var defaultMappings = buildDefaultMappings()

func buildDefaultMappings() map[string]Mapping {
	ms := map[string]Mapping{
		FormatCLUENER: {
			// a surname with a form of address (陈女士, 高老板) is no
			// name here: 125 of 129 in the train file are unmarked
			"name":         typePersonName + "|" + typeMaskedName,
			"address":      "", // place names in news (北京), not home addresses
			"company":      typeOrganization,
			"organization": anyOrganization,
			"government":   typeOrganization,
			"position":     typeOccupation,
		},
		FormatECR: {
			"Name":             anyName,
			"Age":              typeAge,
			"Gender":           typeGender,
			"ResidencePlace":   typeAddress,
			"Location":         typePlace + "|" + placeDivision + "|" + typeEmployer, // 武汉 as well as 定点医院
			"Spot":             typePlace + "|" + typeEmployer,                       // a workplace is a place the person was
			"Symptom":          KindLabel(typeHealth, "symptom"),                     // symptoms only, not diagnoses or test results
			"Date/calendar":    string(pi.Date),
			"EndDate/calendar": string(pi.Date),
			"Vehicle/train":    string(pi.TrainNumber),
			"Vehicle/flight":   string(pi.FlightNumber),
			"Vehicle/plate":    string(pi.LicensePlate),
			"Vehicle/seat":     string(pi.SeatNumber),
		},
		FormatCoNLL: {
			"PER.NAM": anyName,
			"ORG.NAM": anyOrganization,
			// LOC.NAM and GPE.NAM mark geographic names (长江, 北京), neither
			// venues nor addresses: not scored.
		},
		// One mapping serves both bmes corpora; their labels do not collide.
		FormatBMES: {
			// resume-ner
			"NAME": anyName,
			"ORG":  anyOrganization,
			// EDU marks degrees (本科, MBA): no Custos type, not scored
			"TITLE": typeOccupation,
			"RACE":  typeEthnicity,
			// LOC marks birthplaces and regions (湖北武汉): not scored
			"CONT": typeNationality,
			// covid-trajectory-bmes
			"PAT/name": anyName,
			"AGE":      typeAge,
			"GEN":      typeGender,
			// PLACE marks venues and the part of an address below the
			// township (张公山六村613栋 of 蚌埠市禹会区张公山街道张公山六村613栋),
			// whose administrative part is marked CITY, DISTRCT … apart
			"PLACE":    typePlace + "|" + AddressLocal + "|" + typeEmployer,
			"ADDRESS":  AddressAdmin + "|" + placeDivision,
			"PROVINCE": "address_prov",
			"CITY":     "address_city",
			"DISTRCT":  "address_district",
			"COUNTY":   "address_district",
			"TOWN":     "address_town",
			// DATE marks the day symptoms began (587 of the 6,037 "M月D日"
			// of the train file, nearly all followed by symptoms), so it
			// scores the dates Custos finds to be onsets
			"DATE": KindLabel(string(pi.Date), "onset"),
			"SYM":  KindLabel(typeHealth, "symptom"),
		},
		FormatAddress: func() Mapping {
			m := Mapping{"address": typeAddress}
			for _, e := range addressElements {
				m[e] = "address_" + e
			}
			return m
		}(),
	}
	ms[FormatBIO] = ms[FormatBMES]
	// The synthetic format is labelled with Custos types: every built-in
	// type and every type another default mapping scores maps to itself.
	custos := Mapping{}
	for _, t := range pi.Types() {
		custos[string(t.Type)] = string(t.Type)
	}
	for _, m := range ms {
		for _, t := range m.Targets() {
			custos[t] = t
		}
	}
	ms[FormatCustos] = custos
	return ms
}

// DefaultMapping returns the documented mapping for a format (a copy the
// caller may change), or an empty mapping for an unknown format.
//
// Mixed labels are ignored in favour of their derived spans (ECR's Vehicle
// and Date, covid-trajectory's PAT), and covid-trajectory's administrative
// units are scored twice: each as an address element (address_city …,
// named as in the address corpus) and each run of touching units as the
// administrative part of an address (AddressAdmin); its PLACE, the rest of
// an address or a venue, scores places and AddressLocal.
func DefaultMapping(format string) Mapping {
	m := maps.Clone(defaultMappings[format])
	if m == nil {
		m = Mapping{}
	}
	return m
}

var typeNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$`)

// ParseMapping parses "LABEL=type,LABEL2=type|type2" and returns base with
// those entries added or replaced; "LABEL=" ignores a label. Labels are
// case-sensitive; types are snake_case, optionally with a kind
// (date:onset, see KindLabel). Every problem is reported.
func ParseMapping(s string, base Mapping) (Mapping, error) {
	m := maps.Clone(base)
	if m == nil {
		m = Mapping{}
	}
	var errs []error
	seen := map[string]bool{}
	for i, entry := range strings.Split(s, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		label, value, ok := strings.Cut(entry, "=")
		label, value = strings.TrimSpace(label), strings.TrimSpace(value)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("mapping entry %d %q: want LABEL=type", i+1, entry))
			continue
		case label == "":
			errs = append(errs, fmt.Errorf("mapping entry %d %q: empty label", i+1, entry))
			continue
		case seen[label]:
			errs = append(errs, fmt.Errorf("mapping entry %d %q: label %q given twice", i+1, entry, label))
			continue
		}
		seen[label] = true
		var types []string
		bad := false
		if value != "" {
			for _, t := range strings.Split(value, "|") {
				t = strings.TrimSpace(t)
				if !typeNameRE.MatchString(t) {
					errs = append(errs, fmt.Errorf("mapping entry %d %q: type %q is not a snake_case name", i+1, entry, t))
					bad = true
				}
				types = append(types, t)
			}
		}
		if !bad {
			m[label] = strings.Join(types, "|")
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

// Filter returns the docs that have at least one gold span mapped to one
// of types (to any mapped type when types is empty), such as the ECR
// reports that mention a train number.
func Filter(docs []Doc, m Mapping, types ...string) []Doc {
	var out []Doc
	for _, d := range docs {
		if slices.ContainsFunc(d.Gold, func(g Span) bool {
			ts := m.Types(g.Label)
			if len(types) == 0 {
				return len(ts) > 0
			}
			return slices.ContainsFunc(ts, func(t string) bool { return slices.Contains(types, t) })
		}) {
			out = append(out, d)
		}
	}
	return out
}

// CountGold returns the number of gold spans per type they are counted
// under.
func CountGold(docs []Doc, m Mapping) map[string]int {
	n := map[string]int{}
	for _, d := range docs {
		for _, g := range d.Gold {
			if ts := m.Types(g.Label); ts != nil {
				n[ts[0]]++
			}
		}
	}
	return n
}
