package policy

import (
	"strconv"
	"strings"
)

var verdictWords = map[string]Text{
	Deny:           {ZH: "禁止", EN: "Denied"},
	Allow:          {ZH: "允许", EN: "Allowed"},
	AllowObl:       {ZH: "附义务允许", EN: "Allowed with obligations"},
	AllowNoConsent: {ZH: "无需同意即可处理（附义务）", EN: "Allowed without consent (with obligations)"},
	OutOfScope:     {ZH: "不适用个人信息保护法", EN: "Outside the PIPL"},
	Flag:           {ZH: "线索标记", EN: "Lead flagged"},
	Finding:        {ZH: "发现合规问题", EN: "Compliance findings"},
}

// summary writes the two languages side by side.
type summary struct{ zh, en strings.Builder }

func (m *summary) both(zh, en string) {
	m.zh.WriteString(zh)
	m.en.WriteString(en)
}

// list writes a label and the texts of obligations, joined.
func (m *summary) list(zhLabel, enLabel string, obs []Obligation, keep func(Obligation) bool) {
	first := true
	for _, o := range obs {
		if keep != nil && !keep(o) {
			continue
		}
		if first {
			m.both(zhLabel, enLabel)
			first = false
		} else {
			m.both("；", "; ")
		}
		m.both(o.Text.ZH, o.Text.EN)
		if o.Arg != "" {
			m.both("（"+o.Arg+"）", " ("+o.Arg+")")
		}
	}
	if !first {
		m.both("。", ".")
	}
}

// summarize writes the plain-language explanation in both languages: the
// verdict, why, on which provisions, and what must be done.
func summarize(e *Engine, s *state, d *Decision) Text {
	var m summary
	m.zh.Grow(512)
	m.en.Grow(1024)
	w := verdictWords[d.Verdict]
	m.both(w.ZH+"。"+d.Reason.ZH, w.EN+". "+d.Reason.EN)
	first := true
	for i, id := range d.RuleIDs {
		r, ok := e.byID[id]
		if !ok || seenCite(e, d.RuleIDs[:i], r.cite) {
			continue
		}
		if first {
			m.both(" 依据：", " Grounds: ")
			first = false
		} else {
			m.both("; ", "; ")
		}
		m.both(r.cite, r.cite)
	}
	if !first {
		m.both("。", ".")
	}
	if !s.missingIsReason {
		m.list(" 须先具备：", " First obtain: ", d.Missing, nil)
	}
	for i, it := range d.Denied {
		if i == 0 {
			m.both(" 不得处理：", " Not allowed: ")
		} else {
			m.both("、", ", ")
		}
		m.both(it.Item, it.Item)
		if i == len(d.Denied)-1 {
			m.both("。", ".")
		}
	}
	if d.Verdict != OutOfScope {
		m.list(" 应履行：", " Duties: ", d.Obligations, func(o Obligation) bool { return !o.Satisfied && !o.Baseline })
	}
	m.list(" 问题：", " Findings: ", d.Findings, nil)
	if d.Route != "" {
		m.both(" 办理途径："+d.Route, " Route: "+d.Route)
		if d.Deadline != "" {
			m.both("，期限 "+d.Deadline, ", deadline "+d.Deadline)
		}
		m.both("。", ".")
	}
	if d.Score > 0 {
		n := strconv.Itoa(d.Score)
		m.both(" 优先级分值 "+n+"。", " Priority score "+n+".")
	}
	m.list(" 推荐性国家标准建议：", " Recommended-standard advice: ", d.Advisory, nil)
	return Text{ZH: m.zh.String(), EN: m.en.String()}
}

// seenCite reports whether an earlier rule id has the same citation.
func seenCite(e *Engine, ids []string, cite string) bool {
	for _, id := range ids {
		if r, ok := e.byID[id]; ok && r.cite == cite {
			return true
		}
	}
	return false
}
