package policy

import (
	"slices"
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestFieldOf: what a finding reveals when published; a visited address
// named down to its venue or compound is a venue of the itinerary.
func TestFieldOf(t *testing.T) {
	for _, tt := range []struct {
		typ   pi.Type
		attrs map[string]string
		want  string
	}{
		{pi.Address, map[string]string{"level": "poi"}, "compound"},
		{pi.Address, map[string]string{"level": "poi", "kind": "home"}, "compound"},
		{pi.Address, map[string]string{"level": "poi", "kind": "visit"}, "venues"},
		{pi.Address, map[string]string{"level": "roomno", "kind": "visit"}, "home_address"},
		{pi.Address, map[string]string{"level": "houseno"}, "building"},
		{pi.Address, nil, "home_address"},
		{pi.Age, map[string]string{"age_band": "8-9"}, "age_band"},
		{pi.Age, nil, "exact_age"},
		{pi.Place, nil, "venues"},
		{pi.Place, map[string]string{"kind": "division", "level": "city"}, "city"},
		{pi.Place, map[string]string{"kind": "division", "level": "district"}, "district"},
		{pi.Place, map[string]string{"kind": "division"}, "city"},
		{pi.ResidentID, map[string]string{"masked": "true"}, ""},
		{pi.ResidentID, nil, "id_number"},
	} {
		if got := FieldOf(tt.typ, tt.attrs); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.typ, tt.attrs, got, tt.want)
		}
	}
}

// TestAddFindingsChildLabel: a scan of a published list of subsidized
// pupils gives the request a child's age (from the grade) and the
// disadvantaged-child facts, so the labelling prohibition (DCM-15) decides.
func TestAddFindingsChildLabel(t *testing.T) {
	fs := []ScanFinding{
		{Type: pi.PersonName, Categories: []pi.Category{pi.CatName, pi.CatMinorU14}},
		{Type: pi.School, Categories: []pi.Category{pi.CatSchool, pi.CatMinorU14}, Attrs: map[string]string{"age_band": "8-9", "kind": "grade"}},
		{Type: pi.SpecialIdentity, Categories: []pi.Category{pi.CatSpecialIdentity, pi.CatMinorU14}, Attrs: map[string]string{"kind": "child", "label": "孤儿"}},
	}
	for _, tt := range []struct {
		action string
		labels bool
	}{{"disclose_public", true}, {"store", false}} {
		r := Request{Action: tt.action, Subject: Subject{Age: -1}}
		r.AddFindings(fs)
		if r.Subject.Age != 9 || !slices.Contains(r.Subject.SpecialGroups, "disadvantaged_child") {
			t.Errorf("%s: subject %+v", tt.action, r.Subject)
		}
		if got, _ := r.Facts["labels_child"].(bool); got != tt.labels {
			t.Errorf("%s: labels_child %v, want %v", tt.action, got, tt.labels)
		}
	}
}
