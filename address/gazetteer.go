package address

import (
	"slices"
	"strings"
	"sync"

	"github.com/custos-project/custos/zh"
)

// Administrative levels of the gazetteer, as in zh.Division.Level minus one.
const (
	gazProvince = iota
	gazCity
	gazCounty
	gazTown
	numGaz
)

// Word kinds in gazetteer.final: bit markFullKind+level for a full name,
// markShortKind+level for a short form.
const (
	markFullKind  = 0
	markShortKind = 4
	fullKinds     = 1<<numGaz - 1
)

// gazetteer indexes the GB/T 2260 divisions by their names and short forms,
// for the lexicon marks and for resolving a parsed chain to a code.
type gazetteer struct {
	divs   []zh.Division
	up     []int32 // index of each division's parent, -1 for none
	byCode map[string]int32
	// byName maps a full name or a short form to the divisions it names.
	byName map[string][]int32
	// trie holds the full names and short forms for marking texts, with
	// their kinds (markFullKind, markShortKind) as marks.
	trie *runeTrie
	// rtrie holds the names reversed, for the prefilter's look back from
	// 镇, 乡, 街道 and 人, with rTown and rAdmin as marks.
	rtrie *runeTrie
}

// Marks of rfinal.
const (
	rTown  uint32 = 1 << iota // a full township name
	rAdmin                    // a province, city or county name or short form
	rFull                     // a full name of any level
)

var sharedGazetteer = sync.OnceValue(buildGazetteer)

// suffixes that short forms drop, longest first within each level. The
// ethnic part of an autonomous region's name goes with the suffix
// (广西壮族自治区 → 广西), see shortForm.
var levelSuffixes = [numGaz][]string{
	gazProvince: {"特别行政区", "自治区", "省", "市"},
	gazCity:     {"自治州", "地区", "市", "盟"},
	gazCounty:   {"自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗"},
	gazTown:     {"街道办事处", "民族乡", "民族镇", "街道", "镇", "乡", "苏木", "林场", "农场", "办事处"},
}

// ethnicNames are the ethnic group names, longest first, that autonomous
// divisions put before their suffix (恩施土家族苗族自治州).
var ethnicNames = sync.OnceValue(func() []string {
	var out []string
	for _, e := range zh.EthnicGroups() {
		// 宁夏回族自治区, but 新疆维吾尔自治区
		out = append(out, e, strings.TrimSuffix(e, "族"))
	}
	// longest first, so that a long name is never cut as a shorter one
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
})

// shortForm returns a division name without its administrative suffix and,
// for autonomous divisions, without the ethnic names before it: 四川省 → 四川,
// 朝阳区 → 朝阳, 恩施土家族苗族自治州 → 恩施. It returns "" when nothing of
// two characters or more would be left.
func shortForm(name string, level int) string {
	for _, suf := range levelSuffixes[level] {
		short, ok := strings.CutSuffix(name, suf)
		if !ok {
			continue
		}
		if strings.HasPrefix(suf, "自治") || strings.HasPrefix(suf, "民族") {
			for cut := true; cut; {
				cut = false
				for _, e := range ethnicNames() {
					if s, ok := strings.CutSuffix(short, e); ok && runeLen(s) >= 2 {
						short, cut = s, true
						break
					}
				}
			}
		}
		if runeLen(short) >= 2 {
			return short
		}
		return ""
	}
	return ""
}

func runeLen(s string) int { return len([]rune(s)) }

func buildGazetteer() *gazetteer {
	divs := zh.Divisions()
	g := &gazetteer{
		divs:   divs,
		byCode: make(map[string]int32, len(divs)),
		byName: make(map[string][]int32, 2*len(divs)),
	}
	fwd, rev := newTrieBuilder(), newTrieBuilder()
	reversed := func(s string, mark uint32) {
		rs := []rune(s)
		slices.Reverse(rs)
		rev.add(rs, mark)
	}
	for i, d := range divs {
		g.byCode[d.Code] = int32(i)
		level := d.Level - 1
		if level < 0 || level >= numGaz {
			continue
		}
		g.byName[d.Name] = append(g.byName[d.Name], int32(i))
		short := shortForm(d.Name, level)
		if level == gazTown {
			reversed(d.Name, rTown|rFull)
		} else {
			reversed(d.Name, rAdmin|rFull)
			if short != "" {
				reversed(short, rAdmin)
			}
		}
		fwd.add([]rune(d.Name), 1<<(markFullKind+level))
		if short != "" {
			g.byName[short] = append(g.byName[short], int32(i))
			fwd.add([]rune(short), 1<<(markShortKind+level))
		}
	}
	g.trie, g.rtrie = fwd.freeze(), rev.freeze()
	g.up = make([]int32, len(divs))
	for i, d := range divs {
		g.up[i] = -1
		if j, ok := g.byCode[d.Parent]; ok && d.Parent != "" {
			g.up[i] = j
		}
	}
	return g
}

// levelOf returns the element level a full division name is written at:
// its division level, with the municipalities (北京市, 上海市) as cities as
// the address corpus has them; "" when the name is unknown.
func (g *gazetteer) levelOf(name string) string {
	ids := g.byName[name]
	for _, id := range ids {
		d := &g.divs[id]
		if d.Name != name {
			continue
		}
		switch d.Level {
		case 1:
			if strings.HasSuffix(name, "市") {
				return LevelCity
			}
			return LevelProvince
		case 2:
			return LevelCity
		case 3:
			return LevelDistrict
		case 4:
			return LevelTown
		}
	}
	return ""
}

// parent returns the index of the division d belongs to, or -1.
func (g *gazetteer) parent(i int32) int32 { return g.up[i] }
