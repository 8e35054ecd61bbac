package policy

import (
	"testing"
)

// BenchmarkDecide decides every request of the embedded packs' tests and
// scenarios in turn with the full embedded pack, explanation included
// (ns/op is per decision).
func BenchmarkDecide(b *testing.B) {
	e, err := Load(Options{})
	if err != nil {
		b.Fatal(err)
	}
	reqs := e.TestRequests()
	if len(reqs) == 0 {
		b.Skip("no test requests")
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := e.Decide(reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLoad measures loading and compiling the embedded packs.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
