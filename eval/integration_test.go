package eval

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// sharedTrain is where the shared training corpora live in a full checkout;
// CI may not have them.
const sharedTrain = "../../shared/data/train"

// realCorpora are the shared corpora with the document counts their
// SOURCES.md give.
var realCorpora = []struct {
	format, path string
	docs         int
}{
	{FormatCLUENER, "cluener2020/train.json", 10748},
	{FormatECR, "ecr-covid-19/train.txt", 1811},
	{FormatCoNLL, "weibo-ner/weiboNER_2nd_conll.train", 1350},
	{FormatBMES, "resume-ner/train.char.bmes", 3821},
	{FormatBMES, "resume-ner/dev.char.bmes", 463},
	{FormatBMES, "covid-trajectory-bmes/train.char.bmes", 7169},
	{FormatBMES, "covid-trajectory-bmes/dev.char.bmes", 2004},
	{FormatAddress, "chinese-address-parsing/train.txt", 8957},
	{FormatAddress, "chinese-address-parsing/dev.txt", 2985},
}

func TestRealCorpora(t *testing.T) {
	if _, err := os.Stat(sharedTrain); err != nil {
		t.Skipf("shared corpora not available: %v", err)
	}
	for _, c := range realCorpora {
		t.Run(c.path, func(t *testing.T) {
			path := filepath.Join(sharedTrain, c.path)
			if _, err := os.Stat(path); err != nil {
				t.Skip(err)
			}
			docs, err := ReadCorpus(c.format, path)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if len(docs) != c.docs {
				t.Errorf("%d docs, want %d", len(docs), c.docs)
			}
			checkSpans(t, docs)

			m := DefaultMapping(c.format)
			counts := CountGold(docs, m)
			// Texts that occur more than once (short sentences such as
			// "男，" do) are left out below, as their annotations may differ.
			times := map[string]int{}
			for _, d := range docs {
				times[d.Text]++
			}
			t.Logf("%d docs, %d distinct texts, gold per type %v", len(docs), len(times), counts)
			if len(counts) == 0 {
				t.Fatal("no gold span maps to a Custos type")
			}

			// A predictor that returns the mapped gold scores 1; one that
			// returns nothing scores 0 recall.
			byText := map[string][]Span{}
			var unique []Doc
			mapped := m.Apply(docs)
			for i, d := range docs {
				if times[d.Text] == 1 {
					byText[d.Text] = mapped[i].Gold
					unique = append(unique, d)
				}
			}
			if len(unique) < len(docs)/2 {
				t.Errorf("only %d of %d texts are unique", len(unique), len(docs))
			}
			r := Evaluate(unique, m, fixed(byText), Options{})
			if r.Total.Exact.Precision() < 0.999 || r.Total.Overlap.Recall() < 0.999 {
				t.Errorf("gold as prediction scores %+v", r.Total)
			}
			r = Evaluate(docs, m, func(string) []Span { return nil }, Options{})
			if r.Total.Exact.TP != 0 || r.Total.Gold == 0 {
				t.Errorf("empty predictor scores %+v", r.Total)
			}
		})
	}
}

// TestRealIdentifierGold pins what the identifier recognizers can be scored
// on in the shared corpora.
func TestRealIdentifierGold(t *testing.T) {
	path := filepath.Join(sharedTrain, "ecr-covid-19/train.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip(err)
	}
	docs, err := ReadCorpus(FormatECR, path)
	if err != nil {
		t.Fatal(err)
	}
	m := DefaultMapping(FormatECR)
	counts := CountGold(docs, m)
	for typ, least := range map[string]int{"date": 4000, "train_number": 80, "flight_number": 20, "license_plate": 8, "seat_number": 40} {
		if counts[typ] < least {
			t.Errorf("%s: %d gold spans, want at least %d", typ, counts[typ], least)
		}
		t.Logf("%s: %d gold spans in %d docs", typ, counts[typ], len(Filter(docs, m, typ)))
	}
	for _, d := range Filter(docs, m, "train_number") {
		if !slices.ContainsFunc(d.Gold, func(g Span) bool { return g.Label == "Vehicle/train" }) {
			t.Fatalf("Filter kept %s without a train number", d.ID)
		}
	}
}
