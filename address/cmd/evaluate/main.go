// Command evaluate measures the embedded address model: element and
// whole-address F1 on the address corpus's dev split, false findings in
// news prose, recall on epidemic bulletins and Find's speed.
//
// Run it from the module root:
//
//	go run ./address/cmd/evaluate [-data ../shared/data/train] [-show N]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/eval"
)

func main() {
	data := flag.String("data", "../shared/data/train", "directory of the shared training corpora")
	show := flag.Int("show", 0, "print this many findings in prose and misses in bulletins")
	flag.Parse()
	if err := run(*data, *show, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "evaluate:", err)
		os.Exit(1)
	}
}

func run(data string, show int, w io.Writer) error {
	m, err := address.Default()
	if err != nil {
		return err
	}
	// 1. address corpus dev split
	_, dev, err := address.CorpusSplit(data)
	if err != nil {
		return err
	}
	els, whole := address.EvaluateDev(m, dev, nil)
	fmt.Fprintf(w, "== address corpus dev split: %d addresses (Parse)\n%-20s %6s %6s %6s %6s\n", len(dev), "type", "gold", "P", "R", "F1")
	for _, ts := range append(els.Types, whole.Types...) {
		fmt.Fprintf(w, "%-20s %6d %6.3f %6.3f %6.3f\n", ts.Type, ts.Gold, ts.Exact.Precision(), ts.Exact.Recall(), ts.Exact.F1())
	}
	fmt.Fprintf(w, "%-20s %6d %6.3f %6.3f %6.3f\n", "micro (elements)", els.Total.Gold, els.Total.Exact.Precision(), els.Total.Exact.Recall(), els.Total.Exact.F1())

	// 2. prose: CLUENER sentences without an address label
	cl, err := eval.ReadCorpus(eval.FormatCLUENER, filepath.Join(data, "cluener2020", "train.json"))
	if err != nil {
		return err
	}
	_, clDev := eval.Split(cl, 0.2, 1)
	for _, part := range []struct {
		name string
		docs []eval.Doc
	}{{"cluener dev split (not trained on)", clDev}, {"cluener all", cl}} {
		var n, size int
		var buf bytes.Buffer
		shown := 0
		for _, d := range part.docs {
			if hasLabel(d, "address") {
				continue
			}
			size += len(d.Text)
			fs := m.Find([]byte(d.Text), nil)
			n += len(fs)
			for _, f := range fs {
				if shown < show {
					shown++
					fmt.Fprintf(&buf, "  %q %.2f level=%s in %s\n", d.Text[f.Start:f.End], f.Score, f.Attr("level"), d.Text)
				}
			}
		}
		fmt.Fprintf(w, "== prose without addresses, %s: %d bytes, %d findings = %.1f per MB\n%s", part.name, size, n, float64(n)/float64(size)*1e6, buf.String())
	}
	// findings in CLUENER sentences that have an address label
	{
		var withAddr []eval.Doc
		for _, d := range cl {
			if hasLabel(d, "address") {
				withAddr = append(withAddr, d)
			}
		}
		rep := eval.Evaluate(withAddr, eval.Mapping{"address": "address"}, findPredictor(m), eval.Options{Types: []string{"address"}})
		ts := rep.Total
		fmt.Fprintf(w, "== cluener sentences with an address label: %d docs, gold %d, found %d; overlap P %.3f R %.3f\n", len(withAddr), ts.Gold, ts.Pred, ts.Overlap.Precision(), ts.Overlap.Recall())
	}

	// 3. ECR-COVID-19 ResidencePlace
	ecr, err := eval.ReadCorpus(eval.FormatECR, filepath.Join(data, "ecr-covid-19", "train.txt"))
	if err != nil {
		return err
	}
	rep := eval.Evaluate(ecr, eval.Mapping{"ResidencePlace": "address"}, findPredictor(m), eval.Options{Types: []string{"address"}})
	ts := rep.Total
	fmt.Fprintf(w, "== ECR-COVID-19 ResidencePlace: gold %d, found %d; exact P %.3f R %.3f; overlap P %.3f R %.3f\n",
		ts.Gold, ts.Pred, ts.Exact.Precision(), ts.Exact.Recall(), ts.Overlap.Precision(), ts.Overlap.Recall())
	if show > 0 {
		shown := 0
		eval.Evaluate(ecr, eval.Mapping{"ResidencePlace": "address"}, findPredictor(m), eval.Options{Types: []string{"address"}, Observe: func(o eval.Outcome) {
			if !o.Overlap && shown < show {
				shown++
				kind := "FP"
				if o.Gold {
					kind = "FN"
				}
				ctx := o.Doc.Text[max(0, o.Span.Start-30):min(len(o.Doc.Text), o.Span.End+30)]
				fmt.Fprintf(w, "  %s %q in …%s…\n", kind, o.Doc.Text[o.Span.Start:o.Span.End], strings.ReplaceAll(ctx, "\n", " "))
			}
		}})
	}

	// 4. covid-trajectory
	var traj []eval.Doc
	for _, f := range []string{"train.char.bmes", "dev.char.bmes"} {
		d, err := eval.ReadCorpus(eval.FormatBMES, filepath.Join(data, "covid-trajectory-bmes", f))
		if err != nil {
			return err
		}
		traj = append(traj, d...)
	}
	mp := eval.DefaultMapping(eval.FormatBMES)
	rep = eval.Evaluate(traj, mp, findPredictor(m), eval.Options{Types: []string{"address", "address_city", "address_district", "address_town", "address_prov"}})
	fmt.Fprintf(w, "== covid-trajectory (train+dev, %d sentences): Find\n%-20s %6s %6s %8s %8s\n", len(traj), "type", "gold", "pred", "exact R", "overlap R")
	for _, ts := range rep.Types {
		fmt.Fprintf(w, "%-20s %6d %6d %8.3f %8.3f\n", ts.Type, ts.Gold, ts.Pred, ts.Exact.Recall(), ts.Overlap.Recall())
	}
	place := eval.Evaluate(traj, eval.Mapping{"PLACE": "address"}, findPredictor(m), eval.Options{Types: []string{"address"}})
	fmt.Fprintf(w, "%-20s %6d %6d %8.3f %8.3f   (PLACE spans: venues and addresses)\n", "PLACE", place.Total.Gold, place.Total.Pred, place.Total.Exact.Recall(), place.Total.Overlap.Recall())
	// PLACE spans that are addresses by the package's definition: they
	// hold a house number, a building, a road, a village or a compound
	var addrLike []eval.Doc
	for _, d := range traj {
		c := eval.Doc{ID: d.ID, Text: d.Text}
		for _, g := range d.Gold {
			if g.Label == "PLACE" && addressLike(d.Text[g.Start:g.End]) {
				c.Gold = append(c.Gold, g)
			}
		}
		if len(c.Gold) > 0 {
			addrLike = append(addrLike, c)
		}
	}
	place = eval.Evaluate(addrLike, eval.Mapping{"PLACE": "address"}, findPredictor(m), eval.Options{Types: []string{"address"}})
	fmt.Fprintf(w, "%-20s %6d %6s %8.3f %8.3f   (PLACE spans with 号 栋 单元 室 路 街 村 小区 …)\n", "PLACE address-like", place.Total.Gold, "", place.Total.Exact.Recall(), place.Total.Overlap.Recall())

	// 5. speed on prose
	var prose bytes.Buffer
	for _, d := range cl {
		prose.WriteString(d.Text)
		prose.WriteByte('\n')
	}
	speed := func(name string, text []byte) {
		m.Find(text, nil)
		t0, c0 := time.Now(), cpuTime()
		reps := 0
		for time.Since(t0) < 3*time.Second {
			m.Find(text, nil)
			reps++
		}
		wall, cpu := time.Since(t0), cpuTime()-c0
		mb := float64(len(text)*reps) / 1e6
		fmt.Fprintf(w, "== speed: Find on %s (%d bytes): %.1f MB/s wall, %.1f MB per CPU-second\n", name, len(text), mb/wall.Seconds(), mb/cpu.Seconds())
	}
	speed("CLUENER news, all sentences", prose.Bytes())
	prose.Reset()
	for _, d := range cl {
		if !hasLabel(d, "address") {
			prose.WriteString(d.Text)
			prose.WriteByte('\n')
		}
	}
	speed("CLUENER news without address labels", prose.Bytes())
	return nil
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// addressLike reports whether a place name has an element finer than a
// township by its wording.
func addressLike(s string) bool {
	for _, w := range []string{"号", "栋", "幢", "单元", "室", "路", "街", "巷", "弄", "村", "小区", "花园", "苑", "社区", "组"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasLabel(d eval.Doc, label string) bool {
	for _, g := range d.Gold {
		if g.Label == label {
			return true
		}
	}
	return false
}

// findPredictor reports Find's addresses as "address" and their elements
// as "address_<label>".
func findPredictor(m *address.Model) eval.Predictor {
	return func(text string) []eval.Span {
		var out []eval.Span
		for _, a := range m.FindAddresses([]byte(text)) {
			out = append(out, eval.Span{Start: a.Start, End: a.End, Label: "address"})
			for _, e := range a.Elements {
				l := e.Level
				if l == address.LevelProvince {
					l = "prov"
				}
				out = append(out, eval.Span{Start: e.Start, End: e.End, Label: "address_" + l})
			}
		}
		return out
	}
}
