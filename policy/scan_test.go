package policy

import (
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
	} {
		if got := FieldOf(tt.typ, tt.attrs); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.typ, tt.attrs, got, tt.want)
		}
	}
}
