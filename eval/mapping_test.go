package eval

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseMapping(t *testing.T) {
	base := Mapping{"Name": "person_name", "Date": "date"}
	tests := []struct {
		name, in string
		want     Mapping
	}{
		{"empty keeps base", "", base},
		{"add and replace", "Vehicle=train_number|flight_number, Name = person_name|nickname",
			Mapping{"Name": "person_name|nickname", "Date": "date", "Vehicle": "train_number|flight_number"}},
		{"ignore a label", "Date=", Mapping{"Name": "person_name", "Date": ""}},
		{"trailing comma and spaces", " Date = date_x ,", Mapping{"Name": "person_name", "Date": "date_x"}},
		{"a type's kind", "Date=date:onset", Mapping{"Name": "person_name", "Date": "date:onset"}},
		{"labels keep case and punctuation", "PER.NAM=person_name,Vehicle/train=train_number",
			Mapping{"Name": "person_name", "Date": "date", "PER.NAM": "person_name", "Vehicle/train": "train_number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMapping(tt.in, base)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if base["Date"] != "date" || len(base) != 2 {
		t.Errorf("ParseMapping changed its base: %v", base)
	}
}

func TestParseMappingErrors(t *testing.T) {
	tests := []struct {
		name, in string
		errs     []string
	}{
		{"missing =", "Name", []string{`entry 1 "Name": want LABEL=type`}},
		{"empty label", "=date", []string{`entry 1 "=date": empty label`}},
		{"bad type", "Name=Person Name", []string{`type "Person Name" is not a snake_case name`}},
		{"empty alternative", "Vehicle=a||b", []string{`type "" is not a snake_case name`}},
		{"label twice", "A=x,A=y", []string{`entry 2 "A=y": label "A" given twice`}},
		{"every problem", "A,B=Bad,=c,D=ok", []string{`entry 1 "A"`, `entry 2 "B=Bad"`, `entry 3 "=c"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMapping(tt.in, nil)
			if err == nil {
				t.Fatalf("no error, got %v", m)
			}
			if m != nil {
				t.Errorf("got a mapping with an error: %v", m)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tt.errs) {
				t.Errorf("%d problems, want %d: %v", n, len(tt.errs), err)
			}
			for _, want := range tt.errs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not mention %q: %v", want, err)
				}
			}
		})
	}
}

func TestMappingMethods(t *testing.T) {
	m := Mapping{"Vehicle": "train_number|flight_number", "Name": "person_name", "LocalID": "", "Odd": " a | |b"}
	if got := m.Types("Vehicle"); !slices.Equal(got, []string{"train_number", "flight_number"}) {
		t.Errorf("Types(Vehicle) = %q", got)
	}
	if got := m.Types("Odd"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Types(Odd) = %q", got)
	}
	if m.Types("LocalID") != nil || m.Types("missing") != nil {
		t.Error("ignored labels have types")
	}
	if got := m.Targets(); !slices.Equal(got, []string{"a", "b", "flight_number", "person_name", "train_number"}) {
		t.Errorf("Targets() = %q", got)
	}
	delete(m, "Odd")
	back, err := ParseMapping(m.String(), nil)
	if err != nil || !maps.Equal(back, m) {
		t.Errorf("String round trip: %q → %v, %v", m.String(), back, err)
	}
}

func TestDefaultMapping(t *testing.T) {
	for _, f := range Formats() {
		m := DefaultMapping(f)
		if len(m) == 0 {
			t.Errorf("%s: empty default mapping", f)
		}
		for label, v := range m {
			if v == "" {
				continue
			}
			if _, err := ParseMapping(label+"="+v, nil); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
	m := DefaultMapping(FormatECR)
	m["Name"] = "changed"
	if DefaultMapping(FormatECR)["Name"] != anyName {
		t.Error("DefaultMapping returns a shared map")
	}
	if len(DefaultMapping("nope")) != 0 {
		t.Error("unknown format has a mapping")
	}
	// The synthetic format maps every type any corpus scores to itself.
	custos := DefaultMapping(FormatCustos)
	for _, f := range Formats() {
		for _, ty := range DefaultMapping(f).Targets() {
			if custos[ty] != ty {
				t.Errorf("custos mapping lacks %s (from %s)", ty, f)
			}
		}
	}
	for _, ty := range []string{"resident_id", "mobile_phone", "address_roomno"} {
		if custos[ty] != ty {
			t.Errorf("custos mapping lacks %s", ty)
		}
	}
	if got := len(DefaultMapping(FormatAddress)); got != 22 {
		t.Errorf("address mapping has %d labels, want 21 elements and the whole address", got)
	}
}

func TestFilterApplyCount(t *testing.T) {
	docs := []Doc{
		{ID: "1", Text: "G1234", Gold: []Span{{0, 5, "Vehicle/train"}, {0, 5, "Vehicle"}}},
		{ID: "2", Text: "出租车", Gold: []Span{{0, 9, "Vehicle"}}},
		{ID: "3", Text: "1月", Gold: []Span{{0, 4, "Date/calendar"}}},
		{ID: "4", Text: "无"},
	}
	m := DefaultMapping(FormatECR)
	ids := func(ds []Doc) (out []string) {
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	if got := ids(Filter(docs, m, "train_number")); !slices.Equal(got, []string{"1"}) {
		t.Errorf("Filter(train_number) = %q", got)
	}
	if got := ids(Filter(docs, m, "train_number", "date")); !slices.Equal(got, []string{"1", "3"}) {
		t.Errorf("Filter(train_number, date) = %q", got)
	}
	if got := ids(Filter(docs, m)); !slices.Equal(got, []string{"1", "3"}) {
		t.Errorf("Filter() = %q", got)
	}
	alt := Mapping{"Vehicle": "license_plate|train_number"}
	if got := ids(Filter(docs, alt, "train_number")); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("Filter with alternatives = %q", got)
	}
	if got := CountGold(docs, m); !maps.Equal(got, map[string]int{"train_number": 1, "date": 1}) {
		t.Errorf("CountGold = %v", got)
	}
	applied := m.Apply(docs)
	if !slices.Equal(applied[0].Gold, []Span{{0, 5, "train_number"}}) || applied[1].Gold != nil || docs[0].Gold[0].Label != "Vehicle/train" {
		t.Errorf("Apply = %+v (input %+v)", applied, docs)
	}
}
