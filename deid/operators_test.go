package deid_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

// pinnedKey is the key the pinned outputs below were made with. Tokens
// must stay reversible across versions: if a pinned token changes, the
// key derivation or the cipher changed and old tokens can no longer be
// detokenized.
var pinnedKey = []byte("0123456789abcdef0123456789abcdef")

type opTest struct {
	name   string
	op     string
	params deid.Params
	typ    pi.Type
	attrs  []pi.Attr
	value  string
	want   string
}

func runOpTests(t *testing.T, tests []opTest) {
	t.Helper()
	c := deid.NewContext(pinnedKey, testRef)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			op := build(t, tc.op, tc.params)
			got, err := op.Apply(c, &pi.Finding{Type: tc.typ, Attrs: tc.attrs}, tc.value)
			if err != nil {
				t.Fatalf("%s(%q): %v", tc.op, tc.value, err)
			}
			if got != tc.want {
				t.Errorf("%s %v (%s) %q = %q, want %q", tc.op, tc.params, tc.typ, tc.value, got, tc.want)
			}
		})
	}
}

func TestMask(t *testing.T) {
	district := []pi.Attr{{Key: "province", Value: "四川省"}, {Key: "city", Value: "成都市"}, {Key: "district", Value: "郫都区"}, {Key: "town", Value: "犀浦镇"}}
	runOpTests(t, []opTest{
		{"mobile", "mask", nil, pi.MobilePhone, nil, "13812345678", "138****5678"},
		{"mobile with +86 and dashes", "mask", nil, pi.MobilePhone, nil, "+86 138-1234-5678", "+86 138-****-5678"},
		{"mobile 0086", "mask", nil, pi.MobilePhone, nil, "008613812345678", "0086138****5678"},
		{"resident ID", "mask", nil, pi.ResidentID, nil, "110105194912313008", "110105********3008"},
		{"resident ID with X", "mask", nil, pi.ResidentID, nil, "11010519491231002X", "110105********002X"},
		{"resident ID last4", "mask", deid.Params{"keep": "last4"}, pi.ResidentID, nil, "110105194912313008", "**************3008"},
		{"resident ID other char", "mask", deid.Params{"char": "×"}, pi.ResidentID, nil, "110105194912313008", "110105××××××××3008"},
		{"bank card spaced", "mask", nil, pi.BankCard, nil, "6222 0212 3456 7890 128", "6222 02** **** ***0 128"},
		{"bank card last4", "mask", deid.Params{"keep": "last4"}, pi.BankCard, nil, "6222021234567890", "************7890"},
		{"landline", "mask", nil, pi.LandlinePhone, nil, "028-87654321", "028-********"},
		{"landline 4-digit area", "mask", nil, pi.LandlinePhone, nil, "0755 2345678", "0755 *******"},
		{"name 2 chars", "mask", nil, pi.PersonName, nil, "张三", "张*"},
		{"name 3 chars", "mask", nil, pi.PersonName, nil, "张三丰", "张**"},
		{"compound surname", "mask", nil, pi.PersonName, nil, "欧阳小明", "欧阳**"},
		{"compound surname short", "mask", nil, pi.PersonName, nil, "欧阳修", "欧阳*"},
		{"surname from attribute", "mask", nil, pi.PersonName, []pi.Attr{{Key: "surname", Value: "东"}}, "东方明", "东**"},
		{"surname alone", "mask", nil, pi.PersonName, nil, "王", "王"},
		{"masked name stays", "mask", nil, pi.MaskedName, nil, "张某某", "张某某"},
		{"masked person name stays", "mask", nil, pi.PersonName, nil, "李*", "李*"},
		{"minority name", "mask", nil, pi.PersonName, nil, "买买提·艾力", "买**·**"},
		{"email", "mask", nil, pi.Email, nil, "zhangsan@163.com", "z***@163.com"},
		{"address district", "mask", nil, pi.Address, district, "四川省成都市郫都区犀浦镇百草路12号", "四川省成都市郫都区****"},
		{"address city", "mask", deid.Params{"level": "city"}, pi.Address, district, "四川省成都市郫都区犀浦镇百草路12号", "四川省成都市****"},
		{"address town", "mask", deid.Params{"level": "town"}, pi.Address, district, "四川省成都市郫都区犀浦镇百草路12号", "四川省成都市郫都区犀浦镇****"},
		{"address without attributes", "mask", nil, pi.Address, nil, "四川省成都市郫都区犀浦镇百草路12号", "四川省成都市郫都区****"},
		{"address short names", "mask", nil, pi.Address, nil, "北京朝阳区建国路88号", "北京朝阳区****"},
		{"address city first", "mask", nil, pi.Address, nil, "成都市郫都区百草路12号", "成都市郫都区****"},
		{"address old town name", "mask", deid.Params{"level": "town"}, pi.Address, nil, "四川省成都市郫都区犀浦镇百草路12号", "四川省成都市郫都区犀浦镇****"},
		{"address unknown", "mask", nil, pi.Address, nil, "某小区3栋2单元", "********"},
		{"plate", "mask", nil, pi.LicensePlate, nil, "川A·12345", "川A·***45"},
		{"plate new energy", "mask", nil, pi.LicensePlate, nil, "粤BD12345", "粤B****45"},
		{"date", "mask", nil, pi.Date, nil, "2020年1月2日", "****年*月*日"},
		{"ISO date", "mask", nil, pi.Date, nil, "2020-01-02", "****-**-**"},
		{"IPv4", "mask", nil, pi.IPv4, nil, "192.168.1.10", "192.168.*.*"},
		{"URL", "mask", nil, pi.URL, nil, "https://weibo.com/u/12345678", "https://weibo.com/***"},
		{"passport quarter", "mask", nil, pi.Passport, nil, "E12345678", "E1*****78"},
		{"school free text", "mask", nil, pi.School, nil, "成都市第七中学", "*******"},
		{"none", "mask", deid.Params{"keep": "none"}, pi.MobilePhone, nil, "138-1234-5678", "***-****-****"},
	})
}

func TestReplaceRedactKeepSuppress(t *testing.T) {
	runOpTests(t, []opTest{
		{"name", "replace", nil, pi.PersonName, nil, "张三", "[姓名]"},
		{"masked name", "replace", nil, pi.MaskedName, nil, "张某", "[姓名]"},
		{"ID", "replace", nil, pi.ResidentID, nil, "110105194912313008", "[身份证号]"},
		{"mobile", "replace", nil, pi.MobilePhone, nil, "13812345678", "[手机号]"},
		{"address", "replace", nil, pi.Address, nil, "四川省成都市郫都区犀浦镇", "[地址]"},
		{"school", "replace", nil, pi.School, nil, "某小学", "[学校]"},
		{"employer", "replace", nil, pi.Employer, nil, "华西医院", "[单位]"},
		{"place", "replace", nil, pi.Place, nil, "永辉超市", "[地点]"},
		{"date", "replace", nil, pi.Date, nil, "1月2日", "[日期]"},
		{"age", "replace", nil, pi.Age, nil, "45岁", "[年龄]"},
		{"custom type", "replace", nil, pi.Type("employee_number"), nil, "A12345", "[个人信息]"},
		{"label", "replace", deid.Params{"label": "某人"}, pi.PersonName, nil, "张三", "某人"},
		{"template type", "replace", deid.Params{"template": "{type}"}, pi.PersonName, nil, "张三", "person_name"},
		{"template category", "replace", deid.Params{"template": "[{category}]"}, pi.ResidentID, nil, "110105194912313008", "[PI.ID.NUMBER]"},
		{"template label", "replace", deid.Params{"template": "<{label}>"}, pi.MobilePhone, nil, "13812345678", "<手机号>"},
		{"redact", "redact", nil, pi.PersonName, nil, "张三", ""},
		{"keep", "keep", nil, pi.Place, nil, "永辉超市", "永辉超市"},
		{"keep repairs UTF-8", "keep", nil, pi.Place, nil, "永辉\xff超市", "永辉\uFFFD超市"},
	})
	c := deid.NewContext(nil, testRef)
	sup := build(t, "suppress", nil)
	if c.Suppressed() {
		t.Fatal("suppressed before any suppress")
	}
	out, err := sup.Apply(c, &pi.Finding{Type: pi.Health}, "确诊")
	if err != nil || out != "" || !c.Suppressed() {
		t.Fatalf("suppress = %q, %v, flag %v", out, err, c.Suppressed())
	}
	if !c.TakeSuppressed() || c.TakeSuppressed() || c.Suppressed() {
		t.Error("TakeSuppressed does not report once and clear")
	}
	sup.Apply(c, nil, "x")
	c.NewDocument()
	if c.Suppressed() {
		t.Error("a new document keeps the flag")
	}
}

func TestPseudonym(t *testing.T) {
	c := deid.NewContext(nil, testRef)
	op := build(t, "pseudonym", nil)
	name := func(v string, attrs ...pi.Attr) *pi.Finding {
		return &pi.Finding{Type: pi.PersonName, Attrs: attrs}
	}
	seq := []struct{ value, want string }{
		{"张三", "人员A"}, {"李四", "人员B"}, {"张三", "人员A"}, {"张 三", "人员A"}, {"王五", "人员C"}, {"李四", "人员B"},
	}
	for _, s := range seq {
		got, err := op.Apply(c, name(s.value), s.value)
		if err != nil || got != s.want {
			t.Errorf("%s = %q (%v), want %q", s.value, got, err, s.want)
		}
	}
	// A second operator with the same style shares the numbering: 张三 is
	// 人员A in every line of the profile.
	masked := build(t, "pseudonym", deid.Params{"style": "人员{n}"})
	if got, _ := masked.Apply(c, &pi.Finding{Type: pi.MaskedName}, "张三"); got != "人员A" {
		t.Errorf("other operator: 张三 = %q", got)
	}
	// A new document starts again.
	c.NewDocument()
	if got, _ := op.Apply(c, name("王五"), "王五"); got != "人员A" {
		t.Errorf("new document: 王五 = %q, want 人员A", got)
	}
	// A given name alone is the person whose full name came before (a
	// given name seen first keeps its own).
	c.NewDocument()
	for _, s := range []struct{ value, want string }{{"小明", "人员A"}, {"张小雨", "人员B"}, {"小雨", "人员B"}, {"王小明", "人员C"}, {"小明", "人员A"}} {
		if got, _ := op.Apply(c, name(s.value), s.value); got != s.want {
			t.Errorf("given names: %s = %q, want %q", s.value, got, s.want)
		}
	}
	// 27 values: Z then AA.
	c.NewDocument()
	var last string
	for i := 0; i < 28; i++ {
		v := string(rune('甲'+i)) + "某"
		last, _ = op.Apply(c, name(v), v)
		if i == 25 && last != "人员Z" {
			t.Errorf("26th = %q", last)
		}
	}
	if last != "人员AB" {
		t.Errorf("28th = %q, want 人员AB", last)
	}

	styles := []struct {
		style string
		value string
		attrs []pi.Attr
		want  string
	}{
		{"某{sex}", "张三", []pi.Attr{{Key: pi.AttrSex, Value: "male"}}, "某男"},
		{"某{sex}", "李梅", []pi.Attr{{Key: pi.AttrSex, Value: "female"}}, "某女"},
		{"某{sex}", "赵六", nil, "某人"},
		{"某{sex}", "李", []pi.Attr{{Key: "title", Value: "先生"}}, "某"},
		{"{surname}某", "张三", nil, "张某"},
		{"{surname}某", "欧阳修", nil, "欧阳某"},
		{"{surname}某{n}", "张三", nil, "张某A"},
		{"病例{i}", "张三", nil, "病例1"},
		{"病例{i}", "李四", nil, "病例2"},
	}
	c.NewDocument()
	for _, s := range styles {
		op := build(t, "pseudonym", deid.Params{"style": s.style})
		got, err := op.Apply(c, &pi.Finding{Type: pi.PersonName, Attrs: s.attrs}, s.value)
		if err != nil || got != s.want {
			t.Errorf("style %s %s = %q (%v), want %q", s.style, s.value, got, err, s.want)
		}
	}
	// The sex seen first stays: a later mention without it is still 某男.
	sex := build(t, "pseudonym", deid.Params{"style": "某{sex}"})
	if got, _ := sex.Apply(c, &pi.Finding{Type: pi.PersonName}, "张三"); got != "某男" {
		t.Errorf("later mention = %q", got)
	}
	// Two people share a masked value: 李某, male, then 李某, female, are
	// two pseudonyms; a mention without a sex takes the latest.
	c.NewDocument()
	num := build(t, "pseudonym", deid.Params{"style": "小{n}"})
	male := &pi.Finding{Type: pi.MaskedName, Attrs: []pi.Attr{{Key: pi.AttrSex, Value: "male"}}}
	female := &pi.Finding{Type: pi.MaskedName, Attrs: []pi.Attr{{Key: pi.AttrSex, Value: "female"}}}
	m, _ := num.Apply(c, male, "李某")
	w, _ := num.Apply(c, female, "李某")
	again, _ := num.Apply(c, &pi.Finding{Type: pi.MaskedName}, "李某")
	m2, _ := num.Apply(c, male, "李某")
	if m != "小A" || w != "小B" || again != "小B" || m2 != "小A" {
		t.Errorf("李某 male %q, female %q, without sex %q, male again %q", m, w, again, m2)
	}

	// scope=key: the same in every document, and needs the key.
	keyed := build(t, "pseudonym", deid.Params{"scope": "key"})
	if _, err := keyed.Apply(c, name("张三"), "张三"); !errors.Is(err, deid.ErrNoKey) {
		t.Errorf("scope=key without a key: %v", err)
	}
	ck := deid.NewContext(pinnedKey, testRef)
	a, _ := keyed.Apply(ck, name("张三"), "张三")
	ck.NewDocument()
	b, _ := keyed.Apply(ck, name("张三"), "张三")
	if a != b || !strings.HasPrefix(a, "人员") || len(a) != len("人员")+5 {
		t.Errorf("scope=key: %q then %q", a, b)
	}
}

func TestHash(t *testing.T) {
	c := deid.NewContext(pinnedKey, testRef)
	h := build(t, "hash", nil)
	f := &pi.Finding{Type: pi.MobilePhone}
	a, _ := h.Apply(c, f, "13812345678")
	b, _ := h.Apply(c, f, "+86 138-1234-5678")
	n, _ := h.Apply(c, &pi.Finding{Type: pi.MobilePhone, Attrs: []pi.Attr{{Key: pi.AttrNormalized, Value: "13812345678"}}}, "138 1234 5678")
	if a != "5734f6551fa2356d" || a != b || a != n {
		t.Errorf("hash = %q, %q, %q; want 5734f6551fa2356d for each", a, b, n)
	}
	long := build(t, "hash", deid.Params{"length": "64", "prefix": "ID_"})
	if got, _ := long.Apply(c, f, "13812345678"); len(got) != 67 || !strings.HasPrefix(got, "ID_"+a) {
		t.Errorf("length=64 prefix=ID_: %q", got)
	}
	if _, err := h.Apply(deid.NewContext(nil, testRef), f, "13812345678"); !errors.Is(err, deid.ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
	short := deid.NewContext([]byte("short"), testRef)
	if _, err := h.Apply(short, f, "13812345678"); err == nil || strings.Contains(err.Error(), "short\"") {
		t.Errorf("short key: %v", err)
	}
}

func TestTokenizePinned(t *testing.T) {
	c := deid.NewContext(pinnedKey, testRef)
	tests := []struct {
		keep  string
		typ   pi.Type
		value string
		token string
	}{
		{"", pi.ResidentID, "11010519491231002X", "013960102392653665"},
		{"", pi.MobilePhone, "+86 138-1234-5678", "+86 102-0003-4501"},
		{"", pi.PersonName, "张三", "梯摸"},
		{"surname", pi.PersonName, "欧阳小明", "欧阳袋眺"},
		{"", pi.Email, "zhang.san88@163.com", "75h6n.awgs6@163.com"},
		{"", pi.IPv6, "240e:3a1:4c2::1", "4d28:1761:34d2:6173:54a3:ab1d:6d39:a73d"},
		{"", pi.LicensePlate, "川A·12345", "川A·MT08E"},
	}
	for _, tc := range tests {
		p := deid.Params{}
		if tc.keep != "" {
			p["keep"] = tc.keep
		}
		tk := build(t, "tokenize", p).(*deid.Tokenizer)
		got, err := tk.Apply(c, &pi.Finding{Type: tc.typ}, tc.value)
		if err != nil || got != tc.token {
			t.Errorf("tokenize %s %q = %q (%v), want %q", tc.typ, tc.value, got, err, tc.token)
		}
		back, err := tk.Detokenize(c, tc.typ, tc.token)
		if err != nil || back != tc.value {
			t.Errorf("detokenize %s %q = %q (%v), want %q", tc.typ, tc.token, back, err, tc.value)
		}
	}
}

func TestTokenizeFormats(t *testing.T) {
	c := deid.NewContext(pinnedKey, testRef)
	tk := build(t, "tokenize", nil).(*deid.Tokenizer)
	seg := build(t, "tokenize", deid.Params{"keep": "segment"}).(*deid.Tokenizer)
	apply := func(tk *deid.Tokenizer, typ pi.Type, v string) string {
		t.Helper()
		out, err := tk.Apply(c, &pi.Finding{Type: typ}, v)
		if err != nil {
			t.Fatalf("%s %q: %v", typ, v, err)
		}
		return out
	}
	if id := apply(tk, pi.ResidentID, "110105194912313008"); !checksum.ResidentID(id) || id == "110105194912313008" {
		t.Errorf("ID token %q does not pass ISO 7064", id)
	}
	// a pupil's student number: G and the ID number, the letter kept
	if id := apply(tk, pi.ResidentID, "G110105194912313001"); id[0] != 'G' || !checksum.ResidentID(id[1:]) {
		t.Errorf("student number token %q", id)
	} else if back, err := tk.Detokenize(c, pi.ResidentID, id); err != nil || back != "G110105194912313001" {
		t.Errorf("student number back %q, %v", back, err)
	}
	if m := apply(seg, pi.MobilePhone, "13812345678"); len(m) != 11 || m[:3] != "138" {
		t.Errorf("keep=segment: %q", m)
	}
	if m := apply(tk, pi.MobilePhone, "138 1234 5678"); len(m) != 13 || m[0] != '1' || m[3] != ' ' || m[8] != ' ' {
		t.Errorf("separators: %q", m)
	}
	card := apply(tk, pi.BankCard, "6222021234567890128")
	if !checksum.Luhn(card) || card[:6] != "622202" || len(card) != 19 {
		t.Errorf("card token %q: Luhn or BIN", card)
	}
	if l := apply(tk, pi.LandlinePhone, "028-87654321"); !strings.HasPrefix(l, "028-") || len(l) != 12 {
		t.Errorf("landline: %q", l)
	}
	// a value printed masked has nothing left to encrypt: it stays
	mf := &pi.Finding{Type: pi.MobilePhone, Attrs: []pi.Attr{{Key: pi.AttrMasked, Value: "true"}}}
	if m, err := tk.Apply(c, mf, "138****5678"); err != nil || m != "138****5678" {
		t.Errorf("masked mobile: %q, %v", m, err)
	}
	// Hong Kong, Macao, Taiwan: the country code and the first local digit stay
	for _, tt := range []struct {
		typ  pi.Type
		v, p string
	}{{pi.MobilePhone, "+852 9123 4567", "+852 9"}, {pi.MobilePhone, "00853 6612 3456", "00853 6"},
		{pi.LandlinePhone, "+886-2-2345-6789", "+886-2-"}, {pi.MobilePhone, "0912-345-678", "09"},
		{pi.MobilePhone, "9123 4567", "9"}, {pi.LandlinePhone, "2345 6789", "2"}} {
		tok := apply(tk, tt.typ, tt.v)
		if !strings.HasPrefix(tok, tt.p) || len(tok) != len(tt.v) || tok == tt.v {
			t.Errorf("%s %q: token %q", tt.typ, tt.v, tok)
		}
		if back, err := tk.Detokenize(c, tt.typ, tok); err != nil || back != tt.v {
			t.Errorf("%s %q: back %q, %v", tt.typ, tok, back, err)
		}
	}
	if u := apply(tk, pi.USCC, "91510100MA61R0XQ4L"); !checksum.USCC(u) || u[:2] != "91" {
		t.Errorf("USCC token %q", u)
	}
	if v := apply(tk, pi.VIN, "LSVAU2180N2183294"); !checksum.VIN(v) || v[:3] != "LSV" {
		t.Errorf("VIN token %q", v)
	}
	if m := apply(tk, pi.MACAddress, "3c:22:fb:1a:2b:3c"); len(m) != 17 || m[2] != ':' || strings.ToLower(m) != m {
		t.Errorf("MAC token %q", m)
	}
	// a device's UUID stays a UUID of the same case; an IMSI's digits
	// are digits
	for _, d := range []string{"6D92078A-8246-4BA4-AE5B-76104861E7DC", "9774d56d682e549c", "460001234567890"} {
		tok := apply(tk, pi.DeviceID, d)
		shape := func(s string) string {
			return strings.Map(func(r rune) rune {
				switch {
				case r >= '0' && r <= '9':
					return '9'
				case r >= 'a' && r <= 'f':
					return 'a'
				case r >= 'A' && r <= 'F':
					return 'A'
				}
				return r
			}, s)
		}
		if tok == d || len(tok) != len(d) || strings.ContainsAny(tok, "ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ") ||
			strings.ToUpper(tok) == tok != (strings.ToUpper(d) == d) || len(digits(d)) == len(d) && shape(tok) != shape(d) {
			t.Errorf("device token %q of %q", tok, d)
		}
		if back, err := tk.Detokenize(c, pi.DeviceID, tok); err != nil || back != d {
			t.Errorf("device %q: back %q, %v", tok, back, err)
		}
	}
	// an account id: letters and digits in place, reversible with its case
	for _, a := range []string{"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "u_10086"} {
		tok := apply(tk, pi.AccountID, a)
		if tok == a || len(tok) != len(a) || strings.IndexByte(tok, '_') != strings.IndexByte(a, '_') {
			t.Errorf("account token %q of %q", tok, a)
		}
		if back, err := tk.Detokenize(c, pi.AccountID, tok); err != nil || back != a {
			t.Errorf("account %q: back %q, %v", tok, back, err)
		}
	}
	if g := apply(tk, pi.GPSCoordinate, "30.657421,104.065735"); !strings.HasPrefix(g, "30.") || !strings.Contains(g, ",104.") {
		t.Errorf("GPS token %q", g)
	}
	if n := apply(tk, pi.MaskedName, "司马某某"); n != "司马某某" && !strings.HasSuffix(n, "某某") {
		t.Errorf("masked name: %q", n)
	}
	// Too small a domain, unsupported types, wrong shapes.
	for _, bad := range []struct {
		typ pi.Type
		v   string
		is  error
	}{
		{pi.PersonName, "王", deid.ErrDomainTooSmall},
		{pi.TrainNumber, "G1234", deid.ErrDomainTooSmall},
		{pi.Date, "2020年1月2日", deid.ErrNotApplicable},
		{pi.Address, "四川省成都市", deid.ErrNotApplicable},
		{pi.MobilePhone, "2381234567", nil},
	} {
		_, err := tk.Apply(c, &pi.Finding{Type: bad.typ}, bad.v)
		if err == nil || bad.is != nil && !errors.Is(err, bad.is) {
			t.Errorf("%s %q: error %v, want %v", bad.typ, bad.v, err, bad.is)
		}
	}
	if _, err := tk.Apply(deid.NewContext(nil, testRef), &pi.Finding{Type: pi.MobilePhone}, "13812345678"); !errors.Is(err, deid.ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
	// A token detokenized under another key is not the value.
	other := deid.NewContext([]byte("another-key-0123456789abcdefghij"), testRef)
	tok := apply(tk, pi.MobilePhone, "13812345678")
	if back, _ := tk.Detokenize(other, pi.MobilePhone, tok); back == "13812345678" {
		t.Error("another key reverses the token")
	}
}

func TestGeneralize(t *testing.T) {
	pixian := []pi.Attr{{Key: pi.AttrRegionCode, Value: "510117"}}
	runOpTests(t, []opTest{
		{"age band10", "generalize", deid.Params{"to": "band10"}, pi.Age, nil, "45岁", "40-49岁"},
		{"age band5", "generalize", deid.Params{"to": "band5"}, pi.Age, nil, "47岁", "45-49岁"},
		{"age Chinese numerals", "generalize", deid.Params{"to": "band10"}, pi.Age, nil, "七十多岁", "70-79岁"},
		{"age months", "generalize", deid.Params{"to": "band10"}, pi.Age, nil, "6个月", "0-9岁"},
		{"age attribute", "generalize", deid.Params{"to": "band10"}, pi.Age, []pi.Attr{{Key: "years", Value: "23"}}, "二十三岁", "20-29岁"},
		{"age custom bands", "generalize", deid.Params{"to": "band:0-13,14-17,18-59,60+"}, pi.Age, nil, "16周岁", "14-17岁"},
		{"age range in one band", "generalize", deid.Params{"to": "band5"}, pi.Age, []pi.Attr{{Key: "age_band", Value: "16-17"}}, "已满十六周岁不满十八周岁", "15-19岁"},
		{"age range across bands", "generalize", deid.Params{"to": "band5"}, pi.Age, []pi.Attr{{Key: "age_band", Value: "0-13"}}, "未满十四周岁", "0-14岁"},
		{"age range, custom bands", "generalize", deid.Params{"to": "band:0-13,14-17,18+"}, pi.Age, []pi.Attr{{Key: "age_band", Value: "0-17"}}, "不满18周岁", "0-17岁"},
		{"age range into an open band", "generalize", deid.Params{"to": "band:0-13,14-17,18+"}, pi.Age, []pi.Attr{{Key: "age_band", Value: "16-19"}}, "十六至十九岁", "14岁及以上"},
		{"age custom open band", "generalize", deid.Params{"to": "band:0-13,14-17,18-59,60+"}, pi.Age, nil, "八旬", "60岁及以上"},
		{"date month", "generalize", deid.Params{"to": "month"}, pi.Date, nil, "2020年1月2日", "2020年1月"},
		{"ISO date month", "generalize", deid.Params{"to": "month"}, pi.Date, nil, "2020-01-02", "2020年1月"},
		{"date week", "generalize", deid.Params{"to": "week"}, pi.Date, nil, "2020年1月15日", "2020年第3周"},
		{"date ISO week year", "generalize", deid.Params{"to": "week"}, pi.Date, nil, "2021-01-01", "2020年第53周"},
		{"date year", "generalize", deid.Params{"to": "year"}, pi.Date, nil, "2020/1/2", "2020年"},
		{"date day drops time", "generalize", deid.Params{"to": "day"}, pi.Date, nil, "2020年1月2日19时30分", "2020年1月2日"},
		{"half-day evening", "generalize", deid.Params{"to": "half-day"}, pi.Date, nil, "2020年1月2日19时", "2020年1月2日下午"},
		{"half-day morning word", "generalize", deid.Params{"to": "half-day"}, pi.Date, nil, "1月2日上午9时30分", "1月2日上午"},
		{"half-day ISO", "generalize", deid.Params{"to": "half-day"}, pi.Date, nil, "2020-01-02T10:00", "2020-01-02上午"},
		{"month without year", "generalize", deid.Params{"to": "month"}, pi.Date, nil, "1月2日", "1月"},
		{"birth date band", "generalize", deid.Params{"to": "band10"}, pi.Date, nil, "1990年3月4日", "30-39岁"},
		{"address district", "generalize", deid.Params{"to": "district"}, pi.Address, nil, "四川省成都市郫都区犀浦镇百草路12号3栋", "四川省成都市郫都区"},
		{"address city from code", "generalize", deid.Params{"to": "city"}, pi.Address, pixian, "郫都区犀浦镇百草路12号", "四川省成都市"},
		{"address province", "generalize", deid.Params{"to": "province"}, pi.Address, nil, "成都市郫都区百草路12号", "四川省"},
		{"address municipality", "generalize", deid.Params{"to": "district"}, pi.Address, nil, "北京朝阳区建国路88号", "北京市朝阳区"},
		{"address town", "generalize", deid.Params{"to": "town"}, pi.Address, nil, "四川省成都市郫都区犀浦镇百草路12号", "四川省成都市郫都区犀浦街道"},
		{"address unknown", "generalize", deid.Params{"to": "district"}, pi.Address, nil, "某小区3栋2单元", "[地址]"},
		{"address down to the venue", "generalize", deid.Params{"to": "poi"}, pi.Address,
			[]pi.Attr{{Key: "district", Value: "郫都区"}, {Key: "poi", Value: "幸福小区"}, {Key: "houseno", Value: "3栋"}, {Key: "cellno", Value: "2单元"}},
			"郫都区幸福小区3栋2单元", "郫都区幸福小区"},
		{"address venue without units", "generalize", deid.Params{"to": "poi"}, pi.Address,
			[]pi.Attr{{Key: "district", Value: "成华区"}, {Key: "poi", Value: "某酒吧"}}, "成华区建设路某酒吧", "成华区建设路某酒吧"},
		{"address of units only", "generalize", deid.Params{"to": "poi"}, pi.Address,
			[]pi.Attr{{Key: "houseno", Value: "3栋"}}, "3栋", "[地址]"},
		{"ID birth year and region", "generalize", deid.Params{"to": "birth_year+region"}, pi.ResidentID, nil, "510117195112310021", "1951年生，四川省成都市"},
		{"ID region district", "generalize", deid.Params{"to": "region", "level": "district"}, pi.ResidentID, nil, "510117195112310021", "四川省成都市郫都区"},
		{"ID age band", "generalize", deid.Params{"to": "age_band"}, pi.ResidentID, nil, "510117195112310021", "70-79岁"},
		{"ID old region code", "generalize", deid.Params{"to": "region"}, pi.ResidentID, nil, "110103194912313002", "北京市"},
		{"ID custom band", "generalize", deid.Params{"to": "band:0-13,14-17,18+"}, pi.ResidentID, []pi.Attr{{Key: pi.AttrAge, Value: "12"}}, "510117201201010021", "0-13岁"},
		{"GPS grid", "generalize", deid.Params{"to": "grid:0.01"}, pi.GPSCoordinate, nil, "30.657421,104.065735", "30.66,104.07"},
		{"GPS grid 0.1 with space", "generalize", deid.Params{"to": "grid:0.1"}, pi.GPSCoordinate, nil, "30.657421, 104.065735", "30.7, 104.1"},
		{"school level attribute", "generalize", deid.Params{"to": "level"}, pi.School, []pi.Attr{{Key: "level", Value: "primary"}}, "犀浦镇某小学四年级", "某小学"},
		{"school level text", "generalize", deid.Params{"to": "level"}, pi.School, nil, "成都市第七中学初二(3)班", "某中学"},
		{"school attached", "generalize", deid.Params{"to": "level"}, pi.School, nil, "北京大学附属小学", "某小学"},
		{"place venue attribute", "generalize", deid.Params{"to": "venue"}, pi.Place, []pi.Attr{{Key: "venue", Value: "超市"}}, "永辉超市犀浦店", "某超市"},
		{"place venue text", "generalize", deid.Params{"to": "venue"}, pi.Place, nil, "华西医院呼吸科", "某医院"},
		{"mobile province", "generalize", deid.Params{"to": "province"}, pi.MobilePhone, nil, "13800138000", "北京手机号"},
		{"mobile carrier", "generalize", deid.Params{"to": "carrier"}, pi.MobilePhone, nil, "+86 138-0013-8000", "移动手机号"},
		{"landline city", "generalize", deid.Params{"to": "city"}, pi.LandlinePhone, nil, "0755-12345678", "深圳固定电话"},
		{"bank", "generalize", deid.Params{"to": "bank"}, pi.BankCard, nil, "6228 4800 1234 5678 901", "中国农业银行卡"},
		{"unreadable age", "generalize", deid.Params{"to": "band10"}, pi.Age, nil, "年龄不详", "[年龄]"},
	})
	c := deid.NewContext(nil, testRef)
	for _, bad := range []struct {
		to  string
		typ pi.Type
	}{{"band10", pi.PersonName}, {"district", pi.Date}, {"month", pi.ResidentID}, {"venue", pi.School}} {
		_, err := build(t, "generalize", deid.Params{"to": bad.to}).Apply(c, &pi.Finding{Type: bad.typ}, "x")
		if !errors.Is(err, deid.ErrNotApplicable) {
			t.Errorf("generalize %s to %s: %v, want ErrNotApplicable", bad.typ, bad.to, err)
		}
	}
}

func TestDateShift(t *testing.T) {
	c := deid.NewContext(pinnedKey, testRef)
	op := build(t, "date_shift", nil)
	subject := func(s string) *pi.Finding {
		return &pi.Finding{Type: pi.Date, Attrs: []pi.Attr{{Key: "subject", Value: s}}}
	}
	// One subject's dates move together: the interval survives.
	a, _ := op.Apply(c, subject("@10"), "2020年1月2日")
	b, _ := op.Apply(c, subject("@10"), "2020年1月9日")
	ta, tb := parseCN(t, a), parseCN(t, b)
	if tb.Sub(ta) != 7*24*time.Hour || a == "2020年1月2日" {
		t.Errorf("shifted %s and %s: interval %v", a, b, tb.Sub(ta))
	}
	shift := ta.Sub(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC))
	if shift == 0 || shift > 30*24*time.Hour || shift < -30*24*time.Hour {
		t.Errorf("shift %v outside ±30 days", shift)
	}
	// Written forms stay.
	forms := []struct{ in, layout string }{
		{"2020-01-02", "2006-01-02"},
		{"2020/1/2", "2006/1/2"},
		{"20200102", "20060102"},
		{"2020.01.02", "2006.01.02"},
	}
	for _, f := range forms {
		out, err := op.Apply(c, subject("@10"), f.in)
		got, perr := time.Parse(f.layout, out)
		if err != nil || perr != nil || got.Sub(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)) != shift {
			t.Errorf("%s → %s (%v %v), want a shift of %v", f.in, out, err, perr, shift)
		}
	}
	if out, _ := op.Apply(c, subject("@10"), "1月2日"); !strings.HasSuffix(out, "日") || strings.Contains(out, "年") {
		t.Errorf("month-day form: %q", out)
	}
	if out, _ := op.Apply(c, subject("@10"), "2020年1月2日19时30分"); !strings.HasSuffix(out, "日19时30分") {
		t.Errorf("time kept: %q", out)
	}
	// Another subject, another document: other shifts (with 61 possible
	// offsets, a few tries make a collision unlikely to hide a bug).
	differs := false
	for _, s := range []string{"@20", "@30", "@40", "row 2"} {
		if x, _ := op.Apply(c, subject(s), "2020年1月2日"); x != a {
			differs = true
		}
	}
	if !differs {
		t.Error("every subject has the same shift")
	}
	c2 := deid.NewContext(pinnedKey, testRef)
	if again, _ := op.Apply(c2, subject("@10"), "2020年1月2日"); again != a {
		t.Errorf("same key, document and subject: %q then %q", a, again)
	}
	// A date the parser cannot read, with a normalized attribute.
	n := &pi.Finding{Type: pi.Date, Attrs: []pi.Attr{{Key: pi.AttrNormalized, Value: "2020-01-02"}}}
	if out, err := op.Apply(c, n, "二〇二〇年一月二日"); err != nil || len(out) != 10 {
		t.Errorf("normalized fallback: %q %v", out, err)
	}
	if _, err := op.Apply(c, &pi.Finding{Type: pi.Date}, "去年冬天"); err == nil {
		t.Error("unreadable date accepted")
	}
	if _, err := op.Apply(deid.NewContext(nil, testRef), subject("@1"), "2020年1月2日"); !errors.Is(err, deid.ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
}

func parseCN(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006年1月2日", s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return d
}

func TestSurrogateExamples(t *testing.T) {
	c := deid.NewContext(pinnedKey, testRef)
	apply := func(p deid.Params, typ pi.Type, v string, attrs ...pi.Attr) string {
		t.Helper()
		out, err := build(t, "surrogate", p).Apply(c, &pi.Finding{Type: typ, Attrs: attrs}, v)
		if err != nil {
			t.Fatalf("%s %q: %v", typ, v, err)
		}
		if out == v {
			t.Errorf("%s %q: surrogate is the value", typ, v)
		}
		return out
	}
	id := apply(deid.Params{"keep": "birth_year+region"}, pi.ResidentID, "11010519491231002X")
	if !checksum.ResidentID(id) || id[:10] != "1101051949" {
		t.Errorf("keep=birth_year+region: %q", id)
	}
	if x := apply(nil, pi.ResidentID, "11010519491231002x"); x[17] == 'X' {
		t.Errorf("lower-case x became upper-case: %q", x)
	}
	child := apply(nil, pi.ResidentID, "510117201501010027")
	if b, _ := time.Parse("20060102", child[6:14]); age(b) >= 14 {
		t.Errorf("a child's ID became an adult's: %q", child)
	}
	if m := apply(deid.Params{"keep": "segment"}, pi.MobilePhone, "+86 138-1234-5678"); !strings.HasPrefix(m, "+86 138-") {
		t.Errorf("keep=segment: %q", m)
	}
	if n := apply(deid.Params{"keep": "surname"}, pi.PersonName, "欧阳小明"); !strings.HasPrefix(n, "欧阳") || len([]rune(n)) != 4 {
		t.Errorf("keep=surname: %q", n)
	}
	if n := apply(nil, pi.PersonName, "张三"); len([]rune(n)) != 2 || strings.HasPrefix(n, "张") {
		t.Errorf("name: %q", n)
	}
	if n := apply(nil, pi.MaskedName, "张某"); !strings.HasSuffix(n, "某") || len([]rune(n)) != 2 {
		t.Errorf("masked name: %q", n)
	}
	if e := apply(deid.Params{"keep": "domain"}, pi.Email, "zhangsan@pku.edu.cn"); !strings.HasSuffix(e, "@pku.edu.cn") {
		t.Errorf("keep=domain: %q", e)
	}
	if a := apply(deid.Params{"keep": "city"}, pi.Address, "四川省成都市郫都区犀浦镇百草路12号3栋"); !strings.HasPrefix(a, "四川省成都市") {
		t.Errorf("address keep=city: %q", a)
	}
	if a := apply(nil, pi.Age, "45岁"); !strings.HasPrefix(a, "4") || !strings.HasSuffix(a, "岁") {
		t.Errorf("age: %q", a)
	}
	if a := apply(nil, pi.Age, "七十多岁"); a != "六十多岁" && a != "八十多岁" {
		t.Errorf("approximate age: %q", a)
	}
	if p := apply(nil, pi.Place, "永辉超市", pi.Attr{Key: "venue", Value: "超市"}); !strings.HasSuffix(p, "超市") {
		t.Errorf("place: %q", p)
	}
	if _, err := build(t, "surrogate", nil).Apply(c, &pi.Finding{Type: pi.Health}, "确诊"); !errors.Is(err, deid.ErrNotApplicable) {
		t.Errorf("health: %v", err)
	}
}

func TestNewOperatorErrors(t *testing.T) {
	bad := []struct {
		name   string
		params deid.Params
		says   string
	}{
		{"blur", nil, `unknown operator "blur"`},
		{"mask", deid.Params{"color": "red"}, `unknown parameter "color"`},
		{"mask", deid.Params{"char": "**"}, "char"},
		{"mask", deid.Params{"char": "a"}, "char"},
		{"mask", deid.Params{"keep": "first3"}, "keep"},
		{"mask", deid.Params{"level": "room"}, "level"},
		{"hash", deid.Params{"length": "65"}, "length"},
		{"hash", deid.Params{"length": "x"}, "length"},
		{"replace", deid.Params{"label": "a", "template": "b"}, "either"},
		{"replace", deid.Params{"template": "{name}"}, "{name}"},
		{"replace", deid.Params{"template": "{type"}, "unclosed"},
		{"pseudonym", deid.Params{"style": "{x}"}, "{x}"},
		{"pseudonym", deid.Params{"scope": "global"}, "scope"},
		{"pseudonym", deid.Params{"style": " "}, "style"},
		{"surrogate", deid.Params{"keep": "birth_year+eyes"}, "eyes"},
		{"surrogate", deid.Params{"days": "0"}, "days"},
		{"tokenize", deid.Params{"keep": "bin"}, "keep"},
		{"generalize", nil, "to is required"},
		{"generalize", deid.Params{"to": "decade"}, "decade"},
		{"generalize", deid.Params{"to": "band:0-10,12+"}, "follow"},
		{"generalize", deid.Params{"to": "band:0-10,11-20"}, "open"},
		{"generalize", deid.Params{"to": "band:5+,0-4"}, "last"},
		{"generalize", deid.Params{"to": "grid:-1"}, "grid"},
		{"generalize", deid.Params{"to": "band10", "level": "town"}, "level"},
		{"date_shift", deid.Params{"days": "-3"}, "days"},
		{"redact", deid.Params{"x": "1"}, "takes none"},
	}
	for _, b := range bad {
		_, err := deid.NewOperator(b.name, b.params)
		if err == nil || !strings.Contains(err.Error(), b.says) {
			t.Errorf("NewOperator(%s, %v) = %v, want an error saying %q", b.name, b.params, err, b.says)
		}
	}
	// Every listed operator builds with its defaults (generalize needs to).
	for _, info := range deid.Operators() {
		p := deid.Params{}
		if info.Name == "generalize" {
			p["to"] = "band10"
		}
		op, err := deid.NewOperator(info.Name, p)
		if err != nil || op.Name() != info.Name || info.Description == "" {
			t.Errorf("%s: %v", info.Name, err)
		}
	}
	if len(deid.Operators()) != 11 {
		t.Errorf("%d operators", len(deid.Operators()))
	}
}

// Every built-in type has a Chinese label.
func TestLabels(t *testing.T) {
	for _, ti := range pi.Types() {
		if l := deid.Label(ti.Type); l == "个人信息" {
			t.Errorf("%s has no label", ti.Type)
		}
	}
}

// Operators never write over their input and never emit invalid UTF-8,
// even from invalid input.
func TestInvalidUTF8(t *testing.T) {
	c := deid.NewContext(pinnedKey, testRef)
	in := "张\xff三\xc0"
	for _, info := range deid.Operators() {
		p := deid.Params{}
		if info.Name == "generalize" {
			p["to"] = "band10"
		}
		op := build(t, info.Name, p)
		for _, typ := range []pi.Type{pi.PersonName, pi.MobilePhone, pi.Address, pi.Age} {
			out, err := op.Apply(c, &pi.Finding{Type: typ}, in)
			if err == nil && !utf8Valid(out) {
				t.Errorf("%s %s: invalid UTF-8 %q", info.Name, typ, out)
			}
		}
	}
	if in != "张\xff三\xc0" {
		t.Error("input changed")
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }
