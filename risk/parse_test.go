package risk

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseAge(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"45", 45, true},
		{" 45 ", 45, true},
		{"45岁", 45, true},
		{"45周岁", 45, true},
		{"45.5", 45, true},
		{"４５", 45, true},
		{"45岁3个月", 45, true},
		{"6个月", 0, true},
		{"18月龄", 1, true},
		{"六十九岁", 69, true},
		{"十二", 12, true},
		{"一百零二岁", 102, true},
		{"0", 0, true},
		{"150", 150, true},
		{"151", 0, false},
		{"", 0, false},
		{"abc", 0, false},
		{"45岁以上", 0, false},
		{"-3", 0, false},
		{"4.5.6", 0, false},
		{"二十二十", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseAge(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseAge(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseAgeValue(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"45", "45"},
		{"40-44", "40-44"},
		{"40~44岁", "40-44"},
		{"40至49岁", "40-49"},
		{"80+", "80+"},
		{"80岁以上", "80+"},
		{"50-40", ""},
		{"老年", ""},
	}
	for _, tt := range tests {
		got, ok := canonicalAge(tt.in)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("canonicalAge(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseChineseNumber(t *testing.T) {
	for in, want := range map[string]int{"五": 5, "十": 10, "十二": 12, "二十": 20, "二十五": 25, "九十九": 99, "一百": 100,
		"一百零二": 102, "两百三十": 230, "一百二十三": 123} {
		if got, ok := parseChineseNumber(in); !ok || got != want {
			t.Errorf("parseChineseNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "百", "十十", "一二", "零十", "一百二", "二十零", "五百百"} {
		if got, ok := parseChineseNumber(in); ok {
			t.Errorf("parseChineseNumber(%q) = %d, want failure", in, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string // want "" = not a date
	}{
		{"2020-12-02", "2020-12-02"},
		{"2020/12/2", "2020-12-02"},
		{"2020.12.02", "2020-12-02"},
		{"20201202", "2020-12-02"},
		{"2020年12月2日", "2020-12-02"},
		{"2020年12月2号", "2020-12-02"},
		{"２０２０年１２月２日", "2020-12-02"},
		{"2020-12", "2020-12"},
		{"2020年12月", "2020-12"},
		{"2020年", "2020"},
		{"2020", "2020"},
		{"2020-12-02 19:00", "2020-12-02 19:00"},
		{"2020-12-02 19:00:59", "2020-12-02 19:00"},
		{"2020-12-02T19:00:00+08:00", "2020-12-02 19:00"},
		{"2020-12-02T19:00:00.123Z", "2020-12-02 19:00"},
		{"2020年12月2日19时30分", "2020-12-02 19:30"},
		{"2020年12月2日19时", "2020-12-02 19:00"},
		{"2020年12月2日19点半", "2020-12-02 19:30"},
		{"2020-02-29", "2020-02-29"},
		{"2019-02-29", ""},
		{"2020-13-01", ""},
		{"2020-12-32", ""},
		{"1899-01-01", ""},
		{"2020-12/02", ""},
		{"2020年12-02", ""},
		{"12月2日", ""},
		{"2020-12-02 25:00", ""},
		{"2020-12-02 19:60", ""},
		{"2020-12-02x", ""},
		{"hello", ""},
		{"", ""},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseSex(t *testing.T) {
	for in, want := range map[string]string{"男": "男", "女性": "女", "M": "男", "f": "女", "Female": "女", " male ": "男", "未知": "", "": ""} {
		got, _ := ParseSex(in)
		if got != want {
			t.Errorf("ParseSex(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseResidentID(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		birth  string
		male   bool
		region string
	}{
		{"510108195103152322", true, "1951-03-15", false, "510108"},
		{"11010519491231002X", true, "1949-12-31", false, "110105"},
		{"11010519491231002x", true, "1949-12-31", false, "110105"},
		{"510124201403125519", true, "2014-03-12", true, "510124"},
		{"5101 0819 5103 1523 22", true, "1951-03-15", false, "510108"},
		{"320106760523051", true, "1976-05-23", true, "320106"},
		{"510108195103152323", false, "", false, ""}, // bad check digit
		{"510108195113152329", false, "", false, ""}, // month 13
		{"51010819510315232", false, "", false, ""},
		{"", false, "", false, ""},
	}
	for _, tt := range tests {
		f, ok := ParseResidentID(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseResidentID(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && (f.Birth.Format("2006-01-02") != tt.birth || f.Male != tt.male || f.Region != tt.region) {
			t.Errorf("ParseResidentID(%q) = %v %v %s", tt.in, f.Birth, f.Male, f.Region)
		}
	}
	birth := time.Date(1951, 3, 15, 0, 0, 0, 0, time.UTC)
	for ref, want := range map[string]int{"2020-03-14": 68, "2020-03-15": 69, "2020-12-31": 69} {
		r, _ := time.Parse("2006-01-02", ref)
		if got := ageAt(birth, r); got != want {
			t.Errorf("age at %s = %d, want %d", ref, got, want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"12": 12, "-3.5": -3.5, "1,234": 1234, "１２": 12, "1e3": 1000} {
		if got, ok := ParseNumber(in); !ok || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "12元", "NaN", "1e20", "abc"} {
		if got, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) = %v, want failure", in, got)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	if got := normalizeText("  成都市 \t 郫都区　犀浦镇 "); got != "成都市 郫都区 犀浦镇" {
		t.Errorf("normalizeText = %q", got)
	}
}

func FuzzParseAge(f *testing.F) {
	for _, s := range []string{"45", "45岁", "45岁3个月", "6个月", "六十九岁", "一百零二", "40-44", "80岁以上", "4.5.6", "十十"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseAge(s)
		if ok && (n < 0 || n > maxAge) {
			t.Fatalf("ParseAge(%q) = %d outside 0-%d", s, n, maxAge)
		}
		if v, ok := canonicalAge(s); ok {
			// the canonical form reads back as itself
			if w, ok2 := canonicalAge(v); !ok2 || w != v {
				t.Fatalf("canonicalAge(%q) = %q, which reads back as %q, %v", s, v, w, ok2)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-12-02", "2020年12月2日19时30分", "20201202", "2020-12-02T19:00:00+08:00", "2020年", "2020-02-30", "2020-12-02 25:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if !validDate(d) {
			t.Fatalf("ParseDate(%q) = invalid %+v", s, d)
		}
		// the canonical form reads back to the same date, and every level
		// of the hierarchy labels it without panicking
		e, ok := ParseDate(d.String())
		if !ok || e != d {
			t.Fatalf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, e, ok)
		}
		for l := dateValue; l <= dateYear; l++ {
			lo, hi := dateSpan(d, l)
			if hi < lo || dateLabel(d, l) == "" {
				t.Fatalf("level %d of %v: span %v-%v label %q", l, d, lo, hi, dateLabel(d, l))
			}
		}
	})
}

func FuzzResolveRegion(f *testing.F) {
	for _, s := range []string{"郫都区", "四川省成都市郫都区犀浦镇某小区3栋", "朝阳区", "成华大道", "阿坝州", "成都市锦江区北京路10号", "某小区", "\xff\xfe"} {
		f.Add(s)
	}
	g := gazetteerOnce()
	f.Fuzz(func(t *testing.T, s string) {
		r := g.resolve(s)
		if r.code != "" {
			n, ok := RegionLabels(r.code)
			if !ok || n.Province == "" || n.City == "" || n.County == "" {
				t.Fatalf("resolve(%q) = %s with labels %+v, %v", s, r.code, n, ok)
			}
			// the labels nest: county within city within province
			if !strings.HasPrefix(n.County, n.Province) || !strings.HasPrefix(n.City, n.Province) {
				t.Fatalf("labels of %s do not nest: %+v", r.code, n)
			}
		}
		if !utf8.ValidString(s) {
			return
		}
		h := buildHierarchy(KindRegion, []string{s, "", unparsedMark + s})
		if len(h.levels) == 0 {
			t.Fatal("no levels")
		}
	})
}

func FuzzParseResidentID(f *testing.F) {
	for _, s := range []string{"510108195103152322", "11010519491231002X", "320106760523051", "5101 0819 5103 1523 22", "000000000000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := ParseResidentID(s)
		if ok && (len(id.Region) != 6 || id.Birth.IsZero()) {
			t.Fatalf("ParseResidentID(%q) = %+v", s, id)
		}
	})
}
