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
