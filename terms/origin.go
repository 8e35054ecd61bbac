package terms

import (
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Ethnicity: the 56 groups with 族 (汉族, 维吾尔族), anywhere, scored by the
// person context; the short form (汉, 回) only after the label 民族. Not in
// the names of autonomous areas (宁夏回族自治区, 恩施土家族苗族自治州,
// XX回族乡), and not 水族馆.

func (s *scan) ethnic(h hit, e *entry) int {
	t := s.text
	// Skip a chain of groups (土家族苗族) and see whether an autonomous
	// area's name follows.
	i := h.end
	for k := 0; k < 4; k++ {
		n := ethnicAt(t, i)
		if n == 0 {
			break
		}
		i += n
	}
	if prefixIn(t, i, []string{"自治", "乡", "民族乡", "聚居", "地区"}) > 0 {
		return i // consumed: part of a place name
	}
	score, reason := 0.9, ""
	ctx, ok := s.personNear(h.start)
	if !ok {
		score, reason = 0.5, NoPersonContext
	}
	if suffixIn(t, h.start, []string{"民族：", "民族:", "民族为", "民族 ", "民族是"}) > 0 {
		score, reason = 0.95, ""
	}
	f := pi.Finding{Type: pi.Ethnicity, Category: pi.CatBasic, Start: h.start, End: h.end, Score: score,
		Evidence: pi.Evidence{Validator: "list:zh-ethnic-groups", Context: ctxWords(e.term, ctx), Reason: reason},
		Attrs:    []pi.Attr{{Key: "group", Value: e.term}}}
	s.add(f)
	return h.end
}

// ethnicAt returns the length of the ethnic group name (with 族) at i.
func ethnicAt(t []byte, i int) int {
	for n, j := 0, i; n < 6 && j < len(t); n++ {
		r, size := runeAt(t, j)
		if r == -1 || !isHan(r) {
			return 0
		}
		j += size
		if r == '族' && zh.EthnicGroup(string(t[i:j])) {
			return j - i
		}
	}
	return 0
}

// fieldValue returns where the value of a form's field starts after its
// label, which ends at i: past a colon, a space or 为 and the spaces after
// it; ok is false when none of them follows the label (民族团结).
func fieldValue(t []byte, i int) (int, bool) {
	r, n := runeAt(t, i)
	if r != '：' && r != ':' && !isSpace(r) && r != '为' {
		return 0, false
	}
	i += n
	for r, n := runeAt(t, i); isSpace(r); r, n = runeAt(t, i) {
		i += n
	}
	return i, true
}

// ethnicLabel reads the short form after 民族：(民族：汉; 民族 回).
func (s *scan) ethnicLabel(h hit) {
	t := s.text
	i, ok := fieldValue(t, h.end)
	if !ok {
		return
	}
	// Longest short name first; the full name is a word of its own.
	best := 0
	j := i
	for k := 0; k < 5; k++ {
		r, n := runeAt(t, j)
		if !isHan(r) || r == '族' {
			break
		}
		j += n
		if zh.EthnicGroup(string(t[i:j])) {
			best = j - i
		}
	}
	if best == 0 {
		return
	}
	if r, _ := runeAt(t, i+best); isHan(r) {
		return // 汉族 is read as a word; 汉字 is not 汉
	}
	group := string(t[i:i+best]) + "族"
	f := pi.Finding{Type: pi.Ethnicity, Category: pi.CatBasic, Start: i, End: i + best, Score: 0.95,
		Evidence: pi.Evidence{Validator: "list:zh-ethnic-groups", Context: []string{"民族"}},
		Attrs:    []pi.Attr{{Key: "group", Value: group}}}
	s.add(f)
	s.setCtx("民族")
}

// Nationality: 国籍：美国, 中国籍, 美籍, 外籍 and, in a person record only,
// 美国人 or 美国公民 as a field (李某，男，美国人，).

func (s *scan) nationality(h hit, e *entry) int {
	t := s.text
	if r, _ := runeAt(t, h.end); r == '贯' {
		return 0
	}
	score, reason := 0.9, ""
	ctx, ok := s.personNear(h.start)
	if !ok {
		score, reason = 0.6, NoPersonContext
	}
	f := pi.Finding{Type: pi.Nationality, Category: pi.CatBasic, Start: h.start, End: h.end, Score: score,
		Evidence: pi.Evidence{Validator: "rule:nationality", Context: ctxWords(e.term, ctx), Reason: reason}}
	if e.country != "" {
		f.SetAttr("country", e.country)
	} else {
		f.SetAttr("foreign", "true")
	}
	s.add(f)
	return h.end
}

// countryPerson reads 美国人, 美国公民 as a field of a person record.
func (s *scan) countryPerson(h hit, e *entry) int {
	t := s.text
	if !s.ctx.Person || s.ctx.Inherited {
		return 0
	}
	p, _ := runeBefore(t, h.start)
	q, _ := runeAt(t, h.end)
	if !(isOpenDelim(p) || p == '系' || p == '是' || p == '为') || !isCloseDelim(q) {
		return 0
	}
	f := pi.Finding{Type: pi.Nationality, Category: pi.CatBasic, Start: h.start, End: h.end, Score: 0.8,
		Evidence: pi.Evidence{Validator: "rule:nationality", Context: ctxWords(e.term, s.ctx)}}
	f.SetAttr("country", e.country)
	s.add(f)
	return h.end
}

// nationalityLabel reads the country after 国籍：.
func (s *scan) nationalityLabel(h hit) {
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
	if i == h.end {
		return
	}
	for _, c := range countries() {
		if hasPrefixAt(t, i, c) {
			end := i + len(c)
			if hasPrefixAt(t, end, "籍") {
				return // 国籍：美国籍 is read as a word
			}
			f := pi.Finding{Type: pi.Nationality, Category: pi.CatBasic, Start: i, End: end, Score: 0.95,
				Evidence: pi.Evidence{Validator: "rule:nationality", Context: []string{"国籍"}},
				Attrs:    []pi.Attr{{Key: "country", Value: c}}}
			s.add(f)
			s.setCtx("国籍")
			return
		}
	}
	if hasPrefixAt(t, i, "中华人民共和国") {
		f := pi.Finding{Type: pi.Nationality, Category: pi.CatBasic, Start: i, End: i + len("中华人民共和国"), Score: 0.95,
			Evidence: pi.Evidence{Validator: "rule:nationality", Context: []string{"国籍"}},
			Attrs:    []pi.Attr{{Key: "country", Value: "中国"}}}
		s.add(f)
	}
}

// ctxWords is the evidence context: the term and the person cue.
func ctxWords(term string, c Context) []string {
	if c.Person && c.Cue != "" {
		return []string{term, c.Cue}
	}
	return []string{term}
}
