package subject

import (
	"fmt"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

func TestUnits(t *testing.T) {
	text := "全市新增病例2例。\n病例1：赵某某，女，69岁。12月1日乘坐G8512次列车。\n12月2日到超市。\n\n病例2：李某，男，6岁。\n密切接触者：王某。其他情况正常！"
	var got []string
	for _, u := range Units([]byte(text)) {
		kind := "s"
		if u.Entry {
			kind = "E"
		}
		if strings.TrimSpace(text[u.Start:u.End]) == "" {
			continue // line ends between units
		}
		got = append(got, kind+":"+strings.TrimSpace(text[u.Start:u.End]))
	}
	want := []string{
		"s:全市新增病例2例。",
		"E:病例1：赵某某，女，69岁。12月1日乘坐G8512次列车。\n12月2日到超市。",
		"E:病例2：李某，男，6岁。",
		"E:密切接触者：王某。其他情况正常！",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("units\n got %q\nwant %q", got, want)
	}
}

func TestEntryMarkers(t *testing.T) {
	for _, tt := range []struct {
		text string
		n    int
	}{
		{"新增确诊病例3：张某", 1},
		{"无症状感染者12：李某", 1},
		{"第8例，男", 1},
		{"1. 张某\n2、李某\n3.5公里", 2},
		{"病例数持续下降，患者家属", 0},
		{"密接者2：王某", 1},
	} {
		if got := entryMarkers([]byte(tt.text)); len(got) != tt.n {
			t.Errorf("%q: %d markers %v, want %d", tt.text, len(got), got, tt.n)
		}
	}
}

func finding(text, sub string, t pi.Type, attrs ...string) pi.Finding {
	return sequence(text)(sub, t, attrs...)
}

func TestApplyMinors(t *testing.T) {
	text := "杨某某，女，39岁，曹某，男，12岁，母子关系，曹某手机13812345678。"
	fs := []pi.Finding{
		finding(text, "杨某某", pi.MaskedName),
		finding(text, "39岁", pi.Age, "years", "39"),
		finding(text, "曹某", pi.MaskedName),
		finding(text, "12岁", pi.Age, "years", "12"),
		finding(text, "13812345678", pi.MobilePhone),
	}
	Apply([]byte(text), fs)
	for i, f := range fs {
		child := i >= 2
		if got := f.HasCategory(pi.CatMinorU14); got != child {
			t.Errorf("%s %q: U14 %v, want %v", f.Type, text[f.Start:f.End], got, child)
		}
	}
	if fs[0].Attr(AttrSubject) == fs[2].Attr(AttrSubject) {
		t.Error("two people share a subject")
	}
}

func TestApplyRelationWord(t *testing.T) {
	text := "李某，身份证号510124201403125519，其父手机13912345678。"
	fs := []pi.Finding{
		finding(text, "李某", pi.MaskedName),
		finding(text, "510124201403125519", pi.ResidentID, pi.AttrAge, "12"),
		finding(text, "13912345678", pi.MobilePhone),
	}
	Apply([]byte(text), fs)
	if !fs[0].HasCategory(pi.CatMinorU14) || !fs[1].HasCategory(pi.CatMinorU14) || fs[2].HasCategory(pi.CatMinorU14) {
		t.Errorf("U14: %v %v %v", fs[0].Extra, fs[1].Extra, fs[2].Extra)
	}
}

func TestApplyGradeBandAndMinor(t *testing.T) {
	text := "留守儿童小明，就读于某中学初二。"
	fs := []pi.Finding{
		finding(text, "留守儿童", pi.SpecialIdentity),
		finding(text, "某中学初二", pi.School, "age_band", "13-14"),
	}
	Apply([]byte(text), fs)
	for _, f := range fs {
		if f.Attr(pi.AttrMinor) != "true" || f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: minor %q, U14 %v (a band up to 14 is a minor, not surely under 14)", f.Type, f.Attr(pi.AttrMinor), f.HasCategory(pi.CatMinorU14))
		}
	}
}

// TestEntrySentenceBackToCase: in a bulletin entry, a new sentence that
// opens with no name is about the case again, not about the relative the
// sentence before it brought in.
func TestEntrySentenceBackToCase(t *testing.T) {
	text := "病例2：女，6岁，系病例1之女。11月21日17:30由奶奶接回家。11月23日核酸检测结果阳性。\n"
	next := sequence(text)
	fs := []pi.Finding{next("女", pi.Gender, "sex", "female"), next("6岁", pi.Age, "years", "6"),
		next("11月21日17:30", pi.Date), next("11月23日", pi.Date), next("核酸检测结果阳性", pi.Health)}
	Apply([]byte(text), fs)
	if got := fs[4].Attr(AttrSubject); got == "" || got != fs[0].Attr(AttrSubject) || !fs[4].HasCategory(pi.CatMinorU14) {
		t.Errorf("the case's result: subject %q (case %q)", got, fs[0].Attr(AttrSubject))
	}
}

// TestClassHeading: a class heading a line of names (a roster) gives its
// age band to every pupil named on the line, not to a parent a relation
// word introduces.
func TestClassHeading(t *testing.T) {
	text := "五年级（3）班：陈思远（低保户）、李浩然（孤儿），父亲李国强，电话13907351234\n"
	fs := []pi.Finding{
		finding(text, "五年级（3）班", pi.School, "age_band", "10-11"),
		finding(text, "陈思远", pi.PersonName),
		finding(text, "低保户", pi.SpecialIdentity),
		finding(text, "李浩然", pi.PersonName),
		finding(text, "孤儿", pi.SpecialIdentity),
		finding(text, "李国强", pi.PersonName),
		finding(text, "13907351234", pi.MobilePhone),
	}
	Apply([]byte(text), fs)
	for i, f := range fs {
		child := i < 5
		if u14 := f.HasCategory(pi.CatMinorU14); u14 != child {
			t.Errorf("%s %q: under 14 %v, want %v", f.Type, text[f.Start:f.End], u14, child)
		}
	}
	if fs[3].Attr(AttrSubject) == fs[1].Attr(AttrSubject) {
		t.Error("two pupils made one subject")
	}
}

func TestPlaceWithoutPerson(t *testing.T) {
	text := "新开的永辉超市今天正式营业。"
	fs := []pi.Finding{finding(text, "永辉超市", pi.Place)}
	Apply([]byte(text), fs)
	if fs[0].Score > 0.2 || fs[0].Evidence.Reason == "" {
		t.Errorf("a place in news kept score %.2f", fs[0].Score)
	}
	text = "患者于12月2日到永辉超市购物。"
	fs = []pi.Finding{finding(text, "永辉超市", pi.Place)}
	Apply([]byte(text), fs)
	if fs[0].Score != 0.9 {
		t.Errorf("a patient's place lost its score: %.2f", fs[0].Score)
	}
}

func TestApplyRecord(t *testing.T) {
	fs := []pi.Finding{{Type: pi.PersonName}, {Type: pi.ResidentID, Attrs: []pi.Attr{{Key: pi.AttrAge, Value: "9"}}}, {Type: pi.MobilePhone}}
	ptrs := []*pi.Finding{&fs[0], &fs[1], &fs[2]}
	ApplyRecord(ptrs, "row 3")
	for _, f := range fs {
		if !f.HasCategory(pi.CatMinorU14) || f.Attr(AttrSubject) != "row 3" {
			t.Errorf("%s: %v %q", f.Type, f.Extra, f.Attr(AttrSubject))
		}
	}
}

// TestSchoolWorkplace: the school a teacher works at gives no pupil's age
// band, in prose (小学教师, 小学的老师) and in a record's cells; a pupil's
// school does.
func TestSchoolWorkplace(t *testing.T) {
	cell := func(typ pi.Type, term string, attrs ...pi.Attr) pi.Finding {
		return pi.Finding{Type: typ, Evidence: pi.Evidence{Context: []string{term}}, Attrs: attrs}
	}
	band := pi.Attr{Key: "age_band", Value: "6-12"}
	for _, tc := range []struct {
		name  string
		text  string // "" for a record
		fs    func(string) []pi.Finding
		child bool
	}{
		{"teacher", "昌洒镇小学教师林洪榜的手机收到信息。", func(text string) []pi.Finding {
			s := sequence(text)
			return []pi.Finding{s("昌洒镇小学", pi.School, "age_band", "6-12"), s("教师", pi.Occupation), s("林洪榜", pi.PersonName)}
		}, false},
		{"teacher after 的", "阳光小学的老师王芳说。", func(text string) []pi.Finding {
			s := sequence(text)
			return []pi.Finding{s("阳光小学", pi.School, "age_band", "6-12"), s("老师", pi.Occupation), s("王芳", pi.PersonName)}
		}, false},
		{"pupil", "阳光小学学生王小明说。", func(text string) []pi.Finding {
			s := sequence(text)
			return []pi.Finding{s("阳光小学", pi.School, "age_band", "6-12"), s("学生", pi.Occupation), s("王小明", pi.PersonName)}
		}, true},
		{"record of a teacher", "", func(string) []pi.Finding {
			return []pi.Finding{{Type: pi.PersonName}, cell(pi.School, "小学", band), cell(pi.Occupation, "教师")}
		}, false},
		{"record of a pupil", "", func(string) []pi.Finding {
			return []pi.Finding{{Type: pi.PersonName}, cell(pi.School, "小学", band), cell(pi.Occupation, "在校学生")}
		}, true},
	} {
		fs := tc.fs(tc.text)
		for i := range fs {
			if fs[i].Type == pi.School { // the school list's own guess, as terms makes it
				fs[i].SetAttr(pi.AttrMinor, "true")
				fs[i].AddCategory(pi.CatMinorU14)
			}
		}
		if tc.text == "" {
			ApplyRecord(pointers(fs), "row 1")
		} else {
			Apply([]byte(tc.text), fs)
		}
		for _, f := range fs {
			if f.HasCategory(pi.CatMinorU14) != tc.child || (f.Attr(pi.AttrMinor) == "true") != tc.child {
				t.Errorf("%s: %s minor %q, U14 %v; want a child: %v", tc.name, f.Type, f.Attr(pi.AttrMinor), f.HasCategory(pi.CatMinorU14), tc.child)
			}
		}
	}
}

func TestTrajectory(t *testing.T) {
	text := "病例1：赵某某，女，69岁。\n12月1日10时，乘坐G8512次列车（08车12F）由重庆返回成都；\n12月2日晚19：00，在郫都区某超市购物；\n12月5日，核酸检测阳性。"
	fs := []pi.Finding{
		finding(text, "赵某某", pi.MaskedName),
		finding(text, "12月1日10时", pi.Date),
		finding(text, "G8512", pi.TrainNumber),
		finding(text, "08车12F", pi.SeatNumber),
		finding(text, "12月2日晚19：00", pi.Date),
		finding(text, "郫都区某超市", pi.Place),
		finding(text, "12月5日", pi.Date),
	}
	tr := trajectoryOf(text, fs)
	if tr == nil {
		t.Fatal("no trajectory")
	}
	if got := text[tr.Start:tr.End]; !strings.HasPrefix(got, "12月1日10时") || !strings.HasSuffix(got, "郫都区某超市") {
		t.Errorf("span %q", got)
	}
	if tr.Attr("steps") != "2" || !strings.Contains(tr.Attr("step_1"), "transport=G8512") || !strings.Contains(tr.Attr("step_2"), "place=郫都区某超市") {
		t.Errorf("steps %v", tr.Attrs)
	}
	// an entry opened by a numbered line in a news file runs on for
	// lines; steps with whole lines between them are no itinerary
	news := "5.许鞍华月底开拍新片。\n华侨银行13日宣布推出网银。\n股市今日大涨。\n油价下跌。\n金价持平。\n他去了网吧。\n央行上调准备金率。\n汇率稳定。\n楼市降温。\n记者10月6日到北京采访。\n球队前往客场。"
	nfs := []pi.Finding{
		finding(news, "13日", pi.Date),
		finding(news, "网吧", pi.Place),
		finding(news, "10月6日", pi.Date),
		finding(news, "北京", pi.Place),
	}
	for _, f := range Trajectories([]byte(news), Units([]byte(news)), nfs) {
		if f.Type == pi.Trajectory {
			t.Errorf("trajectory %q across unrelated lines", news[f.Start:f.End])
		}
	}
	// a symptom line between two days of an itinerary does not end it
	sym := "病例2：王某，男，40岁。\n1月20日，乘坐G123次列车返回成都；\n出现发热症状。\n1月22日，到郫都区某超市购物。"
	sfs := []pi.Finding{
		finding(sym, "王某", pi.MaskedName),
		finding(sym, "1月20日", pi.Date),
		finding(sym, "G123", pi.TrainNumber),
		finding(sym, "1月22日", pi.Date),
		finding(sym, "郫都区某超市", pi.Place),
	}
	n := 0
	for _, f := range Trajectories([]byte(sym), Units([]byte(sym)), sfs) {
		if f.Type == pi.Trajectory {
			n++
			if f.Attr("steps") != "2" {
				t.Errorf("steps %v", f.Attrs)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d trajectories across a symptom line, want 1", n)
	}
	// one dated place is not a trajectory
	one := "12月2日到超市购物。"
	if out := Trajectories([]byte(one), Units([]byte(one)), []pi.Finding{finding(one, "12月2日", pi.Date), finding(one, "超市", pi.Place)}); len(out) != 2 {
		t.Errorf("one step made a trajectory: %v", out)
	}
}

func FuzzUnits(f *testing.F) {
	f.Add("病例1：赵某某。\n1. 第2例：\n\n密接：")
	f.Add("\xff病例9")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, u := range Units([]byte(s)) {
			if u.Start < prev || u.End < u.Start || u.End > len(s) {
				t.Fatalf("%q: bad unit %+v after %d", s, u, prev)
			}
			prev = u.End
		}
	})
}

// FuzzSenderLabel: a chat line's sender label ends inside the line, right
// after a colon, and senderPrefix never panics.
func FuzzSenderLabel(f *testing.F) {
	for _, s := range []string{"[2024-05-10 20:15] 张子涵妈妈：李老师，", "班主任：", "[", "[1:2", "12:30 ：", "3班-", "a|：x", "\xff：", "张某：男，45岁"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		senderPrefix([]byte(s))
		k := senderLabelEnd([]byte(s))
		if k < 0 || k > len(s) {
			t.Fatalf("%q: label end %d", s, k)
		}
		if k > 0 && !strings.HasSuffix(s[:k], "：") && !strings.HasSuffix(s[:k], ":") {
			t.Fatalf("%q: label %q does not end with a colon", s, s[:k])
		}
	})
}

func TestEmployers(t *testing.T) {
	for _, tt := range []struct {
		text, org string
		want      pi.Type
	}{
		{"张某就职于成都市某科技公司，", "成都市某科技公司", pi.Employer},
		{"其在同煤医院工作。", "同煤医院", pi.Employer},
		{"李某系浙商银行员工。", "浙商银行", pi.Employer},
		{"浙商银行发布年报。", "浙商银行", pi.Organization},
		{"工作单位为成都某科技公司，", "成都某科技公司", pi.Employer},
		{"工作单位：甘肃日报社", "甘肃日报社", pi.Employer},
		{"张三在甘肃日报社担任记者。", "甘肃日报社", pi.Employer},
		{"刘某系甘肃日报社记者。", "甘肃日报社", pi.Employer},
		{"甘肃日报社发布消息。", "甘肃日报社", pi.Organization},
	} {
		fs := []pi.Finding{finding(tt.text, tt.org, pi.Organization)}
		Employers([]byte(tt.text), fs)
		if fs[0].Type != tt.want {
			t.Errorf("%q: %s, want %s", tt.text, fs[0].Type, tt.want)
		}
	}
}

// TestEmployerPlace: a place the tagger found where a person works is the
// employer; a place visited stays a place.
func TestEmployerPlace(t *testing.T) {
	for _, tt := range []struct {
		text, span string
		want       pi.Type
	}{
		{"她在杭州某科技公司上班。", "杭州某科技公司", pi.Employer},
		{"1月20日到华联超市购物。", "华联超市", pi.Place},
	} {
		fs := []pi.Finding{finding(tt.text, tt.span, pi.Place)}
		Employers([]byte(tt.text), fs)
		if fs[0].Type != tt.want {
			t.Errorf("%s: %s, want %s", tt.text, fs[0].Type, tt.want)
		}
	}
}

// TestSplitEntries: an entry ends before a line that introduces someone
// else, and runs on over lines that continue its case.
func TestSplitEntries(t *testing.T) {
	tests := []struct {
		name, text string
		fs         []string // "type:text", in text order
		want       []string // the entry units after splitting
	}{
		{
			name: "paragraph about a child under the last case",
			text: "病例5：李某某，男，45岁。1月20日到超市购物。\n留守儿童王小军，今年8岁，家住阳光村。",
			fs:   []string{"masked_name:李某某", "special_identity:留守儿童", "person_name:王小军"},
			want: []string{"病例5：李某某，男，45岁。1月20日到超市购物。\n", "留守儿童王小军，今年8岁，家住阳光村。"},
		},
		{
			name: "a line starting with another name",
			text: "病例1：赵某某，女，69岁。\n张三系其邻居，1月2日到访。",
			fs:   []string{"masked_name:赵某某", "person_name:张三"},
			want: []string{"病例1：赵某某，女，69岁。\n", "张三系其邻居，1月2日到访。"},
		},
		{
			name: "a line that speaks to the public",
			text: "无症状感染者1：王某，男，8岁。\n请广大市民注意个人防护，如有发热、咳嗽等症状请及时就医。",
			fs:   []string{"masked_name:王某", "health:发热", "health:咳嗽"},
			want: []string{"无症状感染者1：王某，男，8岁。\n"},
		},
		{
			name: "a line opening another case with a colon",
			text: "患者十五，男，80岁，1月24日出现发热。\n新增确诊病例：王某，女，27岁。",
			fs:   []string{"date:1月24日", "masked_name:王某"},
			want: []string{"患者十五，男，80岁，1月24日出现发热。\n", "新增确诊病例：王某，女，27岁。"},
		},
		{
			name: "a case word before another name",
			text: "患者1：赵某某，女。\n患者王某，男，27岁。",
			fs:   []string{"masked_name:赵某某", "masked_name:王某"},
			want: []string{"患者1：赵某某，女。\n", "患者王某，男，27岁。"},
		},
		{
			name: "a case with no name, then a named person",
			text: "患者二，女，48岁，现住鹿城区。\n患者霍某某，男性，70岁。",
			fs:   []string{"gender:女", "age:48岁", "masked_name:霍某某"},
			want: []string{"患者二，女，48岁，现住鹿城区。\n", "患者霍某某，男性，70岁。"},
		},
		{
			name: "the marker alone on its line",
			text: "病例1：\n赵某某，女，69岁。\n1月2日到超市。",
			fs:   []string{"masked_name:赵某某", "date:1月2日"},
			want: []string{"病例1：\n赵某某，女，69岁。\n1月2日到超市。"},
		},
		{
			name: "the same masked name opening another record",
			text: "患者九，男，62岁。\n患者王某某，男，21岁。\n患者王某某，女，46岁。",
			fs:   []string{"gender:男", "masked_name:王某某", "masked_name:王某某"},
			want: []string{"患者九，男，62岁。\n", "患者王某某，男，21岁。\n", "患者王某某，女，46岁。"},
		},
		{
			name: "a line starting with the entry's own name",
			text: "病例1：赵某某，女，69岁。\n赵某某于1月2日到超市。",
			fs:   []string{"masked_name:赵某某", "masked_name:赵某某"},
			want: []string{"病例1：赵某某，女，69岁。\n赵某某于1月2日到超市。"},
		},
		{
			name: "a news line introducing a labelled child further on",
			text: "病例2：王某，男，6岁。\n记者从县民政局获悉，家住柳溪村的留守儿童小华（化名），今年9岁。",
			fs:   []string{"masked_name:王某", "organization:县民政局", "address:柳溪村", "special_identity:留守儿童", "person_name:小华"},
			want: []string{"病例2：王某，男，6岁。\n", "记者从县民政局获悉，家住柳溪村的留守儿童小华（化名），今年9岁。"},
		},
		{
			name: "a line naming someone with record fields",
			text: "病例3：李某，女，50岁。\n经调查，其邻居张某，男，40岁，已隔离。",
			fs:   []string{"masked_name:李某", "masked_name:张某"},
			want: []string{"病例3：李某，女，50岁。\n", "经调查，其邻居张某，男，40岁，已隔离。"},
		},
		{
			name: "someone the case met stays in the entry",
			text: "病例4：赵某，女，33岁。\n1月20日与同事钱某，男，35岁，在餐馆聚餐。",
			fs:   []string{"masked_name:赵某", "date:1月20日", "masked_name:钱某"},
			want: []string{"病例4：赵某，女，33岁。\n1月20日与同事钱某，男，35岁，在餐馆聚餐。"},
		},
		{
			name: "the footer of a published list",
			text: "3. 初二（3）班 赵一鸣 残疾\n公示期为5天，如有异议请联系学校德育处。",
			fs:   []string{"school:初二（3）班", "person_name:赵一鸣", "health:残疾"},
			want: []string{"3. 初二（3）班 赵一鸣 残疾\n"},
		},
		{
			name: "date and symptom lines continue the case",
			text: "病例2：王某，男，40岁。\n1月20日，乘坐G123次列车返回成都；\n出现发热症状。",
			fs:   []string{"masked_name:王某", "date:1月20日"},
			want: []string{"病例2：王某，男，40岁。\n1月20日，乘坐G123次列车返回成都；\n出现发热症状。"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs []pi.Finding
			from := 0
			for _, s := range tt.fs {
				typ, sub, _ := strings.Cut(s, ":")
				i := from + strings.Index(tt.text[from:], sub)
				fs = append(fs, pi.Finding{Type: pi.Type(typ), Start: i, End: i + len(sub), Score: 0.9})
				from = i + len(sub)
			}
			var got []string
			for _, u := range SplitEntries([]byte(tt.text), Units([]byte(tt.text)), fs) {
				if u.Entry {
					got = append(got, tt.text[u.Start:u.End])
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("entries\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestLabelGoesWithName: a label written onto a name belongs to that name's
// subject, not to the person before it.
func TestLabelGoesWithName(t *testing.T) {
	text := "患者李某，男，45岁，其邻居留守儿童王小军，8岁。"
	fs := []pi.Finding{
		finding(text, "李某", pi.MaskedName),
		finding(text, "男", pi.Gender, "sex", "male"),
		finding(text, "45岁", pi.Age, "years", "45"),
		finding(text, "留守儿童", pi.SpecialIdentity),
		finding(text, "王小军", pi.PersonName),
		finding(text, "8岁", pi.Age, "years", "8"),
	}
	Apply([]byte(text), fs)
	if a, b := fs[3].Attr(AttrSubject), fs[4].Attr(AttrSubject); a != b {
		t.Errorf("留守儿童 subject %q, 王小军 %q: want the same", a, b)
	}
	if fs[3].Attr(AttrSubject) == fs[0].Attr(AttrSubject) {
		t.Errorf("留守儿童 given to 李某")
	}
	if !fs[3].HasCategory(pi.CatMinorU14) || fs[0].HasCategory(pi.CatMinorU14) {
		t.Errorf("minor marks: label %v, 李某 %v", fs[3].Extra, fs[0].Extra)
	}
}

// TestHomeNotStep: a home (…小区居民) is not a step of the itinerary.
func TestHomeNotStep(t *testing.T) {
	text := "病例2：赵某某，郫都区太清路某小区居民。12月1日到春熙路某美甲店，16时到建设路某酒吧。"
	fs := []pi.Finding{
		finding(text, "赵某某", pi.MaskedName),
		{Type: pi.Address, Start: strings.Index(text, "郫都区"), End: strings.Index(text, "居民"), Score: 0.8},
		finding(text, "12月1日", pi.Date),
		finding(text, "春熙路某美甲店", pi.Place),
		finding(text, "建设路某酒吧", pi.Place),
	}
	tr := trajectoryOf(text, fs)
	if tr == nil {
		t.Fatal("no trajectory")
	}
	if got := text[tr.Start:tr.End]; !strings.HasPrefix(got, "12月1日") {
		t.Errorf("span %q starts before the itinerary", got)
	}
}

// TestTrajectoryClauses: a comma before a clause that moves on starts a
// step, an itinerary never ends inside another finding, and a native
// place is not a step.
func TestTrajectoryClauses(t *testing.T) {
	text := "患者孙某，松原市乾安县人，1月10日从北京去往武汉市，期间去过黄鹤楼、武汉大学等景点。"
	fs := []pi.Finding{
		finding(text, "孙某", pi.MaskedName),
		{Type: pi.Address, Start: strings.Index(text, "松原市乾安县"), End: strings.Index(text, "松原市乾安县") + len("松原市乾安县"), Score: 0.75, Evidence: pi.Evidence{Context: []string{"人"}}},
		finding(text, "1月10日", pi.Date),
		finding(text, "北京", pi.Place),
		finding(text, "武汉市", pi.Place),
		finding(text, "黄鹤楼", pi.Place),
		finding(text, "武汉大学", pi.Organization),
		finding(text, "武汉", pi.Place),
	}
	fs[7].Start = strings.Index(text, "武汉大学")
	fs[7].End = fs[7].Start + len("武汉")
	pi.SortByStart(fs)
	tr := trajectoryOf(text, fs)
	if tr == nil {
		t.Fatal("no trajectory")
	}
	if got := text[tr.Start:tr.End]; got != "1月10日从北京去往武汉市，期间去过黄鹤楼、武汉大学" {
		t.Errorf("span %q", got)
	}
	if tr.Attr("steps") != "2" || !strings.HasPrefix(tr.Attr("step_2"), "place=黄鹤楼") {
		t.Errorf("steps %v", tr.Attrs)
	}
}

// trajectoryOf returns the last trajectory Trajectories finds in text, or nil.
func trajectoryOf(text string, fs []pi.Finding) *pi.Finding {
	var tr *pi.Finding
	out := Trajectories([]byte(text), Units([]byte(text)), fs)
	for i := range out {
		if out[i].Type == pi.Trajectory {
			tr = &out[i]
		}
	}
	return tr
}

// TestSameNameOneSubject: two sentences naming the same person are one
// subject: the age in the first makes the diagnosis in the second a
// child's. A bare masked name is joined so in a text that is no bulletin
// while the facts agree; a bulletin's entries, or a different sex or age,
// keep two people apart.
func TestSameNameOneSubject(t *testing.T) {
	text := "今年9岁的小刚在村小学读书。小刚患有先天性心脏病。李某，12岁。李某患有哮喘。"
	next := sequence(text)
	fs := []pi.Finding{
		next("9岁", pi.Age, "years", "9"),
		next("小刚", pi.PersonName),
		next("小刚", pi.PersonName),
		next("先天性心脏病", pi.Health),
		next("李某", pi.MaskedName),
		next("12岁", pi.Age, "years", "12"),
		next("李某", pi.MaskedName),
		next("哮喘", pi.Health),
	}
	Apply([]byte(text), fs)
	if fs[3].Attr(AttrSubject) != fs[1].Attr(AttrSubject) || !fs[3].HasCategory(pi.CatMinorU14) {
		t.Errorf("先天性心脏病: subject %q (小刚 %q), categories %v", fs[3].Attr(AttrSubject), fs[1].Attr(AttrSubject), fs[3].Extra)
	}
	if fs[7].Attr(AttrSubject) != fs[4].Attr(AttrSubject) || !fs[7].HasCategory(pi.CatMinorU14) {
		t.Errorf("a story's 李某 twice: %v %v", fs[4].Attrs, fs[7].Attrs)
	}

	for _, text := range []string{
		"病例1：李某，45岁。\n病例2：李某，患有高血压。",        // a bulletin's entries
		"患者李某，女，37岁，住某小区。患者李某，男，23岁，患有高血压。", // two records that disagree
	} {
		next := sequence(text)
		fs := []pi.Finding{next("李某", pi.MaskedName)}
		if strings.Contains(text, "女") {
			fs = append(fs, next("女", pi.Gender, "sex", "female"))
		}
		fs = append(fs, next("李某", pi.MaskedName))
		if strings.Contains(text, "男") {
			fs = append(fs, next("男", pi.Gender, "sex", "male"))
		}
		fs = append(fs, next("高血压", pi.Health))
		Apply([]byte(text), fs)
		if fs[0].Attr(AttrSubject) == fs[len(fs)-1].Attr(AttrSubject) {
			t.Errorf("%s: two 李某 joined into one subject", text)
		}
	}
}

// TestTrajectoryTimesAndTravel: the time of day and the means of travel
// written before a place are parts of its step.
func TestTrajectoryTimesAndTravel(t *testing.T) {
	text := "病例2：赵某某，女，20岁。\n12月1日：10时许从太清路某小区出发，乘坐地铁2号线到春熙路站，16时到达建设路某酒吧，23时许返回家中。"
	fs := []pi.Finding{
		finding(text, "赵某某", pi.MaskedName),
		finding(text, "12月1日", pi.Date),
		finding(text, "太清路某小区", pi.Address),
		finding(text, "春熙路站", pi.Place),
		finding(text, "建设路某酒吧", pi.Place),
		finding(text, "建设路", pi.Address), // nested in the place: not a part of its own
		finding(text, "家中", pi.Place),
	}
	pi.SortByStart(fs)
	tr := trajectoryOf(text, fs)
	if tr == nil {
		t.Fatal("no trajectory")
	}
	want := map[string]string{
		"step_1": "date=12月1日; time=10时许; place=太清路某小区",
		"step_2": "transport=地铁2号线; place=春熙路站",
		"step_3": "time=16时; place=建设路某酒吧",
		"step_4": "time=23时许; place=家中",
		"steps":  "4",
	}
	for k, v := range want {
		if got := tr.Attr(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

// TestTrajectoryLastLeg: a last leg named only by its time and means of
// travel is a step; a travel word inside a noun (步行街) is none.
func TestTrajectoryLastLeg(t *testing.T) {
	text := "病例1：刘某某，男。12月3日14时到武侯区某超市购物，17时乘坐地铁3号线返回。"
	fs := []pi.Finding{finding(text, "刘某某", pi.MaskedName), finding(text, "12月3日14时", pi.Date), finding(text, "武侯区某超市", pi.Place)}
	tr := trajectoryOf(text, fs)
	if tr == nil || tr.Attr("step_2") != "time=17时; transport=地铁3号线" {
		t.Fatalf("trajectory %v", tr)
	}
	if got := text[tr.Start:tr.End]; !strings.HasSuffix(got, "地铁3号线") {
		t.Errorf("span %q", got)
	}
	walk := "病例2：王某。12日在黄兴路步行街购物，晚上到某酒店。"
	tr = trajectoryOf(walk, []pi.Finding{finding(walk, "王某", pi.MaskedName), finding(walk, "12日", pi.Date),
		finding(walk, "黄兴路步行街", pi.Place), finding(walk, "某酒店", pi.Place)})
	if tr == nil || strings.Contains(tr.Attr("step_1")+tr.Attr("step_2"), "transport") {
		t.Errorf("步行街: %v", tr)
	}
}

func TestAddressKinds(t *testing.T) {
	text := "现住郫都区幸福小区3栋，12月1日到达成华区建设路某酒吧，在武侯区某小区2栋聚餐，郫都区太清路某小区居民，经过青羊区某路。"
	fs := []pi.Finding{
		{Type: pi.Address, Start: strings.Index(text, "郫都区幸福小区3栋"), End: strings.Index(text, "，12月"), Evidence: pi.Evidence{Context: []string{"现住"}}},
		finding(text, "成华区建设路某酒吧", pi.Address),
		finding(text, "武侯区某小区2栋", pi.Address),
		finding(text, "郫都区太清路某小区", pi.Address),
		finding(text, "青羊区某路", pi.Address),
	}
	AddressKinds([]byte(text), fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Attr("kind"))
	}
	if want := []string{"home", "visit", "visit", "home", ""}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kinds %q, want %q", got, want)
	}
}

// TestEntryLinesBelongToTheCase: in a case entry, a new line is about the
// case again, not the relative named last; the case named again is the
// case; X的妻子 describes the person instead of introducing another.
func TestEntryLinesBelongToTheCase(t *testing.T) {
	text := "病例1：张某某，男，42岁。其女儿张某甲，7岁。\n11月20日，张某某乘坐G123次列车返京。\n病例2：李某，女，38岁，系病例1的妻子。11月24日出现咳嗽。"
	next := sequence(text)
	fs := []pi.Finding{
		next("张某某", pi.MaskedName), next("42岁", pi.Age, "years", "42"),
		next("张某甲", pi.MaskedName), next("7岁", pi.Age, "years", "7"),
		next("11月20日", pi.Date), next("张某某", pi.MaskedName), next("G123", pi.TrainNumber),
		next("李某", pi.MaskedName), next("38岁", pi.Age, "years", "38"), next("11月24日", pi.Date), next("咳嗽", pi.Health),
	}
	Apply([]byte(text), fs)
	subj := func(i int) string { return fs[i].Attr(AttrSubject) }
	for _, i := range []int{4, 5, 6} {
		if subj(i) != subj(0) || fs[i].HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: subject %q (case %q), categories %v", text[fs[i].Start:fs[i].End], subj(i), subj(0), fs[i].Extra)
		}
	}
	if subj(2) == subj(0) {
		t.Errorf("the daughter is the case")
	}
	for _, i := range []int{9, 10} {
		if subj(i) != subj(7) {
			t.Errorf("%s: subject %q, want 李某's %q", text[fs[i].Start:fs[i].End], subj(i), subj(7))
		}
	}
}

// sequence returns a function that makes the findings of text in order:
// each call finds sub after the previous one.
func sequence(text string) func(sub string, typ pi.Type, attrs ...string) pi.Finding {
	from := 0
	return func(sub string, typ pi.Type, attrs ...string) pi.Finding {
		i := from + strings.Index(text[from:], sub)
		from = i + len(sub)
		f := pi.Finding{Type: typ, Start: i, End: i + len(sub), Score: 0.9}
		for k := 0; k+1 < len(attrs); k += 2 {
			f.SetAttr(attrs[k], attrs[k+1])
		}
		return f
	}
}

// TestNestedFindingsInEntry: a finding nested in the one before it, after
// a relative was named in an entry, is grouped without trouble (it sliced
// the text backwards once).
func TestNestedFindingsInEntry(t *testing.T) {
	text := "病例1：张某。其女儿李某到北京市朝阳区医院就诊。\n1月2日到超市。"
	next := sequence(text)
	fs := []pi.Finding{next("张某", pi.MaskedName), next("李某", pi.MaskedName), next("北京市朝阳区医院", pi.Address), next("1月2日", pi.Date)}
	fs = append(fs, finding(text, "朝阳区医院", pi.Place))
	pi.SortByStart(fs)
	Apply([]byte(text), fs)
	daughter := fs[1].Attr(AttrSubject)
	if fs[2].Attr(AttrSubject) != daughter || fs[3].Attr(AttrSubject) != daughter || fs[4].Attr(AttrSubject) != fs[0].Attr(AttrSubject) {
		t.Errorf("subjects %q %q %q, want %q %q %q", fs[2].Attr(AttrSubject), fs[3].Attr(AttrSubject), fs[4].Attr(AttrSubject), daughter, daughter, fs[0].Attr(AttrSubject))
	}
}

// TestTrajectoryListLines: an itinerary listed line by line keeps each
// line's means of travel with that line's step.
func TestTrajectoryListLines(t *testing.T) {
	text := "确诊病例3：刘某，女。\n12月1日 10:00 青羊区某超市\n12月1日 15:20 乘坐28路公交车\n12月2日 09:00 青羊区某医院"
	next := sequence(text)
	fs := []pi.Finding{next("刘某", pi.MaskedName), next("12月1日 10:00", pi.Date), next("青羊区某超市", pi.Place),
		next("12月1日 15:20", pi.Date), next("12月2日 09:00", pi.Date), next("青羊区某医院", pi.Place)}
	tr := trajectoryOf(text, fs)
	if tr == nil {
		t.Fatal("no trajectory")
	}
	if got := tr.Attr("step_2"); got != "date=12月1日 15:20; transport=28路公交车" {
		t.Errorf("step_2 = %q", got)
	}
	if tr.Attr("steps") != "3" {
		t.Errorf("steps %v", tr.Attrs)
	}
}

// TestFindingPastUnitEnd: a finding that runs past the end of its sentence
// (an address tagged across 。) does not upset the itinerary's tail.
func TestFindingPastUnitEnd(t *testing.T) {
	text := "他1月2日到超市购物，乘坐出租车去某站。某站旁边小区"
	fs := []pi.Finding{finding(text, "1月2日", pi.Date), finding(text, "超市", pi.Place), finding(text, "某站。某站旁边小区", pi.Address)}
	pi.SortByStart(fs)
	Trajectories([]byte(text), Units([]byte(text)), fs)
	Apply([]byte(text), fs)
}

// TestSameMaskedNameTwoRecords: one masked name opening two records is two
// people, each with its own sex, and a case with no name keeps its own.
func TestSameMaskedNameTwoRecords(t *testing.T) {
	text := "第四例：男，38岁，武汉市人。\n患者李某某，女性，37岁，单县人。患者李某某，男性，23岁，巨野人。"
	next := sequence(text)
	fs := []pi.Finding{
		next("男", pi.Gender, "sex", "male"), next("38岁", pi.Age, "years", "38"),
		next("李某某", pi.MaskedName), next("女性", pi.Gender, "sex", "female"), next("37岁", pi.Age, "years", "37"),
		next("李某某", pi.MaskedName), next("男性", pi.Gender, "sex", "male"), next("23岁", pi.Age, "years", "23"),
	}
	Apply([]byte(text), fs)
	if a, b, c := fs[0].Attr(AttrSubject), fs[2].Attr(AttrSubject), fs[5].Attr(AttrSubject); a == b || b == c || a == c {
		t.Errorf("subjects %q %q %q: want three", a, b, c)
	}
	if fs[2].Attr(pi.AttrSex) != "female" || fs[5].Attr(pi.AttrSex) != "male" {
		t.Errorf("sexes %q %q", fs[2].Attr(pi.AttrSex), fs[5].Attr(pi.AttrSex))
	}
}

// TestPronounReturns: 他 or 她 opening a clause speaks of the sentence's
// named person again, when the sex agrees.
func TestPronounReturns(t *testing.T) {
	text := "今年12岁的李明明是五年级学生，母亲改嫁后下落不明，他和奶奶住在大河镇东风村3组。"
	fs := []pi.Finding{
		finding(text, "12岁", pi.Age, "years", "12"),
		finding(text, "李明明", pi.PersonName),
		finding(text, "大河镇东风村3组", pi.Address),
	}
	Apply([]byte(text), fs)
	if fs[2].Attr(AttrSubject) != fs[1].Attr(AttrSubject) || !fs[2].HasCategory(pi.CatMinorU14) {
		t.Errorf("the home is not the child's: %v / %v", fs[2].Attrs, fs[1].Attrs)
	}
	text = "患者李某，男，45岁，其妻子王某，40岁，她于1月20日到永辉超市。"
	fs = []pi.Finding{
		finding(text, "李某", pi.MaskedName),
		finding(text, "男", pi.Gender, "sex", "male"),
		finding(text, "45岁", pi.Age, "years", "45"),
		finding(text, "王某", pi.MaskedName),
		finding(text, "40岁", pi.Age, "years", "40"),
		finding(text, "永辉超市", pi.Place),
	}
	Apply([]byte(text), fs)
	if fs[5].Attr(AttrSubject) != fs[3].Attr(AttrSubject) {
		t.Errorf("她 went back to the husband: place %v, wife %v", fs[5].Attrs, fs[3].Attrs)
	}
	// 她女儿 speaks of the daughter: her school is not the speaker's
	text = "王哥：就是刘梅，电话15012345678，她女儿在实验小学读三年级"
	at := sequence(text)
	fs = []pi.Finding{
		at("王哥", pi.PersonName),
		at("刘梅", pi.PersonName),
		at("15012345678", pi.MobilePhone),
		at("实验小学", pi.School, "age_band", "6-12"),
		at("三年级", pi.School, "age_band", "8-9"),
	}
	Apply([]byte(text), fs)
	if fs[0].HasCategory(pi.CatMinorU14) || fs[1].HasCategory(pi.CatMinorU14) {
		t.Errorf("a daughter's grade made an adult a child: %v %v", fs[0].Extra, fs[1].Extra)
	}
}

// TestRecordGoesOn: the sentences after a record about one named person, on
// its line, speak of that person until someone else is named.
func TestRecordGoesOn(t *testing.T) {
	text := "患者王某，男，52岁，农民。因发热伴咳嗽3天入院。既往有高血压病史。其子王某某，16岁。\n发热门诊今日开放。"
	fs := []pi.Finding{
		finding(text, "王某", pi.MaskedName),
		finding(text, "男", pi.Gender, "sex", "male"),
		finding(text, "52岁", pi.Age, "years", "52"),
		finding(text, "发热", pi.Health),
		finding(text, "咳嗽", pi.Health),
		finding(text, "高血压", pi.Health),
		finding(text, "王某某", pi.MaskedName),
		finding(text, "16岁", pi.Age, "years", "16"),
		finding(text, "发热门诊", pi.Place),
	}
	Apply([]byte(text), fs)
	patient := fs[0].Attr(AttrSubject)
	for _, i := range []int{3, 4, 5} {
		if got := fs[i].Attr(AttrSubject); got != patient {
			t.Errorf("%s: subject %q, want the patient's %q", text[fs[i].Start:fs[i].End], got, patient)
		}
	}
	if fs[6].Attr(AttrSubject) == patient || fs[8].Attr(AttrSubject) == patient {
		t.Errorf("the son or the next line went to the patient: %v, %v", fs[6].Attrs, fs[8].Attrs)
	}
}

// TestPatientNoun: a sentence that opens with the patient (患儿因…入院)
// speaks of the person of the record above it, and so does the rest of its
// paragraph.
func TestPatientNoun(t *testing.T) {
	text := "姓名：赵晓雯　性别：女　年龄：9岁\n患儿因发热2天入院。既往有哮喘病史。\n出院医嘱：注意休息。"
	fs := []pi.Finding{
		finding(text, "赵晓雯", pi.PersonName),
		finding(text, "女", pi.Gender, "sex", "female"),
		finding(text, "9岁", pi.Age, "years", "9"),
		finding(text, "发热", pi.Health),
		finding(text, "哮喘", pi.Health),
	}
	Apply([]byte(text), fs)
	child := fs[0].Attr(AttrSubject)
	for _, i := range []int{3, 4} {
		if got := fs[i].Attr(AttrSubject); got != child || !fs[i].HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: subject %q (%v), want the child's %q with PI.MINOR_U14", text[fs[i].Start:fs[i].End], got, fs[i].Extra, child)
		}
	}
}

// TestLabelsInRecord: a sentence whose only facts about a person are
// labels goes on with the record it follows (患儿现由外婆抚养，系留守儿童),
// unless a relation word brings in someone else (其子为留守儿童); a child's
// label makes its subject a minor.
func TestLabelsInRecord(t *testing.T) {
	text := "王小雨，女，患儿现由外婆抚养，系留守儿童。\n李某，男。其子为留守儿童。\n赵某，低保户。"
	next := sequence(text)
	fs := []pi.Finding{
		next("王小雨", pi.PersonName),
		next("女", pi.Gender, "sex", "female"),
		next("留守儿童", pi.SpecialIdentity, "age_band", "0-15"),
		next("李某", pi.MaskedName),
		next("男", pi.Gender, "sex", "male"),
		next("留守儿童", pi.SpecialIdentity, "age_band", "0-15"),
		next("赵某", pi.MaskedName),
		next("低保户", pi.SpecialIdentity),
	}
	// the first record's label in a sentence of its own
	fs[2].Start, fs[2].End = strings.Index(text, "留守儿童"), strings.Index(text, "留守儿童")+len("留守儿童")
	text2 := strings.Replace(text, "，患儿", "。患儿", 1)
	Apply([]byte(text2), fs)
	if fs[2].Attr(AttrSubject) != fs[0].Attr(AttrSubject) || fs[0].Attr(pi.AttrMinor) != "true" || fs[0].HasCategory(pi.CatMinorU14) {
		t.Errorf("the child's label: subject %q (want %q), the child's minor %q, U14 %v", fs[2].Attr(AttrSubject), fs[0].Attr(AttrSubject), fs[0].Attr(pi.AttrMinor), fs[0].HasCategory(pi.CatMinorU14))
	}
	if fs[5].Attr(AttrSubject) == fs[3].Attr(AttrSubject) || fs[3].Attr(pi.AttrMinor) != "" {
		t.Errorf("the son's label went to the father: %v, %v", fs[5].Attrs, fs[3].Attrs)
	}
	if fs[7].Attr(AttrSubject) != fs[6].Attr(AttrSubject) || fs[6].Attr(pi.AttrMinor) != "" {
		t.Errorf("an adult's relief label: %v, %v", fs[7].Attrs, fs[6].Attrs)
	}
}

// TestFormRecord: in a form filled in after 姓名：, every line up to a
// blank line or the next person's name is about that person.
func TestFormRecord(t *testing.T) {
	text := "姓名：赵晓雯　性别：女　年龄：9岁\n入院诊断：支气管肺炎\n出院医嘱：注意休息\n\n附：本院发热门诊开放时间。\n姓名：李强　性别：男　年龄：40岁\n诊断：高血压\n"
	fs := []pi.Finding{
		finding(text, "赵晓雯", pi.PersonName),
		finding(text, "女", pi.Gender, "sex", "female"),
		finding(text, "9岁", pi.Age, "years", "9"),
		finding(text, "支气管肺炎", pi.Health),
		finding(text, "发热", pi.Health),
		finding(text, "李强", pi.PersonName),
		finding(text, "男", pi.Gender, "sex", "male"),
		finding(text, "40岁", pi.Age, "years", "40"),
		finding(text, "高血压", pi.Health),
	}
	Apply([]byte(text), fs)
	child, adult := fs[0].Attr(AttrSubject), fs[5].Attr(AttrSubject)
	if got := fs[3].Attr(AttrSubject); got != child || !fs[3].HasCategory(pi.CatMinorU14) {
		t.Errorf("the diagnosis: subject %q, want the child's %q", got, child)
	}
	if got := fs[4].Attr(AttrSubject); got == child {
		t.Errorf("the line after the blank line went to the child")
	}
	if got := fs[8].Attr(AttrSubject); got != adult || fs[8].HasCategory(pi.CatMinorU14) {
		t.Errorf("the second form's diagnosis: subject %q, want %q", got, adult)
	}
}

// TestChatSpeakers: in a chat log, what a message says is not about its
// sender; a bulletin's lines opening with a name and a colon are records.
func TestChatSpeakers(t *testing.T) {
	text := "张阿姨：听说咱们楼有人确诊了？\n李先生 13812345678：孩子在实验小学读四年级。\n"
	fs := []pi.Finding{
		finding(text, "张阿姨", pi.PersonName),
		finding(text, "确诊", pi.Health),
		finding(text, "李", pi.PersonName),
		finding(text, "13812345678", pi.MobilePhone),
		finding(text, "四年级", pi.School, "age_band", "9-10"),
	}
	Apply([]byte(text), fs)
	if fs[1].Attr(AttrSubject) == fs[0].Attr(AttrSubject) {
		t.Errorf("the message's 确诊 went to its sender")
	}
	if fs[3].Attr(AttrSubject) != fs[2].Attr(AttrSubject) || fs[2].HasCategory(pi.CatMinorU14) || fs[3].HasCategory(pi.CatMinorU14) {
		t.Errorf("the sender and his phone: %v %v", fs[2].Attrs, fs[3].Attrs)
	}

	// a sender with a note in brackets (a flat number) is a sender too
	group := "王姐（3-2-501）：听说有人阳了？\n张大爷：他家孩子在实验小学上五年级吧。\n"
	gs := []pi.Finding{
		finding(group, "王姐", pi.PersonName),
		finding(group, "张大爷", pi.PersonName),
		finding(group, "五年级", pi.School, "age_band", "10-11"),
	}
	Apply([]byte(group), gs)
	if gs[1].HasCategory(pi.CatMinorU14) || gs[2].Attr(AttrSubject) == gs[1].Attr(AttrSubject) {
		t.Errorf("the message about a child went to its sender: %v %v", gs[1].Attrs, gs[2].Attrs)
	}

	bulletin := "张某：男，45岁，1月20日发病。\n李某：女，30岁，核酸阳性。\n"
	bs := []pi.Finding{
		finding(bulletin, "张某", pi.MaskedName),
		finding(bulletin, "45岁", pi.Age, "years", "45"),
		finding(bulletin, "李某", pi.MaskedName),
		finding(bulletin, "核酸阳性", pi.Health),
	}
	Apply([]byte(bulletin), bs)
	if bs[1].Attr(AttrSubject) != bs[0].Attr(AttrSubject) || bs[3].Attr(AttrSubject) != bs[2].Attr(AttrSubject) {
		t.Errorf("a bulletin's records lost their facts: %v %v", bs[1].Attrs, bs[3].Attrs)
	}
}

// TestItineraryHeading: in a report about one patient, the lines under a
// heading of the patient's movements are the patient's, past the family
// members named between, up to a blank line; without a patient record the
// heading gives nobody's.
func TestItineraryHeading(t *testing.T) {
	for _, tt := range []struct {
		intro   string
		patient bool
	}{
		{"患者：周某某，女，34岁。", true},
		{"周某某，女，34岁。", false},
	} {
		text := tt.intro + "\n家庭成员：丈夫吴某（36岁）。\n二、活动轨迹\n11月20日到超市购物。\n11月22日出现发热。\n\n附：咨询电话。"
		next := sequence(text)
		fs := []pi.Finding{
			next("周某某", pi.MaskedName),
			next("女", pi.Gender, "sex", "female"),
			next("34岁", pi.Age, "years", "34"),
			next("吴某", pi.MaskedName),
			next("36岁", pi.Age, "years", "36"),
			next("11月20日", pi.Date),
			next("超市", pi.Place),
			next("发热", pi.Health),
		}
		Apply([]byte(text), fs)
		p := fs[0].Attr(AttrSubject)
		for _, i := range []int{5, 6, 7} {
			if got := fs[i].Attr(AttrSubject) == p; got != tt.patient {
				t.Errorf("%s: %s with the patient %v, want %v", tt.intro, text[fs[i].Start:fs[i].End], got, tt.patient)
			}
		}
		if fs[3].Attr(AttrSubject) == p {
			t.Errorf("%s: the husband took the patient's subject", tt.intro)
		}
	}
}

// TestFormWithRelatives: a form filled in after 姓名： for a pupil with no
// age or sex of its own goes on past a line naming a relative (家庭成员：父亲
// 刘建军…): the address before and the diagnosis after it are the pupil's.
func TestFormWithRelatives(t *testing.T) {
	text := "学生姓名：刘一帆    班级：初二（3）班\n家庭住址：麻园社区8组\n家庭成员：父亲刘建军（外出务工）。\n学生表现：有轻微抑郁倾向。\n"
	next := sequence(text)
	fs := []pi.Finding{
		next("刘一帆", pi.PersonName),
		next("初二（3）班", pi.School, "age_band", "13-14"),
		next("麻园社区8组", pi.Address),
		next("刘建军", pi.PersonName),
		next("抑郁倾向", pi.Health),
	}
	Apply([]byte(text), fs)
	pupil := fs[0].Attr(AttrSubject)
	for _, i := range []int{2, 4} {
		if got := fs[i].Attr(AttrSubject); got != pupil || fs[i].Attr(pi.AttrMinor) != "true" {
			t.Errorf("%s: subject %q (the pupil's %q), minor %q", text[fs[i].Start:fs[i].End], got, pupil, fs[i].Attr(pi.AttrMinor))
		}
	}
	if fs[3].Attr(AttrSubject) == pupil || fs[3].Attr(pi.AttrMinor) != "" {
		t.Errorf("the father took the pupil's subject: %v", fs[3].Attrs)
	}
}

// TestListTitleBand: a list whose title says its people are pupils or
// children gives its age band to everyone it names without an age of
// their own; a list of teachers or parents does not.
func TestListTitleBand(t *testing.T) {
	for _, tt := range []struct {
		title string
		u14   bool
	}{
		{"XX小学三年级（2）班学生名单", true},
		{"XX小学三年级（2）班教师名单", false},
		{"XX小学三年级（2）班学生家长名单", false},
		{"XX小学三年级（2）班运动会通知", false},
	} {
		text := tt.title + "\n1 张小雨 女\n2 李浩然 男 15岁\n"
		next := sequence(text)
		fs := []pi.Finding{
			next("XX小学三年级（2）班", pi.School, "age_band", "8-9"),
			next("张小雨", pi.PersonName),
			next("李浩然", pi.PersonName),
			next("15岁", pi.Age, "years", "15"),
		}
		Apply([]byte(text), fs)
		if got := fs[1].HasCategory(pi.CatMinorU14); got != tt.u14 {
			t.Errorf("%s: 张小雨 under 14 %v, want %v", tt.title, got, tt.u14)
		}
		if fs[2].HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: 李浩然, 15, is under 14", tt.title)
		}
	}
}

// TestFormIdentifierLine: a form's line that names no one gives the
// person more facts when they agree (an ID number of the same sex), and
// the lines after it stay the person's; an ID of the other sex is someone
// else's.
func TestFormIdentifierLine(t *testing.T) {
	for _, tt := range []struct {
		sex  string
		same bool
	}{{"male", true}, {"female", false}} {
		text := "学生姓名：陈思远　性别：男　出生年月：2011年9月\n身份证号：513401201109152318\n就读学校：西昌市第二中学\n家庭住址：西昌市安宁镇民和村3组27号\n"
		next := sequence(text)
		fs := []pi.Finding{
			next("陈思远", pi.PersonName),
			next("男", pi.Gender, pi.AttrSex, "male"),
			next("2011年9月", pi.Date, "kind", "birth", "age", "15"),
			next("513401201109152318", pi.ResidentID, pi.AttrSex, tt.sex, "age", "15"),
			next("西昌市第二中学", pi.School, "age_band", "12-18"),
			next("西昌市安宁镇民和村3组27号", pi.Address),
		}
		Apply([]byte(text), fs)
		pupil := fs[0].Attr(AttrSubject)
		if got := fs[3].Attr(AttrSubject) == pupil; got != tt.same {
			t.Errorf("ID of sex %s: the pupil's %v, want %v", tt.sex, got, tt.same)
		}
		if tt.same && (fs[4].Attr(AttrSubject) != pupil || fs[5].Attr(AttrSubject) != pupil) {
			t.Errorf("school and address after the ID line: subjects %q %q, want the pupil's %q", fs[4].Attr(AttrSubject), fs[5].Attr(AttrSubject), pupil)
		}
	}
}

// TestListIntroLabel: a list introduced as one of a label's people (低保对象
// 名单公示如下) gives the label to everyone it names; the same rows without
// a list word in the introduction do not.
func TestListIntroLabel(t *testing.T) {
	for _, tt := range []struct {
		intro string
		want  string
	}{
		{"关于城乡最低生活保障对象的公示\n现将拟纳入低保对象名单公示如下：\n", "低保"},
		{"低保对象慰问活动安排\n", ""},
	} {
		text := tt.intro + "序号\t户主姓名\t家庭人口\n1\t张桂兰\t2\n2\t李铁柱\t4\n"
		next := sequence(text)
		var fs []pi.Finding
		if i := strings.Index(tt.intro, "低保对象"); i >= 0 {
			fs = append(fs, next("低保对象", pi.SpecialIdentity, "label", "低保"))
		}
		fs = append(fs, next("张桂兰", pi.PersonName), next("李铁柱", pi.PersonName))
		Apply([]byte(text), fs)
		for _, f := range fs {
			if f.Type != pi.PersonName {
				continue
			}
			got := f.Attr(AttrListLabel)
			if got != tt.want || (got != "") != f.HasCategory(pi.CatSpecialIdentity) {
				t.Errorf("%q: %s list label %q (special identity %v), want %q", tt.intro, text[f.Start:f.End], got, f.HasCategory(pi.CatSpecialIdentity), tt.want)
			}
		}
	}
}

// TestStatedMinor: a person the text states, in the law's words, to have
// been under 18 (犯罪时已满十六周岁不满十八周岁) is a minor of the case
// though a birth date makes them an adult today; under 14 likewise.
func TestStatedMinor(t *testing.T) {
	for _, tt := range []struct {
		band     string
		u14, min bool
	}{{"16-17", false, true}, {"0-13", true, true}, {"", false, false}} {
		text := "被告人周某某，男，2006年5月12日出生。被告人周某某犯罪时已满十六周岁不满十八周岁。"
		next := sequence(text)
		fs := []pi.Finding{
			next("周某某", pi.MaskedName),
			next("2006年5月12日", pi.Date, "kind", "birth", "age", "20"),
			next("周某某", pi.MaskedName),
		}
		if tt.band != "" {
			fs = append(fs, next("已满十六周岁不满十八周岁", pi.Age, "age_band", tt.band))
		}
		Apply([]byte(text), fs)
		if got := fs[0].Attr(pi.AttrMinor) == "true"; got != tt.min {
			t.Errorf("band %q: minor %v, want %v", tt.band, got, tt.min)
		}
		if got := fs[0].HasCategory(pi.CatMinorU14); got != tt.u14 {
			t.Errorf("band %q: under 14 %v, want %v", tt.band, got, tt.u14)
		}
	}
}

// TestFormPastParentLine: a form's line about the parent (家长：林美惠（母），
// 手机：…) is the parent's, and the lines after it are the pupil's again.
func TestFormPastParentLine(t *testing.T) {
	text := "姓名：林志明　性别：男　出生日期：2014年5月12日\n家长：林美惠（母），手机：13912345678\n地址：北京市海淀区复兴路39号5楼\n备注：患有哮喘。\n"
	next := sequence(text)
	fs := []pi.Finding{
		next("林志明", pi.PersonName),
		next("男", pi.Gender, pi.AttrSex, "male"),
		next("2014年5月12日", pi.Date, "kind", "birth", "age", "11"),
		next("林美惠", pi.PersonName),
		next("13912345678", pi.MobilePhone),
		next("北京市海淀区复兴路39号5楼", pi.Address),
		next("哮喘", pi.Health),
	}
	Apply([]byte(text), fs)
	pupil := fs[0].Attr(AttrSubject)
	if fs[3].Attr(AttrSubject) == pupil || fs[4].Attr(AttrSubject) == pupil || fs[3].Attr(pi.AttrMinor) != "" {
		t.Errorf("the parent's line is the pupil's: %v %v", fs[3].Attrs, fs[4].Attrs)
	}
	for _, f := range fs[5:] {
		if f.Attr(AttrSubject) != pupil || f.Attr(pi.AttrMinor) != "true" {
			t.Errorf("%s: subject %q, want the pupil's %q (minor)", text[f.Start:f.End], f.Attr(AttrSubject), pupil)
		}
	}
}

// TestByline: a report's byline is the reporter's, not the child's the
// sentence goes on to tell of.
func TestByline(t *testing.T) {
	text := "本报讯（记者 王磊）近日，家住某县城关镇河东村的9岁女孩小雅（化名）被继母虐待一事引发关注。"
	next := sequence(text)
	fs := []pi.Finding{
		next("记者", pi.Occupation),
		next("王磊", pi.PersonName),
		next("某县城关镇河东村", pi.Address),
		next("9岁", pi.Age, "years", "9"),
		next("小雅", pi.PersonName),
	}
	Apply([]byte(text), fs)
	if fs[1].HasCategory(pi.CatMinorU14) || fs[1].Attr(AttrSubject) == fs[4].Attr(AttrSubject) {
		t.Errorf("the reporter is the child: %v", fs[1].Attrs)
	}
	for _, f := range fs[2:] {
		if !f.HasCategory(pi.CatMinorU14) || f.Attr(AttrSubject) != fs[4].Attr(AttrSubject) {
			t.Errorf("%s: not the child's: %v", text[f.Start:f.End], f.Attrs)
		}
	}
}

// TestRelationInBrackets: a relation in brackets after a name says who
// that person is (赵小红（女儿，在读大学）) and brings in no one else.
func TestRelationInBrackets(t *testing.T) {
	text := "您的紧急联系人赵小红（女儿，在读大学）电话15902938476、同事周强电话13992837465均已联系。"
	next := sequence(text)
	fs := []pi.Finding{
		next("赵小红", pi.PersonName),
		next("大学", pi.School),
		next("15902938476", pi.MobilePhone),
		next("周强", pi.PersonName),
		next("13992837465", pi.MobilePhone),
	}
	Apply([]byte(text), fs)
	daughter := fs[0].Attr(AttrSubject)
	if fs[1].Attr(AttrSubject) != daughter || fs[2].Attr(AttrSubject) != daughter || fs[4].Attr(AttrSubject) == daughter {
		t.Errorf("subjects %q %q %q %q, want the first two %q", fs[1].Attr(AttrSubject), fs[2].Attr(AttrSubject), fs[3].Attr(AttrSubject), fs[4].Attr(AttrSubject), daughter)
	}
}

// TestChildLabelOpensForm: a child's record written after 学生： opens a
// form as 姓名： does: the lines after it are the child's.
func TestChildLabelOpensForm(t *testing.T) {
	text := "学生：王子涵，女，2015年3月12日出生。\n家长：王建军（父），手机：13982012345。\n备注\n患有哮喘\n"
	next := sequence(text)
	fs := []pi.Finding{
		next("王子涵", pi.PersonName),
		next("女", pi.Gender, pi.AttrSex, "female"),
		next("2015年3月12日", pi.Date, "kind", "birth", "age", "10"),
		next("王建军", pi.PersonName),
		next("13982012345", pi.MobilePhone),
		next("哮喘", pi.Health),
	}
	Apply([]byte(text), fs)
	if fs[5].Attr(AttrSubject) != fs[0].Attr(AttrSubject) || !fs[5].HasCategory(pi.CatMinorU14) {
		t.Errorf("the asthma is not the pupil's: %v", fs[5].Attrs)
	}
}

// TestPatientLabelOpensForm: a patient's record written after 患者：
// opens a form: a sentence of the record that gives only a phone (联系电话：…)
// is the patient's, as the address before it is.
func TestPatientLabelOpensForm(t *testing.T) {
	text := "患者：黄某某，男，34岁。居住地：南宁市青秀区民族大道136号。联系电话：13512346789。"
	next := sequence(text)
	fs := []pi.Finding{
		next("黄某某", pi.MaskedName),
		next("男", pi.Gender, pi.AttrSex, "male"),
		next("34岁", pi.Age, "years", "34"),
		next("南宁市青秀区民族大道136号", pi.Address),
		next("13512346789", pi.MobilePhone),
	}
	Apply([]byte(text), fs)
	for _, f := range fs[1:] {
		if f.Attr(AttrSubject) != fs[0].Attr(AttrSubject) {
			t.Errorf("%s: subject %q, want the patient's %q", text[f.Start:f.End], f.Attr(AttrSubject), fs[0].Attr(AttrSubject))
		}
	}
}

// TestGradeTitleBand: a list whose title gives a grade (成绩公示（七年级）)
// lists pupils of that grade; a cadre's ethnicity in a record with a name
// is that person's, however low the term lists scored it.
func TestGradeTitleBand(t *testing.T) {
	text := "2026年春季期末考试成绩公示（七年级）\n学号 姓名 语文 数学\n20250101 陈思琪 112 118\n20250102 王博文 105 120\n"
	next := sequence(text)
	fs := []pi.Finding{
		next("七年级", pi.School, "kind", "grade", "age_band", "12-13"),
		next("陈思琪", pi.PersonName),
		next("王博文", pi.PersonName),
	}
	Apply([]byte(text), fs)
	for _, f := range fs[1:] {
		if !f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: no minor in a 七年级 list: %v", text[f.Start:f.End], f.Attrs)
		}
	}
	text = "张建华，男，汉族，1975年6月生。"
	next = sequence(text)
	fs = []pi.Finding{next("张建华", pi.PersonName), next("男", pi.Gender, pi.AttrSex, "male"), next("汉族", pi.Ethnicity)}
	fs[2].Score = 0.5
	Apply([]byte(text), fs)
	if fs[2].Score < 0.85 {
		t.Errorf("ethnicity of a named record scores %v", fs[2].Score)
	}
}

// TestListTitleBandNarrows: the title's band holds where a row's own
// finding gives a wider one (the school a new pupil comes from, 12-18).
func TestListTitleBandNarrows(t *testing.T) {
	text := "阜阳一中2025级高一新生录取名单\n1 张子涵 女 阜阳市第三中学\n2 李浩然 男 颍州中学\n"
	next := sequence(text)
	fs := []pi.Finding{
		next("阜阳一中2025级高一", pi.School, "age_band", "15-16"),
		next("张子涵", pi.PersonName),
		next("阜阳市第三中学", pi.School, "age_band", "12-18"),
		next("李浩然", pi.PersonName),
	}
	Apply([]byte(text), fs)
	for _, i := range []int{1, 2, 3} {
		if fs[i].Attr(pi.AttrMinor) != "true" {
			t.Errorf("%s: not a minor in a list of 高一 pupils: %v", text[fs[i].Start:fs[i].End], fs[i].Attrs)
		}
	}
}

// TestChatExport: an exported group chat — a time stamp and a role before
// the sender ([2024-05-10 20:13] 班主任-李老师：), senders with no name found
// (张子涵妈妈：) — keeps what a message says apart from its sender and from
// the person it speaks to (李老师，子涵这两天发烧).
func TestChatExport(t *testing.T) {
	text := "[2024-05-10 20:13] 班主任-李老师：明天三年级（2）班春游。\n" +
		"[2024-05-10 20:15] 张子涵妈妈：李老师，子涵这两天发烧，明天请假。\n" +
		"[2024-05-10 20:16] 王一诺爸爸：收到。\n"
	next := sequence(text)
	fs := []pi.Finding{
		next("李老师", pi.PersonName),
		next("三年级（2）班", pi.School, "age_band", "8-9"),
		next("李老师", pi.PersonName),
		next("发烧", pi.Health),
		next("王一诺", pi.PersonName),
	}
	Apply([]byte(text), fs)
	if fs[0].Attr(pi.AttrMinor) != "" || fs[0].HasCategory(pi.CatMinorU14) {
		t.Errorf("the teacher took the class's age: %v %v", fs[0].Attrs, fs[0].Extra)
	}
	if got := fs[3].Attr(AttrSubject); got != "" && got == fs[2].Attr(AttrSubject) {
		t.Errorf("the child's fever went to the teacher spoken to: %v", fs[3].Attrs)
	}
}

func TestSenderPrefix(t *testing.T) {
	for _, tt := range []struct {
		prefix string
		want   bool
	}{
		{"", true},
		{"[2024-05-10 20:13] ", true},
		{"2024-05-10 20:13:05 ", true},
		{"(20:13) ", true},
		{"[2024-05-10 20:13] 班主任-", true},
		{"3班|", true},
		{"[2024-05-10 20:13", false},
		{"据报道，", false},
		{"今天下午三点我们在学校门口见到了-", false},
	} {
		if got := senderPrefix([]byte(tt.prefix)); got != tt.want {
			t.Errorf("senderPrefix(%q) = %v, want %v", tt.prefix, got, tt.want)
		}
	}
	for _, tt := range []struct {
		line string
		want string // the label, "" for none
	}{
		{"[2024-05-10 20:15] 张子涵妈妈：李老师，", "[2024-05-10 20:15] 张子涵妈妈："},
		{"班主任：明天放假", "班主任："},
		{"张某：男，45岁", ""},
		{"11:30 发布会上，记者问：", ""},
		{"这是一个很长很长很长的句子没有标点符号：", ""},
		{"[09:01] 3班-李浩然家长：收到", "[09:01] 3班-李浩然家长："},
		{"Note: 张某：你好", ""},
	} {
		got := ""
		if k := senderLabelEnd([]byte(tt.line)); k > 0 {
			got = tt.line[:k]
		}
		if got != tt.want {
			t.Errorf("senderLabelEnd(%q) gives %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestRelativeOf: a name that only says whose relative the person is
// (系张某之妻, 为病例2的女儿) does not take the facts after it.
func TestRelativeOf(t *testing.T) {
	text := "患者戈某某，女，34岁，系确诊病例张某某的妻子，1月23日与丈夫自驾回泗阳。孙某，女，50岁，系龚某某之妻，1月18日出现发热。"
	fs := []pi.Finding{
		finding(text, "戈某某", pi.MaskedName),
		finding(text, "张某某", pi.MaskedName),
		finding(text, "1月23日", pi.Date),
		finding(text, "孙某", pi.MaskedName),
		finding(text, "龚某某", pi.MaskedName),
		finding(text, "发热", pi.Health),
	}
	Apply([]byte(text), fs)
	if fs[2].Attr(AttrSubject) != fs[0].Attr(AttrSubject) || fs[5].Attr(AttrSubject) != fs[3].Attr(AttrSubject) {
		t.Errorf("facts went to the relative: %v %v", fs[2].Attrs, fs[5].Attrs)
	}
	if fs[1].Attr(AttrSubject) == fs[0].Attr(AttrSubject) {
		t.Errorf("the husband is the patient")
	}
}

// TestPronounAfterRelative: 她 after a relative's clause returns to the
// person last named before the relative, not to the unit's first name (a
// reporter's byline).
func TestPronounAfterRelative(t *testing.T) {
	text := "本报讯（记者周婷）今年11岁的小雨（化名）是五年级学生，父母在广东打工，她和爷爷奶奶住在白竹村。"
	fs := []pi.Finding{
		finding(text, "周婷", pi.PersonName),
		finding(text, "11岁", pi.Age, "years", "11"),
		finding(text, "小雨", pi.PersonName),
		finding(text, "广东", pi.Place),
		finding(text, "白竹村", pi.Address),
	}
	Apply([]byte(text), fs)
	if got := fs[4].Attr(AttrSubject); got != fs[2].Attr(AttrSubject) || !fs[4].HasCategory(pi.CatMinorU14) {
		t.Errorf("the home went to %q, want the child's %q", got, fs[2].Attr(AttrSubject))
	}
	if fs[0].HasCategory(pi.CatMinorU14) {
		t.Errorf("the reporter is a child")
	}
}

// TestRecordEndsAtLine: a record on its own line (a published list's row)
// does not go on into the next line: the list's footer is about no pupil.
func TestRecordEndsAtLine(t *testing.T) {
	text := "3 初三（2）班 陈浩然 男 孤儿\n公示期：2026年9月20日至9月26日。\n"
	fs := []pi.Finding{
		finding(text, "陈浩然", pi.PersonName),
		finding(text, "男", pi.Gender, "sex", "male"),
		finding(text, "孤儿", pi.SpecialIdentity),
		finding(text, "2026年9月20日", pi.Date),
	}
	Apply([]byte(text), fs)
	if got := fs[3].Attr(AttrSubject); got != "" && got == fs[0].Attr(AttrSubject) {
		t.Errorf("the footer's date went to the pupil: %v", fs[3].Attrs)
	}
}

// TestApplyRow: in a table's row, the columns of a guardian or a contact
// (家长姓名, 家长电话, guardian_phone) are that person's subject and take
// none of the pupil's facts.
func TestApplyRow(t *testing.T) {
	fs := []pi.Finding{
		{Type: pi.PersonName},
		{Type: pi.Age, Attrs: []pi.Attr{{Key: "years", Value: "9"}}},
		{Type: pi.PersonName},
		{Type: pi.MobilePhone},
		{Type: pi.MobilePhone},
		{Type: pi.Address},
	}
	columns := []string{"姓名", "年龄", "家长姓名", "家长电话", "Guardian_Phone", "家庭住址"}
	ptrs := pointers(fs)
	ApplyRow(ptrs, columns, "row 3")
	want := []string{"row 3", "row 3", "row 3 家长", "row 3 家长", "row 3 guardian", "row 3"}
	for i, f := range fs {
		parent := strings.HasPrefix(columns[i], "家长") || strings.HasPrefix(columns[i], "Guardian")
		if u14 := f.HasCategory(pi.CatMinorU14); u14 == parent {
			t.Errorf("%s: under 14 %v", columns[i], u14)
		}
		if got := f.Attr(AttrSubject); got != want[i] {
			t.Errorf("%s: subject %q, want %q", columns[i], got, want[i])
		}
	}
}

// TestApplyRowCompanion: a hotel register's 同住人 (马小燕（女儿，9岁）) is
// the companion's: the child's age makes the guest no minor.
func TestApplyRowCompanion(t *testing.T) {
	fs := []pi.Finding{{Type: pi.PersonName}, {Type: pi.PersonName}, {Type: pi.Age, Attrs: []pi.Attr{{Key: "years", Value: "9"}}}}
	ptrs := []*pi.Finding{&fs[0], &fs[1], &fs[2]}
	ApplyRow(ptrs, []string{"姓名", "同住人", "同住人"}, "row 1")
	if fs[0].HasCategory(pi.CatMinorU14) || fs[0].Attr(AttrSubject) != "row 1" {
		t.Errorf("guest: %v", fs[0])
	}
	for _, f := range fs[1:] {
		if !f.HasCategory(pi.CatMinorU14) || f.Attr(AttrSubject) != "row 1 同住人" {
			t.Errorf("companion: %v", f)
		}
	}
}

// TestApplyRowStaff: a poverty list's 帮扶责任人 is the official's, not the
// household head's.
func TestApplyRowStaff(t *testing.T) {
	fs := []pi.Finding{{Type: pi.PersonName}, {Type: pi.PersonName}, {Type: pi.SpecialIdentity}}
	ptrs := []*pi.Finding{&fs[0], &fs[1], &fs[2]}
	ApplyRow(ptrs, []string{"户主", "帮扶责任人", "备注"}, "row 1")
	if fs[0].Attr(AttrSubject) != "row 1" || fs[2].Attr(AttrSubject) != "row 1" || fs[1].Attr(AttrSubject) != "row 1 帮扶责任人" {
		t.Errorf("subjects %q %q %q", fs[0].Attr(AttrSubject), fs[1].Attr(AttrSubject), fs[2].Attr(AttrSubject))
	}
}

// TestApplyRowDoctor: an inpatient list's 主治医生 is the doctor's, neither
// the child patient's nor of the patient's sex.
func TestApplyRowDoctor(t *testing.T) {
	fs := []pi.Finding{{Type: pi.PersonName}, {Type: pi.Gender, Attrs: []pi.Attr{{Key: pi.AttrSex, Value: "male"}}},
		{Type: pi.Age, Attrs: []pi.Attr{{Key: "years", Value: "3"}}}, {Type: pi.PersonName}}
	ApplyRow(pointers(fs), []string{"姓名", "性别", "年龄", "主治医生"}, "row 2")
	if !fs[0].HasCategory(pi.CatMinorU14) || fs[0].Attr(AttrSubject) != "row 2" {
		t.Errorf("patient: %v %q", fs[0].Extra, fs[0].Attr(AttrSubject))
	}
	if d := fs[3]; d.HasCategory(pi.CatMinorU14) || d.Attr(pi.AttrSex) != "" || d.Attr(AttrSubject) != "row 2 主治医生" {
		t.Errorf("doctor: %v sex %q subject %q", d.Extra, d.Attr(pi.AttrSex), d.Attr(AttrSubject))
	}
}

// TestApplyRowRelationLast: a column name that ends with a relation word
// (接送家长) is the relative's; a question about the row's person (是否独生
// 子女) is not.
func TestApplyRowRelationLast(t *testing.T) {
	fs := []pi.Finding{{Type: pi.PersonName}, {Type: pi.Age, Attrs: []pi.Attr{{Key: "years", Value: "7"}}},
		{Type: pi.PersonName}, {Type: pi.SpecialIdentity}}
	ApplyRow(pointers(fs), []string{"学生姓名", "年龄", "接送家长", "是否独生子女"}, "row 1")
	if got := fs[2].Attr(AttrSubject); got != "row 1 家长" || fs[2].HasCategory(pi.CatMinorU14) {
		t.Errorf("parent: subject %q, %v", got, fs[2].Extra)
	}
	if got := fs[3].Attr(AttrSubject); got != "row 1" || !fs[3].HasCategory(pi.CatMinorU14) {
		t.Errorf("the pupil's answer: subject %q, %v", got, fs[3].Extra)
	}
}

// TestApplyRowContactList: a row whose only name is under a contact column
// (公司名称, 联系人, 联系电话) is that contact's record.
func TestApplyRowContactList(t *testing.T) {
	fs := []pi.Finding{{Type: pi.Organization}, {Type: pi.PersonName}, {Type: pi.MobilePhone}}
	ptrs := []*pi.Finding{&fs[0], &fs[1], &fs[2]}
	ApplyRow(ptrs, []string{"公司名称", "联系人", "联系电话"}, "row 2")
	for i, f := range fs {
		if got := f.Attr(AttrSubject); got != "row 2" {
			t.Errorf("finding %d: subject %q", i, got)
		}
	}
}

// TestApplyNested: in a JSON record, a nested object naming a person of its
// own (a pupil's guardian) is that person's subject; the record's other
// values, however deep, are the pupil's.
func TestApplyNested(t *testing.T) {
	fs := []pi.Finding{
		{Type: pi.PersonName},
		{Type: pi.Age, Attrs: []pi.Attr{{Key: "years", Value: "9"}}},
		{Type: pi.MobilePhone},
		{Type: pi.PersonName},
		{Type: pi.MobilePhone},
	}
	paths := []string{"$.students[0].name", "$.students[0].age", "$.students[0].contact.phone",
		"$.students[0].guardian.name", "$.students[0].guardian.phone"}
	ptrs := pointers(fs)
	ApplyNested(ptrs, paths, "record 1 $.students[0]")
	for i, f := range fs {
		guardian := strings.Contains(paths[i], "guardian")
		if u14 := f.HasCategory(pi.CatMinorU14); u14 == guardian {
			t.Errorf("%s: under 14 %v", paths[i], u14)
		}
		if want := map[bool]string{false: "record 1 $.students[0]", true: "record 1 $.students[0] $.students[0].guardian"}[guardian]; f.Attr(AttrSubject) != want {
			t.Errorf("%s: subject %q, want %q", paths[i], f.Attr(AttrSubject), want)
		}
	}
}

// TestApplyNestedRelativeKeys: a relative's keys beside the pupil's own
// (parentName, parentPhone) are the relative's subject: the pupil's age
// does not make the parent a child.
func TestApplyNestedRelativeKeys(t *testing.T) {
	fs := []pi.Finding{
		{Type: pi.PersonName},
		{Type: pi.Date, Category: pi.CatAge, Attrs: []pi.Attr{{Key: "kind", Value: "birth"}, {Key: "age", Value: "9"}}},
		{Type: pi.PersonName},
		{Type: pi.MobilePhone},
	}
	paths := []string{"$.students[0].studentName", "$.students[0].birthday", "$.students[0].parentName", "$.students[0].parentPhone"}
	ptrs := pointers(fs)
	ApplyNested(ptrs, paths, "record 1")
	for i, f := range fs {
		parent := strings.Contains(paths[i], "parent")
		if u14 := f.HasCategory(pi.CatMinorU14); u14 == parent {
			t.Errorf("%s: under 14 %v", paths[i], u14)
		}
		if parent && f.Attr(AttrSubject) != "record 1 $.students[0] parent" {
			t.Errorf("%s: subject %q", paths[i], f.Attr(AttrSubject))
		}
	}
}

// TestPronounSentence: a sentence that names no one but speaks of 她, a few
// lines after a girl is named, is about her; one speaking of 他 is not.
func TestPronounSentence(t *testing.T) {
	text := "11岁的小芳（化名）是一名留守儿童。\n\n小芳就读于中心小学五年级。去年，她被查出患有先天性心脏病。\n\n他说，医院会帮忙。"
	at := sequence(text)
	fs := []pi.Finding{
		at("11岁", pi.Age, "years", "11"),
		at("小芳", pi.PersonName),
		at("留守儿童", pi.SpecialIdentity),
		at("小芳", pi.PersonName),
		at("中心小学五年级", pi.School),
		at("先天性心脏病", pi.Health),
		at("医院", pi.Place),
	}
	fs[1].SetAttr(pi.AttrSex, "female")
	Apply([]byte(text), fs)
	if !fs[5].HasCategory(pi.CatMinorU14) || fs[5].Attr(AttrSubject) != fs[1].Attr(AttrSubject) {
		t.Errorf("她's illness is not the girl's: %v %v", fs[5].Attrs, fs[5].Extra)
	}
	if fs[6].Attr(AttrSubject) == fs[1].Attr(AttrSubject) {
		t.Errorf("他's hospital went to the girl")
	}
}

// TestDayWithoutPlace: a day that went nowhere (全天在家) is no step, and
// its date does not join the next day's step.
func TestDayWithoutPlace(t *testing.T) {
	text := "确诊病例12行动轨迹：\n11月20日 12:00 在万达广场某火锅店就餐\n11月21日 全天在家\n11月22日 10:30 到市第三人民医院发热门诊就诊"
	at := sequence(text)
	fs := []pi.Finding{
		at("11月20日", pi.Date),
		at("万达广场某火锅店", pi.Place),
		at("11月21日", pi.Date),
		at("11月22日", pi.Date),
		at("市第三人民医院发热门诊", pi.Place),
	}
	units := SplitEntries([]byte(text), Units([]byte(text)), fs)
	out := Trajectories([]byte(text), units, fs)
	var steps []string
	for _, f := range out {
		if f.Type == pi.Trajectory {
			for k := 1; f.Attr(fmt.Sprintf("step_%d", k)) != ""; k++ {
				steps = append(steps, f.Attr(fmt.Sprintf("step_%d", k)))
			}
		}
	}
	if len(steps) != 2 || strings.Contains(steps[1], "11月21日") {
		t.Errorf("steps %q, want two, the second without 11月21日", steps)
	}
}

// pointers returns a pointer to each finding of fs.
func pointers(fs []pi.Finding) []*pi.Finding {
	ptrs := make([]*pi.Finding, len(fs))
	for i := range fs {
		ptrs[i] = &fs[i]
	}
	return ptrs
}

// TestRecordPath: a JSON value's record is the innermost array element
// that is no event of the record around it.
func TestRecordPath(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"$.user.name", "$"},
		{"$.students[2].name", "$.students[2]"},
		{"$.visits[0].diagnosis", "$"},
		{"$.visits[0].prescription[1]", "$"},
		{"$.patients[2].visits[0].diagnosis", "$.patients[2]"},
		{"$[3].name", "$[3]"},
		{"$.就诊记录[1].诊断", "$"},
		{"$.data.list[1].chronic[0]", "$.data.list[1]"}, // a record's list of values
		{"$.names[0]", "$.names[0]"},                    // a top-level list: a record per value
		{"$[2]", "$[2]"},
	} {
		if got := RecordPath(tt.path); got != tt.want {
			t.Errorf("RecordPath(%s) = %s, want %s", tt.path, got, tt.want)
		}
	}
}
