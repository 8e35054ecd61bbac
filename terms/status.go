package terms

import (
	"strings"

	"github.com/custos-project/custos/pi"
)

// Status fields: a form's 政治面貌 and 婚姻状况 (HR rosters, cadre
// appointment notices, household registers) are answered from a short
// closed set, some of whose answers are no term of the lists in prose
// (群众 is "the masses", 未婚 in a survey is nobody's). After the field's
// label, or in a column under it, the answer is the person's.

// statusField is one kind of status field: its labels, the type of its
// answers and the answers with their kind.
type statusField struct {
	labels  []string
	typ     pi.Type
	cat     pi.Category
	answers map[string]string
}

var statusFields = []statusField{
	{labels: []string{"政治面貌"}, typ: pi.Political, cat: pi.CatBasic, answers: map[string]string{
		"群众": "masses", "中共党员": "party", "中国共产党党员": "party", "中共预备党员": "party", "预备党员": "party",
		"党员": "party", "共产党员": "party", "共青团员": "league", "团员": "league", "少先队员": "pioneer",
		"民革党员": "democratic", "民革会员": "democratic", "民盟盟员": "democratic", "民建会员": "democratic",
		"民进会员": "democratic", "农工党党员": "democratic", "致公党党员": "democratic", "九三学社社员": "democratic",
		"台盟盟员": "democratic", "中国民主同盟盟员": "democratic", "中国民主建国会会员": "democratic",
		"中国民主促进会会员": "democratic", "中国农工民主党党员": "democratic", "中国致公党党员": "democratic", "台湾民主自治同盟盟员": "democratic",
		"民主党派": "democratic", "无党派人士": "none", "无党派民主人士": "none", "无党派": "none"}},
	{labels: []string{"婚姻状况", "婚姻状态", "婚姻情况", "婚姻", "婚否"}, typ: pi.MaritalStatus, cat: pi.CatOtherSensitive, answers: map[string]string{
		"已婚": "status", "未婚": "status", "离异": "status", "离婚": "status", "丧偶": "status", "再婚": "status",
		"初婚": "status", "复婚": "status", "分居": "status", "已婚已育": "status", "已婚未育": "status"}},
}

// statusLabelWords are the labels the automaton finds.
func statusLabelWords() []string {
	var ws []string
	for _, f := range statusFields {
		ws = append(ws, f.labels...)
	}
	return ws
}

// statusOf returns the status field a label (a word of the text or a
// column's name) asks for, nil if none.
func statusOf(label string) *statusField {
	for i := range statusFields {
		if containsAny(label, statusFields[i].labels) {
			return &statusFields[i]
		}
	}
	return nil
}

// statusFinding is the finding of a status field's answer.
func statusFinding(f *statusField, start, end int, kind, label string) pi.Finding {
	return pi.Finding{Type: f.typ, Category: f.cat, Start: start, End: end, Score: 0.9, Source: Source,
		Evidence: pi.Evidence{Validator: "field:" + string(f.typ), Valid: true, Context: []string{label}},
		Attrs:    []pi.Attr{{Key: "kind", Value: kind}}}
}

// statusLabel reads the answer after a status field's label (政治面貌：群众,
// 婚姻状况 未婚): a colon, a space or 为, then one of the field's answers
// that ends the run of Chinese characters.
func (s *scan) statusLabel(h hit) {
	t := s.text
	label := string(t[h.start:h.end])
	f := statusOf(label)
	if f == nil {
		return
	}
	i, ok := fieldValue(t, h.end)
	if !ok {
		return
	}
	j := i
	for k := 0; k < 8; k++ {
		r, n := runeAt(t, j)
		if !isHan(r) {
			break
		}
		j += n
	}
	kind, ok := f.answers[string(t[i:j])]
	if !ok {
		return
	}
	s.add(statusFinding(f, i, j, kind, label))
	s.setCtx(label)
}

// statusCell is the finding of a cell under a status column (政治面貌: 群众),
// ok false when the cell is no answer of the column's field.
func statusCell(label, cell string, start, end int) (pi.Finding, bool) {
	f := statusOf(label)
	if f == nil {
		return pi.Finding{}, false
	}
	kind, ok := f.answers[strings.TrimSpace(cell)]
	if !ok {
		return pi.Finding{}, false
	}
	return statusFinding(f, start, end, kind, label), true
}
