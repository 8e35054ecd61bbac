package address

// runeTrie is a trie of words over runes, frozen into an open-addressing
// hash table keyed by (node, rune): a lookup is a multiply and usually one
// probe, several times cheaper than a Go map on the marking hot path.
type runeTrie struct {
	keys  []uint64 // node<<21 | rune; 0 marks an empty slot
	child []int32
	mask  uint64
	// final holds the marks of the word ending at each node (0: none).
	final []uint32
}

// trieBuilder collects words before freezing them into a runeTrie.
type trieBuilder struct {
	edges map[uint64]int32
	final map[int32]uint32
	nodes int32
}

func newTrieBuilder() *trieBuilder {
	return &trieBuilder{edges: map[uint64]int32{}, final: map[int32]uint32{}}
}

// add puts word (runes in the order they will be walked) into the trie with
// marks.
func (b *trieBuilder) add(word []rune, marks uint32) {
	node := int32(0)
	for _, r := range word {
		k := trieKey(node, r)
		next, ok := b.edges[k]
		if !ok {
			b.nodes++
			next = b.nodes
			b.edges[k] = next
		}
		node = next
	}
	b.final[node] |= marks
}

func trieKey(node int32, r rune) uint64 {
	return uint64(node)<<21 | uint64(uint32(r)&0x1FFFFF)
}

func trieHash(k uint64) uint64 {
	k *= 0x9E3779B97F4A7C15
	return k ^ k>>29
}

// freeze returns the lookup form of the trie.
func (b *trieBuilder) freeze() *runeTrie {
	size := 1
	for size < 2*len(b.edges) {
		size <<= 1
	}
	t := &runeTrie{keys: make([]uint64, size), child: make([]int32, size), mask: uint64(size - 1), final: make([]uint32, b.nodes+1)}
	for k, v := range b.edges {
		i := trieHash(k) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.child[i] = k, v
	}
	for n, m := range b.final {
		t.final[n] = m
	}
	return t
}

// next returns the child of node by r, or -1.
func (t *runeTrie) next(node int32, r rune) int32 {
	k := trieKey(node, r)
	if k == 0 {
		return -1
	}
	for i := trieHash(k) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.child[i]
		case 0:
			return -1
		}
	}
}
