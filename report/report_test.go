package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/pi"
)

var update = flag.Bool("update", false, "rewrite golden files")

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
		t.Fatalf("%v (run go test -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./report -update and review the diff\n--- got ---\n%s", name, got)
	}
}

func bulletinRecords(t *testing.T, reveal bool) ([]Record, Summary) {
	t.Helper()
	text, err := os.ReadFile("../examples/bulletin.txt")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := detect.New(detect.Config{RefDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), MinScore: 0.25})
	if err != nil {
		t.Fatal(err)
	}
	fs := eng.Detect(text, nil)
	recs := Place(text, pi.Locator{File: "examples/bulletin.txt", Line: 1}, fs, reveal, nil)
	sum := Summary{Files: 1, Bytes: int64(len(text))}
	sum.Add(recs)
	return recs, sum
}

func TestGoldenFormats(t *testing.T) {
	recs, sum := bulletinRecords(t, false)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(format, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(recs[:3]); err != nil {
				t.Fatal(err)
			}
			if err := w.Problem(Problem{File: "bad.csv", Line: 7, Message: "bad.csv:7: bare \" in non-quoted field"}); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(recs[3:]); err != nil {
				t.Fatal(err)
			}
			sum.Problems = 1
			if err := w.Close(sum); err != nil {
				t.Fatal(err)
			}
			golden(t, "bulletin."+format, buf.Bytes())
			if format != "table" && format != "jsonl" && !json.Valid(buf.Bytes()) {
				t.Errorf("%s output is not valid JSON", format)
			}
		})
	}
}

func TestJSONLSchema(t *testing.T) {
	recs, _ := bulletinRecords(t, false)
	var buf bytes.Buffer
	w, _ := NewWriter("jsonl", &buf)
	if err := w.Write(recs); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	if len(lines) != len(recs) {
		t.Fatalf("%d lines for %d records", len(lines), len(recs))
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, k := range []string{"schema", "file", "line", "col_start", "col_end", "offset", "length", "type", "category", "score", "value", "evidence"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, k, l)
			}
		}
		if m["schema"] != FindingSchema {
			t.Errorf("line %d schema %v", i+1, m["schema"])
		}
	}
}

// TestPlaceColumns checks that line, rune columns and byte offsets point at
// the value in the original text, for every finding of the bulletin.
func TestPlaceColumns(t *testing.T) {
	text, _ := os.ReadFile("../examples/bulletin.txt")
	recs, _ := bulletinRecords(t, true)
	lines := bytes.Split(text, []byte("\n"))
	for _, r := range recs {
		if got := string(text[r.Offset : r.Offset+int64(r.Length)]); got != r.Value {
			t.Errorf("offset/length of %s give %q, value %q", r.Type, got, r.Value)
		}
		if strings.Contains(r.Value, "\n") {
			// a span over lines (a trajectory): col_end is on its first line
			first, _, _ := strings.Cut(r.Value, "\n")
			if got := string([]rune(string(lines[r.Line-1]))[r.ColStart:r.ColEnd]); got != first {
				t.Errorf("multi-line %s: cols give %q, first line %q", r.Type, got, first)
			}
			continue
		}
		line := []rune(string(lines[r.Line-1]))
		if r.ColEnd > len(line) {
			t.Fatalf("%s: col_end %d beyond line %d (%d runes)", r.Type, r.ColEnd, r.Line, len(line))
		}
		if got := string(line[r.ColStart:r.ColEnd]); got != r.Value {
			t.Errorf("line %d cols %d-%d give %q, value %q", r.Line, r.ColStart, r.ColEnd, got, r.Value)
		}
	}
	if len(recs) < 10 {
		t.Fatalf("only %d findings in the bulletin", len(recs))
	}
}

func TestPlaceFragmentOffsets(t *testing.T) {
	// a fragment that starts mid-file, mid-line (a split long line)
	text := []byte("电话13800138000\n第二行 13912345678")
	eng, _ := detect.New(detect.Config{})
	fs := eng.Detect(text, nil)
	recs := Place(text, pi.Locator{File: "f", Line: 10, Col: 5, Offset: 1000, Row: 3, Column: "手机"}, fs, true, nil)
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	want := []struct {
		line, col, colEnd int
		off               int64
	}{{10, 7, 18, 1006}, {11, 4, 15, 1000 + int64(len("电话13800138000\n第二行 "))}}
	for i, w := range want {
		r := recs[i]
		if r.Line != w.line || r.ColStart != w.col || r.ColEnd != w.colEnd || r.Offset != w.off {
			t.Errorf("record %d: line %d cols %d-%d offset %d, want %+v", i, r.Line, r.ColStart, r.ColEnd, r.Offset, w)
		}
		if r.Row != 3 || r.Column != "手机" {
			t.Errorf("record %d lost its row/column", i)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		typ  pi.Type
		in   string
		want string
	}{
		{pi.ResidentID, "110105194912310021", "110105********0021"},
		{pi.MobilePhone, "13812345678", "138****5678"},
		{pi.MobilePhone, "138 1234 5678", "138 **** 5678"},
		{pi.MobilePhone, "+8613812345678", "+86138****5678"},
		{pi.BankCard, "6222021234567890128", "622202*********0128"},
		{pi.Email, "lihua1975@163.com", "l********@163.com"},
		{pi.URL, "https://weibo.com/u/123456", "https://weibo.com/***"},
		{pi.LicensePlate, "川A·2B345", "川A·****5"},
		{pi.Date, "2020年1月2日", "****年*月*日"},
		{pi.Passport, "E12345678", "E1*****78"},
	}
	for _, tt := range tests {
		got := Mask(tt.typ, tt.in)
		if got != tt.want {
			t.Errorf("Mask(%s, %q) = %q, want %q", tt.typ, tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) && tt.typ != pi.URL && tt.typ != pi.Email {
			t.Errorf("Mask(%q) = %q changes the rune count", tt.in, got)
		}
	}
}

func FuzzMask(f *testing.F) {
	for _, s := range []string{"13812345678", "川A·2B345", "a@b.cn", "", "\xff", "http://x.y/z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, ti := range pi.Types() {
			m := Mask(ti.Type, s)
			if utf8.ValidString(s) && !utf8.ValidString(m) {
				t.Fatalf("Mask(%s, %q) = %q is not valid UTF-8", ti.Type, s, m)
			}
			if countAlnum(s) >= 4 && m == s && ti.Type != pi.URL {
				t.Fatalf("Mask(%s, %q) left the value unchanged", ti.Type, s)
			}
		}
	})
}
