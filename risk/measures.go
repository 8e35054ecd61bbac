package risk

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/report"
)

// Measures are the re-identification risk and information loss of a table
// at one generalization (one lattice node), after suppression.
type Measures struct {
	// Levels is the level of each quasi-identifier.
	Levels []QILevel `json:"levels"`
	// Records is the number of records measured: those released, that is
	// not suppressed. Suppressed is the number left out.
	Records    int64 `json:"records"`
	Suppressed int64 `json:"suppressed"`
	// Classes is the number of equivalence classes (distinct
	// quasi-identifier tuples) among the released records.
	Classes int `json:"classes"`
	// K is the size of the smallest class: the table is K-anonymous.
	K int64 `json:"k"`
	// ClassSizes is the distribution of class sizes.
	ClassSizes []SizeBucket `json:"class_sizes"`
	// BelowTarget counts the classes smaller than the target k and their
	// records.
	BelowTarget BelowTarget `json:"below_target"`
	Prosecutor  Risk        `json:"prosecutor"`
	Journalist  Journalist  `json:"journalist"`
	// Marketer is the expected share of records re-identified by an
	// attacker who matches every record: classes/records when the table is
	// the population, else the mean of the journalist risk over records.
	Marketer float64 `json:"marketer"`
	// Sensitive holds ℓ-diversity and t-closeness per sensitive column.
	Sensitive []Diversity `json:"sensitive,omitempty"`
	// Smallest are the smallest classes, with their quasi-identifier
	// values (the values at this generalization, never a direct
	// identifier).
	Smallest []ClassSample `json:"smallest_classes"`
	Loss     Loss          `json:"loss"`
}

// QILevel is the generalization level of one quasi-identifier.
type QILevel struct {
	QI    string `json:"qi"`
	Level int    `json:"level"`
	Name  string `json:"name"`
	// Top is the highest level of the hierarchy ("*").
	Top int `json:"top"`
}

// SizeBucket counts the classes whose size lies in [Min, Max] (Max 0:
// no upper bound).
type SizeBucket struct {
	Min     int64 `json:"min"`
	Max     int64 `json:"max,omitempty"`
	Classes int   `json:"classes"`
	Records int64 `json:"records"`
}

// BelowTarget counts classes smaller than the target k.
type BelowTarget struct {
	K       int     `json:"k"`
	Classes int     `json:"classes"`
	Records int64   `json:"records"`
	Share   float64 `json:"share"` // of measured records
}

// Risk is a re-identification risk: the highest of any record, the mean
// over records, and the share of records whose risk exceeds 1/k.
type Risk struct {
	Max     float64 `json:"max"`
	Average float64 `json:"average"`
	AtRisk  float64 `json:"at_risk"`
}

// Journalist is the risk of an attacker who re-identifies someone from a
// population register: it depends on the population class sizes.
type Journalist struct {
	Risk
	// Model says how population class sizes were obtained: "population
	// table", "estimated (sampling fraction f)", or "dataset is the
	// population".
	Model string `json:"model"`
	// SamplingFraction is the share of the population the table holds.
	SamplingFraction float64 `json:"sampling_fraction"`
}

// Diversity is ℓ-diversity and t-closeness of one sensitive column.
type Diversity struct {
	Column string `json:"column"`
	// LDistinct is the fewest distinct values in any class; LEntropy is
	// exp of the lowest entropy of any class (entropy ℓ-diversity).
	LDistinct int     `json:"l_distinct"`
	LEntropy  float64 `json:"l_entropy"`
	// ClassesBelowL counts classes with fewer than the target ℓ distinct
	// values (0 when no ℓ is set).
	ClassesBelowL int `json:"classes_below_l"`
	// T is the largest earth mover's distance between a class's
	// distribution and the table's; Distance is "ordered" (numeric
	// values) or "equal" (categories).
	T        float64 `json:"t"`
	Distance string  `json:"distance"`
}

// ClassSample is one class: its size and quasi-identifier values.
type ClassSample struct {
	Size   int64    `json:"size"`
	Values []string `json:"values"`
}

// Loss is the information lost by a generalization.
type Loss struct {
	// NCP is the normalized certainty penalty averaged over cells of the
	// quasi-identifiers (0 = data as given, 1 = everything "*");
	// suppressed records count 1.
	NCP float64 `json:"ncp"`
	// PerQI is the same per quasi-identifier, in QI order.
	PerQI []float64 `json:"per_qi"`
	// Discernibility is Σ|class|² over released classes plus
	// suppressed × all records.
	Discernibility float64 `json:"discernibility"`
	// SuppressedShare is the share of records suppressed.
	SuppressedShare float64 `json:"suppressed_share"`
}

// Population says what is known of the population the table was drawn
// from, for the journalist and marketer risks. With neither field set
// (and no population table read), the table is taken to be the whole
// population.
type Population struct {
	// Size is the number of people in the population.
	Size int64
	// SampleFraction is the share of the population in the table; used
	// when Size is 0.
	SampleFraction float64
}

// Measure computes the measures of the table at node n, suppressing the
// classes that miss the target when suppress is true. With no target
// (K ≤ 1 and L = 0) nothing is suppressed.
func (t *Table) Measure(n Node, target Target, pop Population, suppress bool) (Measures, error) {
	if !t.done {
		return Measures{}, fmt.Errorf("table not read")
	}
	if len(n) != t.q {
		return Measures{}, fmt.Errorf("node has %d levels, the table %d quasi-identifiers", len(n), t.q)
	}
	for k, a := range t.attrs {
		if n[k] < 0 || n[k] >= len(a.h.levels) {
			return Measures{}, fmt.Errorf("%s: level %d outside 0-%d", a.name, n[k], len(a.h.levels)-1)
		}
	}
	p := t.rollup(n, t.bottom(), true)
	s := t.newSearcher(target)
	s.budget = math.MaxInt64 // measure whatever the suppression
	var supp []bool
	var suppRecords int64
	var suppNCP float64
	if suppress {
		supp, suppRecords, suppNCP = s.suppression(p)
	} else {
		supp = make([]bool, p.classes())
	}
	return t.measure(p, supp, suppRecords, suppNCP, s, pop)
}

func (t *Table) measure(p *partition, supp []bool, suppRecords int64, suppNCP float64, s *searcher, pop Population) (Measures, error) {
	target := s.target
	m := Measures{Suppressed: suppRecords}
	for k, a := range t.attrs {
		m.Levels = append(m.Levels, QILevel{QI: a.name, Level: p.node[k], Name: a.h.levels[p.node[k]], Top: a.h.height()})
	}
	all := s.n
	m.Records = all - suppRecords
	m.BelowTarget.K = target.K

	// released classes
	var sizes []int64
	var idx []int
	for j, n := range p.size {
		if !supp[j] {
			sizes = append(sizes, n)
			idx = append(idx, j)
		}
	}
	m.Classes = len(sizes)
	buckets := []SizeBucket{{Min: 1, Max: 1}, {Min: 2, Max: 2}, {Min: 3, Max: 4}, {Min: 5, Max: 9}, {Min: 10, Max: 19}, {Min: 20, Max: 49}, {Min: 50, Max: 99}, {Min: 100}}
	for _, n := range sizes {
		if m.K == 0 || n < m.K {
			m.K = n
		}
		for b := range buckets {
			if n >= buckets[b].Min && (buckets[b].Max == 0 || n <= buckets[b].Max) {
				buckets[b].Classes++
				buckets[b].Records += n
			}
		}
		if n < int64(target.K) {
			m.BelowTarget.Classes++
			m.BelowTarget.Records += n
		}
	}
	for _, b := range buckets {
		if b.Classes > 0 {
			m.ClassSizes = append(m.ClassSizes, b)
		}
	}
	if m.Records > 0 {
		m.BelowTarget.Share = float64(m.BelowTarget.Records) / float64(m.Records)
		m.Prosecutor = Risk{Max: 1 / float64(m.K), Average: float64(m.Classes) / float64(m.Records), AtRisk: m.BelowTarget.Share}
	}

	// journalist and marketer
	frac := 1.0
	switch {
	case t.pop != nil:
		m.Journalist.Model = "population table"
		if t.pop.total > 0 {
			frac = float64(all) / float64(t.pop.total)
		}
	case pop.Size > 0:
		if pop.Size < all {
			return Measures{}, fmt.Errorf("population %d is smaller than the table's %d records", pop.Size, all)
		}
		frac = float64(all) / float64(pop.Size)
		m.Journalist.Model = fmt.Sprintf("estimated: negative binomial model (Benedetti-Franconi), sampling fraction %.4g = %d/%d", frac, all, pop.Size)
	case pop.SampleFraction > 0 && pop.SampleFraction < 1:
		frac = pop.SampleFraction
		m.Journalist.Model = fmt.Sprintf("estimated: negative binomial model (Benedetti-Franconi), sampling fraction %.4g", frac)
	default:
		m.Journalist.Model = "dataset is the population (give a population size, sampling fraction or table to estimate it)"
	}
	m.Journalist.SamplingFraction = frac
	if m.Records > 0 {
		var F []int64
		if t.pop != nil {
			F = t.populationSizes(p)
		}
		memo := map[int64]float64{}
		var sum float64
		var atRisk int64
		for i, j := range idx {
			var r float64
			switch {
			case F != nil:
				r = 1 / float64(F[j])
			default:
				var ok bool
				if r, ok = memo[sizes[i]]; !ok {
					r = expectedInverse(sizes[i], frac)
					memo[sizes[i]] = r
				}
			}
			m.Journalist.Max = math.Max(m.Journalist.Max, r)
			sum += r * float64(sizes[i])
			if target.K > 0 && r > 1/float64(target.K)+1e-12 {
				atRisk += sizes[i]
			}
		}
		m.Journalist.Average = sum / float64(m.Records)
		m.Journalist.AtRisk = float64(atRisk) / float64(m.Records)
		m.Marketer = m.Journalist.Average
	}

	// sensitive columns
	if len(t.sens) > 0 {
		order, start := p.members()
		for _, sc := range t.sens {
			m.Sensitive = append(m.Sensitive, sc.diversity(p, supp, order, start, target.L))
		}
	}

	// smallest classes
	sort.SliceStable(idx, func(a, b int) bool { return p.size[idx[a]] < p.size[idx[b]] })
	for _, j := range idx[:min(len(idx), 10)] {
		cs := ClassSample{Size: p.size[j]}
		c := p.repOf(j)
		for k, a := range t.attrs {
			l := p.node[k]
			cs.Values = append(cs.Values, t.maskDirect(a.h.text[l][a.h.label[l][t.tuples[c*t.q+k]]]))
		}
		m.Smallest = append(m.Smallest, cs)
	}

	// loss
	q := float64(t.q)
	if all > 0 && q > 0 {
		m.Loss.NCP = s.lossOf(p.node, suppRecords, suppNCP)
		m.Loss.SuppressedShare = float64(suppRecords) / float64(all)
		perQI := make([]float64, t.q)
		for k := range t.attrs {
			perQI[k] = s.lm0[k][p.node[k]]
		}
		for j, out := range supp {
			if !out {
				continue
			}
			c := p.repOf(j)
			for k, a := range t.attrs {
				l := p.node[k]
				perQI[k] += float64(p.size[j]) * (1 - a.h.ncp[l][a.h.label[l][t.tuples[c*t.q+k]]])
			}
		}
		for k := range perQI {
			perQI[k] /= float64(all)
		}
		m.Loss.PerQI = perQI
		for _, n := range sizes {
			m.Loss.Discernibility += float64(n) * float64(n)
		}
		m.Loss.Discernibility += float64(suppRecords) * float64(all)
	}
	return m, nil
}

// diversity computes ℓ-diversity and t-closeness of the column over the
// released classes of p. The reference distribution for t-closeness is
// that of the released records.
func (sc *sensitiveColumn) diversity(p *partition, supp []bool, order, start []int32, targetL int) Diversity {
	d := Diversity{Column: sc.name, Distance: "equal"}
	V := len(sc.values)
	// the released distribution
	tot := make([]float64, V)
	var all float64
	for j := range p.size {
		if supp[j] {
			continue
		}
		for _, c := range order[start[j]:start[j+1]] {
			for e := sc.off[c]; e < sc.off[c+1]; e++ {
				tot[sc.vals[e]] += float64(sc.cnts[e])
				all += float64(sc.cnts[e])
			}
		}
	}
	if all == 0 {
		return d
	}
	// ordered distance: values ranked by number; cumulative global
	// distribution Q and its prefix sums
	var rank []int
	var cumQ, prefQ []float64
	if sc.numeric {
		d.Distance = "ordered"
		ids := make([]int, 0, V)
		for v := range tot {
			if tot[v] > 0 {
				ids = append(ids, v)
			}
		}
		sort.Slice(ids, func(a, b int) bool { return sc.nums[ids[a]] < sc.nums[ids[b]] })
		rank = make([]int, V)
		for i := range rank {
			rank[i] = -1
		}
		cumQ = make([]float64, len(ids))
		prefQ = make([]float64, len(ids)+1)
		run := 0.0
		for i, v := range ids {
			rank[v] = i
			run += tot[v] / all
			cumQ[i] = run
			prefQ[i+1] = prefQ[i] + run
		}
	}
	acc := make([]float64, V)
	var touched []int
	first := true
	for j := range p.size {
		if supp[j] {
			continue
		}
		touched = touched[:0]
		var n float64
		for _, c := range order[start[j]:start[j+1]] {
			for e := sc.off[c]; e < sc.off[c+1]; e++ {
				v := int(sc.vals[e])
				if acc[v] == 0 {
					touched = append(touched, v)
				}
				acc[v] += float64(sc.cnts[e])
				n += float64(sc.cnts[e])
			}
		}
		if n == 0 {
			continue // a class with no sensitive values
		}
		distinct := len(touched)
		var h float64
		for _, v := range touched {
			x := acc[v] / n
			h -= x * math.Log(x)
		}
		var emd float64
		if sc.numeric {
			emd = orderedEMD(acc, touched, n, rank, cumQ, prefQ)
		} else {
			// ½ Σ|p−q| = ½ (Σ_in |p−q| + Σ_out q)
			var in, qIn float64
			for _, v := range touched {
				qv := tot[v] / all
				in += math.Abs(acc[v]/n - qv)
				qIn += qv
			}
			emd = 0.5 * (in + math.Max(0, 1-qIn))
		}
		if first || distinct < d.LDistinct {
			d.LDistinct = distinct
		}
		if first || math.Exp(h) < d.LEntropy {
			d.LEntropy = math.Exp(h)
		}
		first = false
		d.T = math.Max(d.T, emd)
		if targetL > 0 && distinct < targetL {
			d.ClassesBelowL++
		}
		for _, v := range touched {
			acc[v] = 0
		}
	}
	return d
}

// orderedEMD is the earth mover's distance with the ordered distance
// between a class distribution P (acc/n over touched values) and the
// table's Q: (1/(m-1)) Σ_{i<m} |P_i − Q_i| over cumulative sums by rank.
// Between the class's own values P_i is constant, and Q_i only grows, so
// each stretch is summed with a binary search and the prefix sums of Q.
func orderedEMD(acc []float64, touched []int, n float64, rank []int, cumQ, prefQ []float64) float64 {
	m := len(cumQ)
	if m < 2 {
		return 0
	}
	rs := make([]int, len(touched))
	for i, v := range touched {
		rs[i] = rank[v]
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a] < rs[b] })
	byRank := map[int]float64{}
	for _, v := range touched {
		byRank[rank[v]] = acc[v] / n
	}
	// sumAbs returns Σ_{i=a}^{b-1} |c − cumQ[i]|
	sumAbs := func(a, b int, c float64) float64 {
		if a >= b {
			return 0
		}
		s := a + sort.Search(b-a, func(i int) bool { return cumQ[a+i] >= c })
		below := c*float64(s-a) - (prefQ[s] - prefQ[a])
		above := (prefQ[b] - prefQ[s]) - c*float64(b-s)
		return below + above
	}
	total := 0.0
	cum := 0.0
	prev := 0
	for _, r := range rs {
		total += sumAbs(prev, r, cum)
		cum += byRank[r]
		prev = r
	}
	total += sumAbs(prev, m-1, cum)
	return total / float64(m-1)
}

// maskDirect masks what the engine finds to be a direct identifier in a
// label (a name or phone number given as a quasi-identifier should not
// be printed), then long digit runs.
func (t *Table) maskDirect(s string) string {
	if t.engine == nil || s == "" {
		return maskLabel(s)
	}
	fs := t.engine.Detect([]byte(s), nil)
	var b strings.Builder
	at := 0
	for _, f := range fs {
		info, _ := pi.LookupCategory(f.Category)
		if !info.Direct || f.Score < 0.5 || f.Start < at {
			continue
		}
		b.WriteString(s[at:f.Start])
		b.WriteString(report.Mask(f.Type, s[f.Start:f.End]))
		at = f.End
	}
	b.WriteString(s[at:])
	return maskLabel(b.String())
}

// maskLabel hides long digit runs in a label (7 digits or more: a phone
// or ID number that should not be a quasi-identifier value), keeping the
// first three and last two.
func maskLabel(s string) string {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run >= 7 {
				break
			}
		} else {
			run = 0
		}
	}
	if run < 7 {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		if b[i] < '0' || b[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j-i >= 7 {
			for x := i + 3; x < j-2; x++ {
				b[x] = '*'
			}
		}
		i = j
	}
	return strings.Clone(string(b))
}
