package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/synth"
)

func newSynthCmd(stdout io.Writer) *cobra.Command {
	var (
		docs int
		seed uint64
		out  string
	)
	c := &cobra.Command{
		Use:   "synth",
		Short: "Write the synthetic identifier corpus (JSONL with gold spans, format custos)",
		Long: `Write the synthetic identifier corpus that 'custos eval --corpus synth' scores:
Chinese prose carrying valid identifiers (with and without context words) and
decoys (order, tracking and invoice numbers, timestamps, amounts, versions,
ISBNs, near-miss ID numbers), as JSONL with gold byte spans.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := stdout
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			return eval.WriteCustos(w, synth.Corpus(seed, docs, synthRef))
		},
	}
	c.Flags().IntVar(&docs, "docs", 2000, "number of documents")
	c.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	c.Flags().StringVarP(&out, "out", "o", "", "output file (default stdout)")
	return c
}
