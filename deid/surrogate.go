package deid

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// surrogateOp replaces a value with a realistic fake one of the same type
// that passes the same validators: resident IDs with a real region, a
// real birth date and a correct check character; bank cards under the same
// BIN with a correct Luhn digit; mobile numbers in an allocated segment;
// plates of the same province; USCC and VIN with correct check
// characters; names with a common surname. The generator is seeded with
// HMAC(surrogate sub-key, type, normalized value), so the same value gets
// the same surrogate under the same key in every document, and no one
// without the key can tell which value a surrogate stands for.
//
// What the surrogate keeps of the original: the written shape (separators,
// +86, the case of an X check character), the sex digit and age class
// (under 14, 14-17, 18-59, 60 and over) of an ID number, the BIN of a card
// and the province of a plate always; more with keep.
type surrogateOp struct {
	keep map[string]bool
	days int
}

var surrogateKeeps = []string{"birth_year", "region", "segment", "surname", "domain", "province", "city", "district", "tac"}

func buildSurrogate(p Params) (Operator, error) {
	keep, err := paramSet(p, "keep", surrogateKeeps...)
	if err != nil {
		return nil, err
	}
	days, err := paramInt(p, "days", 30, 1, 3650)
	if err != nil {
		return nil, err
	}
	return &surrogateOp{keep: keep, days: days}, nil
}

func (surrogateOp) Name() string { return "surrogate" }

// errNoSurrogate is returned for types without a generator: facts such as
// a diagnosis or a religion have no realistic stand-in that would not
// itself mislead.
var errNoSurrogate = fmt.Errorf("%w: no surrogate generator (use replace, generalize or redact)", ErrNotApplicable)

// Apply returns the surrogate of v.
func (o surrogateOp) Apply(c *Context, f *pi.Finding, v string) (string, error) {
	if c == nil {
		return "", ErrNoKey
	}
	if c.keyErr != nil {
		return "", c.keyErr
	}
	f = finding(f)
	v = clean(v)
	if f.Type == pi.MaskedName && o.keep["surname"] {
		return v, nil // 张某 with its surname kept has nothing else to change
	}
	norm := normalize(f, v)
	h := c.mac(keySurrogate, string(f.Type), norm)
	g := &gen{
		r:   rand.New(rand.NewPCG(binary.BigEndian.Uint64(h[:8]), binary.BigEndian.Uint64(h[8:16]))),
		ref: c.ref,
		h:   h,
	}
	for try := 0; try < 16; try++ {
		out, err := o.generate(g, f, v)
		if err != nil {
			return "", fmt.Errorf("surrogate %s: %w", f.Type, err)
		}
		if out != v || v == "" {
			return out, nil
		}
	}
	return "", fmt.Errorf("surrogate %s: no value different from the original", f.Type)
}

// gen is the seeded generator of one surrogate.
type gen struct {
	r   *rand.Rand
	ref time.Time
	h   [32]byte
}

func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (o surrogateOp) generate(g *gen, f *pi.Finding, v string) (string, error) {
	s := foldWidth(v)
	switch f.Type {
	case pi.ResidentID:
		return o.residentID(g, s)
	case pi.BankCard:
		return g.bankCard(s), nil
	case pi.MobilePhone:
		return o.mobile(g, s), nil
	case pi.LandlinePhone:
		d := digitsOf(s)
		n := zh.AreaCodeAt(d)
		if n == 0 || len(d)-n < 5 {
			return g.shape(s, false), nil
		}
		local := string(byte('2'+g.r.IntN(7))) + g.digits(len(d)-n-1)
		return putDigits(s, d[:n]+local), nil
	case pi.LicensePlate:
		return g.plate(s), nil
	case pi.Email:
		return o.email(g, s), nil
	case pi.Passport, pi.HKMacauPermit, pi.TrainNumber, pi.FlightNumber:
		return g.shape(s, true), nil
	case pi.HKID:
		return g.hkid(s), nil
	case pi.TaiwanID:
		return g.taiwanID(s), nil
	case pi.MacaoID:
		return g.shape(s, false), nil
	case pi.USCC:
		return o.uscc(g, s), nil
	case pi.VIN:
		return g.vin(s), nil
	case pi.IPv4, pi.IPv6:
		return g.ip(s), nil
	case pi.MACAddress:
		return g.mac(s), nil
	case pi.IMEI:
		return o.imei(g, s), nil
	case pi.DeviceID:
		return g.device(s), nil
	case pi.GPSCoordinate:
		return g.gps(s), nil
	case pi.Date:
		return shiftDate(g.ref, f, v, offsetDays(g.h[16:], o.days))
	case pi.Age:
		return g.age(f, s)
	case pi.PersonName:
		return o.name(g, f, v), nil
	case pi.MaskedName:
		n := surnameLen(f, v)
		return g.surname(v[:n]) + v[n:], nil
	case pi.Address:
		return o.address(g, f, v), nil
	case pi.School:
		return g.pick(namePrefixes) + schoolLevel(f, v), nil
	case pi.Place:
		return g.pick(namePrefixes) + venueKind(f, v), nil
	case pi.Organization, pi.Employer:
		return g.pick(namePrefixes) + g.pick(companySuffixes), nil
	case pi.Ethnicity:
		e := g.pick(zh.EthnicGroups())
		if !strings.HasSuffix(v, "族") {
			e = strings.TrimSuffix(e, "族")
		}
		return e, nil
	case pi.Gender:
		sex := g.pick([]string{"男", "女"})
		if strings.HasSuffix(v, "性") {
			sex += "性"
		}
		return sex, nil
	case pi.Trajectory, pi.Health, pi.Religion, pi.SpecialIdentity, pi.SexualOrientation, pi.CriminalRecord,
		pi.Biometric, pi.Financial, pi.Occupation, pi.Nationality, pi.MaritalStatus, pi.Political, pi.AcademicRecord:
		return "", errNoSurrogate
	case pi.URL:
		if i := strings.Index(s, "://"); i >= 0 {
			if j := strings.IndexAny(s[i+3:], "/?#"); j >= 0 {
				k := i + 3 + j
				return s[:k] + g.shape(s[k:], false), nil
			}
		}
		return g.shape(s, false), nil
	}
	// QQ numbers, WeChat ids, seats, Taiwan permits and custom types:
	// the same shape with other characters.
	return g.shape(s, false), nil
}

// shape replaces every ASCII digit with a random digit and every ASCII
// letter with a random letter of the same case, keeping everything else;
// keepLead keeps the letters before the first digit (the E of a passport,
// the CA of a flight). A leading digit is never 0.
func (g *gen) shape(s string, keepLead bool) string {
	b := []byte(s)
	lead := keepLead
	first := true
	for i, c := range b {
		switch {
		case isDigit(c):
			lead = false
			b[i] = byte('0' + g.r.IntN(10))
			if first && b[i] == '0' {
				b[i] = byte('1' + g.r.IntN(9))
			}
			first = false
		case c >= 'A' && c <= 'Z':
			if !lead {
				b[i] = byte('A' + g.r.IntN(26))
			}
			first = false
		case c >= 'a' && c <= 'z':
			if !lead {
				b[i] = byte('a' + g.r.IntN(26))
			}
			first = false
		}
	}
	return string(b)
}

// ageClasses are the age classes a surrogate ID keeps: the law treats a
// child under 14, a minor and an older person differently.
var ageClasses = [][2]int{{0, 13}, {14, 17}, {18, 59}, {60, 100}}

func (o surrogateOp) residentID(g *gen, s string) (string, error) {
	id := alnumOf(s)
	if len(id) == 15 && len(digitsOf(id)) == 15 {
		return o.residentID15(g, s, id), nil
	}
	if len(id) != 18 || len(digitsOf(id[:17])) != 17 {
		return g.shape(s, false), nil
	}
	region := id[:6]
	if !o.keep["region"] {
		region = g.county()
	}
	orig, err := time.Parse("20060102", id[6:14])
	var birth time.Time
	switch {
	case err != nil:
		birth = g.birthForAge(18 + g.r.IntN(50))
	case o.keep["birth_year"]:
		birth = g.sameYearSameAge(orig)
	default:
		a := ageAt(orig, g.ref)
		cls := ageClasses[len(ageClasses)-1]
		for _, c := range ageClasses {
			if a >= c[0] && a <= c[1] {
				cls = c
				break
			}
		}
		birth = g.birthForAge(cls[0] + g.r.IntN(cls[1]-cls[0]+1))
	}
	// The sequence number's last digit is odd for men, even for women.
	sex := int(id[16]-'0') % 2
	seq := g.digits(2) + strconv.Itoa(2*g.r.IntN(5)+sex)
	body := region + birth.Format("20060102") + seq
	check := checksum.ResidentIDCheck(body)
	if check == 'X' && id[17] == 'x' {
		check = 'x'
	}
	return putAlnum(s, body+string(check)), nil
}

func (o surrogateOp) residentID15(g *gen, s, id string) string {
	region := id[:6]
	if !o.keep["region"] {
		region = g.county()
	}
	year := 1900
	if y, err := strconv.Atoi(id[6:8]); err == nil {
		year += y
	}
	if !o.keep["birth_year"] {
		year = min(max(year-5+g.r.IntN(11), 1900), 1999)
	}
	birth := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(365))
	seq := g.digits(2) + strconv.Itoa(2*g.r.IntN(5)+int(id[14]-'0')%2)
	return putDigits(s, region+birth.Format("060102")+seq)
}

// birthForAge draws a birth date of someone aged a at the reference date.
func (g *gen) birthForAge(a int) time.Time {
	start := g.ref.AddDate(-(a + 1), 0, 1)
	end := g.ref.AddDate(-a, 0, 0)
	days := int(end.Sub(start).Hours()/24) + 1
	return start.AddDate(0, 0, g.r.IntN(max(days, 1)))
}

// sameYearSameAge draws another birth date in orig's year that gives the
// same age at the reference date: on the same side of the reference's
// month and day.
func (g *gen) sameYearSameAge(orig time.Time) time.Time {
	y := orig.Year()
	refDay := time.Date(y, g.ref.Month(), g.ref.Day(), 0, 0, 0, 0, time.UTC)
	if g.ref.Month() == 2 && g.ref.Day() == 29 && daysIn(y, 2) != 29 {
		refDay = time.Date(y, 2, 28, 0, 0, 0, 0, time.UTC)
	}
	jan1 := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	dec31 := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	lo, hi := jan1, refDay
	if orig.After(refDay) {
		lo, hi = refDay.AddDate(0, 0, 1), dec31
	}
	if y == g.ref.Year() && hi.After(g.ref) {
		hi = g.ref
	}
	days := int(hi.Sub(lo).Hours()/24) + 1
	return lo.AddDate(0, 0, g.r.IntN(max(days, 1)))
}

// county draws a current county-level region code.
func (g *gen) county() string {
	x := divisions()
	return x.divs[x.counties[g.r.IntN(len(x.counties))]].Code
}

// countyUnder draws a current county whose code starts with prefix.
func (g *gen) countyUnder(prefix string) string {
	x := divisions()
	var cands []int
	for _, i := range x.counties {
		if strings.HasPrefix(x.divs[i].Code, prefix) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return g.county()
	}
	return x.divs[cands[g.r.IntN(len(cands))]].Code
}

func (g *gen) bankCard(s string) string {
	d := digitsOf(s)
	if len(d) < 12 || len(d) > 19 {
		return g.shape(s, false)
	}
	info, known := zh.LookupBIN(d)
	var card string
	for try := 0; try < 32; try++ {
		body := d[:6] + g.digits(len(d)-7)
		card = body + string(checksum.LuhnDigit(body))
		if got, ok := zh.LookupBIN(card); !known || ok && got.Bank == info.Bank {
			break
		}
	}
	return putDigits(s, card)
}

// mobileSegments are segments in use (each checked with zh at use).
var mobileSegments = []string{"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "166", "172", "173", "175", "176", "177", "178", "180",
	"181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "197", "198", "199"}

func (o surrogateOp) mobile(g *gen, s string) string {
	d := digitsOf(s)
	nat, cc := nationalMobile(d)
	if len(nat) != 11 || nat[0] != '1' {
		return g.shape(s, false)
	}
	var n string
	for try := 0; try < 64; try++ {
		seg := nat[:3]
		if !o.keep["segment"] {
			seg = g.pick(mobileSegments)
		}
		n = seg + g.digits(8)
		if zh.MobileNumberLength(n) == 11 || o.keep["segment"] {
			break
		}
	}
	return putDigits(s, d[:cc]+n)
}

// plateLetters are the letters plates use (no I, no O).
const plateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ"

func (g *gen) plate(s string) string {
	prov, n := utf8.DecodeRuneInString(s)
	if !isHan(prov) || n >= len(s) {
		return g.shape(s, false)
	}
	b := []byte(s[n:])
	// The issuing office: a letter the province uses.
	if len(b) > 0 && b[0] >= 'A' && b[0] <= 'Z' {
		for try := 0; try < 32; try++ {
			l := plateLetters[g.r.IntN(len(plateLetters))]
			if _, ok := zh.PlateRegion(string(prov) + string(l)); ok {
				b[0] = l
				break
			}
		}
	}
	serial := 0
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case isDigit(c):
			b[i] = byte('0' + g.r.IntN(10))
		case c >= 'A' && c <= 'Z':
			// D and F open and close new-energy serials: keep them.
			if !(c == 'D' || c == 'F') || serial != 0 && i != len(b)-1 {
				b[i] = plateLetters[g.r.IntN(len(plateLetters))]
			}
		default:
			continue
		}
		serial++
	}
	return string(prov) + string(b)
}

var mailDomains = []string{"163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "gmail.com", "hotmail.com",
	"sohu.com", "yeah.net", "aliyun.com", "139.com", "outlook.com"}

var pinyin = []string{"zhang", "wang", "li", "zhao", "liu", "chen", "yang", "huang", "zhou", "wu", "xu", "sun",
	"ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "wei", "fang", "hua", "ming", "jing", "xiao", "lei", "jun"}

func (o surrogateOp) email(g *gen, s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return g.shape(s, false)
	}
	local := g.pick(pinyin) + g.pick([]string{"", ".", "_"}) + g.pick(pinyin)
	if g.r.IntN(2) == 0 {
		local += g.digits(2 + g.r.IntN(3))
	}
	domain := s[at+1:]
	if !o.keep["domain"] {
		domain = g.pick(mailDomains)
	}
	return local + "@" + domain
}

func (g *gen) hkid(s string) string {
	a := strings.ToUpper(alnumOf(s))
	letters := 0
	for letters < len(a) && a[letters] >= 'A' && a[letters] <= 'Z' {
		letters++
	}
	if letters < 1 || letters > 2 || len(a) != letters+7 || len(digitsOf(a[letters:letters+6])) != 6 {
		return g.shape(s, true)
	}
	body := make([]byte, 0, 8)
	for range letters {
		body = append(body, byte('A'+g.r.IntN(26)))
	}
	body = append(body, g.digits(6)...)
	return putAlnum(s, string(body)+string(checksum.HKIDCheck(string(body))))
}

const twLetters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"

func (g *gen) taiwanID(s string) string {
	a := strings.ToUpper(alnumOf(s))
	if len(a) != 10 || a[0] < 'A' || a[0] > 'Z' || len(digitsOf(a[1:])) != 9 {
		return g.shape(s, true)
	}
	body := string(twLetters[g.r.IntN(len(twLetters))]) + a[1:2] + g.digits(7)
	return putAlnum(s, body+string(checksum.TaiwanIDCheck(body)))
}

const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

func (o surrogateOp) uscc(g *gen, s string) string {
	a := strings.ToUpper(alnumOf(s))
	if len(a) != 18 {
		return g.shape(s, false)
	}
	region := a[2:8]
	if !o.keep["region"] || len(digitsOf(region)) != 6 {
		region = g.county()
	}
	org := make([]byte, 9)
	for i := range org {
		org[i] = usccChars[g.r.IntN(len(usccChars))]
	}
	body := a[:2] + region + string(org)
	check := checksum.USCCCheck(body)
	if check == 0 { // the kept department characters are not in the set
		body = "91" + region + string(org)
		check = checksum.USCCCheck(body)
	}
	return putAlnum(s, body+string(check))
}

const vinChars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"

// vin keeps the world manufacturer identifier (the first three
// characters) and draws the rest, with a model-year code in position 10,
// a numeric serial and a correct check digit.
func (g *gen) vin(s string) string {
	a := strings.ToUpper(alnumOf(s))
	if len(a) != 17 {
		return g.shape(s, false)
	}
	b := []byte(a)
	for i := 3; i < 17; i++ {
		switch {
		case i == 9:
			b[i] = "ABCDEFGHJKLMNPRSTVWXY123456789"[g.r.IntN(30)]
		case i >= 12:
			b[i] = byte('0' + g.r.IntN(10))
		default:
			b[i] = vinChars[g.r.IntN(len(vinChars))]
		}
	}
	for _, c := range b[:3] {
		if strings.IndexByte(vinChars, c) < 0 {
			copy(b[:3], "LSV")
			break
		}
	}
	b[8] = '0'
	b[8] = checksum.VINCheck(string(b))
	return putAlnum(s, string(b))
}

// ip draws an address of the same kind: private and loopback addresses
// stay in their range, public ones stay public.
func (g *gen) ip(s string) string {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil || a.Zone() != "" {
		return g.shape(s, false)
	}
	bits := 0
	switch {
	case a.Is4():
		b := a.As4()
		switch {
		case b[0] == 10, b[0] == 127:
			bits = 8
		case b[0] == 172 && b[1]&0xf0 == 16, b[0] == 169 && b[1] == 254:
			bits = 16
		case b[0] == 192 && b[1] == 168:
			bits = 16
		}
		for try := 0; ; try++ {
			var x [4]byte
			binary.BigEndian.PutUint32(x[:], g.r.Uint32())
			keepBits(x[:], b[:], bits)
			n := netip.AddrFrom4(x)
			if bits > 0 || try > 1000 || n.IsGlobalUnicast() && !n.IsPrivate() && x[0] < 224 && x[0] != 100 && x[0] != 0 {
				if (x[3] == 0 || x[3] == 255) && try <= 1000 {
					continue
				}
				return n.String()
			}
		}
	default:
		b := a.As16()
		bits = 16 // keep the first group: 240e is China Telecom
		if a.IsLinkLocalUnicast() || a.IsPrivate() {
			bits = 64
		}
		var x [16]byte
		binary.BigEndian.PutUint64(x[:8], g.r.Uint64())
		binary.BigEndian.PutUint64(x[8:], g.r.Uint64())
		keepBits(x[:], b[:], bits)
		return netip.AddrFrom16(x).String()
	}
}

// keepBits copies the first n bits of src into dst.
func keepBits(dst, src []byte, n int) {
	for i := 0; i < n/8; i++ {
		dst[i] = src[i]
	}
}

// device replaces a device identifier: hex digits by hex digits of the
// same case (a UUID stays a UUID), the network code of an IMSI (460xx) and
// the issuer of an ICCID (8986xx) kept, the rest random digits.
func (g *gen) device(s string) string {
	d := digitsOf(s)
	if len(d) == len(s) {
		keep := 0
		switch {
		case len(d) == 15 && strings.HasPrefix(d, "460"):
			keep = 5
		case len(d) >= 19 && strings.HasPrefix(d, "8986"):
			keep = 6
		}
		return d[:keep] + g.digits(len(d)-keep)
	}
	const hex = "0123456789abcdef"
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'f':
			b[i] = hex[g.r.IntN(16)]
		case c >= 'A' && c <= 'F':
			b[i] = strings.ToUpper(hex)[g.r.IntN(16)]
		}
	}
	return string(b)
}

func (g *gen) mac(s string) string {
	a := alnumOf(s)
	if len(a) != 12 || !isHex(a) {
		return g.shape(s, false)
	}
	lower := strings.ContainsAny(a, "abcdef")
	first, _ := strconv.ParseUint(a[:2], 16, 8)
	var b strings.Builder
	for i := 0; i < 6; i++ {
		x := byte(g.r.IntN(256))
		if i == 0 {
			x = x&^3 | byte(first)&3 // keep the multicast and local bits
		}
		fmt.Fprintf(&b, "%02X", x)
	}
	out := b.String()
	if lower {
		out = strings.ToLower(out)
	}
	return putAlnum(s, out)
}

func (o surrogateOp) imei(g *gen, s string) string {
	d := digitsOf(s)
	if len(d) != 15 {
		return g.shape(s, false)
	}
	var body string
	if o.keep["tac"] {
		body = d[:8] + g.digits(6)
	} else {
		body = g.pick([]string{"35", "86", "01", "99"}) + g.digits(12)
	}
	return putDigits(s, body+string(checksum.LuhnDigit(body)))
}

// gps moves each coordinate by up to 0.05° (about 5 km), keeping its
// number of decimals.
func (g *gen) gps(s string) string {
	var b strings.Builder
	i, k := 0, 0
	for i < len(s) {
		j := i
		if s[j] == '-' && j+1 < len(s) && isDigit(s[j+1]) {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			e := j
			for e < len(s) && (isDigit(s[e]) || s[e] == '.') {
				e++
			}
			if x, err := strconv.ParseFloat(s[i:e], 64); err == nil {
				dec := 0
				if dot := strings.IndexByte(s[i:e], '.'); dot >= 0 {
					dec = e - i - dot - 1
				}
				lim := 90.0
				if k%2 == 1 {
					lim = 180
				}
				x += (g.r.Float64() - 0.5) * 0.1
				x = min(max(x, -lim), lim)
				b.WriteString(strconv.FormatFloat(x, 'f', dec, 64))
				i, k = e, k+1
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

// age draws another age in the same ten-year band, written in the same
// numerals.
func (g *gen) age(f *pi.Finding, s string) (string, error) {
	a, ok := ageOf(f, s)
	if !ok {
		return "", errors.New("cannot read the age")
	}
	n := a/10*10 + g.r.IntN(10)
	if approxAge(f, s) {
		// 七十多岁 says only the decade: draw a neighbouring one.
		n = a/10*10 + 10
		if a >= 20 && g.r.IntN(2) == 0 || a >= 100 {
			n = a/10*10 - 10
		}
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }); i >= 0 {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		return s[:i] + strconv.Itoa(n) + s[j:], nil
	}
	i := strings.IndexFunc(s, isCnNumeral)
	if i < 0 {
		return "", errors.New("cannot read the age")
	}
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isCnNumeral(r) {
			break
		}
		j += size
	}
	return s[:i] + cnWrite(n) + s[j:], nil
}

// approxAge reports whether an age gives only its decade (七十多岁, 70余岁).
func approxAge(f *pi.Finding, s string) bool {
	if f.Attr("approx") == "true" {
		return true
	}
	for _, w := range []string{"多", "余", "几", "来岁"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// cnWrite writes 0-199 in Chinese numerals: 7 七, 17 十七, 45 四十五, 102 一百零二.
func cnWrite(n int) string {
	const d = "零一二三四五六七八九"
	digit := func(k int) string { return d[3*k : 3*k+3] }
	switch {
	case n < 10:
		return digit(n)
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digit(n%10)
	case n < 100:
		s := digit(n/10) + "十"
		if n%10 != 0 {
			s += digit(n % 10)
		}
		return s
	}
	s := digit(n/100) + "百"
	switch r := n % 100; {
	case r == 0:
	case r < 10:
		s += "零" + digit(r)
	default:
		s += digit(r/10) + "十"
		if r%10 != 0 {
			s += digit(r % 10)
		}
	}
	return s
}

// Given-name characters for surrogate names, by the sex they are usually
// given to.
var (
	maleChars    = []rune("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰亮成志东文博晨昊天振海")
	femaleChars  = []rune("芳娜敏静丽艳娟霞秀燕玲桂丹萍红婷琳雪慧倩颖洁佳琪欣悦怡梅兰莉晶薇月蕾蓉淑英珍云璐")
	neutralChars = []rune("子一思雨诗涵梓嘉安乐心可晓新春秋永德立晨欣宇")
)

// commonSurnames are the 100 most common one-character surnames.
var commonSurnames = sync.OnceValue(func() []string {
	var out []string
	for _, s := range zh.Surnames() {
		if utf8.RuneCountInString(s) == 1 {
			if f, _ := zh.Surname(s); f > 0 {
				out = append(out, s)
			}
		}
		if len(out) == 100 {
			break
		}
	}
	return out
})

// surname draws a common surname other than orig.
func (g *gen) surname(orig string) string {
	list := commonSurnames()
	for {
		if s := list[g.r.IntN(len(list))]; s != orig {
			return s
		}
	}
}

func (o surrogateOp) name(g *gen, f *pi.Finding, v string) string {
	n := surnameLen(f, v)
	sur := v[:n]
	given := utf8.RuneCountInString(v[n:])
	if !o.keep["surname"] {
		sur = g.surname(sur)
	}
	chars := append(append([]rune(nil), neutralChars...), maleChars...)
	switch sexOf(f) {
	case "male":
		chars = append(append([]rune(nil), maleChars...), neutralChars...)
	case "female":
		chars = append(append([]rune(nil), femaleChars...), neutralChars...)
	default:
		chars = append(chars, femaleChars...)
	}
	var b strings.Builder
	b.WriteString(sur)
	for i := 0; i < min(given, 3); i++ {
		b.WriteRune(chars[g.r.IntN(len(chars))])
	}
	return b.String()
}

var roads = []string{"人民路", "建设路", "解放路", "中山路", "和平路", "新华路", "文化路", "长江路", "黄河路", "胜利路", "光明路", "朝阳路", "青年路", "友谊路", "幸福路"}

// address draws an address in another county (in the same city, province
// or county with keep), with a road, a number and, when the original was
// that precise, a building, unit and room.
func (o surrogateOp) address(g *gen, f *pi.Finding, v string) string {
	p := resolvePlace(f, v)
	code := p.code
	if len(code) > 6 {
		code = code[:6]
	}
	var county string
	switch {
	case o.keep["district"] && len(code) == 6 && code[4:] != "00":
		county = code
	case o.keep["city"] && len(code) == 6:
		county = g.countyUnder(code[:4])
	case o.keep["province"] && len(code) == 6:
		county = g.countyUnder(code[:2])
	default:
		county = g.county()
	}
	var b strings.Builder
	if q, ok := placeFromCode(county); ok {
		b.WriteString(q.upTo(levelDistrict))
	}
	b.WriteString(g.pick(roads))
	b.WriteString(strconv.Itoa(1 + g.r.IntN(300)))
	b.WriteString("号")
	if strings.ContainsAny(v, "栋幢室") || strings.Contains(v, "单元") || strings.Contains(v, "号楼") {
		fmt.Fprintf(&b, "%d栋%d单元%d%02d室", 1+g.r.IntN(20), 1+g.r.IntN(4), 1+g.r.IntN(20), 1+g.r.IntN(4))
	}
	return b.String()
}

var namePrefixes = []string{"育才", "实验", "光明", "新华", "东风", "红星", "阳光", "明德", "华联", "惠民", "康乐", "永安", "百佳", "福满", "万家", "金桥", "长城", "友谊", "和平", "盛世"}

var companySuffixes = []string{"科技有限公司", "商贸有限公司", "实业有限公司", "建设工程有限公司", "餐饮管理有限公司", "物流有限公司"}
