package zh

import "testing"

func TestLookupAreaCode(t *testing.T) {
	tests := []struct {
		code string
		city string
		ok   bool
	}{
		{"010", "北京", true},
		{"021", "上海", true},
		{"0755", "深圳", true},
		{"0571", "杭州", true},
		{"024", "沈阳", true},  // shared with 抚顺, 铁岭, 本溪
		{"0728", "江汉", true}, // the table's name for 仙桃/潜江/天门
		{"0000", "", false},
		{"000", "", false},
		{"852", "", false}, // a country calling code
		{"0101", "", false},
		{"07555", "", false},
		{"10", "", false},
		{"", "", false},
		{"0a55", "", false},
	}
	for _, tt := range tests {
		city, ok := LookupAreaCode(tt.code)
		if city != tt.city || ok != tt.ok {
			t.Errorf("LookupAreaCode(%q) = %q, %v; want %q, %v", tt.code, city, ok, tt.city, tt.ok)
		}
	}
}

func TestAreaCodeAt(t *testing.T) {
	tests := []struct {
		digits string
		n      int
	}{
		{"01012345678", 3},
		{"010", 3},
		{"075512345678", 4},
		{"0755", 4},
		{"057188886666", 4},
		{"075", 0},
		{"000012345678", 0},
		{"12345678", 0},
		{"0", 0},
		{"", 0},
		{"0x55", 0},
	}
	for _, tt := range tests {
		if got := AreaCodeAt(tt.digits); got != tt.n {
			t.Errorf("AreaCodeAt(%q) = %d, want %d", tt.digits, got, tt.n)
		}
	}
}

func TestAreaCodesPrefixFree(t *testing.T) {
	tab := areaCodes()
	n := 0
	for v3, i := range tab.by3 {
		if i == 0 {
			continue
		}
		n++
		for d := range 10 {
			if tab.by4[v3*10+d] != 0 {
				t.Errorf("area code %03d is a prefix of %03d%d", v3, v3, d)
			}
		}
	}
	for _, i := range tab.by4 {
		if i != 0 {
			n++
		}
	}
	if n != 321 {
		t.Errorf("%d area codes, want 321", n)
	}
	// Every area code of the mobile table is known.
	for _, info := range mobile().infos[1:] {
		if _, ok := LookupAreaCode(info.AreaCode); !ok {
			t.Errorf("area code %q of %s%s unknown", info.AreaCode, info.Province, info.City)
		}
	}
}
