package risk

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// labels returns the label of each value at every level of h.
func labels(h *hierarchy) [][]string {
	out := make([][]string, len(h.levels))
	for l := range h.levels {
		for v := range h.label[l] {
			out[l] = append(out[l], h.text[l][h.label[l][v]])
		}
	}
	return out
}

// checkNested fails unless every level is a function of the level below:
// classes at a coarser level must be unions of finer ones.
func checkNested(t *testing.T, h *hierarchy) {
	t.Helper()
	for l := 1; l < len(h.levels); l++ {
		up := map[uint32]uint32{}
		for v := range h.label[l] {
			lo, hi := h.label[l-1][v], h.label[l][v]
			if prev, ok := up[lo]; ok && prev != hi {
				t.Errorf("level %s → %s not a function: %q maps to %q and %q", h.levels[l-1], h.levels[l],
					h.text[l-1][lo], h.text[l][prev], h.text[l][hi])
			}
			up[lo] = hi
		}
	}
}

func TestAgeHierarchy(t *testing.T) {
	values := []string{"0", "4", "5", "23", "45", "49", "50", "99", "40-44", "40-49", "80+", "", unparsedMark + "老年"}
	h := buildHierarchy(KindAge, values)
	if want := []string{"exact", "5-year", "10-year", "20-year", "*"}; !slices.Equal(h.levels, want) {
		t.Fatalf("levels %v, want %v", h.levels, want)
	}
	want := [][]string{
		{"0", "4", "5", "23", "45", "49", "50", "99", "40-44", "40-49", "80+", "", "老年"},
		{"0-4", "0-4", "5-9", "20-24", "45-49", "45-49", "50-54", "95-99", "40-44", "40-49", "80+", "", "?"},
		{"0-9", "0-9", "0-9", "20-29", "40-49", "40-49", "50-59", "90-99", "40-49", "40-49", "80+", "", "?"},
		{"0-19", "0-19", "0-19", "20-39", "40-59", "40-59", "40-59", "80-99", "40-59", "40-59", "80+", "", "?"},
		{"*", "*", "*", "*", "*", "*", "*", "*", "*", "*", "*", "*", "*"},
	}
	got := labels(h)
	for l := range want {
		if !slices.Equal(got[l], want[l]) {
			t.Errorf("level %s:\n got %q\nwant %q", h.levels[l], got[l], want[l])
		}
	}
	checkNested(t, h)
	// NCP: the domain is ages 0-99 (100 years); a 10-year band covers a
	// tenth of it, an exact age nothing, "*" and unknown everything
	ncp := func(l, v int) float64 { return h.ncp[l][h.label[l][v]] }
	for _, c := range []struct {
		l, v int
		want float64
	}{{0, 4, 0}, {1, 4, 0.05}, {2, 4, 0.1}, {3, 4, 0.2}, {4, 4, 1}, {0, 8, 0.05}, {2, 12, 1}, {1, 11, 0}} {
		if got := ncp(c.l, c.v); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("NCP of %q at %s = %v, want %v", values[c.v], h.levels[c.l], got, c.want)
		}
	}
}

func TestDateHierarchy(t *testing.T) {
	values := []string{"2020-12-02", "2020-12-07", "2020-12-08", "2020-12-22", "2020-12-31", "2020-11-30", "2021-01-01", "2020-12", "2020-12-02 19:00", "2020-06-15"}
	h := buildHierarchy(KindDate, values)
	if want := []string{"value", "day", "week", "month", "quarter", "year", "*"}; !slices.Equal(h.levels, want) {
		t.Fatalf("levels %v, want %v", h.levels, want)
	}
	want := [][]string{
		values,
		{"2020-12-02", "2020-12-07", "2020-12-08", "2020-12-22", "2020-12-31", "2020-11-30", "2021-01-01", "2020-12", "2020-12-02", "2020-06-15"},
		{"2020-12-01~07", "2020-12-01~07", "2020-12-08~14", "2020-12-22~31", "2020-12-22~31", "2020-11-22~30", "2021-01-01~07", "2020-12", "2020-12-01~07", "2020-06-15~21"},
		{"2020-12", "2020-12", "2020-12", "2020-12", "2020-12", "2020-11", "2021-01", "2020-12", "2020-12", "2020-06"},
		{"2020-Q4", "2020-Q4", "2020-Q4", "2020-Q4", "2020-Q4", "2020-Q4", "2021-Q1", "2020-Q4", "2020-Q4", "2020-Q2"},
		{"2020", "2020", "2020", "2020", "2020", "2020", "2021", "2020", "2020", "2020"},
	}
	got := labels(h)
	for l := range want {
		if !slices.Equal(got[l], want[l]) {
			t.Errorf("level %s:\n got %q\nwant %q", h.levels[l], got[l], want[l])
		}
	}
	checkNested(t, h)
	// day-only data: the value level and the day level are one; the
	// quarters split the data as the months do, and "*" as the year
	h = buildHierarchy(KindDate, []string{"2020-12-02", "2020-12-03", "2020-12-09", "2020-01-05"})
	if want := []string{"day", "week", "month", "year"}; !slices.Equal(h.levels, want) {
		t.Errorf("day data levels %v, want %v", h.levels, want)
	}
}

func TestRegionHierarchy(t *testing.T) {
	// real GB/T 2260 divisions: 郫都区 510117, 锦江区 510104 (成都市 510100,
	// 四川省 510000); 朝阳区 is both 110105 (北京) and 220104 (长春), settled
	// by the column's other values; 510124 is 郫县, a code no longer in use
	// that resident IDs still carry
	values := []string{"郫都区", "成都市郫都区犀浦镇某小区3栋", "四川省成都市锦江区", "朝阳区", "北京市海淀区", "东城区",
		codeMark + "510124", codeMark + "110105", "重庆市万州区", "某小区", "", "绵阳市涪城区"}
	h := buildHierarchy(KindRegion, values)
	if want := []string{"value", "county", "city", "province", "*"}; !slices.Equal(h.levels, want) {
		t.Fatalf("levels %v, want %v", h.levels, want)
	}
	got := labels(h)
	want := [][]string{
		{"郫都区", "成都市郫都区犀浦镇某小区3栋", "四川省成都市锦江区", "朝阳区", "北京市海淀区", "东城区", "四川省成都市郫县", "北京市朝阳区", "重庆市万州区", "某小区", "", "绵阳市涪城区"},
		{"四川省成都市郫都区", "四川省成都市郫都区", "四川省成都市锦江区", "北京市朝阳区", "北京市海淀区", "北京市东城区", "四川省成都市郫县", "北京市朝阳区", "重庆市万州区", "?", "", "四川省绵阳市涪城区"},
		{"四川省成都市", "四川省成都市", "四川省成都市", "北京市", "北京市", "北京市", "四川省成都市", "北京市", "重庆市", "?", "", "四川省绵阳市"},
		{"四川省", "四川省", "四川省", "北京市", "北京市", "北京市", "四川省", "北京市", "重庆市", "?", "", "四川省"},
	}
	for l := range want {
		if !slices.Equal(got[l], want[l]) {
			t.Errorf("level %s:\n got %q\nwant %q", h.levels[l], got[l], want[l])
		}
	}
	checkNested(t, h)
}

func TestRegionLabels(t *testing.T) {
	tests := []struct{ code, county, city, province string }{
		{"510117", "四川省成都市郫都区", "四川省成都市", "四川省"},
		{"510117006", "四川省成都市郫都区", "四川省成都市", "四川省"}, // 犀浦街道
		{"510124", "四川省成都市郫县", "四川省成都市", "四川省"},     // historical
		{"110105", "北京市朝阳区", "北京市", "北京市"},
		{"429004", "湖北省仙桃市", "湖北省仙桃市", "湖北省"}, // county-level city under the province
		{"510100", "四川省成都市", "四川省成都市", "四川省"},
		{"510000", "四川省", "四川省", "四川省"},
	}
	for _, tt := range tests {
		n, ok := RegionLabels(tt.code)
		if !ok || n.County != tt.county || n.City != tt.city || n.Province != tt.province {
			t.Errorf("RegionLabels(%s) = %+v, %v", tt.code, n, ok)
		}
	}
	if _, ok := RegionLabels("999999"); ok {
		t.Error("999999 is not a region")
	}
}

func TestGazetteerResolve(t *testing.T) {
	g := gazetteerOnce()
	tests := []struct{ text, code string }{
		{"郫都区", "510117"},
		{"成都市郫都区犀浦镇某小区3栋", "510117006"},
		{"成都市犀浦镇", "510117006"}, // a township under its city
		{"四川省成都市锦江区", "510104"},
		{"成都市锦江区北京路10号", "510104"}, // 北京路 is a street
		{"北京市朝阳区", "110105"},
		{"长春朝阳区", "220104"},
		{"阿坝州", "513200"},
		{"阿坝", "513200"}, // the prefecture rather than its county
		{"东莞市虎门镇", "441900121"},
		{"朝阳区", ""}, // ambiguous alone
		{"犀浦镇", ""}, // a township alone is not trusted
		{"成华大道", ""},
		{"某小区", ""},
	}
	for _, tt := range tests {
		if got := g.resolve(tt.text).code; got != tt.code {
			t.Errorf("resolve(%q) = %q, want %q", tt.text, got, tt.code)
		}
	}
}

func TestNumericHierarchy(t *testing.T) {
	values := []string{"0", "130", "999", "1000", "250", ""}
	h := buildHierarchy(KindNumeric, values)
	// widths 10, 50 and 100 leave every value alone, so they are dropped
	if want := []string{"exact", "width 500", "width 1000", "width 5000", "*"}; !slices.Equal(h.levels, want) {
		t.Fatalf("levels %v, want %v", h.levels, want)
	}
	got := labels(h)
	if want := []string{"[0,500)", "[0,500)", "[500,1000)", "[1000,1500)", "[0,500)", ""}; !slices.Equal(got[1], want) {
		t.Errorf("width 500: %q", got[1])
	}
	if want := []string{"[0,1000)", "[0,1000)", "[0,1000)", "[1000,2000)", "[0,1000)", ""}; !slices.Equal(got[2], want) {
		t.Errorf("width 1000: %q", got[2])
	}
	checkNested(t, h)
}

func TestCategoricalHierarchy(t *testing.T) {
	h := buildHierarchy(KindCategorical, []string{"教师", "医生", "工人", ""})
	got := labels(h)
	if !slices.Equal(h.levels, []string{"value", "*"}) || !slices.Equal(got[1], []string{"*", "*", "*", "*"}) {
		t.Errorf("levels %v labels %q", h.levels, got)
	}
	// NCP by leaves: one leaf of three is 0, "*" is 1
	if h.ncp[0][0] != 0 || h.ncp[1][0] != 1 {
		t.Errorf("ncp %v", h.ncp)
	}
	// a column with one value has nothing to generalize
	h = buildHierarchy(KindSex, []string{"女", "女"})
	if len(h.levels) != 1 {
		t.Errorf("single-valued column levels %v", h.levels)
	}
}

// TestHierarchiesNestRandom checks nesting on generated values of every
// kind.
func TestHierarchiesNestRandom(t *testing.T) {
	var ages, dates, nums []string
	for i := 0; i < 300; i++ {
		ages = append(ages, fmt.Sprint(i%120))
		if i%7 == 0 {
			ages = append(ages, fmt.Sprintf("%d-%d", i%100, i%100+i%13))
			ages = append(ages, fmt.Sprintf("%d+", i%100))
		}
		dates = append(dates, fmt.Sprintf("20%02d-%02d-%02d", 19+i%3, 1+i%12, 1+i%28))
		nums = append(nums, fmt.Sprint(float64(i*i)/7))
	}
	counties := sichuanCounties()
	for _, c := range []struct {
		kind   Kind
		values []string
	}{{KindAge, ages}, {KindDate, dates}, {KindNumeric, nums}, {KindRegion, counties}} {
		t.Run(string(c.kind), func(t *testing.T) {
			h := buildHierarchy(c.kind, c.values)
			checkNested(t, h)
			for l := range h.levels {
				for _, p := range h.ncp[l] {
					if p < 0 || p > 1+1e-9 {
						t.Fatalf("NCP %v at %s", p, h.levels[l])
					}
				}
			}
			if last := h.text[len(h.text)-1]; len(last) != 1 {
				t.Errorf("top level has %d labels: %q", len(last), strings.Join(last, ","))
			}
		})
	}
}
