package deid

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Address levels as the address parser names its elements (the levels of
// the Li & Lu corpus), coarsest first.
const (
	levelProvince = 1
	levelCity     = 2
	levelDistrict = 3
	levelTown     = 4
)

var levelNames = map[string]int{"province": levelProvince, "city": levelCity, "district": levelDistrict, "town": levelTown}

// attrOfLevel is the finding attribute of each level.
var attrOfLevel = [5]string{"", "province", "city", "district", "town"}

// divIndex indexes the GB/T 2260 divisions of package zh by name, for
// matching the administrative part of an address.
type divIndex struct {
	divs     []zh.Division
	byCode   map[string]int
	byName   map[string][]int // full names of every level; short names of provinces and cities
	maxRunes int
	counties []int // level-3 divisions with a six-digit code LookupRegion knows
}

var divisions = sync.OnceValue(func() *divIndex {
	x := &divIndex{divs: zh.Divisions()}
	x.byCode = make(map[string]int, len(x.divs))
	x.byName = make(map[string][]int, len(x.divs)+600)
	ethnic := zh.EthnicGroups()
	add := func(name string, i int) {
		if utf8.RuneCountInString(name) < 2 {
			return
		}
		x.byName[name] = append(x.byName[name], i)
		x.maxRunes = max(x.maxRunes, utf8.RuneCountInString(name))
	}
	for i, d := range x.divs {
		x.byCode[d.Code] = i
		add(d.Name, i)
		switch d.Level {
		case 1:
			for _, suf := range []string{"特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"} {
				if s, ok := strings.CutSuffix(d.Name, suf); ok {
					add(s, i)
					break
				}
			}
		case 2:
			if s, ok := strings.CutSuffix(d.Name, "自治州"); ok {
				// 凉山彝族自治州 → 凉山: cut at the first ethnic group.
				cut := len(s)
				for _, e := range ethnic {
					short := strings.TrimSuffix(e, "族")
					if j := strings.Index(s, short); j >= 6 && j < cut {
						cut = j
					}
				}
				add(s[:cut], i)
				add(s[:cut]+"州", i) // 凉山州
			} else {
				for _, suf := range []string{"地区", "市", "盟"} {
					if s, ok := strings.CutSuffix(d.Name, suf); ok {
						add(s, i)
						break
					}
				}
			}
		case 3:
			if len(d.Code) == 6 && zh.ValidRegionCode(d.Code) {
				x.counties = append(x.counties, i)
			}
		case 4:
			// Towns turned into subdistricts (犀浦镇 → 犀浦街道) are
			// still written with their old name.
			if s, ok := strings.CutSuffix(d.Name, "街道"); ok {
				add(s+"镇", i)
			}
		}
	}
	return x
})

// place is a resolved administrative location: canonical GB/T 2260 names
// ("" for a level not known) and, when it was matched in a text, where
// each level's element ends there (0 when not matched).
type place struct {
	name [5]string // by level; name[0] unused
	end  [5]int
	code string // the finest division code known
}

// upTo returns the canonical names of the levels up to level joined
// (四川省成都市郫都区), or "" when no level up to it is known.
func (p place) upTo(level int) string {
	var b strings.Builder
	for l := levelProvince; l <= level; l++ {
		b.WriteString(p.name[l])
	}
	return b.String()
}

// finest returns the finest known level up to max, 0 when none.
func (p place) finest(maxLevel int) int {
	for l := maxLevel; l >= levelProvince; l-- {
		if p.name[l] != "" {
			return l
		}
	}
	return 0
}

// matchPlace matches the administrative divisions written at the start of
// s (after an optional 中国): a province, then a city under it, a county
// under that and a township under that, each optional, with full names
// (四川省, 成都市) or the short names of provinces and cities (四川, 成都).
// A city or county written without the levels above must be unique in the
// country to be taken (朝阳区 is in Beijing and in Changchun).
func matchPlace(s string) place {
	x := divisions()
	var p place
	pos := 0
	if strings.HasPrefix(s, "中国") {
		pos = len("中国")
	}
	idx := [5]int{-1, -1, -1, -1, -1}
	for level := levelProvince; level <= levelTown; level++ {
		if level == levelTown && !anyAncestor(idx, level) {
			break // a township name alone is too often ambiguous
		}
		best, bestEnd := -1, 0
		// Longest name first.
		ends := runeEnds(s[pos:], x.maxRunes)
		for k := len(ends) - 1; k >= 0 && best < 0; k-- {
			name := s[pos : pos+ends[k]]
			cands := x.byName[name]
			found, n := -1, 0
			for _, ci := range cands {
				d := x.divs[ci]
				if d.Level != level || !x.under(ci, idx) {
					continue
				}
				if d.Name != name && adminSuffix(s[pos+ends[k]:]) {
					continue // 朝阳 of 朝阳区 is not 朝阳市
				}
				if found != ci {
					n++
				}
				found = ci
			}
			if n == 1 || (n > 1 && anyAncestor(idx, level)) {
				best, bestEnd = found, pos+ends[k]
			}
		}
		if best >= 0 {
			idx[level] = best
			p.end[level] = bestEnd
			pos = bestEnd
		}
	}
	x.fill(&p, idx)
	return p
}

// anyAncestor reports whether some level above level was matched.
func anyAncestor(idx [5]int, level int) bool {
	for l := levelProvince; l < level; l++ {
		if idx[l] >= 0 {
			return true
		}
	}
	return false
}

// under reports whether division i lies under the finest division matched
// so far.
func (x *divIndex) under(i int, idx [5]int) bool {
	for l := levelTown; l >= levelProvince; l-- {
		if idx[l] < 0 {
			continue
		}
		anc := x.divs[idx[l]].Code
		for p := x.divs[i].Parent; p != ""; {
			if p == anc {
				return true
			}
			j, ok := x.byCode[p]
			if !ok {
				return false
			}
			p = x.divs[j].Parent
		}
		return false
	}
	return true
}

// fill sets the names of the matched divisions and of their ancestors.
func (x *divIndex) fill(p *place, idx [5]int) {
	finest := -1
	for l := levelTown; l >= levelProvince; l-- {
		if idx[l] >= 0 {
			finest = idx[l]
			break
		}
	}
	for i := finest; i >= 0; {
		d := x.divs[i]
		if p.code == "" {
			p.code = d.Code
		}
		p.name[d.Level] = d.Name
		j, ok := x.byCode[d.Parent]
		if d.Parent == "" || !ok {
			break
		}
		i = j
	}
}

// runeEnds returns the byte lengths of the first 2 … n runes of s.
func runeEnds(s string, n int) []int {
	var buf [24]int
	ends := buf[:0]
	i, k := 0, 0
	for i < len(s) && k < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		k++
		if k >= 2 {
			ends = append(ends, i)
		}
	}
	return ends
}

// placeFromCode resolves a six-digit GB/T 2260 code, current or historical.
func placeFromCode(code string) (place, bool) {
	r, ok := zh.LookupRegion(code)
	if !ok {
		return place{}, false
	}
	var p place
	p.code = code
	p.name[levelProvince] = r.Province
	p.name[levelCity] = r.City
	if r.County != r.City {
		p.name[levelDistrict] = r.County
	}
	return p, p.name[levelProvince] != ""
}

// resolvePlace finds the administrative location of an address finding:
// from its region_code attribute when it resolves, else by matching the
// divisions written in its elements (province, city, district, town
// attributes) or in its text.
func resolvePlace(f *pi.Finding, v string) place {
	var p place
	if code := f.Attr(pi.AttrRegionCode); code != "" {
		if q, ok := placeFromCode(code); ok {
			p = q
		}
	}
	if p.name[levelProvince] == "" {
		var b strings.Builder
		for l := levelProvince; l <= levelTown; l++ {
			b.WriteString(f.Attr(attrOfLevel[l]))
		}
		if b.Len() > 0 {
			p = matchPlace(b.String())
		}
		if p.name[levelProvince] == "" {
			p = matchPlace(v)
		}
	}
	if p.name[levelTown] == "" && p.name[levelDistrict] != "" {
		if t := f.Attr("town"); t != "" {
			p.name[levelTown] = t
		} else {
			// A township written after the county.
			q := matchPlace(v)
			if q.name[levelDistrict] == p.name[levelDistrict] {
				p.name[levelTown] = q.name[levelTown]
			}
		}
	}
	return p
}

// writtenPrefix returns the length in bytes of the part of an address's
// text that names its divisions down to level: located with the finding's
// element attributes when they are in the text, else by matching the
// GB/T 2260 names. It is 0 when no division is written at the start.
func writtenPrefix(f *pi.Finding, v string, level int) int {
	end, pos := 0, 0
	for l := levelProvince; l <= level; l++ {
		a := f.Attr(attrOfLevel[l])
		if a == "" {
			continue
		}
		if i := strings.Index(v[pos:], a); i >= 0 {
			pos += i + len(a)
			end = pos
		}
	}
	if end > 0 {
		return end
	}
	m := matchPlace(v)
	for l := level; l >= levelProvince; l-- {
		if m.end[l] > 0 {
			return m.end[l]
		}
	}
	return 0
}

// adminSuffix reports whether s starts with a character that ends the
// name of a division or a street, so that the name before it is not a
// short name.
func adminSuffix(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("省市区县镇乡街路道村州盟旗", r)
}
