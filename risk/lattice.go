package risk

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// Node is a point of the generalization lattice: a level for each
// quasi-identifier, in the order of Table.QuasiIdentifiers. The zero node
// is the data as given; a node generalizes another when none of its levels
// is lower.
type Node []int

// leq reports whether a is a specialization of (or equal to) b.
func (a Node) leq(b Node) bool {
	for i := range a {
		if a[i] > b[i] {
			return false
		}
	}
	return true
}

// partition is the equivalence classes of the table at one node.
type partition struct {
	node Node
	rep  []int32 // per class: one finest class in it (nil: the identity)
	size []int64
	// assign maps each finest class to its class; nil unless asked for.
	assign []int32
}

func (p *partition) classes() int { return len(p.size) }

// repOf returns a finest class of class j.
func (p *partition) repOf(j int) int {
	if p.rep == nil {
		return j
	}
	return int(p.rep[j])
}

// bottom is the partition of the finest classes.
func (t *Table) bottom() *partition {
	return &partition{node: make(Node, t.q), size: t.count}
}

// keyer computes the key of a finest class at a node: label ids combined
// in mixed radix when they fit in 63 bits, else as bytes.
type keyer struct {
	t     *Table
	lab   [][]uint32 // per attribute: value id → label id at the node
	mult  []uint64
	wide  bool   // keys do not fit in a uint64
	space uint64 // number of possible keys when !wide
	buf   []byte
}

func (t *Table) keyer(n Node) *keyer {
	k := &keyer{t: t, lab: make([][]uint32, t.q), mult: make([]uint64, t.q)}
	m := uint64(1)
	for i, a := range t.attrs {
		k.lab[i] = a.h.label[n[i]]
		k.mult[i] = m
		card := uint64(len(a.h.text[n[i]]))
		hi, lo := bits.Mul64(m, card)
		if hi != 0 || lo >= 1<<63 {
			k.wide = true
		}
		m = lo
	}
	k.space = m
	return k
}

func (k *keyer) key(c int) uint64 {
	tu := k.t.tuples[c*k.t.q : c*k.t.q+k.t.q]
	var key uint64
	for i, v := range tu {
		key += uint64(k.lab[i][v]) * k.mult[i]
	}
	return key
}

// keyTuple is key for a tuple of value ids (population tuples).
func (k *keyer) keyTuple(tu []uint32) uint64 {
	var key uint64
	for i, v := range tu {
		key += uint64(k.lab[i][v]) * k.mult[i]
	}
	return key
}

func (k *keyer) wideKey(tu []uint32) string {
	b := k.buf[:0]
	for i, v := range tu {
		b = binary.LittleEndian.AppendUint32(b, k.lab[i][v])
	}
	k.buf = b
	return string(b)
}

// denseLimit is the largest key space always grouped with a plain array
// instead of a hash map or a sort; larger spaces are when they are at
// most four times the number of items.
const denseLimit = 1 << 21

func (k *keyer) dense(items int) bool {
	return !k.wide && (k.space <= denseLimit || k.space <= uint64(4*items))
}

// grouper assigns class numbers to keys.
type grouper struct {
	dense []int32
	m     map[uint64]int32
	wm    map[string]int32
}

// scratch holds the buffers one rollup reuses from the last; each
// goroutine evaluating nodes has its own.
type scratch struct {
	dense       []int32
	keys, keys2 []uint64
	idx, idx2   []int32
}

func (t *Table) grouper(k *keyer, hint int, sc *scratch) *grouper {
	g := &grouper{}
	switch {
	case k.wide:
		g.wm = make(map[string]int32, hint)
	case k.dense(hint):
		if cap(sc.dense) < int(k.space) {
			sc.dense = make([]int32, k.space)
		}
		g.dense = sc.dense[:k.space]
		for i := range g.dense {
			g.dense[i] = -1
		}
	default:
		g.m = make(map[uint64]int32, hint)
	}
	return g
}

// class returns the class of finest tuple tu, or the next class number n
// when its key is new (and records it).
func (g *grouper) class(k *keyer, tu []uint32, n int32) int32 {
	switch {
	case g.wm != nil:
		key := k.wideKey(tu)
		if j, ok := g.wm[key]; ok {
			return j
		}
		g.wm[key] = n
		return n
	case g.dense != nil:
		key := k.keyTuple(tu)
		if j := g.dense[key]; j >= 0 {
			return j
		}
		g.dense[key] = n
		return n
	}
	key := k.keyTuple(tu)
	if j, ok := g.m[key]; ok {
		return j
	}
	g.m[key] = n
	return n
}

// lookup returns the class of a tuple without adding it, -1 if none.
func (g *grouper) lookup(k *keyer, tu []uint32) int32 {
	switch {
	case g.wm != nil:
		if j, ok := g.wm[k.wideKey(tu)]; ok {
			return j
		}
		return -1
	case g.dense != nil:
		return g.dense[k.keyTuple(tu)]
	}
	if j, ok := g.m[k.keyTuple(tu)]; ok {
		return j
	}
	return -1
}

// rollup computes the partition at node n from src, a partition at a
// node n generalizes: classes at n are unions of src's classes, so src's
// classes are grouped by their key at n, one representative each. With
// assign, every finest class is visited instead, to map it to its class.
//
// Keys are grouped with a plain array when the key space is small, by
// radix sort when it is large (a hash map with a million keys spends its
// time in cache misses), and with a map of byte keys when the key does
// not fit in 63 bits.
func (t *Table) rollup(n Node, src *partition, assign bool) *partition {
	return t.rollupWith(n, src, assign, &t.scratch)
}

// rollupWith is rollup with the given buffers.
func (t *Table) rollupWith(n Node, src *partition, assign bool, sc *scratch) *partition {
	k := t.keyer(n)
	if assign {
		src = t.bottom()
	}
	m := src.classes()
	p := &partition{node: slices.Clone(n), rep: make([]int32, 0, m/2+1), size: make([]int64, 0, m/2+1)}
	if assign {
		p.assign = make([]int32, len(t.count))
	}
	q := t.q
	add := func(j int, cls int32) {
		c := src.repOf(j)
		if int(cls) == len(p.size) {
			p.rep = append(p.rep, int32(c))
			p.size = append(p.size, 0)
		}
		p.size[cls] += src.size[j]
		if assign {
			p.assign[c] = cls
		}
	}
	if k.wide || k.dense(m) {
		g := t.grouper(k, m, sc)
		for j := range src.size {
			c := src.repOf(j)
			add(j, g.class(k, t.tuples[c*q:c*q+q], int32(len(p.size))))
		}
		return p
	}
	keys, idx := sc.sortBuf(m)
	for j := range src.size {
		keys[j] = k.key(src.repOf(j))
		idx[j] = int32(j)
	}
	radixSort(keys, idx, bits.Len64(k.space-1), sc)
	cls := int32(-1)
	for x := range keys {
		if x == 0 || keys[x] != keys[x-1] {
			cls++
		}
		add(int(idx[x]), cls)
	}
	return p
}

// sortBuf returns key and index buffers of length m, reused between
// rollups.
func (sc *scratch) sortBuf(m int) ([]uint64, []int32) {
	if cap(sc.keys) < m {
		sc.keys = make([]uint64, m)
		sc.idx = make([]int32, m)
		sc.keys2 = make([]uint64, m)
		sc.idx2 = make([]int32, m)
	}
	return sc.keys[:m], sc.idx[:m]
}

// radixSort sorts keys (and idx with them) by their low nbits bits, 11
// bits a pass, stably.
func radixSort(keys []uint64, idx []int32, nbits int, sc *scratch) {
	const digit = 11
	const buckets = 1 << digit
	m := len(keys)
	k2, i2 := sc.keys2[:m], sc.idx2[:m]
	var count [buckets]int
	for shift := 0; shift < nbits; shift += digit {
		count = [buckets]int{}
		for _, key := range keys {
			count[key>>shift&(buckets-1)]++
		}
		sum := 0
		for b := range count {
			count[b], sum = sum, sum+count[b]
		}
		for x, key := range keys {
			d := key >> shift & (buckets - 1)
			k2[count[d]] = key
			i2[count[d]] = idx[x]
			count[d]++
		}
		keys, k2 = k2, keys
		idx, i2 = i2, idx
	}
	if (nbits+digit-1)/digit%2 == 1 {
		copy(k2, keys) // the result is in the spare buffers: copy back
		copy(i2, idx)
	}
}

// members lists each class's finest classes, contiguously: the finest
// classes of class j are order[start[j]:start[j+1]].
func (p *partition) members() (order, start []int32) {
	start = make([]int32, len(p.size)+1)
	for _, j := range p.assign {
		start[j+1]++
	}
	for j := 1; j < len(start); j++ {
		start[j] += start[j-1]
	}
	fill := slices.Clone(start[:len(p.size)])
	order = make([]int32, len(p.assign))
	for c, j := range p.assign {
		order[fill[j]] = int32(c)
		fill[j]++
	}
	return order, start
}
