package terms

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Schools: a school word with its name (北京大学, XX市第一中学, 犀浦镇某小学; a
// masked name is still a school), with the grade and class that follow
// (某小学四年级, 初二(3)班, 某幼儿园大班). A grade alone is a school finding in
// a person context when it says what the person attends (就读于初二, 读大班,
// （男，13岁，初二）). Attributes: level (kindergarten, primary, junior,
// senior, secondary, vocational, university), grade (小学三年级), age_band
// (the usual ages of the pupils, "8-9"; the table is in data/school.txt) and
// minor=true, with PI.MINOR_U14, when the band shows the pupil is a minor
// or under 14 and the sentence is about a person.

// studying reports whether a school level word alone at [start, end) says
// what a person attends: 初中在读, 就读小学, 在读高中, 上幼儿园.
func studying(t []byte, start, end int) bool {
	if prefixIn(t, end, []string{"在读", "就读"}) > 0 {
		return true
	}
	if suffixIn(t, start, []string{"就读于", "就读", "在读", "正读", "读", "上", "念"}) == 0 {
		return false
	}
	p, _ := runeBefore(t, start-len("读"))
	return !hasSuffixAt(t, start, "读") || !(p == '阅' || p == '解' || p == '朗' || p == '宣' || p == '导' || p == '研')
}

// hospitalAhead reports whether a hospital's word ends the run of Chinese
// characters at i within eight characters (贵州医科大学|附属医院, 北京大学|
// 第三医院, 四川大学|华西口腔医院): the university's hospital, no school.
func hospitalAhead(t []byte, i int) bool {
	for n := 0; n < 8 && i < len(t); n++ {
		if hasPrefixAt(t, i, "医院") || hasPrefixAt(t, i, "附院") {
			return true
		}
		r, size := runeAt(t, i)
		if !isHan(r) || strings.ContainsRune("是就的在和与为即", r) {
			return false // 神学院就是霍格沃兹医院: another sentence part
		}
		i += size
	}
	return false
}

// schoolNextReject are words after a school word that make it another word
// (小学生, 大学城, 学院路, 中学时代, 大学英语).
var schoolNextReject = []string{"生", "城", "路", "街", "站", "派", "奖", "时代", "时期", "教育", "英语", "语文", "数学", "阶段", "学历", "文化", "水平", "以上", "以下", "毕业生", "习", "科", "问", "者", "长", "历", "级", "高级"}

func (s *scan) school(h hit, e *entry) int {
	t := s.text
	if prefixIn(t, h.end, schoolNextReject) > 0 || e.level == "university" && hospitalAhead(t, h.end) {
		return 0
	}
	if suffixIn(t, h.start, []string{"中小", "大中", "中"}) > 0 && (e.term == "小学" || e.term == "学校" || e.term == "中学") {
		if !(e.term == "中学" && hasSuffixAt(t, h.start, "中")) {
			return 0 // 中小学, 中小学校, 大中学校
		}
	}
	if numberedSchool(e.term) {
		// 阜阳一中, 北京四中: only after a place name, and not 三中全会,
		// 一中年男子, 第一中心
		if p, _ := runeBefore(t, h.start); !placeBefore(t, h.start, s.sentStart) && !strings.ContainsRune("县市区镇旗", p) {
			return 0 // but 县一中, 市二中: the county's, the city's
		}
		if r, _ := runeAt(t, h.end); isHan(r) && !occupationNext[r] && !strings.ContainsRune("高初附读就念的毕", r) {
			return 0
		}
	}
	start, _, ok := s.namePart(h.start)
	if !ok {
		start, ok = s.divisionName(h.start, max(s.sentStart, s.termEnd))
	}
	named := ok && start < h.start
	if named && e.term == "学校" && utf8.RuneCount(t[start:h.start]) < 2 && !maskedRune(t, start) {
		named = false // 请求学校: no school is called 求学校
	}
	end := h.end
	if e.level == "university" {
		end = s.faculty(end)
	}
	g, gend := s.gradeAt(end)
	level, band, grade := e.level, e.band, ""
	if g != nil {
		end = gend
		level, band, grade = gradeFor(e, g, s.text[h.end:gend])
		end = s.classAfter(end)
	}
	if e.term == "书院" && g == nil && !studying(t, start, start) && suffixIn(t, start, []string{"学校：", "学校:", "学校 ", "学校"}) == 0 {
		return 0 // 万科翡翠书院, 岳麓书院: a compound, a historic academy
	}
	if !named {
		if !s.ctx.Person || g == nil && !(e.band != "" && studying(t, h.start, h.end)) {
			return 0
		}
		start = h.start
	}
	masked := false
	for i := start; i < h.start; {
		_, n := runeAt(t, i)
		masked = masked || maskedRune(t, i)
		i += n
	}
	score, reason := 0.85, ""
	if !s.ctx.Person && !masked {
		score, reason = 0.5, NoPersonContext
	}
	f := pi.Finding{Type: pi.School, Category: pi.CatSchool, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: e.list, Context: ctxWords(e.term, s.ctx), Reason: reason}}
	s.schoolAttrs(&f, level, band, grade)
	s.add(f)
	return end
}

// schoolAttrs sets level, grade, age_band and the minor flags.
func (s *scan) schoolAttrs(f *pi.Finding, level, band, grade string) {
	if level != "" {
		f.SetAttr("level", level)
	}
	if grade != "" {
		f.SetAttr("grade", grade)
	}
	if band == "" {
		return
	}
	f.SetAttr("age_band", band)
	if !s.ctx.Person {
		return
	}
	_, hi, _ := parseBand(band)
	if hi < 18 {
		f.SetAttr(pi.AttrMinor, "true")
	}
	if hi < 14 {
		f.AddCategory(pi.CatMinorU14)
	}
}

// gradeAt returns the grade word at i: 三年级, 初二, 大班, or 3年级, also
// after the pupils' year of entry (2025级高一, 2023届初三).
func (s *scan) gradeAt(i int) (*entry, int) {
	t := s.text
	if j := cohortEnd(t, i); j > i {
		if g, end := s.gradeAt(j); g != nil {
			return g, end
		}
	}
	if r, n := runeAt(t, i); r == ' ' || r == '\u3000' || r == '\t' {
		// 某小学　四年级3班: a space between the school and its grade
		j := i + n
		for r, n := runeAt(t, j); r == ' ' || r == '\u3000'; r, n = runeAt(t, j) {
			j += n
		}
		if g, end := s.gradeAt(j); g != nil {
			return g, end
		}
		return nil, i
	}
	for _, g := range s.m.grades {
		if hasPrefixAt(t, i, g.term) {
			return g, i + len(g.term)
		}
	}
	if r, n := runeAt(t, i); r >= '1' && r <= '9' && hasPrefixAt(t, i+n, "年级") {
		d := int(r - '0')
		for _, g := range s.m.grades {
			if g.digit == d {
				return g, i + n + len("年级")
			}
		}
	}
	return nil, i
}

// gradeFor combines a school word and a grade: 小学 + 三年级 is primary,
// "小学三年级", 8-9; 初中 + 二年级 is 初二; 大学 + 三年级 is university.
func gradeFor(school, g *entry, word []byte) (level, band, grade string) {
	level, band, grade = g.level, g.band, g.grade
	if g.digit == 0 {
		return level, band, grade
	}
	lo := 0
	switch school.level {
	case "junior":
		lo, level, grade = 11, "junior", "初中"+string(word)
	case "senior", "vocational":
		lo, level, grade = 14, school.level, "高中"+string(word)
	case "university":
		lo, level, grade = 17, "university", "大学"+string(word)
	default:
		return level, band, grade
	}
	y := lo + g.digit
	return level, strconv.Itoa(y) + "-" + strconv.Itoa(y+1), grade
}

// classAfter extends a grade over its class: (3)班, （3）班, 3班, 二班.
func (s *scan) classAfter(i int) int {
	t := s.text
	j := i
	open := false
	if r, n := runeAt(t, j); r == '(' || r == '（' {
		j += n
		open = true
	}
	a, b, ok := numberAfter(t, j, s.sentEnd)
	if !ok || a != j || b-a > 6 {
		return i
	}
	j = b
	if open {
		r, n := runeAt(t, j)
		if r != ')' && r != '）' {
			return i
		}
		j += n
	}
	if !hasPrefixAt(t, j, "班") {
		return i
	}
	return j + len("班")
}

// gradeLead are the characters a grade of 小, 中 or 大 (小二, 中一班, 大一)
// may follow inside a run of Chinese characters: a school's or a class's
// word before it.
const gradeLead = "园校学级部届"

// gradeShapeBefore are the words before a grade that say a person attends
// it.
var gradeShapeBefore = []string{"就读于", "就读", "在读", "读", "上", "念", "升入", "升", "是", "系", "现读", "正读"}

// grade reads a grade without a school in a person context.
func (s *scan) grade(h hit, e *entry) int {
	t := s.text
	if p, _ := runeBefore(t, h.start); isHan(p) && !strings.ContainsRune(gradeLead, p) && suffixIn(t, h.start, gradeShapeBefore) == 0 &&
		utf8.RuneCountInString(e.term) <= 3 && strings.ContainsRune("小中大", []rune(e.term)[0]) {
		return 0 // 其中一班, 大小一样, 最大一笔: a word's characters, no grade
	}
	end := s.classAfter(h.end)
	// a grade with its class (一年级（1）班, a roster's heading) is a
	// school's class anywhere; a grade alone only where a person is spoken of
	p, _ := runeBefore(t, h.start)
	q, _ := runeAt(t, h.end)
	// …or in brackets, as a list's title gives it (期末考试成绩公示（七年级）)
	bracketed := (p == '（' || p == '(') && (q == '）' || q == ')')
	// …or heading a line of names (一年级：赵子轩、钱梦瑶, a list's part)
	heading := (p == -1 || p == '\n') && (q == '：' || q == ':')
	if !s.ctx.Person && end == h.end && !bracketed && !heading {
		return 0
	}
	before := suffixIn(t, h.start, gradeShapeBefore) > 0
	// …and a class after it, however written (七年级3班, 初二（5）班)
	after := end > h.end || prefixIn(t, h.end, []string{"学生", "的学生", "班", "(", "（", "年级"}) > 0
	field := isOpenDelim(p) && isCloseDelim(q) && !s.ctx.Inherited
	if !before && !after && !field && !heading {
		return 0
	}
	if e.level == "kindergarten" && !before && utf8.RuneCountInString(e.term) < 3 {
		return 0 // 大班, 中班 are also shifts and class sizes; 大二班, 学前班 are not
	}
	f := pi.Finding{Type: pi.School, Category: pi.CatSchool, Start: h.start, End: end, Score: 0.75,
		Evidence: pi.Evidence{Validator: e.list, Context: ctxWords(e.term, s.ctx)}}
	if !s.ctx.Person {
		f.Score, f.Evidence.Reason = 0.5, NoPersonContext
	}
	s.schoolAttrs(&f, e.level, e.band, e.grade)
	f.SetAttr("kind", "grade") // a grade or class with no school named
	s.add(f)
	return end
}

// facultySuffixes are the parts of a university after its name.
var facultySuffixes = []string{"学院", "研究生院", "研究院", "研究所", "研究中心", "附属中学", "附属小学", "附中", "附小", "分校", "校区", "系"}

// facultyStop are verbs that end a university's name (清华大学任教授).
var facultyStop = newRuneSet("任当做教是为担聘")

// faculty extends a university over one part: 北京大学法学院, 清华大学心理学系
// (not 系主任, 系统).
func (s *scan) faculty(i int) int {
	t := s.text
	j := i
	for n := 0; n <= 6; n++ {
		if k := prefixIn(t, j, facultySuffixes); k > 0 && j > i {
			if q, _ := runeAt(t, j+k); k == len("系") && (q == '主' || q == '统' || q == '列' || q == '数') {
				return i
			}
			return j + k
		}
		r, size := runeAt(t, j)
		if !isHan(r) || nameStop[r] || facultyStop[r] {
			return i
		}
		j += size
	}
	return i
}

// numberedSchool reports the short forms of numbered middle schools (一中,
// 十二中).
func numberedSchool(term string) bool {
	rs := []rune(term)
	if len(rs) < 2 || rs[len(rs)-1] != '中' {
		return false
	}
	for _, r := range rs[:len(rs)-1] {
		if _, ok := cnDigit(r); !ok && r != '十' {
			return false
		}
	}
	return true
}

// cohortEnd returns the end of a year of entry or graduation at i (2025级,
// 2023届, 25级), i when there is none.
func cohortEnd(t []byte, i int) int {
	j := i
	for j < len(t) && j-i < 4 && isDigit(rune(t[j])) {
		j++
	}
	if n := j - i; n != 2 && n != 4 {
		return i
	}
	if hasPrefixAt(t, j, "级") || hasPrefixAt(t, j, "届") {
		return j + len("级")
	}
	return i
}

// maskedRune reports whether the rune at i masks a name (某, X, *).
func maskedRune(t []byte, i int) bool {
	r, _ := runeAt(t, i)
	return r == '某' || r == 'X' || r == 'x' || r == '*' || r == '×'
}

// NoPersonContext is the reason of a finding made where nothing in the
// sentence speaks of a person (a school on a reporter's visit): the
// subject stage does not make the sentence a child's from it alone.
const NoPersonContext = "no person context in the sentence"
