package deid

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Tokenizer is the tokenize operator: format-preserving encryption with
// FF1 (NIST SP 800-38G) under the Context's tokenize sub-key (AES-256),
// reversible with the key by Detokenize. The tweak is the type and the
// part of the value that is kept, so equal digits of different types give
// different tokens.
//
// Per type, what is enciphered and what is kept:
//
//   - resident_id: the 17-digit body is enciphered and the check character
//     recomputed, so a token passes ISO 7064 (its region and birth date are
//     random digits, so it fails those checks and reads as a near miss);
//     Detokenize recomputes the original's check character, so an ID whose
//     check character was wrong comes back corrected, and a lower-case x
//     comes back upper-case when the token's check is a digit. 15-digit IDs:
//     all digits.
//   - mobile_phone: the ten digits after the leading 1 (the eight after the
//     segment with keep=segment); +86 / 0086 and separators stay.
//   - landline_phone: the local number; the area code stays.
//   - bank_card: the digits between the BIN (first six, kept: the bank
//     stays) and the Luhn check digit, which is recomputed.
//   - imei: the first fourteen digits, Luhn digit recomputed.
//   - uscc: the fifteen characters after the department and category
//     (radix 31, the GB 32100 set), check character recomputed.
//   - vin: the fourteen characters after the manufacturer code but the
//     check digit (radix 33), check digit recomputed.
//   - license_plate: the serial (radix 34: digits and the 24 plate
//     letters); province and office letter stay.
//   - email: the letters and digits of the local part, folded to lower
//     case (radix 36); the domain stays.
//   - wechat_id: the letters and digits after the first letter, lower case.
//   - ipv4, ipv6: the address as 4 numerals of radix 256 or 8 of radix
//     65536, written in canonical form (IPv6 compressed).
//   - mac_address: the six octets; separators and letter case stay.
//   - gps_coordinate: the decimals; degrees stay.
//   - person_name, masked_name: the characters found in the name alphabet
//     (the common characters of GB 2312 level 1 but 某) as numerals of
//     radix 3,754, the others (rare characters, 某, *, ·) in place; with
//     keep=surname the surname stays and only the given name is enciphered.
//   - every other type: all ASCII digits, the rest in place.
//
// FF1 needs at least a million possible values: a value with fewer
// enciphered symbols (a surname alone, a four-digit train number, a QQ
// number of five digits) is an error, as are dates, ages and free text
// (use date_shift, generalize or replace).
type Tokenizer struct {
	keep string // "", "segment", "surname"
}

func buildTokenize(p Params) (Operator, error) {
	keep, err := paramEnum(p, "keep", "", "segment", "surname")
	if err != nil {
		return nil, err
	}
	return &Tokenizer{keep: keep}, nil
}

// Name returns "tokenize".
func (*Tokenizer) Name() string { return "tokenize" }

// Apply returns the token of v. A value printed masked (138****5678,
// masked=true) has no digits left to encrypt: it is returned as it is.
func (t *Tokenizer) Apply(c *Context, f *pi.Finding, v string) (string, error) {
	f = finding(f)
	if f.Attr(pi.AttrMasked) == "true" {
		return v, nil
	}
	out, err := t.run(c, f.Type, clean(v), true)
	if err != nil {
		return "", fmt.Errorf("tokenize %s: %w", f.Type, err)
	}
	return out, nil
}

// Detokenize returns the value a token of type typ stands for, under the
// same key and with the same parameters it was made with. A string that
// was not made by Apply decrypts to some value of the same shape: FF1 has
// no integrity check.
func (t *Tokenizer) Detokenize(c *Context, typ pi.Type, token string) (string, error) {
	out, err := t.run(c, typ, clean(token), false)
	if err != nil {
		return "", fmt.Errorf("detokenize %s: %w", typ, err)
	}
	return out, nil
}

var (
	errTokenShape       = errors.New("the value does not have the shape tokenize needs for this type")
	errTokenUnsupported = fmt.Errorf("%w (use date_shift, generalize or replace)", ErrNotApplicable)
)

// Alphabets of the enciphered symbols, by position = numeral.
const (
	digitSet  = "0123456789"
	base36Set = "0123456789abcdefghijklmnopqrstuvwxyz"
	hexSet    = "0123456789abcdef"
	base62Set = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	plateSet  = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	vinSet    = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
)

// regionalKeep returns how many leading digits of a Hong Kong, Macao or
// Taiwan number written with its country code (852…, 00853…, 886…) a
// token keeps — the code and the local number's first digit —, of a
// Taiwan mobile written the domestic way (09…: two), or of a Hong Kong or
// Macao number written locally in eight digits (9123 4567: the first), or
// 0 for another number.
func regionalKeep(d string, mobile bool) int {
	if mobile && len(d) == 10 && strings.HasPrefix(d, "09") {
		return 2
	}
	if len(d) == 8 && d[0] >= '2' && d[0] <= '9' {
		return 1
	}
	k := 0
	if strings.HasPrefix(d, "00") {
		k = 2
	}
	if len(d) < k+3+8 {
		return 0
	}
	switch d[k : k+3] {
	case "852", "853", "886":
		return k + 4
	}
	return 0
}

func (t *Tokenizer) run(c *Context, typ pi.Type, v string, enc bool) (string, error) {
	if c == nil {
		return "", ErrNoKey
	}
	if c.keyErr != nil {
		return "", c.keyErr
	}
	s := foldWidth(v)
	tw := "custos/tokenize/v1/" + string(typ) + "/"
	switch typ {
	case pi.ResidentID:
		id := alnumOf(s)
		lead := ""
		if len(id) == 19 && (id[0] >= 'A' && id[0] <= 'Z' || id[0] >= 'a' && id[0] <= 'z') {
			// a pupil's student number: G and the ID number; the letter stays
			lead, id = id[:1], id[1:]
		}
		switch {
		case len(id) == 18 && len(digitsOf(id[:17])) == 17 && strings.IndexByte("0123456789Xx", id[17]) >= 0:
			body, err := c.ffASCII(digitSet, tw+"18", id[:17], enc)
			if err != nil {
				return "", err
			}
			chk := checksum.ResidentIDCheck(body)
			if chk == 'X' && id[17] == 'x' {
				chk = 'x'
			}
			return putAlnum(s, lead+body+string(chk)), nil
		case len(id) == 15 && len(digitsOf(id)) == 15 && lead == "":
			body, err := c.ffASCII(digitSet, tw+"15", id, enc)
			return putDigits(s, body), err
		}
		return "", errTokenShape
	case pi.MobilePhone, pi.LandlinePhone:
		d := digitsOf(s)
		if k := regionalKeep(d, typ == pi.MobilePhone); k > 0 {
			// +852 9123 4567: the country code and the first local digit
			// (mobile or fixed) stay
			rest, err := c.ffASCII(digitSet, tw+d[:k], d[k:], enc)
			return putDigits(s, d[:k]+rest), err
		}
		if typ == pi.LandlinePhone {
			n := zh.AreaCodeAt(d)
			if n == 0 {
				return "", errTokenShape
			}
			rest, err := c.ffASCII(digitSet, tw+d[:n], d[n:], enc)
			return putDigits(s, d[:n]+rest), err
		}
		nat, cc := nationalMobile(d)
		if len(nat) != 11 && len(nat) != 13 || nat[0] != '1' {
			return "", errTokenShape
		}
		k := cc + 1
		if t.keep == "segment" {
			k = cc + 3
		}
		rest, err := c.ffASCII(digitSet, tw+d[:k], d[k:], enc)
		return putDigits(s, d[:k]+rest), err
	case pi.BankCard:
		d := digitsOf(s)
		if len(d) < 13 || len(d) > 19 {
			return "", errTokenShape
		}
		mid, err := c.ffASCII(digitSet, tw+d[:6], d[6:len(d)-1], enc)
		if err != nil {
			return "", err
		}
		body := d[:6] + mid
		return putDigits(s, body+string(checksum.LuhnDigit(body))), nil
	case pi.IMEI:
		d := digitsOf(s)
		if len(d) != 15 {
			break // any other length: all digits, below
		}
		body, err := c.ffASCII(digitSet, tw, d[:14], enc)
		if err != nil {
			return "", err
		}
		return putDigits(s, body+string(checksum.LuhnDigit(body))), nil
	case pi.USCC:
		a := strings.ToUpper(alnumOf(s))
		if len(a) != 18 || !inSet(a, usccChars) {
			return "", errTokenShape
		}
		mid, err := c.ffASCII(usccChars, tw+a[:2], a[2:17], enc)
		if err != nil {
			return "", err
		}
		body := a[:2] + mid
		return putAlnum(s, body+string(checksum.USCCCheck(body))), nil
	case pi.VIN:
		a := strings.ToUpper(alnumOf(s))
		if len(a) != 17 || !inSet(a, vinSet) {
			return "", errTokenShape
		}
		sym, err := c.ffASCII(vinSet, tw+a[:3], a[3:8]+a[9:], enc)
		if err != nil {
			return "", err
		}
		b := []byte(a[:3] + sym[:5] + "0" + sym[5:])
		b[8] = checksum.VINCheck(string(b))
		return putAlnum(s, string(b)), nil
	case pi.LicensePlate:
		r, n := utf8.DecodeRuneInString(s)
		if !isHan(r) || n >= len(s) || !(s[n] >= 'A' && s[n] <= 'Z' || s[n] >= 'a' && s[n] <= 'z') {
			return "", errTokenShape
		}
		prefix := strings.ToUpper(s[:n+1])
		out, err := c.ffInPlace(plateSet, tw+prefix, strings.ToUpper(s[n+1:]), enc)
		return prefix + out, err
	case pi.Email:
		at := strings.LastIndexByte(s, '@')
		if at <= 0 {
			return "", errTokenShape
		}
		out, err := c.ffInPlace(base36Set, tw+strings.ToLower(s[at:]), strings.ToLower(s[:at]), enc)
		return out + s[at:], err
	case pi.WeChatID:
		r, n := utf8.DecodeRuneInString(s)
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "", errTokenShape
		}
		out, err := c.ffInPlace(base36Set, tw+s[:n], strings.ToLower(s[n:]), enc)
		return s[:n] + out, err
	case pi.IPv4, pi.IPv6:
		return c.ffIP(tw, strings.TrimSpace(s), enc)
	case pi.MACAddress:
		a := alnumOf(s)
		if len(a) != 12 || !isHex(a) {
			return "", errTokenShape
		}
		x := make([]uint16, 6)
		for i := range x {
			x[i] = uint16(hexVal(a[2*i])<<4 | hexVal(a[2*i+1]))
		}
		y, err := c.ff(256, tw, x, enc)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		for _, o := range y {
			fmt.Fprintf(&b, "%02X", o)
		}
		out := b.String()
		if strings.ContainsAny(a, "abcdef") {
			out = strings.ToLower(out)
		}
		return putAlnum(s, out), nil
	case pi.AccountID:
		// a platform's id: its letters and digits in place, case and all
		// (an OpenID is case-sensitive), the separators kept
		return c.ffInPlace(base62Set, tw, s, enc)
	case pi.DeviceID:
		if a := alnumOf(s); len(a) != len(digitsOf(a)) {
			// a UUID or an Android ID: hex digits in place, the case kept
			if !isHex(a) {
				return "", errTokenShape
			}
			out, err := c.ffInPlace(hexSet, tw, strings.ToLower(s), enc)
			if err != nil {
				return "", err
			}
			if strings.ContainsAny(a, "ABCDEF") {
				out = strings.ToUpper(out)
			}
			return out, nil
		}
	case pi.GPSCoordinate:
		return c.ffDecimals(tw, s, enc)
	case pi.PersonName, pi.MaskedName:
		return t.name(c, s, enc)
	case pi.Date, pi.Age, pi.Address, pi.Place, pi.Organization, pi.School, pi.Employer, pi.Gender,
		pi.Ethnicity, pi.Nationality, pi.Occupation, pi.Trajectory, pi.Health, pi.Religion, pi.SpecialIdentity,
		pi.SexualOrientation, pi.CriminalRecord, pi.Biometric, pi.Financial, pi.MaritalStatus, pi.Political, pi.AcademicRecord:
		return "", errTokenUnsupported
	}
	// Every other type: all ASCII digits.
	d := digitsOf(s)
	out, err := c.ffASCII(digitSet, tw, d, enc)
	return putDigits(s, out), err
}

func inSet(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// ff enciphers or deciphers numerals.
func (c *Context) ff(radix int, tweak string, x []uint16, enc bool) ([]uint16, error) {
	f, err := c.cipher(radix)
	if err != nil {
		return nil, err
	}
	if len(x) < f.MinLen() {
		return nil, fmt.Errorf("%d symbols to encipher: %w", len(x), ErrDomainTooSmall)
	}
	if enc {
		return f.Encrypt(x, []byte(tweak))
	}
	return f.Decrypt(x, []byte(tweak))
}

// ffASCII enciphers a string every byte of which is in set.
func (c *Context) ffASCII(set, tweak, s string, enc bool) (string, error) {
	x := make([]uint16, len(s))
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte(set, s[i])
		if k < 0 {
			return "", errTokenShape
		}
		x[i] = uint16(k)
	}
	y, err := c.ff(len(set), tweak, x, enc)
	if err != nil {
		return "", err
	}
	b := make([]byte, len(y))
	for i, k := range y {
		b[i] = set[k]
	}
	return string(b), nil
}

// ffInPlace enciphers the bytes of s that are in set and leaves the rest
// where they are.
func (c *Context) ffInPlace(set, tweak, s string, enc bool) (string, error) {
	var x []uint16
	for i := 0; i < len(s); i++ {
		if k := strings.IndexByte(set, s[i]); k >= 0 {
			x = append(x, uint16(k))
		}
	}
	y, err := c.ff(len(set), tweak, x, enc)
	if err != nil {
		return "", err
	}
	b := []byte(s)
	j := 0
	for i := range b {
		if strings.IndexByte(set, b[i]) >= 0 {
			b[i] = set[y[j]]
			j++
		}
	}
	return string(b), nil
}

func (c *Context) ffIP(tweak, s string, enc bool) (string, error) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return "", errTokenShape
	}
	if a.Is4() {
		b := a.As4()
		x := []uint16{uint16(b[0]), uint16(b[1]), uint16(b[2]), uint16(b[3])}
		y, err := c.ff(256, tweak+"4", x, enc)
		if err != nil {
			return "", err
		}
		return netip.AddrFrom4([4]byte{byte(y[0]), byte(y[1]), byte(y[2]), byte(y[3])}).String(), nil
	}
	b := a.As16()
	x := make([]uint16, 8)
	for i := range x {
		x[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	y, err := c.ff(65536, tweak+"6", x, enc)
	if err != nil {
		return "", err
	}
	var o [16]byte
	for i, g := range y {
		o[2*i], o[2*i+1] = byte(g>>8), byte(g)
	}
	return netip.AddrFrom16(o).String(), nil
}

// ffDecimals enciphers the digits after the decimal points; the tweak
// carries the rest of the text (the degrees), which stays.
func (c *Context) ffDecimals(tweak, s string, enc bool) (string, error) {
	b := []byte(s)
	var digits []byte
	var pos []int
	for i := 0; i < len(b); i++ {
		if b[i] == '.' && i > 0 && isDigit(b[i-1]) {
			for j := i + 1; j < len(b) && isDigit(b[j]); j++ {
				digits = append(digits, b[j])
				pos = append(pos, j)
				b[j] = '#'
			}
		}
	}
	if len(digits) == 0 {
		return "", errTokenShape
	}
	out, err := c.ffASCII(digitSet, tweak+string(b), string(digits), enc)
	if err != nil {
		return "", err
	}
	for k, p := range pos {
		b[p] = out[k]
	}
	return string(b), nil
}

// hanRunes is the name alphabet as enciphered: hanAlphabet without 某,
// which marks a masked name and stays in place (3,754 characters).
var hanRunes = sync.OnceValue(func() []rune {
	var out []rune
	for _, r := range hanAlphabet {
		if !isMaskRune(r) {
			out = append(out, r)
		}
	}
	return out
})

// hanIndex maps the characters of the name alphabet to their numerals.
var hanIndex = sync.OnceValue(func() map[rune]uint16 {
	m := make(map[rune]uint16, 3755)
	for i, r := range hanRunes() {
		m[r] = uint16(i)
	}
	return m
})

// name enciphers the characters of a name that are in the name alphabet.
// With keep=surname the surname stays; as a token's given name could make
// its first characters read as a compound surname (张 + 简… reads 张简),
// the cipher is repeated until they do not (cycle walking, which
// Detokenize undoes the same way).
func (t *Tokenizer) name(c *Context, s string, enc bool) (string, error) {
	keep := 0
	if t.keep == "surname" {
		keep = nameSurnameLen(s)
	}
	kept, rest := s[:keep], s[keep:]
	idx := hanIndex()
	var x []uint16
	for _, r := range rest {
		if k, ok := idx[r]; ok {
			x = append(x, k)
		}
	}
	tw := "custos/tokenize/v1/name/" + kept
	alpha := hanRunes()
	render := func(y []uint16) string {
		var b strings.Builder
		j := 0
		b.WriteString(kept)
		for _, r := range rest {
			if _, ok := idx[r]; ok {
				b.WriteRune(alpha[y[j]])
				j++
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	y := x
	for i := 0; i < 1000; i++ {
		var err error
		y, err = c.ff(len(alpha), tw, y, enc)
		if err != nil {
			return "", err
		}
		out := render(y)
		if keep == 0 || nameSurnameLen(out) == keep {
			return out, nil
		}
	}
	return "", errors.New("no token keeps the surname apart")
}

// nameSurnameLen is surnameLen without the finding: Detokenize has only
// the token.
func nameSurnameLen(s string) int {
	if n := zh.SurnameAt(s); n > 0 {
		return n
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}
