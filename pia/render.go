package pia

import (
	htmltemplate "html/template"
	"io"
	"strconv"
	"strings"
	"text/template"

	"github.com/custos-project/custos/policy"
)

// view is what both templates render.
type view struct {
	*Report
	Processor string
	Basis     string
	Subjects  string
	Open      []policy.Obligation
	InPlace   []policy.Obligation
}

func (r *Report) view() view {
	a := r.Activity
	v := view{Report: r}
	v.Processor = a.Processor.Name
	if v.Processor == "" {
		v.Processor = "(unnamed)"
	}
	v.Processor += " (" + orDash(a.Processor.Type) + ")"
	v.Basis = orDash(a.Basis)
	var subj []string
	if a.Subject.Age >= 0 {
		subj = append(subj, "age "+strconv.Itoa(a.Subject.Age))
	}
	subj = append(subj, a.Subject.SpecialGroups...)
	if a.Processor.VolumeIndividuals > 0 {
		subj = append(subj, strconv.Itoa(a.Processor.VolumeIndividuals)+" individuals")
	}
	v.Subjects = orDash(strings.Join(subj, "; "))
	for _, o := range r.Obligations {
		if o.Satisfied {
			v.InPlace = append(v.InPlace, o)
		} else {
			v.Open = append(v.Open, o)
		}
	}
	return v
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

var funcs = map[string]any{
	"date":    func(r *Report) string { return r.Date.Format("2006-01-02") },
	"keep":    func(r *Report) string { return r.KeepUntil.Format("2006-01-02") },
	"yesno":   func(b bool) string { return map[bool]string{true: "yes", false: "no"}[b] },
	"catname": categoryName,
	"join":    strings.Join,
	"ref":     func(o policy.Obligation) string { return o.Ref() },
	"inc":     func(i int) int { return i + 1 },
	"cell":    func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") },
	"dash":    orDash,
	"trim":    strings.TrimSpace,
	"source": func(c policy.CategoryView) string {
		if c.Implicit {
			return "implicit (§6.1)"
		}
		return "declared or scanned"
	},
}

// WriteMarkdown writes the report as Markdown.
func (r *Report) WriteMarkdown(w io.Writer) error { return mdTemplate.Execute(w, r.view()) }

// WriteHTML writes the report as a self-contained HTML page.
func (r *Report) WriteHTML(w io.Writer) error { return htmlTemplate.Execute(w, r.view()) }

var mdTemplate = template.Must(template.New("md").Funcs(funcs).Parse(`# 个人信息保护影响评估报告 — {{.Activity.Name}}

Personal information protection impact assessment (PIPL Arts 55–56)

| | |
|---|---|
| Activity | {{cell .Activity.Name}} |
| Processor | {{cell .Processor}} |
| Assessor | {{cell (dash .Activity.Assessor)}} |
| Date | {{date .Report}} |
| Outcome | **{{.Verdict}}** |
| Risk to individuals | **{{.Risk.Level}}** (score {{.Risk.Score}}) |
| Keep this report and the processing records until | {{keep .Report}} (PIPL Art 56: at least {{.KeepYears}} years) |

## 1. The processing activity

{{if .Activity.Description}}{{trim .Activity.Description}}

{{end}}- Purpose: {{.Activity.Purpose}}
- Legal basis: {{.Basis}}
- Subjects: {{.Subjects}}
- Retention: {{dash .Activity.Retention}}
{{- if .ScanSources}}
- Categories also found by scanning: {{join .ScanSources ", "}}
{{- end}}
{{if .Activity.Recipients}}
| Recipient | Role | Purpose | Overseas |
|---|---|---|---|
{{range .Activity.Recipients}}| {{cell .Name}} | {{cell (dash .Role)}} | {{cell (dash .Purpose)}} | {{if .Overseas}}yes{{if .Country}} ({{.Country}}){{end}}{{else}}no{{end}} |
{{end}}{{end}}
## 2. Personal information processed

| Category | Name | Sensitive (PIPL Art 28) | Sensitive (GB/T 35273) | Source |
|---|---|---|---|---|
{{range .Categories}}| {{.ID}} | {{catname .ID}} | {{yesno .SensitivePIPL}} | {{yesno .SensitiveGBT}} | {{source .}} |
{{end}}
## 3. Lawfulness, legitimacy and necessity (Art 56(1))

| # | Operation | Action | Decision | Deciding rules |
|---|---|---|---|---|
{{range $i, $s := .Steps}}| {{inc $i}} | {{cell (dash $s.Operation.Name)}} | {{$s.Operation.Action}} | {{$s.Decision.Verdict}} | {{join $s.Decision.RuleIDs ", "}} |
{{end}}
{{range $i, $s := .Steps}}**{{inc $i}}. {{$s.Operation.Action}}{{if $s.Operation.Name}} — {{$s.Operation.Name}}{{end}}.** {{$s.Decision.Summary.EN}}

> {{$s.Decision.Summary.ZH}}

{{end}}## 4. Impact on rights and interests, and security risks (Art 56(2))

Risk level **{{.Risk.Level}}** (score {{.Risk.Score}}; low < 3 ≤ medium < 6 ≤ high — an engine scale [I]):
{{range .Risk.Reasons}}
- {{.}}{{end}}

## 5. Protective measures (Art 56(3))

### Pre-conditions not met
{{if .Missing}}
| Code | Requirement | Rules |
|---|---|---|
{{range .Missing}}| {{ref .}} | {{cell .Text.EN}} / {{cell .Text.ZH}} | {{join .Rules ", "}} |
{{end}}{{else}}
None: every pre-condition the rules require is in place.
{{end}}
### Duties to carry out

{{if .Open}}| Code | Duty | Rules |
|---|---|---|
{{range .Open}}| {{ref .}} | {{cell .Text.EN}} / {{cell .Text.ZH}} | {{join .Rules ", "}} |
{{end}}{{else}}None.
{{end}}
### Already in place

{{if .InPlace}}{{range .InPlace}}- {{ref .}} — {{.Text.EN}} ({{join .Rules ", "}})
{{end}}{{else}}None declared.
{{end}}
### Processor-level findings

{{if .Findings}}{{range .Findings}}- **{{ref .}}** — {{.Text.EN}} / {{.Text.ZH}} ({{join .Rules ", "}})
{{end}}{{else}}None.
{{end}}
### Recommended-standard advice (GB/T, advisory)

{{if .Advisory}}{{range .Advisory}}- {{ref .}} — {{.Text.EN}} ({{join .Rules ", "}})
{{end}}{{else}}None.
{{end}}
## 6. Record keeping

Under PIPL Art 56¶2 this report and the processing records must be kept for at least {{.KeepYears}} years: until **{{keep .Report}}** at the earliest. Provision and entrustment records likewise (NDSR Art 12).

## Rules applied

| Rule | Citation | Tag | Title |
|---|---|---|---|
{{range .Rules}}| {{.ID}} | {{cell .Citation}} | {{.Tag}} | {{cell .Title}}{{if .By}} (overridden by {{.By}}){{end}} |
{{end}}
Tags: [P] checked against the primary text; [S] secondary source; [M] recalled, unverified; [SRC] mission sources only; [I] interpretation. Citations tagged [M] or [SRC] need a gazette check before they are relied on.
`))

var htmlTemplate = htmltemplate.Must(htmltemplate.New("html").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>个人信息保护影响评估报告 — {{.Activity.Name}}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.verdict-DENY, .risk-high { color: #a40000; font-weight: bold; }
.verdict-PROCEED, .risk-low { color: #0b6b2b; font-weight: bold; }
.verdict-FINDING, .risk-medium { color: #8a5a00; font-weight: bold; }
blockquote { margin: 0.3rem 0 1rem 1rem; color: #444; }
.note { font-size: 0.9rem; color: #555; }
</style>
</head>
<body>
<h1>个人信息保护影响评估报告 — {{.Activity.Name}}</h1>
<p>Personal information protection impact assessment (PIPL Arts 55–56)</p>
<table>
<tr><th>Activity</th><td>{{.Activity.Name}}</td></tr>
<tr><th>Processor</th><td>{{.Processor}}</td></tr>
<tr><th>Assessor</th><td>{{dash .Activity.Assessor}}</td></tr>
<tr><th>Date</th><td>{{date .Report}}</td></tr>
<tr><th>Outcome</th><td class="verdict-{{.Verdict}}">{{.Verdict}}</td></tr>
<tr><th>Risk to individuals</th><td class="risk-{{.Risk.Level}}">{{.Risk.Level}} (score {{.Risk.Score}})</td></tr>
<tr><th>Keep until</th><td>{{keep .Report}} (PIPL Art 56: at least {{.KeepYears}} years)</td></tr>
</table>

<h2>1. The processing activity</h2>
{{if .Activity.Description}}<p>{{trim .Activity.Description}}</p>{{end}}
<ul>
<li>Purpose: {{.Activity.Purpose}}</li>
<li>Legal basis: {{.Basis}}</li>
<li>Subjects: {{.Subjects}}</li>
<li>Retention: {{dash .Activity.Retention}}</li>
{{if .ScanSources}}<li>Categories also found by scanning: {{join .ScanSources ", "}}</li>{{end}}
</ul>
{{if .Activity.Recipients}}<table>
<tr><th>Recipient</th><th>Role</th><th>Purpose</th><th>Overseas</th></tr>
{{range .Activity.Recipients}}<tr><td>{{.Name}}</td><td>{{dash .Role}}</td><td>{{dash .Purpose}}</td><td>{{if .Overseas}}yes{{if .Country}} ({{.Country}}){{end}}{{else}}no{{end}}</td></tr>
{{end}}</table>{{end}}

<h2>2. Personal information processed</h2>
<table>
<tr><th>Category</th><th>Name</th><th>Sensitive (PIPL Art 28)</th><th>Sensitive (GB/T 35273)</th><th>Source</th></tr>
{{range .Categories}}<tr><td>{{.ID}}</td><td>{{catname .ID}}</td><td>{{yesno .SensitivePIPL}}</td><td>{{yesno .SensitiveGBT}}</td><td>{{source .}}</td></tr>
{{end}}</table>

<h2>3. Lawfulness, legitimacy and necessity (Art 56(1))</h2>
<table>
<tr><th>#</th><th>Operation</th><th>Action</th><th>Decision</th><th>Deciding rules</th></tr>
{{range $i, $s := .Steps}}<tr><td>{{inc $i}}</td><td>{{dash $s.Operation.Name}}</td><td>{{$s.Operation.Action}}</td><td class="verdict-{{$s.Decision.Verdict}}">{{$s.Decision.Verdict}}</td><td>{{join $s.Decision.RuleIDs ", "}}</td></tr>
{{end}}</table>
{{range $i, $s := .Steps}}<p><strong>{{inc $i}}. {{$s.Operation.Action}}{{if $s.Operation.Name}} — {{$s.Operation.Name}}{{end}}.</strong> {{$s.Decision.Summary.EN}}</p>
<blockquote lang="zh-CN">{{$s.Decision.Summary.ZH}}</blockquote>
{{end}}
<h2>4. Impact on rights and interests, and security risks (Art 56(2))</h2>
<p>Risk level <span class="risk-{{.Risk.Level}}">{{.Risk.Level}}</span> (score {{.Risk.Score}}; low &lt; 3 ≤ medium &lt; 6 ≤ high — an engine scale [I]):</p>
<ul>{{range .Risk.Reasons}}<li>{{.}}</li>{{end}}</ul>

<h2>5. Protective measures (Art 56(3))</h2>
<h3>Pre-conditions not met</h3>
{{if .Missing}}<table>
<tr><th>Code</th><th>Requirement</th><th>Rules</th></tr>
{{range .Missing}}<tr><td>{{ref .}}</td><td>{{.Text.EN}} / {{.Text.ZH}}</td><td>{{join .Rules ", "}}</td></tr>
{{end}}</table>{{else}}<p>None: every pre-condition the rules require is in place.</p>{{end}}
<h3>Duties to carry out</h3>
{{if .Open}}<table>
<tr><th>Code</th><th>Duty</th><th>Rules</th></tr>
{{range .Open}}<tr><td>{{ref .}}</td><td>{{.Text.EN}} / {{.Text.ZH}}</td><td>{{join .Rules ", "}}</td></tr>
{{end}}</table>{{else}}<p>None.</p>{{end}}
<h3>Already in place</h3>
{{if .InPlace}}<ul>{{range .InPlace}}<li>{{ref .}} — {{.Text.EN}} ({{join .Rules ", "}})</li>{{end}}</ul>{{else}}<p>None declared.</p>{{end}}
<h3>Processor-level findings</h3>
{{if .Findings}}<ul>{{range .Findings}}<li><strong>{{ref .}}</strong> — {{.Text.EN}} / {{.Text.ZH}} ({{join .Rules ", "}})</li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
<h3>Recommended-standard advice (GB/T, advisory)</h3>
{{if .Advisory}}<ul>{{range .Advisory}}<li>{{ref .}} — {{.Text.EN}} ({{join .Rules ", "}})</li>{{end}}</ul>{{else}}<p>None.</p>{{end}}

<h2>6. Record keeping</h2>
<p>Under PIPL Art 56¶2 this report and the processing records must be kept for at least {{.KeepYears}} years: until <strong>{{keep .Report}}</strong> at the earliest. Provision and entrustment records likewise (NDSR Art 12).</p>

<h2>Rules applied</h2>
<table>
<tr><th>Rule</th><th>Citation</th><th>Tag</th><th>Title</th></tr>
{{range .Rules}}<tr><td>{{.ID}}</td><td>{{.Citation}}</td><td>{{.Tag}}</td><td>{{.Title}}{{if .By}} (overridden by {{.By}}){{end}}</td></tr>
{{end}}</table>
<p class="note">Tags: [P] checked against the primary text; [S] secondary source; [M] recalled, unverified; [SRC] mission sources only; [I] interpretation. Citations tagged [M] or [SRC] need a gazette check before they are relied on.</p>
</body>
</html>
`))
