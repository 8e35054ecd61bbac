package address

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/tagger"
)

// TrainOptions configures Train. The zero value trains the committed
// model's configuration.
type TrainOptions struct {
	// Epochs of the perceptron (default 10).
	Epochs int
	// Seed fixes the shuffling: the same documents and seed give the same
	// model.
	Seed uint64
	// MinCount and Prune are passed to tagger.Train (defaults 2 and
	// 0.015: pruning the weight blocks below 1.5% of a head's largest
	// weight keeps the model under 2 MB and costs nothing measurable).
	MinCount int
	Prune    float64
	// Prose are texts without addresses (news sentences). They teach the
	// tagger that most text is not an address, and pieces of them are set
	// around corpus addresses (see augment).
	Prose []string
	// Context is the fraction of corpus addresses copied into context
	// words or prose (default 0.5; negative for none).
	Context float64
	// TuneBias holds out 15% of the documents, trains on the rest, and
	// chooses for each head the bias of its O tag (tagger.Model.SetBias)
	// that maximizes element F1 plus whole-address F1 on the held-out part;
	// the final model, trained on all documents, gets those biases. The
	// perceptron learns from corpus addresses where nearly every character
	// belongs to some element, and decodes conservatively on text that does
	// not look like its training data; a small negative bias recovers the
	// last element of many addresses.
	TuneBias bool
	// Progress, when set, is called after each epoch of each head.
	Progress func(head string, epoch, errors, positions int)
	// Log, when set, receives a line for each tuning step.
	Log func(format string, args ...any)
}

// biasSteps are the O-tag biases TuneBias tries for each head.
var biasSteps = []float32{0, -2, -4, -8, -12, -16}

// Train learns an element tagger from documents of the Li & Lu address
// corpus (eval format "address"): one head per element level. Training is
// deterministic.
func Train(docs []eval.Doc, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Prune <= 0 {
		opt.Prune = 0.015
	}
	var bias []float32
	if opt.TuneBias {
		fit, tune := eval.Split(docs, 0.15, opt.Seed+1)
		o := opt
		o.TuneBias = false
		m, err := Train(fit, o)
		if err != nil {
			return nil, err
		}
		bias = m.tuneBias(tune, opt.Log)
	}
	lex := NewLexicon()
	exs := make([]tagger.Example, 0, len(docs))
	for _, d := range docs {
		exs = append(exs, example(d))
	}
	if opt.Context == 0 {
		opt.Context = 0.5
	}
	exs = append(exs, augment(exs, opt.Prose, opt.Context, opt.Seed)...)
	tm, err := tagger.Train(exs, tagger.TrainOptions{
		Heads: tagHeads, Lexicon: lex, Epochs: opt.Epochs, Seed: opt.Seed,
		MinCount: opt.MinCount, Prune: opt.Prune, Progress: opt.Progress,
	})
	if err != nil {
		return nil, fmt.Errorf("address: train: %w", err)
	}
	for h, b := range bias {
		tm.SetBias(h, b)
	}
	return newModel(tm, lex)
}

// tuneBias chooses the O-tag bias of each head in turn (coordinate ascent,
// two rounds) for the best element F1 plus whole-address F1 on docs. It
// changes m.
func (m *Model) tuneBias(docs []eval.Doc, logf func(string, ...any)) []float32 {
	bias := make([]float32, len(tagHeads))
	score := func() float64 {
		els, whole := EvaluateDev(m, docs, nil)
		return els.Total.Exact.F1() + whole.Total.Exact.F1()
	}
	best := score()
	for round := 0; round < 2; round++ {
		for h := range tagHeads {
			for _, b := range biasSteps {
				if b == bias[h] {
					continue
				}
				m.tm.SetBias(h, b)
				if s := score(); s > best+1e-4 {
					best, bias[h] = s, b
					if logf != nil {
						logf("bias %s = %v: %.4f", tagHeads[h], b, s)
					}
				}
			}
			m.tm.SetBias(h, bias[h])
		}
	}
	return bias
}

// example converts a corpus document into a tagger example annotated for
// every head.
func example(d eval.Doc) tagger.Example {
	runes := []rune(d.Text)
	// byte offset → rune index
	idx := make([]int, len(d.Text)+1)
	n := 0
	for i := range d.Text {
		idx[i] = n
		n++
	}
	idx[len(d.Text)] = n
	ex := tagger.Example{Text: runes, Annotated: make([]bool, len(tagHeads))}
	for h := range ex.Annotated {
		ex.Annotated[h] = true
	}
	for _, g := range d.Gold {
		h := slices.Index(tagHeads, headOfLabel(g.Label))
		if h < 0 || !utf8.RuneStart(d.Text[g.Start]) {
			continue
		}
		ex.Spans = append(ex.Spans, tagger.Span{Start: idx[g.Start], End: idx[g.End], Head: h})
	}
	return ex
}
