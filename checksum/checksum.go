// Package checksum holds the check-digit algorithms of the identifiers Custos
// recognizes and generates: Luhn (bank cards, IMEI), ISO 7064 MOD 11-2
// (resident ID), GB 32100 (unified social credit code), ISO 3779 (VIN), the
// Hong Kong and Taiwan identity-card checks.
//
// Each algorithm comes as a pair: a Valid function that checks a complete
// value and a function that computes the check character for a body, so the
// recognizers (detect) and the generators (eval's synthetic corpus, deid's
// surrogates) share one implementation.
package checksum

// Luhn reports whether s, a string of ASCII digits, passes the Luhn check.
// It returns false for an empty string or any non-digit.
func Luhn(s string) bool {
	if len(s) < 2 {
		return false
	}
	d, ok := luhnSum(s[:len(s)-1])
	last := s[len(s)-1]
	if !ok || last < '0' || last > '9' {
		return false
	}
	return d == last
}

// LuhnDigit returns the Luhn check digit for body (ASCII digits), or 0 when
// body holds a non-digit.
func LuhnDigit(body string) byte {
	d, ok := luhnSum(body)
	if !ok {
		return 0
	}
	return d
}

func luhnSum(body string) (byte, bool) {
	sum := 0
	double := true // the digit left of the check digit is doubled
	for i := len(body) - 1; i >= 0; i-- {
		c := body[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v := int(c - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return byte('0' + (10-sum%10)%10), true
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// ResidentIDCheck returns the ISO 7064 MOD 11-2 check character ('0'-'9' or
// 'X') of the first 17 digits of an 18-digit resident ID, or 0 when body is
// not 17 ASCII digits.
func ResidentIDCheck(body string) byte {
	if len(body) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := body[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// ResidentID reports whether an 18-character resident ID number has a correct
// check character. A lower-case 'x' is accepted: it is common in real data.
func ResidentID(s string) bool {
	if len(s) != 18 {
		return false
	}
	want := ResidentIDCheck(s[:17])
	got := s[17]
	if got == 'x' {
		got = 'X'
	}
	return want != 0 && got == want
}

// USCC: GB 32100-2015 character set (no I, O, S, V, Z) and weights.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

func usccValue(c byte) int {
	if c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	for i := 0; i < len(usccChars); i++ {
		if usccChars[i] == c {
			return i
		}
	}
	return -1
}

// USCCCheck returns the check character for the first 17 characters of a
// unified social credit code, or 0 when body has a character outside the
// GB 32100 set or the wrong length.
func USCCCheck(body string) byte {
	if len(body) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := usccValue(body[i])
		if v < 0 {
			return 0
		}
		sum += v * usccWeights[i]
	}
	return usccChars[(31-sum%31)%31]
}

// USCC reports whether an 18-character unified social credit code has a
// correct check character (GB 32100-2015).
func USCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	want := USCCCheck(s[:17])
	v := usccValue(s[17])
	return want != 0 && v >= 0 && usccChars[v] == want
}

// VIN transliteration (ISO 3779 / 49 CFR 565) and position weights.
var vinWeights = [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}

func vinValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		c -= 'a' - 'A'
	}
	switch c {
	case 'A', 'J':
		return 1
	case 'B', 'K', 'S':
		return 2
	case 'C', 'L', 'T':
		return 3
	case 'D', 'M', 'U':
		return 4
	case 'E', 'N', 'V':
		return 5
	case 'F', 'W':
		return 6
	case 'G', 'P', 'X':
		return 7
	case 'H', 'Y':
		return 8
	case 'R', 'Z':
		return 9
	}
	return -1 // I, O, Q and everything else
}

// VINCheck returns the check character (position 9) a 17-character VIN
// should carry, computed over all positions but the ninth, or 0 when vin
// has an invalid character or length.
func VINCheck(vin string) byte {
	if len(vin) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := vinValue(vin[i])
		if v < 0 {
			return 0
		}
		sum += v * vinWeights[i]
	}
	r := sum % 11
	if r == 10 {
		return 'X'
	}
	return byte('0' + r)
}

// VIN reports whether a 17-character vehicle identification number carries
// the right ISO 3779 check digit. Vehicles made for the Chinese market carry
// it too (GB 16735).
func VIN(s string) bool {
	want := VINCheck(s)
	if want == 0 {
		return false
	}
	got := s[8]
	if got == 'x' {
		got = 'X'
	}
	return got == want
}

// HKIDCheck returns the check character of a Hong Kong identity card number
// body: one or two upper-case letters followed by six digits ("A123456").
// It returns 0 when body has the wrong shape.
func HKIDCheck(body string) byte {
	n := len(body)
	if n != 7 && n != 8 {
		return 0
	}
	letters := n - 6
	sum := 0
	if letters == 1 {
		sum += 36 * 9 // a space counts as 36 in the leading position
	}
	for i := 0; i < n; i++ {
		c := body[i]
		w := n + 1 - i
		if letters == 1 {
			w = 8 - i
		}
		var v int
		switch {
		case i < letters && c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		case i >= letters && c >= '0' && c <= '9':
			v = int(c - '0')
		default:
			return 0
		}
		sum += v * w
	}
	r := (11 - sum%11) % 11
	if r == 10 {
		return 'A'
	}
	return byte('0' + r)
}

// HKID reports whether body ("A123456") and its check character agree.
func HKID(body string, check byte) bool {
	want := HKIDCheck(body)
	return want != 0 && want == check
}

// Taiwan ID letter codes (A=10 … Z=33 in the official, non-alphabetical order).
const twLetters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"

// TaiwanIDCheck returns the check digit for the first nine characters of a
// Taiwan national identification number (a letter, then 1 or 2, then seven
// digits), or 0 when body has the wrong shape.
func TaiwanIDCheck(body string) byte {
	if len(body) != 9 {
		return 0
	}
	idx := -1
	for i := 0; i < len(twLetters); i++ {
		if twLetters[i] == body[0] {
			idx = i
			break
		}
	}
	if idx < 0 {
		return 0
	}
	code := idx + 10
	sum := code/10 + (code%10)*9
	for i := 1; i < 9; i++ {
		c := body[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * (9 - i)
	}
	return byte('0' + (10-sum%10)%10)
}

// TaiwanID reports whether a 10-character Taiwan ID number is valid: letter,
// sex digit 1 or 2 (8 or 9 for the newer resident certificates), seven digits
// and a correct check digit.
func TaiwanID(s string) bool {
	if len(s) != 10 {
		return false
	}
	switch s[1] {
	case '1', '2', '8', '9':
	default:
		return false
	}
	want := TaiwanIDCheck(s[:9])
	return want != 0 && s[9] == want
}
