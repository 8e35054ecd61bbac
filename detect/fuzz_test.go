package detect

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// fuzzSeeds are inputs near the edges of the scanner: identifiers at the
// very start and end of the text, glued to Chinese characters, cut
// multi-byte runes, joiners at the ends of segments, grouped numbers that
// run out, and every recognizer's shape.
var fuzzSeeds = []string{
	"",
	"电话：１３８１２３４５６７８，身份证１１０１０５１９４９１２３１００２Ｘ\xef\xbc",
	"1",
	"+",
	"+86",
	"+852 9123 4567；00853 6612 3456；+886-2-2345-6789；手機0912-345-678",
	"身份证号码：410105********1234；138****5678；6222 **** **** 0128；4101**********123X；*** ** *",
	"(+86)",
	"（+86）1",
	"13812345678",
	"+8613812345678",
	"0086-13812345678",
	"138 1234 5678",
	"138-1234-5678",
	"138 1234 567",
	"6222 0212 3456 7890 128",
	"6222 0212 3456 7890 12 ",
	"110105 19491231 002X",
	"110105 19491231 002x1",
	"11010519491231002X",
	"11010519491231002x123",
	"110105491231002",
	"(0755)12345678",
	"（0755）62345678",
	"0755-12345678-801",
	"010-",
	"-010-62345678-",
	"2020-01-02T10:00:00Z",
	"2020-01-02T",
	"2020年1月2日晚19：00",
	"2020年",
	"12月",
	"31日",
	"9时30",
	"1.2.3.4:",
	"1.2.3.4:80",
	"255.255.255.256",
	"240e:3a1:4c:2b::1",
	"::",
	"00:1A:2B:3C:4D:5E",
	"00-1A-2B-3C-4D-",
	"39.916527,116.397128",
	"39.916527°N, 116.397128°E",
	"-.5,1.",
	"纬度39.9165",
	"zhang.wei@163.com",
	"@@@.com",
	"a@b.",
	"https://weibo.com/u/12345678?tel=13812345678",
	"http://",
	"www.a.b",
	"京A·2B345",
	"京A·",
	"京",
	"粤BD12345",
	"京A1234警",
	"A123456(3)",
	"A123456（",
	"A123456789",
	"E12345678",
	"EA1234567",
	"91350100M000100Y43",
	"1M8GDM9AXKP042788",
	"G1234次列车8车12F",
	"CA1234航班15排C座",
	"7号车厢50座",
	"QQ12345",
	"微信zhangwei_1988",
	"IMEI 351234567890124",
	"中",
	"\xe4\xb8",
	"\xff\xfe\xfd",
	"1\xe5",
	"身份证号\xe4110105199001011232",
	"。。。！？\n\n",
	strings.Repeat("1", 200),
	strings.Repeat("1 ", 40),
	strings.Repeat("12-", 30),
	strings.Repeat("中", 30) + "13812345678",
}

// FuzzDetect feeds arbitrary bytes to the engine: it must not panic, and
// every result must satisfy checkInvariants.
func FuzzDetect(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	e := testEngine(f, Config{})
	f.Fuzz(func(t *testing.T, text []byte) {
		checkInvariants(t, text, e.Detect(text, nil))
	})
}

// FuzzDetectChinese starts from bulletin and register sentences with
// identifiers in them, so the mutations stay close to real text. Beyond the
// invariants, the result must not depend on the call (the pooled scanner
// must not carry state over) nor on the buffer's capacity.
func FuzzDetectChinese(f *testing.F) {
	for _, s := range bulletinSentences {
		f.Add(s, "")
	}
	f.Add("11010519491231002X", "身份证号")
	f.Add("12345678", "QQ")
	f.Add("39.916527", "纬度")
	f.Add("13812345678", "订单号")
	f.Add("武汉、孝感→温州市鹿城区五马街道解放街123号", "14天内旅居史")
	f.Add("陳大文，男，45歲，住九龍旺角彌敦道123號5樓B室", "住址")
	e := testEngine(f, Config{})
	f.Fuzz(func(t *testing.T, text, label string) {
		b := []byte(text)
		first := e.DetectLabeled(b, label, nil)
		checkInvariants(t, b, first)
		second := e.DetectLabeled(b, label, make([]pi.Finding, 1, 8))[1:]
		if !sameFindings(first, second) {
			t.Fatalf("two runs differ on %q:\n%s---\n%s", text, dump(b, first), dump(b, second))
		}
	})
}

// FuzzDetectAll runs the whole engine — tagger, term lists, addresses,
// subjects, trajectories, onsets — over mutated bulletin and news text: no
// panic, the invariants, and the same result twice.
func FuzzDetectAll(f *testing.F) {
	for _, s := range bulletinSentences {
		f.Add(s)
	}
	for _, s := range []string{
		"病例5：李某某，男，45岁。1月20日到超市购物。\n留守儿童王小军，今年8岁，家住阳光村。\n请广大市民注意防护。",
		"今年9岁的小刚在村小学读书。小刚患有先天性心脏病。10岁的李明说，小刚是低保户。",
		"2月2日-4日，患者因自感不适，无明显诱因出现发热。到达成都市锦江区春熙路某美甲店。",
		"社科院教授黎友焕表示，留守儿童小明（化名）到北京", "小",
		"序号 姓名 电话 来自 体温\n1 林小燕 13812345678 武汉、孝感 37.6\n2 王大明 13912345678 东风村 36.5\n",
		"陳大文，男，45歲，住九龍旺角彌敦道123號5樓B室，聯絡電話：9123 4567，澳門電話6612 3456。", "现住址：澳门氹仔柯维纳马路251号，澳门澳门新口岸宋玉生广场258号，澳门身份证 1234567(8) 5/123456/7/", "小刚小刚小刚", "月月月", "-\n\n病例1：",
		"序号 姓名 性别 出生年月 所在村 类别\n1 王小军 男 2012.05 青山村 孤儿\n2 李梦琪 女 200908 石桥村 留守儿童\n",
		"[2024-05-10 20:13] 班主任-李老师：明天三年级（2）班春游。\n[20:15] 张子涵妈妈：李老师，子涵发烧。\n[",
		"患儿现由外婆抚养，系留守儿童。其子为孤儿。出生年月：2012-1",
		// long, multi-line bulletins: findings nest, cross sentence ends
		// and lines, entries follow each other
		"第四例：男，38岁，武汉市人。\n患者李某某，女性，37岁，菏泽市单县人。1月23日回湖北省随州市其婆家。    患者李某某，男性，23岁，巨野人。\n" +
			"病例1：张某某，男，42岁，住址为朝阳区某小区。其女儿张某甲，7岁，就读于朝阳区某小学一年级。\n11月20日，张某某乘坐G123次列车（5车8F）从武汉返京；" +
			"11月21日9时至12时在朝阳区某快递站工作，13时到某餐馆就餐。\n新增确诊病例乌海市海勃湾区朱某，女，52岁。1月17日22:35乘坐国航CA8296航班。\n" +
			"活动轨迹：\n12月1日 10:00-11:30 青羊区永辉超市（草市街店）\n12月1日 15:20 乘坐28路公交车\n请广大市民注意个人防护。",
		"阳光幼儿园晨检记录\n小一班：\n晨检异常：林可欣，手部有疱疹，已通知家长陈女士接回。\n晨检老师：黄丽\n",
		"户主姓名　身份证号　一卡通账号\n王德明　510281196503127516　6217993300012345678\n", "：：林可欣", "父亲马占福于", "法定代表人为",
		"奶奶患有糖尿病。", "家有残疾儿童", "去她微博@琪琪不是七七 下面", "微博@", "住址：青秀区凤岭北路8号　学区内", "姓  名：张  三　　性  别：男", "1　王　芳　女　45", "张 王 李 赵 钱", wrapped,
		// stop 18's rules: lists of names, divisions opening a name, journeys
		"一年级：赵子轩（建档立卡户）、钱梦瑶（低保户）、孙浩然三人", "、（）、", "海南省文昌市昌洒镇小学教师林洪榜", "原龙岗区坂田街道执法队",
		"从湖北省十堰市返回驿城区段庄新村", "born 12 March 1988", "语文：李梓萱98、王子睿95", "总分为612.5分", "全班第", "语文1", "期末考试不及格", "March 5, 2015.", "DOB 05-Mar-2016", "aged 9", "7-year-old", "Age: 1", "12 Ma", "Mar. 1", "记者来到贵州省毕节市七星关区阿市乡中心小学", "走访对象：独居老人韩德福（82岁）", "儿子黄可乐在读", "一二三四五六七八九十一二三\n一二三四五六七八九十一二三\n一二三四五六七八九十一二三\n四",
	} {
		f.Add(s)
	}
	e, err := New(Config{RefDate: refDate})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b := []byte(text)
		first := e.Detect(b, nil)
		checkInvariants(t, b, first)
		if second := e.Detect(b, nil); !sameFindings(first, second) {
			t.Fatalf("two runs differ on %q:\n%s---\n%s", text, dump(b, first), dump(b, second))
		}
	})
}

// FuzzDetectLabeled runs the engine on a fragment with its label (a
// column name or a JSON key): no panic, the invariants hold, and two runs
// agree.
func FuzzDetectLabeled(f *testing.F) {
	for _, c := range [][2]string{
		{"faceImageUrl", "https://cdn.example.com/face/8f3a.jpg"}, {"照片", "无"}, {"年龄", "8月"}, {"年龄", "20天"},
		{"年龄", "月"}, {"实发工资", "19,830.40元"}, {"工资卡号", "6222021001112345671"}, {"户籍所在地", "青秀区凤岭北路8号"},
		{"parentName", "郭强"}, {"姓名", "张国栋"}, {"", ""}, {"avatar", "\xff\xfe"},
	} {
		f.Add(c[0], c[1])
	}
	e, err := New(Config{RefDate: refDate})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, label, text string) {
		b := []byte(text)
		first := e.DetectLabeled(b, label, nil)
		checkInvariants(t, b, first)
		if second := e.DetectLabeled(b, label, nil); !sameFindings(first, second) {
			t.Fatalf("two runs differ on %q under %q:\n%s---\n%s", text, label, dump(b, first), dump(b, second))
		}
	})
}

// FuzzKeywords checks the automaton against a naive search: every
// occurrence of every word, overlapping ones included, with ASCII letters
// matched case-insensitively.
func FuzzKeywords(f *testing.F) {
	f.Add("he\nshe\nhis\nhers", []byte("ushers"))
	f.Add("QQ\nqq号\n微信\n微信号", []byte("加微信号或QQ号12345"))
	f.Add("a\naa\naaa", []byte("AAAAa"))
	f.Add("身份证\n证件\n身份证号码", []byte("公民身份证号码证件号"))
	f.Add("\xe4\xb8\n\xad", []byte("中文\xe4\xb8"))
	f.Add("ip\nship\nIP地址", []byte("Ship IP地址"))
	f.Fuzz(func(t *testing.T, list string, text []byte) {
		words := strings.Split(list, "\n")
		if len(words) > 64 {
			words = words[:64]
		}
		payload := make([]uint64, len(words))
		for i := range payload {
			payload[i] = 1 << uint(i)
		}
		k, err := newKeywords(words, payload)
		if err != nil {
			t.Skip(err)
		}
		got := k.find(text, nil)
		want := naiveFind(k, text)
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("words %q in %q:\n got %v\nwant %v", words, text, got, want)
		}
		// payloads merge the words that fold alike
		for i, w := range k.words {
			var p uint64
			for j, in := range words {
				if in != "" && foldASCII(in) == w {
					p |= payload[j]
				}
			}
			if k.payload[i] != p {
				t.Fatalf("word %q: payload %b, want %b", w, k.payload[i], p)
			}
		}
	})
}

// FuzzParseRules: no input may panic the rules compiler; errors are
// RuleErrors with a line; compiled rules run without breaking the
// invariants.
func FuzzParseRules(f *testing.F) {
	f.Add([]byte(validRules))
	f.Add([]byte("version: 1\nrecognizers:\n  - id: x\n    category: PI\n    pattern: '['\n"))
	f.Add([]byte("recognizers: [{id: a, category: PI, words: [张三]}]\nallow: [{pattern: '^1'}, '2']\ndeny: [{value: 李四}]\n"))
	f.Add([]byte("recognizers:\n  - id: e\n    category: PI\n    pattern: ''\n"))
	f.Add([]byte("recognizers:\n  - id: e\n    category: PI\n    pattern: 'a*'\n    context: [b]\n    context_required: true\n"))
	f.Add([]byte(":\n\t- ["))
	f.Add([]byte("recognizers: 3"))
	f.Add([]byte("recognizers:\n  - 3\n  - [a]\nallow:\n  - [a]\ndeny:\n  - a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRules("fuzz.yaml", data)
		if err != nil {
			for _, e := range flatten(err) {
				var re *RuleError
				if !errors.As(e, &re) {
					t.Fatalf("error %v (%T) is not a *RuleError", e, e)
				}
				if re.Line < 1 {
					t.Fatalf("error %v has line %d", e, re.Line)
				}
			}
			return
		}
		e := testEngine(t, Config{Rules: r})
		for _, s := range []string{"", "工号 EMP-123456，张三丰", bulletinSentences[0], "13800138000 400123456"} {
			checkInvariants(t, []byte(s), e.Detect([]byte(s), nil))
		}
	})
}

// sameFindings compares two results, nil and empty alike.
func sameFindings(a, b []pi.Finding) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

// flatten unwraps errors.Join trees into their leaves.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func foldASCII(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = foldByte(b[i])
	}
	return string(b)
}

func naiveFind(k *keywords, text []byte) []keywordHit {
	folded := foldASCII(string(text))
	var out []keywordHit
	for wi, w := range k.words {
		for i := 0; i+len(w) <= len(folded); i++ {
			j := strings.Index(folded[i:], w)
			if j < 0 {
				break
			}
			i += j
			out = append(out, keywordHit{Word: wi, Start: i, End: i + len(w)})
		}
	}
	return out
}

func sortHits(h []keywordHit) {
	slices.SortFunc(h, func(a, b keywordHit) int {
		if a.End != b.End {
			return a.End - b.End
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.Word - b.Word
	})
}
