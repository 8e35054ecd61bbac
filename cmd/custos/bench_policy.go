package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/custos-project/custos/policy"
)

// policyBenchResult is what `custos bench --policy` measures.
type policyBenchResult struct {
	Rules        int     `json:"rules"`
	Requests     int     `json:"requests"`
	Decisions    int     `json:"decisions"`
	LoadMedianMS float64 `json:"load_median_ms"`
	P50us        float64 `json:"p50_us"`
	P90us        float64 `json:"p90_us"`
	P99us        float64 `json:"p99_us"`
	MeanUS       float64 `json:"mean_us"`
	PerSecond    float64 `json:"decisions_per_second"`
}

// policyBench loads the embedded packs several times (median load time),
// then decides every request of the packs' tests and scenarios in turn on
// one core for at least minSecs, timing each decision (explanation
// included).
func policyBench(pf *policyFlags, minSecs float64) (policyBenchResult, error) {
	var res policyBenchResult
	var loads []time.Duration
	var eng *policy.Engine
	for range 9 {
		e, err := pf.engine()
		if err != nil {
			return res, err
		}
		loads = append(loads, e.LoadTime)
		eng = e
	}
	slices.Sort(loads)
	res.LoadMedianMS = float64(loads[len(loads)/2].Microseconds()) / 1000
	res.Rules = len(eng.Rules())
	reqs := eng.TestRequests()
	if len(reqs) == 0 {
		return res, fmt.Errorf("no test requests to measure")
	}
	res.Requests = len(reqs)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	// Warm up, then measure.
	for _, r := range reqs {
		if _, err := eng.Decide(r); err != nil {
			return res, err
		}
	}
	times := make([]time.Duration, 0, 1<<20)
	start := time.Now()
	deadline := start.Add(time.Duration(minSecs * float64(time.Second)))
	for i := 0; time.Now().Before(deadline) || i < len(reqs); i++ {
		t0 := time.Now()
		if _, err := eng.Decide(reqs[i%len(reqs)]); err != nil {
			return res, err
		}
		times = append(times, time.Since(t0))
	}
	total := time.Since(start)
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))].Nanoseconds()) / 1000
	}
	var sum time.Duration
	for _, t := range times {
		sum += t
	}
	res.Decisions = len(times)
	res.P50us, res.P90us, res.P99us = pct(0.5), pct(0.9), pct(0.99)
	res.MeanUS = float64(sum.Nanoseconds()) / float64(len(times)) / 1000
	res.PerSecond = float64(len(times)) / total.Seconds()
	return res, nil
}

func writePolicyBench(w io.Writer, r policyBenchResult, asJSON bool) error {
	if asJSON {
		return writeJSON(w, r)
	}
	fmt.Fprintf(w, "policy engine: %d rules, %d distinct requests, %d decisions on 1 core\n", r.Rules, r.Requests, r.Decisions)
	fmt.Fprintf(w, "load (parse + compile, median of 9): %.1f ms\n", r.LoadMedianMS)
	fmt.Fprintf(w, "decision latency: p50 %.2f µs, p90 %.2f µs, p99 %.2f µs, mean %.2f µs (%.0f decisions/s)\n",
		r.P50us, r.P90us, r.P99us, r.MeanUS, r.PerSecond)
	return nil
}
