package tagger

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Example is one training text. Spans are the gold entities in rune
// offsets; Annotated lists the heads this text's corpus annotates (a head
// not listed learns nothing from the text).
type Example struct {
	Text      []rune
	Spans     []Span
	Annotated []bool // indexed by head
}

// TrainOptions configures Train.
type TrainOptions struct {
	Heads   []string
	Lexicon Lexicon
	Epochs  int    // default 10
	Seed    uint64 // shuffling; the same seed gives the same model
	// MinCount drops features seen fewer times in the training texts
	// (default 2).
	MinCount int
	// Prune drops weight blocks whose largest averaged weight is below this
	// fraction of the head's largest weight (default 0.002).
	Prune float64
	// Progress, when set, is called after each epoch of each head with the
	// number of training errors (positions) in that epoch.
	Progress func(head string, epoch, errors, positions int)
}

// prepared is a training text with its feature contributions resolved:
// for position i, contrib[off[i]:off[i+1]] are weight-block indexes.
type prepared struct {
	n       int
	off     []int32
	contrib []int32
	gold    [][]uint8 // per head; nil when the head is not annotated
}

// Train learns a model from examples with the averaged structured
// perceptron, one head at a time.
func Train(examples []Example, opt TrainOptions) (*Model, error) {
	H := len(opt.Heads)
	if H == 0 || H > MaxHeads {
		return nil, fmt.Errorf("tagger: %d heads (1 to %d)", H, MaxHeads)
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	if opt.Prune <= 0 {
		opt.Prune = 0.002
	}
	lexName := ""
	if opt.Lexicon != nil {
		lexName = opt.Lexicon.Name()
	}
	// 1. count features, keep the frequent ones
	counts := map[uint64]int32{}
	kinds := map[uint64]uint8{}
	var s seq
	for _, ex := range examples {
		s.reset(ex.Text, opt.Lexicon)
		s.anchors(func(kind, j int, key uint64) {
			counts[key]++
			kinds[key] = uint8(kind)
		})
	}
	keys := make([]uint64, 0, len(counts))
	for k, c := range counts {
		if int(c) >= opt.MinCount || kinds[k] == kindBias {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	tab := newTable(len(keys))
	rowKind := make([]uint8, len(keys))
	rowBase := make([]int32, len(keys)+1) // first block of each row
	for r, k := range keys {
		tab.put(k, int32(r))
		rowKind[r] = kinds[k]
		rowBase[r+1] = rowBase[r] + int32(relCount[kinds[k]])
	}
	nBlocks := int(rowBase[len(keys)])
	// 2. resolve contributions and gold tags
	data := make([]prepared, len(examples))
	for x, ex := range examples {
		n := len(ex.Text)
		s.reset(ex.Text, opt.Lexicon)
		per := make([][]int32, n)
		s.anchors(func(kind, j int, key uint64) {
			r := tab.get(key)
			if r < 0 {
				return
			}
			for rel := 0; rel < relCount[kind]; rel++ {
				i := j + relFirst[kind] + rel
				if i >= 0 && i < n {
					per[i] = append(per[i], rowBase[r]+int32(rel))
				}
			}
		})
		p := prepared{n: n, off: make([]int32, n+1), gold: make([][]uint8, H)}
		for i := 0; i < n; i++ {
			p.contrib = append(p.contrib, per[i]...)
			p.off[i+1] = int32(len(p.contrib))
		}
		for h := 0; h < H; h++ {
			if h < len(ex.Annotated) && ex.Annotated[h] {
				p.gold[h] = goldTags(n, ex.Spans, h)
			}
		}
		data[x] = p
	}
	// 3. train each head
	m := &Model{heads: append([]string(nil), opt.Heads...), lexicon: lexName,
		trans: make([][numTags + 1][numTags]float32, H), scale: make([]float32, H)}
	avg := make([][]float32, H) // averaged weights per head, nBlocks*numTags
	for h := 0; h < H; h++ {
		w, tr := trainHead(data, h, nBlocks, opt)
		avg[h] = w
		m.trans[h] = tr
	}
	// 4. prune, quantize, pack
	m.tab = newTable(len(keys))
	var maxAbs = make([]float32, H)
	for h := range avg {
		for _, v := range avg[h] {
			if a := float32(math.Abs(float64(v))); a > maxAbs[h] {
				maxAbs[h] = a
			}
		}
		if maxAbs[h] == 0 {
			maxAbs[h] = 1
		}
		m.scale[h] = maxAbs[h] / 32767
	}
	m.rowStart = []int32{0}
	for r := range keys {
		var blocks []int16
		for h := 0; h < H; h++ {
			for rel := 0; rel < relCount[rowKind[r]]; rel++ {
				b := int(rowBase[r]+int32(rel)) * numTags
				ws := avg[h][b : b+numTags]
				big := false
				for _, v := range ws {
					if math.Abs(float64(v)) >= opt.Prune*float64(maxAbs[h]) {
						big = true
					}
				}
				if !big {
					continue
				}
				blocks = append(blocks, int16(h<<4|rel))
				for _, v := range ws {
					blocks = append(blocks, int16(math.Round(float64(v/m.scale[h]))))
				}
			}
		}
		if len(blocks) == 0 {
			continue
		}
		m.tab.put(keys[r], int32(len(m.rowKind)))
		m.rowKind = append(m.rowKind, rowKind[r])
		m.w = append(m.w, blocks...)
		m.rowStart = append(m.rowStart, int32(len(m.w)))
	}
	m.buildUni()
	return m, nil
}

// goldTags writes BIOES tags for head h's spans (longest first, no overlap).
func goldTags(n int, spans []Span, h int) []uint8 {
	tags := make([]uint8, n)
	var mine []Span
	for _, sp := range spans {
		if sp.Head == h && sp.Start >= 0 && sp.End <= n && sp.Start < sp.End {
			mine = append(mine, sp)
		}
	}
	sort.SliceStable(mine, func(i, j int) bool { return mine[i].End-mine[i].Start > mine[j].End-mine[j].Start })
	used := make([]bool, n)
	for _, sp := range mine {
		free := true
		for i := sp.Start; i < sp.End; i++ {
			if used[i] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for i := sp.Start; i < sp.End; i++ {
			used[i] = true
			tags[i] = tagI
		}
		if sp.End-sp.Start == 1 {
			tags[sp.Start] = tagS
		} else {
			tags[sp.Start], tags[sp.End-1] = tagB, tagE
		}
	}
	return tags
}

// trainHead runs the averaged perceptron for one head and returns the
// averaged emission weights and transitions.
func trainHead(data []prepared, h, nBlocks int, opt TrainOptions) ([]float32, [numTags + 1][numTags]float32) {
	w := make([]float32, nBlocks*numTags)
	u := make([]float64, nBlocks*numTags) // Σ c·Δ for averaging
	var tr [numTags + 1][numTags]float32
	var tu [numTags + 1][numTags]float64
	var idx []int
	for i := range data {
		if data[i].gold[h] != nil {
			idx = append(idx, i)
		}
	}
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(h)+1))
	c := 1.0
	var em []float32
	var pred []uint8
	var vit []float32
	var back []uint8
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		errors, positions := 0, 0
		for _, x := range idx {
			p := &data[x]
			gold := p.gold[h]
			n := p.n
			if n == 0 {
				continue
			}
			positions += n
			if cap(em) < n*numTags {
				em = make([]float32, n*numTags)
				vit = make([]float32, n*numTags)
				back = make([]uint8, n*numTags)
				pred = make([]uint8, n)
			}
			em, vit, back, pred = em[:n*numTags], vit[:n*numTags], back[:n*numTags], pred[:n]
			for i := 0; i < n; i++ {
				var e [numTags]float32
				for _, b := range p.contrib[p.off[i]:p.off[i+1]] {
					ws := w[int(b)*numTags : int(b)*numTags+numTags]
					for t := 0; t < numTags; t++ {
						e[t] += ws[t]
					}
				}
				copy(em[i*numTags:], e[:])
			}
			viterbi(em, &tr, n, vit, back, pred)
			wrong := false
			for i := 0; i < n; i++ {
				if pred[i] != gold[i] {
					wrong = true
					errors++
				}
			}
			if wrong {
				for i := 0; i < n; i++ {
					g, q := int(gold[i]), int(pred[i])
					if g != q {
						for _, b := range p.contrib[p.off[i]:p.off[i+1]] {
							w[int(b)*numTags+g]++
							u[int(b)*numTags+g] += c
							w[int(b)*numTags+q]--
							u[int(b)*numTags+q] -= c
						}
					}
					gp, qp := start, start
					if i > 0 {
						gp, qp = int(gold[i-1]), int(pred[i-1])
					}
					if gp != qp || g != q {
						tr[gp][g]++
						tu[gp][g] += c
						tr[qp][q]--
						tu[qp][q] -= c
					}
				}
			}
			c++
		}
		if opt.Progress != nil {
			opt.Progress(opt.Heads[h], epoch, errors, positions)
		}
	}
	out := make([]float32, len(w))
	for i := range w {
		out[i] = float32(float64(w[i]) - u[i]/c)
	}
	var avgTr [numTags + 1][numTags]float32
	for p := range tr {
		for q := range tr[p] {
			avgTr[p][q] = float32(float64(tr[p][q]) - tu[p][q]/c)
		}
	}
	return out, avgTr
}

// viterbi decodes one head's emissions (training path, float weights).
func viterbi(em []float32, tr *[numTags + 1][numTags]float32, n int, vit []float32, back []uint8, out []uint8) {
	inf := float32(math.Inf(-1))
	for i := 0; i < n; i++ {
		for c := 0; c < numTags; c++ {
			e := em[i*numTags+c]
			if i == 0 {
				if allowed[start][c] {
					vit[c] = e + tr[start][c]
				} else {
					vit[c] = inf
				}
				continue
			}
			best, arg := inf, 0
			for p := 0; p < numTags; p++ {
				if !allowed[p][c] {
					continue
				}
				if v := vit[(i-1)*numTags+p] + tr[p][c]; v > best {
					best, arg = v, p
				}
			}
			vit[i*numTags+c] = best + e
			back[i*numTags+c] = uint8(arg)
		}
	}
	best, arg := inf, tagO
	for _, c := range []int{tagO, tagE, tagS} {
		if v := vit[(n-1)*numTags+c]; v > best {
			best, arg = v, c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
}
