package address

import (
	"strings"
	"unicode/utf8"
)

// Division reads name as administrative divisions alone, each written in
// full or by its short form, coarse to fine: 武汉, 阜南县, 湖北孝感,
// 北京市朝阳区, 利辛县城关镇. It returns the address they make, resolved
// against GB/T 2260 as Parse resolves one (a short form naming several
// divisions, 朝阳, stays without a code), and false when name is anything
// else: a word left over, a township by its short form (高砂 is as often a
// village or a word), or divisions that are not one chain, coarse to fine (孝感湖北, 武汉孝感).
//
// It serves the places the entity tagger finds: a city someone came from
// is a division, not a venue, and has a region code to report.
func Division(name string) (Address, bool) {
	g := sharedGazetteer()
	var a Address
	prev := 0
	for at := 0; at < len(name); {
		// the longest known name at at, coarse levels first on ties
		end, level := 0, 0
		for k := min(len(name), at+maxDivisionBytes); k > at; k-- {
			if k < len(name) && !utf8.RuneStart(name[k]) {
				continue // not a character boundary
			}
			if l := g.divisionLevel(name[at:k]); l > 0 {
				end, level = k, l
				break
			}
		}
		if end == 0 || level <= prev {
			return Address{}, false
		}
		prev = level
		a.Elements = append(a.Elements, Element{Level: divisionElement[level], Start: at, End: end, Text: name[at:end], Score: 1})
		at = end
	}
	if len(a.Elements) == 0 {
		return Address{}, false
	}
	a.Start, a.End = 0, len(name)
	a.Finest = a.Elements[len(a.Elements)-1].Level
	resolve(&a)
	return a, true
}

// maxDivisionBytes bounds the length of one division's name (新疆维吾尔自治区
// is 24 bytes, 恩施土家族苗族自治州 30).
const maxDivisionBytes = 48

// divisionElement is the element level of a zh.Division level.
var divisionElement = [...]string{1: LevelProvince, 2: LevelCity, 3: LevelDistrict, 4: LevelTown}

// divisionLevel returns the coarsest division level (1 province … 4
// township) that s names in full, or by its short form above the
// townships; 0 when s names no division.
func (g *gazetteer) divisionLevel(s string) int {
	best := 0
	for _, id := range g.byName[s] {
		d := &g.divs[id]
		if d.Level == 4 && d.Name != s {
			continue
		}
		if best == 0 || d.Level < best {
			best = d.Level
		}
	}
	if best == 1 && strings.HasSuffix(s, "市") {
		// the municipalities are cities in an address (北京市朝阳区)
		best = 2
	}
	return best
}
