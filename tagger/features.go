package tagger

import (
	"fmt"
	"strings"
	"unicode"
)

// Features are anchored at a text position j and weigh on the positions
// around it: the unigram at j is the "character at offset k" feature of
// position j-k for k in -1..1, the bigram (j, j+1) is the "bigram at
// (k, k+1)" feature of position j-k for k in -2..1, and so on. Storing one
// row per anchored key, with a block of weights per relative position,
// turns the ~15 feature lookups of a position into about four memory
// accesses per character at run time.

// Feature kinds and the relative offsets they weigh on. rel r of an anchor
// at j weighs on position j+relFirst[kind]+r. (Wider unigram and lexicon
// windows, a character trigram, pairs of lexicon marks and repeated
// characters were each tried on 2026-11-26 and lowered the entity model's
// dev scores; see ner/model/MODEL_CARD.md.)
const (
	kindUni   = iota // c_j                       positions j-1..j+1
	kindBi           // c_j c_j+1                 positions j-1..j+2
	kindSkip         // c_j c_j+2                 position j+1
	kindLex          // lexicon mark at j         positions j-1..j+1
	kindClass        // classes of j, j+1, j+2    position j+1
	kindBias         // constant                  position j
	numKinds
)

// relFirst gives, per kind, the first affected position relative to the
// anchor, and relCount how many positions are affected.
var relFirst = [numKinds]int{-1, -1, 1, -1, 1, 0}
var relCount = [numKinds]int{3, 4, 1, 3, 1, 1}

// maxRel is the largest relCount.
const maxRel = 5

// Lexicon marks the positions of a text with lexical classes, as bits of a
// uint32: surname starts, place-name characters, suffix characters … The
// tagger does not interpret the bits; it only learns weights for them.
// Name identifies the marking scheme and is stored in the model.
type Lexicon interface {
	Name() string
	// Mark sets marks[i] for each rune of text (marks is zeroed and has
	// len(text) elements).
	Mark(text []rune, marks []uint32)
}

// Character classes used by kindClass and for normalizing n-grams.
const (
	clsOther = iota
	clsHan
	clsDigit
	clsLatin
	clsPunct
	clsSpace
	clsBoundary
	numClasses
)

func runeClass(r rune) int {
	switch {
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return clsDigit
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 'ａ' && r <= 'ｚ', r >= 'Ａ' && r <= 'Ｚ':
		return clsLatin
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000':
		return clsSpace
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return clsHan
	case r < 0x80 || unicode.IsPunct(r) || unicode.IsSymbol(r):
		return clsPunct
	case unicode.Is(unicode.Han, r):
		return clsHan
	}
	return clsOther
}

// normRune folds what the features should not distinguish: all digits are
// '0', Latin letters are lower-case ASCII, full-width forms are ASCII.
func normRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	switch {
	case r >= '0' && r <= '9':
		return '0'
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	}
	return r
}

// boundary runes pad the text on both sides.
const (
	padLeft  rune = -1
	padRight rune = -2
)

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	if x == 0 {
		x = 1
	}
	return x
}

var biasKey = key2(kindBias, 0, 0)

func key2(kind int, a, b rune) uint64 {
	return mix(uint64(kind)<<58 ^ uint64(uint32(a))<<29 ^ uint64(uint32(b)))
}

// seq is a text prepared for feature extraction: normalized runes with two
// pads on each side, classes and lexicon marks.
type seq struct {
	r     []rune   // normalized, padded: r[i+2] is rune i
	cls   []uint8  // padded like r
	marks []uint32 // unpadded
	// hashed holds, per padded position, the blocks of its bigram and
	// skip-gram rows (Model.accumulate)
	hashed []span
	touch  int64 // keeps the loads of accumulate's first pass
}

func (s *seq) reset(text []rune, lex Lexicon) {
	n := len(text)
	s.r = s.r[:0]
	s.cls = s.cls[:0]
	s.r = append(s.r, padLeft, padLeft)
	s.cls = append(s.cls, clsBoundary, clsBoundary)
	for _, c := range text {
		s.r = append(s.r, normRune(c))
		s.cls = append(s.cls, uint8(runeClass(c)))
	}
	s.r = append(s.r, padRight, padRight)
	s.cls = append(s.cls, clsBoundary, clsBoundary)
	if cap(s.marks) < n {
		s.marks = make([]uint32, n)
	}
	s.marks = s.marks[:n]
	clear(s.marks)
	if lex != nil {
		lex.Mark(text, s.marks)
	}
}

// anchors calls f for each anchored feature key of the text: its kind, the
// anchor position j (in runes, may be -2..n+1 for pads) and its key.
func (s *seq) anchors(f func(kind, j int, key uint64)) {
	n := len(s.r) - 4
	for j := -2; j < n+2; j++ {
		p := j + 2
		f(kindUni, j, key2(kindUni, s.r[p], 0))
		if p+1 < len(s.r) {
			f(kindBi, j, key2(kindBi, s.r[p], s.r[p+1]))
		}
		if p+2 < len(s.r) {
			f(kindSkip, j, key2(kindSkip, s.r[p], s.r[p+2]))
			f(kindClass, j, classKey(s.cls[p], s.cls[p+1], s.cls[p+2]))
		}
		if j >= 0 && j < n {
			for m, b := s.marks[j], rune(0); m != 0; m, b = m>>1, b+1 {
				if m&1 != 0 {
					f(kindLex, j, lexKey(int(b)))
				}
			}
			f(kindBias, j, biasKey)
		}
	}
}

func classKey(a, b, c uint8) uint64 { return key2(kindClass, rune(a)<<8|rune(b), rune(c)) }

func lexKey(bit int) uint64 { return key2(kindLex, rune(bit), 0) }

// FeatureSet names the feature templates (kinds and the positions each
// weighs on). It is stored in every model and checked at Load: a model
// trained with other templates would load and silently tag wrong.
func FeatureSet() string {
	var b strings.Builder
	b.WriteString("anchored/1")
	for k := 0; k < numKinds; k++ {
		fmt.Fprintf(&b, " %d:%d+%d", k, relFirst[k], relCount[k])
	}
	return b.String()
}
