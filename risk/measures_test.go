package risk

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// readCSV reads a table from a string with the given selection.
func readCSV(t testing.TB, csv string, sel Selection) *Table {
	t.Helper()
	tb, err := ReadTable(context.Background(), strings.NewReader(csv), TableOptions{Name: "t.csv", Select: sel,
		RefDate: time.Date(2020, 12, 9, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The table of the hand computations: three classes at level 0,
// (30,男) ×3 {流感,流感,肺炎}, (40,女) ×2 {流感,肝炎}, (50,女) ×1 {流感}.
const diagnoses = `年龄,性别,诊断
30,男,流感
30,男,流感
30,男,肺炎
40,女,流感
40,女,肝炎
50,女,流感
`

func TestMeasuresByHand(t *testing.T) {
	tb := readCSV(t, diagnoses, Selection{})
	if got := tb.QuasiIdentifiers(); strings.Join(got, ",") != "年龄,性别" {
		t.Fatalf("quasi-identifiers %v", got)
	}
	// age 30/40/50: the 5- and 10-year bands split them as exact ages do,
	// so the hierarchy is exact → 20-year → *
	if lv := strings.Join(tb.attrs[0].h.levels, ","); lv != "exact,20-year,*" {
		t.Fatalf("age levels %s", lv)
	}
	target := Target{K: 2}
	tests := []struct {
		name       string
		node       Node
		k          int64
		classes    int
		below      int64
		prosMax    float64
		prosAvg    float64
		lDistinct  int
		lEntropy   float64
		tClose     float64
		ncp        float64
		discernibl float64
	}{
		{
			name: "as given", node: Node{0, 0}, k: 1, classes: 3, below: 1, prosMax: 1, prosAvg: 0.5,
			// entropy: exp(0) for the one-value class; t: ½(⅓+⅙+⅙) for it
			lDistinct: 1, lEntropy: 1, tClose: 1.0 / 3, ncp: 0, discernibl: 9 + 4 + 1,
		},
		{
			// (20-39,男) ×3 {流感,流感,肺炎}, (40-59,女) ×3 {流感,肝炎,流感}
			name: "age 20-year", node: Node{1, 0}, k: 3, classes: 2, below: 0, prosMax: 1.0 / 3, prosAvg: 2.0 / 6,
			lDistinct: 2, lEntropy: math.Exp(-(2.0/3*math.Log(2.0/3) + 1.0/3*math.Log(1.0/3))), tClose: 1.0 / 6,
			// age domain [30,51): 20-39 covers [30,40) = 10/21, 40-59 covers
			// [40,51) = 11/21; the age's NCP is (3·10+3·11)/(21·6) = ½, sex 0
			ncp: 0.25, discernibl: 9 + 9,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tb.Measure(tt.node, target, Population{}, false)
			if err != nil {
				t.Fatal(err)
			}
			if m.K != tt.k || m.Classes != tt.classes || m.Records != 6 || m.BelowTarget.Records != tt.below {
				t.Errorf("k %d classes %d records %d below %d", m.K, m.Classes, m.Records, m.BelowTarget.Records)
			}
			if !near(m.Prosecutor.Max, tt.prosMax) || !near(m.Prosecutor.Average, tt.prosAvg) || !near(m.Prosecutor.AtRisk, float64(tt.below)/6) {
				t.Errorf("prosecutor %+v", m.Prosecutor)
			}
			// no population: the table is the population
			if !near(m.Journalist.Max, tt.prosMax) || !near(m.Journalist.Average, tt.prosAvg) || !near(m.Marketer, tt.prosAvg) {
				t.Errorf("journalist %+v marketer %v", m.Journalist, m.Marketer)
			}
			d := m.Sensitive[0]
			if d.LDistinct != tt.lDistinct || !near(d.LEntropy, tt.lEntropy) || !near(d.T, tt.tClose) || d.Distance != "equal" {
				t.Errorf("diversity %+v, want ℓ %d, ℓ-entropy %v, t %v", d, tt.lDistinct, tt.lEntropy, tt.tClose)
			}
			if !near(m.Loss.NCP, tt.ncp) || !near(m.Loss.Discernibility, tt.discernibl) {
				t.Errorf("loss %+v", m.Loss)
			}
		})
	}
}

func TestMeasuresClassSizesAndSmallest(t *testing.T) {
	tb := readCSV(t, diagnoses, Selection{})
	m, err := tb.Measure(Node{0, 0}, Target{K: 2}, Population{}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []SizeBucket{{Min: 1, Max: 1, Classes: 1, Records: 1}, {Min: 2, Max: 2, Classes: 1, Records: 2}, {Min: 3, Max: 4, Classes: 1, Records: 3}}
	if len(m.ClassSizes) != len(want) {
		t.Fatalf("class sizes %+v", m.ClassSizes)
	}
	for i := range want {
		if m.ClassSizes[i] != want[i] {
			t.Errorf("bucket %d = %+v, want %+v", i, m.ClassSizes[i], want[i])
		}
	}
	if s := m.Smallest[0]; s.Size != 1 || strings.Join(s.Values, ",") != "50,女" {
		t.Errorf("smallest class %+v", s)
	}
	// with suppression: the one-record class goes
	m, _ = tb.Measure(Node{0, 0}, Target{K: 2}, Population{}, true)
	if m.Suppressed != 1 || m.Records != 5 || m.K != 2 || !near(m.Loss.NCP, 1.0/6) || !near(m.Loss.SuppressedShare, 1.0/6) {
		t.Errorf("suppressed %d records %d k %d loss %+v", m.Suppressed, m.Records, m.K, m.Loss)
	}
}

func TestOrderedTCloseness(t *testing.T) {
	// Q over 1,2,3 = ¼,¼,½. 男 {1,2}: cumulative differences ¼, ½ →
	// (¼+½)/2 = 0.375; 女 {3,3}: ¼, ½ → 0.375
	tb := readCSV(t, "性别,收入\n男,1\n男,2\n女,3\n女,3\n", Selection{})
	if !tb.sens[0].numeric {
		t.Fatal("收入 should be numeric")
	}
	m, err := tb.Measure(Node{0}, Target{K: 2}, Population{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if d := m.Sensitive[0]; d.Distance != "ordered" || !near(d.T, 0.375) || d.LDistinct != 1 {
		t.Errorf("diversity %+v", d)
	}
	// the same column read as categories: equal distance ½(¼+¼+½) = ½
	tb = readCSV(t, "性别,收入\n男,1\n男,2\n女,3\n女,3\n", Selection{Sensitive: []string{"收入:categorical"}})
	m, _ = tb.Measure(Node{0}, Target{K: 2}, Population{}, false)
	if d := m.Sensitive[0]; d.Distance != "equal" || !near(d.T, 0.5) {
		t.Errorf("categorical diversity %+v", d)
	}
}

func TestOrderedEMDBruteForce(t *testing.T) {
	// the binary-search form against the definition on every class of a
	// generated table
	var b strings.Builder
	b.WriteString("性别,收入\n")
	for i := 0; i < 400; i++ {
		sex := []string{"男", "女", "男性", "f", "M"}[i%5]
		b.WriteString(sex + "," + []string{"1", "5", "2", "9", "9", "3", "7"}[(i*i+3*i+i/7)%7] + "\n")
	}
	tb := readCSV(t, b.String(), Selection{QI: []string{"性别"}, Sensitive: []string{"收入"}})
	p := tb.rollup(Node{0}, tb.bottom(), true)
	sc := tb.sens[0]
	order, start := p.members()
	supp := make([]bool, p.classes())
	d := sc.diversity(p, supp, order, start, 0)
	// definition: values sorted, Σ|cumP − cumQ| / (m−1)
	var vals []float64
	var total float64
	q := map[float64]float64{}
	for v, n := range sc.tot {
		if n > 0 {
			vals = append(vals, sc.nums[v])
		}
		q[sc.nums[v]] += float64(n)
		total += float64(n)
	}
	slices.Sort(vals)
	if len(vals) < 3 {
		t.Fatalf("values %v", vals)
	}
	worst := 0.0
	for j := range p.size {
		pj := map[float64]float64{}
		var n float64
		for _, c := range order[start[j]:start[j+1]] {
			for e := sc.off[c]; e < sc.off[c+1]; e++ {
				pj[sc.nums[sc.vals[e]]] += float64(sc.cnts[e])
				n += float64(sc.cnts[e])
			}
		}
		var cp, cq, emd float64
		for _, v := range vals[:len(vals)-1] {
			cp += pj[v] / n
			cq += q[v] / total
			emd += math.Abs(cp - cq)
		}
		worst = math.Max(worst, emd/float64(len(vals)-1))
	}
	if !near(d.T, worst) {
		t.Errorf("t = %v, definition gives %v", d.T, worst)
	}
}

func TestJournalistPopulationTable(t *testing.T) {
	tb := readCSV(t, "性别,年龄\n男,30\n男,30\n女,40\n", Selection{})
	err := tb.ReadPopulation(context.Background(), strings.NewReader("性别,年龄,人数\n男,30,10\n女,40,4\n女,50,6\n"), TableOptions{Name: "pop.csv"})
	if err != nil {
		t.Fatal(err)
	}
	// level 0: F = 10 and 4 → max ¼, mean (2/10 + 1/4)/3
	m, err := tb.Measure(Node{0, 0}, Target{K: 2}, Population{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if m.Journalist.Model != "population table" || !near(m.Journalist.Max, 0.25) || !near(m.Journalist.Average, 0.15) ||
		!near(m.Marketer, 0.15) || !near(m.Journalist.SamplingFraction, 0.15) {
		t.Errorf("journalist %+v marketer %v", m.Journalist, m.Marketer)
	}
	// ages hidden: (男,*) F=10, (女,*) F=4+6 — the population's 50 counts
	m, _ = tb.Measure(Node{0, len(tb.attrs[1].h.levels) - 1}, Target{K: 2}, Population{}, false)
	if !near(m.Journalist.Max, 0.1) || !near(m.Journalist.Average, 0.1) {
		t.Errorf("journalist at age * %+v", m.Journalist)
	}
	// the prosecutor risk does not depend on the population
	if !near(m.Prosecutor.Max, 1) {
		t.Errorf("prosecutor %+v", m.Prosecutor)
	}
}

func TestJournalistSamplingFraction(t *testing.T) {
	tb := readCSV(t, diagnoses, Selection{})
	m, err := tb.Measure(Node{0, 0}, Target{K: 2}, Population{Size: 12}, false)
	if err != nil {
		t.Fatal(err)
	}
	// f = ½: classes of 3, 2, 1 records
	r1, r2 := math.Ln2, 1-math.Ln2
	r3 := seriesInverse(3, 0.5)
	if !near(m.Journalist.Max, r1) || !near(m.Journalist.Average, (3*r3+2*r2+r1)/6) || !near(m.Journalist.SamplingFraction, 0.5) {
		t.Errorf("journalist %+v, want max %v", m.Journalist, r1)
	}
	if _, err := tb.Measure(Node{0, 0}, Target{K: 2}, Population{Size: 3}, false); err == nil {
		t.Error("a population smaller than the table should fail")
	}
}

// seriesInverse is E[1/F | f] by the defining series, summed plainly.
func seriesInverse(f int, p float64) float64 {
	q := 1 - p
	sum := 0.0
	binom := 1.0 // C(h-1, f-1) at h = f
	for h := f; h < 20000; h++ {
		if h > f {
			binom *= float64(h-1) / float64(h-f)
		}
		term := binom * math.Pow(p, float64(f)) * math.Pow(q, float64(h-f)) / float64(h)
		sum += term
		if term < 1e-18 && h > 10*f {
			break
		}
	}
	return sum
}

func TestExpectedInverse(t *testing.T) {
	for _, c := range []struct {
		f int64
		p float64
	}{{1, 0.5}, {2, 0.5}, {3, 0.5}, {5, 0.1}, {1, 0.01}, {2, 0.2}, {10, 0.3}, {20, 0.9}} {
		want := seriesInverse(int(c.f), c.p)
		if got := expectedInverse(c.f, c.p); math.Abs(got-want) > 1e-6*want {
			t.Errorf("E[1/F | f=%d, p=%v] = %v, series %v", c.f, c.p, got, want)
		}
	}
	if got := expectedInverse(4, 1); got != 0.25 {
		t.Errorf("a full population gives 1/f, got %v", got)
	}
	// large classes use the approximation p / (f − (1−p))
	if got := expectedInverse(25, 0.5); !near(got, 0.5/24.5) {
		t.Errorf("approximation %v", got)
	}
	// never above 1/f
	for f := int64(1); f < 40; f++ {
		for _, p := range []float64{0.001, 0.3, 0.99} {
			if r := expectedInverse(f, p); r > 1/float64(f)+1e-12 || r < 0 {
				t.Errorf("E[1/F | %d, %v] = %v", f, p, r)
			}
		}
	}
}

func TestMaskLabel(t *testing.T) {
	for in, want := range map[string]string{"四川省成都市": "四川省成都市", "13800138000": "138******00", "40-49": "40-49", "电话13800138000号": "电话138******00号"} {
		if got := maskLabel(in); got != want {
			t.Errorf("maskLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
