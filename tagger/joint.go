package tagger

import "math"

// TagJoint finds entities like Tag, but decodes all heads at once under
// the constraint that a position belongs to at most one head's entity:
// the one path that maximizes the sum of every head's own chain score
// (emissions and transitions, each head O where another head's entity
// lies). It suits models whose heads partition a text, such as the levels
// of an address (a character is a city or a road, never both), where
// decoding the heads one by one yields overlapping spans to arbitrate.
// Spans come in text order; Score is the head's margin as in Tag.
func (m *Model) TagJoint(text []rune, lex Lexicon, dst []Span) []Span {
	if len(text) == 0 {
		return dst
	}
	sc, scores := m.score(text, lex)
	defer m.pool.Put(sc)
	return m.decodeJoint(sc, scores, len(text), dst)
}

// Joint states: 0 is O (every head outside), 1+4h+k is tag B, I, E, S
// (k = 0..3) of head h.
func jointState(h, tag int) int { return 1 + 4*h + tag - tagB }

// decodeJoint is the Viterbi of TagJoint over the model's quantized
// scores; see jointViterbi.
func (m *Model) decodeJoint(sc *scratch, scores []int64, n int, dst []Span) []Span {
	H := len(m.heads)
	if cap(sc.jointEm) < n*H*jointTags {
		sc.jointEm = make([]float32, n*H*jointTags)
	}
	em := sc.jointEm[:n*H*jointTags]
	for i := 0; i < n; i++ {
		for h := 0; h < H; h++ {
			x := m.rel(scores, i, h)
			scale := m.qscale[h]
			ob := float32(0)
			if m.bias != nil {
				ob = m.bias[h]
			}
			e := em[(i*H+h)*jointTags : (i*H+h+1)*jointTags : (i*H+h+1)*jointTags]
			for t := range e {
				e[t] = float32(x[t])*scale - ob
			}
		}
	}
	if cap(sc.jointHC) < H {
		sc.jointHC = make([]headConst, H)
	}
	hc := sc.jointHC[:H]
	for h := range hc {
		hc[h] = constsOf(&m.trans[h])
	}
	if cap(sc.tags) < n {
		sc.tags = make([]uint8, n)
	}
	if cap(sc.heads) < n {
		sc.heads = make([]int16, n)
	}
	tags, heads := sc.tags[:n], sc.heads[:n]
	sc.joint.run(n, H, em, hc, tags, heads)
	return m.appendSpans(dst, scores, tags, heads, 0)
}

// jointTags are the tags of a head inside an entity: B, I, E, S.
const jointTags = 4

// headConst holds a head's transitions relative to staying outside
// (O→O, or start→O at the first position).
type headConst struct {
	oB, oS, eO, sO, eB, eS, sB, sS, bI, bE, iI, iE float32
	stB, stS                                       float32
}

func constsOf(tr *[numTags + 1][numTags]float32) headConst {
	oo := tr[tagO][tagO]
	d := func(p, c int) float32 { return tr[p][c] - oo }
	return headConst{
		oB: d(tagO, tagB), oS: d(tagO, tagS),
		eO: d(tagE, tagO), sO: d(tagS, tagO),
		eB: d(tagE, tagB), eS: d(tagE, tagS), sB: d(tagS, tagB), sS: d(tagS, tagS),
		bI: d(tagB, tagI), bE: d(tagB, tagE), iI: d(tagI, tagI), iE: d(tagI, tagE),
		stB: tr[start][tagB] - tr[start][tagO], stS: tr[start][tagS] - tr[start][tagO],
	}
}

// jointDecoder holds the buffers of jointViterbi.
type jointDecoder struct {
	v    []float32
	back []uint16
}

// run finds the best joint path. em holds, per position and head, the
// emissions of B, I, E and S relative to the head's O; hc the heads'
// transitions relative to O→O. It writes each position's tag and head
// (tagO and -1 outside every entity). Path scores are relative to the
// all-O path: a head inside an entity contributes its emission and
// transitions relative to staying outside, so heads that stay outside
// contribute nothing, and the best path maximizes the sum of every head's
// own chain score under the constraint.
func (d *jointDecoder) run(n, H int, em []float32, hc []headConst, tags []uint8, heads []int16) {
	S := 1 + 4*H
	if cap(d.v) < 2*S {
		d.v = make([]float32, 2*S)
	}
	v, nv := d.v[:S], d.v[S:2*S]
	if cap(d.back) < n*S {
		d.back = make([]uint16, n*S)
	}
	back := d.back[:n*S]
	inf := float32(math.Inf(-1))
	v[0] = 0
	for h := 0; h < H; h++ {
		e := em[h*jointTags : (h+1)*jointTags]
		v[jointState(h, tagB)] = e[0] + hc[h].stB
		v[jointState(h, tagI)] = inf
		v[jointState(h, tagE)] = inf
		v[jointState(h, tagS)] = e[3] + hc[h].stS
	}
	for i := 1; i < n; i++ {
		bk := back[i*S : (i+1)*S]
		// the best way to leave an entity, and the best by another head
		// than the first's
		best1, best2 := inf, inf
		arg1, arg2, head1 := 0, 0, -1
		for h := 0; h < H; h++ {
			x, a := v[jointState(h, tagE)]+hc[h].eO, jointState(h, tagE)
			if y := v[jointState(h, tagS)] + hc[h].sO; y > x {
				x, a = y, jointState(h, tagS)
			}
			if x > best1 {
				best2, arg2 = best1, arg1
				best1, arg1, head1 = x, a, h
			} else if x > best2 {
				best2, arg2 = x, a
			}
		}
		nv[0], bk[0] = v[0], 0
		if best1 > nv[0] {
			nv[0], bk[0] = best1, uint16(arg1)
		}
		for h := 0; h < H; h++ {
			c := &hc[h]
			e := em[(i*H+h)*jointTags : (i*H+h+1)*jointTags : (i*H+h+1)*jointTags]
			sB, sI, sE, sS := jointState(h, tagB), jointState(h, tagI), jointState(h, tagE), jointState(h, tagS)
			// from outside every entity, or from another head's end
			out, aOut := v[0], 0
			if head1 != h {
				if best1 > out {
					out, aOut = best1, arg1
				}
			} else if best2 > out {
				out, aOut = best2, arg2
			}
			// B and S: from outside, or right after this head's own E or S
			x, a := out+c.oB, aOut
			if y := v[sE] + c.eB; y > x {
				x, a = y, sE
			}
			if y := v[sS] + c.sB; y > x {
				x, a = y, sS
			}
			nv[sB], bk[sB] = x+e[0], uint16(a)
			x, a = out+c.oS, aOut
			if y := v[sE] + c.eS; y > x {
				x, a = y, sE
			}
			if y := v[sS] + c.sS; y > x {
				x, a = y, sS
			}
			nv[sS], bk[sS] = x+e[3], uint16(a)
			// I and E: from this head's B or I
			x, a = v[sB]+c.bI, sB
			if y := v[sI] + c.iI; y > x {
				x, a = y, sI
			}
			nv[sI], bk[sI] = x+e[1], uint16(a)
			x, a = v[sB]+c.bE, sB
			if y := v[sI] + c.iE; y > x {
				x, a = y, sI
			}
			nv[sE], bk[sE] = x+e[2], uint16(a)
		}
		v, nv = nv, v
	}
	// the path ends outside or at the end of an entity
	arg, best := 0, v[0]
	for h := 0; h < H; h++ {
		for _, t := range [2]int{tagE, tagS} {
			if x := v[jointState(h, t)]; x > best {
				best, arg = x, jointState(h, t)
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		if arg == 0 {
			tags[i], heads[i] = tagO, -1
		} else {
			tags[i], heads[i] = uint8(tagB+(arg-1)%4), int16((arg-1)/4)
		}
		arg = int(back[i*S+arg])
	}
}
