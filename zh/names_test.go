package zh

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestSurname(t *testing.T) {
	tests := []struct {
		s    string
		freq int
		ok   bool
	}{
		{"王", 95200, true},
		{"李", 93400, true},
		{"萧", 739, true}, // TF 73.900000000000006 in the source
		{"欧阳", 910, true},
		{"司马", 50, true},
		{"诸葛", 50, true},
		{"上官", 50, true},
		{"梁丘", 0, true}, // gse.name.zh_CN only
		{"公良", 0, true}, // 百家姓 only
		{"单于", 0, false},
		{"王小", 0, false},
		{"", 0, false},
		{"wang", 0, false},
	}
	for _, tt := range tests {
		freq, ok := Surname(tt.s)
		if freq != tt.freq || ok != tt.ok {
			t.Errorf("Surname(%q) = %d, %v; want %d, %v", tt.s, freq, ok, tt.freq, tt.ok)
		}
	}
}

func TestSurnameAt(t *testing.T) {
	tests := []struct {
		s string
		n int
	}{
		{"欧阳修", 6},
		{"司马光", 6},
		{"诸葛亮", 6},
		{"王小明", 3},
		{"欧阳", 6},
		{"欧", 3},
		{"李", 3},
		{"单于洋", 3}, // 单 + 于洋; 单于 is not listed
		{"x王", 0},
		{"", 0},
		{"\xff王", 0},
		{"王\xff", 3},
		{"的", 0},
	}
	for _, tt := range tests {
		if got := SurnameAt(tt.s); got != tt.n {
			t.Errorf("SurnameAt(%q) = %d, want %d", tt.s, got, tt.n)
		}
	}
}

func TestSurnames(t *testing.T) {
	all := Surnames()
	if len(all) < 1074 {
		t.Fatalf("%d surnames", len(all))
	}
	if all[0] != "王" || all[1] != "李" || all[2] != "张" {
		t.Errorf("most common = %v", all[:3])
	}
	prev := 1 << 30
	compound := 0
	for _, s := range all {
		f, ok := Surname(s)
		if !ok || f > prev {
			t.Errorf("%s out of order or unknown (freq %d after %d)", s, f, prev)
		}
		prev = f
		if utf8.RuneCountInString(s) == 2 {
			compound++
		}
	}
	if compound < 70 {
		t.Errorf("%d compound surnames", compound)
	}
	all[0] = "x"
	if Surnames()[0] != "王" {
		t.Error("Surnames returns shared storage")
	}
}

func TestEthnicGroups(t *testing.T) {
	gs := EthnicGroups()
	if len(gs) != 56 {
		t.Fatalf("%d ethnic groups, want 56", len(gs))
	}
	if gs[0] != "汉族" || gs[1] != "蒙古族" || gs[55] != "基诺族" {
		t.Errorf("order: %v … %v", gs[:2], gs[55])
	}
	seen := map[string]bool{}
	for _, g := range gs {
		if seen[g] {
			t.Errorf("%s twice", g)
		}
		seen[g] = true
		if !EthnicGroup(g) {
			t.Errorf("EthnicGroup(%q) = false", g)
		}
	}
	for _, s := range []string{"汉", "维吾尔", "蒙古", "柯尔克孜族", "高山族", "京族"} {
		if !EthnicGroup(s) {
			t.Errorf("EthnicGroup(%q) = false", s)
		}
	}
	for _, s := range []string{"", "族", "汉人", "穿青人", "汉族 ", "漢族"} {
		if EthnicGroup(s) {
			t.Errorf("EthnicGroup(%q) = true", s)
		}
	}
	gs[0] = "x"
	if !slices.Contains(EthnicGroups(), "汉族") {
		t.Error("EthnicGroups returns shared storage")
	}
}

func TestUSCCOrgType(t *testing.T) {
	tests := []struct {
		dept, cat byte
		want      bool
	}{
		{'9', '1', true}, // 企业
		{'9', '2', true}, // 个体工商户
		{'9', '3', true}, // 农民专业合作社
		{'9', '9', false},
		{'1', '1', true},
		{'1', '9', true},
		{'5', '3', true},
		{'3', '5', true},
		{'Y', '1', true},
		{'Y', '2', false},
		{'A', '9', true},
		{'N', '3', true},
		{'0', '1', false},
		{'B', '1', false},
		{'y', '1', false},
		{'9', 'A', false},
		{0xff, '1', false},
		{'9', 0xff, false},
	}
	for _, tt := range tests {
		if got := USCCOrgType(tt.dept, tt.cat); got != tt.want {
			t.Errorf("USCCOrgType(%q, %q) = %v, want %v", tt.dept, tt.cat, got, tt.want)
		}
	}
}

func TestProvinceAbbrev(t *testing.T) {
	want := map[rune]string{
		'京': "北京市", '津': "天津市", '沪': "上海市", '渝': "重庆市", '冀': "河北省", '豫': "河南省",
		'云': "云南省", '辽': "辽宁省", '黑': "黑龙江省", '湘': "湖南省", '皖': "安徽省", '鲁': "山东省",
		'新': "新疆维吾尔自治区", '苏': "江苏省", '浙': "浙江省", '赣': "江西省", '鄂': "湖北省",
		'桂': "广西壮族自治区", '甘': "甘肃省", '晋': "山西省", '蒙': "内蒙古自治区", '陕': "陕西省",
		'吉': "吉林省", '闽': "福建省", '贵': "贵州省", '粤': "广东省", '青': "青海省", '藏': "西藏自治区",
		'川': "四川省", '宁': "宁夏回族自治区", '琼': "海南省",
	}
	if len(want) != 31 {
		t.Fatalf("test table has %d entries", len(want))
	}
	for r, p := range want {
		got, ok := ProvinceAbbrev(r)
		if got != p || !ok {
			t.Errorf("ProvinceAbbrev(%q) = %q, %v; want %q", r, got, ok, p)
		}
	}
	for _, r := range []rune{'港', '澳', '台', '黔', 'A', 0} {
		if got, ok := ProvinceAbbrev(r); ok {
			t.Errorf("ProvinceAbbrev(%q) = %q", r, got)
		}
	}
}

func TestPlateRegion(t *testing.T) {
	tests := []struct {
		prefix string
		want   string
		ok     bool
	}{
		{"京A", "中央国家机关", true},
		{"京B", "运营车辆", true},
		{"粤B", "深圳市", true},
		{"粤B12345", "深圳市", true},
		{"粤b", "深圳市", true},
		{"粤Z", "港澳车辆", true},
		{"冀A", "石家庄市", true},
		{"沪A", "上海市", true},
		{"新B", "昌吉回族自治州/五家渠市", true},
		{"京", "", false},
		{"京1", "", false},
		{"冀Z", "", false},
		{"VA", "", false},
		{"", "", false},
		{"\xffA", "", false},
	}
	for _, tt := range tests {
		got, ok := PlateRegion(tt.prefix)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PlateRegion(%q) = %q, %v; want %q, %v", tt.prefix, got, ok, tt.want, tt.ok)
		}
	}
	// Every civil prefix starts with a known abbreviation.
	for k := range plates().civil {
		if _, ok := ProvinceAbbrev(k.abbrev); !ok {
			t.Errorf("prefix %c%c: unknown abbreviation", k.abbrev, k.letter)
		}
	}
}

func TestSpecialPlate(t *testing.T) {
	tests := []struct {
		code string
		want string
		ok   bool
	}{
		{"VA", "军委总参", true},
		{"HE", "北海舰队", true},
		{"ZG", "国防科技大学/驻港部队", true},
		{"QD", "东部战区", true},
		{"X", "消防部队", true},
		{"0", "内卫部队", true},
		{"224", "美国", true},
		{"航", "民航", true},
		{"京A", "", false},
		{"VAX", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := SpecialPlate(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SpecialPlate(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}
