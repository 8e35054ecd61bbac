package address

import "github.com/custos-project/custos/zh"

// gazLevels gives, per element level, the division levels (zh.Division.Level)
// its name may be found at, most likely first: the corpus tags 北京市 as a
// city although the table has it as a province, and county-level cities
// (温岭市) are sometimes tagged as cities.
var gazLevels = map[string][]int{
	LevelProvince: {1},
	LevelCity:     {2, 1, 3},
	LevelDistrict: {3, 2},
	LevelDevzone:  {3},
	LevelTown:     {4},
}

// candidates returns the divisions an element of the level may name: by its
// full name or by its short form (犀浦镇 finds 犀浦街道, which it became).
func (g *gazetteer) candidates(level, name string) []int32 {
	lv := gazLevels[level]
	if lv == nil {
		return nil
	}
	var out []int32
	add := func(ids []int32) {
		for _, id := range ids {
			dl := g.divs[id].Level
			ok := false
			for _, l := range lv {
				ok = ok || l == dl
			}
			if ok && !containsID(out, id) {
				out = append(out, id)
			}
		}
	}
	add(g.byName[name])
	if lv[0] >= 1 && lv[0] <= numGaz {
		for _, l := range lv {
			if s := shortForm(name, l-1); s != "" {
				add(g.byName[s])
			}
		}
	}
	return out
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// ancestorOf reports whether division a is d or one of d's ancestors.
func (g *gazetteer) ancestorOf(a, d int32) bool {
	for ; d >= 0; d = g.parent(d) {
		if d == a {
			return true
		}
	}
	return false
}

// resolve sets the codes of the administrative elements of a and its
// Region and Code when the names form a consistent chain in the GB/T 2260
// table. The finest element whose candidates are best supported by the
// coarser names wins: 朝阳区 alone is ambiguous (Beijing, Changchun) and
// stays unresolved, 北京市朝阳区 resolves, and so does 郫都区犀浦镇 through
// the town. A name that fits no chain is left without a code.
func resolve(a *Address) {
	g := sharedGazetteer()
	type elc struct {
		el    int
		cands []int32
	}
	var admin []elc
	for i, e := range a.Elements {
		if gazLevels[e.Level] == nil {
			continue
		}
		if c := g.candidates(e.Level, e.Text); len(c) > 0 {
			admin = append(admin, elc{i, c})
		}
	}
	if len(admin) == 0 {
		return
	}
	// support counts the coarser elements an ancestor of c names;
	// conflict those whose every candidate disagrees with c's chain.
	score := func(k int, c int32) (support, conflict int) {
		for j := 0; j < k; j++ {
			hit := false
			for _, x := range admin[j].cands {
				if g.ancestorOf(x, c) {
					hit = true
					break
				}
			}
			if hit {
				support++
			} else if g.divs[admin[j].cands[0]].Level < g.divs[c].Level {
				conflict++
			}
		}
		return
	}
	best, bestK, bestS, tie := int32(-1), -1, -1, false
	for k := len(admin) - 1; k >= 0; k-- {
		for _, c := range admin[k].cands {
			s, x := score(k, c)
			if x > 0 {
				continue
			}
			switch {
			case s > bestS:
				best, bestK, bestS, tie = c, k, s, false
			case s == bestS && c != best:
				if bestK == k {
					tie = true
				}
			}
		}
		// a finer element that resolved unambiguously wins over coarser ones
		if best >= 0 && !tie {
			break
		}
		if tie {
			// ambiguous at this level: let the coarser names decide alone
			best, bestK, bestS, tie = -1, -1, -1, false
		}
	}
	if best < 0 {
		return
	}
	d := g.divs[best]
	a.Elements[admin[bestK].el].Code = d.Code
	for j := 0; j < bestK; j++ {
		for _, x := range admin[j].cands {
			if g.ancestorOf(x, best) {
				a.Elements[admin[j].el].Code = g.divs[x].Code
				break
			}
		}
	}
	a.Code = d.Code
	if r, ok := zh.LookupRegion(d.Code[:6]); ok && r.Name != "" {
		a.Region = r.Name
		if d.Level == 4 {
			a.Region += d.Name
		}
		return
	}
	// a code the region table knows without a name (Macao's parishes,
	// 820104): the chain's own names
	for j := 0; j <= bestK; j++ {
		if e := a.Elements[admin[j].el]; e.Code != "" {
			a.Region += e.Text
		}
	}
}
