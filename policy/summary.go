package policy

import (
	"fmt"
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

// summarize writes the plain-language explanation in both languages: the
// verdict, why, on which provisions, and what must be done.
func summarize(e *Engine, s *state, d *Decision) Text {
	var zh, en strings.Builder
	w := verdictWords[d.Verdict]
	fmt.Fprintf(&zh, "%s。%s", w.ZH, d.Reason.ZH)
	fmt.Fprintf(&en, "%s. %s", w.EN, d.Reason.EN)
	if cites := citations(e, d.RuleIDs); cites != "" {
		fmt.Fprintf(&zh, " 依据：%s。", cites)
		fmt.Fprintf(&en, " Grounds: %s.", cites)
	}
	if len(d.Missing) > 0 {
		zh.WriteString(" 须先具备：" + joinTexts(d.Missing, true) + "。")
		en.WriteString(" First obtain: " + joinTexts(d.Missing, false) + ".")
	}
	if len(d.Denied) > 0 {
		items := make([]string, len(d.Denied))
		for i, it := range d.Denied {
			items[i] = it.Item
		}
		zh.WriteString(" 不得处理：" + strings.Join(items, "、") + "。")
		en.WriteString(" Not allowed: " + strings.Join(items, ", ") + ".")
	}
	if d.Verdict != OutOfScope && len(d.Obligations) > 0 {
		var open []Obligation
		for _, o := range d.Obligations {
			if !o.Satisfied && !o.Baseline {
				open = append(open, o)
			}
		}
		if len(open) > 0 {
			zh.WriteString(" 应履行：" + joinTexts(open, true) + "。")
			en.WriteString(" Duties: " + joinTexts(open, false) + ".")
		}
	}
	if len(d.Findings) > 0 {
		zh.WriteString(" 问题：" + joinTexts(d.Findings, true) + "。")
		en.WriteString(" Findings: " + joinTexts(d.Findings, false) + ".")
	}
	if d.Route != "" {
		fmt.Fprintf(&zh, " 办理途径：%s", d.Route)
		fmt.Fprintf(&en, " Route: %s", d.Route)
		if d.Deadline != "" {
			fmt.Fprintf(&zh, "，期限 %s", d.Deadline)
			fmt.Fprintf(&en, ", deadline %s", d.Deadline)
		}
		zh.WriteString("。")
		en.WriteString(".")
	}
	if d.Score > 0 {
		fmt.Fprintf(&zh, " 优先级分值 %d。", d.Score)
		fmt.Fprintf(&en, " Priority score %d.", d.Score)
	}
	if len(d.Advisory) > 0 {
		zh.WriteString(" 推荐性国家标准建议：" + joinTexts(d.Advisory, true) + "。")
		en.WriteString(" Recommended-standard advice: " + joinTexts(d.Advisory, false) + ".")
	}
	return Text{ZH: zh.String(), EN: en.String()}
}

func citations(e *Engine, ids []string) string {
	var parts []string
	for _, id := range ids {
		if r, ok := e.byID[id]; ok {
			c := r.cite
			if !contains(parts, c) {
				parts = append(parts, c)
			}
		}
	}
	return strings.Join(parts, "; ")
}

func joinTexts(list []Obligation, zh bool) string {
	parts := make([]string, len(list))
	for i, o := range list {
		t := o.Text.EN
		if zh {
			t = o.Text.ZH
		}
		if o.Arg != "" {
			t += "（" + o.Arg + "）"
			if !zh {
				t = o.Text.EN + " (" + o.Arg + ")"
			}
		}
		parts[i] = t
	}
	if zh {
		return strings.Join(parts, "；")
	}
	return strings.Join(parts, "; ")
}
