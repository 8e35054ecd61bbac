package ner

import (
	"os"
	"strings"
	"testing"

	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/tagger"
)

// BenchmarkTagModel runs the model in NER_MODEL (skipped when unset) over
// Chinese prose.
func BenchmarkTagModel(b *testing.B) {
	path := os.Getenv("NER_MODEL")
	if path == "" {
		b.Skip("NER_MODEL not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	m, err := tagger.Load(data, DefaultLexicon())
	if err != nil {
		b.Fatal(err)
	}
	text := []rune(strings.Repeat("市疫情防控指挥部要求各区县严格落实属地责任，做好重点人群排查工作。据报道，王小明说今天下雨了。", 200))
	b.SetBytes(int64(len(string(text))))
	var spans []tagger.Span
	for i := 0; i < b.N; i++ {
		spans = m.Tag(text, DefaultLexicon(), spans[:0])
	}
}

func BenchmarkFind(b *testing.B) {
	r, err := Default()
	if err != nil {
		b.Skip(err)
	}
	text := []byte(strings.Repeat("市疫情防控指挥部要求各区县严格落实属地责任，做好重点人群排查工作。据报道，王小明说今天下雨了。\n", 200))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		out = r.Find(text, out[:0])
	}
}

// BenchmarkFindNews runs the model over CLUENER news sentences (skipped
// without the shared corpora).
func BenchmarkFindNews(b *testing.B) {
	docs, err := eval.ReadCorpus("cluener", sharedTrain+"/cluener2020/train.json")
	if err != nil || len(docs) == 0 {
		b.Skip("shared corpora not present")
	}
	var sb strings.Builder
	for _, d := range docs[:3000] {
		sb.WriteString(d.Text)
		sb.WriteString("\n")
	}
	text := []byte(sb.String())
	r, _ := Default()
	b.SetBytes(int64(len(text)))
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		out = r.Find(text, out[:0])
	}
}
