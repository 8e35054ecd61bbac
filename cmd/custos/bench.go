package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/report"
	"github.com/custos-project/custos/scan"
	"github.com/custos-project/custos/synth"
)

// benchResult is one throughput measurement.
type benchResult struct {
	Name     string  `json:"name"`
	Workers  int     `json:"workers"`
	Bytes    int64   `json:"bytes"`
	Seconds  float64 `json:"seconds"`
	MBps     float64 `json:"mb_per_s"`
	Findings int     `json:"findings"`
}

func newBenchCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		ef       engineFlags
		corpus   string
		sizeMB   int
		workers  string
		minSecs  float64
		streamMB int
		asJSON   bool
		idsOnly  bool
		polBench bool
	)
	c := &cobra.Command{
		Use:   "bench",
		Short: "Measure detection throughput (MB/s on 1 core and all cores) and peak memory",
		Long: `Measure the detection engine's throughput on a corpus held in memory — by
default synthetic Chinese prose with sparse identifiers — with 1 worker and with
all cores, then (with --stream) the whole scan pipeline over a generated stream
of the given size, reporting MB/s and the process's peak resident memory.

With --policy it measures the policy engine instead: rule-pack load time and
the latency of deciding the packs' test requests on one core (p50/p90/p99).`,
		Example: `  custos bench
  custos bench --corpus notices.txt --workers 1,2
  custos bench --stream 1024
  custos bench --policy`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if polBench {
				r, err := policyBench(&policyFlags{}, minSecs)
				if err != nil {
					return err
				}
				return writePolicyBench(stdout, r, asJSON)
			}
			if idsOnly {
				if len(ef.types) > 0 {
					return usagef("--identifiers and --types cannot be combined")
				}
				for _, t := range pi.IdentifierTypes() {
					ef.types = append(ef.types, string(t))
				}
			}
			eng, err := ef.engine()
			if err != nil {
				return err
			}
			var text []byte
			name := ""
			if corpus != "" {
				if text, err = os.ReadFile(corpus); err != nil {
					return err
				}
				name = corpus
			} else {
				text = synth.Prose(7, sizeMB<<20, synthRef)
				name = fmt.Sprintf("synthetic prose %d MiB", sizeMB)
			}
			frags := splitFragments(text, extract.DefaultMaxFragment)
			var results []benchResult
			for _, ws := range strings.Split(workers, ",") {
				w, err := strconv.Atoi(strings.TrimSpace(ws))
				if ws == "all" || ws == "" {
					w, err = runtime.NumCPU(), nil
				}
				if err != nil || w < 1 {
					return usagef("--workers %q: want a list like 1,2 or all", workers)
				}
				results = append(results, throughput(cmd.Context(), eng, name, frags, w, minSecs))
			}
			if streamMB > 0 {
				r, err := streamBench(cmd.Context(), eng, int64(streamMB)<<20)
				if err != nil {
					return err
				}
				results = append(results, r)
			}
			rss := peakRSS()
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Results   []benchResult `json:"results"`
					PeakRSSMB float64       `json:"peak_rss_mib"`
					GoVersion string        `json:"go"`
					CPUs      int           `json:"cpus"`
				}{results, rss, runtime.Version(), runtime.NumCPU()})
			}
			fmt.Fprintf(stdout, "%-40s %7s %10s %8s %9s\n", "corpus", "workers", "MB/s", "seconds", "findings")
			for _, r := range results {
				fmt.Fprintf(stdout, "%-40s %7d %10.1f %8.2f %9d\n", r.Name, r.Workers, r.MBps, r.Seconds, r.Findings)
			}
			if len(results) >= 2 && results[0].Workers == 1 && results[1].Workers > 1 && results[0].Name == results[1].Name {
				fmt.Fprintf(stdout, "scaling %d workers / 1 worker: %.2fx\n", results[1].Workers, results[1].MBps/results[0].MBps)
			}
			fmt.Fprintf(stdout, "peak RSS: %.1f MiB (%s, %d CPUs)\n", rss, runtime.Version(), runtime.NumCPU())
			return nil
		},
	}
	ef.register(c, 0.25)
	c.Flags().StringVar(&corpus, "corpus", "", "text file to measure on (default: synthetic prose)")
	c.Flags().IntVar(&sizeMB, "size", 32, "size of the synthetic corpus in MiB")
	c.Flags().StringVar(&workers, "workers", "1,all", "worker counts to measure, e.g. 1,2")
	c.Flags().Float64Var(&minSecs, "seconds", 3, "measure each worker count for at least this long")
	c.Flags().IntVar(&streamMB, "stream", 0, "also scan a generated stream of this many MiB through the whole pipeline")
	c.Flags().BoolVar(&asJSON, "json", false, "JSON output")
	c.Flags().BoolVar(&idsOnly, "identifiers", false, "identifier types only (no tagger, term lists or subjects)")
	c.Flags().BoolVar(&polBench, "policy", false, "measure the policy engine with the embedded packs (load time, decision latency) instead")
	return c
}

// splitFragments cuts text at line ends into pieces of about size bytes, as
// the text reader does.
func splitFragments(text []byte, size int) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		n := min(size, len(text))
		if n < len(text) {
			if i := bytes.LastIndexByte(text[:n], '\n'); i > 0 {
				n = i + 1
			}
		}
		out = append(out, text[:n])
		text = text[n:]
	}
	return out
}

// throughput runs the engine over all fragments with w goroutines, round
// after round, for at least minSecs.
func throughput(ctx context.Context, eng *detect.Engine, name string, frags [][]byte, w int, minSecs float64) benchResult {
	var total int64
	for _, f := range frags {
		total += int64(len(f))
	}
	res := benchResult{Name: name, Workers: w}
	start := time.Now()
	for rounds := 0; rounds == 0 || time.Since(start).Seconds() < minSecs; rounds++ {
		if ctx.Err() != nil {
			break
		}
		next := make(chan []byte, len(frags))
		for _, f := range frags {
			next <- f
		}
		close(next)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := 0; i < w; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf = eng.Detect(nil, nil)
				n := 0
				for f := range next {
					buf = eng.Detect(f, buf[:0])
					n += len(buf)
				}
				mu.Lock()
				if rounds == 0 {
					res.Findings += n
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		res.Bytes += total
	}
	res.Seconds = time.Since(start).Seconds()
	res.MBps = float64(res.Bytes) / 1e6 / res.Seconds
	return res
}

// repeatReader yields n bytes by repeating a block of prose.
type repeatReader struct {
	block []byte
	off   int
	left  int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(int64(len(p)), r.left)], r.block[r.off:])
	r.off = (r.off + n) % len(r.block)
	r.left -= int64(n)
	return n, nil
}

// streamBench scans a generated stream of n bytes through the whole
// pipeline (reader, engine on all cores, JSONL writer to io.Discard).
func streamBench(ctx context.Context, eng *detect.Engine, n int64) (benchResult, error) {
	block := synth.Prose(11, 4<<20, synthRef)
	block = block[:bytes.LastIndexByte(block, '\n')+1]
	debug.FreeOSMemory()
	w, _ := report.NewWriter("jsonl", io.Discard)
	start := time.Now()
	res, err := scan.Run(ctx, eng, []string{"-"}, &repeatReader{block: block, left: n}, scan.Options{}, w)
	if err != nil {
		return benchResult{}, err
	}
	secs := time.Since(start).Seconds()
	return benchResult{Name: fmt.Sprintf("pipeline stream %d MiB (stdin→jsonl)", n>>20), Workers: runtime.GOMAXPROCS(0),
		Bytes: res.Summary.Bytes, Seconds: secs, MBps: float64(res.Summary.Bytes) / 1e6 / secs, Findings: res.Summary.Findings}, nil
}

// peakRSS reads the process's peak resident set size in MiB (Linux
// /proc/self/status VmHWM; 0 elsewhere).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
