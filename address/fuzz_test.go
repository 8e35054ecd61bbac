package address

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

var fuzzSeeds = []string{
	"四川省成都市郫都区犀浦镇某小区3栋2单元",
	"北京市朝阳区建国路88号SOHO现代城5号楼1203室",
	"现住郫都区犀浦镇某小区3栋2单元。",
	"患者1，女，57岁，西安市新城区人，与确诊病例有接触。",
	"住址：杭州市西湖区文三路90号 电话",
	"道路交通安全法规定，区别对待各类情况。",
	"1-2-3-4-5号楼单元室",
	"村村村村路路路号号号",
	"\xff\xfe镇路\xe4\xb8号",
	"",
	"小区",
	"人，",
	"住",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		a := Parse(s)
		if !utf8.ValidString(s) {
			// offsets still fall on the decoder's rune boundaries
			return
		}
		checkAddress(t, s, a)
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(strings.Repeat("现住郫都区犀浦镇某小区3栋2单元，", 20))
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<14 {
			return
		}
		m, _ := Default()
		// running text, and a cell under an address label
		for _, fs := range [][]pi.Finding{Find([]byte(s), nil), m.FindLabeled([]byte(s), "家庭住址", nil)} {
			prev := -1
			for _, f := range fs {
				if f.Start < prev {
					t.Fatalf("findings not sorted")
				}
				prev = f.Start
				if f.Start < 0 || f.End > len(s) || f.Start >= f.End {
					t.Fatalf("finding [%d,%d) out of the text of %d bytes", f.Start, f.End, len(s))
				}
				if utf8.ValidString(s) {
					checkFinding(t, s, f)
				}
			}
		}
		for _, a := range m.FindAddresses([]byte(s)) {
			if a.Start < 0 || a.End > len(s) {
				t.Fatalf("address [%d,%d) out of the text", a.Start, a.End)
			}
			if utf8.ValidString(s) {
				checkAddress(t, s, a)
			}
		}
	})
}

// FuzzDivision: a name read as divisions is covered by its elements, end to
// end and in order, each coarser than the next.
func FuzzDivision(f *testing.F) {
	for _, s := range append(fuzzSeeds, "武汉", "湖北孝感", "北京市朝阳区", "孝感湖北", "新疆维吾尔自治区") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := Division(s)
		if !ok {
			return
		}
		at, rank := 0, -1
		for _, e := range a.Elements {
			if e.Start != at || e.End <= e.Start || s[e.Start:e.End] != e.Text {
				t.Fatalf("%q: element %+v does not follow at %d", s, e, at)
			}
			if r := levelRank(e.Level); r <= rank || !Administrative(e.Level) {
				t.Fatalf("%q: element %+v out of order or not a division", s, e)
			}
			at, rank = e.End, levelRank(e.Level)
		}
		if at != len(s) || a.Finest != a.Elements[len(a.Elements)-1].Level {
			t.Fatalf("%q: elements end at %d, finest %q", s, at, a.Finest)
		}
	})
}

func FuzzDivisionEnd(f *testing.F) {
	for _, s := range append(fuzzSeeds, "从湖北省十堰市返回驿城区", "从武汉市到西安市", "湖北省孝感市孝南区出发") {
		f.Add(s, 2, 6)
	}
	f.Fuzz(func(t *testing.T, s string, start, n int) {
		if start < 0 || n <= 0 || start+n > len(s) || !utf8.ValidString(s) || !utf8.RuneStart(s[start]) ||
			start+n < len(s) && !utf8.RuneStart(s[start+n]) {
			return
		}
		end := DivisionEnd([]byte(s), start, start+n)
		if end < start+n || end > len(s) || end < len(s) && !utf8.RuneStart(s[end]) {
			t.Fatalf("DivisionEnd(%q, %d, %d) = %d", s, start, start+n, end)
		}
	})
}
