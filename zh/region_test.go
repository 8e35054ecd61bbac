package zh

import (
	"testing"
)

func TestLookupRegion(t *testing.T) {
	tests := []struct {
		name string
		code string
		want Region
	}{
		{"current county", "110101", Region{Code: "110101", Name: "北京市东城区", Province: "北京市", County: "东城区",
			Current: true, FirstYear: 1980, LastYear: 2020}},
		{"province", "440000", Region{Code: "440000", Name: "广东省", Province: "广东省",
			Current: true, FirstYear: 1980, LastYear: 2020}},
		{"city", "440300", Region{Code: "440300", Name: "广东省深圳市", Province: "广东省", City: "深圳市",
			Current: true, FirstYear: 1980, LastYear: 2020}},
		{"placeholder city", "110100", Region{Code: "110100", Name: "北京市", Province: "北京市", Current: true}},
		{"historical, merged into 东城区 in 2010", "110103", Region{Code: "110103", Name: "北京市崇文区", Province: "北京市",
			County: "崇文区", FirstYear: 1980, LastYear: 2009}},
		{"historical, split 2018", "330103", Region{Code: "330103", Name: "浙江省杭州市下城区", Province: "浙江省",
			City: "杭州市", County: "下城区", FirstYear: 1980, LastYear: 2020}},
		{"renamed, keeps current name", "340111", Region{Code: "340111", Name: "安徽省合肥市包河区", Province: "安徽省",
			City: "合肥市", County: "包河区", Current: true, FirstYear: 1980, LastYear: 2020}},
		{"county-level city under a placeholder", "429004", Region{Code: "429004", Name: "湖北省仙桃市", Province: "湖北省",
			County: "仙桃市", Current: true, FirstYear: 1994, LastYear: 2020}},
		{"city without counties", "441900", Region{Code: "441900", Name: "广东省东莞市", Province: "广东省", City: "东莞市",
			Current: true, FirstYear: 1988, LastYear: 2020}},
		{"2011 list only", "130101", Region{Code: "130101", Name: "河北省石家庄市", Province: "河北省", City: "石家庄市"}},
		{"Hong Kong", "810000", Region{Code: "810000", Name: "香港特别行政区", Province: "香港特别行政区",
			Current: true, FirstYear: 2013, LastYear: 2020}},
		{"Taiwan residence permit", "830000", Region{Code: "830000", Name: "台湾省", Province: "台湾省",
			FirstYear: 2013, LastYear: 2020}},
		{"Taiwan GB/T 2260", "710000", Region{Code: "710000", Name: "台湾省", Province: "台湾省", Current: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LookupRegion(tt.code)
			if !ok {
				t.Fatalf("LookupRegion(%q) not found", tt.code)
			}
			if got != tt.want {
				t.Errorf("LookupRegion(%q)\n got %+v\nwant %+v", tt.code, got, tt.want)
			}
			if !ValidRegionCode(tt.code) {
				t.Errorf("ValidRegionCode(%q) = false", tt.code)
			}
		})
	}
}

func TestLookupRegionHistoricalNames(t *testing.T) {
	// 152828 丰镇县 was in 乌兰察布盟 in 1981, its last year under that code;
	// the city code 152800 later named 巴彦淖尔盟, so the names must be
	// those of 1981, not the city code's last name.
	got, ok := LookupRegion("152828")
	want := Region{Code: "152828", Name: "内蒙古自治区乌兰察布盟丰镇县", Province: "内蒙古自治区",
		City: "乌兰察布盟", County: "丰镇县", FirstYear: 1980, LastYear: 1981}
	if !ok || got != want {
		t.Errorf("LookupRegion(152828)\n got %+v\nwant %+v", got, want)
	}
}

func TestValidRegionCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"110101", true},
		{"110103", true}, // historical
		{"650000", true},
		{"000000", false},
		{"110199", false},
		{"990000", false},
		{"11010", false},
		{"1101011", false},
		{"11010a", false},
		{"", false},
		{"１１０１０１", false}, // full-width digits
	}
	for _, tt := range tests {
		if got := ValidRegionCode(tt.code); got != tt.want {
			t.Errorf("ValidRegionCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
		if _, ok := LookupRegion(tt.code); ok != tt.want {
			t.Errorf("LookupRegion(%q) ok = %v, want %v", tt.code, ok, tt.want)
		}
	}
}

func TestRegionTable(t *testing.T) {
	tab := regions()
	var cur, hist int
	for i, r := range tab.regions {
		if r.Current {
			cur++
		} else {
			hist++
		}
		if r.Name == "" {
			t.Errorf("%s has no name", r.Code)
		}
		if r.FirstYear > r.LastYear || r.FirstYear != 0 && r.FirstYear < 1980 || r.LastYear > 2020 {
			t.Errorf("%s: years %d–%d", r.Code, r.FirstYear, r.LastYear)
		}
		if placeholder(r.City) || placeholder(r.County) {
			t.Errorf("%s: placeholder name in %+v", r.Code, r)
		}
		if i > 0 && tab.codes[i-1] >= tab.codes[i] {
			t.Errorf("codes not sorted at %d", i)
		}
	}
	// 2023: 31 provinces + 342 cities + 2978 counties - 3 counties that
	// repeat their city's code + 710000, 810000, 820000.
	if cur != 3351 {
		t.Errorf("current codes = %d, want 3351", cur)
	}
	if hist < 3500 {
		t.Errorf("historical codes = %d, want > 3500", hist)
	}
}

func TestDivisions(t *testing.T) {
	ds := Divisions()
	byCode := map[string]Division{}
	var levels [5]int
	for i, d := range ds {
		levels[d.Level]++
		if i > 0 && ds[i-1].Code > d.Code {
			t.Errorf("not in code order: %s before %s", ds[i-1].Code, d.Code)
		}
		if _, dup := byCode[d.Code]; dup {
			t.Errorf("code %s twice", d.Code)
		}
		byCode[d.Code] = d
		if d.Level == 1 {
			if d.Parent != "" {
				t.Errorf("%+v: province with a parent", d)
			}
			continue
		}
		p, ok := byCode[d.Parent]
		if !ok {
			t.Errorf("%+v: parent not listed before it", d)
			continue
		}
		if p.Level >= d.Level {
			t.Errorf("%+v: parent %+v not above it", d, p)
		}
		if placeholder(d.Name) && d.Level == 2 {
			t.Errorf("%+v: placeholder listed", d)
		}
	}
	if levels[1] != 34 || levels[2] < 350 || levels[3] < 2900 || levels[4] != 41352 {
		t.Errorf("divisions per level = %v", levels[1:])
	}
	tests := []Division{
		{Code: "110000", Name: "北京市", Level: 1},
		{Code: "110101", Name: "东城区", Level: 3, Parent: "110000"},
		{Code: "110101001", Name: "东华门街道", Level: 4, Parent: "110101"},
		{Code: "441900", Name: "东莞市", Level: 2, Parent: "440000"},
		{Code: "429004", Name: "仙桃市", Level: 3, Parent: "420000"},
		{Code: "810000", Name: "香港特别行政区", Level: 1},
		{Code: "810100", Name: "香港岛", Level: 2, Parent: "810000"},
		{Code: "810101", Name: "中西区", Level: 3, Parent: "810100"},
		{Code: "710000", Name: "台湾省", Level: 1},
		{Code: "710100", Name: "台北市", Level: 2, Parent: "710000"},
	}
	for _, want := range tests {
		if got := byCode[want.Code]; got != want {
			t.Errorf("division %s = %+v, want %+v", want.Code, got, want)
		}
	}
	// Townships of 东莞 sit directly under the city.
	n := 0
	for _, d := range ds {
		if d.Level == 4 && d.Parent == "441900" {
			n++
		}
	}
	if n < 20 {
		t.Errorf("东莞市 has %d townships", n)
	}
	// The result is a copy.
	ds[0].Name = "x"
	if Divisions()[0].Name == "x" {
		t.Error("Divisions returns shared storage")
	}
}

func BenchmarkValidRegionCode(b *testing.B) {
	codes := []string{"110101", "110103", "990000", "44030x"}
	ValidRegionCode(codes[0])
	b.SetBytes(6)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ValidRegionCode(codes[i&3])
	}
}

func BenchmarkLookupRegion(b *testing.B) {
	codes := []string{"110101", "110103", "990000", "440300"}
	LookupRegion(codes[0])
	b.SetBytes(6)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		LookupRegion(codes[i&3])
	}
}
