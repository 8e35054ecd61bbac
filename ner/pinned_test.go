package ner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custos-project/custos/eval"
)

var update = flag.Bool("update", false, "rewrite the pinned scores and the ECR dev slice")

const sharedTrain = "../../shared/data/train"

// scores are pinned F1 values per corpus and type.
type scores map[string]map[string]float64

func evaluate(t *testing.T, r *Recognizer, docs []eval.Doc, format string) map[string]float64 {
	t.Helper()
	types := []string{"person_name", "masked_name", "organization", "place"}
	rep := eval.Evaluate(docs, eval.DefaultMapping(format), func(text string) []eval.Span {
		var out []eval.Span
		for _, f := range r.Find([]byte(text), nil) {
			out = append(out, eval.Span{Start: f.Start, End: f.End, Label: string(f.Type)})
		}
		return out
	}, eval.Options{Types: types, Sparse: eval.DefaultSparse(format)})
	got := map[string]float64{}
	for _, s := range rep.Types {
		if s.Gold > 0 && !strings.Contains(s.Type, ":") { // the tagger alone marks no kinds
			got[s.Type] = s.Exact.F1()
		}
	}
	return got
}

func checkPinned(t *testing.T, file string, got scores) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		data, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ner -update)", err)
	}
	var want scores
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for corpus, types := range want {
		for typ, f1 := range types {
			g, ok := got[corpus][typ]
			if !ok || g < f1-0.002 {
				t.Errorf("%s %s: F1 %.4f, pinned %.4f: the model got worse", corpus, typ, g, f1)
			}
		}
	}
}

// TestPinnedECRSlice pins the model's scores on the dev part of
// ECR-COVID-19 (Apache-2.0), committed in testdata so the test always runs.
func TestPinnedECRSlice(t *testing.T) {
	slice := filepath.Join("testdata", "ecr-dev.jsonl")
	if *update {
		writeECRSlice(t, slice)
	}
	docs, err := eval.ReadCorpus("ecr", slice)
	if err != nil {
		t.Fatal(err)
	}
	r := recognizer(t)
	checkPinned(t, "pinned-ecr.json", scores{"ecr": evaluate(t, r, docs, "ecr")})
}

// TestPinnedDevSplits pins the scores on the dev split of every shared
// corpus; it needs ../shared/data/train and is skipped without it.
func TestPinnedDevSplits(t *testing.T) {
	if _, err := os.Stat(sharedTrain); err != nil {
		t.Skip("shared corpora not present")
	}
	splits, err := LoadSplits(sharedTrain)
	if err != nil {
		t.Fatal(err)
	}
	r := recognizer(t)
	got := scores{}
	for _, s := range splits {
		if res := evaluate(t, r, s.Dev, s.Corpus.Format); len(res) > 0 {
			got[s.Corpus.Name] = res
		}
	}
	checkPinned(t, "pinned-dev.json", got)
}

// writeECRSlice copies the raw ECR records of the dev split.
func writeECRSlice(t *testing.T, out string) {
	raw, err := os.ReadFile(filepath.Join(sharedTrain, "ecr-covid-19", "train.txt"))
	if err != nil {
		t.Skip("shared corpora not present:", err)
	}
	var b bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) == nil && eval.InDev(rec.Text, 0.2, 1) {
			b.Write(sc.Bytes())
			b.WriteByte('\n')
		}
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
