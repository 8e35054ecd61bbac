package terms

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveFind is the automaton's specification: every word occurrence, by
// end, longer words first at the same end, ASCII letters folded.
func naiveFind(words []string, text []byte) []hit {
	folded := make([]byte, len(text))
	for i, c := range text {
		folded[i] = foldByte(c)
	}
	var out []hit
	for end := 1; end <= len(text); end++ {
		var at []hit
		for w, word := range words {
			if bytes.HasSuffix(folded[:end], []byte(word)) {
				at = append(at, hit{word: int32(w), start: end - len(word), end: end})
			}
		}
		slices.SortStableFunc(at, func(a, b hit) int { return a.start - b.start })
		out = append(out, at...)
	}
	return out
}

var automatonWords = []string{"医生", "医院", "发热门诊", "发热", "热门", "门诊", "hiv", "hiv阳性", "阳性",
	"某", "李某", "某某", "岁", "45岁", "a", "ab", "bab", "小学", "小学三年级", "三年级", "𠮷", "𠮷野"}

func TestAutomatonMatchesNaive(t *testing.T) {
	a, err := newAutomaton(automatonWords)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"", "发热门诊", "他在医院发热门诊就医，HIV阳性，Hiv阳性。", "李某某某，45岁", "babab", "ABAB",
		"小学三年级学生", "𠮷野家", "\xe5\xb2医生\xff", "医\x00生",
	} {
		if got, want := a.find([]byte(text), nil), naiveFind(automatonWords, []byte(text)); !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", text, got, want)
		}
	}
	// random texts from pieces of the words
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"医", "生", "院", "发", "热", "门", "诊", "h", "I", "v", "阳", "性", "某", "李", "岁", "4", "5",
		"a", "B", "小", "学", "三", "年", "级", "𠮷", "野", "，", " ", "\xe5"}
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for k := rng.IntN(20); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := []byte(b.String())
		if got, want := a.find(text, nil), naiveFind(automatonWords, text); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
	}
}

func TestAutomatonErrors(t *testing.T) {
	for _, words := range [][]string{{"a", ""}, {"医生", "医生"}, {"a", "A"}, {"\xff"}} {
		if _, err := newAutomaton(words); err == nil {
			t.Errorf("%q: no error", words)
		}
	}
}

// FuzzAutomaton compares the automaton of the embedded lists with the
// naive search on arbitrary text.
func FuzzAutomaton(f *testing.F) {
	for _, s := range []string{"", "发热门诊", "他在医院发热门诊就医，HIV阳性。", "李某某某，45岁", "\xe5\xb2医生\xff"} {
		f.Add(s)
	}
	m := shared()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 256 {
			return // the naive search is quadratic in words × text
		}
		text := []byte(s)
		if got, want := m.ac.find(text, nil), naiveFind(m.ac.words, text); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
	})
}
