// Command train trains the address element tagger and writes the model
// that package address embeds.
//
// Run it from the module root:
//
//	go run ./address/cmd/train
//
// It reads the Li & Lu address corpus (train.txt and dev.txt merged, split
// with eval.Split(docs, 0.2, 1)) and the CLUENER news sentences (the same
// split; the training part's sentences without an address are the prose
// examples), trains with a fixed seed, prints the dev scores and writes
// address/model.bin. The same inputs give the same bytes.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/eval"
)

func main() {
	var c config
	flag.StringVar(&c.data, "data", "../shared/data/train", "directory of the shared training corpora")
	flag.StringVar(&c.out, "o", "address/model.bin", "where to write the model (\"\" for nowhere)")
	flag.IntVar(&c.opt.Epochs, "epochs", 0, "perceptron epochs (0: default)")
	flag.IntVar(&c.opt.MinCount, "min", 0, "minimum feature count (0: default)")
	flag.Float64Var(&c.opt.Prune, "prune", 0, "weight pruning fraction (0: default)")
	flag.Float64Var(&c.opt.Context, "context", 0, "fraction of addresses copied into context (0: default, <0: none)")
	flag.BoolVar(&c.noProse, "noprose", false, "train without prose")
	flag.BoolVar(&c.noTune, "notune", false, "do not tune the heads' biases")
	flag.IntVar(&c.errors, "errors", 0, "print this many dev errors")
	flag.Parse()
	if err := run(c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

type config struct {
	data, out string
	opt       address.TrainOptions
	noProse   bool
	noTune    bool
	errors    int
}

func run(c config, w io.Writer) error {
	train, dev, err := address.CorpusSplit(c.data)
	if err != nil {
		return err
	}
	if !c.noProse {
		c.opt.Prose, err = address.ProseSplit(c.data)
		if err != nil {
			return err
		}
	}
	c.opt.Seed = 1
	c.opt.TuneBias = !c.noTune
	c.opt.Log = func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	t0 := time.Now()
	m, err := address.Train(train, c.opt)
	if err != nil {
		return err
	}
	rows, blocks := m.Tagger().Features()
	fmt.Fprintf(w, "trained on %d addresses and %d prose sentences in %v: %d feature rows, %d weight blocks\n",
		len(train), len(c.opt.Prose), time.Since(t0).Round(time.Millisecond), rows, blocks)
	shown := 0
	observe := func(o eval.Outcome) {
		if shown < c.errors && !o.Exact {
			shown++
			kind := "FP"
			if o.Gold {
				kind = "FN"
			}
			fmt.Fprintf(w, "%s %s %q in %s\n", kind, o.Type, o.Doc.Text[o.Span.Start:o.Span.End], o.Doc.Text)
		}
	}
	els, whole := address.EvaluateDev(m, dev, observe)
	fmt.Fprintf(w, "dev: %d addresses\n%-20s %6s %6s %6s %6s\n", len(dev), "type", "gold", "P", "R", "F1")
	for _, ts := range append(els.Types, whole.Types...) {
		fmt.Fprintf(w, "%-20s %6d %6.3f %6.3f %6.3f\n", ts.Type, ts.Gold, ts.Exact.Precision(), ts.Exact.Recall(), ts.Exact.F1())
	}
	fmt.Fprintf(w, "%-20s %6d %6.3f %6.3f %6.3f\n", "micro (elements)", els.Total.Gold, els.Total.Exact.Precision(), els.Total.Exact.Recall(), els.Total.Exact.F1())
	if c.out == "" {
		return nil
	}
	data, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(c.out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s (%d bytes)\n", c.out, len(data))
	return nil
}
