package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
	"github.com/custos-project/custos/zh"
)

func TestBankCard(t *testing.T) {
	icbc := luhn("622202123456789012") // 中国工商银行, 19 digits
	cmb := luhn("622588123456789")     // 招商银行, 16 digits
	failing := luhnBad("622202123456789012")
	noBIN := luhn("999912345678901")
	if _, ok := zh.LookupBIN(noBIN); ok {
		t.Fatalf("test value %s now has a BIN; pick another", noBIN)
	}
	if icbc != "6222021234567890128" {
		t.Fatalf("icbc = %s", icbc)
	}
	bank := func(name string) map[string]string {
		return map[string]string{pi.AttrBank: name, pi.AttrNormalized: icbc}
	}
	cases := []detectCase{
		{name: "context word", text: "请将款项转入卡号" + icbc + "，开户行为北京分行。",
			want: []expect{{typ: pi.BankCard, span: icbc, min: 0.95, attrs: bank("中国工商银行")}}},
		{name: "bare", text: "收款人：陈某；" + icbc + "。",
			want: []expect{{typ: pi.BankCard, span: icbc, min: 0.85, attrs: bank("中国工商银行")}}},
		{name: "grouped by four", text: "退款将原路返回至银行卡6222 0212 3456 7890 128。",
			want: []expect{{typ: pi.BankCard, span: "6222 0212 3456 7890 128", min: 0.9, attrs: bank("中国工商银行")}}},
		{name: "grouped by four bare", text: "6222 0212 3456 7890 128",
			want: []expect{{typ: pi.BankCard, span: "6222 0212 3456 7890 128", min: 0.85}}},
		{name: "dashed", text: "账号：6222-0212-3456-7890-128",
			want: []expect{{typ: pi.BankCard, span: "6222-0212-3456-7890-128", min: 0.9}}},
		{name: "BIN group then the rest", text: "医保卡号622202 1234567890128",
			want: []expect{{typ: pi.BankCard, span: "622202 1234567890128", min: 0.9}}},
		{name: "16 digits", text: "信用卡" + cmb + "已冻结。",
			want: []expect{{typ: pi.BankCard, span: cmb, min: 0.9, attrs: map[string]string{pi.AttrBank: "招商银行"}}}},
		{name: "Luhn-valid, unknown BIN, with context", text: "银行卡号" + noBIN,
			want: []expect{{typ: pi.BankCard, span: noBIN, min: 0.75}}},
		{name: "Luhn-valid, unknown BIN, bare", text: "编码" + noBIN + "。",
			want: []expect{{typ: pi.BankCard, span: noBIN, low: true, reason: true}}},

		// Luhn failures are at most near misses
		{name: "Luhn failure with context", text: "卡号" + failing + "校验失败，交易已拒绝。",
			want: []expect{{typ: pi.BankCard, span: failing, low: true, reason: true}}},
		{name: "Luhn failure bare", text: failing, none: []pi.Type{anyType}},
		// an account's number after its label need not pass Luhn
		{name: "account number after 账号", text: "户名：郑晓峰　账号：" + failing,
			want: []expect{{typ: pi.BankCard, span: failing, min: 0.6}}},
		{name: "account column", label: "收款账号", text: failing,
			want: []expect{{typ: pi.BankCard, span: failing, min: 0.6}}},
		{name: "Luhn failure grouped", text: "银行卡6222 0212 3456 7890 127", none: []pi.Type{anyType}},
		{name: "order number word", text: "订单号" + icbc,
			want: []expect{{typ: pi.BankCard, span: icbc, low: true, reason: true}}},
		{name: "inside a longer run", text: "流水" + icbc + "0001", none: []pi.Type{anyType}},
		{name: "glued to letters", text: "NO" + icbc, none: []pi.Type{pi.BankCard}},
		// an ID number with a typo in its check character happens to pass
		// Luhn: the words call it an ID number
		{name: "mistyped ID number", text: "公民身份号码330106198503121234，",
			want: []expect{{typ: pi.ResidentID, span: "330106198503121234", low: true, reason: true}},
			none: []pi.Type{pi.BankCard}},
		{name: "mistyped Gansu ID with a UnionPay prefix", text: "经核对，证件号码621225198004283093校验位有误",
			none: []pi.Type{pi.BankCard}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkBankCard(b *testing.B) {
	benchFamily(b, "请将款项转入卡号%s，", func(v *synth.Values) string { return v.BankCard() })
}
