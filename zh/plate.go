package zh

import (
	"sync"
	"unicode/utf8"
)

// plateKey is a civil plate prefix: province abbreviation and office
// letter.
type plateKey struct {
	abbrev rune
	letter byte
}

// plateTable is the decoded plates.txt.
type plateTable struct {
	province map[rune]string
	civil    map[plateKey]string
	special  map[string]string
}

var plates = sync.OnceValue(loadPlates)

// loadPlates decodes plates.txt (format: internal/refgen buildPlates).
func loadPlates() *plateTable {
	const table = "plates.txt.gz"
	t := &plateTable{
		province: make(map[rune]string, 32),
		civil:    make(map[plateKey]string, 512),
		special:  make(map[string]string, 512),
	}
	var f [3]string
	eachLine(load(table), func(ln int, line string) {
		if fields(line, f[:]) != 3 || f[1] == "" || f[2] == "" {
			corrupt(table, ln, line)
		}
		r, n := utf8.DecodeRuneInString(f[1])
		switch f[0] {
		case "A":
			if n != len(f[1]) {
				corrupt(table, ln, line)
			}
			t.province[r] = f[2]
		case "C":
			if n+1 != len(f[1]) {
				corrupt(table, ln, line)
			}
			t.civil[plateKey{r, f[1][n]}] = f[2]
		case "S":
			t.special[f[1]] = f[2]
		default:
			corrupt(table, ln, line)
		}
	})
	return t
}

// ProvinceAbbrev returns the province whose one-character abbreviation on
// licence plates is r: '京' → "北京市", '粤' → "广东省", '贵' → "贵州省". The
// 31 mainland provinces are known, by the character plates use (云 and
// 贵, not 滇 and 黔).
func ProvinceAbbrev(r rune) (province string, ok bool) {
	province, ok = plates().province[r]
	return province, ok
}

// PlateRegion returns the issuer of a civil licence-plate prefix, the
// province abbreviation and the office letter: "京A" → "中央国家机关", "粤B" →
// "深圳市", "冀A" → "石家庄市". Most prefixes name a city; some name a
// kind of vehicle or office ("京B" 运营车辆, "粤Z" 港澳车辆). Only the first
// two characters are read, so a whole plate ("粤B12345") works; the letter
// may be lower case.
func PlateRegion(prefix string) (string, bool) {
	r, n := utf8.DecodeRuneInString(prefix)
	if r == utf8.RuneError || n >= len(prefix) {
		return "", false
	}
	l := prefix[n]
	if l >= 'a' && l <= 'z' {
		l -= 'a' - 'A'
	}
	issuer, ok := plates().civil[plateKey{r, l}]
	return issuer, ok
}

// SpecialPlate returns the unit or country a code of a non-civil plate
// stands for:
//
//   - two capital letters: the unit of a PLA plate, "VA" → "军委总参", "HE"
//     → "北海舰队" (ZA and ZG, given twice by the source, return both
//     units joined by "/");
//   - one digit or capital letter: the unit type of an armed-police (WJ)
//     plate, "X" → "消防部队", "0" … "9" → "内卫部队";
//   - three digits: the country or organisation of an embassy or
//     consulate plate (使, 领), "224" → "美国";
//   - "航": civil aviation, "民航".
//
// The code must match exactly.
func SpecialPlate(code string) (string, bool) {
	unit, ok := plates().special[code]
	return unit, ok
}
