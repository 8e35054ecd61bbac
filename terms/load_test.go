package terms

import "testing"

// BenchmarkLoad: parsing and compiling the embedded lists, which the first
// Find pays once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := checkLists(); err != nil {
			b.Fatal(err)
		}
	}
}
