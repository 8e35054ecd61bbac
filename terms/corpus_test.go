package terms

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// The corpus measurements below read the shared training corpora. They are
// tools, not tests: run them with
//
//	TERMS_EVAL=1 go test -run 'TestCorpus' -v ./terms/
//
// TERMS_DATA names the corpus directory (default ../../shared/data/train).

func corpusDir(t *testing.T) string {
	t.Helper()
	if os.Getenv("TERMS_EVAL") == "" {
		t.Skip("set TERMS_EVAL=1 to measure on the shared corpora")
	}
	dir := os.Getenv("TERMS_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data", "train")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpora not found: %v", err)
	}
	return dir
}

// span is a gold or predicted span in rune offsets.
type span struct {
	start, end int
	label      string
}

// runeSpans converts findings to rune offsets.
func runeSpans(text []byte, fs []pi.Finding, keep func(pi.Finding) (string, bool)) []span {
	var out []span
	for _, f := range fs {
		label, ok := keep(f)
		if !ok {
			continue
		}
		out = append(out, span{utf8.RuneCount(text[:f.Start]), utf8.RuneCount(text[:f.End]), label})
	}
	return out
}

// score counts exact and overlapping matches of one label.
type score struct {
	gold, pred, exact, overlapGold, overlapPred int
	fp, fn                                      []string
}

func (s *score) add(text []rune, gold, pred []span) {
	s.gold += len(gold)
	s.pred += len(pred)
	ctx := func(x span) string {
		a, b := max(0, x.start-8), min(len(text), x.end+8)
		return string(text[a:x.start]) + "[" + string(text[x.start:x.end]) + "]" + string(text[x.end:b])
	}
	for _, g := range gold {
		hit, ov := false, false
		for _, p := range pred {
			if p.start == g.start && p.end == g.end {
				hit = true
			}
			if p.start < g.end && g.start < p.end {
				ov = true
			}
		}
		if hit {
			s.exact++
		}
		if ov {
			s.overlapGold++
		} else {
			s.fn = append(s.fn, ctx(g))
		}
	}
	for _, p := range pred {
		ov := false
		for _, g := range gold {
			if p.start < g.end && g.start < p.end {
				ov = true
			}
		}
		if ov {
			s.overlapPred++
		} else {
			s.fp = append(s.fp, ctx(p))
		}
	}
}

func (s *score) String() string {
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return fmt.Sprintf("gold %d pred %d | exact P %.3f R %.3f | overlap P %.3f R %.3f",
		s.gold, s.pred, div(s.exact, s.pred), div(s.exact, s.gold), div(s.overlapPred, s.pred), div(s.overlapGold, s.gold))
}

func samples(r *rand.Rand, xs []string, n int) []string {
	xs = append([]string(nil), xs...)
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	if len(xs) > n {
		xs = xs[:n]
	}
	return xs
}

var maskRunes = "某XxＸｘ*＊×○"

// evalKeep maps findings to the corpus labels they are scored against.
func evalKeep(labels map[string]string) func(pi.Finding) (string, bool) {
	return func(f pi.Finding) (string, bool) {
		t := string(f.Type)
		if f.Type == pi.Health && f.Attr("kind") == "symptom" {
			t = "health/symptom"
		}
		for gold, typ := range labels {
			if typ == t {
				return gold, true
			}
		}
		return "", false
	}
}

func report(t *testing.T, name string, scores map[string]*score) {
	r := rand.New(rand.NewPCG(1, 2))
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := scores[k]
		t.Logf("%s %-8s %s", name, k, s)
		if os.Getenv("TERMS_EVAL") == "v" {
			for _, x := range samples(r, s.fp, 30) {
				t.Logf("    FP %s", x)
			}
			for _, x := range samples(r, s.fn, 15) {
				t.Logf("    FN %s", x)
			}
		}
	}
}

// TestCorpusECR measures age, gender, symptom and masked-name recall and
// precision on ECR-COVID-19 (exact span and overlap, rune offsets).
func TestCorpusECR(t *testing.T) {
	dir := corpusDir(t)
	f, err := os.Open(filepath.Join(dir, "ecr-covid-19", "train.txt"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	labels := map[string]string{"Age": "age", "Gender": "gender", "Symptom": "health/symptom", "Name": "masked_name"}
	scores := map[string]*score{}
	for k := range labels {
		scores[k] = &score{}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<22), 1<<22)
	for sc.Scan() {
		var doc struct {
			Text     string  `json:"text"`
			Entities [][]any `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		text := []byte(doc.Text)
		runes := []rune(doc.Text)
		gold := map[string][]span{}
		for _, e := range doc.Entities {
			l := e[2].(string)
			g := span{int(e[0].(float64)), int(e[1].(float64)), l}
			if l == "Name" && !strings.ContainsAny(string(runes[g.start:g.end]), maskRunes) {
				continue // only masked names are ours
			}
			gold[l] = append(gold[l], g)
		}
		pred := map[string][]span{}
		for _, p := range runeSpans(text, Find(text, nil), evalKeep(labels)) {
			pred[p.label] = append(pred[p.label], p)
		}
		for k := range labels {
			scores[k].add(runes, gold[k], pred[k])
		}
	}
	report(t, "ecr", scores)
}

// TestCorpusTrajectory measures on covid-trajectory-bmes (AGE, GEN, SYM,
// and PAT where masked).
func TestCorpusTrajectory(t *testing.T) {
	dir := corpusDir(t)
	labels := map[string]string{"AGE": "age", "GEN": "gender", "SYM": "health/symptom", "PAT": "masked_name"}
	scores := map[string]*score{}
	for k := range labels {
		scores[k] = &score{}
	}
	for _, file := range []string{"train.char.bmes", "dev.char.bmes"} {
		f, err := os.Open(filepath.Join(dir, "covid-trajectory-bmes", file))
		if err != nil {
			t.Skip(err)
		}
		sc := bufio.NewScanner(f)
		var runes []rune
		var tags []string
		flush := func() {
			if len(runes) == 0 {
				return
			}
			gold := map[string][]span{}
			start := -1
			for i, tag := range tags {
				switch {
				case strings.HasPrefix(tag, "S-"):
					gold[tag[2:]] = append(gold[tag[2:]], span{i, i + 1, tag[2:]})
				case strings.HasPrefix(tag, "B-"):
					start = i
				case strings.HasPrefix(tag, "E-") && start >= 0:
					gold[tag[2:]] = append(gold[tag[2:]], span{start, i + 1, tag[2:]})
					start = -1
				}
			}
			var pats []span
			for _, g := range gold["PAT"] {
				if strings.ContainsAny(string(runes[g.start:g.end]), maskRunes) {
					pats = append(pats, g)
				}
			}
			gold["PAT"] = pats
			text := []byte(string(runes))
			pred := map[string][]span{}
			for _, p := range runeSpans(text, Find(text, nil), evalKeep(labels)) {
				pred[p.label] = append(pred[p.label], p)
			}
			for k := range labels {
				scores[k].add(runes, gold[k], pred[k])
			}
			runes, tags = runes[:0], tags[:0]
		}
		for sc.Scan() {
			line := sc.Text()
			if strings.TrimSpace(line) == "" {
				flush()
				continue
			}
			ch, tag, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			r, _ := utf8.DecodeRuneInString(ch)
			runes = append(runes, r)
			tags = append(tags, tag)
		}
		flush()
		f.Close()
	}
	report(t, "traj", scores)
}

// TestCorpusCLUENER counts findings per MB of news text per type and
// writes a random sample of 30 findings per type, in context, to the file
// named by TERMS_SAMPLE (default: the test log), to be judged by reading.
func TestCorpusCLUENER(t *testing.T) {
	dir := corpusDir(t)
	f, err := os.Open(filepath.Join(dir, "cluener2020", "train.json"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	counts := map[pi.Type]int{}
	high := map[pi.Type]int{}
	ctxs := map[pi.Type][]string{}
	bytes := 0
	for dec.More() {
		var doc struct {
			Text string `json:"text"`
		}
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		text := []byte(doc.Text)
		bytes += len(text)
		for _, fd := range Find(text, nil) {
			counts[fd.Type]++
			if fd.Score >= 0.7 {
				high[fd.Type]++
			}
			a := max(0, fd.Start-24)
			for a > 0 && !utf8.RuneStart(text[a]) {
				a--
			}
			b := min(len(text), fd.End+24)
			for b < len(text) && !utf8.RuneStart(text[b]) {
				b++
			}
			ctxs[fd.Type] = append(ctxs[fd.Type], fmt.Sprintf("%.2f %s[%s]%s", fd.Score, text[a:fd.Start], text[fd.Start:fd.End], text[fd.End:b]))
		}
	}
	mb := float64(bytes) / (1 << 20)
	types := make([]string, 0, len(counts))
	for k := range counts {
		types = append(types, string(k))
	}
	sort.Strings(types)
	r := rand.New(rand.NewPCG(3, 4))
	var out strings.Builder
	for _, k := range types {
		ty := pi.Type(k)
		t.Logf("cluener %-18s %5d findings, %7.1f per MB; score>=0.7: %5d, %7.1f per MB", k, counts[ty], float64(counts[ty])/mb, high[ty], float64(high[ty])/mb)
		fmt.Fprintf(&out, "== %s\n", k)
		for _, x := range samples(r, ctxs[ty], 30) {
			fmt.Fprintf(&out, "%s\n", x)
		}
	}
	t.Logf("cluener %.2f MB", mb)
	if p := os.Getenv("TERMS_SAMPLE"); p != "" {
		if err := os.WriteFile(p, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
