package address

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/pinned-dev.json with the current scores")

// TestPinnedDevScores pins the committed model's exact-span F1 on the dev
// part of the address corpus (eval.Split(train+dev, 0.2, 1)), per element
// type, micro-averaged over the elements, and for whole addresses. It needs
// the shared corpora and is skipped without them.
func TestPinnedDevScores(t *testing.T) {
	if _, err := os.Stat(sharedTrain); err != nil {
		t.Skip("shared corpora not present")
	}
	_, dev, err := CorpusSplit(sharedTrain)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	els, whole := EvaluateDev(m, dev, nil)
	got := map[string]float64{
		"micro":   els.Total.Exact.F1(),
		"address": whole.Total.Exact.F1(),
	}
	for _, ts := range els.Types {
		got[ts.Type] = ts.Exact.F1()
	}
	path := filepath.Join("testdata", "pinned-dev.json")
	if *update {
		data, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./address -run Pinned -update)", err)
	}
	var want map[string]float64
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for typ, f1 := range want {
		if g := got[typ]; g < f1-0.002 {
			t.Errorf("%s: F1 %.4f, pinned %.4f: the model or the parser got worse", typ, g, f1)
		}
	}
	t.Logf("dev: element micro F1 %.4f, whole-address F1 %.4f", got["micro"], got["address"])
}
