package deid_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
	"github.com/custos-project/custos/zh"
)

var (
	testKey = []byte("custos-test-key-0123456789abcdef")
	testRef = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
)

// sample is a value of a type, with the attributes a recognizer would
// have set on some of them.
type sample struct {
	typ   pi.Type
	value string
	attrs []pi.Attr
}

func (s sample) finding() *pi.Finding {
	return &pi.Finding{Type: s.typ, Attrs: append([]pi.Attr(nil), s.attrs...)}
}

var (
	testSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳", "司马", "诸葛"}
	testGiven    = []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华玉萍红")
	testCounties = []string{"四川省成都市郫都区", "北京市朝阳区", "广东省深圳市南山区", "浙江省杭州市西湖区", "湖北省武汉市江汉区", "上海市浦东新区"}
	testRoads    = []string{"百草路", "人民南路", "建设大道", "解放西路"}
	testVenues   = []string{"永辉超市", "华西医院", "如家酒店", "海底捞火锅店", "万达广场", "春熙路地铁站"}
	testSchools  = []string{"成都市第七中学", "北京大学", "犀浦镇某小学", "实验幼儿园", "育才中学初二(3)班"}
	testFacts    = map[pi.Type][]string{
		pi.Health:            {"确诊新冠肺炎", "高血压", "核酸检测阳性"},
		pi.Religion:          {"信仰佛教", "基督徒"},
		pi.SpecialIdentity:   {"留守儿童", "孤儿", "低保户"},
		pi.SexualOrientation: {"同性恋"},
		pi.CriminalRecord:    {"刑满释放人员", "有前科"},
		pi.Biometric:         {"人脸信息", "指纹"},
		pi.Financial:         {"存款50万元", "贷款逾期"},
		pi.Occupation:        {"出租车司机", "教师"},
		pi.Nationality:       {"中国籍", "美国国籍"},
		pi.Trajectory:        {"1月2日乘坐G123次列车到成都东站"},
		pi.Organization:      {"成都市卫生健康委员会", "某科技有限公司"},
		pi.Employer:          {"四川省人民医院", "阿里巴巴集团"},
		pi.Gender:            {"男", "女性"},
		pi.Ethnicity:         {"汉族", "藏族", "维吾尔"},
	}
)

// realistic returns n realistic values of every type.
func realistic(seed uint64, n int) []sample {
	v := synth.NewValues(seed, testRef)
	r := v.Rand()
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	var out []sample
	for i := 0; i < n; i++ {
		id := v.ResidentID(synth.IDOptions{LowerX: i%3 == 0})
		idAttrs := []pi.Attr{{Key: pi.AttrNormalized, Value: strings.ToUpper(id)}, {Key: pi.AttrRegionCode, Value: id[:6]},
			{Key: pi.AttrBirthDate, Value: id[6:10] + "-" + id[10:12] + "-" + id[12:14]}}
		mobile := v.Mobile()
		area, local := v.Landline()
		card := v.BankCard()
		name := pick(testSurnames) + string(testGiven[r.IntN(len(testGiven))])
		if r.IntN(2) == 0 {
			name += string(testGiven[r.IntN(len(testGiven))])
		}
		addr := pick(testCounties) + pick(testRoads) + strconv.Itoa(1+r.IntN(200)) + "号" + strconv.Itoa(1+r.IntN(9)) + "栋"
		out = append(out,
			sample{pi.ResidentID, id, idAttrs[:i%2*3]},
			sample{pi.ResidentID, v.ResidentID(synth.IDOptions{MinAge: 1, MaxAge: 13}), nil},
			sample{pi.ResidentID, v.ResidentID15(), nil},
			sample{pi.MobilePhone, mobile, nil},
			sample{pi.MobilePhone, "+86 " + mobile[:3] + "-" + mobile[3:7] + "-" + mobile[7:], []pi.Attr{{Key: pi.AttrNormalized, Value: mobile}}},
			sample{pi.LandlinePhone, area + "-" + local, nil},
			sample{pi.BankCard, card, nil},
			sample{pi.BankCard, card[:4] + " " + card[4:8] + " " + card[8:12] + " " + card[12:], nil},
			sample{pi.Passport, v.Passport(), nil},
			sample{pi.HKMacauPermit, v.HKMacauPermit(), nil},
			sample{pi.TaiwanPermit, v.TaiwanPermit(), nil},
			sample{pi.HKID, v.HKID(), nil},
			sample{pi.TaiwanID, v.TaiwanID(), nil},
			sample{pi.LicensePlate, v.Plate(i%2 == 0, pick([]string{"", "·"})), nil},
			sample{pi.USCC, v.USCC(), nil},
			sample{pi.Email, v.Email(), nil},
			sample{pi.IPv4, v.IPv4(), nil},
			sample{pi.IPv6, v.IPv6(), nil},
			sample{pi.MACAddress, v.MAC(), nil},
			sample{pi.IMEI, v.IMEI(), nil},
			sample{pi.DeviceID, v.UUID(i%2 == 0), nil},
			sample{pi.DeviceID, v.AndroidID(), nil},
			sample{pi.DeviceID, v.IMSI(), nil},
			sample{pi.DeviceID, v.ICCID(), nil},
			sample{pi.AccountID, v.OpenID(), nil},
			sample{pi.GPSCoordinate, v.GPS(), nil},
			sample{pi.Date, v.Date(), nil},
			sample{pi.URL, v.URL(), nil},
			sample{pi.QQNumber, v.QQ(), nil},
			sample{pi.WeChatID, v.WeChat(), nil},
			sample{pi.TrainNumber, v.Train(), nil},
			sample{pi.FlightNumber, v.Flight(), nil},
			sample{pi.SeatNumber, v.Seat(), nil},
			sample{pi.VIN, v.VIN(), nil},
			sample{pi.PersonName, name, []pi.Attr{{Key: pi.AttrSex, Value: pick([]string{"male", "female", ""})}}},
			sample{pi.MaskedName, pick(testSurnames) + pick([]string{"某", "某某", "*", "**"}), nil},
			sample{pi.Address, addr, nil},
			sample{pi.Place, pick(testVenues), []pi.Attr{{Key: "venue", Value: ""}}[:0]},
			sample{pi.School, pick(testSchools), nil},
			sample{pi.Age, pick([]string{strconv.Itoa(r.IntN(100)) + "岁", "七十多岁", "6个月", "十七岁"}), nil},
		)
		for _, typ := range []pi.Type{pi.Health, pi.Religion, pi.SpecialIdentity, pi.SexualOrientation, pi.CriminalRecord,
			pi.Biometric, pi.Financial, pi.Occupation, pi.Nationality, pi.Trajectory, pi.Organization, pi.Employer,
			pi.Gender, pi.Ethnicity} {
			out = append(out, sample{typ, pick(testFacts[typ]), nil})
		}
	}
	return out
}

// randomUnicode returns n random strings of 2-12 runes from a mix of
// scripts, punctuation, digits and the occasional invalid byte, each
// typed as a random built-in type.
func randomUnicode(seed uint64, n int) []sample {
	r := rand.New(rand.NewPCG(seed, seed+1))
	types := pi.Types()
	ranges := [][2]rune{{'0', '9'}, {'a', 'z'}, {'A', 'Z'}, {0x4e00, 0x9fff}, {0x3000, 0x303f}, {0xff01, 0xff5e},
		{0x0400, 0x04ff}, {0x1f600, 0x1f64f}, {' ', '/'}, {0x0600, 0x06ff}}
	var out []sample
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := 2 + r.IntN(11); k > 0; k-- {
			rg := ranges[r.IntN(len(ranges))]
			b.WriteRune(rg[0] + rune(r.IntN(int(rg[1]-rg[0]+1))))
		}
		s := b.String()
		if r.IntN(20) == 0 {
			s += "\xff\xfe"
		}
		out = append(out, sample{types[r.IntN(len(types))].Type, s, nil})
	}
	return out
}

// opCase is an operator configuration the properties are checked on.
type opCase struct {
	name   string
	params deid.Params
	// hides: the output never contains the original (values of two runes
	// or more).
	hides bool
}

var propertyOps = []opCase{
	{"redact", nil, true},
	{"replace", nil, true},
	{"mask", nil, false},
	{"hash", nil, true},
	{"pseudonym", nil, true},
	{"pseudonym", deid.Params{"scope": "key"}, true},
	{"surrogate", nil, true},
	{"tokenize", nil, true},
	{"generalize", nil, true}, // to per type, see generalizeTo
	{"date_shift", nil, false},
	{"suppress", nil, true},
	{"keep", nil, false},
}

// generalizeTo is the coarsening target tested for each type.
var generalizeTo = map[pi.Type]string{
	pi.Age: "band10", pi.Date: "month", pi.Address: "district", pi.GPSCoordinate: "grid:0.01", pi.School: "level",
	pi.Place: "venue", pi.MobilePhone: "province", pi.LandlinePhone: "city", pi.BankCard: "bank",
	pi.ResidentID: "birth_year+region+age_band",
}

func build(t testing.TB, name string, p deid.Params) deid.Operator {
	t.Helper()
	op, err := deid.NewOperator(name, p)
	if err != nil {
		t.Fatal(err)
	}
	return op
}

func TestPropertiesAllOperators(t *testing.T) {
	samples := append(realistic(1, 30), randomUnicode(2, 3000)...)
	c := deid.NewContext(testKey, testRef)
	counts := map[string]int{}
	for _, oc := range propertyOps {
		for _, s := range samples {
			p := oc.params
			if oc.name == "generalize" {
				to, ok := generalizeTo[s.typ]
				if !ok {
					to = "band10" // not applicable to most types: an error
				}
				p = deid.Params{"to": to}
			}
			op := build(t, oc.name, p)
			out, err := op.Apply(c, s.finding(), s.value)
			if err != nil {
				counts[oc.name+" error"]++
				if out != "" {
					t.Errorf("%s %s %q: output %q with error %v", oc.name, s.typ, s.value, out, err)
				}
				continue
			}
			counts[oc.name+" ok"]++
			if !utf8.ValidString(out) {
				t.Errorf("%s %s %q: invalid UTF-8 %q", oc.name, s.typ, s.value, out)
			}
			// an age band may end at the age itself (69岁 → 60-69岁)
			band := oc.name == "generalize" && s.typ == pi.Age && strings.Contains(out, "-")
			if oc.hides && !band && utf8.RuneCountInString(s.value) >= 2 && strings.Contains(out, s.value) {
				t.Errorf("%s %v %s %q: output %q contains the value", oc.name, p, s.typ, s.value, out)
			}
		}
	}
	t.Logf("outcomes: %v", counts)
	// Every realistic identifier can be tokenized, surrogated, hashed.
	for _, s := range realistic(3, 5) {
		for _, name := range []string{"hash", "surrogate", "mask", "pseudonym"} {
			if _, err := build(t, name, nil).Apply(c, s.finding(), s.value); err != nil && !errors.Is(err, deid.ErrNotApplicable) {
				t.Errorf("%s %s %q: %v", name, s.typ, s.value, err)
			}
		}
	}
}

func TestPropertyTokenizeRoundTrip(t *testing.T) {
	c := deid.NewContext(testKey, testRef)
	for _, keep := range []string{"", "segment", "surname"} {
		p := deid.Params{}
		if keep != "" {
			p["keep"] = keep
		}
		tk := build(t, "tokenize", p).(*deid.Tokenizer)
		ok := 0
		for _, s := range append(realistic(4, 40), randomUnicode(5, 3000)...) {
			tok, err := tk.Apply(c, s.finding(), s.value)
			if err != nil {
				continue
			}
			ok++
			back, err := tk.Detokenize(c, s.typ, tok)
			if err != nil {
				t.Errorf("keep=%s %s %q → %q: detokenize: %v", keep, s.typ, s.value, tok, err)
				continue
			}
			if want := tokenCanonical(s.typ, s.value); tokenCanonical(s.typ, back) != want {
				t.Errorf("keep=%s %s %q → %q → %q", keep, s.typ, s.value, tok, back)
			}
			if utf8.RuneCountInString(tok) != utf8.RuneCountInString(foldWidthTest(strings.ToValidUTF8(s.value, "\uFFFD"))) &&
				s.typ != pi.IPv6 && s.typ != pi.IPv4 {
				t.Errorf("%s %q → %q: length changed", s.typ, s.value, tok)
			}
		}
		if ok < 500 {
			t.Errorf("keep=%s: only %d values tokenized", keep, ok)
		}
	}
}

// tokenCanonical is what tokenizing keeps of a value: widths folded,
// IPs canonical, an e-mail's local part and a plate's serial in one case,
// an ID's check character recomputed.
func tokenCanonical(t pi.Type, v string) string {
	v = foldWidthTest(strings.ToValidUTF8(v, "\uFFFD"))
	switch t {
	case pi.IPv4, pi.IPv6:
		if a, err := netip.ParseAddr(v); err == nil {
			return a.String()
		}
	case pi.Email, pi.WeChatID:
		return strings.ToLower(v)
	case pi.LicensePlate, pi.USCC, pi.VIN:
		return strings.ToUpper(v)
	case pi.ResidentID:
		if len(v) == 18 {
			return v[:17] + string(checksum.ResidentIDCheck(v[:17]))
		}
	}
	return v
}

func foldWidthTest(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFF01 + '!'
		}
		if r == 0x3000 {
			return ' '
		}
		return r
	}, s)
}

func TestPropertySurrogatesValid(t *testing.T) {
	c := deid.NewContext(testKey, testRef)
	plain := build(t, "surrogate", nil)
	keepAll := build(t, "surrogate", deid.Params{"keep": "birth_year+region+segment+surname"})
	ageClass := func(a int) int {
		switch {
		case a < 14:
			return 0
		case a < 18:
			return 1
		case a < 60:
			return 2
		}
		return 3
	}
	for _, s := range realistic(6, 60) {
		for _, op := range []deid.Operator{plain, keepAll} {
			keep := op == keepAll
			out, err := op.Apply(c, s.finding(), s.value)
			if err != nil {
				if !errors.Is(err, deid.ErrNotApplicable) {
					t.Errorf("%s %q: %v", s.typ, s.value, err)
				}
				continue
			}
			again, _ := op.Apply(c, s.finding(), s.value)
			if again != out {
				t.Errorf("%s %q: surrogate %q then %q", s.typ, s.value, out, again)
			}
			bad := func(why string) { t.Errorf("keep=%v %s %q → %q: %s", keep, s.typ, s.value, out, why) }
			switch s.typ {
			case pi.ResidentID:
				if len(s.value) == 15 {
					if len(out) != 15 || !zh.ValidRegionCode(out[:6]) {
						bad("bad 15-digit ID")
					}
					break
				}
				if !checksum.ResidentID(out) || !zh.ValidRegionCode(out[:6]) {
					bad("fails ISO 7064 or region")
				}
				b1, err1 := time.Parse("20060102", s.value[6:14])
				b2, err2 := time.Parse("20060102", out[6:14])
				if err1 != nil || err2 != nil {
					bad("birth date")
					break
				}
				a1, a2 := age(b1), age(b2)
				if ageClass(a1) != ageClass(a2) {
					bad(fmt.Sprintf("age class changed: %d → %d", a1, a2))
				}
				if (s.value[16]-'0')%2 != (out[16]-'0')%2 {
					bad("sex changed")
				}
				if keep && (b1.Year() != b2.Year() || a1 != a2 || out[:6] != s.value[:6]) {
					bad("birth year, age or region not kept")
				}
			case pi.BankCard:
				d := digits(out)
				if !checksum.Luhn(d) || d[:6] != digits(s.value)[:6] || len(d) != len(digits(s.value)) {
					bad("Luhn, BIN or length")
				}
				b1, _ := zh.LookupBIN(digits(s.value))
				b2, _ := zh.LookupBIN(d)
				if b1.Bank != b2.Bank {
					bad("bank changed: " + b1.Bank + " → " + b2.Bank)
				}
			case pi.MobilePhone:
				d := digits(out)
				if strings.HasPrefix(s.value, "+86") {
					d = d[2:]
				}
				if len(d) != 11 || zh.MobileNumberLength(d) != 11 {
					bad("not a mobile number")
				}
				if keep && d[:3] != digits(s.value)[len(digits(s.value))-11:][:3] {
					bad("segment not kept")
				}
			case pi.USCC:
				if !checksum.USCC(out) {
					bad("GB 32100 check")
				}
			case pi.VIN:
				if !checksum.VIN(out) || out[:3] != s.value[:3] {
					bad("ISO 3779 check or WMI")
				}
			case pi.IMEI:
				if !checksum.Luhn(out) {
					bad("Luhn")
				}
			case pi.TaiwanID:
				if !checksum.TaiwanID(out) {
					bad("Taiwan ID check")
				}
			case pi.HKID:
				if len(out) < 10 || !checksum.HKID(out[:len(out)-3], out[len(out)-2]) {
					bad("HKID check")
				}
			case pi.LicensePlate:
				r1, _ := utf8.DecodeRuneInString(s.value)
				r2, _ := utf8.DecodeRuneInString(out)
				if _, ok := zh.PlateRegion(out); r1 != r2 || !ok || len(out) != len(s.value) {
					bad("province or office")
				}
			case pi.IPv4, pi.IPv6:
				a1, _ := netip.ParseAddr(s.value)
				a2, err := netip.ParseAddr(out)
				if err != nil || a1.Is4() != a2.Is4() || a1.IsPrivate() != a2.IsPrivate() {
					bad("not an address of the same kind")
				}
			case pi.Email:
				if strings.Count(out, "@") != 1 {
					bad("not an e-mail")
				}
			case pi.PersonName:
				n1 := zh.SurnameAt(s.value)
				if keep && out[:n1] != s.value[:n1] {
					bad("surname not kept")
				}
				if utf8.RuneCountInString(out[zh.SurnameAt(out):]) != utf8.RuneCountInString(s.value[n1:]) {
					bad("given name length changed")
				}
			case pi.Date:
				if len(digits(out)) < len(digits(s.value))-1 {
					bad("form changed")
				}
			}
		}
	}
}

// age is the age on testRef of a person born on birth, by month and day
// (a day of the year is one later after February in a leap year).
func age(birth time.Time) int {
	a := testRef.Year() - birth.Year()
	if testRef.Month() < birth.Month() || testRef.Month() == birth.Month() && testRef.Day() < birth.Day() {
		a--
	}
	return a
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func TestPropertyPseudonymConsistent(t *testing.T) {
	for _, scope := range []string{"document", "key"} {
		c := deid.NewContext(testKey, testRef)
		op := build(t, "pseudonym", deid.Params{"scope": scope})
		seen := map[string]string{} // pseudonym → value
		names := realistic(7, 200)
		for _, s := range names {
			if s.typ != pi.PersonName {
				continue
			}
			p1, err := op.Apply(c, s.finding(), s.value)
			if err != nil {
				t.Fatal(err)
			}
			p2, _ := op.Apply(c, s.finding(), s.value)
			if p1 != p2 {
				t.Errorf("%s: %q then %q", s.value, p1, p2)
			}
			if v, ok := seen[p1]; ok && v != s.value {
				t.Errorf("scope=%s: %q and %q share %q", scope, v, s.value, p1)
			}
			seen[p1] = s.value
		}
		if len(seen) < 50 {
			t.Errorf("only %d distinct names", len(seen))
		}
	}
}

func TestPropertyIdempotent(t *testing.T) {
	c := deid.NewContext(testKey, testRef)
	samples := append(realistic(8, 30), randomUnicode(9, 2000)...)
	masks := []deid.Operator{build(t, "mask", nil), build(t, "mask", deid.Params{"keep": "last4", "char": "×"}),
		build(t, "mask", deid.Params{"level": "city"})}
	for _, s := range samples {
		for _, m := range masks {
			once, err := m.Apply(c, s.finding(), s.value)
			if err != nil {
				t.Fatal(err)
			}
			twice, _ := m.Apply(c, s.finding(), once)
			if once != twice {
				t.Errorf("mask %s %q → %q → %q", s.typ, s.value, once, twice)
			}
		}
		to, ok := generalizeTo[s.typ]
		if !ok {
			continue
		}
		g := build(t, "generalize", deid.Params{"to": to})
		once, err := g.Apply(c, s.finding(), s.value)
		if err != nil {
			t.Errorf("generalize %s %q: %v", s.typ, s.value, err)
			continue
		}
		twice, err := g.Apply(c, s.finding(), once)
		if err != nil || once != twice {
			t.Errorf("generalize to=%s %s %q → %q → %q (%v)", to, s.typ, s.value, once, twice, err)
		}
	}
}

// The same key and the same order of values give the same output in a
// fresh Context: runs are reproducible.
func TestPropertyDeterministic(t *testing.T) {
	samples := realistic(10, 10)
	run := func() []string {
		c := deid.NewContext(testKey, testRef)
		var out []string
		for _, oc := range propertyOps {
			p := oc.params
			if oc.name == "generalize" {
				p = deid.Params{"to": "band10"}
			}
			op := build(t, oc.name, p)
			for _, s := range samples {
				v, err := op.Apply(c, s.finding(), s.value)
				out = append(out, v+fmt.Sprint(err))
			}
		}
		return out
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("run 1 %q, run 2 %q", a[i], b[i])
		}
	}
	// Another key gives other keyed values.
	c1 := deid.NewContext(testKey, testRef)
	c2 := deid.NewContext([]byte("another-key-0123456789abcdefghij"), testRef)
	h := build(t, "hash", nil)
	f := &pi.Finding{Type: pi.MobilePhone}
	x, _ := h.Apply(c1, f, "13800138000")
	y, _ := h.Apply(c2, f, "13800138000")
	if x == y {
		t.Error("two keys give the same hash")
	}
}
