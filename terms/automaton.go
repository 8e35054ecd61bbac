package terms

import "fmt"

// automaton is a byte-level Aho-Corasick automaton compiled to a dense DFA
// over byte equivalence classes, after detect/keywords.go. ASCII letters are
// folded to lower case while walking, so "HIV", "hiv" and "Hiv" are the same
// word; Chinese words are matched byte for byte, and since UTF-8 is
// self-synchronizing a match always starts and ends on a rune boundary.
//
// delta holds next-state row offsets (state × nclass), so the walk is one
// load and one add per byte; the top bit of an entry marks states that end
// at least one word.
type automaton struct {
	classOf [256]uint8
	nclass  int
	delta   []uint32
	out     [][]int32 // state → indexes of the words ending there, longest first
	words   []string
}

const outMark = 1 << 31

// hit is one occurrence of words[word] at [start, end).
type hit struct {
	word       int32
	start, end int
}

func foldByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// maxTable bounds the dense transition table (4 bytes a cell).
const maxTable = 16 << 20

// newAutomaton builds the automaton over words, which must be distinct
// after folding and non-empty.
func newAutomaton(words []string) (*automaton, error) {
	a := &automaton{words: words}
	var used [256]bool
	for _, w := range words {
		if w == "" {
			return nil, fmt.Errorf("empty word")
		}
		for i := 0; i < len(w); i++ {
			used[foldByte(w[i])] = true
		}
	}
	a.nclass = 1
	for c := 0; c < 256; c++ {
		if used[c] {
			a.classOf[c] = uint8(a.nclass)
			a.nclass++
		}
	}
	if a.nclass > 255 {
		return nil, fmt.Errorf("too many byte classes: %d", a.nclass)
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.classOf[c] = a.classOf[c+'a'-'A']
	}
	type node struct {
		next  map[uint8]int
		fail  int
		out   []int32
		depth int
	}
	nodes := []node{{next: map[uint8]int{}}}
	for wi, w := range words {
		s := 0
		for i := 0; i < len(w); i++ {
			c := a.classOf[w[i]]
			n, ok := nodes[s].next[c]
			if !ok {
				n = len(nodes)
				nodes = append(nodes, node{next: map[uint8]int{}, depth: nodes[s].depth + 1})
				nodes[s].next[c] = n
			}
			s = n
		}
		if len(nodes[s].out) > 0 {
			return nil, fmt.Errorf("duplicate word %q", w)
		}
		nodes[s].out = append(nodes[s].out, int32(wi))
	}
	if len(nodes)*a.nclass > maxTable {
		return nil, fmt.Errorf("word list too large: %d states over %d byte classes", len(nodes), a.nclass)
	}
	next := make([]int, len(nodes)*a.nclass)
	a.out = make([][]int32, len(nodes))
	queue := []int{}
	for c := 0; c < a.nclass; c++ {
		if n, ok := nodes[0].next[uint8(c)]; ok {
			next[c] = n
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		// Own word first (it is the longest), then the suffix link's.
		a.out[s] = append(append([]int32(nil), nodes[s].out...), a.out[f]...)
		for c := 0; c < a.nclass; c++ {
			if n, ok := nodes[s].next[uint8(c)]; ok {
				nodes[n].fail = next[f*a.nclass+c]
				next[s*a.nclass+c] = n
				queue = append(queue, n)
			} else {
				next[s*a.nclass+c] = next[f*a.nclass+c]
			}
		}
	}
	a.delta = make([]uint32, len(next))
	for i, n := range next {
		v := uint32(n * a.nclass)
		if len(a.out[n]) > 0 {
			v |= outMark
		}
		a.delta[i] = v
	}
	return a, nil
}

// find appends every word occurrence in text to dst, in order of end
// offset, longer words first at the same end.
func (a *automaton) find(text []byte, dst []hit) []hit {
	delta, classOf := a.delta, &a.classOf
	s := uint32(0)
	for i := 0; i < len(text); i++ {
		d := delta[s+uint32(classOf[text[i]])]
		s = d &^ outMark
		if d&outMark != 0 {
			for _, w := range a.out[s/uint32(a.nclass)] {
				dst = append(dst, hit{word: w, start: i + 1 - len(a.words[w]), end: i + 1})
			}
		}
	}
	return dst
}

// sortHits orders hits by start, longer first at the same start.
func sortHits(h []hit) {
	// Hits come out ordered by end; most are already in start order, so
	// insertion sort is linear on real text.
	for i := 1; i < len(h); i++ {
		x := h[i]
		j := i
		for j > 0 && (h[j-1].start > x.start || h[j-1].start == x.start && h[j-1].end < x.end) {
			h[j] = h[j-1]
			j--
		}
		h[j] = x
	}
}
