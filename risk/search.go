package risk

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Target is the privacy model a generalization must reach.
type Target struct {
	// K: every released class holds at least K records (k-anonymity).
	K int `json:"k"`
	// L: every released class holds at least L distinct values of each
	// sensitive column (distinct ℓ-diversity); 0 means no ℓ requirement.
	L int `json:"l,omitempty"`
	// MaxSuppress is the largest share of records that may be suppressed
	// (left out of the release) to reach K and L.
	MaxSuppress float64 `json:"max_suppress"`
}

// Budget is the number of records MaxSuppress allows out of n.
func (tg Target) Budget(n int64) int64 {
	return int64(math.Floor(tg.MaxSuppress*float64(n) + 1e-9))
}

// latticeLimit is the largest lattice searched exhaustively (with
// pruning); larger ones are searched greedily.
const latticeLimit = 200000

// cacheLimit is how many evaluated partitions are kept as starting points
// for rolling up further nodes.
const cacheLimit = 16

// SearchResult is the outcome of the generalization search.
type SearchResult struct {
	// Algorithm names the search that ran.
	Algorithm string `json:"algorithm"`
	// Lattice is the number of nodes of the lattice; Evaluated how many
	// had their classes computed.
	Lattice   int `json:"lattice_nodes"`
	Evaluated int `json:"evaluated_nodes"`
	// Found is false when no node reaches the target within the
	// suppression budget.
	Found bool `json:"found"`
	Node  Node `json:"node,omitempty"`
	// Loss is the normalized certainty penalty of the result, suppressed
	// records counting as fully generalized.
	Loss       float64 `json:"loss"`
	Suppressed int64   `json:"suppressed"`

	part *partition
}

// searcher holds what the search needs about the table.
type searcher struct {
	t      *Table
	target Target
	budget int64
	n      int64
	// lm0[k][l]: total NCP of attribute k at level l over all records
	lm0 [][]float64
	// small[k][l]: records whose label of attribute k at level l is
	// shared by fewer than K records (they cannot be in a class of K)
	small [][]int64
	// pairs holds the same bound for pairs of attributes
	pairs []pairBound
	cache []*partition
	evals int
}

func (t *Table) newSearcher(target Target) *searcher {
	s := &searcher{t: t, target: target, n: t.records()}
	s.budget = target.Budget(s.n)
	s.lm0 = make([][]float64, t.q)
	s.small = make([][]int64, t.q)
	for k, a := range t.attrs {
		h := a.h
		s.lm0[k] = make([]float64, len(h.levels))
		s.small[k] = make([]int64, len(h.levels))
		for l := range h.levels {
			perLabel := make([]int64, len(h.text[l]))
			for v, n := range a.marg {
				lab := h.label[l][v]
				perLabel[lab] += n
				s.lm0[k][l] += float64(n) * h.ncp[l][lab]
			}
			for _, n := range perLabel {
				if n > 0 && n < int64(target.K) {
					s.small[k][l] += n
				}
			}
		}
	}
	s.cache = []*partition{t.bottom()}
	return s
}

// pairLimit bounds the value pairs of two attributes counted in a plain
// array for the pairwise bound; larger pairs are left out of it.
const pairLimit = 1 << 20

// pairBound is, for two attributes i < j and each pair of their levels,
// the records whose pair of labels is shared by fewer than K records.
type pairBound struct {
	i, j  int
	small [][]int64 // [level i][level j]
}

// pairBounds counts the finest value pairs of each two attributes once,
// then rolls the counts up to every pair of levels.
func (t *Table) pairBounds(k int) []pairBound {
	var out []pairBound
	for i := 0; i < t.q; i++ {
		for j := i + 1; j < t.q; j++ {
			ai, aj := t.attrs[i], t.attrs[j]
			ni, nj := len(ai.values), len(aj.values)
			if ni*nj > pairLimit || ni <= 1 || nj <= 1 {
				continue
			}
			cells := make([]int64, ni*nj)
			for c, n := range t.count {
				cells[int(t.tuples[c*t.q+i])*nj+int(t.tuples[c*t.q+j])] += n
			}
			type cell struct {
				vi, vj uint32
				n      int64
			}
			var nz []cell
			for x, n := range cells {
				if n > 0 {
					nz = append(nz, cell{uint32(x / nj), uint32(x % nj), n})
				}
			}
			pb := pairBound{i: i, j: j, small: make([][]int64, len(ai.h.levels))}
			for li := range ai.h.levels {
				pb.small[li] = make([]int64, len(aj.h.levels))
				for lj := range aj.h.levels {
					mi, mj := len(ai.h.text[li]), len(aj.h.text[lj])
					lab := make([]int64, mi*mj)
					for _, c := range nz {
						lab[int(ai.h.label[li][c.vi])*mj+int(aj.h.label[lj][c.vj])] += c.n
					}
					for _, n := range lab {
						if n > 0 && n < int64(k) {
							pb.small[li][lj] += n
						}
					}
				}
			}
			out = append(out, pb)
		}
	}
	return out
}

// records is the number of records in the classes.
func (t *Table) records() int64 {
	var n int64
	for _, c := range t.count {
		n += c
	}
	return n
}

// baseLoss is the total NCP of node n before suppression.
func (s *searcher) baseLoss(n Node) float64 {
	var x float64
	for k, l := range n {
		x += s.lm0[k][l]
	}
	return x
}

// evaluate computes the partition of n from the cached partition under it
// with the fewest classes, and caches the result.
func (s *searcher) evaluate(n Node) *partition {
	s.evals++
	p := s.t.rollup(n, s.source(n), s.target.L > 0)
	s.remember(p)
	return p
}

// source returns the cached partition under n with the fewest classes
// (the finest partition is always cached).
func (s *searcher) source(n Node) *partition {
	var src *partition
	for _, p := range s.cache {
		if p.node.leq(n) && (src == nil || p.classes() < src.classes()) {
			src = p
		}
	}
	return src
}

// remember caches p, dropping the cached partition with the most classes
// (never the finest) when the cache is full.
func (s *searcher) remember(p *partition) {
	if len(s.cache) >= cacheLimit {
		worst := 1
		for i := 2; i < len(s.cache); i++ {
			if s.cache[i].classes() > s.cache[worst].classes() {
				worst = i
			}
		}
		s.cache = slices.Delete(s.cache, worst, worst+1)
	}
	s.cache = append(s.cache, p)
}

// suppression returns which classes of p must be suppressed to meet the
// target, how many records that is, and their NCP at p's node (left 0
// when the records are over the budget).
func (s *searcher) suppression(p *partition) (supp []bool, records int64, ncp float64) {
	t := s.t
	supp = make([]bool, p.classes())
	for j, n := range p.size {
		if n < int64(s.target.K) {
			supp[j] = true
		}
	}
	if s.target.L > 0 {
		for _, sc := range t.sens {
			distinct := sc.distinctPerClass(p)
			for j, d := range distinct {
				if d < s.target.L {
					supp[j] = true
				}
			}
		}
	}
	for j, out := range supp {
		if out {
			records += p.size[j]
		}
	}
	if records > s.budget {
		return supp, records, 0 // infeasible: the loss is not needed
	}
	for j, out := range supp {
		if !out {
			continue
		}
		c := p.repOf(j)
		for k, a := range t.attrs {
			l := p.node[k]
			ncp += float64(p.size[j]) * a.h.ncp[l][a.h.label[l][t.tuples[c*t.q+k]]]
		}
	}
	return supp, records, ncp
}

// distinctPerClass counts the distinct values of the column in each class
// of p (which must have assign).
func (sc *sensitiveColumn) distinctPerClass(p *partition) []int {
	out := make([]int, p.classes())
	order, start := p.members()
	stamp := make([]int32, len(sc.values))
	for i := range stamp {
		stamp[i] = -1
	}
	for j := range out {
		for _, c := range order[start[j]:start[j+1]] {
			for e := sc.off[c]; e < sc.off[c+1]; e++ {
				v := sc.vals[e]
				if stamp[v] != int32(j) {
					stamp[v] = int32(j)
					out[j]++
				}
			}
		}
	}
	return out
}

// lossOf returns the NCP share of a node given its suppression.
func (s *searcher) lossOf(n Node, suppRecords int64, suppNCP float64) float64 {
	q := float64(s.t.q)
	if s.n == 0 || q == 0 {
		return 0
	}
	return (s.baseLoss(n) - suppNCP + float64(suppRecords)*q) / (float64(s.n) * q)
}

// Search finds the generalization with the least information loss that
// reaches the target. The loss of a node is its normalized certainty
// penalty with suppressed records counted as fully generalized. Without
// suppression, that penalty is a sum of one term per quasi-identifier and
// level, computed from the marginals without touching the classes, and
// it grows with every generalization step; with suppression the true loss
// is never below it. So nodes are visited in increasing order of that
// bound (a linear extension of the lattice order), and the search stops
// at the first node whose bound is not below the best loss found: no later
// node can do better. Nodes are skipped without computing their classes
// when a node under them already met the target with no suppression
// (their loss is their bound, which is not lower), or when some single
// quasi-identifier has more records under labels rarer than K than the
// budget allows. Classes of a node are rolled up from the smallest
// evaluated partition under it, never from the input.
//
// Lattices of more than latticeLimit nodes are searched greedily: from
// the bottom, one step at a time, to the neighbour that suppresses the
// fewest records (then loses the least), until the target is met.
func (t *Table) Search(target Target) (SearchResult, error) {
	if !t.done {
		return SearchResult{}, fmt.Errorf("table not read")
	}
	if t.q == 0 {
		return SearchResult{}, ErrNoQI
	}
	if target.K < 1 {
		return SearchResult{}, fmt.Errorf("k must be at least 1, got %d", target.K)
	}
	if target.MaxSuppress < 0 || target.MaxSuppress > 1 {
		return SearchResult{}, fmt.Errorf("the suppression limit must be between 0 and 1, got %v", target.MaxSuppress)
	}
	s := t.newSearcher(target)
	if target.K > 1 {
		s.pairs = t.pairBounds(target.K)
	}
	dims := make([]int, t.q)
	total := 1
	for k, a := range t.attrs {
		dims[k] = len(a.h.levels)
		if total <= latticeLimit {
			total *= dims[k]
		}
	}
	if total > latticeLimit {
		res := s.greedy(dims)
		res.Lattice = total
		return res, nil
	}
	res := s.bestFirst(dims, total)
	return res, nil
}

func (s *searcher) bestFirst(dims []int, total int) SearchResult {
	stride := make([]int, len(dims))
	st := 1
	for k := range dims {
		stride[k] = st
		st *= dims[k]
	}
	decode := func(i int) Node {
		n := make(Node, len(dims))
		for k := range dims {
			n[k] = i / stride[k] % dims[k]
		}
		return n
	}
	bound := make([]float64, total)
	height := make([]int, total)
	order := make([]int, total)
	for i := range order {
		n := decode(i)
		bound[i] = s.baseLoss(n)
		for _, l := range n {
			height[i] += l
		}
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if bound[x] != bound[y] {
			return bound[x] < bound[y]
		}
		if height[x] != height[y] {
			return height[x] < height[y]
		}
		return x < y
	})
	res := SearchResult{Algorithm: "best-first over the full lattice, bounded by the loss before suppression", Lattice: total}
	dominated := make([]bool, total)
	best := math.Inf(1)
	scale := float64(s.n) * float64(s.t.q)
	const eps = 1e-12
	isDominated := func(i int, n Node) bool {
		for k := range dims {
			if n[k] > 0 && dominated[i-stride[k]] {
				return true
			}
		}
		return false
	}
	// Nodes are taken in order a few at a time and evaluated in parallel;
	// the results are then applied in order, exactly as one at a time
	// would (a node that an earlier result of the same batch makes
	// dominated, or whose bound the new best reaches, is dropped). At
	// worst a node is evaluated for nothing.
	workers := max(1, min(runtime.GOMAXPROCS(0), 2))
	scratches := []*scratch{&s.t.scratch}
	for len(scratches) < workers {
		scratches = append(scratches, &scratch{})
	}
	type job struct {
		i       int
		n       Node
		src     *partition
		p       *partition
		supp    int64
		suppNCP float64
	}
	stop := func(i int) bool { return scale > 0 && bound[i]/scale >= best-eps }
	for pos := 0; pos < len(order); {
		var jobs []*job
		for pos < len(order) && len(jobs) < workers && !stop(order[pos]) {
			i := order[pos]
			pos++
			n := decode(i)
			if isDominated(i, n) {
				dominated[i] = true
				continue
			}
			if s.marginalBound(n) > s.budget {
				continue
			}
			jobs = append(jobs, &job{i: i, n: n, src: s.source(n)})
		}
		if len(jobs) == 0 {
			break
		}
		var wg sync.WaitGroup
		for w, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				j.p = s.t.rollupWith(j.n, j.src, s.target.L > 0, scratches[w])
				_, j.supp, j.suppNCP = s.suppression(j.p)
			}()
		}
		wg.Wait()
		for w, j := range jobs {
			if w > 0 {
				if stop(j.i) {
					pos = len(order)
					break
				}
				if isDominated(j.i, j.n) {
					dominated[j.i] = true
					continue
				}
			}
			s.evals++
			s.remember(j.p)
			if j.supp > s.budget {
				continue
			}
			if j.supp == 0 {
				dominated[j.i] = true
			}
			if loss := s.lossOf(j.n, j.supp, j.suppNCP); loss < best-eps {
				best = loss
				res.Found, res.Node, res.Loss, res.Suppressed, res.part = true, j.n, loss, j.supp, j.p
			}
		}
	}
	res.Evaluated = s.evals
	return res
}

// marginalBound is a lower bound on the records node n must suppress: for
// some quasi-identifier or pair of them, the records whose labels alone
// are rarer than K (a class lies within one label of each).
func (s *searcher) marginalBound(n Node) int64 {
	var b int64
	for k, l := range n {
		b = max(b, s.small[k][l])
	}
	for _, p := range s.pairs {
		b = max(b, p.small[n[p.i]][n[p.j]])
	}
	return b
}

func (s *searcher) greedy(dims []int) SearchResult {
	res := SearchResult{Algorithm: "greedy bottom-up (lattice too large for the full search)"}
	n := make(Node, len(dims))
	for {
		p := s.evaluate(n)
		_, supp, suppNCP := s.suppression(p)
		if supp <= s.budget {
			res.Found, res.Node, res.Loss, res.Suppressed, res.part = true, slices.Clone(n), s.lossOf(n, supp, suppNCP), supp, p
			break
		}
		bestK, bestSupp, bestLoss := -1, int64(math.MaxInt64), math.Inf(1)
		for k := range dims {
			if n[k]+1 >= dims[k] {
				continue
			}
			n[k]++
			p := s.evaluate(n)
			_, supp, suppNCP := s.suppression(p)
			loss := s.lossOf(n, supp, suppNCP)
			if supp < bestSupp || supp == bestSupp && loss < bestLoss {
				bestK, bestSupp, bestLoss = k, supp, loss
			}
			n[k]--
		}
		if bestK < 0 {
			break
		}
		n[bestK]++
	}
	res.Evaluated = s.evals
	return res
}

// bruteForce evaluates every node and returns the least-loss one meeting
// the target, ties broken like the search (bound, height, index). Tests
// compare it with Search.
func (t *Table) bruteForce(target Target) SearchResult {
	s := t.newSearcher(target)
	dims := make([]int, t.q)
	total := 1
	for k, a := range t.attrs {
		dims[k] = len(a.h.levels)
		total *= dims[k]
	}
	type cand struct {
		n      Node
		loss   float64
		bound  float64
		height int
		idx    int
	}
	var best *cand
	for i := 0; i < total; i++ {
		n := make(Node, t.q)
		x, h := i, 0
		for k := range dims {
			n[k] = x % dims[k]
			x /= dims[k]
			h += n[k]
		}
		p := t.rollup(n, t.bottom(), target.L > 0)
		_, supp, suppNCP := s.suppression(p)
		if supp > s.budget {
			continue
		}
		c := cand{n, s.lossOf(n, supp, suppNCP), s.baseLoss(n), h, i}
		if best == nil || c.loss < best.loss-1e-12 ||
			math.Abs(c.loss-best.loss) <= 1e-12 && (c.bound < best.bound || c.bound == best.bound && (c.height < best.height || c.height == best.height && c.idx < best.idx)) {
			best = &c
		}
	}
	if best == nil {
		return SearchResult{Lattice: total, Evaluated: total}
	}
	return SearchResult{Found: true, Node: best.n, Loss: best.loss, Lattice: total, Evaluated: total}
}
