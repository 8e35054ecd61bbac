package detect

import (
	"testing"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestPassportsAndPermits(t *testing.T) {
	cases := []detectCase{
		// passports
		{name: "e-passport with context", text: "其父亲李某某，护照号E12345678，已出境。",
			want: []expect{{typ: pi.Passport, span: "E12345678", min: 0.9, context: "护照号"}}},
		{name: "e-passport bare", text: "持E12345678入境。",
			want: []expect{{typ: pi.Passport, span: "E12345678"}}},
		{name: "e-passport with second letter", text: "护照号码：EA1234567；",
			want: []expect{{typ: pi.Passport, span: "EA1234567", min: 0.9}}},
		{name: "older G passport bare", text: "G12345678",
			want: []expect{{typ: pi.Passport, span: "G12345678"}}},
		{name: "service passport needs context", text: "公务护照S1234567已收回。",
			want: []expect{{typ: pi.Passport, span: "S1234567", min: 0.9}}},
		{name: "passport word wins over the C shape", text: "护照号码：C12345678",
			want: []expect{{typ: pi.Passport, span: "C12345678", min: 0.9}}},
		{name: "English register", text: "Passport No. E98765432",
			want: []expect{{typ: pi.Passport, span: "E98765432", min: 0.9}}},

		// Hong Kong and Macao permits
		{name: "往来港澳通行证", text: "往来港澳通行证C12345678，有效期至2030年。",
			want: []expect{{typ: pi.HKMacauPermit, span: "C12345678", min: 0.9}}},
		{name: "C number bare is weak", text: "C12345678",
			want: []expect{{typ: pi.HKMacauPermit, span: "C12345678", low: true, reason: true}}},
		{name: "home-return permit", text: "回乡证H12345678",
			want: []expect{{typ: pi.HKMacauPermit, span: "H12345678", min: 0.9}}},

		// Taiwan permits
		{name: "台胞证 8 digits", text: "台胞证号码12345678，持证人为台湾居民。",
			want: []expect{{typ: pi.TaiwanPermit, span: "12345678", min: 0.9}}},
		{name: "台胞证 with space", text: "台胞证 12345678",
			want: []expect{{typ: pi.TaiwanPermit, span: "12345678", min: 0.9}}},
		{name: "台胞证 10 digits", text: "台胞证：1234567890",
			want: []expect{{typ: pi.TaiwanPermit, span: "1234567890", min: 0.9}}},
		{name: "台胞证 column", label: "台胞证号码", text: "12345678",
			want: []expect{{typ: pi.TaiwanPermit, span: "12345678", min: 0.9}}},
		{name: "往来台湾通行证 L number", text: "往来台湾通行证L12345678",
			want: []expect{{typ: pi.TaiwanPermit, span: "L12345678", min: 0.9}}},

		// negatives
		{name: "8 digits bare", text: "12345678", none: []pi.Type{anyType}},
		{name: "台胞证 far away", text: "台胞证已于上周办理完毕，请按时到窗口领取相关材料并核对编码12345678",
			none: []pi.Type{pi.TaiwanPermit}},
		{name: "D number bare", text: "D1234567", none: []pi.Type{pi.Passport}},
		{name: "L number bare", text: "L12345678", none: []pi.Type{pi.TaiwanPermit}},
		{name: "passport word but order number nearer", text: "护照办理订单号E12345678",
			want: []expect{{typ: pi.Passport, span: "E12345678", low: true, reason: true}}},
		{name: "E with 7 digits", text: "护照E1234567", none: []pi.Type{pi.Passport}},
	}
	runCases(t, defaultEngine, cases)
}

func TestHKIDAndTaiwanID(t *testing.T) {
	two := "XA123456"
	twoID := two + "(" + string(checksum.HKIDCheck(two)) + ")"
	cases := []detectCase{
		{name: "HKID with context", text: "香港身份证号码A123456(3)，已核验。",
			want: []expect{{typ: pi.HKID, span: "A123456(3)", min: 0.95}}},
		{name: "HKID bare", text: "持证人A123456(3)。",
			want: []expect{{typ: pi.HKID, span: "A123456(3)", min: 0.85}}},
		{name: "HKID full-width parentheses", text: "香港身份证A123456（3）",
			want: []expect{{typ: pi.HKID, span: "A123456（3）", min: 0.9}}},
		{name: "HKID two letters", text: "香港身份证" + twoID,
			want: []expect{{typ: pi.HKID, span: twoID, min: 0.9}}},
		{name: "HKID check digit appended", text: "HKID A1234563",
			want: []expect{{typ: pi.HKID, span: "A1234563", min: 0.9}}},
		{name: "HKID appended bare", text: "A1234563",
			want: []expect{{typ: pi.HKID, span: "A1234563", min: 0.5}}},
		{name: "HKID wrong check digit", text: "香港身份证A123456(4)", none: []pi.Type{pi.HKID}},
		{name: "HKID wrong two-letter prefix", text: "AB123456(3)", none: []pi.Type{pi.HKID}},

		{name: "Taiwan ID with context", text: "台湾身份证字号A123456789，出生地台北市。",
			want: []expect{{typ: pi.TaiwanID, span: "A123456789", min: 0.95}}},
		{name: "Taiwan ID bare", text: "A123456789",
			want: []expect{{typ: pi.TaiwanID, span: "A123456789", min: 0.8}}},
		{name: "Taiwan ID wrong check digit", text: "台湾身份证A123456788", none: []pi.Type{pi.TaiwanID}},
		{name: "Taiwan ID wrong sex digit", text: "A323456789", none: []pi.Type{pi.TaiwanID}},

		{name: "Macao ID with context", text: "澳门身份证 1234567(8)，港澳员工",
			want: []expect{{typ: pi.MacaoID, span: "1234567(8)", min: 0.95}}},
		{name: "Macao ID with slashes", text: "澳门居民身份证号码：5/123456/7",
			want: []expect{{typ: pi.MacaoID, span: "5/123456/7", min: 0.95}}},
		{name: "Macao ID bare, full-width brackets", text: "证件号1234567（3）",
			want: []expect{{typ: pi.MacaoID, span: "1234567（3）", min: 0.5}}},
		{name: "Macao ID wrong first digit", text: "编号：2234567(8)", none: []pi.Type{pi.MacaoID}},
		{name: "no Macao ID in a date or a path", text: "2020/1/2出发，见1/2345678/9和11/234567/8",
			none: []pi.Type{pi.MacaoID}},
	}
	runCases(t, defaultEngine, cases)
}

func TestUSCC(t *testing.T) {
	code := "91350100M000100Y43"
	if !checksum.USCC(code) {
		t.Fatalf("%s should be valid", code)
	}
	sole := "92110105MA01234X1"
	sole += string(checksum.USCCCheck(sole))
	noRegion := "91990000MA01234X1"
	noRegion += string(checksum.USCCCheck(noRegion))
	bad := code[:17] + "4"
	cases := []detectCase{
		{name: "with context", text: "该公司统一社会信用代码为" + code + "，注册地在福州市。",
			want: []expect{{typ: pi.USCC, span: code, min: 0.95, attrs: map[string]string{pi.AttrRegionCode: "350100"}}}},
		{name: "bare", text: code,
			want: []expect{{typ: pi.USCC, span: code, min: 0.85}}},
		{name: "sole trader", text: "个体工商户营业执照注册号" + sole,
			want: []expect{{typ: pi.USCC, span: sole, min: 0.9,
				attrs: map[string]string{"holder": "individual business (个体工商户)"}}}},
		{name: "unallocated region with context", text: "纳税人识别号" + noRegion,
			want: []expect{{typ: pi.USCC, span: noRegion, min: 0.9, reason: true}}},
		{name: "unallocated region bare", text: noRegion, none: []pi.Type{pi.USCC}},
		{name: "wrong check character", text: "统一社会信用代码" + bad, none: []pi.Type{pi.USCC}},
		{name: "lower case", text: "统一社会信用代码91350100m000100y43", none: []pi.Type{pi.USCC}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkDocuments(b *testing.B) {
	benchFamily(b, "%s；", func(v *synth.Values) string {
		switch v.Rand().IntN(6) {
		case 0:
			return "护照号码" + v.Passport()
		case 1:
			return "往来港澳通行证" + v.HKMacauPermit()
		case 2:
			return "台胞证号码" + v.TaiwanPermit()
		case 3:
			return "香港身份证" + v.HKID()
		case 4:
			return "台湾身份证字号" + v.TaiwanID()
		}
		return "统一社会信用代码" + v.USCC()
	})
}

func TestLabelledPassport(t *testing.T) {
	runCases(t, defaultEngine, []detectCase{
		{name: "nine digits after 护照号码", text: "护照号码：531234567",
			want: []expect{{typ: pi.Passport, span: "531234567", min: 0.9}}},
		{name: "letters and digits after 护照号", text: "护照号：AB123456，美国籍",
			want: []expect{{typ: pi.Passport, span: "AB123456", min: 0.9}}},
		{name: "no passport word", text: "订单号：531234567", none: []pi.Type{pi.Passport}},
		{name: "the word too far", text: "护照已过期，请于本月内到出入境管理局办理，受理编号531234567", none: []pi.Type{pi.Passport}},
	})
}
