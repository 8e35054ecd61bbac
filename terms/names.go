package terms

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Masked names: a surname followed by a mask (张某, 李某某, 孙某甲, 赵某荣, 王*,
// 王**, 周xx, 李XX, 刘×, 陈○○). 某 alone, or after a word that is not a
// surname (患者某某), is not a name; neither is 某 as a determiner (某些, 某地,
// 某小区, 某公司): a surname followed by such a 某 is a preposition or verb
// before a vague noun (向某公司, 于某日).

// mouDeterminer holds the characters that make 某 a determiner: 某些, 某种,
// 某地, 某市, 某村, 某日 …; mouWeak the first characters of place and
// organization words (某小区, 某公司, 某医院, 某超市 …), which may also be the
// given name of a masked name when the name ends there (孔某平，女).
var (
	mouDeterminer = newRuneSet("些种个位处项次类方样件事物点段条只名日天年月时刻周期夜晚早" +
		"地市区县州省国镇乡村屯街路巷道弄号栋幢楼层室院校园馆场站店厂局所部科队组团社司网台厅户境外内寺庙")
	mouWeak = newRuneSet("小中大公医超银酒宾商品平集协学幼饭餐药诊卫景农菜高初车火汽电健娱工企机旅招养敬福派法检政单会")
)

// functionSurnames are surnames that are far more often function words or
// verbs: they count before 某 only at the start of a clause, after a noun
// for a person or an occupation word (于某某，男, 嫌疑人于某 and 教练于某 are
// names; 投资于某两家, 向某人 are not).
var functionSurnames = newRuneSet("于行和向将是从由及有自把如经凡其本那上中里后第名位年月日时区镇路国家同连代令全主好贵多学师生都还才正无要会能可东西南北长百千万公司院初来问见送接随门户信车")

// givenStop holds characters that are not the given-name character after
// 某 (王某说 is 王某 + 说).
var givenStop = newRuneSet("说称因在于从到和与的等是为被将把已也都又还曾即就才再向对系乘坐前后自至所之及或并而但且则让给跟同经由以去来回出入进上下了着过有无不没亲驾骑打买购吃住居家一二三四五六七八九十两几多某" +
	"调原属听想看见知觉认承表告问答要能会可该应需欲拟便仍常总先刚正均亦共各随趁替帮陪携带拿用通据按照依凭靠沿顺朝往冲" +
	"发患确感染诊治医病死亡逃犯涉嫌遭受获得作做任当开关交取送收借欠骗偷抢杀伤打骂留离返")

// givenBoundary holds the characters that may follow a masked name with a
// given-name character (赵某荣，; 张某芳的).
var givenBoundary = newRuneSet("的在于与和等系是为说称乘到因家及同曾已将被把向对从由自经也都又还就便则却所之今现目近昨")

// surnameBefore returns the start of the surname that ends at i (compound
// surnames first), or -1. floor is the start of the sentence.
func surnameBefore(t []byte, i, floor int) (start int, surname string) {
	r1, n1 := runeBefore(t, i)
	if !isHan(r1) || i-n1 < floor {
		return -1, ""
	}
	if r2, n2 := runeBefore(t, i-n1); isHan(r2) && i-n1-n2 >= floor {
		if _, ok := zh.Surname(string(t[i-n1-n2 : i])); ok {
			return i - n1 - n2, string(t[i-n1-n2 : i])
		}
	}
	if _, ok := zh.Surname(string(t[i-n1 : i])); ok {
		return i - n1, string(t[i-n1 : i])
	}
	return -1, ""
}

// masked reads a masked name whose first mask character is the hit.
func (s *scan) masked(h hit) {
	t := s.text
	if h.start < s.nameEnd {
		return // the second 某 of 李某某
	}
	ss, surname := surnameBefore(t, h.start, s.sentStart)
	if ss < 0 {
		ss, surname = latinInitial(t, h)
	}
	if ss < 0 {
		return
	}
	if r, _ := runeBefore(t, h.start); len(surname) == len(string(r)) && functionSurnames[r] {
		if p, _ := runeBefore(t, ss); isHan(p) && !titlePrev[p] && s.occWordEnd != ss {
			return // 投资于某两家基金, 向某人; not 嫌疑人于某, 教练于某
		}
	}
	if r, _ := runeBefore(t, h.start); len(surname) == len(string(r)) && strings.ContainsRune(unitSurnames, r) {
		if p, _ := runeBefore(t, ss); isDigit(p) || isNumeralRune(p) || p == '号' {
			return // 红星路二段某KTV, 3号楼某房间: a road's section, a building
		}
	}
	prevHan := false
	if p, _ := runeBefore(t, ss); isHan(p) && !titlePrev[p] {
		prevHan = true
		if placeBefore(t, ss+len(surname), s.sentStart) {
			return // 江苏某律师事务所, 佛山某保险公司
		}
	}
	mask := string(t[h.start:h.end])
	end := h.end
	count := 1
	same := func(i int) int {
		r, n := runeAt(t, i)
		switch mask {
		case "x", "X":
			if r == 'x' || r == 'X' {
				return n
			}
		case "ｘ", "Ｘ":
			if r == 'ｘ' || r == 'Ｘ' {
				return n
			}
		case "*", "＊":
			if r == '*' || r == '＊' {
				return n
			}
		default:
			if hasPrefixAt(t, i, mask) {
				return len(mask)
			}
		}
		return 0
	}
	for count < 3 {
		n := same(end)
		if n == 0 {
			break
		}
		end += n
		count++
	}
	r, n := runeAt(t, end)
	score := 0.9
	switch mask {
	case "x", "X", "ｘ", "Ｘ":
		// 周xx, 李XX; not 胸部X光, XX市 after a preposition, 进行X-51A.
		if prevHan || r == '-' || r == '－' || isASCIIAlnum(r) || mouDeterminer[r] || mouWeak[r] && func() bool { b, _ := runeAt(t, end+n); return isHan(b) }() || r == '光' || r == '线' || r == '射' || r == '型' {
			return
		}
		score = 0.85
	case "某":
		if count == 1 {
			if mouDeterminer[r] || orgAhead(t, end, s.sentEnd) {
				return
			}
			b, _ := runeAt(t, end+n)
			switch {
			case r == '甲' || r == '乙' || r == '丙' || r == '丁':
				end += n
			case mouWeak[r]:
				if isHan(b) && !givenBoundary[b] {
					return // 某小区, 某公司
				}
				end += n // 孔某平，; 余某平的
			case isHan(r) && !givenStop[r]:
				if !isHan(b) || givenBoundary[b] {
					end += n // 赵某荣
				}
			}
		} else if r == '甲' || r == '乙' || r == '丙' || r == '丁' {
			end += n
		} else if b, _ := runeAt(t, end+n); strings.ContainsRune("县市区镇乡村省州", r) && !strings.ContainsRune("长委民级", b) {
			return // 公诉机关某某县人民检察院: a masked county, not a Mr Guan; but 李某某县长
		}
	default: // * ＊ × ○
		if (mouDeterminer[r] || mouWeak[r]) && count == 1 && mask == "×" {
			return
		}
		if isDigit(r) {
			return // 王*3 is not a name mask
		}
		if isHan(r) && !givenStop[r] && !mouDeterminer[r] && !mouWeak[r] {
			if b, _ := runeAt(t, end+n); !isHan(b) || givenBoundary[b] {
				end += n // 王*明
			}
		}
		score = 0.85
	}
	f := pi.Finding{Type: pi.MaskedName, Category: pi.CatName, Start: ss, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "rule:masked-name", Context: []string{mask}},
		Attrs:    []pi.Attr{{Key: "surname", Value: surname}}}
	s.add(f)
	s.nameEnd = end
	s.setCtx("masked name")
}

// latinInitial reads the surname of a name masked after its Latin initial
// (L某，35岁; 患者W某某): a capital letter right before 某 that ends no
// word of letters or digits (APP某功能 is not a name). It returns -1 when
// there is none.
func latinInitial(t []byte, h hit) (int, string) {
	if string(t[h.start:h.end]) != "某" {
		return -1, ""
	}
	r, n := runeBefore(t, h.start)
	if r < 'A' || r > 'Z' {
		return -1, ""
	}
	if p, _ := runeBefore(t, h.start-n); isASCIIAlnum(p) {
		return -1, ""
	}
	return h.start - n, string(r)
}

// titlePrev holds the characters that may come right before the surname of
// 王先生 inside a run of Chinese characters: function words (找王老师, 和李女士)
// and the last characters of role nouns (市民王先生, 患者李女士, 车主张先生,
// 班主任周老师) and conjunctions opening a clause (但李先生).
// Any other character makes the surname more likely the end of a word
// (语文老师, 基金经理, 公司老板).
var titlePrev = newRuneSet("的是在和与跟找向对给被让请问叫把将由据经及等为有说告称当带陪随同见看听即系了着过" +
	"民者主友客工人长属员妈爸子女儿叔姨哥姐弟妹婆爷奶亲伴邻户士位名任但而却且")

// titleNotSurname are surnames that before a title are far more often
// the end of another word (实习记者, 班主任, 被封记者).
var titleNotSurname = newRuneSet("习班封区")

// title reads a surname before a form of address: 王先生, 欧阳女士.
func (s *scan) title(h hit, e *entry) {
	t := s.text
	if h.start < s.nameEnd {
		return
	}
	ss, surname := surnameBefore(t, h.start, s.sentStart)
	if ss < 0 {
		ss, surname = latinInitial(t, h)
	}
	if ss < 0 {
		return
	}
	freq, _ := zh.Surname(surname)
	if len(surname) <= 3 {
		if r, _ := runeBefore(t, h.start); freq < 100 || functionSurnames[r] || titleNotSurname[r] {
			return
		}
		if p, _ := runeBefore(t, ss); isHan(p) && !titlePrev[p] || hasSuffixAt(t, h.start, "主任") || hasSuffixAt(t, h.start, "主管") {
			return // 语文老师; 主任委员, 主管经理
		}
	}
	// 王先生们, 李老师傅 …: the title must end the word.
	if r, _ := runeAt(t, h.end); r == '们' {
		return
	}
	score := 0.8
	if freq < 1000 {
		score = 0.7
	}
	// The finding is the surname; the form of address is an attribute, as
	// the annotated corpora mark 王 in 王先生 (the title names no one).
	f := pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: ss, End: h.start, Score: score,
		Evidence: pi.Evidence{Validator: "rule:surname-title", Context: []string{e.term}},
		Attrs:    []pi.Attr{{Key: "surname", Value: surname}, {Key: "title", Value: e.term}}}
	s.add(f)
	s.nameEnd = h.end
	s.setCtx("surname and title")
}

// familiarNext holds what may follow 老王 or 小李 when they name a person:
// a verb of saying, a particle, a delimiter.
var familiarNext = newRuneSet("说的讲告表称笑是在和与也还就便却对把被给刚正家曾已又都，,。、？！?!：:；;“”\"」）) \n")

// familiar reads 老王, 小李 used as a name: only before a word that shows
// a person (老王说, 小李的) and not inside a longer word.
func (s *scan) familiar(h hit, e *entry) {
	t := s.text
	if h.start < s.nameEnd {
		return
	}
	if r, _ := runeAt(t, h.end); r != -1 && !familiarNext[r] {
		return
	}
	if p, _ := runeBefore(t, h.start); isHan(p) && !titlePrev[p] && !senderAt(t, h.start, h.end) {
		return
	}
	_, n := runeAt(t, h.start)
	f := pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: h.start, End: h.end, Score: 0.6,
		Evidence: pi.Evidence{Validator: "rule:familiar-name", Context: []string{e.term}},
		Attrs:    []pi.Attr{{Key: "surname", Value: string(t[h.start+n : h.end])}, {Key: "title", Value: e.label}}}
	s.add(f)
	s.nameEnd = h.end
	s.setCtx("familiar name")
}

// senderAt reports whether [start, end) ends a chat line's sender, what
// comes before a colon near the line's start (12栋老张：, [08:15] 3楼小王：).
func senderAt(t []byte, start, end int) bool {
	if r, _ := runeAt(t, end); r != '：' && r != ':' {
		return false
	}
	ls := bytes.LastIndexByte(t[:start], '\n') + 1
	return start-ls <= 40 && !bytes.ContainsAny(t[ls:start], "，。；,;：")
}

// columnNames are column names of registers, for telling a header row
// from a form.
var columnNames = []string{"姓名", "性别", "年龄", "身份证", "证件", "联系电话", "电话", "手机", "住址", "地址", "体温", "民族", "职业",
	"单位", "序号", "日期", "时间", "事由", "备注", "籍贯", "学校", "班级", "出生", "过敏", "既往", "病史", "诊断", "血型", "身高", "体重",
	"学号", "成绩", "总分", "语文", "数学", "英语"}

// isHeaderSep reports the separators of a register's header row.
func isHeaderSep(r rune) bool {
	switch r {
	case ',', '\t', '，', '|', ' ', '\u3000':
		return true
	}
	return false
}

// cue records a person-context cue.
func (s *scan) cue(h hit, e *entry) {
	if e.flags&flagID != 0 && !s.namesOne(h) {
		return
	}
	if e.term == "一名" || e.term == "一位" {
		if p, _ := runeBefore(s.text, h.start); p == '第' || p == '唯' {
			return
		}
	}
	// A register header: 姓名,性别,年龄 between commas, tabs, bars or
	// spaces. The header line itself holds no one's facts (体温 there is a
	// column, not a test result).
	switch e.term {
	case "姓名", "性别", "年龄":
		if r, n := runeAt(s.text, h.end); isHeaderSep(r) {
			if p, _ := runeBefore(s.text, h.start); p == -1 || p == '\n' || isHeaderSep(p) {
				s.register = true
				// a header row when another column name follows (姓名 性别 …),
				// not a form (姓名 张三 性别 男)
				next := bytes.TrimLeft(s.text[h.end+n:], " \t\u3000,，|")
				for _, l := range columnNames {
					if bytes.HasPrefix(next, []byte(l)) {
						s.header = true
						break
					}
				}
			}
		}
	}
	s.setCtx(e.term)
	if e.flags&flagWeak == 0 {
		s.record = true
	}
}

// namesOne reports whether a word such as 患者 or 病例 at h names one
// person: 病例3：, 患者李某, 患者，男, 该患者, 这名患者; not 患者120名 or
// 确诊病例35例.
func (s *scan) namesOne(h hit) bool {
	t := s.text
	if suffixIn(t, h.start, []string{"该", "这名", "此", "这位", "一名", "一位", "该名"}) > 0 {
		return true
	}
	r, n := runeAt(t, h.end)
	switch {
	case r == '：' || r == ':' || r == '（' || r == '(':
		return true
	case r == '，' || r == ',':
		// 患者，男; 患者，45岁; 患者，李某某 — not 学生，家长
		q, _ := runeAt(t, h.end+n)
		return q == '男' || q == '女' || isDigit(q) || maskedAt(t, h.end+n)
	case isNumeralRune(r) && r != '几':
		// A number then 例/名/人 counts cases: 病例35例.
		_, b, ok := numberAfter(t, h.end, s.sentEnd)
		if !ok {
			return false
		}
		q, _ := runeAt(t, b)
		switch q {
		case '例', '名', '人', '个', '起', '家', '次', '%', '％', '余', '多', '万', '千', '百':
			return false
		}
		return true
	case r == '男' || r == '女':
		return true // 患者男，45岁
	}
	// 患者李某 needs no cue: the masked name is one.
	return false
}

// orgSuffixes end the name of an organization or place: 某 before one of
// them (某保险公司, 某律师事务所) is a determiner.
var orgSuffixes = newWordSet("公司", "事务所", "医院", "银行", "学校", "小学", "中学", "大学", "学院", "小区", "超市", "酒店",
	"宾馆", "集团", "单位", "部门", "机构", "网站", "平台", "企业", "工厂", "商场", "市场", "协会", "中心", "电台",
	"电视台", "报社", "品牌", "基金", "派出所", "法院", "检察院", "政府", "街道", "社区", "幼儿园", "诊所", "药店",
	"餐厅", "饭店", "网吧", "门店", "分店", "大厦", "广场", "工地", "车站", "分行", "支行", "分理处", "营业部", "分公司",
	"网点", "营业厅", "律所", "工作室")

// orgAhead reports whether an organization or place word follows i within
// a short run of name characters (某保险公司), before any verb or
// delimiter.
func orgAhead(t []byte, i, ceil int) bool {
	for n := 0; n < 8 && i < ceil; n++ {
		if orgSuffixes.prefix(t, i, ceil) > 0 {
			return true
		}
		r, size := runeAt(t, i)
		if !isHan(r) || givenStop[r] || nameStop[r] {
			return false
		}
		i += size
	}
	return false
}

// unitSurnames are surnames that are also the units of an address after a
// number (二段, 3号楼, 5区, 2门).
const unitSurnames = "段楼区路门栋层街巷组队排期"

// placeNames holds the short names of provinces, cities and counties
// (江苏, 佛山, 海淀): a surname character that ends one of them is not a
// surname (佛山某保险公司).
var placeNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, d := range zh.Divisions() {
		if d.Level > 3 {
			continue
		}
		n := d.Name
		for _, suf := range []string{"特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "地区", "盟", "县", "区", "旗"} {
			if x, ok := strings.CutSuffix(n, suf); ok && utf8.RuneCountInString(x) >= 2 {
				n = x
				break
			}
		}
		if utf8.RuneCountInString(n) >= 2 {
			m[n] = true
		}
		m[d.Name] = true
	}
	return m
})

// placeStart returns where the longest place name of two to four
// characters that ends at i starts, or -1.
func placeStart(t []byte, i, floor int) int {
	start, j := -1, i
	for n := 1; n <= 4 && j > floor; n++ {
		_, size := runeBefore(t, j)
		j -= size
		if n >= 2 && placeNames()[string(t[j:i])] {
			start = j
		}
	}
	return start
}

// placeBefore reports whether t[:i] ends with a place name of two to four
// characters.
func placeBefore(t []byte, i, floor int) bool {
	j := i
	for n := 1; n <= 4 && j > floor; n++ {
		_, size := runeBefore(t, j)
		j -= size
		if n >= 2 && placeNames()[string(t[j:i])] {
			return true
		}
	}
	return false
}

// maskedAt reports whether a surname and a mask start at i (李某, 王*).
func maskedAt(t []byte, i int) bool {
	end := min(len(t), i+6)
	n := zh.SurnameAt(string(t[i:end]))
	if n == 0 {
		return false
	}
	r, _ := runeAt(t, i+n)
	switch r {
	case '某', '*', '＊', '×', 'X', 'x', 'Ｘ', 'ｘ', '○':
		return true
	}
	return false
}

// Nicknames: 小 and one character (小刚, 小明, 小芳) is how reports and news
// name a child or anyone they do not name in full. It is a name only where
// the text shows it is one: right after a word for a person (学生小刚,
// 留守儿童小明, 女孩小芳) or an age (9岁的小刚), after 叫 or 化名, or before
// （化名）.

// ageBefore reports whether b ends with an age and 的 (9岁的, 十二岁的).
func ageBefore(b []byte) bool {
	rest, ok := bytes.CutSuffix(b, []byte("岁的"))
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRune(rest)
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("一二三四五六七八九十两", r)
}

// nickNouns are the words for a person that may stand right before a
// nickname.
var nickNouns = []string{"学生", "同学", "孩子", "女孩", "男孩", "儿童", "女童", "男童", "幼儿", "小朋友", "患儿",
	"少年", "少女", "宝宝", "女生", "男生", "学童", "孤儿", "留守儿童", "困境儿童", "患者", "女儿", "儿子", "侄子",
	"侄女", "孙子", "孙女", "外孙", "网友", "市民", "村民", "居民", "小伙", "姑娘", "叫", "名叫", "化名", "昵称", "乳名", "小名",
	"感谢", "谢谢", "哥哥", "姐姐", "弟弟", "妹妹", "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟", "堂妹", "同桌"}

// nickAfter are the words after which a nickname opening a clause is a
// person's (小右说, 小雅今年9岁).
var nickAfter = []string{"说", "今年", "告诉", "妈妈", "爸爸", "奶奶", "爷爷", "同学"}

// nickStop are the characters after 小 that make a common word, not a
// nickname (小时, 小学, 小区, 小孩, 小组 …).
var nickStop = newRuneSet("时学区孩型组说品吃麦便心姐伙朋狗猫车镇村店摊贩商额数部分规量于事米雪满寒暑年名巷路溪河山岛城家屋院所队班节样儿的" +
	"腿手脚脑肠微幅批件些编号卖将吏人们费康资本农块片段寨桥道门窗床桌女哥弟妹妞宝生鬼子" +
	"提测考炒菜报刊册鸟兔鱼猪羊虫草花树球队步跑游戏")

// nicknames adds the nicknames of the sentence [a, b).
func (s *scan) nicknames(a, b int) {
	t := s.text
	const xiao = "小"
	for i := a; i < b; {
		k := bytes.Index(t[i:b], []byte(xiao))
		if k < 0 {
			return
		}
		start := i + k
		i = start + len(xiao)
		r, n := runeAt(t, i)
		if !isHan(r) || nickStop[r] || i+n > b {
			continue
		}
		end := i + n
		// 小明明: a doubled character belongs to the name
		if r2, n2 := runeAt(t, end); r2 == r && end+n2 <= b {
			end += n2
		}
		after := t[end:b]
		alias := bytes.HasPrefix(after, []byte("（化名）")) || bytes.HasPrefix(after, []byte("(化名)")) ||
			bytes.HasPrefix(after, []byte("，化名")) || bytes.HasPrefix(after, []byte("（化名"))
		noun := ""
		for _, w := range nickNouns {
			if bytes.HasSuffix(t[a:start], []byte(w)) {
				noun = w
				break
			}
		}
		if noun == "" && ageBefore(t[a:start]) {
			noun = "岁" // 今年9岁的小刚: an age makes it a person
		}
		if p, _ := runeBefore(t, start); noun == "" && (start == a || !isHan(p)) {
			if k := prefixIn(t, end, nickAfter); k > 0 {
				noun = string(t[end : end+k]) // 小右说: a clause opened by the person
			}
		}
		if noun == "" && !alias {
			continue
		}
		// inside a name found already (王小明)
		if s.nameOverlaps(start, end) {
			continue
		}
		ctx := noun
		if alias {
			ctx = "化名"
		}
		s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.7,
			Evidence: pi.Evidence{Validator: "rule:nickname", Context: []string{ctx}},
			Attrs:    []pi.Attr{{Key: "nickname", Value: "true"}}})
		s.nameEnd = end
		s.setCtx("nickname")
		i = end
	}
}

// ageNames adds the full name right after an age and 的 (10岁的王子涵, 十二岁的
// 李浩然): the age says a person follows, and the model misses a name after
// a number now and then.
func (s *scan) ageNames(a, b int) {
	t := s.text
	for i := a; i < b; {
		k := bytes.Index(t[i:b], []byte("岁的"))
		if k < 0 {
			return
		}
		start := i + k + len("岁的")
		i = start
		if !ageBefore(t[a:start]) {
			continue
		}
		end := nameEndAt(t, start, b)
		if end < 0 || s.nameOverlaps(start, end) {
			continue
		}
		s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.8,
			Evidence: pi.Evidence{Validator: "rule:age-name", Context: []string{"岁的"}}})
		s.nameEnd = end
		s.setCtx("age")
		i = end
	}
}

// surnameMentions adds the surname of a person described by it (那个姓刘的
// 女的, 一名姓王的男子, 姓张，40多岁): with the details around it, the
// surname points to one person, as 王先生 does. The finding is the
// surname, with surname=…; 姓名, 百姓 and 贵姓 are other words.
func (s *scan) surnameMentions(a, b int) {
	t := s.text
	for i := a; i < b; {
		k := bytes.Index(t[i:b], []byte("姓"))
		if k < 0 {
			return
		}
		at := i + k
		i = at + len("姓")
		if p, _ := runeBefore(t, at); p == '百' || p == '贵' || p == '同' || p == '异' || p == '复' || p == '单' || p == '改' {
			continue
		}
		n := surnameAt(t, i, b) // a common surname: 姓名 is not 姓 + 名
		if n == 0 || s.nameOverlaps(i, i+n) {
			continue
		}
		end := i + n
		if r, _ := runeAt(t, end); r != '的' && r != '，' && r != ',' && r != '、' && r != '氏' && r != '。' && r != -1 {
			continue // 姓名, 姓氏 are words; 姓王的, 姓王， describe a person
		}
		s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: i, End: end, Score: 0.7,
			Evidence: pi.Evidence{Validator: "rule:surname-mention", Context: []string{"姓"}},
			Attrs:    []pi.Attr{{Key: "surname", Value: string(t[i:end])}}})
		s.nameEnd = end
		s.setCtx("surname")
		i = end
	}
}
