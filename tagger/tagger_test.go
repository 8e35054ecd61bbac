package tagger

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// toy data: names are 张/李/王 + one or two characters before 说.
func toyExamples() []Example {
	var exs []Example
	names := []string{"张三", "李四", "王小明", "张伟", "李娜", "王芳", "张建国", "李秀英"}
	tails := []string{"说今天下雨了。", "认为这个办法好。", "表示同意。"}
	for i := 0; i < 60; i++ {
		n := names[i%len(names)]
		text := "据报道，" + n + tails[i%len(tails)]
		r := []rune(text)
		s := len([]rune("据报道，"))
		exs = append(exs, Example{Text: r, Spans: []Span{{Start: s, End: s + len([]rune(n)), Head: 0}}, Annotated: []bool{true, false}})
	}
	// a text for head 1 only; head 0 must not learn from it
	for i := 0; i < 20; i++ {
		text := "他在北京工作，张三不在。"
		exs = append(exs, Example{Text: []rune(text), Spans: []Span{{Start: 2, End: 4, Head: 1}}, Annotated: []bool{false, true}})
	}
	return exs
}

func TestTrainTagRoundTrip(t *testing.T) {
	m, err := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := m.TagString("据报道，王伟说明天开会。", nil)
	if len(got) != 1 || got[0].Head != 0 || got[0].Start != len("据报道，") || got[0].End != len("据报道，王伟") {
		t.Errorf("spans %+v", got)
	}
	if got[0].Score <= 0 || got[0].Score >= 1 {
		t.Errorf("score %v", got[0].Score)
	}
	// serialization round trip gives the same tags
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"据报道，王伟说明天开会。", "他在北京工作。", "", "李"} {
		a, b := m.TagString(s, nil), m2.TagString(s, nil)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: %v vs %v after Load", s, a, b)
		}
	}
	data2, _ := m2.MarshalBinary()
	if !bytes.Equal(data, data2) {
		t.Error("marshal(load(marshal(m))) differs from marshal(m)")
	}
}

func TestTrainDeterministic(t *testing.T) {
	a, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 3, Seed: 7})
	b, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 3, Seed: 7})
	da, _ := a.MarshalBinary()
	db, _ := b.MarshalBinary()
	if !bytes.Equal(da, db) {
		t.Error("the same seed gave different models")
	}
}

type fakeLex struct{ name string }

func (l fakeLex) Name() string { return l.name }
func (l fakeLex) Mark(text []rune, marks []uint32) {
	for i, r := range text {
		if strings.ContainsRune("张李王", r) {
			marks[i] = 1
		}
	}
}

func TestLexiconMismatch(t *testing.T) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 2, Lexicon: fakeLex{"a/1"}})
	data, _ := m.MarshalBinary()
	if _, err := Load(data, fakeLex{"b/1"}); err == nil || !strings.Contains(err.Error(), "a/1") {
		t.Errorf("err %v", err)
	}
	if _, err := Load(data, fakeLex{"a/1"}); err != nil {
		t.Error(err)
	}
}

func TestBIOESConstraints(t *testing.T) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 3})
	for _, s := range []string{"张", "张三说", "据报道，张三说今天下雨了。张三说", strings.Repeat("李四说。", 50)} {
		for _, sp := range m.TagString(s, nil) {
			if sp.Start >= sp.End || sp.End > len(s) {
				t.Errorf("%q: bad span %+v", s, sp)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 1})
	data, _ := m.MarshalBinary()
	f.Add(data)
	f.Add([]byte{})
	f.Add([]byte("CUSTAG2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(b, nil)
		if err == nil {
			m.TagString("据报道，王伟说明天开会。", nil)
		}
	})
}

func FuzzTag(f *testing.F) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 2})
	f.Add("据报道，王伟说明天开会。")
	f.Add("\xff\xfe张")
	f.Fuzz(func(t *testing.T, s string) {
		spansOK(t, s, m.TagString(s, nil), len(s), false)
		rs := []rune(s)
		spansOK(t, s, m.TagJoint(rs, nil, nil), len(rs), true)
	})
}

// spansOK checks that spans are inside [0, n), non-empty, and, when
// disjoint is set, in order and non-overlapping.
func spansOK(t *testing.T, s string, spans []Span, n int, disjoint bool) {
	t.Helper()
	for i, sp := range spans {
		if sp.Start < 0 || sp.Start >= sp.End || sp.End > n {
			t.Fatalf("%q: span %+v", s, sp)
		}
		if disjoint && i > 0 && spans[i-1].End > sp.Start {
			t.Fatalf("%q: spans %+v and %+v overlap", s, spans[i-1], sp)
		}
	}
}

func TestTagJoint(t *testing.T) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 5, Seed: 1})
	text := []rune("据报道，王伟说明天开会。")
	got := m.TagJoint(text, nil, nil)
	if len(got) != 1 || got[0].Head != 0 || got[0].Start != 4 || got[0].End != 6 {
		t.Errorf("spans %+v", got)
	}
	for _, s := range []string{"", "张", "他在北京工作，张三不在。", strings.Repeat("李四说。北京", 40)} {
		rs := []rune(s)
		spansOK(t, s, m.TagJoint(rs, nil, nil), len(rs), true)
	}
}

// TestTagJointIsBest compares the joint decoder with brute force: over
// every tagging in which each position is outside or in one head's
// entity, the best sum of the heads' chain scores. The toy model's
// weights and transitions are replaced by random ones, so that every tag
// and transition gets its turn.
func TestTagJointIsBest(t *testing.T) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 2, Seed: 3})
	m.SetBias(1, -0.5)
	rng := rand.New(rand.NewPCG(1, 2))
	for b := 0; b+vecBlock <= len(m.w); b += vecBlock {
		for k := 1; k < vecBlock; k++ {
			m.w[b+k] = int16(rng.IntN(4001) - 2000)
		}
	}
	m.buildUni()
	for h := range m.trans {
		for p := range m.trans[h] {
			for c := range m.trans[h][p] {
				m.trans[h][p][c] = float32(rng.NormFloat64())
			}
		}
		m.qscale[h] = 1.0 / 1000
		for t := range m.biasEm[h] {
			m.biasEm[h][t] = int32(rng.IntN(2001) - 1000)
		}
	}
	H := len(m.heads)
	texts := []string{"张三说", "在北京张", "王北京工作", "李四在北京", "张", "据报道，"}
	for i := 0; i < 40; i++ {
		rs := []rune("据报道张三李四在北京工作说。")
		rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		texts = append(texts, string(rs[:1+rng.IntN(5)]))
	}
	tagsSeen := map[int]bool{}
	for _, s := range texts {
		text := []rune(s)
		n := len(text)
		var sq seq
		sq.reset(text, nil)
		all := make([]int64, (n+2*pad)*H*words)
		m.accumulate(&sq, n, all)
		scores := all[pad*H*words : (n+pad)*H*words]
		emit := func(i, h, tag int) float64 {
			ob := float64(m.bias[h])
			if tag == tagO {
				return ob
			}
			lb, li, le, ls := lanes(scores[(i*H+h)*words])
			v := [...]int32{0, lb, li, le, ls}[tag] + m.biasEm[h][tag-1]
			return float64(float32(v) * m.qscale[h])
		}
		S := 1 + 4*H
		states := make([]int, n)
		best, bestSpans := math.Inf(-1), []Span(nil)
		var walk func(i int)
		walk = func(i int) {
			if i < n {
				for st := 0; st < S; st++ {
					states[i] = st
					walk(i + 1)
				}
				return
			}
			total := 0.0
			for h := 0; h < H; h++ {
				prev := start
				for i := 0; i < n; i++ {
					tag := tagO
					if st := states[i]; st > 0 && (st-1)/4 == h {
						tag = tagB + (st-1)%4
					}
					if !allowed[prev][tag] {
						return
					}
					total += float64(m.trans[h][prev][tag]) + emit(i, h, tag)
					prev = tag
				}
				if prev == tagB || prev == tagI {
					return
				}
			}
			if total > best+1e-4 {
				best = total
				bestSpans = nil
				for i := 0; i < n; i++ {
					st := states[i]
					if st == 0 {
						continue
					}
					h, tag := (st-1)/4, tagB+(st-1)%4
					tagsSeen[tag] = true
					if tag == tagB || tag == tagS {
						j := i
						for tag != tagS && tagB+(states[j]-1)%4 != tagE {
							j++
						}
						bestSpans = append(bestSpans, Span{Start: i, End: j + 1, Head: h})
					}
				}
			}
		}
		walk(0)
		got := m.TagJoint(text, nil, nil)
		if len(got) != len(bestSpans) {
			t.Fatalf("%q: joint %+v, brute force %+v", s, got, bestSpans)
		}
		for i := range got {
			if got[i].Start != bestSpans[i].Start || got[i].End != bestSpans[i].End || got[i].Head != bestSpans[i].Head {
				t.Errorf("%q: joint %+v, brute force %+v", s, got, bestSpans)
			}
		}
	}
	if len(tagsSeen) != 4 {
		t.Errorf("the best paths used only tags %v of B, I, E, S", tagsSeen)
	}
}

func TestTooManyHeads(t *testing.T) {
	heads := make([]string, MaxHeads+1)
	for i := range heads {
		heads[i] = fmt.Sprint("h", i)
	}
	if _, err := Train(toyExamples(), TrainOptions{Heads: heads, Epochs: 1}); err == nil || !strings.Contains(err.Error(), "heads") {
		t.Errorf("err %v", err)
	}
}

// everyMark is a lexicon that sets every mark on every character.
type everyMark struct{}

func (everyMark) Name() string { return "every-mark" }
func (everyMark) Mark(text []rune, marks []uint32) {
	for i := range marks {
		marks[i] = ^uint32(0)
	}
}

// TestLanesDoNotOverflow gives every weight block its largest possible
// value relative to O, of one sign and then the other, and checks that the
// packed sums at every position come apart into lanes of that sign: the
// quantum keeps every int16 lane from overflowing however many features
// meet at a position.
func TestLanesDoNotOverflow(t *testing.T) {
	for _, sign := range []int16{1, -1} {
		m, err := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Lexicon: everyMark{}, Epochs: 2, Seed: 1, Prune: 1e-9})
		if err != nil {
			t.Fatal(err)
		}
		for b := 0; b+vecBlock <= len(m.w); b += vecBlock {
			m.w[b+1+tagO] = -sign * math.MaxInt16
			for tg := tagB; tg < numTags; tg++ {
				m.w[b+1+tg] = sign * math.MaxInt16
			}
		}
		m.buildUni()
		text := []rune("张三李四在北京工作，张三说北京")
		n, H := len(text), len(m.heads)
		var sq seq
		sq.reset(text, everyMark{})
		all := make([]int64, (n+2*pad)*H*words)
		m.accumulate(&sq, n, all)
		scores := all[pad*H*words : (n+pad)*H*words]
		peak := int32(0)
		for i := 0; i < n; i++ {
			for h := 0; h < H; h++ {
				b, in, e, s := lanes(scores[(i*H+h)*words])
				for _, v := range []int32{b, in, e, s} {
					if v*int32(sign) < 0 {
						t.Fatalf("sign %d: position %d head %d lanes %d %d %d %d: overflow", sign, i, h, b, in, e, s)
					}
					peak = max(peak, v*int32(sign))
				}
			}
		}
		if peak < math.MaxInt16/4 {
			t.Errorf("sign %d: largest lane %d: the test did not come near the limit", sign, peak)
		}
	}
}
