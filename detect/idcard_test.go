package detect

import (
	"testing"
	"time"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
	"github.com/custos-project/custos/zh"
)

func TestResidentID(t *testing.T) {
	// 110103 北京市崇文区 was merged into 东城区 in 2010: no longer in the
	// 2023 table, but IDs issued before keep it.
	if r, ok := zh.LookupRegion("110103"); !ok || r.Current {
		t.Fatalf("110103 should be a historical region code, got %+v, %v", r, ok)
	}
	elder := rid("11010519491231002") // ends in X, female, 76 at refDate
	child := rid("11010520150601001") // 10 at refDate
	teen := rid("11010520100101001")  // 16
	just14 := rid("11010520120101001")
	justUnder14 := rid("11010520120102001")
	just18 := rid("11010520080101001")
	justUnder18 := rid("11010520080102001")
	historical := rid("11010319800101123")
	unknownRegion := rid("99010519800101123")
	badCheck := ridBad("11010519900101123")
	impossibleDate := rid("11010519901332123")
	feb30 := rid("11010519900230123")
	future := rid("11010520300101123")
	none := []pi.Category{}
	if elder[17] != 'X' {
		t.Fatalf("test value %s should end in X", elder)
	}
	lower := elder[:17] + "x"

	cases := []detectCase{
		{name: "with context word", text: "患者张某，身份证号码" + elder + "，现住朝阳区某小区。",
			want: []expect{{typ: pi.ResidentID, span: elder, min: 0.95, context: "身份证号码",
				attrs: map[string]string{pi.AttrBirthDate: "1949-12-31", pi.AttrAge: "76", pi.AttrSex: "female",
					pi.AttrRegionCode: "110105", pi.AttrRegion: "北京市朝阳区", pi.AttrMinor: "",
					pi.AttrFormat: "18-digit", pi.AttrNormalized: elder},
				extra: none}}},
		{name: "bare", text: elder + "，女，汉族，住址北京市朝阳区。",
			want: []expect{{typ: pi.ResidentID, span: elder, min: 0.9}}},
		{name: "lower-case x", text: "登记人员证件号" + lower + "，已核验。",
			want: []expect{{typ: pi.ResidentID, span: lower, min: 0.9,
				attrs: map[string]string{pi.AttrNormalized: elder}}}},
		{name: "male sequence digit", text: "当事人王某（公民身份号码：" + historical + "）于2020年1月2日到达本市。",
			want: []expect{{typ: pi.ResidentID, span: historical, min: 0.9,
				attrs: map[string]string{pi.AttrSex: "male", pi.AttrBirthDate: "1980-01-01", pi.AttrAge: "46"}}}},
		{name: "historical region code", text: "其身份证号码" + historical + "，原籍崇文区。",
			want: []expect{{typ: pi.ResidentID, span: historical, min: 0.9,
				attrs: map[string]string{pi.AttrRegionCode: "110103", pi.AttrRegion: "北京市崇文区"}}}},
		{name: "15-digit legacy", text: "老户籍信息显示其身份证号为110105491231002，系本地常住人口。",
			want: []expect{{typ: pi.ResidentID, span: "110105491231002", min: 0.9,
				attrs: map[string]string{pi.AttrFormat: "15-digit", pi.AttrBirthDate: "1949-12-31",
					pi.AttrAge: "76", pi.AttrSex: "female", pi.AttrRegion: "北京市朝阳区"}}}},
		{name: "student number", text: "学籍号：G" + child + "，姓名：周子墨",
			want: []expect{{typ: pi.ResidentID, span: "G" + child, min: 0.9,
				attrs: map[string]string{"kind": "student_number", pi.AttrAge: "10", pi.AttrMinor: "true"}}}},
		{name: "no student number from a bad ID", text: "编号G" + badCheck + "X", none: []pi.Type{pi.ResidentID}},
		{name: "15-digit legacy bare", text: "110105491231002，男。",
			want: []expect{{typ: pi.ResidentID, span: "110105491231002", min: 0.8}}},
		{name: "grouped 6-8-4", text: "身份证号：110105 19491231 002X，联系电话见附表。",
			want: []expect{{typ: pi.ResidentID, span: "110105 19491231 002X", min: 0.9,
				attrs: map[string]string{pi.AttrNormalized: elder}}}},
		{name: "grouped 6-4-4-4", text: "身份证号：110105 1949 1231 002X。",
			want: []expect{{typ: pi.ResidentID, span: "110105 1949 1231 002X", min: 0.9}}},
		{name: "grouped in fours", text: "身份证号1101 0519 4912 3100 2X，",
			want: []expect{{typ: pi.ResidentID, span: "1101 0519 4912 3100 2X", min: 0.9}},
			none: []pi.Type{pi.LandlinePhone}},
		{name: "region not in any table", text: "身份证号" + unknownRegion + "。",
			want: []expect{{typ: pi.ResidentID, span: unknownRegion, min: 0.75, reason: true}}},
		{name: "region not in any table bare", text: unknownRegion + "。",
			want: []expect{{typ: pi.ResidentID, span: unknownRegion, min: 0.5, reason: true}}},

		// minors
		{name: "under 14", text: "学生李某某，身份证号" + child + "，就读于某小学三年级。",
			want: []expect{{typ: pi.ResidentID, span: child, min: 0.9,
				attrs: map[string]string{pi.AttrAge: "10", pi.AttrMinor: "true"},
				extra: []pi.Category{pi.CatMinorU14}}}},
		{name: "turns 14 on the reference date", text: "身份证号" + just14 + "。",
			want: []expect{{typ: pi.ResidentID, span: just14,
				attrs: map[string]string{pi.AttrAge: "14", pi.AttrMinor: "true"}, extra: none}}},
		{name: "turns 14 the day after", text: "身份证号" + justUnder14 + "。",
			want: []expect{{typ: pi.ResidentID, span: justUnder14,
				attrs: map[string]string{pi.AttrAge: "13", pi.AttrMinor: "true"},
				extra: []pi.Category{pi.CatMinorU14}}}},
		{name: "14 to 17", text: "学生身份证号" + teen + "，高一年级。",
			want: []expect{{typ: pi.ResidentID, span: teen,
				attrs: map[string]string{pi.AttrAge: "16", pi.AttrMinor: "true"}, extra: none}}},
		{name: "turns 18 on the reference date", text: "身份证号" + just18 + "。",
			want: []expect{{typ: pi.ResidentID, span: just18,
				attrs: map[string]string{pi.AttrAge: "18", pi.AttrMinor: ""}, extra: none}}},
		{name: "turns 18 the day after", text: "身份证号" + justUnder18 + "。",
			want: []expect{{typ: pi.ResidentID, span: justUnder18,
				attrs: map[string]string{pi.AttrAge: "17", pi.AttrMinor: "true"}, extra: none}}},

		// near misses: reported, never confident, always with a reason
		{name: "near miss check character", text: "经核对，证件号码" + badCheck + "校验位有误，系填写错误。",
			want: []expect{{typ: pi.ResidentID, span: badCheck, low: true, reason: true}}},
		{name: "near miss check character bare", text: badCheck,
			want: []expect{{typ: pi.ResidentID, span: badCheck, low: true, reason: true}}},
		{name: "near miss month 13", text: "证件号码" + impossibleDate + "有误。",
			want: []expect{{typ: pi.ResidentID, span: impossibleDate, low: true, reason: true,
				attrs: map[string]string{pi.AttrBirthDate: "", pi.AttrAge: ""}}}},
		{name: "near miss 30 February", text: "证件号码" + feb30 + "有误。",
			want: []expect{{typ: pi.ResidentID, span: feb30, low: true, reason: true}}},
		{name: "near miss born after the reference date", text: "证件号码" + future + "有误。",
			want: []expect{{typ: pi.ResidentID, span: future, low: true, reason: true}}},
		{name: "near miss after an order word", text: "订单号" + badCheck + "已发货。",
			want: []expect{{typ: pi.ResidentID, span: badCheck, low: true, reason: true}}},

		// negatives
		{name: "followed by more digits", text: "档案编号" + elder[:17] + "2123归档。",
			none: []pi.Type{anyType}},
		{name: "followed by letters", text: "编号" + elder + "ABC。", none: []pi.Type{pi.ResidentID}},
		{name: "bad check and bad date", text: ridBad("11010519901332123"), none: []pi.Type{anyType}},
		{name: "15-digit with impossible date", text: "身份证号110105491331002", none: []pi.Type{pi.ResidentID}},
		{name: "15-digit with unknown region", text: "身份证号990105491231002", none: []pi.Type{pi.ResidentID}},
	}
	runCases(t, defaultEngine, cases)
}

// TestResidentIDNearMissNeverConfident sweeps every wrong check character
// of one valid number, with and without a context word.
func TestResidentIDNearMissNeverConfident(t *testing.T) {
	body := "51010819510315232"
	good := rid(body)
	for _, c := range "0123456789X" {
		id := body + string(c)
		if id == good {
			continue
		}
		for _, text := range []string{id, "身份证号码" + id, "公民身份号码：" + id + "。"} {
			for _, f := range defaultEngine.Detect([]byte(text), nil) {
				if f.Score >= 0.5 {
					t.Errorf("%q: %s %q scored %.2f", text, f.Type, text[f.Start:f.End], f.Score)
				}
				if f.Type == pi.ResidentID && f.Evidence.Reason == "" {
					t.Errorf("%q: near miss without a reason", text)
				}
			}
		}
	}
}

func TestAge(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		birth, ref time.Time
		want       int
	}{
		{"birthday today", d(2000, 6, 15), d(2026, 6, 15), 26},
		{"birthday tomorrow", d(2000, 6, 16), d(2026, 6, 15), 25},
		{"birthday next month", d(2000, 7, 1), d(2026, 6, 30), 25},
		{"born on the reference date", d(2026, 1, 1), d(2026, 1, 1), 0},
		{"leap day, non-leap year", d(2000, 2, 29), d(2026, 2, 28), 25},
		{"leap day, after it", d(2000, 2, 29), d(2026, 3, 1), 26},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Age(tt.birth, tt.ref); got != tt.want {
				t.Errorf("Age(%s, %s) = %d, want %d", tt.birth.Format(time.DateOnly), tt.ref.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

func TestMarkAge(t *testing.T) {
	tests := []struct {
		age   int
		minor string
		u14   bool
	}{{0, "true", true}, {13, "true", true}, {14, "true", false}, {17, "true", false}, {18, "", false}, {90, "", false}}
	for _, tt := range tests {
		f := pi.Finding{Type: pi.ResidentID, Category: pi.CatIDNumber}
		MarkAge(&f, tt.age)
		MarkAge(&f, tt.age) // idempotent
		if got := f.Attr(pi.AttrMinor); got != tt.minor {
			t.Errorf("age %d: minor = %q, want %q", tt.age, got, tt.minor)
		}
		if got := f.HasCategory(pi.CatMinorU14); got != tt.u14 || len(f.Extra) > 1 {
			t.Errorf("age %d: extra = %v, want U14 %v", tt.age, f.Extra, tt.u14)
		}
	}
}

// TestReferenceDate: the age of a holder depends on the engine's reference
// date and nothing else; the zero date means today.
func TestReferenceDate(t *testing.T) {
	id := rid("11010520120102001") // born 2012-01-02
	text := []byte("身份证号" + id)
	for _, tt := range []struct {
		ref  time.Time
		age  string
		u14  bool
		note string
	}{
		{time.Date(2026, 1, 1, 23, 59, 0, 0, time.UTC), "13", true, "time of day is dropped"},
		{time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "14", false, "14th birthday"},
		{time.Date(2040, 1, 2, 0, 0, 0, 0, time.UTC), "28", false, "grown up"},
	} {
		e := testEngine(t, Config{RefDate: tt.ref})
		fs := e.Detect(text, nil)
		if len(fs) != 1 || fs[0].Attr(pi.AttrAge) != tt.age || fs[0].HasCategory(pi.CatMinorU14) != tt.u14 {
			t.Errorf("%s (ref %s): got\n%s attrs %v", tt.note, tt.ref, dump(text, fs), fs)
		}
	}
	e := testEngine(t, Config{RefDate: time.Time{}})
	e2, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if e2.RefDate().IsZero() || e2.RefDate().Hour() != 0 || e.RefDate() != refDate {
		t.Errorf("RefDate: zero config gave %v, test config %v", e2.RefDate(), e.RefDate())
	}
	// an ID born after the reference date is a near miss
	past := testEngine(t, Config{RefDate: time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC)})
	fs := past.Detect(text, nil)
	if len(fs) != 1 || fs[0].Score >= 0.5 {
		t.Errorf("holder born after the reference date:\n%s", dump(text, fs))
	}
}

func BenchmarkResidentID(b *testing.B) {
	benchFamily(b, "患者张某，身份证号码%s，现住某小区。", func(v *synth.Values) string {
		if v.Rand().IntN(4) == 0 {
			return v.ResidentID15()
		}
		return v.ResidentID(synth.IDOptions{})
	})
}
