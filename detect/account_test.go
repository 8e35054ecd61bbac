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

// TestDeviceID: advertising ids, Android IDs, IMSIs and ICCIDs after a
// device word or under a key that names one; a UUID or a hex string with
// no such word is a record's key.
func TestDeviceID(t *testing.T) {
	idfa := "6D92078A-8246-4BA4-AE5B-76104861E7DC"
	cases := []detectCase{
		{name: "IDFA", text: "设备信息：IDFA " + idfa + "，系统版本iOS 17。",
			want: []expect{{typ: pi.DeviceID, span: idfa, min: 0.9, attrs: map[string]string{"kind": "idfa"}}}},
		{name: "OAID key", label: "oaid", text: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
			want: []expect{{typ: pi.DeviceID, span: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", attrs: map[string]string{"kind": "oaid"}}}},
		{name: "device_id key", label: "device_id", text: idfa,
			want: []expect{{typ: pi.DeviceID, span: idfa, attrs: map[string]string{"kind": "uuid"}}}},
		{name: "Android ID", text: "Android ID：9774d56d682e549c",
			want: []expect{{typ: pi.DeviceID, span: "9774d56d682e549c", attrs: map[string]string{"kind": "android_id"}}}},
		{name: "IMSI", text: "SIM卡IMSI 460001234567890，ICCID 89860312345678901234。",
			want: []expect{{typ: pi.DeviceID, span: "460001234567890", attrs: map[string]string{"kind": "imsi"}},
				{typ: pi.DeviceID, span: "89860312345678901234", attrs: map[string]string{"kind": "iccid"}}}},
		{name: "a request's UUID", text: "请求ID 3f2504e0-4f89-41d3-9a0c-0305e82c3301已记录。", none: []pi.Type{pi.DeviceID}},
		{name: "the nil IDFA", text: "IDFA 00000000-0000-0000-0000-000000000000", none: []pi.Type{pi.DeviceID}},
		{name: "another country's IMSI", text: "IMSI 310150123456789", none: []pi.Type{pi.DeviceID}},
		{name: "bare hex", text: "校验值9774d56d682e549c", none: []pi.Type{pi.DeviceID}},
	}
	runCases(t, defaultEngine, cases)
}

// TestAccountID: a platform's id for its user under its key or after its
// label; a phone there stays a phone; a word that holds uid is no label.
func TestAccountID(t *testing.T) {
	openid := "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
	cases := []detectCase{
		{name: "user_id key", label: "user_id", text: "u_10086",
			want: []expect{{typ: pi.AccountID, span: "u_10086", min: 0.85}}},
		{name: "camelCase key", label: "openId", text: openid,
			want: []expect{{typ: pi.AccountID, span: openid}}},
		{name: "labels in text", text: "用户ID：u_10086，微信OpenID：o-vJO33THSPeHQ2It21rC-XRcIxx。用户名：xiaoming_88",
			want: []expect{{typ: pi.AccountID, span: "u_10086"}, {typ: pi.AccountID, span: "o-vJO33THSPeHQ2It21rC-XRcIxx"},
				{typ: pi.AccountID, span: "xiaoming_88"}},
			none: []pi.Type{pi.WeChatID}},
		{name: "a phone under uid", label: "uid", text: "13800138000",
			want: []expect{{typ: pi.MobilePhone, span: "13800138000"}}},
		{name: "no label", text: "fluid uids 2 ids", none: []pi.Type{pi.AccountID}},
		{name: "another key", label: "order_id", text: "u_10086", none: []pi.Type{pi.AccountID}},
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
