package risk

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/custos-project/custos/detect"
)

var testEngine = sync.OnceValues(func() (*detect.Engine, error) { return detect.New(detect.Config{MinScore: 0.25}) })

func engine(t testing.TB) *detect.Engine {
	t.Helper()
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// series reads the test bulletins: day1 (12月7日: 赵某某, 69, and her
// husband), day2 (12月8日: a 20-year-old woman, granddaughter of day1's case
// 1; a 45-year-old man; a passenger of G8512 with her seat), day3 (12月9日:
// another 45-year-old man, and an update giving the bar day2's case 1
// visited).
func series(t testing.TB, names ...string) []Bulletin {
	t.Helper()
	if len(names) == 0 {
		names = []string{"day1.txt", "day2.txt", "day3.txt"}
	}
	var bs []Bulletin
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", "bulletins", n))
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, Bulletin{Name: n, Text: b})
	}
	return bs
}

func personWith(rep *BulletinReport, bulletin, label string) *Person {
	for _, p := range rep.Persons {
		for _, e := range p.Entries {
			if e.Bulletin == bulletin && e.Label == label {
				return p
			}
		}
	}
	return nil
}

func factValues(fs []Fact, kind FactKind) []string {
	var out []string
	for _, f := range fs {
		if f.Kind == kind {
			out = append(out, f.Value)
		}
	}
	return out
}

func TestBulletinSplit(t *testing.T) {
	bs := series(t)
	var labels []string
	for i, b := range bs {
		es, date := splitBulletin(i, b)
		if date.Year != 2020 || date.Month != 12 || date.Day != 7+i {
			t.Errorf("%s dated %v", b.Name, date)
		}
		for _, e := range es {
			labels = append(labels, b.Name+" "+e.Label)
		}
	}
	want := []string{"day1.txt 病例1", "day1.txt 病例2", "day2.txt 确诊病例1", "day2.txt 确诊病例2", "day2.txt 无症状感染者1",
		"day3.txt 确诊病例1", "day3.txt update of 12月8日通报的确诊病例1"}
	if !slices.Equal(labels, want) {
		t.Errorf("entries\n got %q\nwant %q", labels, want)
	}
}

func TestBulletinFacts(t *testing.T) {
	rep, err := LinkBulletins(series(t), engine(t), LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := personWith(rep, "day1.txt", "病例1")
	if p == nil {
		t.Fatal("no person for day1 病例1")
	}
	for kind, want := range map[FactKind][]string{
		FactSurname:   {"赵某"},
		FactSex:       {"女"},
		FactAge:       {"69"},
		FactResidence: {"郫都区犀浦镇某小区"},
		FactVisit:     {"12-02 19时 郫都区某超市", "12-04 犀浦镇社区卫生服务中心"},
	} {
		if got := factValues(p.Facts, kind); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", kind, got, want)
		}
	}
	// the passenger: train and seat are one trip, and a seat is one person
	q := personWith(rep, "day2.txt", "无症状感染者1")
	if got := factValues(q.Facts, FactTransport); !slices.Equal(got, []string{"12-01 G8512 08车12F"}) {
		t.Errorf("transport %q", got)
	}
	// 由重庆返回成都: cities are not venues
	if got := factValues(q.Facts, FactVisit); len(got) != 0 {
		t.Errorf("visits %q", got)
	}
	// 病例2 is the husband of 病例1 in the same bulletin
	h := personWith(rep, "day1.txt", "病例2")
	if got := factValues(h.Facts, FactRelation); !slices.Equal(got, []string{"丈夫 of 病例1"}) {
		t.Errorf("relation %q", got)
	}
}

// TestBulletinLinkage is the Chengdu pattern: day 2 gives a woman of 20 in
// 成华区, a granddaughter of day 1's case; day 3 adds the bar she was in.
// No bulletin alone singles her out; together they do.
func TestBulletinLinkage(t *testing.T) {
	rep, err := LinkBulletins(series(t), engine(t), LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Persons) != 6 {
		for _, p := range rep.Persons {
			t.Logf("person %d: %d entries", p.ID, len(p.Entries))
		}
		t.Fatalf("%d persons, want 6 (7 entries, the day3 update being day2's case 1)", len(rep.Persons))
	}
	zhao := personWith(rep, "day2.txt", "确诊病例1")
	if len(zhao.Entries) != 2 || zhao.Entries[1].Bulletin != "day3.txt" || !strings.Contains(zhao.Entries[1].Linked, "12月8日通报的确诊病例1") {
		t.Fatalf("day2 case 1 entries: %+v", zhao.Entries)
	}
	if got := factValues(zhao.Facts, FactVisit); !slices.Equal(got, []string{"12-02 21时 锦江区某酒吧"}) {
		t.Errorf("visits %q", got)
	}
	if got := factValues(zhao.Facts, FactRelation); !slices.Equal(got, []string{"孙女 of 12月7日通报病例1"}) {
		t.Errorf("relations %q", got)
	}
	if zhao.Status != "unique" || !zhao.ByCombination || zhao.SeriesMatches != 1 {
		t.Errorf("status %s by combination %v series matches %d estimate %v entries %v", zhao.Status, zhao.ByCombination, zhao.SeriesMatches, zhao.Estimate, zhao.EntryEstimates)
	}
	// each bulletin alone leaves many people: 成华区 × woman × 20 years old,
	// the bar's visitors that night
	for i, x := range zhao.EntryEstimates {
		if x < float64(rep.K) {
			t.Errorf("entry %d alone matches %v people", i, x)
		}
	}
	// the facts that single her out come from both bulletins' entries
	var sources []string
	for _, f := range zhao.SingledOutBy {
		sources = append(sources, f.Sources...)
	}
	if len(zhao.SingledOutBy) == 0 || zhao.SingledOut > 1 {
		t.Errorf("singled out by %+v (%v)", zhao.SingledOutBy, zhao.SingledOut)
	}
	if rep.ByCombination != 1 {
		t.Errorf("%d persons unique by combination, want 1", rep.ByCombination)
	}
	// the relation points at day1's 赵某某
	for _, f := range zhao.Facts {
		if f.Kind == FactRelation {
			if f.ref < 0 {
				t.Fatal("relation not resolved")
			}
		}
	}
	// two 45-year-old men of 武侯区 on different days with different
	// visits are two people, not one
	a, b := personWith(rep, "day2.txt", "确诊病例2"), personWith(rep, "day3.txt", "确诊病例1")
	if a == b {
		t.Error("the two 45-year-old men were linked")
	}
	// day1's case 1 is singled out by day 1 alone (surname, age, compound)
	p1 := personWith(rep, "day1.txt", "病例1")
	if p1.Status != "unique" || p1.ByCombination {
		t.Errorf("day1 case 1: %s, by combination %v", p1.Status, p1.ByCombination)
	}
	if rep.Pass {
		t.Error("a series that singles people out must not pass")
	}
}

func TestBulletinLinkByFacts(t *testing.T) {
	// no reference, but the same sex, age and compound on two days
	a := Bulletin{Name: "a.txt", Text: []byte("2021年1月5日0时至24时，新增确诊病例1例。\n\n病例1：女，52岁，现住武侯区某小区。1月3日到武侯区某超市购物。\n")}
	b := Bulletin{Name: "b.txt", Text: []byte("2021年1月6日0时至24时，新增确诊病例1例。\n\n病例1：女，52岁，现住武侯区某小区。1月4日到武侯区某药店购药。\n")}
	rep, err := LinkBulletins([]Bulletin{a, b}, engine(t), LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Persons) != 1 || !strings.Contains(rep.Persons[0].Entries[1].Linked, "same sex, age and residence") {
		t.Fatalf("persons %d: %+v", len(rep.Persons), rep.Persons[0].Entries)
	}
	if got := factValues(rep.Persons[0].Facts, FactVisit); len(got) != 2 {
		t.Errorf("combined visits %q", got)
	}
}

func TestBulletinSafeSeries(t *testing.T) {
	// what EPI-BULLETIN-1 allows: sex, a 10-year band, the district, no
	// venues: thousands of people match
	a := Bulletin{Name: "a.txt", Text: []byte("2021年1月5日0时至24时，新增确诊病例2例。\n\n病例1：女，50余岁，现住武侯区。\n\n病例2：男，30余岁，现住成华区。\n")}
	rep, err := LinkBulletins([]Bulletin{a}, engine(t), LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Pass || rep.Unique != 0 {
		for _, p := range rep.Persons {
			t.Logf("%+v %v", p.Facts, p.Estimate)
		}
		t.Errorf("pass %v unique %d", rep.Pass, rep.Unique)
	}
	if got := factValues(rep.Persons[0].Facts, FactAge); !slices.Equal(got, []string{"50-59"}) {
		t.Errorf("age band %q", got)
	}
}

func TestEstimateModel(t *testing.T) {
	m := DefaultFactModel()
	facts := []Fact{
		{Kind: FactResidence, Value: "成华区", Count: m.County, code: "510108"},
		{Kind: FactSex, Value: "女", Count: m.Sex},
		{Kind: FactAge, Value: "20", Count: m.ExactAge, band: [2]int{20, 20}},
		{Kind: FactVisit, Value: "12-02 21时 锦江区某酒吧", Count: 100, code: "510104"},
	}
	// residents of the district × ½ × 1/75
	if got := estimate(facts[:3], &m, nil, nil); !near(got, 5e5*0.5/75) {
		t.Errorf("district, sex, age: %v", got)
	}
	// anchored on the bar: 100 visitors × ½ × 1/75 × (5e5 / 1e7, another
	// county)
	if got := estimate(facts, &m, nil, nil); !near(got, 100*0.5/75*0.05) {
		t.Errorf("with the bar: %v", got)
	}
	// a visit in the same county: the residence narrows within the county
	facts[3].code = "510108"
	if got := estimate(facts, &m, nil, nil); !near(got, 100*0.5/75*1) {
		t.Errorf("same county: %v", got)
	}
	keep := []bool{true, false, false, false}
	if got := estimate(facts, &m, nil, keep); got != 5e5 {
		t.Errorf("residence alone %v", got)
	}
}

func TestDecodeBulletin(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "bulletins", "day1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeText(t.Context(), "day1.txt", raw, "")
	if err != nil || string(got) != string(raw) {
		t.Fatalf("UTF-8 bulletin changed by decoding (%v)", err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err = decodeText(t.Context(), "day1.txt", gbk, "")
	if err != nil || string(got) != string(raw) {
		t.Fatalf("GB18030 bulletin decoded to %q (%v)", got[:min(len(got), 60)], err)
	}
}

// TestBulletinRelationAcrossDays: with days 1 and 2 only, the woman of 20
// is singled out by being the granddaughter of day 1's case — a fact that
// means nothing without day 1's bulletin.
func TestBulletinRelationAcrossDays(t *testing.T) {
	rep, err := LinkBulletins(series(t, "day1.txt", "day2.txt"), engine(t), LinkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := personWith(rep, "day2.txt", "确诊病例1")
	if len(p.Entries) != 1 || p.Status != "unique" || !p.ByCombination {
		t.Fatalf("entries %d status %s by combination %v (estimate %v, alone %v)", len(p.Entries), p.Status, p.ByCombination, p.Estimate, p.EntryEstimates)
	}
	kinds := map[FactKind]bool{}
	for _, f := range p.SingledOutBy {
		kinds[f.Kind] = true
	}
	if !kinds[FactRelation] {
		t.Errorf("singled out by %+v, want the relation among them", p.SingledOutBy)
	}
}
