package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func newEvalCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		ef        engineFlags
		corpora   []string
		mapping   string
		jsonOut   string
		dev       float64
		splitSeed uint64
		errorsN   int
		onlyGold  bool
		without   string
	)
	c := &cobra.Command{
		Use:   "eval --corpus FORMAT:PATH [--corpus …]",
		Short: "Measure precision, recall and F1 per type on annotated corpora",
		Long: `Run the detection engine over annotated corpora and print precision, recall
and F1 per type, for exact spans and for overlapping spans.

Corpus formats: ` + strings.Join(eval.Formats(), ", ") + `, and synth[:DOCS[:SEED]] for
the synthetic identifier corpus (valid values and decoys in Chinese prose).
FORMAT:PATH1+PATH2 reads several files as one corpus (a train and a dev file).
Corpus labels are mapped to Custos types by a documented default mapping per
format; --map LABEL=type,LABEL2=type|type2 changes it ("LABEL=" ignores a label).
A type may name one kind of its findings, type:kind (the COVID-trajectory DATE
scores date:onset, the dates Custos marks as the day symptoms began), and an
address finding's parsed elements are scored as address_<level>.
Only the types a corpus annotates are scored.`,
		Example: `  custos eval --corpus synth:2000
  custos eval --corpus ecr:../shared/data/train/ecr-covid-19/train.txt --types date
  custos eval --corpus bmes:dev.char.bmes --map DATE=date --json scores.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(corpora) == 0 {
				return usagef("eval needs at least one --corpus FORMAT:PATH")
			}
			// --types chooses what is scored; the engine runs whole, so a
			// type's score does not depend on which others are asked for.
			scoreTypes := ef.types
			ef.types = nil
			eng, err := ef.engine()
			if err != nil {
				return err
			}
			var reports []eval.Report
			for _, spec := range corpora {
				format, path, _ := strings.Cut(spec, ":")
				docs, name, err := loadCorpus(format, path, eng)
				if err != nil {
					return err
				}
				if dev > 0 {
					_, docs = eval.Split(docs, dev, splitSeed)
					name += fmt.Sprintf(" (dev %.0f%%)", dev*100)
				}
				m := eval.DefaultMapping(format)
				if format == "synth" {
					m = eval.DefaultMapping(eval.FormatCustos)
				}
				if mapping != "" {
					if m, err = eval.ParseMapping(mapping, m); err != nil {
						return usagef("--map: %v", err)
					}
				}
				if onlyGold {
					docs = eval.Filter(docs, m, scoreTypes...)
				}
				if without != "" {
					docs = withoutLabel(docs, without)
					name += " without " + without
				}
				opt := eval.Options{Corpus: name, Types: scoreTypes, Threshold: ef.minScore, Sparse: eval.DefaultSparse(format)}
				shown := 0
				if errorsN > 0 {
					opt.Observe = func(o eval.Outcome) {
						if o.Exact || shown >= errorsN {
							return
						}
						shown++
						kind := "FP"
						if o.Gold {
							kind = "FN"
						}
						fmt.Fprintf(stderr, "%s %s %q in %s\n", kind, o.Type, o.Doc.Text[o.Span.Start:o.Span.End], excerpt(o.Doc.Text, o.Span))
					}
				}
				p := predictor(eng)
				if format == eval.FormatAddress {
					// each text is one address: the parser's elements are
					// what the corpus scores
					am, err := address.Default()
					if err != nil {
						return err
					}
					p = address.Predictor(am)
				}
				rep := eval.Evaluate(docs, m, p, opt)
				if err := rep.WriteTable(stdout); err != nil {
					return err
				}
				fmt.Fprintln(stdout)
				reports = append(reports, rep)
			}
			if jsonOut != "" {
				var w io.Writer = stdout
				if jsonOut != "-" {
					f, err := os.Create(jsonOut)
					if err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(reports)
			}
			return nil
		},
	}
	ef.register(c, 0.5)
	c.Flags().StringArrayVar(&corpora, "corpus", nil, "FORMAT:PATH of an annotated corpus, or synth[:DOCS[:SEED]] (repeatable)")
	c.Flags().StringVar(&mapping, "map", "", "label mapping changes, LABEL=type,LABEL2=type|type2")
	c.Flags().StringVar(&jsonOut, "json", "", "also write the scores as JSON to this file (- for stdout)")
	c.Flags().Float64Var(&dev, "dev", 0, "score only the dev split of this fraction (deterministic split)")
	c.Flags().Uint64Var(&splitSeed, "split-seed", 1, "seed of the dev split")
	c.Flags().IntVar(&errorsN, "errors", 0, "print up to N errors (FN/FP, exact-span) on stderr")
	c.Flags().BoolVar(&onlyGold, "only-gold", false, "score only documents with a gold span of the scored types")
	c.Flags().StringVar(&without, "without", "", "score only documents with no gold span of this corpus label (e.g. news with no address: --without address)")
	return c
}

// synthRef is the reference date of the synthetic corpus, fixed so that the
// corpus and its scores do not change from day to day.
var synthRef = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func loadCorpus(format, path string, eng *detect.Engine) ([]eval.Doc, string, error) {
	if format == "synth" {
		n, seed := 2000, uint64(1)
		parts := strings.Split(path, ":")
		if parts[0] != "" {
			v, err := strconv.Atoi(parts[0])
			if err != nil || v <= 0 {
				return nil, "", usagef("--corpus synth:%s: want synth:DOCS[:SEED]", path)
			}
			n = v
		}
		if len(parts) > 1 {
			v, err := strconv.ParseUint(parts[1], 10, 64)
			if err != nil {
				return nil, "", usagef("--corpus synth:%s: bad seed", path)
			}
			seed = v
		}
		return synth.Corpus(seed, n, synthRef), fmt.Sprintf("synth (%d docs, seed %d)", n, seed), nil
	}
	if path == "" {
		return nil, "", usagef("--corpus %q: want FORMAT:PATH (formats: %s, synth)", format, strings.Join(eval.Formats(), ", "))
	}
	// PATH1+PATH2 merges files of one corpus (a train and a dev file)
	var docs []eval.Doc
	for _, p := range strings.Split(path, "+") {
		d, err := eval.ReadCorpus(format, p)
		if err != nil {
			if d == nil {
				return nil, "", err
			}
			// some records were bad: say so, score the rest
			fmt.Fprintln(os.Stderr, "custos: eval:", err)
		}
		docs = append(docs, d...)
	}
	return docs, format + ":" + path, nil
}

func predictor(eng *detect.Engine) eval.Predictor {
	return func(text string) []eval.Span {
		var out []eval.Span
		for _, f := range eng.Detect([]byte(text), nil) {
			if f.Type == pi.Place && f.Attr("kind") == detect.KindDivision {
				// a division alone (武汉) is scored only where a corpus
				// takes one (see eval.KindDivision), not as a venue
				out = append(out, eval.Span{Start: f.Start, End: f.End, Label: eval.KindLabel(string(f.Type), f.Attr("kind"))})
				out = appendElementSpans(out, text, f)
				continue
			}
			if (f.Type == pi.PersonName || f.Type == pi.MaskedName) && f.Attr("title") != "" {
				// a surname with a form of address (陈女士): scored
				// where a corpus takes it as a name (see eval mappings)
				out = append(out, eval.Span{Start: f.Start, End: f.End, Label: eval.KindLabel(string(f.Type), "titled")})
				continue
			}
			out = append(out, eval.Span{Start: f.Start, End: f.End, Label: string(f.Type)})
			if k := f.Attr("kind"); k != "" {
				out = append(out, eval.Span{Start: f.Start, End: f.End, Label: eval.KindLabel(string(f.Type), k)})
			}
			if f.Type == pi.Address {
				out = appendElements(out, text, f)
			}
		}
		return out
	}
}

// appendElements adds the elements of an address finding as
// address_<label> spans (as the address corpus names them), and its
// administrative part and the rest as eval.AddressAdmin and
// eval.AddressLocal.
func appendElements(out []eval.Span, text string, f pi.Finding) []eval.Span {
	adminEnd, localStart := -1, -1
	n := len(out)
	out = appendElementSpans(out, text, f)
	for _, s := range out[n:] {
		// A 街道 (an urban sub-district) goes with the place below it,
		// as the COVID-trajectory corpus marks it (345 times inside or as
		// a PLACE, never as a TOWN); a 镇 or 乡 is an administrative
		// division there.
		level := address.LevelOfLabel(strings.TrimPrefix(s.Label, "address_"))
		if address.Administrative(level) && !(level == address.LevelTown && strings.HasSuffix(text[s.Start:s.End], "街道")) {
			adminEnd = s.End
		} else if localStart < 0 {
			localStart = s.Start
		}
	}
	// The administrative part and the part below it, as corpora that
	// annotate them apart (the COVID-trajectory corpus) score them.
	if adminEnd >= 0 && localStart > adminEnd {
		// text the parse left without an element (科苑社区 of
		// 高新区科苑社区嘉和豪庭) is below the divisions
		localStart = adminEnd
	}
	switch {
	case localStart < 0:
		out = append(out, eval.Span{Start: f.Start, End: f.End, Label: eval.AddressAdmin})
	case adminEnd < 0:
		out = append(out, eval.Span{Start: f.Start, End: f.End, Label: eval.AddressLocal})
	default:
		out = append(out, eval.Span{Start: f.Start, End: localStart, Label: eval.AddressAdmin},
			eval.Span{Start: localStart, End: f.End, Label: eval.AddressLocal})
	}
	return out
}

// appendElementSpans adds the elements of a finding (an address, a place
// that names divisions) as address_<label> spans, found by their text in
// the finding's span, coarse to fine.
func appendElementSpans(out []eval.Span, text string, f pi.Finding) []eval.Span {
	at := f.Start
	for _, level := range address.Levels() {
		v := f.Attr(level)
		if v == "" {
			continue
		}
		if k := strings.Index(text[at:f.End], v); k >= 0 {
			out = append(out, eval.Span{Start: at + k, End: at + k + len(v), Label: address.ElementLabel(level)})
			at += k + len(v)
		}
	}
	return out
}

func excerpt(text string, s eval.Span) string {
	a, b := max(0, s.Start-30), min(len(text), s.End+30)
	for a > 0 && !utf8Start(text[a]) {
		a--
	}
	for b < len(text) && !utf8Start(text[b]) {
		b++
	}
	return strings.ReplaceAll(text[a:b], "\n", " ")
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

// withoutLabel keeps the documents that have no gold span with the corpus
// label.
func withoutLabel(docs []eval.Doc, label string) []eval.Doc {
	var out []eval.Doc
	for _, d := range docs {
		ok := true
		for _, g := range d.Gold {
			if g.Label == label {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, d)
		}
	}
	return out
}
