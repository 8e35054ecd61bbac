package zh

import (
	"io/fs"
	"testing"
	"time"
	"unicode/utf8"
)

// loaders decode each embedded table afresh, bypassing the sync.Once.
var loaders = []struct {
	file string
	load func()
}{
	{"areacodes.txt.gz", func() { loadAreaCodes() }},
	{"bins.txt.gz", func() { loadBINs() }},
	{"divisions.txt.gz", func() { loadDivisions() }},
	{"ethnic.txt.gz", func() { loadEthnic() }},
	{"mobile.bin.gz", func() { loadMobile() }},
	{"plates.txt.gz", func() { loadPlates() }},
	{"regions.txt.gz", func() { loadRegions() }},
	{"s2t.txt.gz", func() { s2tTable() }},
	{"segments.txt.gz", func() { loadSegments() }},
	{"surnames.txt.gz", func() { loadSurnames() }},
	{"t2s.txt.gz", func() { t2sTable() }},
	{"uscc.txt.gz", func() { loadUSCC() }},
	{"words.txt.gz", func() { EachWord(func(string) {}) }},
}

// TestEmbeddedTables checks that every embedded file has a loader and that
// each decodes. With -v it logs sizes and decoding times; run it alone
// (-run TestEmbeddedTables -count 1 -v) for first-use times.
func TestEmbeddedTables(t *testing.T) {
	files, err := fs.Glob(dataFS, "data/*.gz")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(loaders) {
		t.Errorf("%d embedded files, %d loaders", len(files), len(loaders))
	}
	total, totalTime := 0, time.Duration(0)
	for i, l := range loaders {
		if i >= len(files) || files[i] != "data/"+l.file {
			t.Errorf("loader for %s, which is not embedded", l.file)
			continue
		}
		b, _ := dataFS.ReadFile(files[i])
		start := time.Now()
		l.load()
		d := time.Since(start)
		total += len(b)
		totalTime += d
		t.Logf("%-17s %7d bytes, decoded in %v", l.file, len(b), d)
	}
	t.Logf("%-17s %7d bytes, decoded in %v", "total", total, totalTime)
}

// BenchmarkLoad measures the one-time decoding of each embedded table,
// which the first call of one of its lookups pays.
func BenchmarkLoad(b *testing.B) {
	for _, l := range loaders {
		b.Run(l.file, func(b *testing.B) {
			z, err := dataFS.ReadFile("data/" + l.file)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(z)))
			b.ReportAllocs()
			for b.Loop() {
				l.load()
			}
		})
	}
}

// TestWords: the common-word list holds everyday words, in order, and no
// person names.
func TestWords(t *testing.T) {
	n, prev := 0, ""
	seen := map[string]bool{}
	EachWord(func(w string) {
		n++
		if w <= prev {
			t.Fatalf("%q after %q: not in byte order", w, prev)
		}
		prev = w
		if utf8.RuneCountInString(w) < 2 {
			t.Errorf("%q: a single character", w)
		}
		seen[w] = true
	})
	if n < 50000 {
		t.Errorf("%d words", n)
	}
	for _, w := range []string{"花费", "表示", "主角", "医院", "出发"} {
		if !seen[w] {
			t.Errorf("%s missing", w)
		}
	}
	for _, w := range []string{"梁家辉", "姜文", "北京"} { // names of people and places are left out
		if seen[w] {
			t.Errorf("%s listed", w)
		}
	}
}

// TestSimplify: traditional characters become simplified ones of the same
// length; simplified text, and the characters both scripts use, stay.
func TestSimplify(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"患者陳大文，男，45歲，住九龍旺角彌敦道123號5樓B室，電話：9123 4567",
			"患者陈大文，男，45岁，住九龙旺角弥敦道123号5楼B室，电话：9123 4567"},
		{"身份證號碼A123456(3)", "身份证号码A123456(3)"},
		{"乾安县著名的于某", "乾安县著名的于某"},
		{"纯简体文本，没有繁体字。", "纯简体文本，没有繁体字。"},
		{"abc", "abc"}, {"", ""}, {"\xe9\xbe", "\xe9\xbe"},
	} {
		got, changed := Simplify([]byte(tt.in))
		if string(got) != tt.want || changed != (tt.in != tt.want) || len(got) != len(tt.in) {
			t.Errorf("Simplify(%q) = %q, %v; want %q", tt.in, got, changed, tt.want)
		}
	}
	in := []byte("纯简体")
	if got, _ := Simplify(in); &got[0] != &in[0] {
		t.Error("unchanged text was copied")
	}
	if got := SimplifyString("家長電話"); got != "家长电话" {
		t.Errorf("SimplifyString: %q", got)
	}
}

func TestTraditionalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"未满十四周岁", "未滿十四周歲"}, {"[已隐去]", "[已隱去]"}, {"某学校", "某學校"}, {"40-49岁", "40-49歲"},
		{"陳某", "陳某"}, {"小A", "小A"}, {"", ""},
	} {
		if got := Traditionalize(tt.in); got != tt.want {
			t.Errorf("Traditionalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"患者陳大文，45歲", true}, {"患者陈大文，45岁", false}, {"乾安县著名的于某", false}, {"陳大文", true},
		{"据报道，香港的陳先生今天在北京出席了会议，并就两地经贸合作发表了讲话。", false}, {"", false},
	} {
		if got := IsTraditional([]byte(tt.in)); got != tt.want {
			t.Errorf("IsTraditional(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
