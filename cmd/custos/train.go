package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

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
	)
	c := &cobra.Command{
		Use:   "train",
		Short: "Train the entity model (names, organizations, places) from the shared corpora",
		Long: `Train the statistical entity tagger embedded in Custos from the annotated corpora
in ../shared/data/train (CLUENER, Weibo, Resume, ECR-COVID-19, COVID trajectories):
each corpus is split 80/20 (deterministically), the model learns from the 80%,
and the scores on the 20% are printed and written beside the model. The same
seed gives the same model, byte for byte. Rebuild custos afterwards to embed it.`,
		Example: `  custos train
  custos train --data ../shared/data/train --out ner/model/ner.bin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
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
					if t.Gold == 0 {
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
	c.Flags().StringVar(&out, "out", "ner/model/ner.bin", "where to write the model")
	c.Flags().StringVar(&scores, "scores", "ner/model/scores.md", "where to write the dev scores (empty: don't)")
	c.Flags().IntVar(&epochs, "epochs", 10, "training epochs")
	c.Flags().Uint64Var(&seed, "seed", 1, "random seed (shuffling)")
	c.Flags().Float64Var(&prune, "prune", 0.03, "drop weights below this fraction of the largest (smaller, faster model)")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "print training errors per epoch")
	return c
}
