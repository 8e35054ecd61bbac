package terms

import (
	"strconv"

	"github.com/custos-project/custos/pi"
)

// Ages: 45岁, 45周岁, 39 岁, 十二岁, 1岁7个月, 6个月大, 6月龄, 年龄：45, 七十多岁,
// 70余岁, 十七八岁, 八旬老人. A limit is not an age: 14周岁以下, 年满18周岁,
// 18至25岁, 60岁及以上 are about groups, not a person. Ages over 130 are not
// ages (2020岁末 has no age).

// ageAfterLimit and ageBeforeLimit mark an age as a limit or a range.
var (
	ageAfterLimit  = []string{"以下", "以上", "以内", "及以上", "及以下", "之间", "至", "到", "-", "~", "～", "—", "或", "以前", "之前", "以后", "之后", "前后", "起"}
	ageBeforeLimit = []string{"满", "超过", "低于", "高于", "大于", "小于", "不足", "不到", "至", "到", "-", "~", "～", "—", "从"}
)

func (s *scan) age(h hit, e *entry) {
	if h.start < s.ageEnd {
		return
	}
	switch e.term {
	case "岁", "周岁":
		s.ageYears(h)
	case "个月", "月龄":
		s.ageMonths(h, e.term == "月龄")
	case "旬":
		s.ageDecades(h)
	case "年龄":
		s.ageLabel(h)
	}
}

// ageNumber reads the number before i: an optional approximate marker
// (多, 余, 来) between the number and the unit, and a decimal part (1.5岁).
func (s *scan) ageNumber(i int) (start int, num number, ok bool) {
	t := s.text
	approx := false
	if r, n := runeBefore(t, i); r == '多' || r == '余' || r == '来' {
		approx = true
		i -= n
	}
	a, b, ok := numberBefore(t, i, s.sentStart)
	if !ok {
		return 0, number{}, false
	}
	if p, pn := runeBefore(t, a); p == '.' || p == '．' {
		// 1.5岁: read the whole part.
		a2, b2, ok2 := numberBefore(t, a-pn, s.sentStart)
		if !ok2 {
			return 0, number{}, false
		}
		a, b = a2, b2
		approx = true
	}
	num, ok = parseNumber(t, a, b)
	if !ok {
		return 0, number{}, false
	}
	if approx {
		num.approx = true
		if num.val >= 10 && num.val%10 == 0 && num.hi == num.val {
			num.hi = num.val + 9 // 七十多岁: 70 to 79
		}
	}
	if suffixIn(t, a, ageBeforeLimit) > 0 {
		return 0, number{}, false
	}
	return a, num, true
}

func (s *scan) ageYears(h hit) {
	t := s.text
	if s.legalBand(h) {
		return
	}
	a, num, ok := s.ageNumber(h.start)
	if !ok || num.val == 0 || num.val > 130 {
		return
	}
	end := h.end
	if r, n := runeAt(t, end); r == '半' {
		end += n
		num.approx = true
	}
	if prefixIn(t, end, ageAfterLimit) > 0 {
		return
	}
	months := -1
	// 1岁7个月
	if ma, mb, ok := numberAfter(t, end, s.sentEnd); ok && ma == end && hasPrefixAt(t, mb, "个月") {
		if m, ok := parseNumber(t, ma, mb); ok && m.val < 12 {
			months = m.val
			end = mb + len("个月")
		}
	}
	score := 0.9
	if num.approx {
		score = 0.8
	}
	s.addAge(a, end, score, num, months, string(t[h.start:h.end]))
}

// legalBand reads the ages the law's words give a person (犯罪时已满十六周岁
// 不满十八周岁; 张某，男，未满十四周岁): an age finding with age_band "16-17"
// or "0-13" and no years. About a group (不满十四周岁的未成年人, 未满18周岁以下)
// it is no one's age.
func (s *scan) legalBand(h hit) bool {
	t := s.text
	a, b, ok := numberBefore(t, h.start, s.sentStart)
	if !ok || b != h.start {
		return false
	}
	k := suffixIn(t, a, []string{"不满", "未满"})
	if k == 0 {
		return false
	}
	hi, ok := parseNumber(t, a, b)
	if !ok || hi.approx || hi.val < 1 || hi.val > 18 {
		return false
	}
	start, lo := a-k, 0
	if p := suffixIn(t, start, []string{"周岁", "岁"}); p > 0 {
		// 已满十六周岁不满十八周岁
		if la, lb, ok := numberBefore(t, start-p, s.sentStart); ok && lb == start-p {
			if q := suffixIn(t, la, []string{"已满", "年满"}); q > 0 {
				if n, ok := parseNumber(t, la, lb); ok && n.val < hi.val {
					start, lo = la-q, n.val
				}
			}
		}
	}
	if r, _ := runeAt(t, h.end); r == '的' || prefixIn(t, h.end, ageAfterLimit) > 0 || !s.ctx.Person {
		return true // a limit, not an age: and no plain age either
	}
	f := pi.Finding{Type: pi.Age, Category: pi.CatAge, Start: start, End: h.end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "rule:age", Context: []string{string(t[h.start:h.end])}}}
	f.SetAttr("age_band", strconv.Itoa(lo)+"-"+strconv.Itoa(hi.val-1))
	f.SetAttr(pi.AttrMinor, "true")
	if hi.val <= 14 {
		f.AddCategory(pi.CatMinorU14)
	}
	s.add(f)
	s.ageEnd, s.lastAgeEnd = h.end, h.end
	s.setCtx("age")
	return true
}

// addAge records an age finding with its attributes.
func (s *scan) addAge(a, end int, score float64, num number, months int, word string) {
	f := pi.Finding{Type: pi.Age, Category: pi.CatAge, Start: a, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "rule:age", Context: []string{word}}}
	f.SetAttr("years", strconv.Itoa(num.val))
	if months >= 0 {
		f.SetAttr("months", strconv.Itoa(months))
	}
	if num.approx {
		f.SetAttr("approx", "true")
		if num.hi != num.val {
			f.SetAttr("years_max", strconv.Itoa(num.hi))
		}
	}
	if num.hi < 18 {
		f.SetAttr(pi.AttrMinor, "true")
	}
	if num.hi < 14 {
		f.AddCategory(pi.CatMinorU14)
	}
	s.add(f)
	s.ageEnd, s.lastAgeEnd = end, end
	s.setCtx("age")
}

// ageMonths reads an infant's age in months. 个月 is usually a duration
// (6个月内, 3个月后), so it is an age only as 6个月大, 6个月的婴儿, 出生6个月,
// 年龄6个月, 6月龄, or as a field of a person record (女婴，6个月，).
func (s *scan) ageMonths(h hit, always bool) {
	t := s.text
	a, b, ok := numberBefore(t, h.start, s.sentStart)
	if !ok || b != h.start {
		return
	}
	num, ok := parseNumber(t, a, b)
	if !ok || num.val == 0 || num.val > 36 {
		return
	}
	end := h.end
	if !always {
		switch {
		case prefixIn(t, end, []string{"大", "的婴儿", "婴儿", "宝宝", "的宝宝", "男婴", "女婴", "的男婴", "的女婴", "的孩子", "的婴幼儿", "婴幼儿"}) > 0:
			if hasPrefixAt(t, end, "大") {
				end += len("大")
			}
		case suffixIn(t, a, []string{"出生", "年龄", "年龄：", "年龄:", "年龄为", "月龄", "患儿", "婴儿", "幼儿", "宝宝", "女婴", "男婴"}) > 0:
			// 患儿6个月: the child's age, written right after the child
		default:
			p, _ := runeBefore(t, a)
			q, _ := runeAt(t, end)
			if !isOpenDelim(p) || !isCloseDelim(q) || !s.recordBefore(a) {
				return
			}
		}
	}
	if suffixIn(t, a, ageBeforeLimit) > 0 || prefixIn(t, end, ageAfterLimit) > 0 {
		return
	}
	s.addAge(a, end, 0.8, number{val: 0, hi: 0}, num.val, string(t[h.start:h.end]))
}

// recordBefore reports whether the field before the delimiter that ends at
// i is part of a person record: a gender (女婴，6个月), a child (患儿（6个月）)
// or a name (王某，6个月).
func (s *scan) recordBefore(i int) bool {
	t := s.text
	_, n := runeBefore(t, i)
	j := i - n
	if suffixIn(t, j, []string{"男", "女", "男婴", "女婴", "男童", "女童", "男性", "女性", "男孩", "女孩", "患儿", "婴儿", "幼儿", "宝宝"}) > 0 {
		return true
	}
	return s.nameEnd == j && j > 0
}

// ageDecades reads 八旬 (in one's eighties): a single Chinese digit before
// 旬, and a person after it or a verb of age before (八旬老人, 年逾七旬).
func (s *scan) ageDecades(h hit) {
	t := s.text
	r, n := runeBefore(t, h.start)
	d, ok := cnDigit(r)
	if !ok || d < 2 {
		return
	}
	a := h.start - n
	q, _ := runeAt(t, h.end)
	if !(q == '老' || q == '的' || isCloseDelim(q) || suffixIn(t, a, []string{"年逾", "年过", "年近", "年届", "已过", "年已"}) > 0) {
		return
	}
	s.addAge(a, h.end, 0.8, number{val: d * 10, hi: d*10 + 9, approx: true}, -1, "旬")
}

// cellAge adds the age that is the whole of t[a:b], a cell under an age
// column: a bare number of years (9, 45), or an infant's months or days
// (8月, 8个月, 20天), which a register writes without 大 or 婴儿.
func (s *scan) cellAge(a, b int, col string) {
	t := s.text
	if num, ok := parseNumber(t, a, b); ok && !num.approx && num.val < 130 {
		s.addAge(a, b, 0.9, num, -1, col)
		return
	}
	for _, u := range []struct {
		unit string
		max  int
	}{{"个月", 36}, {"月", 36}, {"天", 60}} {
		if !hasSuffixAt(t, b, u.unit) {
			continue
		}
		num, ok := parseNumber(t, a, b-len(u.unit))
		if !ok || num.approx || num.val == 0 || num.val > u.max {
			return
		}
		months := num.val
		if u.unit == "天" {
			months = 0
		}
		s.addAge(a, b, 0.9, number{val: 0, hi: 0}, months, col)
		return
	}
}

// ageLabel reads 年龄：45 where no unit follows (年龄45岁 is read at 岁).
func (s *scan) ageLabel(h hit) {
	t := s.text
	i := h.end
	for k := 0; k < 3; k++ {
		r, n := runeAt(t, i)
		if r == '：' || r == ':' || r == '为' || r == '是' || isSpace(r) {
			i += n
			continue
		}
		break
	}
	a, b, ok := numberAfter(t, i, s.sentEnd)
	if !ok || a != i {
		return
	}
	if r, _ := runeAt(t, b); r == '岁' || r == '周' || r == '个' || r == '月' || r == '.' || isASCIIAlnum(r) || isNumeralRune(r) {
		return
	}
	if prefixIn(t, b, ageAfterLimit) > 0 {
		return
	}
	num, ok := parseNumber(t, a, b)
	if !ok || num.val == 0 || num.val > 130 {
		return
	}
	s.addAge(a, b, 0.85, num, -1, "年龄")
}
