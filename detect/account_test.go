package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestQQ(t *testing.T) {
	cases := []detectCase{
		{name: "QQ号", text: "添加QQ号12345678即可领取。",
			want: []expect{{typ: pi.QQNumber, span: "12345678", min: 0.9, context: "qq号"}}},
		{name: "upper-case QQ and colon", text: "QQ：10001",
			want: []expect{{typ: pi.QQNumber, span: "10001", min: 0.9}}},
		{name: "扣扣", text: "扣扣 2847561930，备注来意。",
			want: []expect{{typ: pi.QQNumber, span: "2847561930", min: 0.9}}},
		{name: "QQ column", label: "QQ", text: "12345678",
			want: []expect{{typ: pi.QQNumber, span: "12345678", min: 0.9, context: "(label)"}}},
		{name: "number word farther than QQ", text: "订单编号请发给QQ 123456",
			want: []expect{{typ: pi.QQNumber, span: "123456", min: 0.5}}},
		{name: "number word nearer than QQ", text: "QQ群编号123456", none: []pi.Type{pi.QQNumber}},

		{name: "bare number", text: "12345678", none: []pi.Type{anyType}},
		{name: "bare number in prose", text: "全市累计接待游客12345678人次。", none: []pi.Type{anyType}},
		{name: "leading zero", text: "QQ 012345", none: []pi.Type{pi.QQNumber}},
		{name: "too short", text: "QQ 1234", none: []pi.Type{pi.QQNumber}},
		{name: "too long", text: "QQ 123456789012", none: []pi.Type{pi.QQNumber}},
		{name: "qq inside an English word", text: "Sequoia 12345678", none: []pi.Type{pi.QQNumber}},
	}
	runCases(t, defaultEngine, cases)
}

func TestWeChat(t *testing.T) {
	cases := []detectCase{
		{name: "微信号", text: "添加微信号zhangwei_1988即可领取。",
			want: []expect{{typ: pi.WeChatID, span: "zhangwei_1988", min: 0.9}}},
		{name: "dash", text: "加v：li-hua2020",
			want: []expect{{typ: pi.WeChatID, span: "li-hua2020", min: 0.9}}},
		{name: "wechat English", text: "WeChat: wxid_abc123",
			want: []expect{{typ: pi.WeChatID, span: "wxid_abc123", min: 0.9}}},
		{name: "column", label: "微信", text: "zhangwei_1988",
			want: []expect{{typ: pi.WeChatID, span: "zhangwei_1988", min: 0.9}}},

		{name: "bare", text: "zhangwei_1988", none: []pi.Type{anyType}},
		{name: "too short", text: "微信号abc12", none: []pi.Type{pi.WeChatID}},
		{name: "starts with a digit", text: "微信号1zhangwei", none: []pi.Type{pi.WeChatID}},
		{name: "too long", text: "微信号abcdefghijklmnopqrstu", none: []pi.Type{pi.WeChatID}},
	}
	runCases(t, defaultEngine, cases)
}

func TestIMEI(t *testing.T) {
	imei := luhn("35123456789012")
	bad := luhnBad("35123456789012")
	cases := []detectCase{
		{name: "IMEI word", text: "手机串号（IMEI）" + imei + "，已列入黑名单。",
			want: []expect{{typ: pi.IMEI, span: imei, min: 0.9}}},
		{name: "IMEI word after", text: "设备" + imei + "（IMEI）",
			want: []expect{{typ: pi.IMEI, span: imei, min: 0.9}}},
		{name: "column", label: "IMEI", text: imei,
			want: []expect{{typ: pi.IMEI, span: imei, min: 0.9}}},
		{name: "bare", text: imei, none: []pi.Type{pi.IMEI}},
		{name: "Luhn failure", text: "IMEI " + bad, none: []pi.Type{pi.IMEI}},
		{name: "14 digits", text: "IMEI 35123456789012", none: []pi.Type{pi.IMEI}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkAccount(b *testing.B) {
	benchFamily(b, "%s，", func(v *synth.Values) string {
		switch v.Rand().IntN(3) {
		case 0:
			return "QQ号" + v.QQ()
		case 1:
			return "微信号" + v.WeChat()
		}
		return "IMEI " + v.IMEI()
	})
}
