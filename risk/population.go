package risk

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/custos-project/custos/extract"
)

// population is a population table reduced to classes over the same
// quasi-identifiers (and value dictionaries) as the sample.
type population struct {
	index  tupleIndex
	tuples []uint32
	count  []int64
	rows   int64
	total  int64
}

// countColumns name a population table's weight column: the number of
// people a row stands for (an aggregated census table).
var countColumns = []string{"count", "n", "weight", "人数", "人口", "数量", "频数", "计数"}

// ReadPopulation reads a population table: rows of the population the
// sample was drawn from (or aggregated rows with a count column named
// count, n, weight, 人数, 人口, 数量, 频数 or 计数), with the sample's
// quasi-identifier columns by name. The journalist risk then uses the
// population class sizes instead of an estimate. It must be called before
// Search and Measure, and replaces any earlier population.
func (t *Table) ReadPopulation(ctx context.Context, r io.Reader, opt TableOptions) error {
	if t.q == 0 {
		return ErrNoQI
	}
	pop := &population{}
	rd := newRowReader(opt)
	weightCol := -1
	var colOf []int // sample column index → population column slot
	ready := false
	setup := func() error {
		ready = true
		rd.fixed = true
		for i, n := range rd.names {
			for _, c := range countColumns {
				if strings.EqualFold(strings.TrimSpace(n), c) {
					weightCol = i
				}
			}
		}
		colOf = make([]int, len(t.Columns))
		for i := range colOf {
			colOf[i] = -1
		}
		for _, a := range t.attrs {
			c := t.Columns[a.col]
			slot, ok := rd.slots[c.Name]
			if !ok {
				return fmt.Errorf("population table %s has no column %q", opt.Name, c.Name)
			}
			colOf[a.col] = slot
		}
		return nil
	}
	var remapped [][]byte
	var problem error
	rd.row = func(cells [][]byte) error {
		if !ready {
			if err := setup(); err != nil {
				return err
			}
		}
		if cap(remapped) < len(t.Columns) {
			remapped = make([][]byte, len(t.Columns))
		}
		remapped = remapped[:len(t.Columns)]
		for i, slot := range colOf {
			remapped[i] = nil
			if slot >= 0 && slot < len(cells) {
				remapped[i] = cells[slot]
			}
		}
		w := int64(1)
		if weightCol >= 0 {
			if weightCol >= len(cells) || cells[weightCol] == nil {
				return nil
			}
			x, err := strconv.ParseFloat(strings.TrimSpace(string(cells[weightCol])), 64)
			if err != nil || x < 0 || x > 1e12 || math.IsNaN(x) {
				if problem == nil {
					problem = fmt.Errorf("population table %s: bad count %q", opt.Name, cells[weightCol])
				}
				return nil
			}
			w = int64(math.Round(x))
		}
		pop.rows++
		pop.total += w
		t.classOf(remapped, &pop.index, &pop.tuples, &pop.count, w)
		return nil
	}
	// the attributes' counts describe the sample only
	type counts struct {
		unparsed, empty int64
		examples        []string
	}
	saved := make([]counts, len(t.attrs))
	for i, a := range t.attrs {
		saved[i] = counts{a.unparsed, a.empty, a.examples}
	}
	defer func() {
		for i, a := range t.attrs {
			a.unparsed, a.empty, a.examples = saved[i].unparsed, saved[i].empty, saved[i].examples
		}
	}()
	if err := rd.read(ctx, r); err != nil {
		return err
	}
	if !ready {
		return fmt.Errorf("population table %s is empty", opt.Name)
	}
	if problem != nil && opt.Problem != nil {
		opt.Problem(&extract.Problem{File: opt.Name, Msg: problem.Error()})
	}
	t.pop = pop
	t.rebuild()
	return nil
}

// rebuild recomputes the hierarchies after values were added (by a
// population table): value ids are stable, so the finest classes stay.
func (t *Table) rebuild() {
	for k, a := range t.attrs {
		a.h = buildHierarchy(a.kind, a.values)
		marg := make([]int64, len(a.values))
		for c, n := range t.count {
			marg[t.tuples[c*t.q+k]] += n
		}
		a.marg = marg
	}
}

// populationSizes returns, for each class of p, the number of population
// records in the same class at p's node (at least the class's own size).
func (t *Table) populationSizes(p *partition) []int64 {
	k := t.keyer(p.node)
	g := t.grouper(k, p.classes(), &t.scratch)
	q := t.q
	for j := range p.size {
		c := p.repOf(j)
		g.class(k, t.tuples[c*q:c*q+q], int32(j))
	}
	F := make([]int64, p.classes())
	for c, n := range t.pop.count {
		if j := g.lookup(k, t.pop.tuples[c*q:c*q+q]); j >= 0 {
			F[j] += n
		}
	}
	for j := range F {
		F[j] = max(F[j], p.size[j])
	}
	return F
}

// expectedInverse is E[1/F | f], the expected re-identification risk of a
// record in a sample class of size f when the sample was drawn with
// sampling fraction p (Benedetti & Franconi 1998, the individual risk of
// μ-ARGUS and sdcMicro): the population class size F is modelled as f
// plus a negative binomial count, P(F = h | f) = C(h-1, f-1) p^f (1-p)^(h-f).
// Closed forms for f = 1 and 2, the series for f ≤ 20 and the
// approximation p / (f - (1-p)) above.
func expectedInverse(f int64, p float64) float64 {
	if f <= 0 {
		return 0
	}
	if p >= 1 {
		return 1 / float64(f)
	}
	if p <= 0 {
		return 0
	}
	q := 1 - p
	lnInv := -math.Log(p)
	var r float64
	switch {
	case f == 1:
		r = p / q * lnInv
	case f == 2:
		r = p/q - (p/q)*(p/q)*lnInv
	case f <= 20:
		// t_h = (1/h) C(h-1, f-1) p^f q^(h-f), h ≥ f
		ff := float64(f)
		term := math.Pow(p, ff) / ff
		sum := 0.0
		for h := ff; h < ff+5e6; h++ {
			sum += term
			if term < 1e-15*sum && h > ff/p {
				break
			}
			term *= h / (h + 1) * h / (h - ff + 1) * q
		}
		r = sum
	default:
		r = p / (float64(f) - q)
	}
	return math.Min(math.Max(r, 0), 1/float64(f))
}
