package zh

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets check that no lookup panics on arbitrary input and that
// related functions agree.

func FuzzLookupRegion(f *testing.F) {
	for _, s := range []string{"110101", "110103", "990000", "", "11010", "1101011", "１１０１０１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		r, ok := LookupRegion(code)
		if ok != ValidRegionCode(code) {
			t.Fatalf("LookupRegion(%q) ok = %v, ValidRegionCode disagrees", code, ok)
		}
		if ok && (r.Code != code || r.Name == "") {
			t.Fatalf("LookupRegion(%q) = %+v", code, r)
		}
	})
}

func FuzzLookupMobile(f *testing.F) {
	for _, s := range []string{"13800138000", "1380013", "19200001234", "", "138001", "2000000", "1３800138000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, number string) {
		info, ok := LookupMobile(number)
		if ok && (info.Province == "" || info.Carrier == "" || !MobileSegment(number[:7])) {
			t.Fatalf("LookupMobile(%q) = %+v", number, info)
		}
	})
}

func FuzzMobileSegment(f *testing.F) {
	for _, s := range []string{"138", "1349", "17405", "174", "120", "", "1", "1a8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, number string) {
		n := MobileNumberLength(number)
		if n != 0 && n != 11 && n != 13 {
			t.Fatalf("MobileNumberLength(%q) = %d", number, n)
		}
		if MobileSegment(number) != (n != 0) {
			t.Fatalf("MobileSegment(%q) disagrees with MobileNumberLength", number)
		}
		if n != 0 && MobileNumberLength(number+"0") != n {
			t.Fatalf("MobileNumberLength changes with a longer number %q", number)
		}
	})
}

func FuzzLookupAreaCode(f *testing.F) {
	for _, s := range []string{"010", "0755", "0000", "852", "", "07555"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		_, ok := LookupAreaCode(code)
		if ok && AreaCodeAt(code) != len(code) {
			t.Fatalf("LookupAreaCode(%q) ok but AreaCodeAt = %d", code, AreaCodeAt(code))
		}
	})
}

func FuzzAreaCodeAt(f *testing.F) {
	for _, s := range []string{"01012345678", "075512345678", "0", "", "0x55"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, digits string) {
		n := AreaCodeAt(digits)
		switch n {
		case 0:
		case 3, 4:
			if _, ok := LookupAreaCode(digits[:n]); !ok {
				t.Fatalf("AreaCodeAt(%q) = %d but %q is not an area code", digits, n, digits[:n])
			}
		default:
			t.Fatalf("AreaCodeAt(%q) = %d", digits, n)
		}
	})
}

func FuzzLookupBIN(f *testing.F) {
	for _, s := range []string{"6228480012345678901", "6228 4800 1234", "62", "", "abc", "99999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, number string) {
		info, ok := LookupBIN(number)
		if ok && info.Bank == "" {
			t.Fatalf("LookupBIN(%q) = %+v", number, info)
		}
	})
}

func FuzzSurnameAt(f *testing.F) {
	for _, s := range []string{"欧阳修", "王小明", "", "\xff", "x", "欧"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := SurnameAt(s)
		if n == 0 {
			return
		}
		if n > len(s) || !utf8.ValidString(s[:n]) {
			t.Fatalf("SurnameAt(%q) = %d", s, n)
		}
		if _, ok := Surname(s[:n]); !ok {
			t.Fatalf("SurnameAt(%q) = %d but %q is not a surname", s, n, s[:n])
		}
	})
}

func FuzzSurname(f *testing.F) {
	for _, s := range []string{"王", "欧阳", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if freq, ok := Surname(s); ok && (freq < 0 || SurnameAt(s) == 0) {
			t.Fatalf("Surname(%q) = %d, %v", s, freq, ok)
		}
	})
}

func FuzzEthnicGroup(f *testing.F) {
	for _, s := range []string{"汉族", "汉", "", "族"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if EthnicGroup(s) && (s == "" || strings.ContainsAny(s, " \t")) {
			t.Fatalf("EthnicGroup(%q) = true", s)
		}
	})
}

func FuzzPlateRegion(f *testing.F) {
	for _, s := range []string{"京A", "粤B12345", "京", "", "\xffA", "VA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, prefix string) {
		if issuer, ok := PlateRegion(prefix); ok {
			r, _ := utf8.DecodeRuneInString(prefix)
			if _, known := ProvinceAbbrev(r); !known || issuer == "" {
				t.Fatalf("PlateRegion(%q) = %q", prefix, issuer)
			}
		}
	})
}

func FuzzSpecialPlate(f *testing.F) {
	for _, s := range []string{"VA", "X", "224", "航", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		if unit, ok := SpecialPlate(code); ok && unit == "" {
			t.Fatalf("SpecialPlate(%q) = %q", code, unit)
		}
	})
}

// FuzzSimplify: the result has the input's length, is the input itself
// when nothing changed, and is valid UTF-8 where the input was.
func FuzzSimplify(f *testing.F) {
	for _, s := range []string{"陳大文，45歲，住九龍彌敦道", "纯简体", "\xe9\xbe\xcd", "abc號"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in := append([]byte(nil), b...)
		out, changed := Simplify(b)
		if len(out) != len(in) {
			t.Fatalf("length %d → %d", len(in), len(out))
		}
		if !changed && string(out) != string(in) {
			t.Fatalf("unchanged but differs: %q → %q", in, out)
		}
		if string(b) != string(in) {
			t.Fatal("input modified")
		}
		if utf8.Valid(in) && !utf8.Valid(out) {
			t.Fatalf("invalid output %q from %q", out, in)
		}
	})
}
