package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestMaskedNumbers: identifiers printed with * in place of digits are
// reported as their type with masked=true, below a whole one's score;
// stars that mask nothing numeric, and masked numbers of other kinds, are
// not.
func TestMaskedNumbers(t *testing.T) {
	masked := map[string]string{pi.AttrMasked: "true"}
	cases := []detectCase{
		{name: "ID with a word", text: "被执行人：张三，身份证号码：410105********1234，执行标的：12万元。",
			want: []expect{{typ: pi.ResidentID, span: "410105********1234", min: 0.8, attrs: masked}}},
		{name: "ID in a row, X kept", text: "李四 4101**********123X 郑州市",
			want: []expect{{typ: pi.ResidentID, span: "4101**********123X", attrs: masked}}},
		{name: "mobile", text: "手机号：138****5678。",
			want: []expect{{typ: pi.MobilePhone, span: "138****5678", min: 0.8, attrs: masked}}},
		{name: "mobile in groups", text: "备用 139-****-1234",
			want: []expect{{typ: pi.MobilePhone, span: "139-****-1234", attrs: masked}}},
		{name: "card in groups", text: "卡号 6222 **** **** 0128，尾号0128",
			want: []expect{{typ: pi.BankCard, span: "6222 **** **** 0128", min: 0.8, attrs: masked}}},
		{name: "stars alone", text: "评分****，密码******", none: []pi.Type{anyType}},
		{name: "a masked order number", text: "订单号20230101****5678已发货", none: []pi.Type{anyType}},
		{name: "two stars mask little", text: "编号12**34", none: []pi.Type{anyType}},
		{name: "glued to letters", text: "ABC410105********1234", none: []pi.Type{pi.ResidentID}},
		{name: "no province", text: "证件号990105********1234", none: []pi.Type{pi.ResidentID}},
	}
	runCases(t, defaultEngine, cases)
}

// TestMaskedIDFacts: the digits a masked ID number leaves say what they
// say about the holder: a whole birth date its age (a child's, a minor's
// record), a year alone the lowest age it allows, a sex digit the sex.
func TestMaskedIDFacts(t *testing.T) {
	for _, tt := range []struct {
		text, age, birth, sex string
		u14                   bool
	}{
		{"身份证号4201**20150512****", "10", "2015-05-12", "", true},
		{"身份证号：4201022012******31", "13", "", "male", true},
		{"身份证号码：410105********1234", "", "", "", false},
		{"身份证号：4101021980****122X", "45", "", "female", false},
		{"身份证号：410102198001012***", "46", "1980-01-01", "", false},
		// a spreadsheet's number in scientific notation: the last digits lost
		{"身份证号：4.30104201305062E+17", "12", "2013-05-06", "", true},
		{"身份证号,1.10101199003075e+17", "35", "1990-03-07", "", false},
	} {
		fs := defaultEngine.Detect([]byte(tt.text), nil)
		if len(fs) != 1 || fs[0].Type != pi.ResidentID {
			t.Errorf("%s: %v", tt.text, fs)
			continue
		}
		f := fs[0]
		if f.Attr(pi.AttrAge) != tt.age || f.Attr(pi.AttrBirthDate) != tt.birth || f.Attr(pi.AttrSex) != tt.sex || f.HasCategory(pi.CatMinorU14) != tt.u14 {
			t.Errorf("%s: age %q birth %q sex %q u14 %v; want %q %q %q %v", tt.text, f.Attr(pi.AttrAge), f.Attr(pi.AttrBirthDate),
				f.Attr(pi.AttrSex), f.HasCategory(pi.CatMinorU14), tt.age, tt.birth, tt.sex, tt.u14)
		}
	}
}

// TestFloatIDsNot: numbers in scientific notation that are no ID number's.
func TestFloatIDsNot(t *testing.T) {
	for _, text := range []string{"6.02214076E+23", "1.5E+17 焦耳", "质量为9.99999999999999E+17千克", "4.3010420130506E+170", "12.30104201305062E+17"} {
		for _, f := range defaultEngine.Detect([]byte(text), nil) {
			if f.Type == pi.ResidentID {
				t.Errorf("%s: %v", text, f)
			}
		}
	}
}
