package terms

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// automaton is a character-level Aho-Corasick automaton. ASCII letters are
// folded to lower case while walking, so "HIV", "hiv" and "Hiv" are the same
// word.
//
// Characters are mapped to classes first (class 0: in no word), so that a
// character no word contains sends the walk straight back to the root. The
// root's transitions are a dense row over the classes; every other state
// keeps its few children sorted by class, with a failure link. Most of the
// text is read at the root or one step below it, so the walk touches a few
// small arrays and stays in the cache: the byte-level DFA this replaced had a
// 4 MB table, and text read in short calls, between the entity tagger's
// lookups, found it evicted every time (a cache miss every byte).
type automaton struct {
	classOf []uint16        // rune → class, for runes below len(classOf)
	wide    map[rune]uint16 // classes of the runes beyond classOf
	root    []int32         // class → state after the root
	states  []state
	edges   []edge    // sorted by class within a state
	hasOut  []uint64  // bit set of the states that end a word
	out     [][]int32 // state → indexes of the words ending there, longest first
	words   []string
}

// state is a state other than the root: its children edges[lo:hi] and its
// failure link, in one small struct so that a step reads one cache line.
type state struct{ lo, hi, fail int32 }

// edge is a transition of a state other than the root.
type edge struct {
	class uint16
	to    int32
}

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

// maxClasses bounds the distinct characters of the words.
const maxClasses = 1<<16 - 1

// newAutomaton builds the automaton over words, which must be distinct
// after folding, non-empty and valid UTF-8.
func newAutomaton(words []string) (*automaton, error) {
	a := &automaton{words: words, wide: map[rune]uint16{}}
	// classes, in order of first appearance
	classes := map[rune]uint16{}
	maxRune := rune(0)
	for _, w := range words {
		if w == "" {
			return nil, fmt.Errorf("empty word")
		}
		if !utf8.ValidString(w) {
			return nil, fmt.Errorf("word %q is not valid UTF-8", w)
		}
		for _, r := range w {
			r = foldRune(r)
			if _, ok := classes[r]; !ok {
				if len(classes) == maxClasses {
					return nil, fmt.Errorf("too many distinct characters in the words")
				}
				classes[r] = uint16(len(classes) + 1)
			}
			maxRune = max(maxRune, r)
		}
	}
	a.classOf = make([]uint16, max(min(maxRune, 0xFFFF)+1, utf8.RuneSelf))
	for r, c := range classes {
		if int(r) < len(a.classOf) {
			a.classOf[r] = c
		} else {
			a.wide[r] = c
		}
	}
	for r := 'A'; r <= 'Z'; r++ {
		a.classOf[r] = a.classOf[r+'a'-'A']
	}
	nclass := len(classes) + 1

	// the trie
	type node struct {
		next  map[uint16]int32
		own   int32 // the word ending here, or -1
		depth int
	}
	nodes := []node{{next: map[uint16]int32{}, own: -1}}
	for wi, w := range words {
		s := int32(0)
		for _, r := range w {
			c := a.class(foldRune(r))
			n, ok := nodes[s].next[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint16]int32{}, own: -1, depth: nodes[s].depth + 1})
				nodes[s].next[c] = n
			}
			s = n
		}
		if nodes[s].own >= 0 {
			return nil, fmt.Errorf("duplicate word %q", w)
		}
		nodes[s].own = int32(wi)
	}

	// flat children, failure links and outputs, breadth first
	a.root = make([]int32, nclass)
	a.states = make([]state, len(nodes))
	a.hasOut = make([]uint64, (len(nodes)+63)/64)
	a.out = make([][]int32, len(nodes))
	for s := range nodes {
		a.states[s].lo = int32(len(a.edges))
		if s == 0 {
			a.states[s].hi = a.states[s].lo
			continue
		}
		cs := make([]uint16, 0, len(nodes[s].next))
		for c := range nodes[s].next {
			cs = append(cs, c)
		}
		slices.Sort(cs)
		for _, c := range cs {
			a.edges = append(a.edges, edge{class: c, to: nodes[s].next[c]})
		}
		a.states[s].hi = int32(len(a.edges))
	}
	queue := make([]int32, 0, len(nodes))
	for c, n := range nodes[0].next {
		a.root[c] = n
		queue = append(queue, n)
	}
	slices.Sort(queue) // a deterministic order; the links do not depend on it
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := a.states[s].fail
		// own word first (it is the longest), then the suffix link's
		if nodes[s].own >= 0 {
			a.out[s] = append(a.out[s], nodes[s].own)
		}
		a.out[s] = append(a.out[s], a.out[f]...)
		if len(a.out[s]) > 0 {
			a.hasOut[s/64] |= 1 << (s % 64)
		}
		for _, e := range a.edges[a.states[s].lo:a.states[s].hi] {
			a.states[e.to].fail = a.step(f, e.class)
			queue = append(queue, e.to)
		}
	}
	return a, nil
}

func foldRune(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// class returns r's class, 0 if no word contains r.
func (a *automaton) class(r rune) uint16 {
	if r >= 0 && int(r) < len(a.classOf) {
		return a.classOf[r]
	}
	if r <= 0xFFFF {
		return 0
	}
	return a.wide[r]
}

// step returns the state after reading a character of class c (not 0) in
// state s.
func (a *automaton) step(s int32, c uint16) int32 {
	for s != 0 {
		st := &a.states[s]
		es := a.edges[st.lo:st.hi]
		lo, hi := 0, len(es)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if es[m].class < c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(es) && es[lo].class == c {
			return es[lo].to
		}
		s = st.fail
	}
	return a.root[c]
}

// find appends every word occurrence in text to dst, in order of end
// offset, longer words first at the same end.
func (a *automaton) find(text []byte, dst []hit) []hit {
	s := int32(0)
	for i := 0; i < len(text); {
		var c uint16
		if b := text[i]; b < utf8.RuneSelf {
			c = a.classOf[b] // folded: A-Z have a-z's classes
			i++
		} else if b >= 0xE0 && b < 0xF0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			// three bytes (the Han characters): decoded here, as
			// utf8.DecodeRune takes its slow path for every non-ASCII rune
			r := rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				c = a.class(r)
			}
			i += 3
		} else {
			r, size := utf8.DecodeRune(text[i:])
			c = a.class(r)
			i += size
		}
		switch {
		case c == 0:
			s = 0
			continue
		case s == 0:
			s = a.root[c]
		default:
			s = a.step(s, c)
		}
		if a.hasOut[s/64]&(1<<(s%64)) != 0 {
			for _, w := range a.out[s] {
				dst = append(dst, hit{word: w, start: i - len(a.words[w]), end: i})
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
