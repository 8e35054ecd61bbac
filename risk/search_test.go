package risk

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSearchByHand(t *testing.T) {
	tb := readCSV(t, diagnoses, Selection{})
	// levels: age exact, 20-year, *; sex value, *
	tests := []struct {
		name   string
		target Target
		node   Node
		loss   float64
		supp   int64
	}{
		// (0,*) and (exact, *) fail; (20-year, value) gives classes of 3
		// and 3 at NCP (½+0)/2; (*, value) costs ½, (20-year, *) ¾
		{"k=2", Target{K: 2}, Node{1, 0}, 0.25, 0},
		// suppressing the 50-year-old woman costs 1/6 (one record of six,
		// fully generalized), less than banding ages
		{"k=2 one suppressed", Target{K: 2, MaxSuppress: 1.0 / 6}, Node{0, 0}, 1.0 / 6, 1},
		// ℓ=2 holds in the (20-year, value) classes
		{"k=2 ℓ=2", Target{K: 2, L: 2}, Node{1, 0}, 0.25, 0},
		// ℓ=3 only when everything is one class
		{"ℓ=3", Target{K: 1, L: 3}, Node{2, 1}, 1, 0},
		{"k=6", Target{K: 6}, Node{2, 1}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tb.Search(tt.target)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Found || !slices.Equal(res.Node, tt.node) || !near(res.Loss, tt.loss) || res.Suppressed != tt.supp {
				t.Errorf("found %v node %v loss %v suppressed %d; want %v %v %d", res.Found, res.Node, res.Loss, res.Suppressed, tt.node, tt.loss, tt.supp)
			}
		})
	}
	// k=7 > 6 records: nothing works without suppressing everything
	res, err := tb.Search(Target{K: 7})
	if err != nil || res.Found {
		t.Errorf("k=7 found %v, %v", res.Found, err)
	}
	if _, err := tb.Search(Target{K: 0}); err == nil {
		t.Error("k=0 should fail")
	}
}

// randomTable writes a small table with skewed values; with narrow set,
// ages and dates spread less, so that optima fall inside the lattice.
func randomTable(r *rand.Rand, rows int, narrow ...bool) string {
	var b strings.Builder
	b.WriteString("年龄,性别,区县,就诊日期,职业,诊断\n")
	counties := []string{"锦江区", "青羊区", "金牛区", "武侯区", "成华区", "郫都区", "涪城区", "游仙区", "朝阳区", "海淀区"}
	jobs := []string{"教师", "医生", "工人", "学生"}
	diag := []string{"流感", "肺炎", "肝炎", "胃炎", "骨折"}
	for i := 0; i < rows; i++ {
		age := 20 + int(r.ExpFloat64()*12)
		month, day := 1+r.IntN(4), 1+r.IntN(28)
		if len(narrow) > 0 && narrow[0] {
			age = 30 + r.IntN(12)
			month, day = 3, 1+r.IntN(3)*9
		}
		fmt.Fprintf(&b, "%d,%s,%s,2020-%02d-%02d,%s,%s\n", min(age, 99), []string{"男", "女"}[r.IntN(2)],
			counties[min(int(r.ExpFloat64()*3), len(counties)-1)], month, day,
			jobs[r.IntN(len(jobs))], diag[min(int(r.ExpFloat64()*1.5), len(diag)-1)])
	}
	return b.String()
}

// TestSearchMatchesBruteForce compares the pruned search with evaluating
// every node of the lattice, on generated tables and several targets.
func TestSearchMatchesBruteForce(t *testing.T) {
	targets := []Target{
		{K: 2}, {K: 3, MaxSuppress: 0.02}, {K: 5, MaxSuppress: 0.05}, {K: 10, MaxSuppress: 0.1},
		{K: 3, L: 2}, {K: 2, L: 3, MaxSuppress: 0.05}, {K: 25},
	}
	for seed := uint64(1); seed <= 10; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		rows := 60 + r.IntN(240)
		tb := readCSV(t, randomTable(r, rows, seed > 5), Selection{})
		if len(tb.attrs) != 5 || len(tb.sens) != 1 {
			t.Fatalf("columns %+v", tb.Columns)
		}
		for _, tg := range targets {
			name := fmt.Sprintf("seed %d rows %d k=%d l=%d supp=%v", seed, rows, tg.K, tg.L, tg.MaxSuppress)
			got, err := tb.Search(tg)
			if err != nil {
				t.Fatal(err)
			}
			want := tb.bruteForce(tg)
			t.Logf("%s: %v %v loss %.4f evaluated %d/%d", name, got.Found, got.Node, got.Loss, got.Evaluated, want.Lattice)
			if got.Found != want.Found || got.Found && (!near(got.Loss, want.Loss) || !slices.Equal(got.Node, want.Node)) {
				t.Errorf("%s: search %v %v loss %v; brute force %v %v loss %v", name, got.Found, got.Node, got.Loss, want.Found, want.Node, want.Loss)
			}
			if got.Evaluated > want.Evaluated {
				t.Errorf("%s: search evaluated %d nodes, more than the lattice", name, got.Evaluated)
			}
			if got.Found {
				// the result really meets the target
				m, err := tb.Measure(got.Node, tg, Population{}, true)
				if err != nil {
					t.Fatal(err)
				}
				if m.K < int64(tg.K) || m.Suppressed > tg.Budget(int64(rows)) || !near(m.Loss.NCP, got.Loss) {
					t.Errorf("%s: measured k %d suppressed %d loss %v", name, m.K, m.Suppressed, m.Loss.NCP)
				}
				for _, d := range m.Sensitive {
					if d.LDistinct < tg.L {
						t.Errorf("%s: ℓ %d", name, d.LDistinct)
					}
				}
			}
		}
	}
}

func TestGreedySearch(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	tb := readCSV(t, randomTable(r, 300), Selection{})
	s := tb.newSearcher(Target{K: 5, MaxSuppress: 0.02})
	dims := make([]int, tb.q)
	for k, a := range tb.attrs {
		dims[k] = len(a.h.levels)
	}
	res := s.greedy(dims)
	if !res.Found {
		t.Fatal("greedy found nothing")
	}
	m, _ := tb.Measure(res.Node, Target{K: 5, MaxSuppress: 0.02}, Population{}, true)
	if m.K < 5 || m.Suppressed > 6 {
		t.Errorf("greedy result k %d suppressed %d", m.K, m.Suppressed)
	}
	// greedy can only be as good as the optimum
	best := tb.bruteForce(Target{K: 5, MaxSuppress: 0.02})
	if res.Loss < best.Loss-1e-9 {
		t.Errorf("greedy loss %v below the optimum %v", res.Loss, best.Loss)
	}
}

// TestRollupMatchesDirect checks that classes rolled up from an
// intermediate partition equal those computed from the finest classes,
// through every grouping path (array, radix sort, wide keys).
func TestRollupMatchesDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	tb := readCSV(t, randomTable(r, 500), Selection{})
	sizes := func(p *partition) []int64 {
		s := slices.Clone(p.size)
		slices.Sort(s)
		return s
	}
	mid := tb.rollup(Node{1, 0, 1, 1, 0}, tb.bottom(), false)
	for _, n := range []Node{{1, 1, 1, 1, 0}, {2, 0, 2, 2, 1}, {1, 0, 1, 1, 0}} {
		direct := tb.rollup(n, tb.bottom(), false)
		via := tb.rollup(n, mid, false)
		if !slices.Equal(sizes(direct), sizes(via)) {
			t.Errorf("node %v: direct %v via %v", n, sizes(direct), sizes(via))
		}
	}
	// the radix sort path: a key space too large for an array
	keys := make([]uint64, 1000)
	idx := make([]int32, 1000)
	for i := range keys {
		keys[i] = r.Uint64() >> 20
		idx[i] = int32(i)
	}
	orig := slices.Clone(keys)
	sc := &scratch{}
	sk, si := sc.sortBuf(len(keys))
	copy(sk, keys)
	copy(si, idx)
	radixSort(sk, si, 44, sc)
	if !slices.IsSorted(sk) {
		t.Fatal("radix sort did not sort")
	}
	for i, j := range si {
		if orig[j] != sk[i] {
			t.Fatal("indexes do not follow their keys")
		}
	}
}

func TestLatticeBounds(t *testing.T) {
	tb := readCSV(t, diagnoses, Selection{})
	s := tb.newSearcher(Target{K: 2})
	s.pairs = tb.pairBounds(2)
	// the loss before suppression never decreases along the lattice
	for a := 0; a < 3; a++ {
		for b := 0; b < 2; b++ {
			n := Node{a, b}
			if a+1 < 3 && s.baseLoss(Node{a + 1, b}) < s.baseLoss(n) {
				t.Errorf("bound decreases from %v", n)
			}
			if b+1 < 2 && s.baseLoss(Node{a, b + 1}) < s.baseLoss(n) {
				t.Errorf("bound decreases from %v", n)
			}
			// and the pair bound never exceeds the real suppression
			p := tb.rollup(n, tb.bottom(), false)
			_, supp, _ := s.suppression(p)
			if s.marginalBound(n) > supp {
				t.Errorf("node %v: bound %d above suppression %d", n, s.marginalBound(n), supp)
			}
		}
	}
	if math.IsNaN(s.baseLoss(Node{0, 0})) {
		t.Error("NaN")
	}
}
