package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/pi"
)

// TestAppendElements: an address finding's elements are scored where the
// corpus marks them, found by their text in the finding, coarse to fine.
func TestAppendElements(t *testing.T) {
	text := "现住址为蚌埠市禹会区张公山街道张公山六村613栋。"
	start := len("现住址为")
	f := pi.Finding{Type: pi.Address, Start: start, End: start + len("蚌埠市禹会区张公山街道张公山六村613栋")}
	for _, kv := range [][2]string{{"city", "蚌埠市"}, {"district", "禹会区"}, {"town", "张公山街道"}, {"community", "张公山六村"}, {"houseno", "613栋"}} {
		f.SetAttr(kv[0], kv[1])
	}
	var got []string
	for _, s := range appendElements(nil, text, f) {
		got = append(got, fmt.Sprintf("%s=%s", s.Label, text[s.Start:s.End]))
	}
	want := []string{"address_city=蚌埠市", "address_district=禹会区", "address_town=张公山街道", "address_community=张公山六村", "address_houseno=613栋"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestPinnedKindScores pins the whole engine's scores on the kinds the
// COVID-trajectory and ECR dev splits mark (onset dates, symptoms): it
// fails when a change makes them drop. Skipped without the shared corpora.
func TestPinnedKindScores(t *testing.T) {
	const dir = "../../../shared/data/train/"
	eng, err := detect.New(detect.Config{RefDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		format, path string
		pins         map[string]float64 // type → lowest exact F1
	}{
		{"bmes", dir + "covid-trajectory-bmes/train.char.bmes+" + dir + "covid-trajectory-bmes/dev.char.bmes",
			map[string]float64{"date:onset": 0.88, "health:symptom": 0.79}},
		{"ecr", dir + "ecr-covid-19/train.txt", map[string]float64{"health:symptom": 0.85}},
	} {
		var docs []eval.Doc
		for _, p := range strings.Split(tt.path, "+") {
			d, err := eval.ReadCorpus(tt.format, p)
			if err != nil && d == nil {
				t.Skip(err)
			}
			docs = append(docs, d...)
		}
		_, dev := eval.Split(docs, 0.2, 1)
		var types []string
		for ty := range tt.pins {
			types = append(types, ty)
		}
		rep := eval.Evaluate(dev, eval.DefaultMapping(tt.format), predictor(eng), eval.Options{Types: types})
		for _, s := range rep.Types {
			if pin, ok := tt.pins[s.Type]; ok {
				if f1 := s.Exact.F1(); f1 < pin {
					t.Errorf("%s %s: F1 %.3f, pinned %.3f", tt.format, s.Type, f1, pin)
				}
				delete(tt.pins, s.Type)
			}
		}
		if len(tt.pins) > 0 {
			t.Errorf("%s: not scored: %v", tt.format, tt.pins)
		}
	}
}
