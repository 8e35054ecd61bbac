package detect

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

const benchSize = 64 << 10

// benchDetect runs Detect over text, reusing the result slice as a caller
// scanning many fragments would.
func benchDetect(b *testing.B, e *Engine, text []byte) {
	b.Helper()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	dst := make([]pi.Finding, 0, 4096)
	n := 0
	for b.Loop() {
		dst = e.Detect(text, dst[:0])
		n = len(dst)
	}
	b.ReportMetric(float64(n), "findings/op")
}

// repeatTo repeats the output of next until the text reaches size bytes.
func repeatTo(size int, next func() string) []byte {
	var s strings.Builder
	for s.Len() < size {
		s.WriteString(next())
	}
	return []byte(s.String())
}

// benchFamily benchmarks one recognizer family on a text made of its
// values, each in a sentence with a context word.
func benchFamily(b *testing.B, format string, value func(v *synth.Values) string) {
	v := synth.NewValues(11, refDate)
	text := repeatTo(benchSize, func() string { return strings.Replace(format, "%s", value(v), 1) })
	benchDetect(b, testEngine(b, Config{}), text)
}

// BenchmarkDetectProse: Chinese news and notice prose with sparse
// identifiers, the common case.
func BenchmarkDetectProse(b *testing.B) {
	benchDetect(b, testEngine(b, Config{}), synth.Prose(1, benchSize, refDate))
}

// BenchmarkDetectDense: a sign-in register, an ID number and a mobile
// number on every line.
func BenchmarkDetectDense(b *testing.B) {
	benchDetect(b, testEngine(b, Config{}), registerText(benchSize))
}

const englishProse = "The committee met on Tuesday to review the quarterly report. Members discussed the budget, " +
	"the schedule for the new library and the results of the survey of local businesses. Several residents " +
	"raised concerns about traffic near the school, and the chair promised a written answer before the next " +
	"meeting. The minutes were approved without changes, and the session closed shortly after noon. "

// BenchmarkDetectEnglishASCII: English prose, where every word is a
// segment the scanner has to look at.
func BenchmarkDetectEnglishASCII(b *testing.B) {
	benchDetect(b, testEngine(b, Config{}), repeatTo(benchSize, func() string { return englishProse }))
}

const chineseProse = "市疫情防控指挥部要求各区县严格落实属地责任，做好重点人群排查工作。请广大市民继续做好个人防护，" +
	"勤洗手、戴口罩、常通风。各社区已组织志愿者开展入户走访，宣传防控知识。本次会议传达学习了上级有关文件精神，" +
	"并对下一步工作作出部署。民政部门加大对困难群众的帮扶力度，确保应保尽保。有关部门提醒，切勿向陌生人透露" +
	"个人信息和验证码。\n"

// BenchmarkDetectNoPI: Chinese prose without a digit or a Latin letter,
// the scanner's fast path.
func BenchmarkDetectNoPI(b *testing.B) {
	benchDetect(b, testEngine(b, Config{}), repeatTo(benchSize, func() string { return chineseProse }))
}

// BenchmarkDetectWithRules: the prose benchmark with the example rules
// file loaded.
func BenchmarkDetectWithRules(b *testing.B) {
	r, err := LoadRules("testdata/rules.yaml")
	if err != nil {
		b.Fatal(err)
	}
	benchDetect(b, testEngine(b, Config{Rules: r}), synth.Prose(1, benchSize, refDate))
}

// BenchmarkKeywords: one walk of the context automaton over prose.
func BenchmarkKeywords(b *testing.B) {
	k := sharedContext()
	text := synth.Prose(1, benchSize, refDate)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	hits := make([]keywordHit, 0, 4096)
	for b.Loop() {
		hits = k.find(text, hits[:0])
	}
}

// BenchmarkDetectProseAll is the whole engine (identifiers, tagger, term
// lists, subjects) on Chinese prose.
func BenchmarkDetectProseAll(b *testing.B) {
	e, err := New(Config{RefDate: refDate})
	if err != nil {
		b.Fatal(err)
	}
	text := synth.Prose(3, 64<<10, refDate)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		out = e.Detect(text, out[:0])
	}
}

// BenchmarkDetectNewsAll is the whole engine on CLUENER news sentences
// (skipped without the shared corpora).
func BenchmarkDetectNewsAll(b *testing.B) {
	text, e := newsEngine(b)
	b.SetBytes(int64(len(text)))
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		out = e.Detect(text, out[:0])
	}
}

// newsEngine returns the first 512 KB of the news text the News benchmarks
// read (NEWS_TEXT, or the CLUENER corpus file; skipped without it) and the
// whole engine.
func newsEngine(b *testing.B) ([]byte, *Engine) {
	b.Helper()
	f := os.Getenv("NEWS_TEXT")
	if f == "" {
		f = "../../shared/data/train/cluener2020/train.json"
	}
	text, err := os.ReadFile(f)
	if err != nil {
		b.Skip("shared corpora not present")
	}
	e, err := New(Config{RefDate: refDate})
	if err != nil {
		b.Fatal(err)
	}
	return text[:min(len(text), 512<<10)], e
}

// BenchmarkDetectNewsLines is BenchmarkDetectNewsAll with one Detect call
// per line, as custos bench and a scan of a text file make them.
func BenchmarkDetectNewsLines(b *testing.B) {
	text, e := newsEngine(b)
	lines := bytes.SplitAfter(text, []byte("\n"))
	b.SetBytes(int64(len(text)))
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			out = e.Detect(l, out[:0])
		}
	}
}

// BenchmarkDetectNewsOneLine is BenchmarkDetectNewsAll on the news joined
// into one line with no line breaks, as a flattened web page comes: what
// looks back or ahead to a line's edge must not be quadratic here.
func BenchmarkDetectNewsOneLine(b *testing.B) {
	text, e := newsEngine(b)
	text = bytes.ReplaceAll(text, []byte("\n"), nil)
	b.SetBytes(int64(len(text)))
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		out = e.Detect(text, out[:0])
	}
}

// BenchmarkDetectRegister is the whole engine on a sign-in register typed
// as text, 3,000 rows under one header with a travel column: the reading
// of its cells must stay linear in the rows.
func BenchmarkDetectRegister(b *testing.B) {
	e, err := New(Config{RefDate: refDate})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString("序号 姓名 性别 年龄 电话 来自\n")
	given := []rune("伟芳娜敏静丽强磊军洋")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&buf, "%d 王%c%c 男 %d 138%08d 武汉、孝感\n", i+1, given[i%10], given[(i/10)%10], 20+i%50, i)
	}
	text := buf.Bytes()
	b.SetBytes(int64(len(text)))
	var out []pi.Finding
	for i := 0; i < b.N; i++ {
		out = e.Detect(text, out[:0])
	}
}
