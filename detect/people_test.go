package detect

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/terms"
)

// The whole engine — identifiers, the entity model, the term lists, the
// address parser and the subject stage — on bulletin and news sentences.
var allEngine = func() *Engine {
	e, err := New(Config{RefDate: refDate, MinScore: 0.5})
	if err != nil {
		panic(err)
	}
	return e
}()

func TestPeopleSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "type:text"; each must be found
		not  []string // "type:text" that must not be
	}{
		{
			name: "bulletin entry",
			text: "病例3：李某某，女，45岁，现住郫都区犀浦镇某小区3栋2单元，系铁路乘务员。1月20日出现发热、咳嗽症状，核酸检测结果呈阳性。",
			want: []string{"masked_name:李某某", "gender:女", "age:45岁", "occupation:铁路乘务员", "health:发热", "health:咳嗽"},
		},
		{
			name: "disadvantaged child",
			text: "留守儿童小明（化名），10岁，就读于某小学四年级，父母常年在外务工。",
			want: []string{"special_identity:留守儿童", "age:10岁"},
		},
		{
			name: "news person",
			text: "据新华社报道，王小明表示今年的工作重点是乡村振兴。",
			want: []string{"person_name:王小明"},
		},
		{
			name: "surname and title",
			text: "王先生于昨日下午到派出所报案。",
			want: []string{"person_name:王"},
		},
		{
			name: "no person in plain news",
			text: "全市累计报告本土确诊病例35例，其中治愈出院28例。",
			not:  []string{"person_name:", "masked_name:", "age:", "gender:"},
		},
		{
			name: "employer",
			text: "患者张某就职于成都市某科技公司，每日乘地铁上班。",
			want: []string{"masked_name:张某"},
		},
		{
			name: "a child named in a parent's chat handle",
			text: "[2024-05-10 20:15] 张子涵妈妈：李老师，子涵这两天发烧，明天请假。\n[2024-05-10 20:16] 3班-欧阳明月家长：收到。\n[20:17] 班主任：好的。\n[20:18] 全体家长：收到。\n",
			want: []string{"person_name:张子涵", "person_name:欧阳明月", "person_name:子涵"},
			not:  []string{"person_name:班主任", "person_name:全体"},
		},
		{
			name: "a child's pet name or given name in a parent's handle",
			text: "【三年级2班家长群】\n轩轩妈妈：@朵朵爸爸 明天的材料准备好了吗？\n朵朵爸爸：准备好了，朵朵这两天发烧在家。\n梓轩奶奶：收到。\n宝宝妈妈：好的\n二年级家长：好的\n",
			want: []string{"person_name:轩轩", "person_name:朵朵", "person_name:梓轩"},
			not:  []string{"person_name:宝宝", "person_name:二年级", "person_name:好的"},
		},
		{
			name: "divisions opening a school's name",
			text: "2010年2月15日21时10分，海南省文昌市昌洒镇小学教师林洪榜的手机接收到银行卡内存款被取信息，",
			want: []string{"school:海南省文昌市昌洒镇小学", "person_name:林洪榜"},
			not:  []string{"address:"},
		},
		{
			name: "divisions opening an office's name",
			text: "深圳媒体的报道称，6月25日，原龙岗区坂田街道执法队副队长兼查违办公室主任卢斐斐被判刑的原因，",
			want: []string{"organization:龙岗区坂田街道执法队", "person_name:卢斐斐"},
			not:  []string{"address:", "organization:坂田街道执法队"},
		},
		{
			name: "a school named after its divisions is a school",
			text: "11月20日，记者来到贵州省毕节市七星关区阿市乡中心小学。",
			want: []string{"school:贵州省毕节市七星关区阿市乡中心小学"},
			not:  []string{"address:"},
		},
		{
			name: "a pupil's school and grade hold the school's address",
			text: "他就读于贵阳市花溪区青岩镇中心小学四年级。",
			want: []string{"school:贵阳市花溪区青岩镇中心小学四年级"},
			not:  []string{"address:"},
		},
		{
			name: "the names of a list beside a name found, with their notes",
			text: "一年级：赵子轩（建档立卡户）、钱梦瑶（低保户）、孙浩然（残疾儿童）\n赵子轩、钱梦瑶、孙浩然三人获奖。\n通讯员李慧燕、杨光、冯建国、周源\n",
			want: []string{"person_name:钱梦瑶", "person_name:孙浩然", "person_name:周源"},
		},
		{
			name: "a relative of the family's surname whose given name is a word",
			text: "我叫黄志勇。我的女儿黄可馨今年5岁。家里还有一个8岁的儿子黄可乐在读小学二年级。",
			want: []string{"person_name:黄志勇", "person_name:黄可馨", "person_name:黄可乐"},
		},
		{
			name: "no names in a list of places or things",
			text: "北京、上海、广州的房价继续上涨，黄金、白银、石油价格上涨，张三说。",
			want: []string{"person_name:张三"},
			not:  []string{"person_name:北京", "person_name:上海", "person_name:黄金", "person_name:白银"},
		},
		{
			name: "the place a journey starts from, its divisions whole",
			text: "病例31：吴某某，女，47岁，现住驿城区段庄新村。1月22日与丈夫乘私家车从湖北省十堰市返回驿城区段庄新村家中。",
			want: []string{"place:湖北省十堰市"},
			not:  []string{"address:湖北省十堰市返回", "place:湖北|"},
		},
		{
			name: "a home's divisions before an office stay an address",
			text: "宗某某，男，现居住地江西省九江市庐山市温泉镇通书院村，发病时间1月25日。",
			want: []string{"address:江西省九江市庐山市温泉镇"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			var got []string
			for _, f := range allEngine.Detect(text, nil) {
				got = append(got, string(f.Type)+":"+string(text[f.Start:f.End]))
			}
			all := strings.Join(got, "|")
			for _, w := range tt.want {
				if !strings.Contains("|"+all+"|", "|"+w+"|") {
					t.Errorf("missing %s in %v", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains("|"+all, "|"+n) {
					t.Errorf("unexpected %s… in %v", n, got)
				}
			}
		})
	}
}

// TestHandleChildIsMinor: the child a parent's handle or an @mention of
// one names is a minor, and so is what the message says of them; the
// model's name cut short in a handle takes the rest; the child's given
// name stands for them though it is a word (浩然).
func TestHandleChildIsMinor(t *testing.T) {
	text := "【三年级二班家长群】\n王梓涵妈妈：各位家长好，明天开家长会。\n李老师：@张浩然爸爸 浩然今天在学校和同学打架了。\n陈一诺奶奶：一诺有哮喘，体育课能不能请假？\n"
	minor := map[string]bool{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Attr(pi.AttrMinor) == "true" {
			minor[string(f.Type)+":"+text[f.Start:f.End]] = true
		}
	}
	for _, w := range []string{"person_name:王梓涵", "person_name:张浩然", "person_name:浩然", "person_name:陈一诺", "health:哮喘"} {
		if !minor[w] {
			t.Errorf("%s: not a minor's (%v)", w, minor)
		}
	}
	if minor["person_name:李老师"] || minor["person_name:李"] {
		t.Errorf("the teacher is a minor: %v", minor)
	}
}

// TestOlderAgeNotAChilds: a grandmother's age in a child's sentence is
// no child's age: neither minor nor under 14, while the child's is both.
func TestOlderAgeNotAChilds(t *testing.T) {
	text := "11岁的小雨是留守儿童，她和70岁的奶奶相依为命。"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type != pi.Age {
			continue
		}
		child := text[f.Start:f.End] == "11岁"
		if f.HasCategory(pi.CatMinorU14) != child || (f.Attr(pi.AttrMinor) == "true") != child {
			t.Errorf("%q: U14 %v minor %q", text[f.Start:f.End], f.HasCategory(pi.CatMinorU14), f.Attr(pi.AttrMinor))
		}
	}
}

// TestAdultTitleNotAChild: the mother called 陈女士 is no child though the
// sentence gives her child's age; the child's condition is the child's.
func TestAdultTitleNotAChild(t *testing.T) {
	text := "小涛的母亲陈女士告诉记者，孩子今年13岁，事发后，孩子被诊断为轻微脑震荡。"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		if isPersonName(f.Type) && f.Attr("title") == "女士" && (f.HasCategory(pi.CatMinorU14) || f.Attr(pi.AttrMinor) != "") {
			t.Errorf("陈女士 %q is a minor: %v", v, f.Attrs)
		}
		if f.Type == pi.Health && f.Attr(pi.AttrMinor) != "true" {
			t.Errorf("%q: not a minor's", v)
		}
	}
}

// TestGrandchildAfterQi: after 其 and the grandchild's age, the grandchild
// is someone else: the case's visit is not a child's.
func TestGrandchildAfterQi(t *testing.T) {
	text := "該男子曾於10月30日到訪旺角朗豪坊，其8歲孫兒就讀九龍塘宣道小學三年級。"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		child := f.Type == pi.Age || f.Type == pi.School
		if f.HasCategory(pi.CatMinorU14) != child {
			t.Errorf("%s %q: U14 %v", f.Type, text[f.Start:f.End], f.HasCategory(pi.CatMinorU14))
		}
	}
}

// TestKinPetNameRun: a child's pet name after a relation, run into what is
// said of them, is a name; a word after a relation is not.
func TestKinPetNameRun(t *testing.T) {
	got := namesIn("致贫原因：因学（儿子马小龙在县一中读高二）。女儿小学在读。")
	if got != "马小龙" {
		t.Errorf("names %q: want 马小龙", got)
	}
}

// TestChildRecordIsSensitive: a child's age makes every finding of the
// entry carry PI.MINOR_U14; the next entry's findings do not, nor does the
// parent's phone (家长电话: the parent's, as a guardian's column is).
func TestChildRecordIsSensitive(t *testing.T) {
	text := []byte("病例1：张某，男，8岁，就读于某小学二年级，电话13812345678，家长电话13712345678。\n病例2：王某，女，35岁，电话13912345678。")
	fs := allEngine.Detect(text, nil)
	for _, f := range fs {
		inFirst := f.Start < strings.Index(string(text), "病例2") && f.Start < strings.Index(string(text), "家长")
		if f.HasCategory(pi.CatMinorU14) != inFirst {
			t.Errorf("%s %q: U14 %v", f.Type, text[f.Start:f.End], f.HasCategory(pi.CatMinorU14))
		}
	}
	if len(fs) < 8 {
		t.Errorf("only %d findings: %v", len(fs), fs)
	}
}

func TestTrajectoryInBulletin(t *testing.T) {
	text := []byte("病例1：赵某某，女，69岁。\n12月1日10时，乘坐G8512次列车（08车12F）由重庆返回成都；\n12月2日晚19：00，在郫都区某超市购物；\n12月3日上午，到社区卫生服务中心就诊。")
	for _, f := range allEngine.Detect(text, nil) {
		if f.Type == pi.Trajectory {
			if f.Attr("steps") < "2" || f.Category != pi.CatTrack || !f.Sensitive() {
				t.Errorf("trajectory %+v", f)
			}
			return
		}
	}
	t.Error("no trajectory")
}

// TestPlaceOrOrganization settles one span found as two types: a visit word
// before it makes it a place, otherwise it is the organization or the
// address.
func TestPlaceOrOrganization(t *testing.T) {
	tests := []struct {
		text, span string
		other      pi.Type
		want       pi.Type
	}{
		{"1月20日到西安市第五医院就诊。", "西安市第五医院", pi.Organization, pi.Place},
		{"西安市第五医院发布通告。", "西安市第五医院", pi.Organization, pi.Organization},
		{"乘亲属自驾车到阳新县韦原口镇下陈村参加婚礼。", "阳新县韦原口镇下陈村", pi.Address, pi.Place},
		{"前往阳新县韦原口镇下陈村。", "阳新县韦原口镇下陈村", pi.Address, pi.Place},
		{"现住阳新县韦原口镇下陈村。", "阳新县韦原口镇下陈村", pi.Address, pi.Address},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			start := strings.Index(tt.text, tt.span)
			fs := []pi.Finding{
				{Type: pi.Place, Start: start, End: start + len(tt.span), Score: 0.95},
				{Type: tt.other, Start: start, End: start + len(tt.span), Score: 0.7},
				{Type: pi.Date, Start: 0, End: 3, Score: 0.9},
			}
			placeOrOrganization([]byte(tt.text), fs)
			var kept []pi.Type
			for _, f := range fs[:2] {
				if f.Score > 0 {
					kept = append(kept, f.Type)
				}
			}
			if len(kept) != 1 || kept[0] != tt.want || fs[2].Score != 0.9 {
				t.Errorf("kept %v (date score %v), want only %s", kept, fs[2].Score, tt.want)
			}
		})
	}
}

// TestSchoolOrOrganization: a school the tagger calls an organization is the
// school, whole engine; a school visited among other places stays the
// tagger's organization (the epidemic profile keeps venues).
func TestSchoolOrOrganization(t *testing.T) {
	for _, tt := range []struct {
		text, span string
		want       pi.Type
	}{
		{"张三就读于北京市第一中学。", "北京市第一中学", pi.School},
		{"就读学校：西昌市第二中学", "西昌市第二中学", pi.School},
		{"期间去过黄鹤楼、长江大桥、武汉大学、东湖等景点旅游。", "武汉大学", pi.Organization},
		{"特此通报。\n绵阳市第二中学政教处\n2025年11月14日", "绵阳市第二中学政教处", pi.School},
	} {
		start := strings.Index(tt.text, tt.span)
		var got []pi.Type
		for _, f := range allEngine.Detect([]byte(tt.text), nil) {
			if f.Start == start && f.End == start+len(tt.span) {
				got = append(got, f.Type)
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: %s found as %v, want %s", tt.text, tt.span, got, tt.want)
		}
	}
}

// TestVisitedOrganizations: the tagger's organization followed by a verb of
// visiting is a place of the itinerary; one where the person works, or
// that acts, stays an organization.
func TestVisitedOrganizations(t *testing.T) {
	for _, tt := range []struct {
		text, span string
		want       pi.Type
	}{
		{"2月1日，转中大五院隔离治疗。", "中大五院", pi.Place},
		{"1月24日，步行往返红古区人民医院就诊。", "红古区人民医院", pi.Place},
		{"下午到华联超市购物。", "华联超市", pi.Place},
		{"她在红古区人民医院工作。", "红古区人民医院", pi.Organization},
		{"红古区人民医院发布通告。", "红古区人民医院", pi.Organization},
		{"市场监管局检查了该店。", "市场监管局", pi.Organization},
		{"华联超市购买了一批冷链食品。", "华联超市", pi.Organization},
		{"当晚在如家酒店隔离。", "如家酒店", pi.Place},
	} {
		start := strings.Index(tt.text, tt.span)
		fs := []pi.Finding{{Type: pi.Organization, Category: pi.CatEduWork, Start: start, End: start + len(tt.span), Score: 0.95, Source: "ner"}}
		visitedOrganizations([]byte(tt.text), fs)
		if fs[0].Type != tt.want || tt.want == pi.Place && fs[0].Category != pi.CatLocation {
			t.Errorf("%s: %s %s, want %s", tt.text, fs[0].Type, fs[0].Category, tt.want)
		}
	}
}

// TestTrimNamesAtLabels: a tagged name that runs into a label word is cut at
// the label's edge; names from rules and names apart from labels stay.
func TestTrimNamesAtLabels(t *testing.T) {
	text := "留守儿童小明和王小军患者"
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	ls, le := at("留守儿童")
	ps, pe := at("患者")
	tests := []struct {
		name, span string
		source     string
		want       string
	}{
		{"runs into a label before it", "童小明", "ner", "小明"},
		{"runs into a label after it", "王小军患", "ner", "王小军"},
		{"apart from labels", "王小军", "ner", "王小军"},
		{"a rule's name is left alone", "童小明", "terms", "童小明"},
		{"a label word is no name", "患者", "ner", "患者"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := at(tt.span)
			fs := []pi.Finding{
				{Type: pi.SpecialIdentity, Start: ls, End: le},
				{Type: pi.PersonName, Start: s, End: e, Source: tt.source},
				{Type: pi.Occupation, Start: ps, End: pe},
			}
			fs[1].Score = 0.95
			trimNamesAtLabels(fs)
			if got := text[fs[1].Start:fs[1].End]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if dropped := fs[1].Score == 0; dropped != (tt.span == "患者") {
				t.Errorf("score %v", fs[1].Score)
			}
		})
	}
}

// TestDropDivisionPlaces: a tagged place that starts an address and ends
// inside it goes; a venue inside the address stays.
func TestDropDivisionPlaces(t *testing.T) {
	text := "到达成都市锦江区春熙路某美甲店做美甲"
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	as, ae := at("成都市锦江区春熙路某美甲店")
	addr := pi.Finding{Type: pi.Address, Start: as, End: ae, Score: 0.8}
	addr.SetAttr("city", "成都市")
	addr.SetAttr("district", "锦江区")
	for _, tt := range []struct {
		span string
		kept bool
	}{{"成都", false}, {"成都市", false}, {"成都市锦江区春熙路", false}, {"春熙路某美甲店", true}} {
		s, e := at(tt.span)
		fs := []pi.Finding{addr, {Type: pi.Place, Start: s, End: e, Score: 0.95, Source: "ner"}}
		out := dropInnerPlaces([]byte(text), fs)
		if kept := len(out) == 2; kept != tt.kept {
			t.Errorf("%s: kept %v, want %v", tt.span, kept, tt.kept)
		}
	}
}

// TestRepeatNames: a full name found once is found at its other mentions,
// never over another finding; masked names and surnames are not repeated.
func TestRepeatNames(t *testing.T) {
	text := "小刚（化名）今年9岁。小刚的同学说，小刚患病，王某和王某某来了，李先生和李某。"
	at := func(s string, from int) pi.Finding {
		i := from + strings.Index(text[from:], s)
		return pi.Finding{Start: i, End: i + len(s), Score: 0.95}
	}
	name := at("小刚", 0)
	name.Type = pi.PersonName
	masked := at("王某", 0)
	masked.Type = pi.MaskedName
	surname := at("李", 0)
	surname.Type = pi.PersonName
	other := at("小刚", strings.Index(text, "，小刚")) // the third mention is taken
	other.Type = pi.Organization
	got := repeatNames([]byte(text), []pi.Finding{name, masked, surname, other}, nil)
	var added []string
	for _, f := range got[4:] {
		added = append(added, fmt.Sprintf("%s@%d", text[f.Start:f.End], f.Start))
	}
	want := []string{fmt.Sprintf("小刚@%d", strings.Index(text, "。小刚")+len("。"))}
	if fmt.Sprint(added) != fmt.Sprint(want) {
		t.Errorf("added %v, want %v", added, want)
	}
}

// TestGivenNameMentions: the given name of a full name found once is a
// mention of the person where it stands alone (小雨的, 小雨和), with a common
// surname, not inside a word (俄罗斯 after 索罗斯, 建国门 after 李建国) and not
// when the given name is a common word (浩然).
func TestGivenNameMentions(t *testing.T) {
	text := "张小雨今年9岁。小雨的父母在外打工，小雨和奶奶住。索罗斯去了俄罗斯。李建国住在建国门。王浩然说浩然正气。"
	fs := []pi.Finding{}
	for _, n := range []string{"张小雨", "索罗斯", "李建国", "王浩然"} {
		i := strings.Index(text, n)
		fs = append(fs, pi.Finding{Type: pi.PersonName, Start: i, End: i + len(n), Score: 0.95})
	}
	got := repeatNames([]byte(text), fs, allEngine.commonWord)
	var added []string
	for _, f := range got[len(fs):] {
		added = append(added, text[f.Start:f.End])
		if f.Score > 0.8 {
			t.Errorf("%s: score %.2f, want at most 0.8", text[f.Start:f.End], f.Score)
		}
	}
	if fmt.Sprint(added) != "[小雨 小雨]" {
		t.Errorf("added %v, want [小雨 小雨]", added)
	}
}

// TestPositionsBeforeNames: a position right before a tagged name is an
// occupation unless a finding covers it already.
func TestPositionsBeforeNames(t *testing.T) {
	text := "商务部部长陈德铭和主任医师王建国"
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	ns, ne := at("陈德铭")
	ws, we := at("王建国")
	os, oe := at("主任医师")
	fs := []pi.Finding{
		{Type: pi.PersonName, Start: ns, End: ne, Score: 0.95, Source: "ner"},
		{Type: pi.PersonName, Start: ws, End: we, Score: 0.95, Source: "ner"},
		{Type: pi.Occupation, Start: os, End: oe, Score: 0.85},
	}
	var got []string
	for _, f := range positionsBeforeNames([]byte(text), fs)[3:] {
		got = append(got, string(f.Type)+":"+text[f.Start:f.End])
	}
	if fmt.Sprint(got) != "[occupation:部长]" {
		t.Errorf("added %v, want [occupation:部长]", got)
	}
}

// TestGenderAfterNames: the sex written as a record field right after a
// tagged name is found; 女士 and a taken span are not.
func TestGenderAfterNames(t *testing.T) {
	text := "李思思，女，10岁。王某（男，8岁）。张女士来了。赵六，男"
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	var fs []pi.Finding
	for _, n := range []string{"李思思", "王某", "张", "赵六"} {
		s, e := at(n)
		fs = append(fs, pi.Finding{Type: pi.PersonName, Start: s, End: e, Score: 0.95, Source: "ner"})
	}
	var got []string
	for _, f := range genderAfterNames([]byte(text), fs)[len(fs):] {
		got = append(got, text[f.Start:f.End]+"="+f.Attr(pi.AttrSex))
	}
	if want := "[女=female 男=male 男=male]"; fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// TestPlaceInsideName: a tagged place inside a person's name (大山 of 王大山)
// or a school's (镇中心 of 镇中心小学) or a listed venue is dropped.
func TestPlaceInsideName(t *testing.T) {
	for _, tt := range []struct {
		text, holder, place string
		typ                 pi.Type
	}{
		{"监护人王大山（祖父）", "王大山", "大山", pi.PersonName},
		{"他在镇中心小学读书", "镇中心小学", "镇中心", pi.School},
		{"12月1日到春熙路某美甲店做美甲", "春熙路某美甲店", "美甲", pi.Place},
	} {
		at := func(s string) (int, int) { i := strings.Index(tt.text, s); return i, i + len(s) }
		ns, ne := at(tt.holder)
		ps, pe := at(tt.place)
		src := "ner"
		if tt.typ == pi.Place {
			src = terms.Source // a venue of the term lists
		}
		fs := []pi.Finding{{Type: tt.typ, Start: ns, End: ne, Score: 0.95, Source: src}, {Type: pi.Place, Start: ps, End: pe, Score: 0.95, Source: "ner"}}
		if out := dropInnerPlaces([]byte(tt.text), fs); len(out) != 1 || out[0].Type != tt.typ {
			t.Errorf("%s: kept %v", tt.text, out)
		}
	}
}

// TestNamesAfterLabel: the name after 姓名 is found where the model found
// none; column names of a header row are not names.
func TestNamesAfterLabel(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"姓名 张三 性别 男", "张三"},
		{"姓名：李小红，性别：女", "李小红"},
		{"序号 姓名 性别 年龄", ""},
		{"姓名 身份证号 联系电话", ""},
		{"姓名：", ""},
	} {
		var got []string
		for _, f := range namesAfterLabel([]byte(tt.text), nil) {
			got = append(got, tt.text[f.Start:f.End])
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%q: %v, want %q", tt.text, got, tt.want)
		}
	}
	// the model's name cut short is extended to the field
	text := "姓名：陈小雨  性别：女"
	i := strings.Index(text, "陈小")
	fs := namesAfterLabel([]byte(text), []pi.Finding{{Type: pi.PersonName, Start: i, End: i + len("陈小"), Score: 0.95}})
	if len(fs) != 1 || text[fs[0].Start:fs[0].End] != "陈小雨" {
		t.Errorf("%q: %v, want 陈小雨 alone", text, fs)
	}
}

// TestOrganizationInsideName: a tagged organization inside a person's name
// (立军 of 陈立军) is dropped.
func TestOrganizationInsideName(t *testing.T) {
	text := "家长：陈立军，电话"
	i := strings.Index(text, "陈立军")
	j := strings.Index(text, "立军")
	fs := []pi.Finding{{Type: pi.PersonName, Start: i, End: i + len("陈立军"), Score: 0.95, Source: "ner"},
		{Type: pi.Organization, Start: j, End: j + len("立军"), Score: 0.95, Source: "ner"}}
	if out := dropInnerPlaces([]byte(text), fs); len(out) != 1 || out[0].Type != pi.PersonName {
		t.Errorf("kept %v", out)
	}
}

// TestOrganizationInsideHealthTerm: the model's organization inside a
// health term of the lists (CT of 胸部CT) is dropped.
func TestOrganizationInsideHealthTerm(t *testing.T) {
	text := "入院查体：胸部CT示双肺磨玻璃影"
	i := strings.Index(text, "胸部CT")
	j := strings.Index(text, "CT")
	fs := []pi.Finding{{Type: pi.Health, Start: i, End: i + len("胸部CT"), Score: 0.9, Source: terms.Source},
		{Type: pi.Organization, Start: j, End: j + len("CT"), Score: 0.95, Source: "ner"}}
	if out := dropInnerPlaces([]byte(text), fs); len(out) != 1 || out[0].Type != pi.Health {
		t.Errorf("kept %v", out)
	}
}

// TestOrganizationInsideAddress: a tagged organization inside an address is
// dropped unless it ends like one (…医院, …委员会).
func TestOrganizationInsideAddress(t *testing.T) {
	text := "户籍地址为河南省周口市太康县城关镇南关村卫生院"
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	as, ae := at("河南省周口市太康县城关镇南关村卫生院")
	for _, tt := range []struct {
		span string
		kept bool
	}{{"河南省周口市太康县城", false}, {"南关村卫生院", true}} {
		s, e := at(tt.span)
		fs := []pi.Finding{{Type: pi.Address, Start: as, End: ae, Score: 0.9}, {Type: pi.Organization, Start: s, End: e, Score: 0.95, Source: "ner"}}
		out := dropInnerPlaces([]byte(text), fs)
		if kept := len(out) == 2; kept != tt.kept {
			t.Errorf("%s: kept %v, want %v", tt.span, kept, tt.kept)
		}
	}
}

// TestRegisterAddresses: a field under a text register's address column is
// read as an address, as a table's cell is.
func TestRegisterAddresses(t *testing.T) {
	text := []byte("序号  姓名    住址      体温\n1     周建国  幸福里3栋  36.5\n2     林小燕  东风村    37.6\n")
	var got []string
	for _, f := range allEngine.Detect(text, nil) {
		if f.Type == pi.Address {
			got = append(got, string(text[f.Start:f.End])+" "+f.Attr("kind"))
		}
	}
	if strings.Join(got, ", ") != "幸福里3栋 home, 东风村 home" {
		t.Errorf("addresses %v", got)
	}
}

// TestTraditionalScript: text in traditional characters is read as its
// simplified form, with the offsets of the original (陳大文, 45歲, 彌敦道…).
func TestTraditionalScript(t *testing.T) {
	text := []byte("患者陳大文，男，45歲，住九龍旺角彌敦道123號5樓B室，確診新冠肺炎。")
	got := map[pi.Type]string{}
	for _, f := range allEngine.Detect(text, nil) {
		if _, ok := got[f.Type]; !ok {
			got[f.Type] = string(text[f.Start:f.End])
		}
	}
	for typ, want := range map[pi.Type]string{pi.PersonName: "陳大文", pi.Gender: "男", pi.Age: "45歲", pi.Health: "確診"} {
		if got[typ] != want {
			t.Errorf("%s: %q, want %q (all: %v)", typ, got[typ], want, got)
		}
	}
	if got[pi.Address] != "九龍旺角彌敦道123號5樓B室" {
		t.Errorf("address %q, want it from the region (九龍旺角彌敦道123號5樓B室)", got[pi.Address])
	}
}

// TestHongKongAddressPrefixes: in traditional text the region and the area
// before a road's address are the address's; an area alone before no
// street address, or ending a longer word, is not.
func TestHongKongAddressPrefixes(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"住在尖沙咀彌敦道100號。", "尖沙咀彌敦道100號"},
		{"地址：新界沙田區沙田正街18號", "新界沙田區沙田正街18號"},
		{"住在上海市浦東新區世紀大道100號。", "上海市浦東新區世紀大道100號"},
		{"事主在旺角購物。", ""},
	} {
		var addr string
		for _, f := range allEngine.Detect([]byte(tt.text), nil) {
			if f.Type == pi.Address {
				addr = tt.text[f.Start:f.End]
			}
		}
		if addr != tt.want {
			t.Errorf("%s: address %q, want %q", tt.text, addr, tt.want)
		}
	}
}

// TestMacaoAddresses: an address after 澳门 and a Macao area is one
// address from 澳门, its street or building whole and no person in it; the
// region of a parish the code table names not is the chain's own.
func TestMacaoAddresses(t *testing.T) {
	for _, tt := range []struct {
		text, want string
		attrs      map[string]string
	}{
		{"现住址：澳门氹仔柯维纳马路251号", "澳门氹仔柯维纳马路251号",
			map[string]string{"road": "柯维纳马路", "town": "氹仔", "region_code": "820000", "kind": "home"}},
		{"住址：澳门新口岸宋玉生广场258号8楼", "澳门新口岸宋玉生广场258号8楼", map[string]string{"poi": "宋玉生广场"}},
		{"澳门特别行政区花地玛堂区黑沙环新街52号", "澳门特别行政区花地玛堂区黑沙环新街52号",
			map[string]string{"region": "澳门特别行政区花地玛堂区", "region_code": "820104"}},
		{"他在澳门大学读书，住在珠海市香洲区拱北街道粤海东路99号。", "珠海市香洲区拱北街道粤海东路99号", nil},
	} {
		var addr *pi.Finding
		fs := allEngine.Detect([]byte(tt.text), nil)
		for i, f := range fs {
			if f.Type == pi.Address {
				addr = &fs[i]
			}
			if f.Type == pi.PersonName || f.Type == pi.Place {
				t.Errorf("%s: %s %q inside the address", tt.text, f.Type, tt.text[f.Start:f.End])
			}
		}
		if addr == nil || tt.text[addr.Start:addr.End] != tt.want {
			t.Errorf("%s: address %v, want %q", tt.text, addr, tt.want)
			continue
		}
		for k, v := range tt.attrs {
			if addr.Attr(k) != v {
				t.Errorf("%s: %s=%q, want %q", tt.text, k, addr.Attr(k), v)
			}
		}
	}
}

// TestRelativesNamed: a relative's name written as a form's field before
// the relative's age or sex is a name, the minorities' names the tagger
// misses included; a job in that field is not.
func TestRelativesNamed(t *testing.T) {
	text := "家庭成员情况：\n父亲：陈国华，42岁，务农\n母亲：吉克阿依，39岁，二级肢体残疾\n外公：买买提·艾力，男，68岁\n母亲：务农，40岁\n"
	if got, want := namesIn(text), "陈国华 吉克阿依 买买提·艾力"; got != want {
		t.Errorf("names %q, want %q", got, want)
	}
}

// TestTitledNames: a surname with a form of address is found as the
// surname with its title, whatever the tagger ran into it (藏友孙, 但李) or
// found without the title (罗); a full name before 先生 stays whole.
func TestTitledNames(t *testing.T) {
	for _, tt := range []struct{ text, want, title string }{
		{"罗先生家住南岸经开区", "罗", "先生"},
		{"藏友孙先生拎着一个大包赶到", "孙", "先生"},
		{"但李先生本月仍旧要还5600元", "李", "先生"},
		{"王小明先生说", "王小明", ""},
		{"刘向宁先生：男，汉族，", "刘向宁", ""}, // 向 may stand before a surname: the full name wins
		{"黎巴嫩防空部队向进入领空的战机开火，罗先生说。", "罗", "先生"},
		{"寄件人：李先生 0571-88886666", "李", "先生"},
	} {
		var got []string
		for _, f := range allEngine.Detect([]byte(tt.text), nil) {
			if f.Type == pi.PersonName {
				got = append(got, tt.text[f.Start:f.End]+"/"+f.Attr("title"))
			}
		}
		if want := tt.want + "/" + tt.title; len(got) != 1 || got[0] != want {
			t.Errorf("%s: names %v, want %s", tt.text, got, want)
		}
	}
}

// TestDoubledNames: a pet name of one character written twice is a name
// where a word names or addresses a person on one side at least; an
// interjection, an adverb, a kin word, a title's word and an adjective
// are not.
func TestDoubledNames(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"感谢兔兔，感谢圆圆，感谢佳佳。", "兔兔 圆圆 佳佳"},
		{"女儿豆豆今年5岁，豆豆说想去公园。", "豆豆 豆豆"},
		{"哈哈哈，妈妈说常常要来。", ""},
		{"《跑跑卡丁车》活动开始，、酷酷的人物造型。", ""},
		{"你们说東哥hold着如何呢！今晚听到泽哥的声音。", "東哥 泽哥"},
		{"他的大哥和表姐，与首都金边和吴哥齐名，二哥说。", ""},
		{"晚上与其妻、妻姐3人自驾车来许，和姐夫前往。", ""},
	} {
		if got := namesIn(tt.text); got != tt.want {
			t.Errorf("%s: names %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFramedNames: a common surname and one or two characters between a
// word that takes a person and a verb a person does are a name the tagger
// missed; a common word so framed is not.
func TestFramedNames(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"同年12月17日，何勇赴香港参加摇滚中国乐势力演出。", "何勇"},
		{"帮朋友的忙，薛先生向杜风提出贷款要求。", "杜风"},
		{"他们向北京提出申请，由高层表示同意。", ""},
	} {
		got := namesIn(tt.text)
		if tt.want == "" {
			if strings.Contains(got, "北京") || strings.Contains(got, "高层") {
				t.Errorf("%s: names %q", tt.text, got)
			}
			continue
		}
		if !strings.Contains(" "+got+" ", " "+tt.want+" ") {
			t.Errorf("%s: names %q, want %s among them", tt.text, got, tt.want)
		}
	}
}

// TestPetGivenNames: the given name of a full name written as a pet name
// (王小军 … 小军) is the person's wherever it stands alone, also where it is
// a common word or the tagger read it as an organization; a form of
// address (小姐) is not.
func TestPetGivenNames(t *testing.T) {
	text := "记者见到了10岁的王小军。小军的父母常年在浙江打工。小军在德隆小学读四年级。村里像小军这样的孩子还有20多个。"
	if got, want := namesIn(text), "王小军 小军 小军 小军"; got != want {
		t.Errorf("names %q, want %q", got, want)
	}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.Organization {
			t.Errorf("organization %q", text[f.Start:f.End])
		}
	}
}

// TestWorkHistory: the fields of a résumé's work history that end as an
// organization's name are the person's employers, up to the next field's
// label; 在…任 makes an organization the employer too.
func TestWorkHistory(t *testing.T) {
	text := "姓名：刘诗雨\n工作经历：2018.07-至今　甘肃日报社　记者\n2016.07-2018.06　兰州晨报社　实习生\n期望薪资：8000元　深圳市某某公司\n"
	var got []string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.Employer {
			got = append(got, text[f.Start:f.End])
		}
	}
	if strings.Join(got, " ") != "甘肃日报社 兰州晨报社" {
		t.Errorf("employers %v", got)
	}
	text = "2018年起在甘肃日报社任记者。"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.Organization {
			t.Errorf("%q is an organization, not the employer", text[f.Start:f.End])
		}
	}
}

// TestTranscript: in a police interview record the answer goes on its
// question: a child named by the witness (我儿子孙乐乐（8岁）) is the one
// whose injuries the next answer tells, though it names no one; 问 and 答
// are turns, not chat senders.
func TestTranscript(t *testing.T) {
	text := "被询问人：孙美丽，女，1989年7月6日出生。\n问：你因何事来派出所？\n答：我儿子孙乐乐（8岁）在小区门口被一辆电动车撞了。\n问：你儿子现在情况如何？\n答：在医院住院，左腿骨折。\n"
	var child string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		switch {
		case f.Type == pi.PersonName && text[f.Start:f.End] == "孙乐乐":
			child = f.Attr(subject.AttrSubject)
		case f.Type == pi.Health:
			if f.Attr(subject.AttrSubject) != child || child == "" || !f.HasCategory(pi.CatMinorU14) {
				t.Errorf("%s: subject %q, want the child's %q, under 14", text[f.Start:f.End], f.Attr(subject.AttrSubject), child)
			}
		}
	}
}

// TestKinNames: a surname and a given name right after a relation are the
// relative's name, after a form's colon or space and run into a record's
// prose; a common word there (高考, 节日, 和朋友) is none.
func TestKinNames(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"其妻孙丽，患有抑郁症，现无业。", "孙丽"},
		{"紧急联系人：父亲 欧阳建国", "欧阳建国"},
		{"父亲：李建军　母亲：韩冰\n", "李建军 韩冰"},
		{"女儿高考，母亲节日快乐。", ""},
		{"他和父亲和朋友一起去了公园。", ""},
		{"户主姓名：王强", "王强"},
		{"在学校被同学欺凌、班主任周老师未及时处理的问题", "周"},
		{"2026-11-20 09:15 来访人：蒋文博 身份证：11010519900307001X 被访人：研发部 刘主管", "蒋文博 刘"},
		{"原、被告于1990年登记结婚，婚生子王浩（2008年5月出生）、婚生女王欣（2015年7月出生）。", "王浩 王欣"},
		{"入院日期：2026-11-02　病史陈述者：患者本人及其女儿陈静", "陈静"},
		{"乘坐私家车同父母亲戚共10人在酒店用餐，将其一家三口接回其父母家。", ""},
		{"答：我儿子孙乐乐（8岁）在小区门口被一辆电动车撞了。", "孙乐乐"},
		// a full name run into the record's words, as the tagger misses
		// it in an orphan's allowance form; a word or a particle there is
		// none
		{"父亲马占福于2018年因车祸去世，现由姑姑马玉梅抚养。", "马占福 马玉梅"},
		{"该公司法定代表人为张国栋，联系地址为银川市。", "张国栋"},
		{"负责人：张国栋，电话0954-2031234", "张国栋"},
		{"儿子高考完成后，母亲马上就来，丈夫高兴地说。", ""},
		{"能看到该楼业主张贴的“房屋出租”，她知道丈夫为解放军。", ""},
		{"姓名：张国栋", "张国栋"},                                                  // a line with nothing else found
		{"快手ID：kuaishou123", "kuaishou123"},                                // the handle, not the label ID
		{"每天放学后还要照顾7岁的弟弟罗小军。", "罗小军"},                                      // a pet given name that is also a word (小军)
		{"前排左起：王梓涵、李一诺、陈思远；参会人员：王强、李娜", "王梓涵 李一诺 陈思远 王强 李娜"},               // a list's items whole
		{"序号　学生姓名　家长姓名　与学生关系　联系电话\n1　陈雨萱　陈国平　父女　13908003333\n", "陈雨萱 陈国平"}, // 家长姓名 is a column
		{"法定代理人李建华（系被告人之父），男，1982年出生。", "李建华"},
		// a field's whole value; not a place, a sign or a native place
		{"晨检异常：林可欣，手部有疱疹，留园观察。", "林可欣"},
		{"序号　户主姓名　家庭人口　救助原因\n1　罗德华　3　妻子患宫颈癌\n", "罗德华"}, // 家庭人口 is a column
		{"最佳观察点：王府井，赛特，国贸。季军：白羊座（真诚）。籍贯：江苏省，诊断：白内障，", ""},
	} {
		if got := namesIn(tt.text); got != tt.want {
			t.Errorf("%s: names %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestWordRowNames: a list row's field that reads as surname + given name
// but is a common word (石头, 高兴) is no name; the row's real name stays.
func TestWordRowNames(t *testing.T) {
	got := namesIn("二、名单\n初二（5）班 孙一诺 女 石头\n初二（6）班 高兴 男 江涛\n")
	if strings.Contains(got, "石头") || strings.Contains(got, "高兴") || !strings.Contains(got, "孙一诺") || !strings.Contains(got, "江涛") {
		t.Errorf("names %q: want 孙一诺 and 江涛, not 石头 or 高兴", got)
	}
}

// namesIn returns the person names the whole engine finds in text, in
// order, apart by spaces.
func namesIn(text string) string {
	var names []string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if isPersonName(f.Type) {
			names = append(names, text[f.Start:f.End])
		}
	}
	return strings.Join(names, " ")
}

// TestAdverbNames: a judgment's boilerplate (另查明, 经审理) is no name;
// a surname that is also an adverb still names a person (曾志伟).
func TestAdverbNames(t *testing.T) {
	got := namesIn("另查明，被告人曾志伟于2021年因寻衅滋事被行政拘留。经审理，本院认为。")
	if strings.Contains(got, "另查明") || strings.Contains(got, "经审理") || !strings.Contains(got, "曾志伟") {
		t.Errorf("names %q: want 曾志伟 only", got)
	}
}

// TestFieldLabelNames: a waybill's field label (托寄物：) is no name; the
// names in its other fields stay.
func TestFieldLabelNames(t *testing.T) {
	got := namesIn("寄件人：刘美玲 15913845678\n收件人：陈家豪 13760234567\n托寄物：药品（胰岛素注射液）\n")
	if got != "刘美玲 陈家豪" {
		t.Errorf("names %q: want 刘美玲 陈家豪", got)
	}
}

// TestDrugNames: a drug's name in a discharge summary is no name; the
// doctor's is.
func TestDrugNames(t *testing.T) {
	got := namesIn("出院医嘱：1.继续口服孟鲁司特钠4mg每晚一次；2.一周后门诊复查。\n主治医师：林志明\n")
	if got != "林志明" {
		t.Errorf("names %q: want 林志明", got)
	}
}

// TestDottedNames: a name written with a middle dot between Han runs is a
// name beside a word of a person or an age; the tagger's name run into the
// word before it is cut there; a place written so is no name.
func TestDottedNames(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"维吾尔族学生阿卜杜拉·买买提（12岁）信仰伊斯兰教。", "阿卜杜拉·买买提"},
		{"被告人穆罕默德·阿里，男，1990年生。", "穆罕默德·阿里"},
		{"中国·成都国际车展开幕。", ""},
		{"买买提江·吐尔逊是学校的足球队长。", "买买提江·吐尔逊"}, // name parts, over the tagger's 江·吐尔
	} {
		if got := namesIn(tt.text); got != tt.want {
			t.Errorf("%s: names %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNicknameOverPlace: a child called by a nickname the tagger took for
// a place (小雅（化名）) is a name.
func TestNicknameOverPlace(t *testing.T) {
	text := "家住河东村的9岁女孩小雅（化名）被继母虐待。"
	if got := namesIn(text); !strings.Contains(got, "小雅") {
		t.Errorf("names %q: want 小雅", got)
	}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.Place && text[f.Start:f.End] == "小雅" {
			t.Error("小雅 is a place")
		}
	}
}

// TestPenaltyNotice: divisions after 户籍所在地 are an address, not the
// tagger's organization; a law's title holds no organization.
func TestPenaltyNotice(t *testing.T) {
	text := "违法行为人：陈某某，男，户籍所在地：福建省福州市鼓楼区。根据《中华人民共和国治安管理处罚法》第四十三条之规定。"
	var got []string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		got = append(got, string(f.Type)+":"+text[f.Start:f.End])
	}
	all := strings.Join(got, " ")
	if !strings.Contains(all, "address:福建省福州市鼓楼区") || strings.Contains(all, "organization:") {
		t.Errorf("findings %s", all)
	}
}

// TestKinWordsTrimmed: a word for a relative the tagger read into the
// name after it is cut off; a name that starts so is left alone.
func TestKinWordsTrimmed(t *testing.T) {
	for _, tt := range []struct{ text, span, want string }{
		{"孙子小宝才2岁", "孙子小宝", "小宝"},
		{"孙子涵今年8岁", "孙子涵", "孙子涵"},
	} {
		start := strings.Index(tt.text, tt.span)
		fs := []pi.Finding{{Type: pi.PersonName, Start: start, End: start + len(tt.span), Source: "ner"}}
		trimKinWords([]byte(tt.text), fs)
		if got := tt.text[fs[0].Start:fs[0].End]; got != tt.want {
			t.Errorf("%s: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestRelativeOpensSentence: in a child's home-visit record, a sentence
// that opens with a relative (奶奶患有糖尿病) is the relative's: the
// illness is no child's; the child's own facts stay the child's.
func TestRelativeOpensSentence(t *testing.T) {
	text := "学生姓名：周思远　性别：男　出生日期：2015年3月12日\n家庭情况：孩子由爷爷奶奶照顾。奶奶患有糖尿病，长期服药。\n该生近期有厌学情绪。"
	var saw bool
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		switch {
		case f.Type == pi.Health:
			saw = true
			if f.HasCategory(pi.CatMinorU14) || f.Attr(pi.AttrMinor) != "" {
				t.Errorf("%q: the grandmother's illness made a child's: %v", v, f.Attrs)
			}
		case v == "周思远" && !f.HasCategory(pi.CatMinorU14):
			t.Errorf("%q: not under 14", v)
		}
	}
	if !saw {
		t.Error("no health finding")
	}
}

// TestHouseholdChild: a household's child (家有残疾儿童) does not make the
// household's contact a minor; the label is still found.
func TestHouseholdChild(t *testing.T) {
	text := "5栋202 业主：蒙小红，电话15977788990，家有残疾儿童，需关照。"
	var label bool
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Attr(pi.AttrMinor) != "" || f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%s %q: a minor's (%v)", f.Type, text[f.Start:f.End], f.Attrs)
		}
		if f.Type == pi.SpecialIdentity {
			label = f.Attr("holder") == "household"
		}
	}
	if !label {
		t.Error("残疾儿童: not found as the household's")
	}
}

// TestRegisterHomeColumn: a text register's 户籍所在地 column holds
// addresses, also beside a birth-date column whose date an address read
// across the wide space had taken (10-02　青秀区凤岭北路8号).
func TestRegisterHomeColumn(t *testing.T) {
	text := "序号　姓名　性别　出生日期　户籍所在地　录取类别\n1　黄梓萱　女　2019-10-02　青秀区凤岭北路8号　学区内\n2　韦浩宇　男　2020-01-17　江南区福建园街道　随迁子女\n"
	var got []string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.Address {
			got = append(got, text[f.Start:f.End])
		}
	}
	if want := []string{"青秀区凤岭北路8号", "江南区福建园街道"}; !slices.Equal(got, want) {
		t.Errorf("addresses %q, want %q", got, want)
	}
}

// TestFaceImageField: a photo field's link is the person's face image
// (PI.BIO.FACE), in place of the url; a blank answer is nothing.
func TestFaceImageField(t *testing.T) {
	for _, tt := range []struct {
		label, value string
		face         bool
	}{
		{"faceImageUrl", "https://cdn.example.com/face/8f3a.jpg", true},
		{"照片", "IMG_20260101.jpg", true},
		{"avatar_url", "https://img.example.com/a/1.png", true},
		{"照片", "无", false},
		{"homepage", "https://www.example.com/", false},
	} {
		var face, other bool
		for _, f := range allEngine.DetectLabeled([]byte(tt.value), tt.label, nil) {
			if f.Type == pi.Biometric && f.Category == pi.CatBioFace && f.Start == 0 && f.End == len(tt.value) {
				face = true
			} else {
				other = true
			}
		}
		if face != tt.face || tt.face && other {
			t.Errorf("%s=%s: face %v (others %v), want %v", tt.label, tt.value, face, other, tt.face)
		}
	}
}

// TestRegisterAccountColumn: a text register's account column reads its
// number as a table's does: an account under 一卡通账号 that fails the card
// check is still an account; a 户主姓名 header is a register's.
func TestRegisterAccountColumn(t *testing.T) {
	text := "户主姓名　身份证号　补贴金额（元）　一卡通账号\n王德明　510281196503127516　351.98　6217993300012345678\n"
	var got []string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.BankCard {
			got = append(got, text[f.Start:f.End])
		}
	}
	if len(got) != 1 || got[0] != "6217993300012345678" {
		t.Errorf("accounts %q", got)
	}
}

// TestKindergartenRecord: a kindergarten's morning-check record is about
// its children: every child it names is under 14, with their symptoms;
// the teacher who signs it and a parent called 陈女士 are not.
func TestKindergartenRecord(t *testing.T) {
	text := "阳光幼儿园晨检记录（2026年11月18日）\n小一班：应到28人，实到26人。\n缺勤：张诗琪（发热38.5℃）、刘浩（手足口病，居家隔离）。\n晨检异常：林可欣，手部有疱疹，已通知家长陈女士接回。\n晨检老师：黄丽\n"
	want := map[string]bool{"张诗琪": true, "刘浩": true, "林可欣": true, "陈": false, "黄丽": false, "疱疹": true, "手足口病": true}
	seen := map[string]bool{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		if u14, ok := want[v]; ok {
			seen[v] = true
			if f.HasCategory(pi.CatMinorU14) != u14 {
				t.Errorf("%s %q: under 14 %v, want %v", f.Type, v, f.HasCategory(pi.CatMinorU14), u14)
			}
		}
	}
	for v := range want {
		if !seen[v] {
			t.Errorf("%q: not found", v)
		}
	}
}

// TestTrajectoryAfterDescription: a case's description (her workplace, her
// husband a taxi driver with his car's plate) is no part of her itinerary;
// the school she walked her daughter to is a step.
func TestTrajectoryAfterDescription(t *testing.T) {
	text := "阳性感染者1：王某某，女，34岁，在春熙路某服装店工作。其丈夫张某（36岁，出租车司机，车牌号川A·T1234）已集中隔离。\n主要活动轨迹：\n" +
		"11月20日8:30—9:10，步行送女儿到东光实验小学；10:00—18:00在春熙路某服装店上班；19:20—20:00到东光小区北门菜鸟驿站取快递。\n"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type != pi.Trajectory {
			continue
		}
		if !strings.HasPrefix(text[f.Start:], "11月20日") {
			t.Errorf("the itinerary starts at %q", text[f.Start:min(len(text), f.Start+30)])
		}
		if f.Attr("step_1") != "date=11月20日8:30; time=9:10; transport=步行; place=东光实验小学" || f.Attr("steps") != "3" {
			t.Errorf("steps: %v", f.Attrs)
		}
		return
	}
	t.Error("no trajectory")
}

// TestReportCard: a notifiable-disease report card's title holds no place
// (the model had read 和国传染病报 out of 中华人民共和国传染病报告卡), and no
// organization is cut out of the address's 东湖社区; the child's card is
// under 14 with her disease.
func TestReportCard(t *testing.T) {
	text := "中华人民共和国传染病报告卡\n患者姓名：李欣怡　（患儿家长姓名：李国伟）\n出生日期：2018年05月12日\n" +
		"现住址（详填）：四川省成都市锦江区东光街道东湖社区东光小区5栋2单元301号\n疾病名称：乙类传染病——猩红热\n"
	var disease bool
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		switch {
		case f.Type == pi.Place || f.Type == pi.Organization:
			t.Errorf("%s %q", f.Type, v)
		case v == "猩红热":
			disease = f.HasCategory(pi.CatMinorU14)
		}
	}
	if !disease {
		t.Error("猩红热: not found as the child's")
	}
}

// TestNumberedLineEndsAtItsLine: in a file of one item a line, a numbered
// line opens no entry over the lines after it (a child's age two lines on
// had made every organization between them a child's); a numbered case's
// dated lines are still its own.
func TestNumberedLineEndsAtItsLine(t *testing.T) {
	text := "4、加拉塔vs梅塔利推介：3\n共青团中央、教育部联合发出通知\n11岁女孩唱《酒干倘卖无》\n"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if f.Type == pi.Organization && f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%q: under 14", text[f.Start:f.End])
		}
	}
	text = "1、王某某，男，8岁，就读于某小学。\n11月20日到永辉超市购物。\n"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if text[f.Start:f.End] == "永辉超市" && !f.HasCategory(pi.CatMinorU14) {
			t.Errorf("the child's venue is no child's: %v", f.Attrs)
		}
	}
}

// TestCompoundChat: a compound's chat, senders written with their
// building or role (12栋老张：, 网格员小刘：): the senders are found and are
// not the child the messages speak of; the flat is an address.
func TestCompoundChat(t *testing.T) {
	text := "[2026-11-20 08:12] 网格员小刘：各位居民，12栋3单元502的王女士今天核酸阳性了。\n" +
		"[2026-11-20 08:15] 12栋老张：她家孩子在东光实验小学读二年级吧？\n" +
		"[2026-11-20 08:16] 网格员小刘：是的，她女儿张某某8岁，已经通知学校了。\n"
	seen := map[string]bool{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		seen[v] = true
		u14 := f.HasCategory(pi.CatMinorU14)
		switch v {
		case "老张", "小刘":
			if u14 {
				t.Errorf("the sender %q is a child", v)
			}
		case "张某某":
			if !u14 {
				t.Errorf("the child %q is not under 14", v)
			}
		case "12栋3单元502":
			if f.Type != pi.Address {
				t.Errorf("%q: %s", v, f.Type)
			}
		}
	}
	for _, v := range []string{"老张", "小刘", "张某某", "12栋3单元502"} {
		if !seen[v] {
			t.Errorf("%q: not found", v)
		}
	}
}

// TestSecondAge: a neighbour named with her age and a boy named by his
// age alone in the same sentence are two people: she is no child.
func TestSecondAge(t *testing.T) {
	text := "并称邻居邓某某（约40岁，女）家中饲养大型犬只，多次咬伤小区儿童，其中一名8岁男孩被咬伤后注射狂犬疫苗。"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		child := v == "8岁" || v == "男孩" || v == "狂犬疫苗"
		if (v == "邓某某" || v == "女" || child) && f.HasCategory(pi.CatMinorU14) != child {
			t.Errorf("%q: under 14 %v", v, f.HasCategory(pi.CatMinorU14))
		}
	}
}

// TestNoNameInsideHandles: a name the tagger reads inside an e-mail
// address or an account is part of it; the identifier stays whole.
func TestNoNameInsideHandles(t *testing.T) {
	text := "张伟 | 市场部经理\n手机：138 0013 8000 | 邮箱：zhangwei@example.com，微信号：zhangwei1990"
	var ids int
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		if isPersonName(f.Type) && v != "张伟" {
			t.Errorf("name %q", v)
		}
		if f.Type == pi.Email || f.Type == pi.WeChatID {
			ids++
		}
	}
	if ids != 2 {
		t.Errorf("%d identifiers, want the e-mail and the WeChat id", ids)
	}
}

// TestRelativesInAChildsStory: in a left-behind girl's story her
// grandmother's illness (患有高血压的奶奶) is the grandmother's, and the age
// before her brother (7岁的弟弟罗小军) his; a father with his daughter's age
// after him (覃化…他4岁的女儿) is no child.
func TestRelativesInAChildsStory(t *testing.T) {
	text := "今年12岁的罗小燕是一名留守儿童。小燕和患有高血压的奶奶相依为命，每天放学后还要照顾7岁的弟弟罗小军。唯一为覃化流泪的，是他4岁的女儿。"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		u14 := f.HasCategory(pi.CatMinorU14)
		switch v {
		case "高血压", "覃化":
			if u14 {
				t.Errorf("%q: a child's", v)
			}
		case "罗小军", "罗小燕":
			if !u14 {
				t.Errorf("%q: not under 14", v)
			}
		}
	}
}

// TestFoundlingRecord: a welfare home's intake form names the finder on
// its own line; the lines after it are still the infant's: her cleft lip
// and heart murmur are a child's health data.
func TestFoundlingRecord(t *testing.T) {
	text := "姓名：党小福（院内取名）　性别：女　估计出生日期：2024年9月\n捡拾人：赵大勇（环卫工人，电话13709171234）\n身体状况：先天性唇腭裂，心脏杂音待查，体重3.1公斤。\n"
	seen := 0
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		switch v {
		case "先天性唇腭裂", "心脏杂音":
			seen++
			if !f.HasCategory(pi.CatMinorU14) {
				t.Errorf("%q: not the infant's", v)
			}
		case "赵大勇":
			if f.HasCategory(pi.CatMinorU14) {
				t.Errorf("the finder %q is a child", v)
			}
		}
	}
	if seen != 2 {
		t.Errorf("%d of the infant's conditions found", seen)
	}
}

// TestAdultsAtSchool: the class a 52-year-old teaches and the school a
// reporter visits make nobody a child; the school itself stays a place of
// children, and the pupil is one.
func TestAdultsAtSchool(t *testing.T) {
	text := "11月20日，记者来到阿市乡中心小学。今年52岁的杨光明是这所学校的语文教师，也是三年级二班的班主任。班上的学生王小雨今年9岁，是一名留守儿童。"
	minors := map[string]bool{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		if f.Attr(pi.AttrMinor) == "true" || f.HasCategory(pi.CatMinorU14) {
			minors[string(f.Type)+":"+v] = true
		}
	}
	for _, tt := range []struct {
		finding string
		minor   bool
	}{
		{"date:11月20日", false}, {"person_name:杨光明", false}, {"age:52岁", false}, {"school:三年级二班", false},
		{"school:阿市乡中心小学", true}, {"person_name:王小雨", true}, {"age:9岁", true},
	} {
		if minors[tt.finding] != tt.minor {
			t.Errorf("%s: a minor's %v, want %v (minors: %v)", tt.finding, minors[tt.finding], tt.minor, minors)
		}
	}
}

// TestGuardianLineInChildsForm: a guardian's name label inside a child's
// form (监护人姓名：孙伟) opens no form of its own: the vaccinations after it
// are the child's.
func TestGuardianLineInChildsForm(t *testing.T) {
	text := "儿童预防接种证\n儿童姓名：孙若曦　性别：女　出生日期：2023年4月18日\n监护人姓名：孙伟（父）　联系电话：18980012345\n" +
		"家庭住址：成都市武侯区桂溪街道天府三街88号天府新谷7栋1单元801\n接种记录：\n2023-05-18　乙肝疫苗第2剂　桂溪社区卫生服务中心\n过敏史：青霉素过敏\n"
	fs := allEngine.Detect([]byte(text), nil)
	subjectOf := map[string]string{}
	for _, f := range fs {
		subjectOf[string(f.Type)+":"+text[f.Start:f.End]] = f.Attr(subject.AttrSubject)
	}
	child := subjectOf["person_name:孙若曦"]
	if child == "" || subjectOf["person_name:孙伟"] == child {
		t.Fatalf("child %q, guardian %q", child, subjectOf["person_name:孙伟"])
	}
	for _, k := range []string{"health:乙肝疫苗", "date:2023-05-18", "health:过敏"} {
		if subjectOf[k] != child {
			t.Errorf("%s: subject %q, want the child's %q", k, subjectOf[k], child)
		}
	}
	for _, f := range fs {
		if text[f.Start:f.End] == "乙肝疫苗" && !f.HasCategory(pi.CatMinorU14) {
			t.Errorf("the child's vaccination is not marked under 14: %v", f.Extra)
		}
	}
}

// TestGradeHeadingAlone: a grade or a kindergarten class heading a line of
// names (一年级：, 小一班：) is a class of children, and every name on the
// line is a pupil's.
func TestGradeHeadingAlone(t *testing.T) {
	for _, text := range []string{
		"关于2024年秋季学期资助名单的公示\n一年级：赵子轩（建档立卡户）、孙浩然（残疾儿童）\n",
		"小一班：王梓涵、李一诺\n",
	} {
		heading := false
		for _, f := range allEngine.Detect([]byte(text), nil) {
			v := text[f.Start:f.End]
			if f.Type == pi.School && (v == "一年级" || v == "小一班") {
				heading = true
			}
			if isPersonName(f.Type) && !f.HasCategory(pi.CatMinorU14) {
				t.Errorf("%q: %s is not marked under 14", text, v)
			}
		}
		if !heading {
			t.Errorf("%q: the heading is not a class", text)
		}
	}
}

// TestFormOfVisitedPerson: a form filled in for the person a grid worker
// visits (走访对象：独居老人韩德福) is that person's, a four-character label
// and a description before the name notwithstanding; what a line says
// before the relative it names (老人患有阿尔茨海默病，…其子韩志刚) is the
// person's, and so is the next sentence (老人领取低保).
func TestFormOfVisitedPerson(t *testing.T) {
	text := "网格员走访记录\n走访对象：独居老人韩德福（82岁），住幸福社区7号楼2单元101\n" +
		"走访情况：老人患有阿尔茨海默病，近期记忆力明显下降，其子韩志刚在深圳工作，每月回来一次。老人领取低保，月收入约680元。\n"
	subjectOf := map[string]string{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		subjectOf[text[f.Start:f.End]] = f.Attr(subject.AttrSubject)
	}
	old := subjectOf["韩德福"]
	if old == "" || subjectOf["韩志刚"] == old {
		t.Fatalf("韩德福 %q, 韩志刚 %q", old, subjectOf["韩志刚"])
	}
	for _, v := range []string{"阿尔茨海默病", "低保", "82岁"} {
		if subjectOf[v] != old {
			t.Errorf("%s: subject %q, want 韩德福's %q", v, subjectOf[v], old)
		}
	}
}

// TestEldersAndSuspects: the parent who writes a child's leave note (学生刘子墨
// 的家长刘强, 家长：刘强) is no child, while the child's fever stays a child's;
// a suspect's status written onto his name (犯罪嫌疑人马某某) is his.
func TestEldersAndSuspects(t *testing.T) {
	text := "我是初二（5）班学生刘子墨的家长刘强，孩子昨晚开始发烧，需要到县人民医院儿科就诊。\n家长：刘强\n" +
		"民警将犯罪嫌疑人马某某（男，15岁，某中学学生）当场抓获。"
	var suspect, ma string
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		switch {
		case v == "刘强" && (f.Attr(pi.AttrMinor) != "" || f.HasCategory(pi.CatMinorU14)):
			t.Errorf("the parent %s at %d is marked a minor", v, f.Start)
		case v == "刘子墨" && f.Attr(pi.AttrMinor) != "true", v == "发烧" && f.Attr(pi.AttrMinor) != "true":
			t.Errorf("%s is not a minor's", v)
		case v == "犯罪嫌疑人":
			suspect = f.Attr(subject.AttrSubject)
		case v == "马某某":
			ma = f.Attr(subject.AttrSubject)
		}
	}
	if suspect == "" || suspect != ma {
		t.Errorf("犯罪嫌疑人 is subject %q, 马某某 %q", suspect, ma)
	}
}

// TestClassScoreNotice: a class teacher's score notice signed with the
// class (——五年级三班班主任 赵老师) lists pupils: every name is a child's,
// the names with scores after them (刘欣然58) are found, and the teacher
// is no child.
func TestClassScoreNotice(t *testing.T) {
	text := "各位家长好，本次期中考试成绩已出，现公布如下（满分100）：\n语文：李梓萱98、王子睿95、陈浩宇60（不及格）\n" +
		"数学：王子睿100、李梓萱97、刘欣然58（不及格）\n请成绩不理想的同学家长于本周五下午到校面谈。——五年级三班班主任 赵老师\n"
	pupils := map[string]bool{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		if !isPersonName(f.Type) {
			continue
		}
		if v == "赵" {
			if f.Attr(pi.AttrMinor) != "" {
				t.Errorf("the teacher is a minor")
			}
			continue
		}
		pupils[v] = true
		if !f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%s at %d: not under 14", v, f.Start)
		}
	}
	for _, v := range []string{"李梓萱", "王子睿", "陈浩宇", "刘欣然"} {
		if !pupils[v] {
			t.Errorf("%s not found (%v)", v, pupils)
		}
	}
}

// TestEntryAlongWithParents: a child's bulletin entry that says she stayed
// with her parents (随父母居家隔离) goes on speaking of her: her test result
// is a child's.
func TestEntryAlongWithParents(t *testing.T) {
	text := "病例8：张某某，女，7岁，龙湖区实验小学二年级学生，系病例7之女。11月24日随父母居家隔离，11月25日核酸检测阳性。\n"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if v := text[f.Start:f.End]; (v == "核酸检测阳性" || v == "居家隔离") && !f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: not the child's (%v)", v, f.Attrs)
		}
	}
}

// TestActivityNotInAddress: in an itinerary's cell, what the case did at a
// place (购物) is not part of the place or of an address.
func TestActivityNotInAddress(t *testing.T) {
	text := "12月1日10时在犀浦镇红光菜市场购物；12月2日乘坐地铁2号线到春熙路上班"
	found := false
	for _, f := range allEngine.DetectLabeled([]byte(text), "活动轨迹", nil) {
		v := text[f.Start:f.End]
		if strings.Contains(v, "购物") && f.Type != pi.Trajectory {
			t.Errorf("%s %q holds the activity", f.Type, v)
		}
		found = found || v == "犀浦镇红光菜市场"
	}
	if !found {
		t.Error("犀浦镇红光菜市场 not found")
	}
}

// TestEnrolmentFormParents: a kindergarten's enrolment form lists the
// child's parents under 父亲姓名 and 母亲姓名: they and their employers and
// phones are no child's, while the child's seizure history is.
func TestEnrolmentFormParents(t *testing.T) {
	text := "阳光幼儿园新生入园登记表\n幼儿姓名：苏一航　性别：男　出生日期：2021年5月16日\n" +
		"父亲姓名：苏明　工作单位：四川省电力公司　联系电话：13908012345\n母亲姓名：林晓燕　工作单位：锦江区人民医院　联系电话：13908054321\n" +
		"健康状况：有热性惊厥史，对芒果过敏\n"
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		minor := f.Attr(pi.AttrMinor) == "true" || f.HasCategory(pi.CatMinorU14)
		switch v {
		case "苏明", "林晓燕", "四川省电力公司", "13908012345", "13908054321":
			if minor {
				t.Errorf("%s: a parent's, marked a minor's", v)
			}
		case "苏一航", "热性惊厥":
			if !f.HasCategory(pi.CatMinorU14) {
				t.Errorf("%s: not the child's", v)
			}
		}
	}
}

// TestClassChat: in a class's parents' chat (【二年级3班家长群】) the
// children named in the handles and the messages are the class's pupils,
// under 14; a wish before a child's given name (祝子轩早日康复) is no
// surname.
func TestClassChat(t *testing.T) {
	text := "【二年级3班家长群】\n班主任王老师：今天下午体育课上，李子轩同学摔倒导致右手骨折，已送往市中医院。\n" +
		"李子轩妈妈：谢谢王老师。\n张浩宇爸爸：祝子轩早日康复！\n"
	saw := map[string]bool{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		v := text[f.Start:f.End]
		saw[v] = true
		if (v == "李子轩" || v == "张浩宇" || v == "骨折") && !f.HasCategory(pi.CatMinorU14) {
			t.Errorf("%s: not under 14", v)
		}
	}
	if saw["祝子轩"] || !saw["子轩"] {
		t.Errorf("the wish: %v", saw)
	}
}

// TestChildStoryRelatives: a news story about a child without a guardian
// names his father and sister run into the words after them (父亲陶光明三年前,
// 妹妹陶小花相依为命) and calls him by his pet name in a quote (“小龙成绩…”):
// all are found, so minor-protection leaves no surname or name.
func TestChildStoryRelatives(t *testing.T) {
	text := "在新房子村，提起12岁的陶小龙，村民们都竖起大拇指。小龙的父亲陶光明三年前在广东东莞打工时因工伤去世，" +
		"他和患有风湿病的爷爷陶德才、8岁的妹妹陶小花相依为命。班主任杨红梅老师说：“小龙成绩一直排在全班前三。”"
	saw := map[string]int{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		if isPersonName(f.Type) {
			saw[text[f.Start:f.End]]++
		}
	}
	for _, v := range []string{"陶小龙", "陶光明", "陶德才", "陶小花", "杨红梅"} {
		if saw[v] == 0 {
			t.Errorf("%s not found (%v)", v, saw)
		}
	}
	if saw["小龙"] != 2 {
		t.Errorf("小龙 found %d times, want 2 (%v)", saw["小龙"], saw)
	}
}

// TestPastAge: an age at a past event (8岁时) does not make a person born
// in 1950 a child; with no other age it does (小红8岁时被拐卖).
func TestPastAge(t *testing.T) {
	for _, tt := range []struct {
		text, name string
		child      bool
	}{
		{"张某，1950年3月出生，8岁时在本村小学读书。", "张某", false},
		{"小红8岁时被拐卖，至今下落不明。", "8岁", true},
	} {
		for _, f := range allEngine.Detect([]byte(tt.text), nil) {
			if tt.text[f.Start:f.End] == tt.name && (f.Attr(pi.AttrMinor) == "true") != tt.child {
				t.Errorf("%s: %s a child's: %v, want %v", tt.text, tt.name, !tt.child, tt.child)
			}
		}
	}
}
