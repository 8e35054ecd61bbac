// Package synth generates realistic fake personal information: identifier
// values that pass their validators (resident IDs, phones, bank cards,
// travel documents, plates, codes), look-alike decoys that must not be
// reported (order and tracking numbers, timestamps, amounts, versions,
// ISBNs, near-miss IDs), and Chinese prose that carries both, with gold
// labels. The evaluation harness, the benchmarks and the tests use it; the
// same value generators can make surrogate values for de-identification.
//
// Everything is deterministic for a given seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/zh"
)

// Values generates valid identifier values from a seeded random source. It
// is not safe for concurrent use.
type Values struct {
	r   *rand.Rand
	ref time.Time
}

// NewValues returns a generator; ref is the date birth dates are drawn
// before (ages between 0 and 90 at ref).
func NewValues(seed uint64, ref time.Time) *Values {
	return &Values{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), ref: ref}
}

// Rand exposes the random source so callers can share one stream.
func (v *Values) Rand() *rand.Rand { return v.r }

func (v *Values) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + v.r.IntN(10))
	}
	return string(b)
}

func (v *Values) pick(list []string) string { return list[v.r.IntN(len(list))] }

// county codes that are current, and the subset already in use before 2000
// (for 15-digit IDs, which were issued until 1999).
var countyCodes = sync.OnceValues(func() (current, old []string) {
	for _, d := range zh.Divisions() {
		if d.Level != 3 || len(d.Code) != 6 || !zh.ValidRegionCode(d.Code) {
			continue
		}
		current = append(current, d.Code)
		if r, ok := zh.LookupRegion(d.Code); ok && r.FirstYear > 0 && r.FirstYear < 1999 {
			old = append(old, d.Code)
		}
	}
	return
})

// IDOptions shapes a generated resident ID.
type IDOptions struct {
	// MinAge and MaxAge bound the holder's age at the reference date
	// (default 0-90).
	MinAge, MaxAge int
	// LowerX writes a check character X as lower-case x.
	LowerX bool
	// Region forces the six-digit region code.
	Region string
}

// BirthDate draws a birth date for an age between minAge and maxAge.
func (v *Values) BirthDate(minAge, maxAge int) time.Time {
	if maxAge <= minAge {
		maxAge = minAge + 1
	}
	days := v.r.IntN((maxAge - minAge) * 365)
	return v.ref.AddDate(-minAge, 0, -days-1)
}

// ResidentID returns a valid 18-digit resident ID number.
func (v *Values) ResidentID(o IDOptions) string {
	if o.MaxAge == 0 {
		o.MaxAge = 90
	}
	cur, _ := countyCodes()
	region := o.Region
	if region == "" {
		region = v.pick(cur)
	}
	birth := v.BirthDate(o.MinAge, o.MaxAge)
	body := region + birth.Format("20060102") + v.digits(3)
	c := checksum.ResidentIDCheck(body)
	if c == 'X' && o.LowerX {
		c = 'x'
	}
	return body + string(c)
}

// ResidentIDWithX returns a valid ID whose check character is X (lower-case
// when lower is true).
func (v *Values) ResidentIDWithX(lower bool) string {
	for {
		id := v.ResidentID(IDOptions{LowerX: lower})
		if id[17] == 'X' || id[17] == 'x' {
			return id
		}
	}
}

// ResidentID15 returns a valid legacy 15-digit ID (born 1930-1999).
func (v *Values) ResidentID15() string {
	_, old := countyCodes()
	birth := time.Date(1930+v.r.IntN(70), time.Month(1+v.r.IntN(12)), 1+v.r.IntN(28), 0, 0, 0, 0, time.UTC)
	return v.pick(old) + birth.Format("060102") + v.digits(3)
}

// NearMissID returns an 18-digit number with a real region and birth date
// but a wrong check character.
func (v *Values) NearMissID() string {
	id := v.ResidentID(IDOptions{})
	c := id[17]
	for c == id[17] || (c == 'X' && id[17] == 'x') {
		c = "0123456789X"[v.r.IntN(11)]
	}
	return id[:17] + string(c)
}

// mobileSegments are network segments in use (verified against zh at use).
var mobileSegments = []string{"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "166", "172", "173", "175", "176", "177", "178", "180",
	"181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "197", "198", "199"}

// Mobile returns a mobile number with a real segment.
func (v *Values) Mobile() string {
	for {
		n := v.pick(mobileSegments) + v.digits(8)
		if zh.MobileSegment(n) {
			return n
		}
	}
}

// Landline returns an area code and local number.
func (v *Values) Landline() (area, local string) {
	area = v.pick([]string{"010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0755", "0571",
		"0531", "0371", "0731", "0851", "0871", "0991", "0898", "0769"})
	n := 8
	if len(area) == 4 && v.r.IntN(3) == 0 {
		n = 7
	}
	return area, string(byte('2'+v.r.IntN(7))) + v.digits(n-1)
}

// cardBINs are real issuer prefixes with their card lengths.
var cardBINs = []struct {
	bin    string
	length int
}{
	{"622202", 19}, {"622208", 19}, {"621226", 19}, {"622848", 19}, {"622845", 19}, {"621700", 19},
	{"622700", 19}, {"436742", 19}, {"622588", 16}, {"621483", 16}, {"622575", 16}, {"621661", 19},
	{"621660", 19}, {"456351", 19}, {"622262", 19}, {"622260", 19}, {"621799", 19}, {"622155", 16},
	{"622609", 16}, {"622622", 16}, {"622150", 19}, {"621098", 19}, {"622908", 18}, {"625958", 16},
}

// BankCard returns a Luhn-valid card number under a real BIN.
func (v *Values) BankCard() string {
	b := cardBINs[v.r.IntN(len(cardBINs))]
	body := b.bin + v.digits(b.length-len(b.bin)-1)
	return body + string(checksum.LuhnDigit(body))
}

// LuhnInvalid returns a 16-19 digit number that fails the Luhn check.
func (v *Values) LuhnInvalid() string {
	c := v.BankCard()
	last := c[len(c)-1]
	return c[:len(c)-1] + string('0'+(last-'0'+1+byte(v.r.IntN(8)))%10)
}

// Passport returns a PRC e-passport number (E + 8 digits, or E + letter + 7).
func (v *Values) Passport() string {
	if v.r.IntN(3) == 0 {
		return "E" + string("ABCDEFGHJKLMNPQRSTUVWXYZ"[v.r.IntN(24)]) + v.digits(7)
	}
	return "E" + v.digits(8)
}

// HKMacauPermit returns a mainland resident's permit number (C + 8 digits).
func (v *Values) HKMacauPermit() string { return "C" + v.digits(8) }

// TaiwanPermit returns an 8-digit 台胞证 number.
func (v *Values) TaiwanPermit() string { return string(byte('0'+1+v.r.IntN(9))) + v.digits(7) }

// HKID returns a Hong Kong identity card number with its check digit in
// parentheses.
func (v *Values) HKID() string {
	body := string(byte('A'+v.r.IntN(26))) + v.digits(6)
	return body + "(" + string(checksum.HKIDCheck(body)) + ")"
}

// MacaoID returns a Macao resident identity card number, its first digit
// 1, 5 or 7 and its check digit in parentheses.
func (v *Values) MacaoID() string {
	return string("157"[v.r.IntN(3)]) + v.digits(6) + "(" + v.digits(1) + ")"
}

// TaiwanID returns a valid Taiwan identification number.
func (v *Values) TaiwanID() string {
	body := string("ABCDEFGHJKLMNPQRSTUVXYWZIO"[v.r.IntN(26)]) + string("12"[v.r.IntN(2)]) + v.digits(7)
	return body + string(checksum.TaiwanIDCheck(body))
}

var plateProvinces = []string{"京", "沪", "津", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
	"鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"}

const plateChars = "ABCDEFGHJKLMNPQRSTUVWXYZ"

// Plate returns a licence plate; newEnergy gives the six-character serial.
func (v *Values) Plate(newEnergy bool, sep string) string {
	p := v.pick(plateProvinces) + string(plateChars[v.r.IntN(len(plateChars))]) + sep
	if newEnergy {
		return p + string("DF"[v.r.IntN(2)]) + v.digits(5)
	}
	serial := []byte(v.digits(5))
	if v.r.IntN(2) == 0 {
		serial[v.r.IntN(5)] = plateChars[v.r.IntN(len(plateChars))]
	}
	return p + string(serial)
}

// USCC returns a valid unified social credit code of a company (91) or a
// sole trader (92).
func (v *Values) USCC() string {
	cur, _ := countyCodes()
	const set = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	org := make([]byte, 9)
	for i := range org {
		org[i] = set[v.r.IntN(len(set))]
	}
	body := v.pick([]string{"91", "92", "91", "12"}) + v.pick(cur) + string(org)
	return body + string(checksum.USCCCheck(body))
}

var mailDomains = []string{"163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "gmail.com", "hotmail.com",
	"sohu.com", "yeah.net", "aliyun.com", "139.com", "outlook.com", "pku.edu.cn", "gov.cn"}

var pinyin = []string{"zhang", "wang", "li", "zhao", "liu", "chen", "yang", "huang", "zhou", "wu", "xu", "sun",
	"ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "wei", "fang", "hua", "ming", "jing", "xiao", "lei", "jun"}

// Email returns an address at a common provider.
func (v *Values) Email() string {
	local := v.pick(pinyin) + v.pick([]string{"", ".", "_"}) + v.pick(pinyin)
	if v.r.IntN(2) == 0 {
		local += v.digits(2 + v.r.IntN(3))
	}
	return local + "@" + v.pick(mailDomains)
}

// IPv4 returns a public-looking address.
func (v *Values) IPv4() string {
	return fmt.Sprintf("%d.%d.%d.%d", 11+v.r.IntN(200), v.r.IntN(256), v.r.IntN(256), 1+v.r.IntN(254))
}

// IPv6 returns a global unicast address in compressed form.
func (v *Values) IPv6() string {
	return fmt.Sprintf("240e:%x:%x:%x::%x", v.r.IntN(0xffff), v.r.IntN(0xffff), v.r.IntN(0xffff), 1+v.r.IntN(0xfffe))
}

// MAC returns a colon- or dash-separated MAC address.
// UUID returns a random (version 4) UUID, upper case when upper.
func (v *Values) UUID(upper bool) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 36)
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
		case 14:
			b[i] = '4'
		default:
			b[i] = hex[v.r.IntN(16)]
		}
	}
	if upper {
		return strings.ToUpper(string(b))
	}
	return string(b)
}

// AndroidID returns 16 lower-case hex digits with a letter among them.
func (v *Values) AndroidID() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 16)
	for i := range b {
		b[i] = hex[v.r.IntN(16)]
	}
	b[v.r.IntN(16)] = "abcdef"[v.r.IntN(6)]
	return string(b)
}

// OpenID returns a WeChat-style OpenID: o and 27 URL-safe base64
// characters.
func (v *Values) OpenID() string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := make([]byte, 28)
	b[0] = 'o'
	for i := 1; i < len(b); i++ {
		b[i] = chars[v.r.IntN(len(chars))]
	}
	if c := b[len(b)-1]; c == '-' || c == '_' {
		b[len(b)-1] = 'A' // no separator at its end
	}
	return string(b)
}

// IMSI returns a Chinese SIM's IMSI: 460, a network code, ten digits.
func (v *Values) IMSI() string {
	return "460" + v.pick([]string{"00", "01", "02", "03", "11"}) + v.digits(10)
}

// ICCID returns a Chinese SIM card's 20-digit ICCID.
func (v *Values) ICCID() string {
	return "8986" + v.pick([]string{"00", "01", "03", "11"}) + v.digits(14)
}

func (v *Values) MAC() string {
	sep := v.pick([]string{":", "-"})
	parts := make([]string, 6)
	for i := range parts {
		parts[i] = fmt.Sprintf("%02X", v.r.IntN(256))
	}
	parts[0] = fmt.Sprintf("%02X", v.r.IntN(128)*2) // unicast
	if !strings.ContainsAny(strings.Join(parts, ""), "ABCDEF") {
		parts[5] = "AB"
	}
	return strings.Join(parts, sep)
}

// IMEI returns a Luhn-valid IMEI with a common reporting-body prefix.
func (v *Values) IMEI() string {
	body := v.pick([]string{"35", "86", "01", "99"}) + v.digits(12)
	return body + string(checksum.LuhnDigit(body))
}

// GPS returns a "lat, lon" pair inside China with six decimals.
func (v *Values) GPS() string {
	lat := 20 + v.r.Float64()*25
	lon := 100 + v.r.Float64()*22
	return fmt.Sprintf("%.6f,%s%.6f", lat, v.pick([]string{"", " "}), lon)
}

// Date returns a date in one of the written forms.
func (v *Values) Date() string {
	t := v.ref.AddDate(0, 0, -v.r.IntN(3000))
	switch v.r.IntN(6) {
	case 0:
		return t.Format("2006-01-02")
	case 1:
		return fmt.Sprintf("%d/%d/%d", t.Year(), t.Month(), t.Day())
	case 2:
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	case 3:
		return fmt.Sprintf("%d月%d日", t.Month(), t.Day())
	case 4:
		return fmt.Sprintf("%d年%d月%d日%d时", t.Year(), t.Month(), t.Day(), 6+v.r.IntN(16))
	}
	return fmt.Sprintf("%d月%d日上午%d时%d分", t.Month(), t.Day(), 8+v.r.IntN(4), 10+v.r.IntN(50))
}

// URL returns a web address.
func (v *Values) URL() string {
	return v.pick([]string{"https://", "http://", "https://www.", "www."}) +
		v.pick([]string{"weibo.com/u/", "example.com.cn/user/", "zhihu.com/people/", "douban.com/people/"}) + v.digits(8)
}

// QQ returns a QQ number.
func (v *Values) QQ() string { return string(byte('1'+v.r.IntN(9))) + v.digits(5+v.r.IntN(5)) }

// WeChat returns a WeChat id.
func (v *Values) WeChat() string {
	return v.pick(pinyin) + v.pick([]string{"_", "", "-"}) + v.pick(pinyin) + v.digits(2+v.r.IntN(3))
}

// Train returns a train number.
func (v *Values) Train() string {
	c := v.pick([]string{"G", "G", "D", "C", "Z", "T", "K"})
	return c + fmt.Sprint(1+v.r.IntN(9000))
}

// Flight returns a flight number of a Chinese carrier.
func (v *Values) Flight() string {
	return v.pick([]string{"CA", "MU", "CZ", "HU", "3U", "MF", "ZH", "SC", "FM", "HO", "9C"}) + fmt.Sprint(100+v.r.IntN(8900))
}

// Seat returns a seat on a train or plane.
func (v *Values) Seat() string {
	switch v.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%02d车%d%c", 1+v.r.IntN(16), 1+v.r.IntN(20), "ABCDF"[v.r.IntN(5)])
	case 1:
		return fmt.Sprintf("%d车厢%d号", 1+v.r.IntN(16), 1+v.r.IntN(100))
	}
	return fmt.Sprintf("%d排%c座", 1+v.r.IntN(40), "ABCDEF"[v.r.IntN(6)])
}

// VIN returns a valid 17-character VIN of a Chinese-made car.
func (v *Values) VIN() string {
	const set = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	b := []byte(v.pick([]string{"LSV", "LFV", "LGB", "LHG", "LBV", "LVS", "LDC", "LZW"}))
	for len(b) < 12 {
		b = append(b, set[v.r.IntN(len(set))])
	}
	b = append(b, v.digits(5)...) // serial number

	b[8] = '0'
	b[8] = checksum.VINCheck(string(b))
	return string(b)
}
