package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s\nwant:\n%s", name, got, want)
	}
}

func sampleReport() Report {
	text := "患者李某某，男，56岁，1月20日乘G1234次列车"
	docs := []Doc{{ID: "1", Text: text, Gold: []Span{
		{6, 15, "Name"}, {18, 21, "Gender"}, {24, 29, "Age"}, {32, 41, "Date/calendar"}, {44, 49, "Vehicle/train"},
	}}}
	p := fixed(map[string][]Span{text: {
		{6, 12, "person_name"}, {32, 41, "date"}, {44, 49, "train_number"}, {24, 26, "age"}, {0, 6, "person_name"},
	}})
	r := Evaluate(docs, DefaultMapping(FormatECR), p, Options{Corpus: "ecr-covid-19 (sample)", Threshold: 0.5})
	r.Elapsed = 2 * time.Millisecond
	return r
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.txt", b.Bytes())
}

func TestWriteJSON(t *testing.T) {
	r := sampleReport()
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", b.Bytes())

	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Total != r.Total || len(back.Types) != len(r.Types) || back.Elapsed != r.Elapsed {
		t.Errorf("JSON round trip: got %+v, want %+v", back, r)
	}

	b.Reset()
	if err := (Report{}).WriteJSON(&b); err != nil || !bytes.Contains(b.Bytes(), []byte(`"types": []`)) {
		t.Errorf("empty report: %s %v", b.Bytes(), err)
	}
}
