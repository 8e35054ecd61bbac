package detect

import (
	"fmt"
	"sort"
)

// keywords is a byte-level Aho-Corasick automaton compiled to a dense DFA
// over byte equivalence classes. ASCII letters are folded to lower case
// while walking, so "QQ", "qq" and "Qq" are the same keyword; Chinese words
// are matched byte for byte.
//
// It is built once per Engine and shared by all goroutines (read-only).
type keywords struct {
	classOf  [256]uint8
	nclass   int
	delta    []uint32 // state*nclass + class → next state
	out      [][]int  // state → indexes of words ending here (incl. via suffix links)
	words    []string
	payload  []uint64
	inputs   [][]int // merged word → indexes of the input words it came from
	maxBytes int
}

// keywordHit is one match: words[Word] ends at End (exclusive).
type keywordHit struct {
	Word  int
	Start int
	End   int
}

func foldByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// newKeywords builds the automaton. payload[i] is an opaque bit set carried
// with words[i] (the context groups the word belongs to). Duplicate words
// (after folding) have their payloads merged.
func newKeywords(words []string, payload []uint64) (*keywords, error) {
	merged := map[string]uint64{}
	from := map[string][]int{}
	for i, w := range words {
		if w == "" {
			continue
		}
		b := []byte(w)
		for j := range b {
			b[j] = foldByte(b[j])
		}
		merged[string(b)] |= payload[i]
		from[string(b)] = append(from[string(b)], i)
	}
	k := &keywords{}
	for w := range merged {
		k.words = append(k.words, w)
	}
	sort.Strings(k.words)
	k.payload = make([]uint64, len(k.words))
	k.inputs = make([][]int, len(k.words))
	for i, w := range k.words {
		k.payload[i] = merged[w]
		k.inputs[i] = from[w]
		if len(w) > k.maxBytes {
			k.maxBytes = len(w)
		}
	}
	// Byte classes: every byte used in a word gets its own class; all other
	// bytes share class 0.
	var used [256]bool
	for _, w := range k.words {
		for i := 0; i < len(w); i++ {
			used[w[i]] = true
		}
	}
	k.nclass = 1
	for c := 0; c < 256; c++ {
		if used[c] {
			k.classOf[c] = uint8(k.nclass)
			k.nclass++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		k.classOf[c] = k.classOf[c+'a'-'A']
	}
	// Trie.
	type node struct {
		next map[uint8]int
		fail int
		out  []int
	}
	nodes := []node{{next: map[uint8]int{}}}
	for wi, w := range k.words {
		s := 0
		for i := 0; i < len(w); i++ {
			c := k.classOf[w[i]]
			n, ok := nodes[s].next[c]
			if !ok {
				n = len(nodes)
				nodes = append(nodes, node{next: map[uint8]int{}})
				nodes[s].next[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, wi)
	}
	if len(nodes)*k.nclass > maxKeywordTable {
		return nil, fmt.Errorf("word list too large: %d automaton states over %d byte classes (limit %d cells)", len(nodes), k.nclass, maxKeywordTable)
	}
	// BFS for failure links and the dense table.
	k.delta = make([]uint32, len(nodes)*k.nclass)
	k.out = make([][]int, len(nodes))
	queue := []int{}
	for c := 0; c < k.nclass; c++ {
		if n, ok := nodes[0].next[uint8(c)]; ok {
			k.delta[c] = uint32(n)
			nodes[n].fail = 0
			queue = append(queue, n)
		}
	}
	k.out[0] = nodes[0].out
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		k.out[s] = append(append([]int(nil), nodes[s].out...), k.out[f]...)
		for c := 0; c < k.nclass; c++ {
			if n, ok := nodes[s].next[uint8(c)]; ok {
				nodes[n].fail = int(k.delta[f*k.nclass+c])
				k.delta[s*k.nclass+c] = uint32(n)
				queue = append(queue, n)
			} else {
				k.delta[s*k.nclass+c] = k.delta[f*k.nclass+c]
			}
		}
	}
	return k, nil
}

// maxKeywordTable bounds the dense transition table (4 bytes a cell): 16 Mi
// cells is 64 MiB, enough for tens of thousands of Chinese words.
const maxKeywordTable = 16 << 20

// find appends every keyword occurrence in text to dst.
func (k *keywords) find(text []byte, dst []keywordHit) []keywordHit {
	s := 0
	for i := 0; i < len(text); i++ {
		s = int(k.delta[s*k.nclass+int(k.classOf[text[i]])])
		for _, w := range k.out[s] {
			dst = append(dst, keywordHit{Word: w, Start: i + 1 - len(k.words[w]), End: i + 1})
		}
	}
	return dst
}

// owners returns the indexes of the input words that merged into word w.
func (k *keywords) owners(w int) []int { return k.inputs[w] }
