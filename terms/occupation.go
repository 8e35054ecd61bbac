package terms

import (
	"bytes"
	"sync"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Occupations are findings only where they say what a person does:
//
//   - after a label: 职业：司机, 职业为教师, 身份：学生 (0.95);
//   - after a predicate of being: 系铁路乘务员, 是一名医生, 担任保安, 从事快递员
//     工作; an employer may stand between (系某公司员工) (0.85, or 0.75 for
//     是/为/当 … which need a person context);
//   - as a field of a person record: 张某，男，45岁，铁路乘务员。 (0.85).
//
// Never in prose about a profession: 医生提醒广大市民, 教师节.

var occupationLabels = []string{"职业：", "职业:", "职业为", "职业是", "职业 ", "身份：", "身份:", "身份为", "身份是", "工作：", "工作:"}

// strongPredicates need no person context; weakPredicates do.
var (
	strongPredicates = []string{"系一名", "是一名", "为一名", "系", "身为", "担任", "从事", "现任", "曾任", "历任", "先后任", "先后担任",
		"兼任", "出任", "就任", "职业是", "做过", "当过", "现为", "生前系", "生前为"}
	weakPredicates = []string{"是", "任", "当", "做", "一名", "名"}
)

func (s *scan) occupation(h hit, e *entry) int {
	t := s.text
	q, _ := runeAt(t, h.end)
	score, cue := 0.0, ""
	switch {
	case isHan(q) && nameAt(t, h.end, s.sentEnd):
		// 教授黎友焕表示, 副总经理薛志勇表示: the position of the person named
		score, cue = 0.8, "name"
	case (isHan(q) && foreignNameEnd(t, h.end, s.sentEnd) > 0 || latinNameEnd(t, h.end, s.sentEnd) > 0) && h.end >= s.nameEnd:
		// 主裁判阿特金森, 画家塞尚、莫奈: the position of the foreigner named
		score, cue = 0.8, "name"
		s.occForeign = true
	case isHan(q) && !occupationNext[q]:
		return 0 // 学生会, 医生提醒, 教师节
	case suffixIn(t, h.start, occupationLabels) > 0:
		k := suffixIn(t, h.start, occupationLabels)
		score, cue = 0.95, string(t[h.start-k:h.start])
	case suffixIn(t, h.start, weakPredicates) > 0 && s.ctx.Person && suffixIn(t, h.start, strongPredicates) == 0:
		// 他是医生, 当过保安: right before the term.
		k := suffixIn(t, h.start, weakPredicates)
		score, cue = 0.75, string(t[h.start-k:h.start])
	default:
		// The term, or an employer then the term, after a predicate
		// (系铁路乘务员, 系某公司员工) or as a record field (，铁路乘务员，).
		fs, employer := s.fieldStart(h.start)
		fp, _ := runeBefore(t, fs)
		if k := suffixIn(t, fs, strongPredicates); k > 0 && !notPredicate(t, fs-k) {
			score, cue = 0.85, string(t[fs-k:fs])
		} else if (fs == h.start || employer) && (isFieldDelim(fp) || fp == -1) && isCloseDelim(q) && s.record {
			score, cue = 0.85, "record"
		} else if s.occEnd > 0 && s.occEnd <= h.start && listedAfter(t, s.occEnd, h.start) {
			// the next of a list of positions (历任车间技术员、工段长、设备
			// 副主任)
			score, cue = 0.85, "list"
		}
	}
	if score == 0 {
		return 0
	}
	// the rank and field written onto the position belong to it: 常务副院长,
	// 营销总监, 科幻作家
	start := h.start
	for k := 0; k < 3; k++ {
		n := positionModifiers.suffix(t, start, s.sentStart)
		if n == 0 {
			break
		}
		start -= n
	}
	s.occEnd = h.end
	f := pi.Finding{Type: pi.Occupation, Category: pi.CatEduWork, Start: start, End: h.end, Score: score,
		Evidence: pi.Evidence{Validator: e.list, Context: []string{e.term, cue}}}
	if e.band != "" {
		f.SetAttr("age_band", e.band) // 小学生: a minor
	}
	s.add(f)
	if s.occForeign {
		s.occForeign = false
		if end := s.foreignNames(h.end); end > 0 {
			return end
		}
	}
	return h.end
}

// isFieldDelim reports the delimiters that start a field of a record (not
// 、, which lists things in prose).
func isFieldDelim(r rune) bool {
	switch r {
	case '，', ',', '：', ':', '；', ';', '（', '(', '\t', '|':
		return true
	}
	return false
}

// occupationNext holds the characters that may follow an occupation
// inside a run: particles and verbs that start the next phrase.
var occupationNext = newRuneSet("的在于与和等，,。、；;）)工作")

// employerSuffixes end the name of an employer before an occupation
// (某公司员工, 永辉超市收银员, 市人民医院护士).
var employerSuffixes = newWordSet("公司", "单位", "医院", "学校", "小学", "中学", "大学", "学院", "幼儿园", "超市", "酒店", "宾馆",
	"集团", "企业", "工厂", "厂", "店", "局", "所", "站", "中心", "银行", "商场", "市场", "餐厅", "饭店", "部", "队", "社区",
	"村", "镇", "街道", "政府", "机关", "卫生院", "诊所", "门诊", "网吧", "车间", "工地", "物业", "快递", "外卖", "铁路",
	"列车", "航空", "客运", "出租车", "网约车", "货车", "公交", "环卫", "学生")

// fieldStart returns the start of the field that ends at i — back to a
// delimiter or a strong predicate, at most 12 runes — and whether the
// text between it and i is an employer (ends with 公司, 超市 …). It returns
// i when the run holds a verb or is longer.
func (s *scan) fieldStart(i int) (int, bool) {
	t := s.text
	j := i
	for n := 0; n < 12 && j > s.sentStart; n++ {
		if k := suffixIn(t, j, strongPredicates); k > 0 && !notPredicate(t, j-k) {
			return j, j < i && employerSuffixes.suffix(t, i, s.sentStart) > 0
		}
		r, size := runeBefore(t, j)
		if isDelim(r) {
			return j, j < i && s.employerBefore(i)
		}
		if isHan(r) && (nameStop[r] || givenStop[r]) && r != '于' && r != '某' {
			return i, false
		}
		j -= size
	}
	if j <= s.sentStart {
		return j, j < i && s.employerBefore(i)
	}
	return i, false
}

// employerBefore reports whether the text before i ends with an employer
// word.
func (s *scan) employerBefore(i int) bool {
	return employerSuffixes.suffix(s.text, i, s.sentStart) > 0
}

// notPredicate reports whether the 系 or 为 at i ends another word (联系,
// 关系, 体系, 化身为, 成为).
func notPredicate(t []byte, i int) bool {
	r, _ := runeAt(t, i)
	p, _ := runeBefore(t, i)
	switch r {
	case '系':
		return predicateNotBefore系[p]
	case '身':
		return p == '化' || p == '动' || p == '转' || p == '本'
	}
	return false
}

var predicateNotBefore系 = newRuneSet("联关体派维父母直旁星水语世谱院干学文中")

// listedAfter reports whether text[end:start] continues a list after an
// occupation: 、 then at most three items of up to eight Han characters each,
// apart by 、 (、设备副主任, 、工段长、厂长助理), no other punctuation.
func listedAfter(t []byte, end, start int) bool {
	gap := t[end:start]
	if !bytes.HasPrefix(gap, []byte("、")) {
		return false
	}
	items, n := 1, 0
	for _, r := range string(gap[len("、"):]) {
		switch {
		case r == '、':
			if n == 0 {
				return false
			}
			items, n = items+1, 0
		case isHan(r):
			n++
		default:
			return false
		}
		if n > 8 || items > 3 {
			return false
		}
	}
	return true
}

// positionModifiers are the ranks and fields that stand before a position
// or occupation and belong to it.
var positionModifiers = newWordSet("副", "常务", "名誉", "执行", "首席", "高级", "资深", "特约", "荣誉", "代理", "常务副",
	"营销", "销售", "设计", "公关", "技术", "财务", "项目", "市场", "运营", "行政", "人事", "研发", "产品", "创意", "艺术",
	"科幻", "科普", "著名", "知名", "首席执行", "主治", "实习", "特级", "一级", "二级", "三级", "注册", "助理")

// notGiven holds function characters that do not start or continue a given
// name after a position (院长高度评价 is no name either: 度评 is not followed
// by a name end).
var notGiven = newRuneSet("的了着过是在和与及等为说称表对向从到于把被将已也都又就还才再们")

// nameEnds holds what may follow a name written right after a position:
// a verb of saying, a form of address, a particle, a delimiter.
var nameEnds = newWordSet("表示", "说", "介绍", "认为", "指出", "称", "透露", "告诉", "先生", "女士", "的", "在", "曾", "也",
	"等", "和", "与", "就", "已", "则", "出席", "会见", "率", "带领", "发表", "接受", "主持", "致辞", "建议", "强调", "解释",
	"回应", "坦言", "对", "向", "同", "被", "是", "为", "将", "还", "都", "又", "却", "今天", "昨天", "日前", "近日")

// nameAt reports whether a Chinese name — a common surname and one or two
// characters that can be a given name — starts at i and is followed by a
// delimiter or one of nameEnds, within the sentence ending at end.
func nameAt(t []byte, i, end int) bool { return nameEndAt(t, i, end) > 0 }

// nameEndAt is nameAt returning the name's end, or -1.
func nameEndAt(t []byte, i, end int) int {
	if i >= end {
		return -1
	}
	n := surnameAt(t, i, end)
	if n == 0 {
		return -1
	}
	j := i + n
	for k := 0; k < 2; k++ {
		r, size := runeAt(t, j)
		if !isHan(r) || j+size > end || notGiven[r] {
			return -1
		}
		j += size
		next, _ := runeAt(t, j)
		if j >= end || !isHan(next) || nameEnds.prefix(t, j, end) > 0 {
			return j
		}
	}
	return -1
}

// surnameAt returns the length in bytes of the surname (compound first)
// at t[i:end], or 0.
func surnameAt(t []byte, i, end int) int {
	r1, n1 := runeAt(t, i)
	if !isHan(r1) || i+n1 > end {
		return 0
	}
	if r2, n2 := runeAt(t, i+n1); isHan(r2) && i+n1+n2 <= end {
		if _, ok := zh.Surname(string(t[i : i+n1+n2])); ok {
			return n1 + n2
		}
	}
	// a rare surname or one that is mostly a word (教师节前夕: 节) is no sign
	// of a name here
	if freq, ok := zh.Surname(string(t[i : i+n1])); ok && freq >= 100 && !functionSurnames[r1] {
		return n1
	}
	return 0
}

// occupationWords are the occupation and position terms of the lists, for
// PositionBefore.
var occupationWords = sync.OnceValue(func() wordSet {
	var words []string
	for _, es := range shared().entries {
		for _, e := range es {
			if e.role == roleOccupation {
				words = append(words, e.term)
			}
		}
	}
	return newWordSet(words...)
})

// PositionBefore returns the start of an occupation or position written
// right before byte i of text, with its rank and field (副总经理, 营销总监 in
// 营销总监邹墨远), or -1. Package detect calls it before the names the
// entity model finds: the term lists see a name only when its shape is
// plain (a common surname and one or two characters before a word like
// 表示), the model sees the others.
func PositionBefore(text []byte, i int) int {
	n := occupationWords().suffix(text, i, 0)
	if n == 0 {
		return -1
	}
	start := i - n
	for k := 0; k < 3; k++ {
		m := positionModifiers.suffix(text, start, 0)
		if m == 0 {
			break
		}
		start -= m
	}
	return start
}
