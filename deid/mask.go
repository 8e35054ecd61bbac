package deid

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// maskOp hides most of a value for display (GB/T 35273 §7.2, catalogue
// MASK-PROFILE-DISPLAY). It counts "slots" — letters, digits, Chinese
// characters and mask characters already there — and keeps a head and a
// tail of them by type; everything else (separators, punctuation, spaces)
// keeps its place. Because a mask character counts as a slot, masking a
// masked value changes nothing.
type maskOp struct {
	char  rune
	keep  string // "", "last4", "none"
	level int    // addresses
}

func buildMask(p Params) (Operator, error) {
	if err := checkText(p, "char"); err != nil {
		return nil, err
	}
	o := maskOp{char: '*', level: levelDistrict}
	if s, ok := p["char"]; ok {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || n != len(s) || r == utf8.RuneError {
			return nil, errors.New("parameter char: want exactly one character")
		}
		if isASCIIAlnum(r) || unicode.IsSpace(r) {
			return nil, errors.New("parameter char: a letter, digit or space cannot be told from the value")
		}
		o.char = r
	}
	var err error
	if o.keep, err = paramEnum(p, "keep", "", "last4", "none"); err != nil {
		return nil, err
	}
	lv, err := paramEnum(p, "level", "district", "province", "city", "district", "town")
	if err != nil {
		return nil, err
	}
	o.level = levelNames[lv]
	return o, nil
}

func (maskOp) Name() string { return "mask" }

// Apply masks v by the conventions of f's type.
func (o maskOp) Apply(_ *Context, f *pi.Finding, v string) (string, error) {
	f = finding(f)
	return o.mask(f, clean(v)), nil
}

// slot reports whether r is a maskable position.
func (o maskOp) slot(t pi.Type, r rune) bool {
	if r == o.char {
		return true
	}
	if t == pi.Date {
		return r >= '0' && r <= '9' // 2020年1月2日 → ****年*月*日
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (o maskOp) mask(f *pi.Finding, v string) string {
	t := f.Type
	n := 0
	for _, r := range v {
		if o.slot(t, r) {
			n++
		}
	}
	if o.keep == "none" {
		return o.keepEnds(t, v, 0, 0)
	}
	head, tail := n/4, n/4
	switch t {
	case pi.ResidentID:
		head, tail = 6, 4
		if o.keep == "last4" {
			head = 0
		}
	case pi.BankCard:
		head, tail = 6, 4
		if o.keep == "last4" {
			head = 0
		}
	case pi.MobilePhone:
		if n >= 11 {
			head, tail = n-8, 4 // +86 138****5678 keeps the country code
		}
	case pi.LandlinePhone:
		d := digitsOf(v)
		if strings.HasPrefix(d, "86") && zh.AreaCodeAt("0"+d[2:]) > 0 {
			d = "0" + d[2:] // +86 10 …: the area code without its 0
			head = 2 + zh.AreaCodeAt(d) - 1
		} else {
			head = zh.AreaCodeAt(d)
		}
		tail = 0
		if head == 0 {
			head, tail = n/4, n/4
		}
	case pi.PersonName:
		if isMaskedName(v) {
			return v
		}
		head, tail = utf8.RuneCountInString(v[:surnameLen(f, v)]), 0
		return o.keepEnds(t, v, head, tail) // 张* keeps the surname even when it is all there is
	case pi.MaskedName:
		return v // 张某 already says no more than the surname
	case pi.Email:
		if at := strings.LastIndexByte(v, '@'); at > 0 {
			r, _ := utf8.DecodeRuneInString(v)
			return string(r) + strings.Repeat(string(o.char), 3) + v[at:]
		}
	case pi.Address:
		return o.maskAddress(f, v)
	case pi.LicensePlate:
		head, tail = 2, 2
	case pi.Date:
		head, tail = 0, 0
	case pi.IPv4:
		return o.maskIPv4(v, n)
	case pi.URL:
		if i := strings.Index(v, "://"); i >= 0 {
			if j := strings.IndexAny(v[i+3:], "/?#"); j >= 0 {
				return v[:i+3+j] + "/" + strings.Repeat(string(o.char), 3)
			}
		}
	case pi.Trajectory, pi.Place, pi.Health, pi.School, pi.Employer, pi.Organization,
		pi.Religion, pi.SpecialIdentity, pi.SexualOrientation, pi.CriminalRecord, pi.Biometric, pi.Financial,
		pi.MaritalStatus, pi.Political, pi.AcademicRecord:
		// Free text: a quarter at each end would still name the school
		// or the diagnosis; keep the punctuation only.
		head, tail = 0, 0
	}
	if head+tail >= n && n > 0 {
		head, tail = n/4, n/4 // too short for the type's rule
	}
	return o.keepEnds(t, v, head, tail)
}

// keepEnds keeps the first head and the last tail slots of v and masks the
// slots between them.
func (o maskOp) keepEnds(t pi.Type, v string, head, tail int) string {
	n := 0
	for _, r := range v {
		if o.slot(t, r) {
			n++
		}
	}
	var b strings.Builder
	b.Grow(len(v))
	i := 0
	for _, r := range v {
		if !o.slot(t, r) {
			b.WriteRune(r)
			continue
		}
		if i < head || i >= n-tail {
			b.WriteRune(r)
		} else {
			b.WriteRune(o.char)
		}
		i++
	}
	return b.String()
}

// maskAddress keeps the divisions down to the chosen level as written and
// replaces the rest with four mask characters, whatever its length:
// 四川省成都市郫都区犀浦镇XX小区3栋 → 四川省成都市郫都区****.
func (o maskOp) maskAddress(f *pi.Finding, v string) string {
	end := writtenPrefix(f, v, o.level)
	if end == 0 {
		return o.keepEnds(pi.Address, v, 0, 0)
	}
	if end == len(v) {
		return v
	}
	rest := v[end:]
	if strings.Trim(rest, string(o.char)) == "" {
		return v // already masked
	}
	return v[:end] + strings.Repeat(string(o.char), 4)
}

// maskIPv4 keeps the first two octets: 192.168.*.*.
func (o maskOp) maskIPv4(v string, n int) string {
	parts := strings.Split(v, ".")
	if len(parts) != 4 {
		return o.keepEnds(pi.IPv4, v, n/4, n/4)
	}
	for i := 2; i < 4; i++ {
		parts[i] = string(o.char)
	}
	return strings.Join(parts, ".")
}
