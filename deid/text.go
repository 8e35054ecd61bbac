package deid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// clean returns s with every invalid UTF-8 sequence replaced by U+FFFD, so
// that no operator ever emits invalid UTF-8, whatever it is given.
func clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// foldWidth maps full-width ASCII (Ａ１＠) to ASCII and the ideographic
// space to a space; Chinese documents mix both widths.
func foldWidth(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFF01 + '!'))
		case r == 0x3000:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// digitsOf returns the ASCII digits of s, in order.
func digitsOf(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	if n == len(s) {
		return s
	}
	b := make([]byte, 0, n)
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// putDigits writes the digits of d, in order, over the ASCII digits of s:
// the separators and everything else stay where they were. d must have as
// many digits as s.
func putDigits(s, d string) string {
	b := []byte(s)
	j := 0
	for i := range b {
		if isDigit(b[i]) && j < len(d) {
			b[i] = d[j]
			j++
		}
	}
	return string(b)
}

// alnumOf returns the ASCII letters and digits of s, in order.
func alnumOf(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isASCIIAlnum(rune(s[i])) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// putAlnum writes a over the ASCII letters and digits of s.
func putAlnum(s, a string) string {
	b := []byte(s)
	j := 0
	for i := range b {
		if isASCIIAlnum(rune(b[i])) && j < len(a) {
			b[i] = a[j]
			j++
		}
	}
	return string(b)
}

// nationalMobile returns the national number of a mobile phone's digits
// (without 86 or 0086) and the length of the country code it dropped.
func nationalMobile(d string) (string, int) {
	switch {
	case len(d) == 13 && strings.HasPrefix(d, "86") && d[2] == '1':
		return d[2:], 2
	case len(d) == 15 && strings.HasPrefix(d, "0086") && d[4] == '1':
		return d[4:], 4
	}
	return d, 0
}

// normalize returns the canonical form of a finding's value used as the
// input of hash and pseudonym and as the seed of surrogates: the
// finding's normalized attribute when present, else the text with widths
// folded and, by type, separators dropped (identifiers), the country code
// dropped (mobile numbers), white space dropped (names) or lower-cased
// (e-mail).
func normalize(f *pi.Finding, v string) string {
	if n := f.Attr(pi.AttrNormalized); n != "" {
		return clean(n)
	}
	v = strings.TrimSpace(foldWidth(v))
	switch f.Type {
	case pi.MobilePhone:
		d, _ := nationalMobile(digitsOf(v))
		return d
	case pi.LandlinePhone:
		// The recognizer's form: area code, hyphen, local number.
		d := digitsOf(v)
		if n := zh.AreaCodeAt(d); n > 0 {
			return d[:n] + "-" + d[n:]
		}
		return d
	case pi.ResidentID, pi.BankCard, pi.IMEI, pi.QQNumber, pi.TaiwanPermit, pi.DeviceID:
		if d := alnumOf(v); d != "" {
			return strings.ToUpper(d)
		}
	case pi.Passport, pi.HKMacauPermit, pi.HKID, pi.TaiwanID, pi.MacaoID, pi.USCC, pi.VIN, pi.LicensePlate, pi.MACAddress:
		return strings.ToUpper(strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' || r == '·' || r == '.' || r == ':' {
				return -1
			}
			return r
		}, v))
	case pi.Email:
		return strings.ToLower(v)
	case pi.PersonName, pi.MaskedName:
		return strings.Join(strings.Fields(v), "")
	}
	return strings.Join(strings.Fields(v), " ")
}

// maskRunes are the characters that mark a name as already masked.
func isMaskRune(r rune) bool {
	switch r {
	case '某', '*', '＊', '×', 'Ｘ', '○', '〇', '□':
		return true
	}
	return false
}

// isMaskedName reports whether a name is already masked (张某, 李某某, 王*).
func isMaskedName(v string) bool {
	for i, r := range v {
		if i > 0 && isMaskRune(r) {
			return true
		}
	}
	return false
}

// surnameLen returns the length in bytes of the surname a name starts
// with: the finding's surname attribute when the name starts with it,
// else the longest surname in the table (欧阳 in 欧阳修), else the first
// character. It is 0 for an empty name.
func surnameLen(f *pi.Finding, v string) int {
	if s := f.Attr("surname"); s != "" && strings.HasPrefix(v, s) {
		return len(s)
	}
	if n := zh.SurnameAt(v); n > 0 {
		return n
	}
	_, n := utf8.DecodeRuneInString(v)
	return n
}

// sexOf returns "male", "female" or "" from a finding's sex attribute.
func sexOf(f *pi.Finding) string {
	switch strings.ToLower(f.Attr(pi.AttrSex)) {
	case "male", "m", "男":
		return "male"
	case "female", "f", "女":
		return "female"
	}
	return ""
}
