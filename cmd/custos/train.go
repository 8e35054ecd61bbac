package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/ner"
	"github.com/custos-project/custos/pi"
)

func newTrainCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		data    string
		out     string
		scores  string
		epochs  int
		seed    uint64
		prune   float64
		verbose bool
		which   string
		addrOut string
	)
	c := &cobra.Command{
		Use:   "train",
		Short: "Train the embedded models (entities; addresses) from the shared corpora",
		Long: `Train the statistical taggers embedded in Custos from the annotated corpora in
../shared/data/train:

  ner      names, organizations, places — CLUENER, Weibo, Resume, ECR-COVID-19,
           COVID trajectories; writes ner/model/ner.bin and ner/model/scores.md
  address  address elements — the Li & Lu address corpus, with CLUENER
           sentences as prose; writes address/model.bin

Each corpus is split 80/20 (deterministically), the models learn from the 80%,
and the scores on the 20% are printed. The same seed gives the same model,
byte for byte. Rebuild custos afterwards to embed them.`,
		Example: `  custos train
  custos train --model ner --data ../shared/data/train`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch which {
			case "all", "ner", "address":
			default:
				return usagef("--model %q: want ner, address or all", which)
			}
			if which != "ner" {
				opt := address.TrainOptions{Epochs: epochs, Seed: seed}
				if cmd.Flags().Changed("prune") {
					opt.Prune = prune
				}
				if err := trainAddress(data, addrOut, opt, stdout); err != nil {
					return err
				}
				if which == "address" {
					return nil
				}
			}
			start := time.Now()
			splits, err := ner.LoadSplits(data)
			if err != nil {
				return err
			}
			cfg := ner.TrainConfig{Epochs: epochs, Seed: seed, Prune: prune}
			if verbose {
				cfg.Progress = func(head string, epoch, errs, pos int) {
					fmt.Fprintf(stderr, "%s epoch %d: %d errors in %d positions\n", head, epoch, errs, pos)
				}
			}
			if cfg.Epochs == 0 {
				cfg.Epochs = ner.DefaultEpochs
			}
			model, err := ner.TrainModel(splits, cfg)
			if err != nil {
				return err
			}
			bin, err := model.MarshalBinary()
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, bin, 0o644); err != nil {
				return err
			}
			rows, blocks := model.Features()
			fmt.Fprintf(stdout, "trained in %.1fs: %d feature rows, %d weight blocks, %s written to %s\n\n",
				time.Since(start).Seconds(), rows, blocks, human(int64(len(bin))), out)
			rec, err := ner.New(bin)
			if err != nil {
				return err
			}
			var md strings.Builder
			md.WriteString("| corpus (dev 20%) | type | gold | P | R | F1 |\n| --- | --- | ---: | ---: | ---: | ---: |\n")
			for _, s := range splits {
				m := eval.DefaultMapping(s.Corpus.Format)
				types := []string{string(pi.PersonName), string(pi.MaskedName), string(pi.Organization), string(pi.Place)}
				rep := eval.Evaluate(s.Dev, m, func(text string) []eval.Span {
					var sp []eval.Span
					for _, f := range rec.Find([]byte(text), nil) {
						sp = append(sp, eval.Span{Start: f.Start, End: f.End, Label: string(f.Type)})
					}
					return sp
				}, eval.Options{Corpus: s.Corpus.Name + " (dev)", Types: types, Sparse: eval.DefaultSparse(s.Corpus.Format)})
				if len(rep.Types) == 0 {
					continue
				}
				rep.WriteTable(stdout)
				fmt.Fprintln(stdout)
				for _, t := range rep.Types {
					// the tagger alone marks no kinds (a place naming
					// divisions is the engine's place:division)
					if t.Gold == 0 || strings.Contains(t.Type, ":") {
						continue
					}
					fmt.Fprintf(&md, "| %s | %s | %d | %.3f | %.3f | %.3f |\n", s.Corpus.Name, t.Type, t.Gold,
						t.Exact.Precision(), t.Exact.Recall(), t.Exact.F1())
				}
			}
			if scores != "" {
				header := fmt.Sprintf("Scores of `%s` on the dev split (exact span match), written by `custos train`\n(epochs %d, seed %d, %d feature rows, %d weight blocks, %d bytes).\n\n",
					filepath.Base(out), cfg.Epochs, cfg.Seed, rows, blocks, len(bin))
				if err := os.WriteFile(scores, []byte(header+md.String()), 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data/train", "folder of the shared training corpora")
	c.Flags().StringVar(&which, "model", "all", "which model: ner, address or all")
	c.Flags().StringVar(&out, "out", "ner/model/ner.bin", "where to write the entity model")
	c.Flags().StringVar(&addrOut, "address-out", "address/model.bin", "where to write the address model")
	c.Flags().StringVar(&scores, "scores", "ner/model/scores.md", "where to write the dev scores (empty: don't)")
	c.Flags().IntVar(&epochs, "epochs", 0, "training epochs (default: the model's own, 30 for ner and 10 for address)")
	c.Flags().Uint64Var(&seed, "seed", 1, "random seed (shuffling)")
	c.Flags().Float64Var(&prune, "prune", 0.03, "drop weights below this fraction of the largest (smaller, faster model; the address model's default is 0.015)")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "print training errors per epoch")
	return c
}

// trainAddress trains the address element tagger (package address) and
// prints its dev scores.
func trainAddress(data, out string, opt address.TrainOptions, w io.Writer) error {
	train, dev, err := address.CorpusSplit(data)
	if err != nil {
		return err
	}
	prose, err := address.ProseSplit(data)
	if err != nil {
		return err
	}
	start := time.Now()
	opt.Prose, opt.TuneBias = prose, true
	m, err := address.Train(train, opt)
	if err != nil {
		return err
	}
	bin, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, bin, 0o644); err != nil {
		return err
	}
	rows, blocks := m.Tagger().Features()
	fmt.Fprintf(w, "address model trained in %.1fs on %d addresses and %d prose sentences: %d feature rows, %d weight blocks, %s written to %s\n",
		time.Since(start).Seconds(), len(train), len(prose), rows, blocks, human(int64(len(bin))), out)
	els, whole := address.EvaluateDev(m, dev, nil)
	els.WriteTable(w)
	whole.WriteTable(w)
	fmt.Fprintln(w)
	return nil
}
