package address

import (
	"fmt"
	"path/filepath"

	"github.com/custos-project/custos/eval"
)

// CorpusSplit reads the Li & Lu address corpus under dir (the shared
// training data directory: dir/chinese-address-parsing/{train,dev}.txt),
// merges its two files and splits them with eval.Split(docs, 0.2, 1): the
// documents the committed model was trained on and those its scores are
// measured on.
func CorpusSplit(dir string) (train, dev []eval.Doc, err error) {
	var docs []eval.Doc
	for _, f := range []string{"train.txt", "dev.txt"} {
		d, err := eval.ReadCorpus(eval.FormatAddress, filepath.Join(dir, "chinese-address-parsing", f))
		if err != nil {
			return nil, nil, fmt.Errorf("address: %w", err)
		}
		docs = append(docs, d...)
	}
	train, dev = eval.Split(docs, 0.2, 1)
	return train, dev, nil
}

// ProseSplit returns the training prose: the CLUENER 2020 news sentences
// under dir (dir/cluener2020/train.json) in the training part of
// eval.Split(docs, 0.2, 1) that have no address span.
func ProseSplit(dir string) ([]string, error) {
	train, _, err := cluenerSplit(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range train {
		if !hasLabel(d, "address") {
			out = append(out, d.Text)
		}
	}
	return out, nil
}

// cluenerSplit reads CLUENER 2020 and splits it like the address corpus.
func cluenerSplit(dir string) (train, dev []eval.Doc, err error) {
	docs, err := eval.ReadCorpus(eval.FormatCLUENER, filepath.Join(dir, "cluener2020", "train.json"))
	if err != nil {
		return nil, nil, fmt.Errorf("address: %w", err)
	}
	train, dev = eval.Split(docs, 0.2, 1)
	return train, dev, nil
}

func hasLabel(d eval.Doc, label string) bool {
	for _, g := range d.Gold {
		if g.Label == label {
			return true
		}
	}
	return false
}

// ElementTypes returns the types EvaluateDev scores elements under:
// "address_<label>" for the corpus label of each level (address_prov for
// the province).
func ElementTypes() []string {
	out := make([]string, len(levels))
	for i, l := range levels {
		out[i] = ElementLabel(l)
	}
	return out
}

// Predictor returns an eval.Predictor that parses each text with m: its
// elements as "address_<label>" and the whole address as "address".
func Predictor(m *Model) eval.Predictor {
	return func(text string) []eval.Span {
		a := m.Parse(text)
		if len(a.Elements) == 0 {
			return nil
		}
		out := make([]eval.Span, 0, len(a.Elements)+1)
		for _, e := range a.Elements {
			out = append(out, eval.Span{Start: e.Start, End: e.End, Label: ElementLabel(e.Level)})
		}
		return append(out, eval.Span{Start: a.Start, End: a.End, Label: "address"})
	}
}

// EvaluateDev scores m on address documents with eval.DefaultMapping
// ("address"): elements (the types of ElementTypes, micro-averaged in
// Total) and whole addresses. observe, when not nil, sees every scored
// element span.
func EvaluateDev(m *Model, dev []eval.Doc, observe func(eval.Outcome)) (elements, whole eval.Report) {
	mapping := eval.DefaultMapping(eval.FormatAddress)
	p := Predictor(m)
	elements = eval.Evaluate(dev, mapping, p, eval.Options{Corpus: "chinese-address-parsing dev", Types: ElementTypes(), Observe: observe})
	whole = eval.Evaluate(dev, mapping, p, eval.Options{Corpus: "chinese-address-parsing dev", Types: []string{"address"}})
	return elements, whole
}
