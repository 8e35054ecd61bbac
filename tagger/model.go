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

// MaxHeads is the most heads a model may have: a feature row holds a weight
// block per head and affected position, and the run-time table counts a
// row's blocks in eight bits.
const MaxHeads = (1<<slotCountBits - 1) / maxRel

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
	// quantum is the original weight units one lane unit stands for, and
	// qscale its score, scale times quantum (see setQuantum).
	quantum []float32
	qscale  []float32
	// bias is added to the O tag's score of each head at decoding: negative
	// values trade precision for recall (see SetBias).
	bias []float32
	// features
	tab      *table
	rowKind  []uint8
	rowStart []int32 // blocks of row r are w[rowStart[r]:rowStart[r+1]]
	w        []int16 // blocks of 1+numTags: header head<<4|rel, then weights
	// dense indexes straight to the blocks: unigrams of BMP runes, class
	// trigrams, lexicon bits, the bias; and spans for the hashed kinds
	uniSpan   []span
	classSpan []span
	lexSpan   [32]span
	// biasEm holds, per head, the bias row's weights of B, I, E and S
	// relative to O: the same at every position, so decode adds them
	// instead of accumulate.
	biasEm [][4]int32
	spans  spanTable
	// blocks holds the weight blocks of w ready to add (see add).
	blocks []block

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
	scores []int64
	back   []uint8
	tags   []uint8
	// for TagJoint
	joint   jointDecoder
	jointEm []float32
	jointHC []headConst
	heads   []int16
}

// buildUni builds the run-time indexes: the blocks with score offsets,
// then dense spans for unigrams of BMP runes, class trigrams, lexicon bits
// and the bias, and the span table for the hashed kinds.
func (m *Model) buildUni() {
	m.buildVec()
	m.uniSpan = make([]span, 0x10000)
	for r := range m.uniSpan {
		m.uniSpan[r] = m.rowSpan(m.tab.get(key2(kindUni, normRune(rune(r)), 0)))
	}
	m.classSpan = make([]span, numClasses*numClasses*numClasses)
	for a := 0; a < numClasses; a++ {
		for b := 0; b < numClasses; b++ {
			for c := 0; c < numClasses; c++ {
				m.classSpan[(a*numClasses+b)*numClasses+c] = m.rowSpan(m.tab.get(classKey(uint8(a), uint8(b), uint8(c))))
			}
		}
	}
	for b := range m.lexSpan {
		m.lexSpan[b] = m.rowSpan(m.tab.get(lexKey(b)))
	}
	m.biasEm = make([][4]int32, len(m.heads))
	bs := m.rowSpan(m.tab.get(biasKey))
	for b := bs.lo * vecBlock; b < bs.hi*vecBlock; b += vecBlock {
		w := m.w[b : b+vecBlock]
		h := int(w[0] >> 4)
		for t := tagB; t < numTags; t++ {
			m.biasEm[h][t-1] += int32(w[1+t]) - int32(w[1+tagO])
		}
	}
	for h := range m.biasEm {
		for t := range m.biasEm[h] {
			m.biasEm[h][t] = int32(math.Round(float64(m.biasEm[h][t]) / float64(m.quantum[h])))
		}
	}
}

// Tag finds the entities in text (runes) and appends them to dst. lex must
// be the lexicon the model was trained with (see Lexicon).
func (m *Model) Tag(text []rune, lex Lexicon, dst []Span) []Span {
	if len(text) == 0 {
		return dst
	}
	sc, scores := m.score(text, lex)
	defer m.pool.Put(sc)
	for h := range m.heads {
		dst = m.decode(sc, scores, len(text), h, dst)
	}
	return dst
}

// score takes a scratch from the pool (the caller puts it back) and fills
// its score matrix for text; scores are the rows of the text's positions.
func (m *Model) score(text []rune, lex Lexicon) (sc *scratch, scores []int64) {
	sc, _ = m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	n, H := len(text), len(m.heads)
	sc.seq.reset(text, lex)
	need := (n + 2*pad) * H * words
	if cap(sc.scores) < need {
		sc.scores = make([]int64, need)
	}
	all := sc.scores[:need]
	clear(all)
	m.accumulate(&sc.seq, n, all)
	return sc, all[pad*H*words : (n+pad)*H*words]
}

// pad positions on each side of the score matrix, so that features
// anchored near the ends need no bounds checks.
const pad = 4

// The score matrix holds, per position and head, the emission scores of
// B, I, E and S relative to O's (a shift common to every tag of a position
// changes no Viterbi path), as four int16 lanes of one int64 word: B + I<<16
// + E<<32 + S<<48. Lanes composed as signed sums add exactly with one 64-bit
// addition (a borrow out of a lane is part of the composition), so a block
// costs one addition; lanes splits a word back. The weights are quantized
// at load so that no sum leaves int16 (see buildVec).
const words = 1

// lanes splits a word of the score matrix into its four lanes.
func lanes(w int64) (b, i, e, s int32) {
	b = int32(int16(w))
	w = (w - int64(b)) >> 16
	i = int32(int16(w))
	w = (w - int64(i)) >> 16
	e = int32(int16(w))
	w = (w - int64(e)) >> 16
	return b, i, e, int32(w)
}

// rel returns head h's scores of B, I, E and S at position i of the score
// matrix, relative to O's, the bias row included, in lane units (times
// qscale[h] to compare with transitions).
func (m *Model) rel(scores []int64, i, h int) (e [4]int32) {
	k := (i*len(m.heads) + h) * words
	e[0], e[1], e[2], e[3] = lanes(scores[k])
	be := &m.biasEm[h]
	e[0] += be[0]
	e[1] += be[1]
	e[2] += be[2]
	e[3] += be[3]
	return e
}

// pack composes four lanes into a word.
func pack(b, i, e, s int32) int64 { return int64(b) + int64(i)<<16 + int64(e)<<32 + int64(s)<<48 }

// accumulate adds every anchored feature's weights into scores, which holds
// (n+2*pad) positions of len(heads)*words values; position i of the text
// is row i+pad. It is the run-time twin of seq.anchors (which training
// uses): the same features, looked up kind by kind so that the cheap ones
// come from small dense arrays and only bigrams and skip-grams go to the
// hash table. The bias, the same everywhere, is left to decode.
func (m *Model) accumulate(s *seq, n int, scores []int64) {
	r, cls := s.r, s.cls
	// Pass 1 looks up the rows of the hashed kinds for every anchor, pass 2
	// adds their blocks: the lookups of different anchors do not depend on
	// each other, so their cache misses overlap instead of queueing behind
	// the additions.
	need := 2 * (n + 4)
	if cap(s.hashed) < need {
		s.hashed = make([]span, need)
	}
	hs := s.hashed[:need]
	blocks := m.blocks
	var touch int64
	for j := -2; j < n+2; j++ {
		p := j + 2
		c := r[p]
		k := 2 * p
		var bi, skip span
		if p+1 < len(r) {
			bi = m.spans.get(key2(kindBi, c, r[p+1]))
		}
		if p+2 < len(r) {
			skip = m.spans.get(key2(kindSkip, c, r[p+2]))
		}
		hs[k], hs[k+1] = bi, skip
		// load the first block of each row now, so that pass 2 finds it in
		// the cache
		if bi.lo < bi.hi {
			touch ^= blocks[bi.lo].w
		}
		if skip.lo < skip.hi {
			touch ^= blocks[skip.lo].w
		}
		if c >= 0 && c < 0x10000 {
			if u := m.uniSpan[c]; u.lo < u.hi {
				touch ^= blocks[u.lo].w
			}
		}
	}
	s.touch = touch
	for j := -2; j < n+2; j++ {
		p := j + 2
		c := r[p]
		var sp span
		if c >= 0 && c < 0x10000 {
			sp = m.uniSpan[c]
		} else {
			sp = m.spans.get(key2(kindUni, c, 0))
		}
		m.add(sp, j+relFirst[kindUni], scores)
		m.add(hs[2*p], j+relFirst[kindBi], scores)
		m.add(hs[2*p+1], j+relFirst[kindSkip], scores)
		if p+2 < len(r) {
			m.add(m.classSpan[int(cls[p])*numClasses*numClasses+int(cls[p+1])*numClasses+int(cls[p+2])], j+relFirst[kindClass], scores)
		}
		if j >= 0 && j < n {
			for mk, b := s.marks[j], 0; mk != 0; mk, b = mk>>1, b+1 {
				if mk&1 != 0 {
					m.add(m.lexSpan[b], j+relFirst[kindLex], scores)
				}
			}
		}
	}
}

// add adds the weight blocks blocks[sp.lo:sp.hi] to the score rows from
// position base on; the padding around the matrix makes bounds checks
// unnecessary.
func (m *Model) add(sp span, base int, scores []int64) {
	o := (base + pad) * len(m.heads) * words
	for _, b := range m.blocks[sp.lo:sp.hi] {
		scores[o+int(b.off)] += b.w
	}
}

// A block is the weights one feature row gives one head at one position
// (relative to the row's first): the offset of its word in that stretch of
// the score matrix, and the weights of B, I, E and S minus O's, quantized
// into the four int16 lanes of one word (see setQuantum), ready to add.
type block struct {
	w   int64
	off int32
}

// span locates a feature row's blocks in Model.blocks.
type span struct{ lo, hi int32 }

// vecBlock is the size of a stored block in Model.w: a header and the
// weights of O, B, I, E and S.
const vecBlock = 1 + numTags

// spanTable maps the keys of the hashed feature kinds (bigrams, skip-grams,
// unigrams outside the BMP) straight to their blocks: one probe, one cache
// line, then the blocks. A slot is one word: the key's high 32 bits (its
// low bits choose the slot), the first block and the block count; eight
// slots share a cache line and the whole table stays within a core's L2
// cache, which the lookups of every character hit at random.
type spanTable struct {
	slots []uint64
	mask  uint64
}

const (
	slotCountBits = 8
	slotBlockBits = 24
)

func slotFingerprint(key uint64) uint64 { return (key>>32 | 1) << 32 }

func (t *spanTable) get(key uint64) span {
	fp := slotFingerprint(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^(1<<32-1) == fp {
			lo := int32(s >> slotCountBits & (1<<slotBlockBits - 1))
			return span{lo, lo + int32(s&(1<<slotCountBits-1))}
		}
		if s == 0 {
			return span{}
		}
	}
}

// put files a row's span under key.
func (t *spanTable) put(key uint64, sp span) {
	s := slotFingerprint(key) | uint64(sp.lo)<<slotCountBits | uint64(sp.hi-sp.lo)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		if t.slots[i] == 0 {
			t.slots[i] = s
			return
		}
	}
}

// rowSpan locates the blocks of a row (in Model.blocks, and times
// vecBlock in Model.w).
func (m *Model) rowSpan(row int32) span {
	if row < 0 {
		return span{}
	}
	return span{m.rowStart[row] / vecBlock, m.rowStart[row+1] / vecBlock}
}

// buildVec turns the stored blocks (header head<<4|rel, then int16
// weights) into run-time blocks: the offset of their word in the score
// matrix, relative to the row's first affected position, and the weights
// relative to O, quantized and packed into lanes.
func (m *Model) buildVec() {
	HW := len(m.heads) * words
	m.setQuantum()
	m.blocks = make([]block, len(m.w)/vecBlock)
	for i := range m.blocks {
		w := m.w[i*vecBlock : (i+1)*vecBlock]
		hdr, wo := w[0], int32(w[1+tagO])
		q := float64(m.quantum[hdr>>4])
		lane := func(t int) int32 { return int32(math.Round(float64(int32(w[1+t])-wo) / q)) }
		m.blocks[i] = block{
			off: int32(int(hdr&15)*HW + int(hdr>>4)*words),
			w:   pack(lane(tagB), lane(tagI), lane(tagE), lane(tagS)),
		}
	}
	hashed := 0
	for _, k := range m.rowKind {
		if k == kindBi || k == kindSkip || k == kindUni {
			hashed++
		}
	}
	size := 1
	for size*5 < hashed*8 { // load factor at most 5/8
		size <<= 1
	}
	m.spans = spanTable{slots: make([]uint64, size), mask: uint64(size - 1)}
	for i, k := range m.tab.keys {
		if k == 0 {
			continue
		}
		switch m.rowKind[m.tab.rows[i]] {
		case kindBi, kindSkip, kindUni:
			m.spans.put(k, m.rowSpan(m.tab.rows[i]))
		}
	}
}

// decode runs Viterbi for head h and appends its spans. BIOES allows few
// transitions: O, B and S follow O, E, S (or the start); I and E follow B
// and I. The recursion is written out for exactly those.
func (m *Model) decode(sc *scratch, scores []int64, n, h int, dst []Span) []Span {
	scale := m.qscale[h]
	tr := &m.trans[h]
	ob := float32(0)
	if m.bias != nil {
		ob = m.bias[h]
	}
	if cap(sc.back) < n*numTags {
		sc.back = make([]uint8, n*numTags)
	}
	back := sc.back[:n*numTags]
	// rel written out: it is not inlined, and this is the hot loop
	H, be := len(m.heads), m.biasEm[h]
	em := func(i int) (o, b, in, e, s float32) {
		lb, li, le, ls := lanes(scores[(i*H+h)*words])
		return ob, float32(lb+be[0]) * scale, float32(li+be[1]) * scale, float32(le+be[2]) * scale, float32(ls+be[3]) * scale
	}
	inf := float32(math.Inf(-1))
	eo, eb, _, _, es := em(0)
	vO, vB, vI, vE, vS := eo+tr[start][tagO], eb+tr[start][tagB], inf, inf, es+tr[start][tagS]
	for i := 1; i < n; i++ {
		eo, eb, ei, ee, es := em(i)
		bk := back[i*numTags : i*numTags+numTags : i*numTags+numTags]
		// from the outside tags O, E, S
		best3 := func(to int) (float32, uint8) {
			v, a := vO+tr[tagO][to], uint8(tagO)
			if x := vE + tr[tagE][to]; x > v {
				v, a = x, tagE
			}
			if x := vS + tr[tagS][to]; x > v {
				v, a = x, tagS
			}
			return v, a
		}
		// from the inside tags B, I
		best2 := func(to int) (float32, uint8) {
			v, a := vB+tr[tagB][to], uint8(tagB)
			if x := vI + tr[tagI][to]; x > v {
				v, a = x, tagI
			}
			return v, a
		}
		o, ao := best3(tagO)
		b, ab := best3(tagB)
		s, as := best3(tagS)
		in, ai := best2(tagI)
		e, ae := best2(tagE)
		bk[tagO], bk[tagB], bk[tagS], bk[tagI], bk[tagE] = ao, ab, as, ai, ae
		vO, vB, vI, vE, vS = o+eo, b+eb, in+ei, e+ee, s+es
	}
	arg := tagO
	best := vO
	if vE > best {
		best, arg = vE, tagE
	}
	if vS > best {
		arg = tagS
	}
	if cap(sc.tags) < n {
		sc.tags = make([]uint8, n)
	}
	tags := sc.tags[:n]
	for i := n - 1; i >= 0; i-- {
		tags[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
	return m.appendSpans(dst, scores, tags, nil, h)
}

// appendSpans appends the entities of a tag sequence: S spans and B…E
// runs, of head h, or of heads[i] when heads is given.
func (m *Model) appendSpans(dst []Span, scores []int64, tags []uint8, heads []int16, h int) []Span {
	n := len(tags)
	for i := 0; i < n; i++ {
		if heads != nil {
			h = int(heads[i])
		}
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
func (m *Model) margin(scores []int64, n, h, a, b int, tags []uint8) float64 {
	var sum float64
	for i := a; i < b; i++ {
		if t := tags[i]; t != tagO {
			sum += float64(m.rel(scores, i, h)[t-tagB]) * float64(m.qscale[h])
		}
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

// SetBias sets the score added to head h's O tag at decoding; a negative
// bias makes the head find more entities. It returns the model for
// chaining and must be called before the model is shared.
func (m *Model) SetBias(h int, bias float32) *Model {
	if m.bias == nil {
		m.bias = make([]float32, len(m.heads))
	}
	m.bias[h] = bias
	return m
}

// setQuantum chooses, per head, the quantum of the run-time lanes: the
// largest weight relative to O divided by the most any one weight may be
// so that the sum at a position stays inside int16 however many features
// meet there (every anchored kind's rows, and one row per lexicon bit that
// has weights), and qscale, the score of one lane unit.
func (m *Model) setQuantum() {
	H := len(m.heads)
	m.quantum = make([]float32, H)
	m.qscale = make([]float32, H)
	maxRel := make([]int32, H)
	for b := 0; b+vecBlock <= len(m.w); b += vecBlock {
		w := m.w[b : b+vecBlock]
		h := int(w[0] >> 4)
		for t := tagB; t < numTags; t++ {
			d := int32(w[1+t]) - int32(w[1+tagO])
			maxRel[h] = max(maxRel[h], d, -d)
		}
	}
	terms := 0
	for k := 0; k < numKinds; k++ {
		if k != kindLex && k != kindBias {
			terms += relCount[k]
		}
	}
	for b := range m.lexSpan {
		if m.tab.get(lexKey(b)) >= 0 {
			terms += relCount[kindLex]
		}
	}
	limit := float64(math.MaxInt16-1) / float64(terms+1)
	for h := range m.quantum {
		q := float64(maxRel[h]) / limit
		if q < 1 {
			q = 1
		}
		m.quantum[h] = float32(q)
		m.qscale[h] = m.scale[h] * float32(q)
	}
}
