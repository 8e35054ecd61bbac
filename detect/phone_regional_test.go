package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
)

func TestRegionalPhone(t *testing.T) {
	region := func(r, norm string) map[string]string {
		return map[string]string{pi.AttrRegion: r, pi.AttrNormalized: norm}
	}
	cases := []detectCase{
		{name: "Hong Kong mobile", text: "聯絡電話：+852 9123 4567",
			want: []expect{{typ: pi.MobilePhone, span: "+852 9123 4567", min: 0.95, attrs: region("香港", "+85291234567")}}},
		{name: "Hong Kong landline, run together", text: "致电+85223456789查询",
			want: []expect{{typ: pi.LandlinePhone, span: "+85223456789", attrs: region("香港", "+85223456789")}}},
		{name: "Macao mobile after 00", text: "澳门：00853 6612 3456",
			want: []expect{{typ: pi.MobilePhone, span: "00853 6612 3456", attrs: region("澳门", "+85366123456")}}},
		{name: "Taiwan landline dashed", text: "電話：+886-2-2345-6789",
			want: []expect{{typ: pi.LandlinePhone, span: "+886-2-2345-6789", attrs: region("台湾", "+886223456789")}}},
		{name: "Taiwan mobile, domestic, with a word", text: "手機0912-345-678",
			want: []expect{{typ: pi.MobilePhone, span: "0912-345-678", attrs: region("台湾", "+886912345678")}}},
		{name: "Taiwan mobile, domestic, run together", text: "手机号0912345678",
			want: []expect{{typ: pi.MobilePhone, span: "0912345678"}}},
		{name: "ten digits without a word", text: "订单号0912345678", none: []pi.Type{pi.MobilePhone}},
		{name: "eight local digits", text: "电话 9123 4567", none: []pi.Type{pi.MobilePhone, pi.LandlinePhone}},
		{name: "no such Hong Kong number", text: "+852 1234 5678", none: []pi.Type{pi.MobilePhone, pi.LandlinePhone}},
		{name: "mainland still mainland", text: "+86 138 1234 5678",
			want: []expect{{typ: pi.MobilePhone, span: "+86 138 1234 5678"}}},
	}
	runCases(t, defaultEngine, cases)
}

// TestHongKongLocal: eight digits after a word for a phone are a Hong Kong
// (or, where the text speaks of Macao, a Macao) number in a document in
// traditional characters, and nothing in one in simplified characters.
func TestHongKongLocal(t *testing.T) {
	region := func(r, norm string) map[string]string {
		return map[string]string{pi.AttrRegion: r, pi.AttrNormalized: norm}
	}
	cases := []detectCase{
		{name: "Hong Kong mobile", text: "聯絡電話：9123 4567",
			want: []expect{{typ: pi.MobilePhone, span: "9123 4567", attrs: region("香港", "+85291234567")}}},
		{name: "Hong Kong fixed line", text: "辦公室電話：23456789",
			want: []expect{{typ: pi.LandlinePhone, span: "23456789", attrs: region("香港", "+85223456789")}}},
		{name: "Macao", text: "澳門居民，電話：6612 3456",
			want: []expect{{typ: pi.MobilePhone, span: "6612 3456", attrs: region("澳门", "+85366123456")}}},
		{name: "simplified text", text: "联系电话：9123 4567", none: []pi.Type{pi.MobilePhone, pi.LandlinePhone}},
		{name: "no word for a phone", text: "訂單號碼91234567", none: []pi.Type{pi.MobilePhone, pi.LandlinePhone}},
	}
	runCases(t, allEngine, cases)
}
