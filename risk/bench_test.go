package risk

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// synthFile writes a synthetic table of n rows in a temporary directory
// and returns its path and size. (With b.Loop the benchmark function runs
// once, so the table is written once per benchmark.)
func synthFile(b *testing.B, n int) (string, int64) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "synth.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeSynth(f, n, 1); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, st.Size()
}

// benchReport runs what `custos risk table.csv` does on an n-row, 8-column
// table: read once, choose the columns by name, measure, search the
// lattice for k=5 with 1% suppression, measure the result.
func benchReport(b *testing.B, n int, search bool) {
	path, size := synthFile(b, n)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		tb, err := ReadTable(context.Background(), f, TableOptions{Name: path})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		rep, err := tb.Analyze(AnalyzeOptions{Target: Target{K: 5, MaxSuppress: 0.01}, Search: search})
		if err != nil {
			b.Fatal(err)
		}
		if search && !rep.Search.Found {
			b.Fatal("no generalization found")
		}
		b.ReportMetric(float64(tb.Classes()), "classes")
	}
}

// BenchmarkTableReport1M is the target: a 1,000,000-row, 8-column table
// (record key, age, sex, county, date, occupation, ethnic group,
// diagnosis). Run it with -benchtime=1x.
func BenchmarkTableReport1M(b *testing.B) { benchReport(b, 1_000_000, true) }

// BenchmarkTableMeasure1M is the same without the search.
func BenchmarkTableMeasure1M(b *testing.B) { benchReport(b, 1_000_000, false) }

func BenchmarkTableReport100k(b *testing.B) { benchReport(b, 100_000, true) }

// BenchmarkReadTable100k measures reading alone.
func BenchmarkReadTable100k(b *testing.B) {
	path, size := synthFile(b, 100_000)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ReadTable(context.Background(), f, TableOptions{Name: path}); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
