package ner

import (
	"fmt"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/tagger"
)

// Corpus names a training corpus: its format (see eval.Formats) and path.
type Corpus struct {
	Name   string
	Format string
	Path   string
}

// SharedCorpora are the training corpora of ../shared/data/train, relative
// to dir.
func SharedCorpora(dir string) []Corpus {
	j := func(p ...string) string { return filepath.Join(append([]string{dir}, p...)...) }
	return []Corpus{
		{"cluener", "cluener", j("cluener2020", "train.json")},
		{"weibo", "conll", j("weibo-ner", "weiboNER_2nd_conll.train")},
		{"resume", "bmes", j("resume-ner", "train.char.bmes")},
		{"resume-dev", "bmes", j("resume-ner", "dev.char.bmes")},
		{"ecr", "ecr", j("ecr-covid-19", "train.txt")},
		{"trajectory", "bmes", j("covid-trajectory-bmes", "train.char.bmes")},
		{"trajectory-dev", "bmes", j("covid-trajectory-bmes", "dev.char.bmes")},
		{"address", "address", j("chinese-address-parsing", "train.txt")},
		{"address-dev", "address", j("chinese-address-parsing", "dev.txt")},
	}
}

// Examples converts annotated documents into training examples for the
// given heads: gold spans mapped to Custos types with m, and a head counted
// as annotated when m maps some label to it — except for the sparse types,
// which count as annotated only in documents that mark at least one of them.
func Examples(docs []eval.Doc, m eval.Mapping, heads, sparse []string) []tagger.Example {
	annotated := make([]bool, len(heads))
	targets := m.Targets()
	any := false
	for h, name := range heads {
		annotated[h] = slices.Contains(targets, name)
		any = any || annotated[h]
	}
	if !any {
		return nil
	}
	var out []tagger.Example
	for _, d := range docs {
		runes := []rune(d.Text)
		// byte offset → rune index
		idx := make([]int, len(d.Text)+1)
		r := 0
		for i := range d.Text {
			idx[i] = r
			r++
		}
		idx[len(d.Text)] = r
		for i := len(d.Text) - 1; i >= 0; i-- {
			if !utf8.RuneStart(d.Text[i]) {
				idx[i] = idx[i+1]
			}
		}
		ex := tagger.Example{Text: runes, Annotated: annotated}
		seen := make([]bool, len(heads))
		for _, g := range d.Gold {
			types := m.Types(g.Label)
			if len(types) == 0 {
				continue
			}
			h := slices.Index(heads, types[0])
			if h < 0 {
				continue
			}
			seen[h] = true
			ex.Spans = append(ex.Spans, tagger.Span{Start: idx[g.Start], End: idx[g.End], Head: h})
		}
		for h, name := range heads {
			if annotated[h] && !seen[h] && slices.Contains(sparse, name) {
				if &ex.Annotated[0] == &annotated[0] {
					ex.Annotated = append([]bool(nil), annotated...)
				}
				ex.Annotated[h] = false
			}
		}
		out = append(out, ex)
	}
	return out
}

// Load reads a corpus.
func Load(c Corpus) ([]eval.Doc, error) {
	docs, err := eval.ReadCorpus(c.Format, c.Path)
	if err != nil && docs == nil {
		return nil, fmt.Errorf("%s: %w", c.Name, err)
	}
	return docs, nil
}

// trainMappings map each corpus's labels to the heads the model learns.
// They differ from eval's default mappings where a corpus's convention is
// not the product's: CLUENER's "address" marks any place name in news (北京)
// and Weibo's LOC/GPE geographic names, neither a venue nor a home address;
// the COVID-trajectory PLACE mixes homes and venues. Those labels teach
// nothing here, and their corpora are not used for the place head.
var trainMappings = map[string]eval.Mapping{
	"cluener":    {"name": "person_name", "company": "organization", "organization": "organization", "government": "organization"},
	"weibo":      {"PER.NAM": "person_name", "ORG.NAM": "organization"},
	"resume":     {"NAME": "person_name", "ORG": "organization"},
	"ecr":        {"Name": "person_name", "Spot": "place", "Location": "place"},
	"trajectory": {"PAT/name": "person_name"},
}

// sparseTypes lists, per corpus, the types whose annotation is document by
// document: a document with no span of the type was not annotated for it
// (in ECR-COVID-19, 250 of the 588 case reports that name a patient mark no
// name at all). Such documents neither train nor score that type.
var sparseTypes = map[string][]string{"ecr": {"person_name", "masked_name"}}

// SparseTypes returns the sparsely annotated types of a corpus (see
// sparseTypes); eval uses the same list to score.
func SparseTypes(corpus string) []string { return sparseTypes[corpus] }

// Split is one corpus cut into its training and development parts.
type Split struct {
	Corpus     Corpus
	Train, Dev []eval.Doc
}

// LoadSplits reads the shared corpora (train and upstream dev files merged
// per corpus) and splits each 80/20 with eval.Split(seed 1), so training and
// the reported dev scores always use the same documents.
func LoadSplits(dir string) ([]Split, error) {
	var out []Split
	byName := map[string]int{}
	for _, c := range SharedCorpora(dir) {
		docs, err := Load(c)
		if err != nil {
			return nil, err
		}
		name := c.Name
		if len(name) > 4 && name[len(name)-4:] == "-dev" {
			name = name[:len(name)-4]
		}
		if i, ok := byName[name]; ok {
			out[i].Train = append(out[i].Train, docs...)
			continue
		}
		byName[name] = len(out)
		c.Name = name
		out = append(out, Split{Corpus: c, Train: docs})
	}
	for i := range out {
		out[i].Train, out[i].Dev = eval.Split(out[i].Train, 0.2, 1)
	}
	return out, nil
}

// DefaultEpochs is the number of perceptron epochs TrainModel runs unless
// told otherwise.
const DefaultEpochs = 30

// TrainConfig configures TrainModel.
type TrainConfig struct {
	Epochs   int     // default DefaultEpochs
	Seed     uint64  // default 1
	Prune    float64 // default 0.03
	Bias     float32 // O-tag bias at decoding, default -3 (favours recall)
	Progress func(head string, epoch, errors, positions int)
}

// TrainModel trains the entity model on the training parts of splits.
func TrainModel(splits []Split, cfg TrainConfig) (*tagger.Model, error) {
	if cfg.Epochs == 0 {
		// the person head is still learning after 10 epochs: on the dev
		// splits 30 gave CLUENER names +0.013 to +0.017 F1 and ECR places
		// +0.02 with every seed tried (1 to 3), Resume unchanged
		cfg.Epochs = DefaultEpochs
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if cfg.Prune == 0 {
		cfg.Prune = 0.03
	}
	if cfg.Bias == 0 {
		cfg.Bias = -3
	}
	var exs []tagger.Example
	for _, s := range splits {
		m, ok := trainMappings[s.Corpus.Name]
		if !ok {
			continue
		}
		exs = append(exs, Examples(s.Train, m, Heads, sparseTypes[s.Corpus.Name])...)
	}
	model, err := tagger.Train(exs, tagger.TrainOptions{Heads: Heads, Lexicon: DefaultLexicon(), Epochs: cfg.Epochs,
		Seed: cfg.Seed, MinCount: 1, Prune: cfg.Prune, Progress: cfg.Progress})
	if err != nil {
		return nil, err
	}
	for h := range Heads {
		model.SetBias(h, cfg.Bias)
	}
	return model, nil
}
