package redact

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/zh"
)

// Change is one transformation, as the review page shows it.
type Change struct {
	Type     pi.Type     `json:"type"`
	Category pi.Category `json:"category"`
	// Start and End are byte offsets of the original value in the input
	// text; OutStart and OutEnd of its replacement in the output.
	Start, End       int    `json:"-"`
	OutStart, OutEnd int    `json:"-"`
	Before           string `json:"before"`
	After            string `json:"after"`
	Op               string `json:"op"`
	Cite             string `json:"cite,omitempty"`
	Reason           string `json:"reason,omitempty"`
	// Kept is true for a finding the profile keeps as it is (reported so
	// the reviewer sees what stays).
	Kept bool `json:"kept,omitempty"`
	// Unit is true when a suppress rule removed the whole sentence or entry.
	Unit bool `json:"unit,omitempty"`
	// Location, filled by the caller for tables and JSON.
	Row    int    `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
	Path   string `json:"path,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// planned is a finding with the rule that applies to it.
type planned struct {
	f    pi.Finding
	rule *Rule
}

// nearMiss reports an identifier that failed its check but stands after
// its own label (身份证号 followed by 18 digits whose check character is
// wrong): mistyped or made up, the reader still takes it for one, so it is
// de-identified whatever its score.
func nearMiss(f *pi.Finding) bool {
	return strings.HasPrefix(f.Evidence.Reason, "near miss") && len(f.Evidence.Context) > 0
}

// Apply de-identifies text, whose findings are fs (byte offsets into
// text), and returns the new text and the changes. The input is never
// modified.
func (p *Profile) Apply(c *deid.Context, text []byte, fs []pi.Finding) ([]byte, []Change, error) {
	var plan []planned
	for _, f := range fs {
		if f.Score < p.MinScore && !nearMiss(&f) || f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			continue
		}
		plan = append(plan, planned{f: f, rule: p.Rule(&f)})
	}
	// suppress takes out the whole sentence or entry
	var units []subject.Unit
	for i := range plan {
		if r := plan[i].rule; r != nil && r.OpName == "suppress" {
			if units == nil {
				sorted := slices.Clone(fs)
				pi.SortByStart(sorted)
				units = subject.SplitEntries(text, subject.Units(text), sorted)
			}
			for _, u := range units {
				if u.Start <= plan[i].f.Start && plan[i].f.Start < u.End {
					plan[i].f.Start, plan[i].f.End = u.Start, max(u.End, plan[i].f.End)
					break
				}
			}
		}
	}
	sort.SliceStable(plan, func(i, j int) bool {
		if plan[i].f.Start != plan[j].f.Start {
			return plan[i].f.Start < plan[j].f.Start
		}
		return plan[i].f.End > plan[j].f.End
	})
	out := make([]byte, 0, len(text)+len(text)/8)
	var changes []Change
	// the words written into a document in traditional characters are
	// written in them too (未滿十四周歲, [已隱去])
	traditional := zh.IsTraditional(text)
	pos := 0      // next input byte to copy
	coverEnd := 0 // end of the last transformed span: findings inside it are covered
	for _, pl := range plan {
		f := pl.f
		if f.Start < coverEnd {
			continue // inside (or crossing) a span already replaced
		}
		value := string(text[f.Start:f.End])
		ch := Change{Type: f.Type, Category: f.Category, Start: f.Start, End: f.End, Before: value}
		if r := pl.rule; r == nil || r.OpName == "keep" {
			ch.Kept, ch.After, ch.Op = true, value, "keep"
			if r != nil {
				ch.Cite, ch.Reason = r.Cite, r.Reason
			}
			ch.OutStart = len(out) + (f.Start - pos)
			ch.OutEnd = ch.OutStart + len(value)
			changes = append(changes, ch)
			if f.Type == pi.Place {
				// a kept venue is kept whole: the clinic in 社区卫生服务中心
				// is part of the place, not an employer to hide
				out = append(out, text[pos:f.End]...)
				pos, coverEnd = f.End, f.End
			}
			continue // inner findings of other kept spans are still handled
		}
		r := pl.rule
		after := ""
		if r.OpName != "suppress" {
			a, err := r.Op.Apply(c, &f, value)
			if err != nil {
				return nil, nil, fmt.Errorf("%s (profile %s line %d) on a %s: %w", r.OpName, p.File, r.Line, f.Type, err)
			}
			after = validUTF8(a)
			if traditional {
				after = zh.Traditionalize(after)
			}
			if r.OpName == "pseudonym" {
				after = dropRepeatedLead(text[:f.Start], after)
			}
		}
		out = append(out, text[pos:f.Start]...)
		if after == "" && r.OpName != "suppress" {
			// a field taken out of a list takes its comma with it
			// (…东明县人，农民。 → …东明县人。, not …人，。)
			if n := listSepBefore(out, text, pos, f.Start); n > 0 && fieldEndAt(text, f.End) {
				out = out[:len(out)-n]
				ch.Start -= n
				ch.Before = string(text[ch.Start:f.End])
			}
		}
		ch.OutStart = len(out)
		out = append(out, after...)
		ch.OutEnd = len(out)
		if n := bytes.Count(text[f.Start:f.End], []byte("\n")); n > 0 && !strings.Contains(after, "\n") {
			// a span read across a hard-wrapped line's break: the lines
			// stay as many as they were
			out = append(out, bytes.Repeat([]byte("\n"), n)...)
		}
		ch.After, ch.Op, ch.Cite, ch.Reason, ch.Unit = after, r.OpName, r.Cite, r.Reason, r.OpName == "suppress"
		changes = append(changes, ch)
		pos, coverEnd = f.End, f.End
	}
	out = append(out, text[pos:]...)
	// kept spans were given output offsets assuming no change before them
	// in their stretch; recompute them from the final mapping
	fixKeptOffsets(changes)
	return out, changes, nil
}

// dropRepeatedLead drops from a pseudonym the word the text already has
// right before it (患者 + 患者A → 患者A, not 患者患者A): two to four Chinese
// characters, while something of the pseudonym remains; a noun of two
// after a person noun goes too when letters follow it (患者 + 人员A →
// 患者A; 其父亲 + 个体3 stays).
func dropRepeatedLead(before []byte, after string) string {
	for n := 4; n >= 2; n-- {
		lead, size := "", 0
		for i, r := range after {
			if i >= len(after) || !unicode.Is(unicode.Han, r) {
				break
			}
			size = i + utf8.RuneLen(r)
			if utf8.RuneCountInString(after[:size]) == n {
				lead = after[:size]
				break
			}
		}
		if lead != "" && size < len(after) && (bytes.HasSuffix(before, []byte(lead)) || n == 2 && hasPersonNoun(before) && !startsWithDigit(after[size:])) {
			return after[size:]
		}
	}
	return after
}

// personNouns say who a name that follows is (患者张三, 其父亲李四,
// 被告人王某): a pseudonym's own noun after one is said twice (患者人员A).
var personNouns = []string{"患者", "病例", "病人", "感染者", "接触者", "密接", "父亲", "母亲", "儿子", "女儿", "妻子", "丈夫",
	"爷爷", "奶奶", "外公", "外婆", "哥哥", "姐姐", "弟弟", "妹妹", "孙子", "孙女", "监护人", "家长", "户主", "学生", "同学",
	"老师", "居民", "村民", "员工", "职工", "嫌疑人", "被告人", "被害人", "被告", "原告", "证人", "申请人", "当事人", "联系人"}

// startsWithDigit reports whether s starts with an ASCII digit: 其父亲3
// would read as a number, so 个体3 keeps its noun.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// hasPersonNoun reports whether b ends with a person noun.
func hasPersonNoun(b []byte) bool {
	for _, w := range personNouns {
		if bytes.HasSuffix(b, []byte(w)) {
			return true
		}
	}
	return false
}

// fixKeptOffsets recomputes the output offsets of kept findings: a kept
// span's offset shifts by the length changes of the replacements before it.
func fixKeptOffsets(changes []Change) {
	shift := 0
	type rep struct{ start, end, delta int }
	var reps []rep
	for _, c := range changes {
		if !c.Kept {
			reps = append(reps, rep{c.Start, c.End, (c.OutEnd - c.OutStart) - (c.End - c.Start)})
		}
	}
	k := 0
	for i := range changes {
		c := &changes[i]
		if !c.Kept {
			continue
		}
		for k < len(reps) && reps[k].end <= c.Start {
			shift += reps[k].delta
			k++
		}
		c.OutStart = c.Start + shift
		// a kept span may contain replaced ones (a kept trajectory with a
		// name in it): its end moves by their deltas too
		d := 0
		for j := k; j < len(reps) && reps[j].start < c.End; j++ {
			d += reps[j].delta
		}
		c.OutEnd = c.End + shift + d
	}
}

// validUTF8 replaces invalid bytes: an operator must never emit them.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// listSepBefore returns the length of the list separator (，、,) that ends
// the output, when it was copied from the input right before start (and
// after pos, so it is the input's own), or 0.
func listSepBefore(out, text []byte, pos, start int) int {
	r, n := utf8.DecodeLastRune(out)
	if (r != '，' && r != '、' && r != ',') || start-n < pos || !bytes.Equal(text[start-n:start], out[len(out)-n:]) {
		return 0
	}
	return n
}

// fieldEndAt reports whether a list field ends at i: a separator, a
// sentence end or the end of the text follows.
func fieldEndAt(text []byte, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRune(text[i:])
	return strings.ContainsRune("，、,。；;）)\n", r)
}
