package eval

import (
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// Predictor returns the predicted spans of a text: byte offsets into text
// (End exclusive) with a Custos type as Label.
type Predictor func(text string) []Span

// Counts are the matching outcomes of one type in one matching mode.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision is TP / (TP + FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), 0 when there is no gold.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// MarshalJSON adds precision, recall and F1 (rounded to 4 places) to the
// counts.
func (c Counts) MarshalJSON() ([]byte, error) {
	round := func(x float64) float64 { return math.Round(x*1e4) / 1e4 }
	type counts Counts // without this method
	return json.Marshal(struct {
		counts
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}{counts(c), round(c.Precision()), round(c.Recall()), round(c.F1())})
}

// TypeScore is the score of one Custos type.
type TypeScore struct {
	Type string `json:"type"`
	// Gold counts the gold spans counted under Type; Pred the predictions
	// labelled Type. A prediction that matches a gold span accepting
	// several types is a true positive of the gold span's first type, so
	// Pred need not equal TP+FP when a mapping has alternatives.
	Gold    int    `json:"gold"`
	Pred    int    `json:"pred"`
	Exact   Counts `json:"exact"`
	Overlap Counts `json:"overlap"`
}

func (s *TypeScore) add(o TypeScore) {
	s.Gold += o.Gold
	s.Pred += o.Pred
	s.Exact.add(o.Exact)
	s.Overlap.add(o.Overlap)
}

// Report is the result of one evaluation.
type Report struct {
	Corpus string `json:"corpus,omitempty"`
	Docs   int    `json:"docs"`
	// Bytes is the size of the texts, for throughput.
	Bytes int `json:"bytes"`
	// Elapsed is the time spent in the predictor.
	Elapsed time.Duration `json:"elapsed_ns"`
	// Threshold is Options.Threshold, recorded with the scores it produced.
	Threshold float64 `json:"threshold,omitempty"`
	// Invalid counts predictions that were dropped because they were empty,
	// out of the text or split a character: bugs in the predictor.
	Invalid int `json:"invalid,omitempty"`
	// Types holds every scored type with gold spans or predictions, sorted.
	Types []TypeScore `json:"types"`
	// Total sums all types: the micro average.
	Total TypeScore `json:"total"`
	// PerMB counts the predictions of every type, scored or not, per MB
	// (10^6 bytes) of text: the rate of findings a corpus that does not
	// annotate a type still shows (false addresses in news prose …).
	PerMB map[string]float64 `json:"per_mb,omitempty"`
}

// Options adjust an evaluation.
type Options struct {
	// Corpus names the corpus in the report.
	Corpus string
	// Types restricts scoring to these types (intersected with the types the
	// mapping scores); empty scores them all. A type also selects its kinds
	// ("date" selects "date:onset", see KindLabel).
	Types []string
	// Threshold is the score threshold the predictor was run with. Evaluate
	// only records it.
	Threshold float64
	// Sparse lists types annotated document by document: a document with no
	// gold span of such a type is not scored for it (its predictions of the
	// type are ignored). See DefaultSparse.
	Sparse []string
	// Observe, when set, is called for every scored gold span and prediction,
	// in document order, to list errors while tuning.
	Observe func(Outcome)
}

// Outcome is the fate of one scored gold span or prediction.
type Outcome struct {
	Doc *Doc
	// Gold is true for a gold span (Span.Label is the corpus label), false
	// for a prediction.
	Gold bool
	Span Span
	// Type is the type the span is counted under.
	Type string
	// Exact and Overlap tell whether the span was matched in each mode.
	Exact, Overlap bool
}

// goldSpan is a gold span that takes part in scoring.
type goldSpan struct {
	Span
	accept []string // scored types it accepts, the first counted
}

func (g goldSpan) accepts(t string) bool { return slices.Contains(g.accept, t) }

// KindLabel is the label under which a predictor also reports a finding
// of type t and kind k (the finding's "kind" attribute): "date:onset" for a
// date of symptom onset. A mapping may target it where a corpus marks only
// that kind of its type.
func KindLabel(t, k string) string { return t + ":" + k }

// Evaluate runs p over docs, maps gold labels with m and scores the
// predictions. Only types that m maps some label to are scored (see
// Options.Types); predictions of other types are ignored, since the corpus
// does not annotate them. See the package documentation for the matching
// rules.
func Evaluate(docs []Doc, m Mapping, p Predictor, opt Options) Report {
	scored := map[string]bool{}
	for _, t := range m.Targets() {
		base, _, _ := strings.Cut(t, ":")
		if len(opt.Types) == 0 || slices.Contains(opt.Types, t) || slices.Contains(opt.Types, base) {
			scored[t] = true
		}
	}
	owner := owners(m, scored)
	r := Report{Corpus: opt.Corpus, Docs: len(docs), Threshold: opt.Threshold}
	scores := map[string]*TypeScore{}
	score := func(t string) *TypeScore {
		s := scores[t]
		if s == nil {
			s = &TypeScore{Type: t}
			scores[t] = s
		}
		return s
	}
	var gold []goldSpan
	var pred []Span
	counts := map[string]int{}
	for i := range docs {
		d := &docs[i]
		r.Bytes += len(d.Text)

		gold = gold[:0]
		for _, g := range d.Gold {
			var accept []string
			for _, t := range m.Types(g.Label) {
				if scored[t] {
					accept = append(accept, t)
				}
			}
			if accept != nil {
				gold = append(gold, goldSpan{g, accept})
			}
		}
		// A repeated gold span could never be matched twice.
		slices.SortFunc(gold, func(a, b goldSpan) int { return compareSpans(a.Span, b.Span) })
		gold = slices.CompactFunc(gold, func(a, b goldSpan) bool { return a.Span == b.Span })

		start := time.Now()
		out := p(d.Text)
		r.Elapsed += time.Since(start)
		pred = pred[:0]
		var unmarked []string // sparse types this document does not annotate
		for _, t := range opt.Sparse {
			if !slices.ContainsFunc(gold, func(g goldSpan) bool { return g.accepts(t) }) {
				unmarked = append(unmarked, t)
			}
		}
		for _, s := range out {
			counts[s.Label]++
			if !scored[s.Label] || slices.Contains(unmarked, s.Label) {
				continue
			}
			if checkByteSpan(d.Text, s) != nil {
				r.Invalid++
				continue
			}
			pred = append(pred, s)
		}
		slices.SortFunc(pred, compareSpans)

		exactG, exactP := matchExact(gold, pred)
		overG, overP := matchOverlap(gold, pred)
		for j, g := range gold {
			s := score(g.accept[0])
			s.Gold++
			count(&s.Exact, exactG[j] >= 0, true)
			count(&s.Overlap, overG[j] >= 0, true)
			if opt.Observe != nil {
				opt.Observe(Outcome{Doc: d, Gold: true, Span: g.Span, Type: g.accept[0], Exact: exactG[j] >= 0, Overlap: overG[j] >= 0})
			}
		}
		for j, pr := range pred {
			t := pr.Label
			if o := owner[t]; o != "" {
				t = o
			}
			s := score(t)
			s.Pred++
			// A matched prediction's true positive was counted with its gold.
			count(&s.Exact, exactP[j] >= 0, false)
			count(&s.Overlap, overP[j] >= 0, false)
			if opt.Observe != nil {
				opt.Observe(Outcome{Doc: d, Span: pr, Type: pr.Label, Exact: exactP[j] >= 0, Overlap: overP[j] >= 0})
			}
		}
	}
	if r.Bytes > 0 {
		r.PerMB = map[string]float64{}
		for t, n := range counts {
			if !strings.Contains(t, ":") { // kinds are counted with their type
				r.PerMB[t] = float64(n) * 1e6 / float64(r.Bytes)
			}
		}
	}
	r.Total.Type = "all"
	for _, t := range slices.Sorted(maps.Keys(scores)) {
		s := *scores[t]
		r.Types = append(r.Types, s)
		r.Total.add(s)
	}
	return r
}

// owners returns the types whose predictions are counted under another
// type: a type that no gold label counts under, only accepted besides one
// type by every label that accepts it (masked_name beside person_name for a
// corpus's names, the rest of an address beside place), has its
// predictions counted with that type, so that its false positives count
// against the label it is scored for.
func owners(m Mapping, scored map[string]bool) map[string]string {
	first := map[string]bool{}
	cand := map[string]map[string]bool{}
	for _, label := range slices.Sorted(maps.Keys(m)) {
		var ts []string
		for _, t := range m.Types(label) {
			if scored[t] {
				ts = append(ts, t)
			}
		}
		if len(ts) == 0 {
			continue
		}
		first[ts[0]] = true
		for _, t := range ts[1:] {
			if cand[t] == nil {
				cand[t] = map[string]bool{}
			}
			cand[t][ts[0]] = true
		}
	}
	out := map[string]string{}
	for t, fs := range cand {
		if first[t] || len(fs) != 1 {
			continue
		}
		for f := range fs {
			out[t] = f
		}
	}
	return out
}

// count records a gold span (TP or FN) or an unmatched prediction (FP).
func count(c *Counts, matched, gold bool) {
	switch {
	case gold && matched:
		c.TP++
	case gold:
		c.FN++
	case !matched:
		c.FP++
	}
}

// matchExact pairs gold spans and predictions with the same offsets and an
// accepted type, preferring a gold span counted under the prediction's own
// type. It returns, for each gold span and each prediction, the index of
// its partner or -1.
func matchExact(gold []goldSpan, pred []Span) (g2p, p2g []int) {
	g2p, p2g = fill(len(gold)), fill(len(pred))
	for j, p := range pred {
		best := -1
		for i, g := range gold {
			if g2p[i] >= 0 || g.Start != p.Start || g.End != p.End || !g.accepts(p.Label) {
				continue
			}
			if best < 0 || g.accept[0] == p.Label && gold[best].accept[0] != p.Label {
				best = i
			}
		}
		if best >= 0 {
			g2p[best], p2g[j] = j, best
		}
	}
	return g2p, p2g
}

// matchOverlap pairs gold spans and predictions that share at least one
// byte and agree on the type, greedily: the pair sharing the most bytes
// first, then pairs where the prediction has the gold span's counted type,
// then document order.
func matchOverlap(gold []goldSpan, pred []Span) (g2p, p2g []int) {
	g2p, p2g = fill(len(gold)), fill(len(pred))
	type pair struct {
		g, p, shared int
		primary      bool
	}
	var pairs []pair
	for i, g := range gold {
		for j, p := range pred {
			if p.Start >= g.End {
				break // pred is sorted by start
			}
			if shared := min(g.End, p.End) - max(g.Start, p.Start); shared > 0 && g.accepts(p.Label) {
				pairs = append(pairs, pair{i, j, shared, g.accept[0] == p.Label})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(b.shared, a.shared); c != 0 {
			return c
		}
		if a.primary != b.primary {
			if a.primary {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.g, b.g); c != 0 {
			return c
		}
		return cmp.Compare(a.p, b.p)
	})
	for _, pr := range pairs {
		if g2p[pr.g] < 0 && p2g[pr.p] < 0 {
			g2p[pr.g], p2g[pr.p] = pr.p, pr.g
		}
	}
	return g2p, p2g
}

func fill(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}
