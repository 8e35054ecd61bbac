package pia

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custos-project/custos/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden assesses the testdata activities with the embedded rule packs
// and compares the Markdown and HTML reports with the golden files.
func TestGolden(t *testing.T) {
	eng, err := policy.Load(policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	acts, _ := filepath.Glob("testdata/*.yaml")
	if len(acts) == 0 {
		t.Fatal("no activities")
	}
	for _, file := range acts {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			act, err := ParseActivity(data)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Assess(eng, act, nil, nil, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			var md, html bytes.Buffer
			if err := rep.WriteMarkdown(&md); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteHTML(&html); err != nil {
				t.Fatal(err)
			}
			golden(t, "testdata/"+name+".md", md.Bytes())
			golden(t, "testdata/"+name+".html", html.Bytes())
			if !strings.Contains(md.String(), "2029-11-25") {
				t.Errorf("record-keeping date (assessed_on + 3 years) missing")
			}
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pia -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./pia -update and review the diff)\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "want: " + al[i] + "\n got: " + bl[i]
		}
	}
	return "lengths differ"
}

func TestParseActivityErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"name: x\npurpose: y\noperations: [{action: collect}]\ncolour: red", `unknown field "colour"`},
		{"purpose: y\noperations: [{action: collect}]", "name is required"},
		{"name: x\noperations: [{action: collect}]", "purpose is required"},
		{"name: x\npurpose: y", "operations is empty"},
		{"name: x\npurpose: y\noperations: [{action: collect}]\nassessed_on: 25/11/2026", "assessed_on"},
		{"name: x\npurpose: y\noperations: [{action: collect}]\nschema: custos.activity/v0", "not supported"},
		{"", "empty file"},
		{"name: [", "activity:"},
	}
	for _, c := range cases {
		_, err := ParseActivity([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseActivity(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}

func TestAssessRejectsBadOperation(t *testing.T) {
	eng, err := policy.Load(policy.Options{NoEmbedded: true})
	if err != nil {
		t.Fatal(err)
	}
	act, err := ParseActivity([]byte("name: x\npurpose: y\noperations: [{action: sell}]"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Assess(eng, act, nil, nil, time.Now()); err == nil || !strings.Contains(err.Error(), `operation 1 (sell)`) {
		t.Errorf("Assess = %v", err)
	}
}
