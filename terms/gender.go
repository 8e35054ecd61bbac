package terms

import (
	"bytes"

	"github.com/custos-project/custos/pi"
)

// Gender is a finding only where it describes a person:
//
//   - after the label 性别 (性别：女);
//   - as a field of a record, between delimiters, in a sentence with a
//     person context (李某，男，45岁; （男，12岁）; 患者二：女，41岁);
//   - right after an age (45岁男性, 5岁男童, 36岁女性患者);
//   - after a classifier or determiner (一名男子, 该女子, 一名10岁女孩);
//   - 男性/女性/男子 … followed by 患者, 病例, a comma or a name in a sentence
//     with a person context.
//
// Not inside words or about groups: 男女平等, 女性健康讲座, 男子篮球, 女子组.

var genderSports = []string{"篮球", "足球", "排球", "组", "单打", "双打", "团体", "项目", "比赛", "冠军", "接力",
	"米", "公斤", "级", "跳", "游泳", "乒乓", "网球", "马拉松", "选手", "队"}

func (s *scan) gender(h hit, e *entry) {
	t := s.text
	if h.start < s.genderEnd {
		return // 男 inside 男性
	}
	p, _ := runeBefore(t, h.start)
	q, _ := runeAt(t, h.end)
	bare := e.term == "男" || e.term == "女"
	box := boxBefore(t, h.start)
	if box == boxUnchecked {
		return // 性别：□男 ☑女
	}
	if !bare && suffixIn(t, h.start, []string{"像", "如", "似", "当作", "当成", "比作"}) > 0 {
		return // 性格比较像男孩子: a comparison, no one's sex
	}
	var score float64
	var cue string
	switch {
	case suffixIn(t, h.start, []string{"性别：", "性别:", "性别 ", "性别为", "性别是", "性别"}) > 0:
		score, cue = 0.95, "性别"
	case box == boxChecked && bare && bytes.Contains(t[max(s.sentStart, h.start-24):h.start], []byte("性别")):
		score, cue = 0.95, "性别" // 性别：□男 ☑女
	case h.start == s.lastAgeEnd && h.start > 0 && !bare:
		score, cue = 0.9, "age"
	case isOpenDelim(p) && (isCloseDelim(q) || isDigit(q)) && (s.ctx.Person || s.recordNear(h)):
		score, cue = 0.9, "record"
		if !s.ctx.Person {
			score = 0.8
		}
	case bare && (isCloseDelim(q) || isDigit(q)) && suffixIn(t, h.start, []string{"患者", "病例", "病人"}) > 0:
		score, cue = 0.85, "case" // 患者男，45岁
	case bare && isDigit(p) && (isCloseDelim(q) || isDigit(q)) && s.caseNumberBefore(h.start):
		score, cue = 0.85, "case number" // 病例5男，
	case !bare && suffixIn(t, h.start, []string{"一名", "该", "这名", "那名", "一位", "名", "位", "个", "该名", "一", "的"}) > 0:
		if prefixIn(t, h.end, genderSports) > 0 {
			return
		}
		if p == '的' && !s.ctx.Person {
			return
		}
		score, cue = 0.8, "classifier"
	case !bare && s.ctx.Person && (isCloseDelim(q) || prefixIn(t, h.end, []string{"患者", "病例", "病人", "确诊", "感染者"}) > 0):
		score, cue = 0.8, s.ctx.Cue
	default:
		return
	}
	f := pi.Finding{Type: pi.Gender, Category: pi.CatBasic, Start: h.start, End: h.end, Score: score,
		Evidence: pi.Evidence{Validator: "rule:gender", Context: []string{cue}},
		Attrs:    []pi.Attr{{Key: pi.AttrSex, Value: e.sex}}}
	s.add(f)
	s.genderEnd = h.end
	s.setCtx("gender")
	if bare && score >= 0.85 {
		s.bareAgeAfter(h.end)
	}
}

// caseNumberBefore reports whether the digits ending at i follow 病例 or
// 患者 (病例5男).
func (s *scan) caseNumberBefore(i int) bool {
	a, _, ok := numberBefore(s.text, i, s.sentStart)
	return ok && suffixIn(s.text, a, []string{"病例", "患者", "病人", "确诊病例"}) > 0
}

// bareAgeAfter reads an age written without 岁 as the field after a
// gender: 女，50常住湖北; 男，56，住石岐区.
func (s *scan) bareAgeAfter(i int) {
	t := s.text
	r, n := runeAt(t, i)
	if r != '，' && r != ',' && r != '、' {
		return
	}
	a, b, ok := numberAfter(t, i+n, s.sentEnd)
	if !ok || a != i+n || b-a > 3 {
		return
	}
	if q, _ := runeAt(t, b); isDigit(q) || q == '.' || q == '岁' || q == '周' || q == '年' || q == '月' || q == '日' ||
		q == '号' || q == '%' || q == '个' || q == '名' || q == '人' || q == '例' || q == '时' || q == '点' || isASCIIAlnum(q) {
		return
	}
	num, ok := parseNumber(t, a, b)
	if !ok || num.val == 0 || num.val > 110 {
		return
	}
	if r, _ := runeAt(t, a); !isDigit(r) {
		return
	}
	s.addAge(a, b, 0.75, num, -1, "record")
}

// recordNear reports whether a delimited 男/女 sits in a record without a
// cue word: a name or an age in the neighbouring field (王某，男; 男，45岁).
func (s *scan) recordNear(h hit) bool {
	t := s.text
	_, n := runeBefore(t, h.start)
	_, m := runeAt(t, h.end)
	for _, f := range s.out {
		if (f.Type == pi.MaskedName || f.Type == pi.PersonName) && f.End == h.start-n || f.Type == pi.Age && f.Start == h.end+m {
			return true
		}
	}
	return false
}
