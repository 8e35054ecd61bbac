package redact

import (
	"html/template"
	"io"
	"sort"
	"time"
)

// Review is what the review page shows for one input.
type Review struct {
	Input, Output string
	Profile       *Profile
	Result        *Result
	Generated     time.Time
}

type segment struct {
	Text   string
	Change *Change
}

// segments cuts text into plain stretches and the spans of changes, using
// the input offsets (before) or the output offsets (after).
func segments(text []byte, changes []Change, after bool) []segment {
	var cs []*Change
	for i := range changes {
		cs = append(cs, &changes[i])
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i].Start, cs[j].Start
		if after {
			a, b = cs[i].OutStart, cs[j].OutStart
		}
		return a < b
	})
	var out []segment
	pos := 0
	for _, c := range cs {
		s, e := c.Start, c.End
		if after {
			s, e = c.OutStart, c.OutEnd
		}
		if s < pos || e > len(text) || s > e {
			continue // nested in a span already shown
		}
		out = append(out, segment{Text: string(text[pos:s])}, segment{Text: string(text[s:e]), Change: c})
		pos = e
	}
	return append(out, segment{Text: string(text[pos:])})
}

var reviewPage = template.Must(template.New("review").Funcs(template.FuncMap{
	"segments": segments,
	"count": func(cs []Change, kept bool) int {
		n := 0
		for _, c := range cs {
			if c.Kept == kept {
				n++
			}
		}
		return n
	},
}).Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>去标识化审阅 · {{.Input}}</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222;line-height:1.7}
.warn{background:#fff3cd;border:1px solid #e0c36a;padding:.6em 1em;border-radius:4px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
pre{white-space:pre-wrap;word-break:break-all;background:#fafafa;border:1px solid #ddd;padding:1em;border-radius:4px}
mark.ch{background:#ffd6d6} mark.kept{background:#d6f0d6} ins{background:#d6e4ff;text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:.92em} td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f0f0f0} code{font-size:.95em}
</style></head><body>
<h1>去标识化审阅 De-identification review</h1>
<p class="warn">本页含有原始个人信息，仅供发布前审阅，审阅后请删除。This page holds the original personal information: review it before publishing, then delete it.</p>
<p>输入 Input: <code>{{.Input}}</code> → 输出 Output: <code>{{.Output}}</code><br>
配置 Profile: <strong>{{.Profile.Name}}</strong> — {{.Profile.Description}} {{if .Profile.Cite}}(依据 {{range $i, $c := .Profile.Cite}}{{if $i}}, {{end}}{{$c}}{{end}}){{end}}<br>
改动 {{count .Result.Changes false}} 处，保留 {{count .Result.Changes true}} 处 · {{.Result.Format}}, {{.Result.Encoding}} · {{.Generated.Format "2006-01-02 15:04"}}</p>
{{if .Result.Text}}
<div class="cols">
<div><h2>原文 Before</h2><pre>{{range segments .Result.Text .Result.Changes false}}{{if .Change}}{{if .Change.Kept}}<mark class="kept" title="{{.Change.Type}}: {{.Change.Op}}">{{.Text}}</mark>{{else}}<mark class="ch" title="{{.Change.Type}} → {{.Change.Op}}">{{.Text}}</mark>{{end}}{{else}}{{.Text}}{{end}}{{end}}</pre></div>
<div><h2>发布稿 After</h2><pre>{{range segments .Result.Output .Result.Changes true}}{{if .Change}}{{if .Change.Kept}}<mark class="kept">{{.Text}}</mark>{{else}}<ins title="{{.Change.Op}}">{{.Text}}</ins>{{end}}{{else}}{{.Text}}{{end}}{{end}}</pre></div>
</div>
{{end}}
<h2>改动明细 Changes</h2>
<table><tr><th>#</th><th>位置 Where</th><th>类型 Type</th><th>原文 Before</th><th>处理后 After</th><th>操作 Operator</th><th>依据 Rule</th><th>理由 Reason</th></tr>
{{range $i, $c := .Result.Changes}}<tr{{if $c.Kept}} style="color:#4a7a4a"{{end}}><td>{{$i}}</td><td>{{if $c.Row}}第{{$c.Row}}行 {{$c.Column}}{{else if $c.Line}}第{{$c.Line}}行{{end}}{{if $c.Path}} <code>{{$c.Path}}</code>{{end}}</td>
<td>{{$c.Type}}<br><small>{{$c.Category}}</small></td><td>{{$c.Before}}</td><td>{{if $c.Unit}}（整句删除）{{else}}{{$c.After}}{{end}}</td><td>{{$c.Op}}</td><td>{{$c.Cite}}</td><td>{{$c.Reason}}</td></tr>
{{end}}</table>
</body></html>
`))

// WriteReview writes the HTML review page.
func WriteReview(w io.Writer, r Review) error {
	if r.Generated.IsZero() {
		r.Generated = time.Now()
	}
	return reviewPage.Execute(w, r)
}
