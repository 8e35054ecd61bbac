package redact

import (
	"bytes"
	"context"
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
