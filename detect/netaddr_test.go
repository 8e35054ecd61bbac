package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestEmail(t *testing.T) {
	cases := []detectCase{
		{name: "with context", text: "如有疑问请发送邮件至zhang.wei@163.com。",
			want: []expect{{typ: pi.Email, span: "zhang.wei@163.com", min: 0.95, attrs: map[string]string{"domain": "163.com"}}}},
		{name: "bare between spaces", text: "其父亲李某某，邮箱 lihua1975@163.com ，已联系。",
			want: []expect{{typ: pi.Email, span: "lihua1975@163.com", min: 0.9}}},
		{name: "plus and underscore, country domain", text: "联系li_hua+news@pku.edu.cn。",
			want: []expect{{typ: pi.Email, span: "li_hua+news@pku.edu.cn", attrs: map[string]string{"domain": "pku.edu.cn"}}}},
		{name: "sentence-final dot", text: "Mail me at wang@example.com.",
			want: []expect{{typ: pi.Email, span: "wang@example.com"}}},
		{name: "upper-case domain", text: "EMAIL: ZHAO@QQ.COM",
			want: []expect{{typ: pi.Email, span: "ZHAO@QQ.COM", attrs: map[string]string{"domain": "qq.com"}}}},
		{name: "dot before a joiner", text: "见wang@example.com.#top",
			want: []expect{{typ: pi.Email, span: "wang@example.com"}}},
		{name: "only dot before a joiner", text: "0@0.#0", none: []pi.Type{pi.Email}},
		{name: "no dot in the domain", text: "user@localhost", none: []pi.Type{pi.Email}},
		{name: "no local part", text: "@163.com", none: []pi.Type{pi.Email}},
		{name: "one-letter top-level domain", text: "a@b.c", none: []pi.Type{pi.Email}},
		{name: "unknown long top-level domain", text: "a@b.notatld", none: []pi.Type{pi.Email}},
	}
	runCases(t, defaultEngine, cases)
}

func TestIP(t *testing.T) {
	cases := []detectCase{
		{name: "IPv4 with context", text: "用户登录IP地址为202.96.134.133，登录设备已记录。",
			want: []expect{{typ: pi.IPv4, span: "202.96.134.133", min: 0.9, attrs: map[string]string{"scope": "public"}}}},
		{name: "IPv4 bare", text: "来自202.96.134.133的访问",
			want: []expect{{typ: pi.IPv4, span: "202.96.134.133", min: 0.8}}},
		{name: "IPv4 with port", text: "服务器 192.168.1.10:8080 已停用",
			want: []expect{{typ: pi.IPv4, span: "192.168.1.10:8080", min: 0.9, attrs: map[string]string{"scope": "private"}}}},
		{name: "IPv4 after a version word", text: "固件版本1.2.3.4已推送。",
			want: []expect{{typ: pi.IPv4, span: "1.2.3.4", low: true, reason: true}}},
		{name: "IPv4 small octets bare", text: "升级到 1.2.3.4",
			want: []expect{{typ: pi.IPv4, span: "1.2.3.4", low: true, reason: true}}},
		{name: "IPv4 small octets with IP word", text: "IP 1.2.3.4",
			want: []expect{{typ: pi.IPv4, span: "1.2.3.4", min: 0.9}}},
		{name: "IPv4 octet out of range", text: "IP 256.1.1.1", none: []pi.Type{pi.IPv4}},
		{name: "IPv4 three octets", text: "IP 10.1.1", none: []pi.Type{pi.IPv4}},
		{name: "IPv4 five octets", text: "版本1.2.3.4.5", none: []pi.Type{anyType}},

		{name: "IPv6 with context", text: "服务器日志显示客户端IP 240e:3a1:4c:2b::1 多次访问。",
			want: []expect{{typ: pi.IPv6, span: "240e:3a1:4c:2b::1", min: 0.9, attrs: map[string]string{"scope": "public"}}}},
		{name: "IPv6 bare", text: "2408:8207:2482:1f0:5c3a:9a1f:3d2:1b7e",
			want: []expect{{typ: pi.IPv6, span: "2408:8207:2482:1f0:5c3a:9a1f:3d2:1b7e", min: 0.8}}},
		{name: "IPv6 link-local", text: "IPv6 fe80::1c2d:3e4f",
			want: []expect{{typ: pi.IPv6, span: "fe80::1c2d:3e4f", attrs: map[string]string{"scope": "link-local"}}}},
		{name: "IPv6 loopback", text: "IP ::1", none: []pi.Type{pi.IPv6}},
		{name: "time of day is not IPv6", text: "09:15:30", none: []pi.Type{anyType}},
	}
	runCases(t, defaultEngine, cases)
}

func TestMAC(t *testing.T) {
	cases := []detectCase{
		{name: "colons", text: "登录设备MAC地址00:1A:2B:3C:4D:5E。",
			want: []expect{{typ: pi.MACAddress, span: "00:1A:2B:3C:4D:5E", min: 0.95}}},
		{name: "dashes", text: "物理地址 00-1A-2B-3C-4D-5E",
			want: []expect{{typ: pi.MACAddress, span: "00-1A-2B-3C-4D-5E", min: 0.95}}},
		{name: "lower case bare", text: "设备 a4:5e:60:c2:11:07 上线",
			want: []expect{{typ: pi.MACAddress, span: "a4:5e:60:c2:11:07", min: 0.85}}},
		{name: "bare hex with context", text: "MAC地址001A2B3C4D5E",
			want: []expect{{typ: pi.MACAddress, span: "001A2B3C4D5E", min: 0.8}}},
		{name: "digits only, no context", text: "12-34-56-78-90-12",
			want: []expect{{typ: pi.MACAddress, span: "12-34-56-78-90-12", low: true, reason: true}}},
		{name: "digits only with context", text: "网卡 12-34-56-78-90-12",
			want: []expect{{typ: pi.MACAddress, span: "12-34-56-78-90-12", min: 0.9}}},
		{name: "bare hex without context", text: "001A2B3C4D5E", none: []pi.Type{pi.MACAddress}},
		{name: "five groups", text: "MAC 00:1A:2B:3C:4D", none: []pi.Type{pi.MACAddress}},
		{name: "not hex", text: "MAC 00:1G:2B:3C:4D:5E", none: []pi.Type{pi.MACAddress}},
	}
	runCases(t, defaultEngine, cases)
}

func TestURL(t *testing.T) {
	cases := []detectCase{
		{name: "https", text: "其个人主页https://weibo.com/u/12345678已被封禁。",
			want: []expect{{typ: pi.URL, span: "https://weibo.com/u/12345678", attrs: map[string]string{"host": "weibo.com"}}}},
		{name: "www without scheme", text: "详见www.example.com.cn/user/123。",
			want: []expect{{typ: pi.URL, span: "www.example.com.cn/user/123", attrs: map[string]string{"host": "www.example.com.cn"}}}},
		{name: "trailing punctuation", text: "See http://example.com/a.",
			want: []expect{{typ: pi.URL, span: "http://example.com/a"}}},
		{name: "phone in the query string", text: "详见https://example.com/order?phone=13812345678&id=1",
			want: []expect{
				{typ: pi.URL, span: "https://example.com/order?phone=13812345678&id=1"},
				{typ: pi.MobilePhone, span: "13812345678", min: 0.9},
			}},
		{name: "e-mail in the user info is the URL's", text: "ftp://user@files.example.com/x",
			want: []expect{{typ: pi.URL, span: "ftp://user@files.example.com/x"}}, none: []pi.Type{pi.Email}},
		{name: "scheme only", text: "http://", none: []pi.Type{pi.URL}},
		{name: "host without a dot", text: "http://localhost/x", none: []pi.Type{pi.URL}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkNetAddr(b *testing.B) {
	benchFamily(b, "%s，", func(v *synth.Values) string {
		switch v.Rand().IntN(5) {
		case 0:
			return "邮箱 " + v.Email()
		case 1:
			return "IP地址" + v.IPv4()
		case 2:
			return "客户端 " + v.IPv6()
		case 3:
			return "MAC地址" + v.MAC()
		}
		return "主页" + v.URL()
	})
}
