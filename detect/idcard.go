package detect

import (
	"fmt"
	"strconv"
	"time"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Resident identity card numbers (GB 11643-1999): six digits of GB/T 2260
// region, eight of birth date, three of sequence (odd = male) and an
// ISO 7064 MOD 11-2 check character; the legacy 15-digit form has a
// two-digit year and no check character. Region codes that were valid in
// the past count: an ID keeps the code of where it was first issued.

// residentID checks d, the compacted characters of [start, end), and adds a
// finding when it is an ID number or a near miss of one. It reports whether
// it added one.
func (s *scanner) residentID(start, end int, d []byte) bool {
	if !s.e.on(pi.ResidentID) {
		return false
	}
	switch len(d) {
	case 18:
		return s.residentID18(start, end, d)
	case 15:
		return s.residentID15(start, end, d)
	}
	return false
}

// studentNumber claims a pupil's national student number (全国学籍号): G
// (J for a temporary one, L for one without an identity card number in
// some provinces) and the pupil's 18-character resident ID number. It is
// the ID number, and reported as one (kind student_number) from its
// letter on, so that removing it removes the letter too.
func (s *scanner) studentNumber(start, end int, w []byte) bool {
	k := len(s.out)
	if !s.residentID(start+1, end, w[1:]) {
		return false
	}
	for i := k; i < len(s.out); i++ {
		if f := &s.out[i]; f.Type == pi.ResidentID {
			f.Start = start
			f.SetAttr("kind", "student_number")
		}
	}
	return true
}

func (s *scanner) residentID18(start, end int, d []byte) bool {
	for _, c := range d[:17] {
		if !isDigit(c) {
			return false
		}
	}
	last := d[17]
	if !isDigit(last) && last != 'X' && last != 'x' {
		return false
	}
	regionOK := zh.ValidRegionCode(bstr(d[:6]))
	y, _ := atoi(d[6:10])
	m, _ := atoi(d[10:12])
	dd, _ := atoi(d[12:14])
	birth, dateOK := s.birthDate(y, m, dd)
	want := checksum.ResidentIDCheck(bstr(d[:17]))
	got := last
	if got == 'x' {
		got = 'X'
	}
	checkOK := got == want
	var score float64
	var reason string
	switch {
	case checkOK && dateOK && regionOK:
		score = 0.95
	case checkOK && dateOK:
		score, reason = 0.6, fmt.Sprintf("region code %s is not in GB/T 2260 (1980-2023)", d[:6])
	case dateOK && regionOK:
		score, reason = 0.3, fmt.Sprintf("near miss: check character is %c, expected %c", got, want)
	case checkOK && regionOK:
		score, reason = 0.3, fmt.Sprintf("near miss: impossible birth date %s", d[6:14])
	default:
		return false
	}
	f := pi.Finding{Type: pi.ResidentID, Category: pi.CatIDNumber, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "iso7064-mod11-2+gb2260+date", Valid: score >= 0.95, Reason: reason},
		Source:   "resident_id"}
	ctx := s.context(start, end)
	switch ctx.polarity(ctxID) {
	case 1:
		f.Score = min(f.Score+0.04, 0.99)
		if score == 0.6 {
			f.Score = 0.8
		}
		f.Evidence.Context = s.words(ctxID)
	case -1:
		if score < 0.95 {
			f.Score = min(f.Score, 0.2)
			f.Evidence.Reason = joinReason(f.Evidence.Reason, "negative context: "+joinWords(s.words(ctxNegative)))
		}
	}
	f.SetAttr(pi.AttrFormat, "18-digit")
	norm := string(d[:17]) + string(got)
	f.SetAttr(pi.AttrNormalized, norm)
	if dateOK {
		s.subjectFacts(&f, birth, d[16], bstr(d[:6]))
	}
	s.add(f)
	return true
}

func (s *scanner) residentID15(start, end int, d []byte) bool {
	for _, c := range d {
		if !isDigit(c) {
			return false
		}
	}
	if !zh.ValidRegionCode(bstr(d[:6])) {
		return false
	}
	y, _ := atoi(d[6:8])
	m, _ := atoi(d[8:10])
	dd, _ := atoi(d[10:12])
	birth, ok := s.birthDate(1900+y, m, dd)
	if !ok {
		return false
	}
	f := pi.Finding{Type: pi.ResidentID, Category: pi.CatIDNumber, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "gb2260+date (15-digit, no check character)", Valid: true}, Source: "resident_id"}
	ctx := s.context(start, end)
	switch ctx.polarity(ctxID) {
	case 1:
		f.Score = 0.97
		f.Evidence.Context = s.words(ctxID)
	case -1:
		f.Score = 0.2
		f.Evidence.Reason = "negative context: " + joinWords(s.words(ctxNegative))
	}
	if ctx.has(ctxIMEI) {
		f.Score = min(f.Score, 0.4)
		f.Evidence.Reason = joinReason(f.Evidence.Reason, "IMEI context")
	}
	f.SetAttr(pi.AttrFormat, "15-digit")
	s.subjectFacts(&f, birth, d[14], bstr(d[:6]))
	s.add(f)
	return true
}

// birthDate validates a calendar date that must not lie after the reference
// date nor before 1900.
func (s *scanner) birthDate(y, m, d int) (time.Time, bool) {
	if y < 1900 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.After(s.e.refDate) {
		return time.Time{}, false
	}
	return t, true
}

// subjectFacts adds what an ID number says about its holder: birth date,
// age at the reference date, sex, region, and the minor flags.
func (s *scanner) subjectFacts(f *pi.Finding, birth time.Time, sexDigit byte, region string) {
	age := Age(birth, s.e.refDate)
	f.SetAttr(pi.AttrBirthDate, birth.Format("2006-01-02"))
	f.SetAttr(pi.AttrAge, strconv.Itoa(age))
	f.SetAttr(pi.AttrSex, sexOfDigit(sexDigit))
	f.SetAttr(pi.AttrRegionCode, region)
	if r, ok := zh.LookupRegion(region); ok {
		f.SetAttr(pi.AttrRegion, r.Name)
	}
	MarkAge(f, age)
}

// sexOfDigit reads the sex an ID number's 17th digit gives: odd for male.
func sexOfDigit(d byte) string {
	if (d-'0')%2 == 1 {
		return "male"
	}
	return "female"
}

// Age returns the age in whole years at ref of a person born on birth.
func Age(birth, ref time.Time) int {
	age := ref.Year() - birth.Year()
	if ref.Month() < birth.Month() || (ref.Month() == birth.Month() && ref.Day() < birth.Day()) {
		age--
	}
	return age
}

// MarkAge applies the minor rules to a finding whose subject is age years
// old: under 14 adds PI.MINOR_U14 (PIPL Art. 28, the whole record becomes
// sensitive), under 18 marks the subject a minor (Minors Protection Law
// Art. 2).
func MarkAge(f *pi.Finding, age int) {
	if age < 18 {
		f.SetAttr(pi.AttrMinor, "true")
	}
	if age < 14 {
		f.AddCategory(pi.CatMinorU14)
	}
}

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func joinWords(w []string) string {
	out := ""
	for i, x := range w {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}
