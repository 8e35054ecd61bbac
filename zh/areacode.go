package zh

import "sync"

// areaCodeTable is the decoded areacodes.txt; the arrays hold an index
// into cities plus one, by the code's value (3- and 4-digit codes apart).
type areaCodeTable struct {
	cities []string
	by3    [1000]uint16
	by4    [10000]uint16
}

var areaCodes = sync.OnceValue(loadAreaCodes)

// loadAreaCodes decodes areacodes.txt (format: internal/refgen
// buildAreaCodes).
func loadAreaCodes() *areaCodeTable {
	const table = "areacodes.txt.gz"
	t := &areaCodeTable{}
	var f [2]string
	eachLine(load(table), func(ln int, line string) {
		if fields(line, f[:]) != 2 || len(f[0]) < 3 || len(f[0]) > 4 || f[0][0] != '0' {
			corrupt(table, ln, line)
		}
		v := atoi(f[0])
		if v < 0 {
			corrupt(table, ln, line)
		}
		t.cities = append(t.cities, f[1])
		if len(f[0]) == 3 {
			t.by3[v] = uint16(len(t.cities))
		} else {
			t.by4[v] = uint16(len(t.cities))
		}
	})
	return t
}

// LookupAreaCode reports whether code, with its leading 0 ("010",
// "0755"), is a landline area code (长途区号), and returns the main city it
// serves, e.g. "北京", "深圳". A code shared by several cities (024 沈阳,
// 抚顺, 铁岭, 本溪) returns the one with the most mobile prefixes; the city
// is "" for a code known only from the area-code list. International codes
// such as 852 are not area codes.
func LookupAreaCode(code string) (city string, ok bool) {
	t := areaCodes()
	var i uint16
	switch len(code) {
	case 3:
		if v, ok := digits(code, 3); ok {
			i = t.by3[v]
		}
	case 4:
		if v, ok := digits(code, 4); ok {
			i = t.by4[v]
		}
	}
	if i == 0 {
		return "", false
	}
	return t.cities[i-1], true
}

// AreaCodeAt returns the length, 3 or 4, of the area code digits starts
// with, or 0 when it does not start with one. Area codes are prefix-free
// (no 3-digit code starts a 4-digit one), so at most one length fits. It
// does not allocate.
func AreaCodeAt(digits string) (n int) {
	if len(digits) < 3 || digits[0] != '0' {
		return 0
	}
	d1, d2 := digits[1]-'0', digits[2]-'0'
	if d1 > 9 || d2 > 9 {
		return 0
	}
	t := areaCodes()
	v := int(d1)*10 + int(d2)
	if t.by3[v] != 0 {
		return 3
	}
	if len(digits) < 4 || digits[3]-'0' > 9 {
		return 0
	}
	if t.by4[v*10+int(digits[3]-'0')] != 0 {
		return 4
	}
	return 0
}
