package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestEnglishDates: a day, a month's name and a year, in either order, are
// a date; after a birth word they are a birth date with its age (refDate is
// the tests' reference day); a month and a year alone, or words that start
// like a month, are none.
func TestEnglishDates(t *testing.T) {
	for _, tt := range []struct {
		text, want, norm, kind string
	}{
		{"Applicant: ZHANG Wei, born 12 March 1988 in Hefei.", "12 March 1988", "1988-03-12", "birth"},
		{"Date of birth: March 5, 2015. Passport No.", "March 5, 2015", "2015-03-05", "birth"},
		{"DOB 05-Mar-2016", "05-Mar-2016", "2016-03-05", "birth"},
		{"The hearing on 3 Sept 2021 was adjourned.", "3 Sept 2021", "2021-09-03", ""},
		{"Issued Jan. 7 2020 in Beijing", "Jan. 7 2020", "2020-01-07", ""},
		{"May 2020 and 12 May were busy", "", "", ""},
		{"31 February 2020", "", "", ""},
		{"12 Marching 1988", "", "", ""},
		{"version 12 Mar 19880", "", "", ""},
	} {
		var got *pi.Finding
		fs := defaultEngine.Detect([]byte(tt.text), nil)
		for i := range fs {
			if fs[i].Type == pi.Date {
				got = &fs[i]
			}
		}
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("%q: date %q", tt.text, tt.text[got.Start:got.End])
		case tt.want == "":
		case got == nil:
			t.Errorf("%q: no date", tt.text)
		case tt.text[got.Start:got.End] != tt.want || got.Attr(pi.AttrNormalized) != tt.norm || got.Attr("kind") != tt.kind:
			t.Errorf("%q: %q %v, want %q %s %q", tt.text, tt.text[got.Start:got.End], got.Attrs, tt.want, tt.norm, tt.kind)
		case tt.kind == "birth" && got.Attr(pi.AttrAge) == "":
			t.Errorf("%q: a birth date without its age", tt.text)
		}
	}
}

// TestEnglishAges: a number of years written as an age in English, with
// the minor flags; not a page, a stage or a year.
func TestEnglishAges(t *testing.T) {
	for _, tt := range []struct {
		text, want, years string
		u14               bool
	}{
		{"Travelling with his daughter, aged 9, a student.", "aged 9", "9", true},
		{"The boy, 12 years old, was hurt.", "12 years old", "12", true},
		{"A 7-year-old girl went missing.", "7-year-old", "7", true},
		{"Name: Smith John  Age: 45", "Age: 45", "45", false},
		{"He is 16 years of age.", "16 years of age", "16", false},
		{"see page 9, stage 3, image 9", "", "", false},
		{"in 1988 years old coins", "", "", false},
	} {
		var got *pi.Finding
		fs := allEngine.Detect([]byte(tt.text), nil)
		for i := range fs {
			if fs[i].Type == pi.Age {
				got = &fs[i]
			}
		}
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("%q: age %q", tt.text, tt.text[got.Start:got.End])
		case tt.want == "":
		case got == nil:
			t.Errorf("%q: no age", tt.text)
		case tt.text[got.Start:got.End] != tt.want || got.Attr("years") != tt.years || got.HasCategory(pi.CatMinorU14) != tt.u14:
			t.Errorf("%q: %q %v %v, want %q %s U14 %v", tt.text, tt.text[got.Start:got.End], got.Attrs, got.Extra, tt.want, tt.years, tt.u14)
		}
	}
}
