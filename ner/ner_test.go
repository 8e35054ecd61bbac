package ner

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/tagger"
)

func recognizer(t testing.TB) *Recognizer {
	t.Helper()
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFindNames(t *testing.T) {
	r := recognizer(t)
	tests := []struct {
		text string
		want []string // "type:text"
	}{
		{"据报道，王小明说今天下雨了。", []string{"person_name:王小明"}},
		{"病例3：李某某，女，45岁，现住郫都区。", []string{"masked_name:李某某"}},
		{"本报讯（通讯员刘建国）昨日，记者从市教育局获悉。", []string{"person_name:刘建国"}},
		{"今天天气很好。", nil},
	}
	for _, tt := range tests {
		var got []string
		text := []byte(tt.text)
		for _, f := range r.Find(text, nil) {
			if f.Type == pi.PersonName || f.Type == pi.MaskedName {
				got = append(got, string(f.Type)+":"+string(text[f.Start:f.End]))
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestFindOffsetsAcrossSentences(t *testing.T) {
	r := recognizer(t)
	text := []byte("第一句没有人名。\n据报道，王小明说今天下雨了。记者李华报道。")
	for _, f := range r.Find(text, nil) {
		if !utf8.Valid(text[f.Start:f.End]) || f.Start >= f.End {
			t.Errorf("bad span %d-%d", f.Start, f.End)
		}
		if f.Score <= 0 || f.Score >= 1 || f.Category == "" || f.Source != "ner" {
			t.Errorf("bad finding %+v", f)
		}
	}
}

func TestLexiconMarks(t *testing.T) {
	l := DefaultLexicon()
	text := []rune("王先生住在北京市朝阳区")
	marks := make([]uint32, len(text))
	l.Mark(text, marks)
	if marks[0]&markSurname == 0 || marks[1]&markTitle == 0 || marks[2]&markTitleEnd == 0 {
		t.Errorf("王先生 marks %v", marks[:3])
	}
	if marks[5]&markGazB == 0 || marks[7]&markGazE == 0 {
		t.Errorf("北京市 marks %v", marks[5:8])
	}
}

func FuzzFind(f *testing.F) {
	r := recognizer(f)
	f.Add("据报道，王小明说今天下雨了。")
	f.Add("\xff张\x00三。李")
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		prev := -1
		for _, fd := range r.Find(text, nil) {
			if fd.Start < 0 || fd.Start >= fd.End || fd.End > len(text) || fd.Start < prev {
				t.Fatalf("%q: span %d-%d", s, fd.Start, fd.End)
			}
			prev = fd.Start
			if utf8.Valid(text) && (!utf8.RuneStart(text[fd.Start]) || (fd.End < len(text) && !utf8.RuneStart(text[fd.End]))) {
				t.Fatalf("%q: span %d-%d splits a rune", s, fd.Start, fd.End)
			}
		}
	})
}

func TestTrimPunct(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"朱克】", "朱克"},
		{"【陈宝存】", "陈宝存"},
		{"（徐阳", "徐阳"},
		{"迈克·", "迈克"},
		{"“姚仙”", "姚仙"},
		{"协和医院（西院）", "协和医院（西院）"},
		{"协和医院）", "协和医院"},
		{"王小明", "王小明"},
		{"】", ""},
		{"张小雨\n", "张小雨"},
		{" 李四\t", "李四"},
	} {
		s, e := trimPunct([]byte(tt.in), 0, len(tt.in))
		if got := tt.in[s:e]; got != tt.want {
			t.Errorf("trimPunct(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCutOpenBracket(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"兰州大学第二医院血液科住院治疗（住院", "兰州大学第二医院血液科住院治疗"},
		{"西南医院（重庆）", "西南医院（重庆）"},
		{"协和(北京)医院", "协和(北京)医院"},
		{"某（", "某（"}, // fewer than two characters would remain
	} {
		if got := tt.in[:cutOpenBracket([]byte(tt.in), 0, len(tt.in))]; got != tt.want {
			t.Errorf("cutOpenBracket(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrimTrail(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"成都市郫都区通报", "成都市郫都区"},
		{"镇民政办联系", "镇民政办"},
		{"第二医院血液科住院治疗", "第二医院血液科"},
		{"市卫健委发布", "市卫健委"},
		{"警方称", "警方"},
		{"通报", "通报"}, // nothing would remain
		{"协和医院", "协和医院"},
	} {
		if got := tt.in[:trimTrail([]byte(tt.in), 0, len(tt.in))]; got != tt.want {
			t.Errorf("trimTrail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNameEnd: an adverb the model ran into a name's end goes; a name cut
// after its second character before a verb of saying takes the third; a
// name ending as given names do, and one followed by an adverb, stay.
func TestNameEnd(t *testing.T) {
	for _, tt := range []struct{ text, span, want string }{
		{"副署长孙寿山曾表示，", "孙寿山曾", "孙寿山"},
		{"收藏者潘凝却认为天价熊", "潘凝却", "潘凝"},
		{"排练时，姜文立马活脱脱变成", "姜文立", "姜文"},
		{"分析师赵旭枫向记者表示", "赵旭", "赵旭枫"},
		{"（记者廖颖谊通讯员余洋）", "廖颖", "廖颖谊"},
		{"李明也表示同意", "李明", "李明"},
		{"张志刚表示反对", "张志刚", "张志刚"},
		{"王芳同样认为", "王芳", "王芳"},
		{"妻子李恩惠亦为信徒", "李恩惠亦", "李恩惠"},
		{"孙寿山曾", "孙寿山曾", "孙寿山曾"}, // nothing after it: no verb it modifies
	} {
		start := strings.Index(tt.text, tt.span)
		if got := tt.text[start:nameEnd([]byte(tt.text), start, start+len(tt.span))]; got != tt.want {
			t.Errorf("%s: %q → %q, want %q", tt.text, tt.span, got, tt.want)
		}
	}
}

// TestLatinTail: a name in Latin letters takes the capitalized words after
// it; an acronym or a word in lower case does not.
func TestLatinTail(t *testing.T) {
	for _, tt := range []struct{ text, span, want string }{
		{"外教Emily Brown（英国籍）", "Emily", "Emily Brown"},
		{"Mary-Jane Watson说", "Mary", "Mary-Jane Watson"},
		{"Tom and Jerry", "Tom", "Tom"},
		{"John CEO of", "John", "John"},
		{"王明 Smith", "王明", "王明"},
	} {
		start := strings.Index(tt.text, tt.span)
		if got := tt.text[start:latinTail([]byte(tt.text), start, start+len(tt.span))]; got != tt.want {
			t.Errorf("%q in %q → %q, want %q", tt.span, tt.text, got, tt.want)
		}
	}
}

// TestNoVerbPlaces: a verb of being treated alone is no organization
// (住院日期：…).
func TestNoVerbPlaces(t *testing.T) {
	r := recognizer(t)
	for _, f := range r.Find([]byte("住院日期：2026年10月8日至10月20日　总费用：38,562.40元"), nil) {
		if f.Type != pi.PersonName {
			t.Errorf("%s %q", f.Type, "住院日期：2026年10月8日至10月20日　总费用：38,562.40元"[f.Start:f.End])
		}
	}
}

// TestFieldGapCutsSpans: no organization runs across a form's wide space
// (兰州大学　信息科学与工程学院).
func TestFieldGapCutsSpans(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"兰州大学　信息科学与工程学院", "兰州大学"},
		{"兰州大学\t计算机系", "兰州大学"},
		{"甲　兰州大学", "兰州大学"}, // one character before the gap: the part after it
		{"北京大学", "北京大学"},
	} {
		text := []byte(tt.text)
		if s, e := cutFieldGap(text, 0, len(text)); string(text[s:e]) != tt.want {
			t.Errorf("cutFieldGap(%q) = %q, want %q", tt.text, text[s:e], tt.want)
		}
	}
}

// TestNoPronounPlaces: a pronoun alone (到此购物) is no place.
func TestNoPronounPlaces(t *testing.T) {
	r := recognizer(t)
	text := "永辉超市：12月1日10时到此购物，随后到这里用餐。"
	for _, f := range r.Find([]byte(text), nil) {
		if v := text[f.Start:f.End]; f.Type != pi.PersonName && utf8.RuneCountInString(v) == 1 {
			t.Errorf("%s %q", f.Type, v)
		}
	}
}

// TestWholeWord: a span cut inside a common word at the end of a run of
// Han characters takes the character that completes it; one before a
// word of its own does not.
func TestWholeWord(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, span, want string }{
		{"西宁市第一人民医院儿科门诊\n", "西宁市第一人民医院儿科门", "西宁市第一人民医院儿科门诊"},
		{"银监会通知各行。", "银监会", "银监会"},
		{"协和医院", "协和医院", "协和医院"},
	} {
		start := strings.Index(tt.text, tt.span)
		if got := tt.text[start:r.wholeWord([]byte(tt.text), start, start+len(tt.span))]; got != tt.want {
			t.Errorf("%q in %q: %q, want %q", tt.span, tt.text, got, tt.want)
		}
	}
}

// TestWorshipEnd: a place of worship's word after the name the model
// found belongs to the place.
func TestWorshipEnd(t *testing.T) {
	for _, tt := range []struct{ text, span, want string }{
		{"每周日在城东教会参加礼拜", "城东", "城东教会"},
		{"到普济寺礼佛", "普济", "普济寺"},
		{"同心县清真大寺教长", "同心县", "同心县清真大寺"},
		{"到城东超市购物", "城东", "城东"},
	} {
		start := strings.Index(tt.text, tt.span)
		if got := tt.text[start:worshipEnd([]byte(tt.text), start+len(tt.span))]; got != tt.want {
			t.Errorf("%q in %q: %q, want %q", tt.span, tt.text, got, tt.want)
		}
	}
}

func TestTrimLead(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"为天府广场", "天府广场"},
		{"转威海市胸科医院", "威海市胸科医院"},
		{"该定点医院", "定点医院"},
		{"赴武汉", "武汉"},
		{"于洪区", "于洪区"},
		{"到家", "到家"}, // one character would remain
		{"协和医院", "协和医院"},
		{"联系学校德育处", "学校德育处"},
		{"请联系学校资助办", "学校资助办"}, // two lead words
		{"请假", "请假"},
		{"前往市一医院", "市一医院"},
	} {
		if got := tt.in[trimLead([]byte(tt.in), 0, len(tt.in)):]; got != tt.want {
			t.Errorf("trimLead(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// 过 after a verb of going is the verb's, not the place's
	for _, tt := range []struct{ text, span, want string }{
		{"到过永辉超市", "过永辉超市", "永辉超市"},
		{"去过黄鹤楼", "过黄鹤楼", "黄鹤楼"},
		{"经过街天桥", "过街天桥", "过街天桥"},
		{"新建过街天桥", "过街天桥", "过街天桥"},
	} {
		start := strings.Index(tt.text, tt.span)
		if got := tt.text[trimLead([]byte(tt.text), start, len(tt.text)):]; got != tt.want {
			t.Errorf("trimLead(%q in %q) = %q, want %q", tt.span, tt.text, got, tt.want)
		}
	}
}

// TestNoEthnicNames: an ethnic group or a number is never a person's name,
// whatever the model says.
func TestNoEthnicNames(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"汉族", "民族：土家族", "张三，男，回族", "患者十五，男，80岁", "病例二十三，女"} {
		for _, f := range r.Find([]byte(text), nil) {
			if v := text[f.Start:f.End]; f.Type == pi.PersonName && (strings.HasSuffix(v, "族") || numerals([]byte(v))) {
				t.Errorf("%q: person_name %q", text, text[f.Start:f.End])
			}
		}
	}
}

// TestUntangle: a place or organization span holding 是 or crossing a
// person's name is cut back; one-character places stay.
func TestUntangle(t *testing.T) {
	r := recognizer(t)
	head := func(typ pi.Type) int {
		for h, x := range r.types {
			if x == typ {
				return h
			}
		}
		t.Fatalf("no head for %s", typ)
		return -1
	}
	person, place := head(pi.PersonName), head(pi.Place)
	text := []rune("李明明是镇中心小学学生，王芳芳华联超市，回温")
	spans := []tagger.Span{
		{Head: person, Start: 0, End: 3},   // 李明明
		{Head: place, Start: 2, End: 7},    // 明是镇中心 → 镇中心
		{Head: person, Start: 12, End: 15}, // 王芳芳
		{Head: place, Start: 14, End: 19},  // 芳华联超市 → 华联超市
		{Head: place, Start: 21, End: 22},  // 温 stays
		{Head: place, Start: 1, End: 4},    // 明明是 → dropped
	}
	r.untangle(text, spans)
	var got []string
	for _, sp := range spans {
		got = append(got, string(text[sp.Start:sp.End]))
	}
	want := []string{"李明明", "镇中心", "王芳芳", "华联超市", "温", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	ill := []rune("否认乙肝、结核等传染病史")
	sp := []tagger.Span{{Head: place, Start: 7, End: 12}} // 等传染病史
	r.untangle(ill, sp)
	if sp[0].Start != sp[0].End {
		t.Errorf("place %q kept", string(ill[sp[0].Start:sp[0].End]))
	}
	// end to end: the name is found, not the place across it
	var names []string
	in := []byte("今年12岁的李明明是镇中心小学五年级学生。")
	for _, f := range r.Find(in, nil) {
		names = append(names, string(f.Type)+":"+string(in[f.Start:f.End]))
	}
	if !strings.Contains(strings.Join(names, ","), "person_name:李明明") || strings.Contains(strings.Join(names, ","), "明是") {
		t.Errorf("Find: %v", names)
	}
}

func TestHandleName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"邓玉龙-ko", "邓玉龙"},
		{"JIA_泰勒", "泰勒"},
		{"曾丶四", ""},
		{"Min-LiangTan", "Min-LiangTan"},
		{"王小明", "王小明"},
		{"小胖_nancy_王大锤", "王大锤"},
	} {
		s, e := handleName([]byte(tt.in), 0, len(tt.in))
		if got := tt.in[s:e]; got != tt.want {
			t.Errorf("handleName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFindNoLineBreak: a name at the end of a line does not take the line
// break (the model tagged 张小雨\n as one name).
func TestFindNoLineBreak(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"张小雨\n", "一年级（1）班张小雨\n李浩然\n"} {
		for _, f := range r.Find([]byte(text), nil) {
			if v := text[f.Start:f.End]; strings.TrimSpace(v) != v {
				t.Errorf("%q: finding %q", text, v)
			}
		}
	}
}
