package risk

import (
	"context"
	"runtime"
	"testing"
)

// retainedAfterRead reads a generated table of n rows, streamed through a
// pipe (never held whole), and returns the heap still in use with the
// table alive, and the table's number of classes.
func retainedAfterRead(t *testing.T, n int) (uint64, int) {
	t.Helper()
	runtime.GC()
	tb, err := ReadTable(context.Background(), synthReader(n, 5), TableOptions{Name: "synth.csv",
		Select: Selection{QI: []string{"年龄", "性别", "区县"}, Sensitive: []string{"诊断"}}})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows != int64(n) {
		t.Fatalf("read %d rows, want %d", tb.Rows, n)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	classes := tb.Classes()
	runtime.KeepAlive(tb)
	return ms.HeapAlloc, classes
}

// TestStreamingMemory reads tables of 50,000 and 200,000 rows over three
// quasi-identifiers with at most 100 × 2 × 174 tuples: what stays in
// memory follows the distinct tuples, not the rows.
func TestStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 250,000 generated rows")
	}
	small, c1 := retainedAfterRead(t, 50_000)
	large, c2 := retainedAfterRead(t, 200_000)
	t.Logf("50k rows: %d classes, heap %.1f MiB; 200k rows: %d classes, heap %.1f MiB", c1, float64(small)/(1<<20), c2, float64(large)/(1<<20))
	// 200,000 rows of this table are about 12 MB of CSV; keeping them
	// would show. The tables, models and classes stay well under that
	// difference.
	const slack = 6 << 20
	if large > small+slack {
		t.Errorf("heap grew from %d to %d bytes with 4× the rows (classes %d → %d)", small, large, c1, c2)
	}
	if large > 96<<20 {
		t.Errorf("heap %d bytes after reading 200,000 rows", large)
	}
}
