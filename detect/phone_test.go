package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestMobilePhone(t *testing.T) {
	norm := map[string]string{pi.AttrNormalized: "13812345678"}
	cases := []detectCase{
		{name: "bare real segment", text: "王先生 13812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8, attrs: norm}}},
		{name: "bare at start of text", text: "13812345678（24小时值班）。",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8}}},
		{name: "bare glued to Chinese", text: "如需帮助请联系王先生13812345678谢谢",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8}}},
		{name: "context word", text: "患者张某，联系电话13881234567，现住某小区。",
			want: []expect{{typ: pi.MobilePhone, span: "13881234567", min: 0.95, context: "联系电话"}}},
		{name: "+86", text: "海外来电请拨+8613812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "+8613812345678", min: 0.9, attrs: norm}}},
		{name: "+86 space", text: "海外来电请拨+86 13812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "+86 13812345678", min: 0.9, attrs: norm}}},
		{name: "+86 dash", text: "海外来电请拨+86-13812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "+86-13812345678", min: 0.9}}},
		{name: "0086", text: "Tel: 0086 13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "0086 13812345678", min: 0.9}}},
		{name: "0086 dash", text: "海外来电请拨0086-13812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "0086-13812345678", min: 0.9, attrs: norm}}},
		{name: "0086 glued", text: "海外来电请拨008613812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "008613812345678", min: 0.9, attrs: norm}}},
		{name: "(+86)", text: "海外来电请拨(+86)13812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "(+86)13812345678", min: 0.9, attrs: norm}}},
		{name: "full-width (+86)", text: "海外来电请拨（+86）13812345678。",
			want: []expect{{typ: pi.MobilePhone, span: "（+86）13812345678", min: 0.9, attrs: norm}}},
		{name: "+86 grouped", text: "WhatsApp/微信同号 +86 138 1234 5678",
			want: []expect{{typ: pi.MobilePhone, span: "+86 138 1234 5678", min: 0.9, attrs: norm}}},
		{name: "dashed 3-4-4", text: "联系人：刘女士，电话：138-1234-5678。",
			want: []expect{{typ: pi.MobilePhone, span: "138-1234-5678", min: 0.9, attrs: norm}}},
		{name: "spaced 3-4-4", text: "其父亲李某某，手机 138 1234 5678，邮箱见下。",
			want: []expect{{typ: pi.MobilePhone, span: "138 1234 5678", min: 0.9, attrs: norm}}},
		{name: "spaced 3-4-4 bare", text: "王先生 138 1234 5678",
			want: []expect{{typ: pi.MobilePhone, span: "138 1234 5678", min: 0.8}}},
		{name: "spaced 3-8", text: "手机 138 12345678。",
			want: []expect{{typ: pi.MobilePhone, span: "138 12345678", min: 0.8}}},
		{name: "register column", label: "手机号", text: "13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.95, context: "(label)"}}},
		{name: "two numbers", text: "电话13812345678、13987654321。",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678"}, {typ: pi.MobilePhone, span: "13987654321"}}},

		// negatives
		{name: "unallocated segment 120", text: "测试号码12012345678为空号。", none: []pi.Type{pi.MobilePhone}},
		{name: "unallocated segment 100", text: "电话10012345678", none: []pi.Type{pi.MobilePhone}},
		{name: "order number word", text: "订单号13812345678已发货。",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", low: true, reason: true}}},
		{name: "tracking number word", text: "快递单号：13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", low: true, reason: true}}},
		{name: "order column", label: "订单号", text: "13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", low: true, reason: true}}},
		{name: "inside a longer run", text: "批次8613812345678001已入库。", none: []pi.Type{anyType}},
		{name: "with digits before", text: "流水号12313812345678", none: []pi.Type{anyType}},
		{name: "glued to letters", text: "ID13812345678abc", none: []pi.Type{pi.MobilePhone}},
		{name: "12 digits", text: "电话138123456789", none: []pi.Type{pi.MobilePhone}},
	}
	runCases(t, defaultEngine, cases)
}

func TestLandlinePhone(t *testing.T) {
	cases := []detectCase{
		{name: "3-digit area code", text: "咨询电话010-12345678。",
			want: []expect{{typ: pi.LandlinePhone, span: "010-12345678",
				attrs: map[string]string{pi.AttrNormalized: "010-12345678", pi.AttrCity: "北京"}}}},
		{name: "4-digit area code, 7-digit number", text: "咨询电话0755-1234567。",
			want: []expect{{typ: pi.LandlinePhone, span: "0755-1234567"}}},
		{name: "area code in parentheses", text: "咨询电话(0755)12345678。",
			want: []expect{{typ: pi.LandlinePhone, span: "(0755)12345678",
				attrs: map[string]string{pi.AttrNormalized: "0755-12345678"}}}},
		{name: "area code in full-width parentheses", text: "办公电话（0755）22345678",
			want: []expect{{typ: pi.LandlinePhone, span: "（0755）22345678", min: 0.9}}},
		{name: "extension", text: "咨询电话0755-12345678-801。",
			want: []expect{{typ: pi.LandlinePhone, span: "0755-12345678-801",
				attrs: map[string]string{pi.AttrNormalized: "0755-12345678"}}}},
		{name: "local number after a phone word", text: "电话：12345678",
			want: []expect{{typ: pi.LandlinePhone, span: "12345678", reason: true}}},
		{name: "local number after 座机", text: "座机 82345678，手机另附。",
			want: []expect{{typ: pi.LandlinePhone, span: "82345678"}}},
		{name: "realistic number bare", text: "请与上述病例同乘的市民主动报告，028-61234567。",
			want: []expect{{typ: pi.LandlinePhone, span: "028-61234567", min: 0.8,
				attrs: map[string]string{pi.AttrNormalized: "028-61234567"}}}},
		{name: "spaced groups", text: "传真 010 6234 5678",
			want: []expect{{typ: pi.LandlinePhone, span: "010 6234 5678", min: 0.9}}},
		{name: "contiguous with context", text: "联系电话075522345678",
			want: []expect{{typ: pi.LandlinePhone, span: "075522345678", min: 0.9}}},
		{name: "contiguous bare is weak", text: "075522345678",
			want: []expect{{typ: pi.LandlinePhone, span: "075522345678", low: true, reason: true}}},

		// negatives
		{name: "no phone word and local starts with 1", text: "编号0755-12345678", none: []pi.Type{pi.LandlinePhone}},
		{name: "contiguous and local starts with 1", text: "电话01012345678", none: []pi.Type{pi.LandlinePhone}},
		{name: "unknown area code", text: "编号0000-62345678", none: []pi.Type{pi.LandlinePhone}},
		{name: "local number without a word", text: "共计82345678人次", none: []pi.Type{pi.LandlinePhone}},
		{name: "order number word", text: "订单号0755-22345678",
			want: []expect{{typ: pi.LandlinePhone, span: "0755-22345678", low: true}}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkPhone(b *testing.B) {
	benchFamily(b, "联系电话%s，", func(v *synth.Values) string {
		switch v.Rand().IntN(4) {
		case 0:
			a, l := v.Landline()
			return a + "-" + l
		case 1:
			m := v.Mobile()
			return m[:3] + " " + m[3:7] + " " + m[7:]
		case 2:
			return "+86 " + v.Mobile()
		}
		return v.Mobile()
	})
}

func TestMixedSeparators(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"电话：0755-8888 8888。", "0755-8888 8888"},
		{"电话 010-6234 5678", "010-6234 5678"},
		{"手机 138-1234 5678", "138-1234 5678"},
		// an English sentence's full stop after the last group
		{"Mobile: +86 139 5512 3456. Email", "+86 139 5512 3456"},
		{"Call me on 139 5512 3456.", "139 5512 3456"},
	} {
		text := []byte(tt.text)
		fs := defaultEngine.Detect(text, nil)
		if len(fs) != 1 || string(text[fs[0].Start:fs[0].End]) != tt.want {
			t.Errorf("%q: %v", tt.text, fs)
		}
	}
}
