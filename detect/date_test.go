package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestDate(t *testing.T) {
	norm := func(v string) map[string]string { return map[string]string{pi.AttrNormalized: v} }
	birth := map[string]string{"kind": "birth"}
	cases := []detectCase{
		{name: "year month day", text: "当事人于2020年1月2日到达本市。",
			want: []expect{{typ: pi.Date, span: "2020年1月2日", min: 0.85, attrs: norm("2020-01-02")}}},
		{name: "month day", text: "病例于1月2日返回。",
			want: []expect{{typ: pi.Date, span: "1月2日", min: 0.8, attrs: norm("--01-02")}}},
		{name: "month day 号", text: "12月2号晚上在家。",
			want: []expect{{typ: pi.Date, span: "12月2号", attrs: norm("--12-02")}}},
		{name: "day alone", text: "23日下午，天气晴。",
			want: []expect{{typ: pi.Date, span: "23日", min: 0.5, attrs: norm("---23")}}},
		{name: "ROC year", text: "當事人王小明，民國80年3月12日生。",
			want: []expect{{typ: pi.Date, span: "民國80年3月12日", cat: pi.CatAge, attrs: map[string]string{pi.AttrNormalized: "1991-03-12", "kind": "birth"}}}},
		{name: "a year of two digits without 民國", text: "80年3月12日", none: []pi.Type{pi.Date},
			want: []expect{{typ: pi.Date, span: "3月12日"}}},
		{name: "days, not a day", text: "处以行政拘留5日的处罚，此前已隔离14日，3日内出结果。", none: []pi.Type{pi.Date}},
		{name: "a day after arriving", text: "1月到达，5日离开。",
			want: []expect{{typ: pi.Date, span: "5日"}}},
		{name: "year month", text: "2020年1月起在本市居住。",
			want: []expect{{typ: pi.Date, span: "2020年1月", min: 0.6, attrs: norm("2020-01")}}},
		{name: "with time after a day part", text: "12月2日晚19：00，在郫都区某超市购物。",
			want: []expect{{typ: pi.Date, span: "12月2日晚19：00"}}},
		{name: "with hour and minute", text: "12月3日上午9时30分，到社区卫生服务中心就诊。",
			want: []expect{{typ: pi.Date, span: "12月3日上午9时30分"}}},
		{name: "with hour only", text: "2020年12月1日10时至11时，乘坐列车。",
			want: []expect{{typ: pi.Date, span: "2020年12月1日10时"}}},
		{name: "ISO", text: "到访时间2020-01-02 09:15",
			want: []expect{{typ: pi.Date, span: "2020-01-02 09:15", attrs: norm("2020-01-02")}}},
		{name: "slashes", text: "签发日期2020/1/2，有效期十年。",
			want: []expect{{typ: pi.Date, span: "2020/1/2", attrs: norm("2020-01-02")}}},
		{name: "dots", text: "2020.01.02 发布",
			want: []expect{{typ: pi.Date, span: "2020.01.02", attrs: norm("2020-01-02")}}},
		{name: "ISO with time and zone", text: "出发时间2020-01-02T10:00:00Z，到达时间另附。",
			want: []expect{{typ: pi.Date, span: "2020-01-02T10:00:00Z", attrs: norm("2020-01-02")}}},
		{name: "ISO with hours and minutes", text: "2020-01-02T10:00 起飞",
			want: []expect{{typ: pi.Date, span: "2020-01-02T10:00"}}},
		{name: "compact after a date word", text: "登记日期20200102",
			want: []expect{{typ: pi.Date, span: "20200102", attrs: norm("2020-01-02")}}},
		{name: "range without the first 日", text: "1月15至20日居家隔离。",
			want: []expect{{typ: pi.Date, span: "1月15", attrs: norm("--01-15")}, {typ: pi.Date, span: "20日"}}},
		{name: "day without 日 before a verb", text: "2020年1月23发病。",
			want: []expect{{typ: pi.Date, span: "2020年1月23", attrs: norm("2020-01-23")}}},
		{name: "leap day", text: "2020年2月29日", want: []expect{{typ: pi.Date, span: "2020年2月29日"}}},

		// birth dates are about age
		{name: "birth date Chinese", text: "出生日期：1990年3月5日，性别：男。",
			want: []expect{{typ: pi.Date, span: "1990年3月5日", min: 0.9, cat: pi.CatAge, attrs: birth}}},
		{name: "birth date ISO", text: "出生日期：1990-03-05",
			want: []expect{{typ: pi.Date, span: "1990-03-05", min: 0.9, cat: pi.CatAge, attrs: birth}}},
		{name: "birth date compact", text: "出生日期19900305",
			want: []expect{{typ: pi.Date, span: "19900305", min: 0.9, cat: pi.CatAge, attrs: birth}}},
		{name: "生于", text: "李某，生于2010年5月1日，现年15岁。",
			want: []expect{{typ: pi.Date, span: "2010年5月1日", cat: pi.CatAge}}},
		{name: "该生于 is the student, on a day", text: "该生于2026年10月18日在校内殴打同学李某。",
			want: []expect{{typ: pi.Date, span: "2026年10月18日", cat: pi.CatDate}}},
		{name: "birthday column", label: "出生日期", text: "1990/3/5",
			want: []expect{{typ: pi.Date, span: "1990/3/5", cat: pi.CatAge}}},
		{name: "camelCase birth key", label: "birthDate", text: "1990-07-15",
			want: []expect{{typ: pi.Date, span: "1990-07-15", cat: pi.CatAge, attrs: birth}}},
		{name: "a birth word taken by the date before", text: "患者王某，1980年3月5日出生，2月3日发病。",
			want: []expect{{typ: pi.Date, span: "1980年3月5日", cat: pi.CatAge, attrs: birth}, {typ: pi.Date, span: "2月3日", cat: pi.CatDate}}},
		{name: "ROC birth date gives the age", text: "出生日期：民國99年4月18日",
			want: []expect{{typ: pi.Date, span: "民國99年4月18日", cat: pi.CatAge, attrs: map[string]string{"kind": "birth", pi.AttrAge: "15"}}}},
		{name: "birthday key", label: "birthday", text: "2013-09-21",
			want: []expect{{typ: pi.Date, span: "2013-09-21", cat: pi.CatAge, attrs: birth}}},
		{name: "Birthdate column", label: "Birthdate", text: "2013-09-21",
			want: []expect{{typ: pi.Date, span: "2013-09-21", cat: pi.CatAge, attrs: birth}}},
		{name: "camelCase key of another date", label: "hireDate", text: "2019-07-15",
			want: []expect{{typ: pi.Date, span: "2019-07-15", cat: pi.CatDate}}},

		// negatives
		{name: "ordinal day", text: "入院第3日出现发热症状。", none: []pi.Type{pi.Date}},
		{name: "every n days", text: "每5日复查一次。", none: []pi.Type{pi.Date}},
		{name: "month alone", text: "3月份以来", none: []pi.Type{pi.Date}},
		{name: "year alone", text: "2020年全市生产总值增长", none: []pi.Type{pi.Date}},
		{name: "impossible day", text: "2020-02-30", none: []pi.Type{pi.Date}},
		{name: "29 February of a common year", text: "2021年2月29日", none: []pi.Type{pi.Date}},
		{name: "count after a month", text: "截至1月3人出院", none: []pi.Type{pi.Date}},
		{name: "times after a month", text: "1月3次复查", none: []pi.Type{pi.Date}},
		{name: "month 13", text: "13月2日", none: []pi.Type{pi.Date}},
		{name: "day 32", text: "32日", none: []pi.Type{pi.Date}},
		{name: "compact without a word", text: "编码19900305", none: []pi.Type{pi.Date}},
		{name: "version string", text: "版本2020.01.02.3", none: []pi.Type{anyType}},
		{name: "timestamp", text: "系统时间戳20200102153045。", none: []pi.Type{anyType}},
		{name: "a year and month without a birth word", text: "金额2012.05元，版本2012.05，编号201205，2012-05报表。", none: []pi.Type{pi.Date}},
		{name: "a year before 生 of another word", text: "他2010年生了一场病，2020年生产总值增长。", none: []pi.Type{pi.Date}},
		{name: "a year and month far from the birth word", text: "出生于北京，2012.05入学。", none: []pi.Type{pi.Date}},
		{name: "YYYYMM under a column that is not a birth column", label: "编号", text: "201205", none: []pi.Type{pi.Date}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkDate(b *testing.B) {
	benchFamily(b, "病例于%s返回。", func(v *synth.Values) string { return v.Date() })
}

func TestBirthWordAfterDate(t *testing.T) {
	text := []byte("张某于2014年1月2日出生，现年12岁。")
	fs := defaultEngine.Detect(text, nil)
	if len(fs) != 1 || fs[0].Category != pi.CatAge || fs[0].Attr("kind") != "birth" {
		t.Errorf("%v", fs)
	}
}

func TestISODateWithTime(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"到访时间2020-02-03 09:15，体温正常", "2020-02-03 09:15"},
		{"2020-02-03 09:15:30", "2020-02-03 09:15:30"},
		{"2020-02-03 9:15", "2020-02-03 9:15"},
		{"2020-02-03 12345678", "2020-02-03"},
	} {
		text := []byte(tt.text)
		fs := defaultEngine.Detect(text, nil)
		if len(fs) == 0 || fs[0].Type != pi.Date || string(text[fs[0].Start:fs[0].End]) != tt.want {
			t.Errorf("%q: %v", tt.text, fs)
		}
	}
}

// TestBirthDateAge: a birth date right beside its birth word (出生, a lone
// 生 after it, 出生日期：before it) or filling a birth column's cell gives
// the age at the reference date, and a child's makes a minor's record; a
// birth word further off marks the date a birth date but gives no age.
func TestBirthDateAge(t *testing.T) {
	for _, tt := range []struct {
		label, text, span, age string
		u14                    bool
	}{
		{"", "李小红，女，2016年5月1日出生。", "2016年5月1日", "9", true},
		{"", "王小明，1991年3月12日生。", "1991年3月12日", "34", false},
		{"", "出生日期：2018年1月2日", "2018年1月2日", "7", true},
		{"", "她生日是在冬天，2019年5月1日生病住院。", "2019年5月1日", "", false},
		// a year and month give the lower age of the month's days
		{"", "出生年月：2012.05", "2012.05", "13", true},
		{"", "王小军，男，2011-11出生。", "2011-11", "14", false},
		{"", "出生年月 2012年1月", "2012年1月", "13", true},
		{"出生年月", "2012/5", "2012/5", "13", true},
		{"出生年月", "200908", "200908", "16", false},
		{"出生年月", "2010年12月", "2010年12月", "15", false},
		// a birth year alone: the lowest age it allows
		{"", "被告人张某某，男，1985年生，汉族。", "1985年", "40", false},
		{"", "约翰·史密斯，男，美国籍，2012年6月生，在读。", "2012年6月", "13", true},
		{"", "被害人李某某（女，2012年出生）。", "2012年", "13", true},
		// a register typed as text: the cell under its birth column
		{"", "姓名 性别 出生年月 类别\n王小军 男 2012.05 孤儿\n", "2012.05", "13", true},
	} {
		text := []byte(tt.text)
		var got *pi.Finding
		fs := allEngine.DetectLabeled(text, tt.label, nil)
		for i := range fs {
			if fs[i].Type == pi.Date && string(text[fs[i].Start:fs[i].End]) == tt.span {
				got = &fs[i]
			}
		}
		if got == nil {
			t.Errorf("%s: no date %q", tt.text, tt.span)
			continue
		}
		if got.Attr(pi.AttrAge) != tt.age || got.HasCategory(pi.CatMinorU14) != tt.u14 {
			t.Errorf("%s: age %q, under 14 %v; want %q, %v", tt.text, got.Attr(pi.AttrAge), got.HasCategory(pi.CatMinorU14), tt.age, tt.u14)
		}
	}
}
