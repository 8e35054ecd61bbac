package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Mask hides most of a value for display, following the Chinese conventions
// for the common identifiers (138****5678, 110105********3008, 6222 02** ****
// 1234 keeps the first six and last four digits of a card); other types
// show at most a quarter of their characters at each end. It keeps
// separators in place so the shape stays recognizable, and works on runes,
// so Chinese values are masked correctly.
func Mask(t pi.Type, v string) string {
	var keepHead, keepTail int
	maskable := func(r rune) bool { return isAlnumRune(r) || (t != pi.Date && unicode.Is(unicode.Han, r)) }
	n := 0
	for _, r := range v {
		if maskable(r) {
			n++
		}
	}
	switch t {
	case pi.ResidentID:
		keepHead, keepTail = 6, 4
	case pi.MobilePhone:
		keepHead, keepTail = 3, 4
		if n > 11 { // +86 prefix
			keepHead = n - 8
		}
	case pi.BankCard:
		keepHead, keepTail = 6, 4
	case pi.LandlinePhone:
		keepHead, keepTail = 4, 2
	case pi.Email:
		if at := strings.IndexByte(v, '@'); at > 0 {
			r, size := utf8.DecodeRuneInString(v)
			return string(r) + strings.Repeat("*", max(3, utf8.RuneCountInString(v[size:at]))) + v[at:]
		}
	case pi.Date:
		keepHead, keepTail = 0, 0
	case pi.LicensePlate:
		keepHead, keepTail = 2, 1
	case pi.PersonName, pi.MaskedName:
		keepHead = 1 // the surname, as 张* and 张** are written
	case pi.Trajectory, pi.Address, pi.Place, pi.Health, pi.School, pi.Employer, pi.Organization:
		// long free text: keep the punctuation only (an address's level is
		// in its attributes)
		keepHead, keepTail = 0, 0
	case pi.URL:
		// keep scheme and host, hide the rest
		if i := strings.Index(v, "://"); i >= 0 {
			if j := strings.IndexAny(v[i+3:], "/?#"); j >= 0 {
				return v[:i+3+j] + "/***"
			}
			return v
		}
	default:
		keepHead, keepTail = n/4, n/4
	}
	if keepHead+keepTail > n/2+n/4 || keepHead+keepTail >= n {
		keepHead, keepTail = n/4, n/4
	}
	var b strings.Builder
	i := 0
	for _, r := range v {
		if !maskable(r) {
			b.WriteRune(r)
			continue
		}
		if i < keepHead || i >= n-keepTail {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
		i++
	}
	return b.String()
}

func isAlnumRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// countAlnum counts ASCII letters and digits and Chinese characters.
func countAlnum(v string) int {
	n := 0
	for _, r := range v {
		if isAlnumRune(r) || unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
