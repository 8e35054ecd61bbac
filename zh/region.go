package zh

import (
	"slices"
	"strings"
	"sync"
)

// Region is an administrative division with a GB/T 2260 code: a province,
// a prefecture-level city or a county-level division.
type Region struct {
	// Code is the six-digit code: XX0000 for a province, XXYY00 for a
	// city, XXYYZZ for a county.
	Code string
	// Name is the full name, province + city + county, e.g. "北京市东城区",
	// leaving out empty parts and a county named like its city
	// (东莞市 441900 is "广东省东莞市").
	Name string
	// Province, City and County are the names of the levels, empty for
	// levels below the code's own and for placeholder entries (市辖区, 县,
	// 省直辖县级行政区划, 自治区直辖县级行政区划), which group counties but are
	// not places. For a historical code they are the names in its last
	// known year.
	Province, City, County string
	// Current reports whether the code is in the 2023 table (including
	// 710000 台湾省, 810000 香港 and 820000 澳门). Codes that are not
	// current were valid in the past and still appear in resident ID
	// numbers issued then.
	Current bool
	// FirstYear and LastYear are the first and last years the code appears
	// in the 1980–2020 history, 0 when it does not (codes new after 2020,
	// statistical codes such as development zones, and codes known only
	// from the 2011 list).
	FirstYear, LastYear int
}

// regionTable is the decoded regions.txt.
type regionTable struct {
	codes   []int32  // sorted
	regions []Region // parallel to codes
	valid   [1000000 / 64]uint64
}

var regions = sync.OnceValue(loadRegions)

// placeholder reports whether name is a grouping entry rather than a place.
func placeholder(name string) bool {
	switch name {
	case "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划":
		return true
	}
	return false
}

// loadRegions decodes regions.txt (format: internal/refgen buildRegions).
func loadRegions() *regionTable {
	const table = "regions.txt.gz"
	s := load(table)
	type raw struct {
		code, name, prov, city string
	}
	t := &regionTable{}
	n := strings.Count(s, "\n")
	raws := make([]raw, 0, n)
	t.codes = make([]int32, 0, n)
	t.regions = make([]Region, 0, n)
	var f [7]string
	eachLine(s, func(ln int, line string) {
		if fields(line, f[:]) != 7 {
			corrupt(table, ln, line)
		}
		code, ok := digits(f[0], 6)
		first, last := atoi(f[2]), atoi(f[3])
		if !ok || first < 0 || last < 0 || (f[1] != "0" && f[1] != "1") ||
			len(t.codes) > 0 && int32(code) <= t.codes[len(t.codes)-1] {
			corrupt(table, ln, line)
		}
		t.codes = append(t.codes, int32(code))
		t.valid[code>>6] |= 1 << (code & 63)
		raws = append(raws, raw{f[0], f[4], f[5], f[6]})
		t.regions = append(t.regions, Region{Code: f[0], Current: f[1] == "1", FirstYear: first, LastYear: last})
	})

	// resolve gives the name of a prefix code's own entry, or the
	// override written for this code ("-" meaning none).
	resolve := func(prefix, override string) string {
		switch override {
		case "":
		case "-":
			return ""
		default:
			return override
		}
		v, _ := digits(prefix, 6)
		if i, ok := slices.BinarySearch(t.codes, int32(v)); ok {
			return raws[i].name
		}
		return ""
	}
	clean := func(name string) string {
		if placeholder(name) {
			return ""
		}
		return name
	}
	var names strings.Builder
	names.Grow(40 * len(raws)) // full names average about 25 bytes
	type span struct{ off, n int }
	spans := make([]span, len(raws))
	for i, r := range raws {
		reg := &t.regions[i]
		switch {
		case strings.HasSuffix(r.code, "0000"):
			reg.Province = clean(r.name)
		case strings.HasSuffix(r.code, "00"):
			reg.Province = clean(resolve(r.code[:2]+"0000", r.prov))
			reg.City = clean(r.name)
		default:
			reg.Province = clean(resolve(r.code[:2]+"0000", r.prov))
			reg.City = clean(resolve(r.code[:4]+"00", r.city))
			reg.County = clean(r.name)
		}
		off := names.Len()
		names.WriteString(reg.Province)
		names.WriteString(reg.City)
		if reg.County != reg.City {
			names.WriteString(reg.County)
		}
		spans[i] = span{off, names.Len() - off}
	}
	all := names.String()
	for i, sp := range spans {
		t.regions[i].Name = all[sp.off : sp.off+sp.n]
	}
	return t
}

// LookupRegion returns the region with the six-digit code: a county-level
// code, a province code (XX0000) or a city code (XXYY00). It knows the
// codes of the 2023 table and those valid at some time since 1980, since
// resident ID numbers keep the code of the place of first registration; a
// code no longer in use comes with its last known names and Current false.
// Codes known only from the 2011 code list carry no county name.
func LookupRegion(code string) (Region, bool) {
	v, ok := digits(code, 6)
	if !ok {
		return Region{}, false
	}
	t := regions()
	i, found := slices.BinarySearch(t.codes, int32(v))
	if !found {
		return Region{}, false
	}
	return t.regions[i], true
}

// ValidRegionCode reports whether code is a six-digit region code
// LookupRegion knows: current or historical, at province, city or county
// level. 810000, 820000 and 830000, the codes of the residence permits of
// Hong Kong, Macao and Taiwan residents, are valid. It does not allocate.
func ValidRegionCode(code string) bool {
	v, ok := digits(code, 6)
	if !ok {
		return false
	}
	t := regions()
	return t.valid[v>>6]&(1<<(v&63)) != 0
}
