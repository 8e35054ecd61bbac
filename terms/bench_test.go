package terms

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

const benchSize = 64 << 10

func benchFind(b *testing.B, text []byte) {
	b.Helper()
	Find(text, nil) // load the lists outside the timer
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	dst := make([]pi.Finding, 0, 4096)
	n := 0
	for b.Loop() {
		dst = Find(text, dst[:0])
		n = len(dst)
	}
	b.ReportMetric(float64(n), "findings/op")
}

// BenchmarkFind: 64 KB of Chinese news and notice prose (synth.Prose:
// bulletins, court and civil-affairs notices, news fillers).
func BenchmarkFind(b *testing.B) {
	benchFind(b, synth.Prose(1, benchSize, time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)))
}

// BenchmarkFindBulletin: case bulletins, dense with names, ages, symptoms
// and venues.
func BenchmarkFindBulletin(b *testing.B) {
	var s strings.Builder
	for s.Len() < benchSize {
		for _, c := range bulletinCases {
			s.WriteString(c)
			s.WriteByte('\n')
		}
	}
	benchFind(b, []byte(s.String()))
}

// BenchmarkFindNews: 64 KB of real news sentences from CLUENER 2020, when
// the shared corpora are beside the repository.
func BenchmarkFindNews(b *testing.B) { benchFind(b, news(b)) }

// news returns 64 KB of CLUENER 2020 news sentences, one a line, or skips
// the benchmark without the shared corpora.
func news(b *testing.B) []byte {
	b.Helper()
	path := filepath.Join("..", "..", "shared", "data", "train", "cluener2020", "train.json")
	f, err := os.Open(path)
	if err != nil {
		b.Skip("CLUENER not found:", err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	var s strings.Builder
	for s.Len() < benchSize && dec.More() {
		var doc struct{ Text string }
		if err := dec.Decode(&doc); err != nil {
			b.Fatal(err)
		}
		s.WriteString(doc.Text)
		s.WriteByte('\n')
	}
	return []byte(s.String())
}

// BenchmarkAutomaton: one walk of the automaton alone, on synthetic prose
// and on news.
func BenchmarkAutomaton(b *testing.B) {
	b.Run("prose", func(b *testing.B) {
		benchAutomaton(b, synth.Prose(1, benchSize, time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)))
	})
	b.Run("news", func(b *testing.B) { benchAutomaton(b, news(b)) })
}

func benchAutomaton(b *testing.B, text []byte) {
	m := shared()
	b.SetBytes(int64(len(text)))
	hits := make([]hit, 0, 8192)
	for b.Loop() {
		hits = m.ac.find(text, hits[:0])
	}
}
