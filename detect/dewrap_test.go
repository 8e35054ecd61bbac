package detect

import (
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// wrapped is a case report hard-wrapped at 24 characters, as text taken
// from a PDF comes: the address and a symptom break across lines.
const wrapped = "病例3：患者张某某，男，45岁，现住成都市锦江区春\n熙路街道红星路二段12号，系出租车司机。1月20日\n" +
	"到永辉超市（春熙路店）购物，1月22日出现发热、咳\n嗽症状，到四川大学华西医院发热门诊就诊。\n"

// TestDewrap: the breaks of full lines inside a run of words are closed;
// a short last line, a line ending with punctuation, a register's rows and
// a numbered entry's line are left.
func TestDewrap(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{wrapped, strings.Replace(strings.Replace(strings.Replace(wrapped, "春\n熙", "春熙", 1), "1月20日\n到", "1月20日到", 1), "咳\n嗽", "咳嗽", 1)},
		{"短行一\n短行二\n短行三\n", "短行一\n短行二\n短行三\n"},
		{"序号\t姓名\t性别\t年龄\t住址\t电话号码\n1\t王强\t男\t45\t成都市锦江区\t138\n2\t李娜\t女\t33\t成都市武侯区\t139\n3\t张伟\t男\t28\t成都市成华区\t137\n", ""},
		{"这是一行写满了字的句子到此结束。\n这是一行写满了字的句子到此结束。\n这是一行写满了字的句子到此结束。\n", ""},
		{"病例1：王某，男，45岁，现住锦江区某小区\n2、李某某，女，33岁，现住武侯区某小区\n3、赵某某，男，28岁，现住成华区某小区\n", ""},
		{"12000 王丽 9 武汉\n12001 李娜 9 武汉\n12002 张伟 9 武汉\n", ""},
		// a list of places of one length: each line a whole item
		{"锦江区春熙路街道红星路二段12号院\n青羊区草市街道西大街88号院小区\n武侯区簇锦街道双凤路12号附1号\n成华区府青路街道建设北路三段1号\n请广大市民注意防护。\n", ""},
		{"The patient was admitted on\nthe morning of the first and\ndischarged three days after\n", ""},
	} {
		want := tt.want
		if want == "" {
			want = tt.in
		}
		if out, _ := dewrap([]byte(tt.in)); string(out) != want {
			t.Errorf("dewrap(%q) = %q, want %q", tt.in, out, want)
		}
		checkCut(t, tt.in, dewrap)
	}
}

// TestWrappedReport: the engine reads the wrapped report as one text: one
// address over the break, the cough found, findings at their place.
func TestWrappedReport(t *testing.T) {
	got := map[string]pi.Type{}
	for _, f := range allEngine.Detect([]byte(wrapped), nil) {
		got[wrapped[f.Start:f.End]] = f.Type
	}
	for v, typ := range map[string]pi.Type{"成都市锦江区春\n熙路街道红星路二段12号": pi.Address, "咳\n嗽": pi.Health, "1月22日": pi.Date} {
		if got[v] != typ {
			t.Errorf("%q: %q, want %s (all: %v)", v, got[v], typ, got)
		}
	}
}

// FuzzDewrap: every byte of the result comes from the byte of the input its
// offset names, in order.
func FuzzDewrap(f *testing.F) {
	for _, s := range []string{wrapped, "a\nb\nc\n", "\n\n\n", "一二三四五六七八九十一二\n一二三四五六七八九十一二\n一二三四五六七八九十一二\n一", "\r\n\r\n\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkCut(t, s, dewrap) })
}

// checkCut checks a cut of s: unchanged without offsets, or every byte of
// the result from the byte of s its offset names, in order, and the last
// offset s's length.
func checkCut(t *testing.T, s string, cut func([]byte) ([]byte, []int32)) {
	out, pos := cut([]byte(s))
	if pos == nil {
		if string(out) != s {
			t.Fatalf("unchanged %q returned as %q", s, out)
		}
		return
	}
	if len(pos) != len(out)+1 || int(pos[len(out)]) != len(s) {
		t.Fatalf("%q: %d offsets for %d bytes", s, len(pos), len(out))
	}
	for i := range out {
		if i > 0 && pos[i] <= pos[i-1] || s[pos[i]] != out[i] {
			t.Fatalf("%q: byte %d from %d", s, i, pos[i])
		}
	}
}
