package policy

import (
	"slices"
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

// summary writes the two languages side by side, into the pooled
// buffers of a decision.
type summary struct{ zh, en []byte }

func (m *summary) both(zh, en string) {
	m.zh = append(m.zh, zh...)
	m.en = append(m.en, en...)
}

// list writes a label and the texts of obligations, joined.
func (m *summary) list(zhLabel, enLabel string, obs []Obligation, keep func(*Obligation) bool) {
	first := true
	for i := range obs {
		o := &obs[i]
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
			m.both("（", " (")
			m.both(o.Arg, o.Arg)
			m.both("）", ")")
		}
	}
	if !first {
		m.both("。", ".")
	}
}

// reason writes the verdict's reason: d.Reason, or one the summary makes
// (reasonMissing, reasonLead), whose lengths it notes in s.
func (m *summary) reason(s *state, d *Decision, kind int) {
	zh0, en0 := len(m.zh), len(m.en)
	switch kind {
	case reasonMissing:
		m.both("缺少前置条件：", "Pre-conditions not met: ")
		for i := range d.Missing {
			if i > 0 {
				m.both("；", "; ")
			}
			m.both(d.Missing[i].Text.ZH, d.Missing[i].Text.EN)
		}
		m.both("。", ".")
	case reasonLead:
		if len(d.Flags) == 0 {
			m.both("线索不符合公益诉讼条件。", "The lead does not meet the public-interest-litigation criteria.")
			break
		}
		m.both("线索标记：", "Lead flags: ")
		for i, f := range d.Flags {
			if i > 0 {
				m.both("、", ", ")
			}
			m.both(f.Item, f.Item)
		}
		m.both("。", ".")
	default:
		m.both(d.Reason.ZH, d.Reason.EN)
	}
	s.reasonZH, s.reasonEN = len(m.zh)-zh0, len(m.en)-en0
}

// summarize writes the plain-language explanation in both languages: the
// verdict, why, on which provisions, and what must be done. Both texts
// share one allocation.
func summarize(e *Engine, s *state, d *Decision, reasonKind int) Text {
	m := summary{zh: s.zh[:0], en: s.en[:0]}
	w := verdictWords[d.Verdict]
	m.both(w.ZH, w.EN)
	m.both("。", ". ")
	m.reason(s, d, reasonKind)
	first := true
	cites := s.cites[:0]
	for _, seq := range s.ruleIDs {
		r := e.rules[seq]
		// Each citation once.
		if slices.Contains(cites, r.citeID) {
			continue
		}
		cites = append(cites, r.citeID)
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
		m.list(" 应履行：", " Duties: ", d.Obligations, func(o *Obligation) bool { return !o.Satisfied && !o.Baseline })
	}
	m.list(" 问题：", " Findings: ", d.Findings, nil)
	if d.Route != "" {
		m.both(" 办理途径：", " Route: ")
		m.both(d.Route, d.Route)
		if d.Deadline != "" {
			m.both("，期限 ", ", deadline ")
			m.both(d.Deadline, d.Deadline)
		}
		m.both("。", ".")
	}
	if d.Score > 0 {
		m.both(" 优先级分值 ", " Priority score ")
		m.zh = strconv.AppendInt(m.zh, int64(d.Score), 10)
		m.en = strconv.AppendInt(m.en, int64(d.Score), 10)
		m.both("。", ".")
	}
	m.list(" 推荐性国家标准建议：", " Recommended-standard advice: ", d.Advisory, nil)
	s.zh, s.en, s.cites = m.zh, m.en, cites
	var b strings.Builder
	b.Grow(len(m.zh) + len(m.en))
	b.Write(m.zh)
	b.Write(m.en)
	str := b.String()
	return Text{ZH: str[:len(m.zh)], EN: str[len(m.zh):]}
}
