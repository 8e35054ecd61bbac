package detect

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
)

// refDate is the reference date of every test engine, so that ages derived
// from ID numbers do not change with the calendar.
var refDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// testEngine builds an engine for tests, at refDate unless cfg says
// otherwise.
// testEngine builds an engine for the identifier tests: unless cfg names
// types, only the identifier types are on (the tagger and term lists have
// tests of their own, and the whole engine is tested in people_test.go).
func testEngine(tb testing.TB, cfg Config) *Engine {
	tb.Helper()
	if cfg.RefDate.IsZero() {
		cfg.RefDate = refDate
	}
	if cfg.Types == nil {
		cfg.Types = pi.IdentifierTypes()
		if cfg.Rules != nil {
			for t := range cfg.Rules.types {
				cfg.Types = append(cfg.Types, t)
			}
		}
	}
	e, err := New(cfg)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return e
}

// defaultEngine is shared by the table tests; an Engine is safe for
// concurrent use.
var defaultEngine = func() *Engine {
	e, err := New(Config{RefDate: refDate, Types: pi.IdentifierTypes()})
	if err != nil {
		panic(err)
	}
	return e
}()

// rid completes the first 17 digits of a resident ID with its check
// character.
func rid(body string) string { return body + string(checksum.ResidentIDCheck(body)) }

// ridBad completes the body with a wrong check character.
func ridBad(body string) string {
	c := checksum.ResidentIDCheck(body)
	for _, b := range []byte("0123456789X") {
		if b != c {
			return body + string(b)
		}
	}
	panic("unreachable")
}

// luhn completes a digit body with its Luhn check digit.
func luhn(body string) string { return body + string(checksum.LuhnDigit(body)) }

// luhnBad completes a digit body with a wrong Luhn check digit.
func luhnBad(body string) string {
	d := checksum.LuhnDigit(body)
	return body + string('0'+(d-'0'+1)%10)
}

// vin puts the right check digit in position 9 of a 17-character VIN.
func vin(v string) string {
	b := []byte(v)
	b[8] = '0'
	b[8] = checksum.VINCheck(string(b))
	return string(b)
}

// expect is one finding a case must produce: its type and exact text, a
// score bound, and optionally its category, attributes and extras.
type expect struct {
	typ  pi.Type
	span string
	// low: the finding must be reported, but below 0.5 (a near miss, a
	// bare value that needs context). Otherwise the score must reach min,
	// which defaults to 0.5.
	low bool
	min float64
	// cat defaults to the type's category.
	cat   pi.Category
	attrs map[string]string
	// extra, when not nil, must equal the finding's extra categories
	// exactly ([]pi.Category{} demands none).
	extra []pi.Category
	// reason demands an Evidence.Reason.
	reason bool
	// context demands that Evidence.Context holds this word.
	context string
}

// anyType in detectCase.none stands for every type.
const anyType pi.Type = "*"

// detectCase is one input text and what the engine must say about it.
type detectCase struct {
	name  string
	text  string
	label string // DetectLabeled's label
	want  []expect
	// none lists types of which no finding may score ≥ 0.5 (anyType: no
	// finding at all may). Spans in want are exempt.
	none []pi.Type
	// notSpans are texts no finding of any type may report at ≥ 0.5.
	notSpans []string
}

// runCases runs each case as a subtest against e.
func runCases(t *testing.T, e *Engine, cases []detectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Helper()
			checkCase(t, e, tc)
		})
	}
}

func checkCase(t *testing.T, e *Engine, tc detectCase) {
	t.Helper()
	text := []byte(tc.text)
	got := e.DetectLabeled(text, tc.label, nil)
	checkInvariants(t, text, got)
	for _, w := range tc.want {
		f := findSpan(text, got, w.typ, w.span)
		if f == nil {
			t.Errorf("no %s %q in %q; got:\n%s", w.typ, w.span, tc.text, dump(text, got))
			continue
		}
		checkExpect(t, text, f, w)
	}
	for _, typ := range tc.none {
		for _, f := range got {
			if f.Score < 0.5 || (typ != anyType && f.Type != typ) || wanted(text, f, tc.want) {
				continue
			}
			t.Errorf("unexpected %s %q (score %.2f) in %q", f.Type, text[f.Start:f.End], f.Score, tc.text)
		}
	}
	for _, span := range tc.notSpans {
		for _, f := range got {
			if f.Score >= 0.5 && string(text[f.Start:f.End]) == span {
				t.Errorf("unexpected %s %q (score %.2f) in %q", f.Type, span, f.Score, tc.text)
			}
		}
	}
}

func checkExpect(t *testing.T, text []byte, f *pi.Finding, w expect) {
	t.Helper()
	v := string(text[f.Start:f.End])
	lo := w.min
	if lo == 0 {
		lo = 0.5
	}
	switch {
	case w.low && (f.Score >= 0.5 || f.Score <= 0):
		t.Errorf("%s %q: score %.2f, want in (0, 0.5)", w.typ, v, f.Score)
	case !w.low && f.Score < lo:
		t.Errorf("%s %q: score %.2f, want ≥ %.2f (reason %q)", w.typ, v, f.Score, lo, f.Evidence.Reason)
	}
	cat := w.cat
	if cat == "" {
		info, _ := pi.LookupType(w.typ)
		cat = info.Category
	}
	if cat != "" && f.Category != cat {
		t.Errorf("%s %q: category %s, want %s", w.typ, v, f.Category, cat)
	}
	for k, want := range w.attrs {
		if got := f.Attr(k); got != want {
			t.Errorf("%s %q: attr %s = %q, want %q", w.typ, v, k, got, want)
		}
	}
	if w.extra != nil && !slices.Equal(f.Extra, w.extra) {
		t.Errorf("%s %q: extra %v, want %v", w.typ, v, f.Extra, w.extra)
	}
	if w.reason && f.Evidence.Reason == "" {
		t.Errorf("%s %q: no Evidence.Reason", w.typ, v)
	}
	if w.context != "" && !slices.Contains(f.Evidence.Context, w.context) {
		t.Errorf("%s %q: context %v, want it to hold %q", w.typ, v, f.Evidence.Context, w.context)
	}
}

// findSpan returns the finding of type typ whose text is span.
func findSpan(text []byte, got []pi.Finding, typ pi.Type, span string) *pi.Finding {
	for i := range got {
		if got[i].Type == typ && string(text[got[i].Start:got[i].End]) == span {
			return &got[i]
		}
	}
	return nil
}

func wanted(text []byte, f pi.Finding, want []expect) bool {
	for _, w := range want {
		if w.typ == f.Type && w.span == string(text[f.Start:f.End]) {
			return true
		}
	}
	return false
}

// dump renders findings one a line for failure messages.
func dump(text []byte, fs []pi.Finding) string {
	if len(fs) == 0 {
		return "\t(none)"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s %q %.2f %s reason=%q\n", f.Type, text[f.Start:f.End], f.Score, f.Category, f.Evidence.Reason)
	}
	return b.String()
}

// checkInvariants holds for every Detect result on any input: spans inside
// the text and on rune boundaries, scores in [0, 1], known types and valid
// categories, sorted by start (longer first).
func checkInvariants(t testing.TB, text []byte, fs []pi.Finding) {
	t.Helper()
	valid := utf8.Valid(text)
	for i, f := range fs {
		if f.Start < 0 || f.Start >= f.End || f.End > len(text) {
			t.Fatalf("finding %d %s: span [%d, %d) outside text of %d bytes", i, f.Type, f.Start, f.End, len(text))
		}
		if valid && (!utf8.RuneStart(text[f.Start]) || (f.End < len(text) && !utf8.RuneStart(text[f.End]))) {
			t.Errorf("finding %d %s: span [%d, %d) cuts a rune in %q", i, f.Type, f.Start, f.End, text)
		}
		if math.IsNaN(f.Score) || f.Score < 0 || f.Score > 1 {
			t.Errorf("finding %d %s: score %v outside [0, 1]", i, f.Type, f.Score)
		}
		if _, ok := pi.LookupType(f.Type); !ok && !strings.HasPrefix(f.Source, "custom:") && f.Source != "deny-list" {
			t.Errorf("finding %d: unknown type %q", i, f.Type)
		}
		if !f.Category.Valid() {
			t.Errorf("finding %d %s: invalid category %q", i, f.Type, f.Category)
		}
		for _, c := range f.Extra {
			if !c.Valid() {
				t.Errorf("finding %d %s: invalid extra category %q", i, f.Type, c)
			}
		}
		if i > 0 {
			p := fs[i-1]
			if p.Start > f.Start || (p.Start == f.Start && p.End < f.End) {
				t.Errorf("findings %d and %d out of order: [%d, %d) before [%d, %d)", i-1, i, p.Start, p.End, f.Start, f.End)
			}
		}
	}
}

func TestFullWidth(t *testing.T) {
	tests := []struct {
		name, text, want string
		typ              pi.Type
	}{
		{"mobile", "联系电话：１３８１２３４５６７８。", "１３８１２３４５６７８", pi.MobilePhone},
		{"id with X", "身份证号１１０１０５１９４９１２３１００２Ｘ，", "１１０１０５１９４９１２３１００２Ｘ", pi.ResidentID},
		{"landline", "电话０１０－６２３４５６７８", "０１０－６２３４５６７８", pi.LandlinePhone},
		{"date", "于２０２０年１月２日返回", "２０２０年１月２日", pi.Date},
		{"mixed widths", "手机138１２３４5678", "138１２３４5678", pi.MobilePhone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			fs := defaultEngine.Detect(text, nil)
			for _, f := range fs {
				if f.Type == tt.typ && string(text[f.Start:f.End]) == tt.want && f.Score >= 0.5 {
					return
				}
			}
			t.Errorf("no %s %q in %v", tt.typ, tt.want, fs)
		})
	}
}

func TestWeChatHintCoversEveryWord(t *testing.T) {
	for _, w := range contextWords[ctxWeChat] {
		if !wechatHint([]byte(w)) || !wechatHint([]byte(strings.ToUpper(w))) {
			t.Errorf("wechatHint misses the context word %q", w)
		}
	}
}
