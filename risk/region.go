package risk

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/zh"
)

// RegionNames are the labels of one place at the three levels of the
// region hierarchy: 区县 (county), 市 (city) and 省 (province), as full
// names ("四川省成都市郫都区", "四川省成都市", "四川省"). A municipality's
// districts have the municipality as their city (北京市朝阳区 → 北京市); a
// county-level city directly under its province (湖北省仙桃市) is its own
// city.
type RegionNames struct {
	Code                   string
	County, City, Province string
}

// RegionLabels returns the labels of a GB/T 2260 code: six digits for a
// county, city or province (current or historical, as in resident ID
// numbers) or nine for a township, which is labelled by its county.
func RegionLabels(code string) (RegionNames, bool) {
	g := gazetteerOnce()
	if i, ok := g.byCode[code]; ok {
		return g.labels(i), true
	}
	if len(code) == 9 {
		return RegionLabels(code[:6])
	}
	r, ok := zh.LookupRegion(code)
	if !ok {
		return RegionNames{}, false
	}
	n := RegionNames{Code: code, Province: r.Province}
	switch {
	case strings.HasSuffix(code, "0000"):
		n.City, n.County = r.Province, r.Province
	case strings.HasSuffix(code, "00"):
		n.City = r.Name
		n.County = r.Name
	default:
		n.County = r.Name
		switch {
		case r.City != "":
			n.City = r.Province + r.City
		case strings.HasSuffix(r.Province, "市"):
			n.City = r.Province
		default:
			n.City = r.Name
		}
	}
	if n.Province == "" {
		n.Province = n.City
	}
	return n, true
}

// gazetteer finds the administrative divisions named in a text.
type gazetteer struct {
	divs   []zh.Division
	byCode map[string]int
	parent []int // index of the parent division, -1 for a province
	// names maps a full or short name to the divisions it may mean;
	// byBigram lists the names starting with each two-rune prefix, longest
	// first, so a text is matched with one map lookup per position.
	names    map[string][]nameRef
	byBigram map[string][]string
}

type nameRef struct {
	div  int32
	full bool
}

var gazetteerOnce = sync.OnceValue(newGazetteer)

func newGazetteer() *gazetteer {
	divs := zh.Divisions()
	g := &gazetteer{divs: divs, byCode: make(map[string]int, len(divs)), parent: make([]int, len(divs)),
		names: make(map[string][]nameRef, 2*len(divs))}
	for i, d := range divs {
		g.byCode[d.Code] = i
	}
	ethnic := zh.EthnicGroups()
	for i, d := range divs {
		g.parent[i] = -1
		if p, ok := g.byCode[d.Parent]; ok {
			g.parent[i] = p
		}
		g.add(d.Name, i, true)
		if s := shortName(d.Name, d.Level, ethnic); s != "" && s != d.Name {
			g.add(s, i, false)
			if strings.HasSuffix(d.Name, "自治州") {
				g.add(s+"州", i, false) // 阿坝州, 凉山州
			}
		}
	}
	g.byBigram = make(map[string][]string, len(g.names))
	for k := range g.names {
		b := bigram(k)
		g.byBigram[b] = append(g.byBigram[b], k)
	}
	for _, ks := range g.byBigram {
		sort.Slice(ks, func(i, j int) bool {
			if len(ks[i]) != len(ks[j]) {
				return len(ks[i]) > len(ks[j])
			}
			return ks[i] < ks[j]
		})
	}
	return g
}

func (g *gazetteer) add(name string, i int, full bool) {
	for _, r := range g.names[name] {
		if int(r.div) == i {
			return
		}
	}
	if utf8.RuneCountInString(name) < 2 {
		return
	}
	g.names[name] = append(g.names[name], nameRef{int32(i), full})
}

// bigram returns the first two runes of s (all of s if shorter).
func bigram(s string) string {
	_, a := utf8.DecodeRuneInString(s)
	_, b := utf8.DecodeRuneInString(s[a:])
	return s[:a+b]
}

// shortName is the form a division is often written in: 四川 for 四川省,
// 成都 for 成都市, 郫都 for 郫都区, 阿坝 for 阿坝藏族羌族自治州, 犀浦 for
// 犀浦街道. It is "" when the short form would be under two runes.
func shortName(name string, level int, ethnic []string) string {
	switch name {
	case "内蒙古自治区":
		return "内蒙古"
	case "广西壮族自治区":
		return "广西"
	case "西藏自治区":
		return "西藏"
	case "宁夏回族自治区":
		return "宁夏"
	case "新疆维吾尔自治区":
		return "新疆"
	case "香港特别行政区":
		return "香港"
	case "澳门特别行政区":
		return "澳门"
	}
	s := name
	for _, suf := range []string{"自治州", "自治县", "自治旗", "特别行政区", "街道办事处", "街道", "地区", "林区", "省", "市", "区", "县", "盟", "旗", "镇", "乡"} {
		if t, ok := strings.CutSuffix(s, suf); ok {
			s = t
			break
		}
	}
	if strings.HasPrefix(name[len(s):], "自治") {
		// 阿坝藏族羌族自治州 → 阿坝: cut at the first ethnic group name
		cut := len(s)
		for _, e := range ethnic {
			short := strings.TrimSuffix(e, "族")
			if j := strings.Index(s, short); j > 0 && j < cut {
				cut = j
			}
		}
		s = s[:cut]
	}
	if level == 4 && utf8.RuneCountInString(s) < 2 {
		return ""
	}
	if utf8.RuneCountInString(s) < 2 {
		return ""
	}
	return s
}

// roadWords after a place name make it a street name (北京路, 成华大道),
// not the place.
var roadWords = []string{"路", "街", "大道", "道", "巷", "桥", "里", "胡同", "弄", "广场", "公园", "站", "机场", "大学", "医院", "中学", "小学"}

type gazMatch struct {
	refs   []nameRef
	weight int // 2 when some reading is a full name, else 1
}

// resolution is what a text says about its region.
type resolution struct {
	// code is the finest division the text resolves to (six or nine
	// digits), "" when none or ambiguous.
	code string
	// candidates are the county-level (or finest) codes an ambiguous
	// text may mean.
	candidates []string
}

// resolve finds the division a text names: each name found is scored by
// the other names that agree with it (its ancestors or descendants: 四川 +
// 成都 + 郫都区) against those that do not; the best-supported, finest
// reading wins. Townships count only under a matching county or city. A
// short name followed by a road word (北京路) is a street, not the place.
func (g *gazetteer) resolve(text string) resolution {
	var ms []gazMatch
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		keys := g.byBigram[bigram(text[i:])]
		matched := ""
		for _, k := range keys {
			if strings.HasPrefix(text[i:], k) {
				matched = k
				break
			}
		}
		if matched == "" {
			i += size
			continue
		}
		refs := g.names[matched]
		rest := text[i+len(matched):]
		road := false
		for _, w := range roadWords {
			if strings.HasPrefix(rest, w) {
				road = true
				break
			}
		}
		full := false
		for _, r := range refs {
			full = full || r.full
		}
		if road && !full {
			i += size
			continue
		}
		w := 1
		if full {
			w = 2
		}
		ms = append(ms, gazMatch{refs: refs, weight: w})
		i += len(matched)
	}
	if len(ms) == 0 {
		return resolution{}
	}
	type cand struct {
		div, score, level int
	}
	var best []cand
	bestScore := -1 << 30
	for mi, m := range ms {
		for _, r := range m.refs {
			d := int(r.div)
			level := g.divs[d].Level
			score := 1
			if r.full {
				score = 2
			}
			ancestor := false
			for mj, o := range ms {
				if mj == mi {
					continue
				}
				rel := 0
				for _, or := range o.refs {
					switch {
					case g.isAncestor(int(or.div), d):
						rel = 2
					case g.isAncestor(d, int(or.div)) && rel == 0:
						rel = 1
					}
				}
				if rel == 2 {
					ancestor = true
				}
				if rel > 0 {
					score += o.weight
				} else {
					score -= o.weight
				}
			}
			if level == 4 && !ancestor {
				continue
			}
			// one name for a division and one under it (阿坝: the
			// prefecture and its county): the wider reading is safer
			for _, r2 := range m.refs {
				if g.isAncestor(int(r2.div), d) {
					score--
					break
				}
			}
			c := cand{d, score, level}
			switch {
			case len(best) == 0 || score > bestScore || score == bestScore && level > best[0].level:
				best, bestScore = []cand{c}, score
			case score == bestScore && level == best[0].level:
				best = append(best, c)
			}
		}
	}
	if len(best) == 0 {
		return resolution{}
	}
	codes := make([]string, 0, len(best))
	for _, c := range best {
		if !slices.Contains(codes, g.divs[c.div].Code) {
			codes = append(codes, g.divs[c.div].Code)
		}
	}
	if len(codes) == 1 {
		return resolution{code: codes[0]}
	}
	// several readings: keep what they have in common
	common := best[0].div
	for _, c := range best[1:] {
		common = g.commonAncestor(common, c.div)
		if common < 0 {
			break
		}
	}
	if common >= 0 {
		return resolution{code: g.divs[common].Code, candidates: codes}
	}
	sort.Strings(codes)
	return resolution{candidates: codes}
}

// isAncestor reports whether a is a strict ancestor of d.
func (g *gazetteer) isAncestor(a, d int) bool {
	for p := g.parent[d]; p >= 0; p = g.parent[p] {
		if p == a {
			return true
		}
	}
	return false
}

func (g *gazetteer) commonAncestor(a, b int) int {
	for x := a; x >= 0; x = g.parent[x] {
		if x == b || g.isAncestor(x, b) {
			return x
		}
	}
	return -1
}

// labels returns the region labels of division i (a township is labelled
// by the county it lies in).
func (g *gazetteer) labels(i int) RegionNames {
	for g.divs[i].Level == 4 && g.parent[i] >= 0 {
		i = g.parent[i]
	}
	d := g.divs[i]
	chain := []int{i}
	for p := g.parent[i]; p >= 0; p = g.parent[p] {
		chain = append(chain, p)
	}
	prov := g.divs[chain[len(chain)-1]].Name
	full := ""
	for k := len(chain) - 1; k >= 0; k-- {
		full += g.divs[chain[k]].Name
	}
	n := RegionNames{Code: d.Code, Province: prov, County: full}
	switch d.Level {
	case 1:
		n.City = prov
	case 2:
		n.City = full
	default:
		p := g.parent[i]
		switch {
		case p >= 0 && g.divs[p].Level == 2:
			n.City = prov + g.divs[p].Name
		case strings.HasSuffix(prov, "市"):
			n.City = prov // a municipality's district
		default:
			n.City = full // a county-level city under its province
		}
	}
	return n
}

// ancestorsOf returns the codes of the divisions above code, nearest
// first.
func (g *gazetteer) ancestorsOf(code string) []string {
	i, ok := g.byCode[code]
	if !ok {
		return nil
	}
	var out []string
	for p := g.parent[i]; p >= 0; p = g.parent[p] {
		out = append(out, g.divs[p].Code)
	}
	return out
}

// resolveAll returns, for each value, the code it resolves to ("" when it
// resolves to nothing). Values are resolved once each; an ambiguous value
// takes the candidate whose city, else province, the column's unambiguous
// values fall in most often.
func resolveAll(values []string) []string {
	g := gazetteerOnce()
	out := make([]string, len(values))
	res := make([]resolution, len(values))
	prior := map[string]int{}
	for i, v := range values {
		res[i] = g.resolve(v)
		out[i] = res[i].code
		if res[i].code != "" && len(res[i].candidates) == 0 {
			for _, a := range g.ancestorsOf(res[i].code) {
				prior[a]++
			}
		}
	}
	for i, r := range res {
		if len(r.candidates) < 2 {
			continue
		}
		best, bestN, tie := "", 0, false
		for _, c := range r.candidates {
			n := 0
			if anc := g.ancestorsOf(c); len(anc) > 0 {
				n = prior[anc[0]]*1000 + prior[anc[len(anc)-1]]
			}
			switch {
			case n > bestN:
				best, bestN, tie = c, n, false
			case n == bestN:
				tie = true
			}
		}
		if best != "" && !tie {
			out[i] = best
		}
	}
	return out
}
