package eval

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func splitDocs(n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{ID: fmt.Sprint(i), Text: fmt.Sprintf("患者%d，男，%d岁", i, i%90)}
	}
	return docs
}

func ids(docs []Doc) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

func TestSplitDeterministic(t *testing.T) {
	docs := splitDocs(5000)
	train, dev := Split(docs, 0.1, 42)
	if len(train)+len(dev) != len(docs) {
		t.Fatalf("split lost docs: %d + %d != %d", len(train), len(dev), len(docs))
	}
	if f := float64(len(dev)) / float64(len(docs)); f < 0.08 || f > 0.12 {
		t.Errorf("dev fraction %.3f, want about 0.1", f)
	}
	train2, dev2 := Split(docs, 0.1, 42)
	if !slices.Equal(ids(train), ids(train2)) || !slices.Equal(ids(dev), ids(dev2)) {
		t.Error("same input, different split")
	}
	if !slices.IsSortedFunc(dev, func(a, b Doc) int { return cmpID(a, b) }) {
		t.Error("split does not keep document order")
	}

	// Membership depends on the text alone: shuffling and renaming the
	// documents changes nothing.
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for i := range shuffled {
		shuffled[i].ID = "x" + shuffled[i].ID
	}
	_, dev3 := Split(shuffled, 0.1, 42)
	got := map[string]bool{}
	for _, d := range dev3 {
		got[d.Text] = true
	}
	for _, d := range dev {
		if !got[d.Text] {
			t.Fatalf("%q moved out of dev after shuffling", d.Text)
		}
	}
	if len(dev3) != len(dev) {
		t.Errorf("dev has %d docs after shuffling, %d before", len(dev3), len(dev))
	}

	_, devOther := Split(docs, 0.1, 43)
	if slices.Equal(ids(dev), ids(devOther)) {
		t.Error("a different seed gives the same split")
	}
}

func cmpID(a, b Doc) int {
	var x, y int
	fmt.Sscan(a.ID, &x)
	fmt.Sscan(b.ID, &y)
	return x - y
}

func TestSplitEdges(t *testing.T) {
	docs := splitDocs(100)
	if train, dev := Split(docs, 0, 1); len(train) != 100 || len(dev) != 0 {
		t.Errorf("fraction 0: %d/%d", len(train), len(dev))
	}
	if train, dev := Split(docs, 1, 1); len(train) != 0 || len(dev) != 100 {
		t.Errorf("fraction 1: %d/%d", len(train), len(dev))
	}
	// Repeated texts land on the same side.
	twins := []Doc{{ID: "a", Text: "同一句话"}, {ID: "b", Text: "同一句话"}}
	for seed := range uint64(50) {
		train, dev := Split(twins, 0.5, seed)
		if len(train) == 1 || len(dev) == 1 {
			t.Fatalf("seed %d: identical texts split apart", seed)
		}
	}
}
