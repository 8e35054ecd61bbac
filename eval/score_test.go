package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// fixed returns a predictor that answers from a table keyed by text.
func fixed(preds map[string][]Span) Predictor {
	return func(text string) []Span { return preds[text] }
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCountsMetrics(t *testing.T) {
	tests := []struct {
		c       Counts
		p, r, f float64
	}{
		{Counts{}, 0, 0, 0},
		{Counts{TP: 1, FP: 1, FN: 1}, 0.5, 0.5, 0.5},
		{Counts{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35},
		{Counts{FP: 4}, 0, 0, 0},
		{Counts{TP: 2}, 1, 1, 1},
	}
	for _, tt := range tests {
		if !near(tt.c.Precision(), tt.p) || !near(tt.c.Recall(), tt.r) || !near(tt.c.F1(), tt.f) {
			t.Errorf("%+v: P/R/F1 = %v/%v/%v, want %v/%v/%v", tt.c, tt.c.Precision(), tt.c.Recall(), tt.c.F1(), tt.p, tt.r, tt.f)
		}
	}
}

// score finds a type's row in a report.
func score(t *testing.T, r Report, typ string) TypeScore {
	t.Helper()
	for _, s := range r.Types {
		if s.Type == typ {
			return s
		}
	}
	t.Fatalf("no row for %s in %+v", typ, r.Types)
	return TypeScore{}
}

func TestEvaluateExactAndOverlap(t *testing.T) {
	// 0         1         2
	// 0123456789012345678901234
	// aaaa bbbb cccc dddd eeee
	text := "aaaa bbbb cccc dddd eeee"
	docs := []Doc{{ID: "1", Text: text, Gold: []Span{{0, 4, "X"}, {5, 9, "X"}, {10, 14, "Y"}, {15, 19, "Z"}}}}
	m := Mapping{"X": "t1", "Y": "t2", "Z": ""}
	p := fixed(map[string][]Span{text: {
		{0, 4, "t1"},           // exact
		{5, 8, "t1"},           // overlap only
		{20, 24, "t2"},         // false positive
		{15, 19, "t1"},         // Z is ignored: a false positive of t1
		{0, 4, "mobile_phone"}, // not annotated by this corpus: ignored
		{10, 14, "not_scored"}, // ignored too, although it has Y's offsets
	}})
	r := Evaluate(docs, m, p, Options{Corpus: "toy"})

	t1 := score(t, r, "t1")
	if t1.Gold != 2 || t1.Pred != 3 {
		t.Errorf("t1 gold/pred = %d/%d, want 2/3", t1.Gold, t1.Pred)
	}
	if t1.Exact != (Counts{TP: 1, FP: 2, FN: 1}) || t1.Overlap != (Counts{TP: 2, FP: 1, FN: 0}) {
		t.Errorf("t1 exact %+v overlap %+v", t1.Exact, t1.Overlap)
	}
	if !near(t1.Exact.Precision(), 1.0/3) || !near(t1.Exact.Recall(), 0.5) || !near(t1.Exact.F1(), 0.4) {
		t.Errorf("t1 exact P/R/F1 = %v/%v/%v, want 1/3, 1/2, 2/5", t1.Exact.Precision(), t1.Exact.Recall(), t1.Exact.F1())
	}
	if !near(t1.Overlap.Precision(), 2.0/3) || !near(t1.Overlap.Recall(), 1) || !near(t1.Overlap.F1(), 0.8) {
		t.Errorf("t1 overlap P/R/F1 = %v/%v/%v, want 2/3, 1, 4/5", t1.Overlap.Precision(), t1.Overlap.Recall(), t1.Overlap.F1())
	}
	t2 := score(t, r, "t2")
	if t2.Exact != (Counts{FP: 1, FN: 1}) || t2.Overlap != (Counts{FP: 1, FN: 1}) {
		t.Errorf("t2 exact %+v overlap %+v", t2.Exact, t2.Overlap)
	}
	if len(r.Types) != 2 {
		t.Errorf("scored types %+v, want only t1 and t2", r.Types)
	}
	want := TypeScore{Type: "all", Gold: 3, Pred: 4, Exact: Counts{TP: 1, FP: 3, FN: 2}, Overlap: Counts{TP: 2, FP: 2, FN: 1}}
	if r.Total != want {
		t.Errorf("total %+v, want %+v", r.Total, want)
	}
	if r.Docs != 1 || r.Bytes != len(text) || r.Corpus != "toy" {
		t.Errorf("report header %+v", r)
	}
}

func TestEvaluateAlternatives(t *testing.T) {
	text := "G1234 CA1378 京A12345"
	docs := []Doc{{Text: text, Gold: []Span{{0, 5, "V"}, {6, 12, "V"}, {13, len(text), "V"}}}}
	m := Mapping{"V": "train_number|flight_number"}
	p := fixed(map[string][]Span{text: {
		{0, 5, "train_number"},
		{6, 12, "flight_number"},             // matches, counted under train_number
		{13, len(text), "license_plate"},     // not an accepted type, and not scored
		{13, len(text) - 1, "flight_number"}, // exact: a false positive; overlap: matches the plate's gold span
	}})
	r := Evaluate(docs, m, p, Options{})
	// flight_number is only ever accepted beside train_number: its
	// predictions, false positives included, count under train_number
	train := score(t, r, "train_number")
	if train.Gold != 3 || train.Pred != 3 || train.Exact != (Counts{TP: 2, FP: 1, FN: 1}) || train.Overlap != (Counts{TP: 3}) {
		t.Errorf("train_number %+v", train)
	}
	if len(r.Types) != 1 {
		t.Errorf("rows %+v, want train_number only", r.Types)
	}
	// P = TP/(TP+FP) over all types: exact 2/3, overlap 3/3.
	if !near(r.Total.Exact.Precision(), 2.0/3) || !near(r.Total.Overlap.Precision(), 1) || !near(r.Total.Exact.Recall(), 2.0/3) {
		t.Errorf("total %+v", r.Total)
	}

	// Restricting to flight_number leaves the gold spans counted under it.
	r = Evaluate(docs, m, p, Options{Types: []string{"flight_number"}})
	if len(r.Types) != 1 || r.Types[0].Gold != 3 || r.Types[0].Exact != (Counts{TP: 1, FP: 1, FN: 2}) || r.Types[0].Overlap != (Counts{TP: 2, FN: 1}) {
		t.Errorf("restricted to flight_number: %+v", r.Types)
	}
}

func TestEvaluateGreedyOverlap(t *testing.T) {
	text := "0123456789"
	tests := []struct {
		name      string
		gold      []Span
		pred      []Span
		overlapTP int
		matched   []Span // predictions matched in overlap mode
	}{
		{"largest overlap wins", []Span{{0, 10, "X"}}, []Span{{0, 3, "t"}, {2, 10, "t"}}, 1, []Span{{2, 10, "t"}}},
		{"one prediction, two golds", []Span{{0, 5, "X"}, {5, 10, "X"}}, []Span{{3, 10, "t"}}, 1, []Span{{3, 10, "t"}}},
		{"duplicate prediction is a false positive", []Span{{0, 5, "X"}}, []Span{{0, 5, "t"}, {0, 5, "t"}}, 1, []Span{{0, 5, "t"}}},
		{"touching is not overlapping", []Span{{0, 5, "X"}}, []Span{{5, 10, "t"}}, 0, nil},
		{"two golds, two predictions crosswise", []Span{{0, 4, "X"}, {4, 10, "X"}}, []Span{{0, 6, "t"}, {6, 10, "t"}}, 2, []Span{{0, 6, "t"}, {6, 10, "t"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var matched []Span
			r := Evaluate([]Doc{{Text: text, Gold: tt.gold}}, Mapping{"X": "t"}, fixed(map[string][]Span{text: tt.pred}), Options{
				Observe: func(o Outcome) {
					if !o.Gold && o.Overlap {
						matched = append(matched, o.Span)
					}
				},
			})
			if r.Total.Overlap.TP != tt.overlapTP {
				t.Errorf("overlap %+v, want %d TP", r.Total.Overlap, tt.overlapTP)
			}
			if !slices.Equal(matched, tt.matched) {
				t.Errorf("matched %v, want %v", matched, tt.matched)
			}
		})
	}
}

func TestEvaluateInvalidPredictions(t *testing.T) {
	text := "电话"
	p := fixed(map[string][]Span{text: {{-1, 3, "t"}, {0, 7, "t"}, {1, 3, "t"}, {3, 3, "t"}, {0, 3, "t"}, {0, 99, "other"}}})
	r := Evaluate([]Doc{{Text: text, Gold: []Span{{0, 3, "X"}}}}, Mapping{"X": "t"}, p, Options{Threshold: 0.5})
	if r.Invalid != 4 || r.Total.Exact != (Counts{TP: 1}) || r.Threshold != 0.5 {
		t.Errorf("got %+v", r)
	}
}

func TestEvaluateObserve(t *testing.T) {
	text := "aaaa bbbb"
	docs := []Doc{{ID: "d", Text: text, Gold: []Span{{0, 4, "X"}, {5, 9, "X"}}}}
	var got []Outcome
	Evaluate(docs, Mapping{"X": "t"}, fixed(map[string][]Span{text: {{0, 4, "t"}, {6, 9, "t"}}}), Options{Observe: func(o Outcome) {
		if o.Doc != &docs[0] {
			t.Errorf("outcome doc %p, want %p", o.Doc, &docs[0])
		}
		o.Doc = nil
		got = append(got, o)
	}})
	want := []Outcome{
		{Gold: true, Span: Span{0, 4, "X"}, Type: "t", Exact: true, Overlap: true},
		{Gold: true, Span: Span{5, 9, "X"}, Type: "t", Exact: false, Overlap: true},
		{Span: Span{0, 4, "t"}, Type: "t", Exact: true, Overlap: true},
		{Span: Span{6, 9, "t"}, Type: "t", Exact: false, Overlap: true},
	}
	if !slices.Equal(got, want) {
		t.Errorf("outcomes\n got %+v\nwant %+v", got, want)
	}
}

// TestEvaluateInvariants checks, on random spans, what must hold whatever
// the matching: gold = TP + FN, overlap finds at least what exact finds,
// and a perfect predictor scores 1.
func TestEvaluateInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := "abcdefghijklmnopqrstuvwxyz0123456789"
	types := []string{"a", "b", "c"}
	randSpans := func(n int, labels []string) []Span {
		var s []Span
		for range n {
			start := rng.IntN(len(text) - 1)
			s = append(s, Span{start, start + 1 + rng.IntN(min(6, len(text)-start)), labels[rng.IntN(len(labels))]})
		}
		return s
	}
	m := Mapping{"A": "a", "B": "b", "C": "c"}
	for i := range 500 {
		gold := randSpans(rng.IntN(8), []string{"A", "B", "C"})
		pred := randSpans(rng.IntN(8), types)
		docs := []Doc{{Text: text, Gold: gold}}
		r := Evaluate(docs, m, fixed(map[string][]Span{text: pred}), Options{})
		for _, s := range append(r.Types, r.Total) {
			for _, c := range []Counts{s.Exact, s.Overlap} {
				if c.TP+c.FN != s.Gold || c.TP+c.FP != s.Pred {
					t.Fatalf("case %d %s: %+v does not add up to gold %d pred %d", i, s.Type, c, s.Gold, s.Pred)
				}
			}
			if s.Overlap.TP < s.Exact.TP {
				t.Fatalf("case %d %s: overlap TP %d < exact TP %d", i, s.Type, s.Overlap.TP, s.Exact.TP)
			}
		}
		perfect := m.Apply(docs)[0].Gold
		r = Evaluate(docs, m, fixed(map[string][]Span{text: perfect}), Options{})
		if len(perfect) > 0 && (r.Total.Exact.F1() != 1 || r.Total.Overlap.F1() != 1) {
			t.Fatalf("case %d: perfect predictor scores %+v", i, r.Total)
		}
	}
}

// TestEvaluateKinds: a mapping may score a kind of a type (date:onset);
// --types date selects it, and kinds are not listed among the unscored
// types found per MB.
func TestEvaluateKinds(t *testing.T) {
	docs := []Doc{{Text: "1月2日发病，1月5日到超市", Gold: []Span{{Start: 0, End: 8, Label: "DATE"}}}}
	p := fixed(map[string][]Span{docs[0].Text: {
		{Start: 0, End: 8, Label: "date"}, {Start: 0, End: 8, Label: KindLabel("date", "onset")},
		{Start: 18, End: 26, Label: "date"},
	}})
	m := Mapping{"DATE": KindLabel("date", "onset")}
	for _, types := range [][]string{nil, {"date"}, {"date:onset"}} {
		r := Evaluate(docs, m, p, Options{Types: types})
		s := score(t, r, "date:onset")
		if s.Exact.TP != 1 || s.Exact.FP != 0 || s.Exact.FN != 0 {
			t.Errorf("types %v: %+v", types, s.Exact)
		}
		if _, ok := r.PerMB["date:onset"]; ok || r.PerMB["date"] == 0 {
			t.Errorf("types %v: per MB %v", types, r.PerMB)
		}
	}
	if r := Evaluate(docs, m, p, Options{Types: []string{"place"}}); len(r.Types) != 0 {
		t.Errorf("--types place scored %v", r.Types)
	}
}

// TestOwners: a type is counted under another only when it is never a
// label's own type and always accepted beside the same one.
func TestOwners(t *testing.T) {
	for _, tt := range []struct {
		m    Mapping
		want string
	}{
		{Mapping{"A": "x|y"}, "map[y:x]"},
		{Mapping{"A": "x|y", "B": "y"}, "map[]"},   // y is B's own type
		{Mapping{"A": "x|z", "B": "w|z"}, "map[]"}, // z beside two types
		{Mapping{"A": "x|y", "B": "x|y|z"}, "map[y:x z:x]"},
	} {
		scored := map[string]bool{}
		for _, ty := range tt.m.Targets() {
			scored[ty] = true
		}
		if got := fmt.Sprint(owners(tt.m, scored)); got != tt.want {
			t.Errorf("%v: owners %s, want %s", tt.m, got, tt.want)
		}
	}
}
