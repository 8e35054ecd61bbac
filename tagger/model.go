package tagger

import (
	"math"
	"sync"
)

// BIOES tags of one head.
const (
	tagO = iota
	tagB
	tagI
	tagE
	tagS
	numTags
)

// start is the transition row for the first position.
const start = numTags

// allowed[prev][cur] is false for transitions BIOES forbids.
var allowed = func() (a [numTags + 1][numTags]bool) {
	for p := 0; p <= numTags; p++ {
		for c := 0; c < numTags; c++ {
			inside := p == tagB || p == tagI
			cont := c == tagI || c == tagE
			a[p][c] = inside == cont
		}
	}
	return
}()

// Span is a tagged entity: rune offsets [Start, End) and its head.
type Span struct {
	Start, End int
	Head       int
	// Score is the mean emission margin of the span's tags over the best
	// competing tag, squashed to (0, 1): a confidence for the finding.
	Score float64
}

// Model is a trained tagger. It is immutable and safe for concurrent use.
type Model struct {
	heads   []string
	lexicon string
	// per head
	trans [][numTags + 1][numTags]float32
	scale []float32
	// features
	tab      *table
	rowKind  []uint8
	rowStart []int32 // blocks of row r are w[rowStart[r]:rowStart[r+1]]
	w        []int16 // blocks of 1+numTags: header head<<4|rel, then weights
	uniRow   []int32 // BMP rune → row of its unigram, -1 if none

	pool sync.Pool
}

// Heads returns the class names of the model's heads.
func (m *Model) Heads() []string { return append([]string(nil), m.heads...) }

// Lexicon returns the name of the lexicon the model was trained with.
func (m *Model) Lexicon() string { return m.lexicon }

// Features returns the number of feature rows and weight blocks.
func (m *Model) Features() (rows, blocks int) { return len(m.rowKind), len(m.w) / (1 + numTags) }

type scratch struct {
	seq    seq
	scores []int32
	vit    []float32
	back   []uint8
	tags   []uint8
}

// buildUni fills the dense unigram index for BMP runes.
func (m *Model) buildUni() {
	m.uniRow = make([]int32, 0x10000)
	for r := range m.uniRow {
		m.uniRow[r] = m.tab.get(key2(kindUni, normRune(rune(r)), 0))
	}
}

// Tag finds the entities in text (runes) and appends them to dst. lex must
// be the lexicon the model was trained with (see Lexicon).
func (m *Model) Tag(text []rune, lex Lexicon, dst []Span) []Span {
	n := len(text)
	if n == 0 {
		return dst
	}
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer m.pool.Put(sc)
	H := len(m.heads)
	sc.seq.reset(text, lex)
	need := n * H * numTags
	if cap(sc.scores) < need {
		sc.scores = make([]int32, need)
	}
	scores := sc.scores[:need]
	clear(scores)
	m.accumulate(&sc.seq, n, scores)
	for h := 0; h < H; h++ {
		dst = m.decode(sc, scores, n, h, dst)
	}
	return dst
}

// accumulate adds every anchored feature's weights into scores.
func (m *Model) accumulate(s *seq, n int, scores []int32) {
	H := len(m.heads)
	w := m.w
	s.anchors(func(kind, j int, key uint64) {
		var row int32
		if kind == kindUni {
			r := s.r[j+2]
			if r >= 0 && r < 0x10000 {
				row = m.uniRow[r]
			} else {
				row = m.tab.get(key)
			}
		} else {
			row = m.tab.get(key)
		}
		if row < 0 {
			return
		}
		base := j + relFirst[kind]
		for b := m.rowStart[row]; b < m.rowStart[row+1]; b += 1 + numTags {
			hdr := w[b]
			i := base + int(hdr&15)
			if i < 0 || i >= n {
				continue
			}
			o := (i*H + int(hdr>>4)) * numTags
			sc := scores[o : o+numTags : o+numTags]
			sc[0] += int32(w[b+1])
			sc[1] += int32(w[b+2])
			sc[2] += int32(w[b+3])
			sc[3] += int32(w[b+4])
			sc[4] += int32(w[b+5])
		}
	})
}

// decode runs Viterbi for head h and appends its spans.
func (m *Model) decode(sc *scratch, scores []int32, n, h int, dst []Span) []Span {
	H := len(m.heads)
	scale := m.scale[h]
	tr := &m.trans[h]
	if cap(sc.vit) < n*numTags {
		sc.vit = make([]float32, n*numTags)
		sc.back = make([]uint8, n*numTags)
	}
	vit, back := sc.vit[:n*numTags], sc.back[:n*numTags]
	inf := float32(math.Inf(-1))
	for i := 0; i < n; i++ {
		em := scores[(i*H+h)*numTags : (i*H+h)*numTags+numTags]
		for c := 0; c < numTags; c++ {
			e := float32(em[c]) * scale
			if i == 0 {
				if allowed[start][c] {
					vit[c] = e + tr[start][c]
				} else {
					vit[c] = inf
				}
				continue
			}
			best, arg := inf, 0
			prev := vit[(i-1)*numTags : i*numTags]
			for p := 0; p < numTags; p++ {
				if !allowed[p][c] {
					continue
				}
				if v := prev[p] + tr[p][c]; v > best {
					best, arg = v, p
				}
			}
			vit[i*numTags+c] = best + e
			back[i*numTags+c] = uint8(arg)
		}
	}
	// the last tag must close any entity
	last := vit[(n-1)*numTags:]
	best, arg := inf, tagO
	for _, c := range []int{tagO, tagE, tagS} {
		if last[c] > best {
			best, arg = last[c], c
		}
	}
	if cap(sc.tags) < n {
		sc.tags = make([]uint8, n)
	}
	tags := sc.tags[:n]
	for i := n - 1; i >= 0; i-- {
		tags[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
	for i := 0; i < n; i++ {
		switch tags[i] {
		case tagS:
			dst = append(dst, Span{Start: i, End: i + 1, Head: h, Score: m.margin(scores, n, h, i, i+1, tags)})
		case tagB:
			j := i + 1
			for j < n && tags[j] != tagE {
				j++
			}
			if j < n {
				dst = append(dst, Span{Start: i, End: j + 1, Head: h, Score: m.margin(scores, n, h, i, j+1, tags)})
			}
			i = j
		}
	}
	return dst
}

// margin is the mean, over the span, of the emission score of the chosen tag
// minus the O tag's, squashed into (0, 1) by a logistic.
func (m *Model) margin(scores []int32, n, h, a, b int, tags []uint8) float64 {
	H := len(m.heads)
	var sum float64
	for i := a; i < b; i++ {
		em := scores[(i*H+h)*numTags:]
		sum += float64(em[tags[i]]-em[tagO]) * float64(m.scale[h])
	}
	x := sum / float64(b-a)
	return 1 / (1 + math.Exp(-x/4))
}

// TagString is Tag for a string, returning byte offsets.
func (m *Model) TagString(s string, lex Lexicon) []Span {
	runes := make([]rune, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i, r := range s {
		runes = append(runes, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	spans := m.Tag(runes, lex, nil)
	for i := range spans {
		spans[i].Start, spans[i].End = offs[spans[i].Start], offs[spans[i].End]
	}
	return spans
}
