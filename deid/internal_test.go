package deid

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		y, m, d int
		end     int // bytes; -1: not a date
	}{
		{"2020-01-02", 2020, 1, 2, 10},
		{"2020/1/2", 2020, 1, 2, 8},
		{"2020.01.02", 2020, 1, 2, 10},
		{"2020-01", 2020, 1, 0, 7},
		{"2020-01-02T10:00", 2020, 1, 2, 10},
		{"20200102", 2020, 1, 2, 8},
		{"2020年1月2日", 2020, 1, 2, len("2020年1月2日")},
		{"2020年1月2日19时", 2020, 1, 2, len("2020年1月2日")},
		{"2020年1月", 2020, 1, 0, len("2020年1月")},
		{"1月2日", 0, 1, 2, len("1月2日")},
		{"1月2号上午", 0, 1, 2, len("1月2号")},
		{"23日", 0, 0, 23, len("23日")},
		{"2020年", 2020, 0, 0, len("2020年")},
		{"于2020年1月2日", 2020, 1, 2, len("于2020年1月2日")},
		{"2020-13-02", 0, 0, 0, -1},
		{"2021年2月29日", 0, 0, 0, -1},
		{"2月30日", 0, 0, 0, -1},
		{"2020年2日", 0, 0, 0, -1},
		{"去年冬天", 0, 0, 0, -1},
		{"", 0, 0, 0, -1},
		{"12345", 0, 0, 0, -1},
	}
	for _, tc := range tests {
		w, ok := parseDate(tc.in)
		if tc.end < 0 {
			if ok {
				t.Errorf("%q parsed as %+v", tc.in, w)
			}
			continue
		}
		if !ok || w.y != tc.y || w.m != tc.m || w.d != tc.d || w.end != tc.end {
			t.Errorf("%q = %d-%d-%d end %d ok %v, want %d-%d-%d end %d", tc.in, w.y, w.m, w.d, w.end, ok, tc.y, tc.m, tc.d, tc.end)
		}
	}
	// Writing keeps widths: 01 stays two digits, 1 grows to 12.
	w, _ := parseDate("2020/1/2")
	if got := w.write("2020/1/2", time.Date(2021, 12, 25, 0, 0, 0, 0, time.UTC)); got != "2021/12/25" {
		t.Errorf("write = %q", got)
	}
	w, _ = parseDate("2020-01-02")
	if got := w.write("2020-01-02", time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)); got != "2021-03-05" {
		t.Errorf("write = %q", got)
	}
	// 29 February without a year falls in a leap year.
	w, _ = parseDate("2月29日")
	if r := w.resolve(time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)); r.Month() != 2 || r.Day() != 29 {
		t.Errorf("resolve 2月29日 = %v", r)
	}
}

func TestMatchPlace(t *testing.T) {
	tests := []struct {
		in        string
		upTo      string // canonical to district
		end3      int    // written length of the divisions to district
		town      string
		ambiguous bool
	}{
		{"四川省成都市郫都区犀浦镇百草路", "四川省成都市郫都区", len("四川省成都市郫都区"), "犀浦街道", false},
		{"成都市郫都区百草路", "四川省成都市郫都区", len("成都市郫都区"), "", false},
		{"四川成都郫都区", "四川省成都市郫都区", len("四川成都郫都区"), "", false},
		{"北京市朝阳区建国路", "北京市朝阳区", len("北京市朝阳区"), "", false},
		{"中国北京朝阳区", "北京市朝阳区", len("中国北京朝阳区"), "", false},
		{"凉山州西昌市", "四川省凉山彝族自治州西昌市", len("凉山州西昌市"), "", false},
		{"朝阳区建国路", "", 0, "", true}, // Beijing or Changchun
		{"朝阳路88号", "", 0, "", true}, // a road, not 朝阳市
		{"某小区3栋", "", 0, "", true},
	}
	for _, tc := range tests {
		p := matchPlace(tc.in)
		if tc.ambiguous {
			if p.name[levelProvince] != "" {
				t.Errorf("%q matched %v", tc.in, p.name)
			}
			continue
		}
		end := 0
		for l := levelProvince; l <= levelDistrict; l++ {
			end = max(end, p.end[l])
		}
		if got := p.upTo(levelDistrict); got != tc.upTo || end != tc.end3 || p.name[levelTown] != tc.town {
			t.Errorf("%q = %q end %d town %q, want %q end %d town %q", tc.in, got, end, p.name[levelTown], tc.upTo, tc.end3, tc.town)
		}
	}
}
