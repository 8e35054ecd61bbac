package redact

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

// BenchmarkRedactIdentifiers: text de-identification with identifier
// detection (the throughput target, ≥ 40 MB/s per core).
func BenchmarkRedactIdentifiers(b *testing.B) {
	e, err := detect.New(detect.Config{RefDate: ref, Types: pi.IdentifierTypes()})
	if err != nil {
		b.Fatal(err)
	}
	benchRedact(b, e, "epidemic-bulletin")
}

// BenchmarkRedactAll: the same with the whole engine (tagger, addresses,
// term lists).
func BenchmarkRedactAll(b *testing.B) { benchRedact(b, engine, "epidemic-bulletin") }

func benchRedact(b *testing.B, e *detect.Engine, profile string) {
	p, err := Load(profile)
	if err != nil {
		b.Fatal(err)
	}
	text := synth.Prose(5, 1<<20, ref)
	opt := Options{Engine: e, Profile: p, Context: deid.NewContext(testKey, ref)}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Stream(context.Background(), "bench", bytes.NewReader(text), io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRedactRegister: a pupils' register (CSV, 2,000 rows of name,
// sex, age, yes/no labels, guardian, phone, note) through minor-protection:
// the per-cell work of tables, which a cost in reading a cell's label
// multiplies by every cell.
func BenchmarkRedactRegister(b *testing.B) {
	p, err := Load("minor-protection")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString("序号,姓名,性别,年龄,是否留守儿童,是否残疾,监护人,电话,备注\n")
	given := []string{"子涵", "浩然", "梓萱", "一诺", "雨桐", "宇轩", "欣怡", "俊杰"}
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&buf, "%d,王%s,%s,%d,%s,否,李建国,138%08d,无\n", i+1, given[i%len(given)], []string{"男", "女"}[i%2], 6+i%8,
			[]string{"否", "是"}[i%5/4], 25826780+i)
	}
	text := buf.Bytes()
	opt := Options{Engine: engine, Profile: p, Context: deid.NewContext(testKey, ref), Format: "csv"}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Stream(context.Background(), "bench.csv", bytes.NewReader(text), io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}
