package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// ecrShaped builds n JSON lines shaped like ECR-COVID-19: a case report of
// about 300 characters, 30 entities, and the patient and event tuples that
// repeat them.
func ecrShaped(n int) []byte {
	clause := "患者李某某，女，56岁，1月20日乘G1234次列车返回，现在定点医疗机构隔离治疗。"
	labels := []string{"Name", "Gender", "Age", "Date", "Vehicle", "Date", "Location"}
	offsets := [][2]int{{2, 5}, {6, 7}, {8, 11}, {12, 17}, {18, 26}, {29, 31}, {31, 37}}
	var b bytes.Buffer
	for i := range n {
		var text strings.Builder
		var ents [][3]any
		base := 0
		for range 5 {
			text.WriteString(clause)
			for j, o := range offsets {
				ents = append(ents, [3]any{base + o[0], base + o[1], labels[j]})
			}
			base += len([]rune(clause))
		}
		line, _ := json.Marshal(map[string]any{
			"doc_id":    i,
			"text":      text.String(),
			"entities":  ents,
			"patient":   ents[:4],
			"relations": []any{},
			"events":    []any{map[string]any{"type": ents[3], "tuple": ents[:6]}},
		})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func BenchmarkParseCorpusECR(b *testing.B) {
	data := ecrShaped(200)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		docs, err := ParseCorpus(FormatECR, bytes.NewReader(data), "bench")
		if err != nil || len(docs) != 200 {
			b.Fatalf("%d docs, %v", len(docs), err)
		}
	}
}

func BenchmarkParseCorpusBMES(b *testing.B) {
	var sb strings.Builder
	for range 2000 {
		sb.WriteString("李 B-PAT\n某 I-PAT\n某 E-PAT\n， O\n男 S-GEN\n， O\n5 B-AGE\n6 I-AGE\n岁 E-AGE\n湖 B-PROVINCE\n北 E-PROVINCE\n武 B-CITY\n汉 E-CITY\n\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCorpus(FormatBMES, bytes.NewReader(data), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	docs, err := ParseCorpus(FormatECR, bytes.NewReader(ecrShaped(200)), "bench")
	if err != nil {
		b.Fatal(err)
	}
	m := DefaultMapping(FormatECR)
	mapped := m.Apply(docs)
	byText := map[string][]Span{}
	size := 0
	for i, d := range docs {
		byText[d.Text] = mapped[i].Gold
		size += len(d.Text)
	}
	p := fixed(byText)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		r := Evaluate(docs, m, p, Options{})
		if r.Total.Exact.F1() != 1 {
			b.Fatal(fmt.Sprint(r.Total))
		}
	}
}
