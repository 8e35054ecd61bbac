package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// notice is a page of the kind a township government publishes: a list of
// residents in a table (names and numbers invented).
const notice = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于发放2023年度高龄津贴的公示</title>
<meta name="author" content="民政办 王五">
<style>td { padding: 2px; }</style>
<script>var tel = "13900000000";</script>
</head>
<body>
<h1>高龄津贴发放名单公示</h1>
<p>经审核，以下人员符合条件，现予公示。联系人：<b>李</b>老师，电话<a href="tel:01012345678">010-12345678</a>。</p>
<table>
<tr><th>姓名</th><th>身份证号</th><th>手机号</th></tr>
<tr><td>张三</td><td>110105193805120036</td><td>13812345678</td></tr>
<tr><td>李&nbsp;四</td><td>110105193511230047</td><td>15912345678</td></tr>
</table>
<!-- 内部备注：赵六 13700137000 -->
<img src="seal.png" alt="盖章：某某镇人民政府">
</body>
</html>
`

func TestReadHTML(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		opt      Options
		want     []loc
		problems []problemAt
	}{
		{
			name: "empty input",
			in:   "",
		},
		{
			name: "entities decoded",
			in:   "<p>&lt;张三&gt; &amp; 李四：&#x4e2d;&#20013;&nbsp;</p>",
			want: []loc{{text: "<张三> & 李四：中中", line: 1, col: 3, off: 3}},
		},
		{
			name: "position after leading entities is exact",
			in:   "<p>&nbsp;&#32;张三，电话13812345678</p>",
			want: []loc{{text: "张三，电话13812345678", line: 1, col: 14, off: 14}},
		},
		{
			name: "script and style skipped",
			in:   "<p>甲</p><script>var phone = \"13800138000\";</script><style>.x{content:\"13900139000\"}</style><p>乙</p>",
			want: []loc{
				{text: "甲", line: 1, col: 3, off: 3},
				{text: "乙", line: 1, col: 94, off: 96},
			},
		},
		{
			name: "JSON data in a script is emitted",
			in:   `<script type="application/ld+json">{"name": "张三", "telephone": "13800138000"}</script>`,
			want: []loc{{text: `{"name": "张三", "telephone": "13800138000"}`, line: 1, col: 35, off: 35}},
		},
		{
			name: "inline tags join text",
			in:   `<p>病例张<b>三</b>，<span>男</span>，<a href="/x">电话</a><em>13912345678</em>。</p>`,
			want: []loc{{text: "病例张三，男，电话13912345678。", line: 1, col: 3, off: 3}},
		},
		{
			name: "table cells are separate fragments",
			in:   "<table><tr><th>姓名</th><th>手机号</th></tr>\n<tr><td>张三</td><td>13812345678</td><td>15912345678</td></tr></table>",
			want: []loc{
				{text: "姓名", line: 1, col: 15, off: 15, column: "姓名", path: "table[1]"},
				{text: "手机号", line: 1, col: 26, off: 30, column: "手机号", path: "table[1]"},
				{text: "张三", line: 2, col: 8, off: 58, row: 1, column: "姓名", path: "table[1]"},
				{text: "13812345678", line: 2, col: 19, off: 73, row: 1, column: "手机号", path: "table[1]"},
				{text: "15912345678", line: 2, col: 39, off: 93, row: 1, column: "3", path: "table[1]"},
			},
		},
		{
			name: "block tags end a run",
			in:   "张三<br>13812345678<div>李四</div>王五<li>赵六",
			want: []loc{
				{text: "张三", line: 1},
				{text: "13812345678", line: 1, col: 6, off: 10},
				{text: "李四", line: 1, col: 22, off: 26},
				{text: "王五", line: 1, col: 30, off: 38},
				{text: "赵六", line: 1, col: 36, off: 48},
			},
		},
		{
			name: "attributes",
			in:   `<img src="a.png" alt="张三的照片"><input placeholder="请输入手机号" value=13812345678><abbr title=' 身份证号 '>ID</abbr>`,
			want: []loc{
				{text: "张三的照片", line: 1, col: 22, off: 22, path: "@alt"},
				{text: "请输入手机号", line: 1, col: 49, off: 59, path: "@placeholder"},
				{text: "13812345678", line: 1, col: 63, off: 85, path: "@value"},
				{text: "身份证号", line: 1, col: 89, off: 111, path: "@title"},
				{text: "ID", line: 1, col: 96, off: 126},
			},
		},
		{
			name: "attribute values wait for the run around them",
			in:   `<p>联系人<span title="姓名">张三</span>，<a href="tel:13812345678">电话</a></p>`,
			want: []loc{
				{text: "联系人张三，电话", line: 1, col: 3, off: 3},
				{text: "姓名", line: 1, col: 19, off: 25, path: "@title"},
				{text: "tel:13812345678", line: 1, col: 42, off: 58, path: "@href"},
			},
		},
		{
			name: "meta content, other links and attributes ignored",
			in:   `<meta name="description" content="联系人：王五"><a href="/user/13812345678" class="13900139000" data-x="1">链接</a>`,
			want: []loc{
				{text: "联系人：王五", line: 1, col: 34, off: 34, path: "@content"},
				{text: "链接", line: 1, col: 101, off: 113},
			},
		},
		{
			name: "position on line 3",
			in:   "<html>\n<body>\n<tr><td>甲</td><td>乙 13812345678</td></tr>\n",
			want: []loc{
				{text: "甲", line: 3, col: 8, off: 22},
				{text: "乙 13812345678", line: 3, col: 18, off: 34},
			},
		},
		{
			name: "comments and doctype skipped",
			in:   "<!DOCTYPE html><!-- 张三 13800138000 --><?xml version=\"1.0\"?><p>正文</p>",
			want: []loc{{text: "正文", line: 1, col: 62, off: 66}},
		},
		{
			name: "a comment inside a run does not cut it",
			in:   "<p>张<!-- x -->三</p>",
			want: []loc{{text: "张三", line: 1, col: 3, off: 3}},
		},
		{
			name: "noscript and template content kept",
			in:   "<noscript><p>请启用脚本，或致电13800138000</p></noscript><template><td>李四</td></template>",
			want: []loc{
				{text: "请启用脚本，或致电13800138000", line: 1, col: 13, off: 13},
				{text: "李四", line: 1, col: 62, off: 80},
			},
		},
		{
			name: "title and textarea",
			in:   "<title>张三 &amp; 李四</title><textarea>备注：<b>不是标签</b></textarea>",
			want: []loc{
				{text: "张三 & 李四", line: 1, col: 7, off: 7},
				{text: "备注：<b>不是标签</b>", line: 1, col: 36, off: 44},
			},
		},
		{
			name: "whitespace-only text not emitted",
			in:   "<div>  \n\t </div><p>&nbsp;\u3000</p><img alt=\" \">",
		},
		{
			name: "CRLF and spaces inside a run kept",
			in:   "<p>\r\n  张三\r\n  李四  \r\n</p>",
			want: []loc{{text: "张三\r\n  李四", line: 2, col: 2, off: 7}},
		},
		{
			name: "malformed HTML still yields its text",
			in:   "<p>张三<b>13812345678<p>李四 < 王五 <div <span>赵六</span></tbody></p>>尾<td",
			want: []loc{
				{text: "张三13812345678", line: 1, col: 3, off: 3},
				{text: "李四 < 王五", line: 1, col: 22, off: 26},
				{text: "赵六", line: 1, col: 41, off: 53},
				{text: ">尾", line: 1, col: 62, off: 78},
			},
		},
		{
			name: "unclosed script is reported",
			in:   "<p>甲</p>\n<script>var a = 1;\n<p>乙 13800138000</p>",
			want: []loc{{text: "甲", line: 1, col: 3, off: 3}},
			problems: []problemAt{
				{line: 2, col: 1, contains: "unclosed <script>"},
			},
		},
		{
			name: "long run cut after a newline",
			in:   "<pre>张三 13812345678\n李四 15912345678\n王五</pre>",
			opt:  Options{MaxFragment: 32},
			want: []loc{
				{text: "张三 13812345678\n李四 15912345678", line: 1, col: 5, off: 5},
				{text: "王五", line: 3, off: 43},
			},
		},
		{
			name: "notice",
			in:   notice,
			want: []loc{
				{text: "关于发放2023年度高龄津贴的公示", line: 5, col: 7, off: 73},
				{text: "民政办 王五", line: 6, col: 29, off: 154, path: "@content"},
				{text: "高龄津贴发放名单公示", line: 11, col: 4, off: 270},
				{text: "经审核，以下人员符合条件，现予公示。联系人：李老师，电话010-12345678。", line: 12, col: 3, off: 309},
				{text: "tel:01012345678", line: 12, col: 47, off: 409, path: "@href"},
				{text: "姓名", line: 14, col: 8, off: 466, column: "姓名", path: "table[1]"},
				{text: "身份证号", line: 14, col: 19, off: 481, column: "身份证号", path: "table[1]"},
				{text: "手机号", line: 14, col: 32, off: 502, column: "手机号", path: "table[1]"},
				{text: "张三", line: 15, col: 8, off: 530, row: 1, column: "姓名", path: "table[1]"},
				{text: "110105193805120036", line: 15, col: 19, off: 545, row: 1, column: "身份证号", path: "table[1]"},
				{text: "13812345678", line: 15, col: 46, off: 572, row: 1, column: "手机号", path: "table[1]"},
				{text: "李\u00a0四", line: 16, col: 8, off: 602, row: 2, column: "姓名", path: "table[1]"},
				{text: "110105193511230047", line: 16, col: 25, off: 623, row: 2, column: "身份证号", path: "table[1]"},
				{text: "15912345678", line: 16, col: 52, off: 650, row: 2, column: "手机号", path: "table[1]"},
				{text: "盖章：某某镇人民政府", line: 19, col: 25, off: 749, path: "@alt"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, "a.html", tt.in, tt.opt)
			if res.err != nil {
				t.Fatal(res.err)
			}
			checkFrags(t, res.frags, tt.want)
			checkProblems(t, res.problems, tt.problems)
			checkHTMLFrags(t, "a.html", []byte(tt.in), res.frags, tt.opt.MaxFragment)
		})
	}
}

// TestReadHTMLDetectsFormat reads a GBK page through Read with the format
// left to be found, from the name and from the content.
func TestReadHTMLDetectsFormat(t *testing.T) {
	page := "<!DOCTYPE html>\n<html><body><p>联系人：张<b>三</b></p><table><tr><td>13812345678</td><td>15912345678</td></tr></table></body></html>\n"
	want := []loc{
		{text: "联系人：张三", line: 2, col: 15, off: 31},
		{text: "13812345678", line: 2, col: 47, off: 75, row: 1, column: "1", path: "table[1]"},
		{text: "15912345678", line: 2, col: 67, off: 95, row: 1, column: "2", path: "table[1]"},
	}
	inputs := map[string][]byte{
		"gbk":      encode(t, simplifiedchinese.GBK, page),
		"utf-8":    []byte(page),
		"utf-16le": encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), page),
	}
	for enc, in := range inputs {
		for _, name := range []string{"notice.html", "notice.HTM", "-", "notice"} {
			t.Run(enc+"/"+name, func(t *testing.T) {
				res := readAll(t, name, bytes.NewReader(in), Options{})
				if res.err != nil || len(res.problems) > 0 {
					t.Fatalf("err %v, problems %v", res.err, res.problems)
				}
				checkFrags(t, res.frags, want)
			})
		}
	}
	t.Run("not sniffed without a doctype or html tag", func(t *testing.T) {
		res := readString(t, "-", "<p>张三</p>\n", Options{})
		if len(res.frags) != 1 || string(res.frags[0].Text) != "<p>张三</p>\n" {
			t.Errorf("got %v, want the input as text", res.frags)
		}
	})
	t.Run("format forced", func(t *testing.T) {
		res := readString(t, "a.txt", "<p>张三</p>", Options{Format: "htm"})
		checkFrags(t, res.frags, []loc{{text: "张三", line: 1, col: 3, off: 3}})
	})
}

// squeeze joins the text of the fragments without their whitespace, with
// attribute values apart: what must not change however the input is cut.
// The text says where each table row starts and ends, by a mark with its
// table and Row (not Column: a header cell cut into fragments has one
// Column per fragment).
func squeeze(frags []Fragment) (text string, attrs []string) {
	var b strings.Builder
	row := ""
	for _, f := range frags {
		s := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, string(f.Text))
		if strings.HasPrefix(f.Loc.Path, "@") {
			attrs = append(attrs, f.Loc.Path+"="+s)
			continue
		}
		if r := f.Loc.Path + "#" + strconv.Itoa(f.Loc.Row); r != row {
			row = r
			b.WriteString("\x00" + r + "\x00")
		}
		b.WriteString(s)
	}
	return b.String(), attrs
}

// checkHTMLFrags checks what must hold for the fragments of any HTML input
// read with MaxFragment maxFragment.
func checkHTMLFrags(t testing.TB, name string, decoded []byte, frags []Fragment, maxFragment int) {
	t.Helper()
	checkLocs(t, name, decoded, frags)
	for i := 1; i < len(frags); i++ {
		if frags[i].Loc.Offset < frags[i-1].Loc.Offset {
			t.Fatalf("fragment %d at %d comes after one at %d", i, frags[i].Loc.Offset, frags[i-1].Loc.Offset)
		}
	}
	limit := 4 * DefaultMaxFragment
	if maxFragment > 0 {
		limit = 4 * max(maxFragment, minMaxFragment)
	}
	tableRows := map[string]int{} // the last Row of each table seen
	for _, f := range frags {
		if len(f.Text) == 0 || len(f.Text) > limit {
			t.Fatalf("fragment of %d bytes, limit %d", len(f.Text), limit)
		}
		first, _ := utf8.DecodeRune(f.Text)
		last, _ := utf8.DecodeLastRune(f.Text)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Fatalf("fragment %q not trimmed", f.Text)
		}
		checkTableLoc(t, f, tableRows)
		// The first rune is the input's at the offset, unless the input
		// has an entity there (or a NUL, which attributes turn into
		// U+FFFD).
		if f.Loc.Offset < int64(len(decoded)) {
			at, _ := utf8.DecodeRune(decoded[f.Loc.Offset:])
			if at != '&' && at != 0 && at != first {
				t.Fatalf("fragment %q (path %q) at offset %d, where the input has %q", f.Text, f.Loc.Path, f.Loc.Offset, decoded[f.Loc.Offset:min(len(decoded), int(f.Loc.Offset)+20)])
			}
		}
	}
}

// checkTableLoc checks the locator of an HTML fragment: attribute values
// and text outside tables have no Row or Column; table cells have a Path
// "table[N]" and Rows in order within each table (header cells, Row 0,
// first), with a Column, their own text's start for a header cell. rows
// holds the last Row of each table seen.
func checkTableLoc(t testing.TB, f Fragment, rows map[string]int) {
	t.Helper()
	l := f.Loc
	if l.Path == "" || l.Path[0] == '@' {
		if l.Row != 0 || l.Column != "" {
			t.Fatalf("fragment %q (path %q) has row %d, column %q", f.Text, l.Path, l.Row, l.Column)
		}
		return
	}
	num, ok := strings.CutPrefix(l.Path, "table[")
	num, ok2 := strings.CutSuffix(num, "]")
	n, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || n < 1 {
		t.Fatalf("fragment %q has path %q", f.Text, l.Path)
	}
	last, seen := rows[l.Path]
	if l.Row < 0 || (seen && l.Row < last) {
		t.Fatalf("fragment %q in %s: row %d after row %d", f.Text, l.Path, l.Row, last)
	}
	rows[l.Path] = l.Row
	if l.Column == "" || len(l.Column) > maxHeaderName || !utf8.ValidString(l.Column) {
		t.Fatalf("fragment %q in %s row %d: column %q", f.Text, l.Path, l.Row, l.Column)
	}
	if l.Row == 0 && !strings.HasPrefix(string(f.Text), l.Column) {
		t.Fatalf("header fragment %q: column %q is not its text", f.Text, l.Column)
	}
}

// htmlLimitChangesText reports inputs whose text may change with the
// tokenizer's buffer limit: a script cut in an escaped part ("<!--<script>…")
// is resumed in the plain script state, and an entity longer than the limit
// ("&#" and 100 digits) is decoded in pieces.
func htmlLimitChangesText(in []byte) bool {
	if bytes.Contains(bytes.ToLower(in), []byte("<script")) && bytes.Contains(in, []byte("<!--")) {
		return true
	}
	for i, c := range in {
		if c != '&' {
			continue
		}
		n := 0
		for _, d := range in[i+1:] {
			if !isAlnum(d) && d != '#' {
				break
			}
			n++
		}
		if n >= 32 {
			return true
		}
	}
	return false
}

// TestReadHTMLLongTokens reads inputs with tokens longer than the
// tokenizer's buffer limit (4×MaxFragment) and expects the same text as
// with the default limit, none of it lost, in fragments within the limit.
func TestReadHTMLLongTokens(t *testing.T) {
	long := strings.Repeat("病例张某某，电话13912345678，住朝阳区望京街道。&amp;", 20)
	digits := strings.Repeat("1234567890", 30)
	inputs := map[string]string{
		"long text":           "<p>" + long + "</p><p>尾</p>",
		"long text with tags": "<p>" + long + "<b>" + long + "</b>" + long + "</p>",
		"long digit run":      "<p>号" + digits + "</p>",
		"long script":         "<p>甲</p><script>var s = '" + long + "'; if (a </b) {}</script><p>乙</p>",
		"long JSON script":    `<script type="application/json">{"a": "` + long + `"}</script><p>乙</p>`,
		"long style":          "<style>" + strings.Repeat("p { color: red; }\n", 50) + "</style><p>乙</p>",
		"long title":          "<title>" + long + "</title><p>乙</p>",
		"long textarea":       "<textarea>" + long + "<p>" + long + "</textarea><p>乙</p>",
		"long plaintext":      "<p>甲</p><plaintext>" + long + "</plaintext>" + long,
		"long xmp":            "<xmp>" + long + "</xmp><p>乙</p>",
		"long comment":        "<p>甲</p><!--" + long + "--!>" + long,
		"long comment dashes": "<p>甲</p><!--" + strings.Repeat("-", 300) + "->x-->乙",
		"long doctype":        "<!DOCTYPE html " + strings.Repeat("x", 300) + "><p>乙</p>",
		"long bogus comment":  "<?xml " + strings.Repeat("x", 300) + "?><p>乙</p>",
		"long end tag":        "<p>甲</p " + strings.Repeat("x='>' ", 60) + "><p>乙</p>",
		"long tag":            `<p>甲<img src="data:image/png;base64,` + strings.Repeat("iVBORw0KGgo", 40) + `" alt="张三的照片" title=证件照 x>乙</p>`,
		"long tag name":       "<p>甲<" + strings.Repeat("x", 300) + " alt=张三>乙</p>",
		"long script tag":     `<script src="` + strings.Repeat("a", 300) + `">var x = "13800138000";</script><p>乙</p>`,
		"long title tag":      `<title lang="` + strings.Repeat("a", 300) + `">张三 &amp; 李四</title><p>乙</p>`,
		"long noscript tag":   `<noscript class="` + strings.Repeat("a", 300) + `"><p>张三</p></noscript>`,
		"long entity run":     "<p>" + strings.Repeat("&nbsp;张&amp;李&#x4e2d;&#20013", 40) + "</p>",
		"long entity":         "<p>" + strings.Repeat("y", 50) + "&#" + strings.Repeat("0", 30) + "20013;" + strings.Repeat("y", 60) + "</p>",
		"long inline run":     "<p>" + strings.Repeat("张<b>三</b>&amp;<i>1</i>", 100) + "</p>",
		"long tables":         strings.Repeat("<tr><td>张三</td><td>110105198403150036</td><td>13812345678</td></tr>\n", 30),
		"notice":              notice,
	}
	for name, in := range inputs {
		want := readString(t, "f.html", in, Options{Format: FormatHTML})
		if want.err != nil || len(want.problems) > 0 {
			t.Fatalf("%s: err %v, problems %v", name, want.err, want.problems)
		}
		wantText, wantAttrs := squeeze(want.frags)
		for _, mf := range []int{16, 17, 40, 100, 0} {
			t.Run(fmt.Sprintf("%s/%d", name, mf), func(t *testing.T) {
				opt := Options{Format: FormatHTML, MaxFragment: mf}
				if mf == 0 {
					// Cut runs of many pieces instead.
					defer func(n int) { maxRunPieces = n }(maxRunPieces)
					maxRunPieces = 3
				}
				got := readString(t, "f.html", in, opt)
				if got.err != nil || len(got.problems) > 0 {
					t.Fatalf("err %v, problems %v", got.err, got.problems)
				}
				checkHTMLFrags(t, "f.html", []byte(in), got.frags, mf)
				gotText, gotAttrs := squeeze(got.frags)
				if gotText != wantText {
					t.Errorf("text differs from the default limit's:\n got %q\nwant %q", gotText, wantText)
				}
				if strings.Join(gotAttrs, "\n") != strings.Join(wantAttrs, "\n") {
					t.Errorf("attributes differ from the default limit's:\n got %q\nwant %q", gotAttrs, wantAttrs)
				}
				for _, f := range got.frags {
					if bytes.Contains(f.Text, []byte("13800138000")) {
						t.Errorf("script content emitted: %q", f.Text)
					}
				}
			})
		}
	}
}

// TestReadHTMLLongAttribute checks that an attribute value longer than
// the limit is cut and reported, and the values after it still read.
func TestReadHTMLLongAttribute(t *testing.T) {
	in := `<p>甲<input value="` + strings.Repeat("值", 100) + `" title="张三">乙</p>`
	res := readString(t, "f.html", in, Options{MaxFragment: 16, Format: FormatHTML})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkFrags(t, res.frags, []loc{
		{text: "甲", line: 1, col: 3, off: 3},
		{text: strings.Repeat("值", 21), line: 1, col: 18, off: 20, path: "@value"},
		{text: "张三", line: 1, col: 127, off: 329, path: "@title"},
		{text: "乙", line: 1, col: 131, off: 337},
	})
	checkHTMLFrags(t, "f.html", []byte(in), res.frags, 16)
	checkProblems(t, res.problems, []problemAt{{line: 1, col: 19, contains: "@value: attribute value longer"}})
}

// TestReadHTMLReaders reads through readers that return a few bytes at a
// time and expects the same fragments as from one read.
func TestReadHTMLReaders(t *testing.T) {
	in := notice + strings.Repeat("<p>病例张某某，电话<b>13912345678</b>，住朝阳区望京街道。</p>\n", 20)
	readers := map[string]func(string) io.Reader{
		"one byte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"1-7 byte": func(s string) io.Reader { return &chunkReader{data: []byte(s)} },
		"half":     func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
		"data+EOF": func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) },
	}
	for _, mf := range []int{16, 0} {
		opt := Options{Format: FormatHTML, MaxFragment: mf}
		want := readString(t, "f.html", in, opt)
		checkHTMLFrags(t, "f.html", []byte(in), want.frags, mf)
		for rname, mk := range readers {
			got := readAll(t, "f.html", mk(in), opt)
			if got.err != nil || len(got.problems) > 0 {
				t.Fatalf("%s: err %v problems %v", rname, got.err, got.problems)
			}
			if len(got.frags) != len(want.frags) {
				t.Fatalf("%s max %d: %d fragments, want %d", rname, mf, len(got.frags), len(want.frags))
			}
			for i := range got.frags {
				if locOf(got.frags[i]) != locOf(want.frags[i]) {
					t.Errorf("%s max %d: fragment %d %+v, want %+v", rname, mf, i, locOf(got.frags[i]), locOf(want.frags[i]))
				}
			}
		}
	}
}

func TestReadHTMLStops(t *testing.T) {
	in := strings.Repeat("<p>病例张某某，电话13912345678</p>\n", 3000)
	t.Run("emit error is returned as is", func(t *testing.T) { checkEmitErrorStops(t, "a.html", in, Options{}) })
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := Read(ctx, "a.html", strings.NewReader(in), Options{},
			func(Fragment) error {
				if n++; n == 2 {
					cancel()
				}
				return nil
			}, nil)
		if !errors.Is(err, context.Canceled) || n >= 3000 {
			t.Errorf("err %v after %d fragments, want context.Canceled before the end", err, n)
		}
	})
	for _, where := range []string{"in a text", "in a long tag"} {
		t.Run("read error "+where, func(t *testing.T) {
			boom := errors.New("disk on fire")
			data := in
			if where == "in a long tag" {
				data = in + `<img alt="` + strings.Repeat("x", 1000)
			}
			r := io.MultiReader(strings.NewReader(data), iotest.ErrReader(boom))
			res := readAll(t, "a.html", r, Options{MaxFragment: 16})
			if !errors.Is(res.err, boom) || !strings.Contains(res.err.Error(), "a.html") {
				t.Errorf("err %v, want it to wrap %v and name the file", res.err, boom)
			}
		})
	}
}

// checkAttrSpans checks that attrSpans finds, in each start tag of in, the
// attributes the tokenizer keeps.
func checkAttrSpans(t testing.TB, in []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(in))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		raw := bytes.Clone(z.Raw())
		spans := attrSpans(raw)
		_, more := z.TagName()
		found := 0
		for more {
			var key, val []byte
			key, val, more = z.TagAttr()
			if !wantAttrName(string(key)) {
				continue
			}
			var s *attrSpan
			for i := range spans {
				if spans[i].key == string(key) {
					s = &spans[i]
				}
			}
			if len(val) == 0 {
				continue // no value, or an empty one: either way nothing to find
			}
			if s == nil {
				t.Fatalf("tag %q: attribute %s=%q not found", raw, key, val)
			}
			found++
			rawVal := raw[s.start:s.end]
			if !bytes.ContainsAny(rawVal, "&\r\x00") && !bytes.Equal(rawVal, val) {
				t.Fatalf("tag %q: attribute %s at [%d, %d) is %q, the tokenizer says %q", raw, key, s.start, s.end, rawVal, val)
			}
		}
		n := 0
		for _, s := range spans {
			if s.end > 0 {
				n++
			}
		}
		if n < found {
			t.Fatalf("tag %q: %d spans, %d attributes", raw, n, found)
		}
	}
}

func TestAttrSpans(t *testing.T) {
	tags := []string{
		`<img alt="张三" title='李四' value=王五 content = "x" placeholder= y>`,
		`<img alt alt="second">`,
		`<img alt="" ALT="second">`,
		`<img =alt="x" alt=y>`,
		`<img/alt="x"/title=y/>`,
		`<img alt="a>b" title=c>d>`,
		`<input value=a/b value=c>`,
		`<a href = "tel:13800138000"  title	=	'电话'>`,
		`<img src=x alt=&quot;张三&quot; title="a&amp;b">`,
		`<img alt="x"title="y">`,
		"<img\nalt=\"x\r\ny\">",
		`<img alt='x`,
	}
	for _, tag := range tags {
		checkAttrSpans(t, []byte(tag))
	}
}

// htmlSnippets are pieces of HTML, good and bad, that TestReadHTMLRandom
// strings together.
var htmlSnippets = []string{
	"<p>", "</p>", "<b>", "</b>", "<td>", "<br/>", "张三", "13812345678", " ", "\n", "\r\n", "\u3000",
	"&amp;", "&nbsp;", "&#x4e2d;", "&#20013", "&am", "&", "&lt;", "<", ">", "=", "/", `"`, "'", "x", "yy",
	"<!--", "-->", "--!>", "<!-", "<!DOCTYPE html>", "<?x ?>", "</ x>", "</>",
	"<script>", "</script>", "</scr", "ipt>", "<SCRIPT type=application/json>", "<style>", "</style>",
	"<title>", "</title>", "<textarea>", "</textarea>", "<xmp>", "</xmp>", "<plaintext>",
	"<noscript>", "</noscript>", "<iframe>", "</iframe>",
	`<img alt="张三" src=`, " alt=", " title='x y'", " value=", "<input ", `<a href="tel:1380013`, `">`, "<meta content=",
	"<table>", "</table>", "<tr>", "</tr>", "<th>", "</th>", "</td>", "<thead>", "</thead>", "<tbody>", "<tfoot>",
	"<caption>", "<td colspan=2>", "<th colspan=3>", "<td rowspan=2>", "<td rowspan=0>", " colspan=", " rowspan=",
}

// TestReadHTMLRandom reads random strings of HTML snippets, some repeated
// into long tokens, with small fragment limits and reads of a few bytes,
// and expects the same text as with the default limit.
func TestReadHTMLRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range rng.IntN(40) {
			s := htmlSnippets[rng.IntN(len(htmlSnippets))]
			if rng.IntN(8) == 0 {
				s = strings.Repeat(s, 1+rng.IntN(40))
			}
			b.WriteString(s)
		}
		in := b.String()
		mf := 16 + rng.IntN(20)
		pieces := maxRunPieces
		if rng.IntN(2) == 0 {
			maxRunPieces = rng.IntN(6)
		}
		res := readAll(t, "f.html", &chunkReader{data: []byte(in)}, Options{Format: FormatHTML, MaxFragment: mf})
		maxRunPieces = pieces
		if res.err != nil {
			t.Fatalf("input %q: %v", in, res.err)
		}
		checkHTMLFrags(t, "f.html", []byte(in), res.frags, mf)
		if htmlLimitChangesText([]byte(in)) {
			continue
		}
		ref := readString(t, "f.html", in, Options{Format: FormatHTML})
		gotText, gotAttrs := squeeze(res.frags)
		wantText, wantAttrs := squeeze(ref.frags)
		if gotText != wantText {
			t.Fatalf("input %q, MaxFragment %d: text\n got %q\nwant %q", in, mf, gotText, wantText)
		}
		if len(res.problems) == 0 && strings.Join(gotAttrs, "\n") != strings.Join(wantAttrs, "\n") {
			t.Fatalf("input %q, MaxFragment %d: attributes\n got %q\nwant %q", in, mf, gotAttrs, wantAttrs)
		}
	}
}

func BenchmarkReadHTML(b *testing.B) {
	row := func(dst []byte, i int) []byte {
		dst = append(dst, "<tr><td>张伟"...)
		dst = strconv.AppendInt(dst, int64(i), 10)
		dst = append(dst, "</td><td>110101199003071234</td><td><a href=\"tel:"...)
		dst = strconv.AppendInt(dst, 13800000000+int64(i%100000000), 10)
		return append(dst, "\">拨打</a></td><td>北京市<b>朝阳区</b>望京街道&nbsp;3号楼</td></tr>\n"...)
	}
	data := append(append([]byte("<!DOCTYPE html><html><body><table>\n"), generate(8<<20, row)...), "</table></body></html>\n"...)
	benchRead(b, "a.html", data, Options{})
}

// cell is where a fragment of an HTML table is: its text, Row, Column and
// Path.
type cell struct {
	text   string
	row    int
	column string
	path   string
}

func TestReadHTMLTables(t *testing.T) {
	const t1, t2, t3 = "table[1]", "table[2]", "table[3]"
	tests := []struct {
		name string
		in   string
		want []cell
	}{
		{
			name: "header in thead",
			in: "<table>\n<thead><tr><th>姓名</th><th>身份证号</th><th>手机号</th></tr></thead>\n<tbody>\n" +
				"<tr><td>张三</td><td>110105193805120036</td><td>13812345678</td></tr>\n" +
				"<tr><td>李四</td><td>110105193511230047</td><td>15912345678</td></tr>\n</tbody></table>",
			want: []cell{
				{"姓名", 0, "姓名", t1}, {"身份证号", 0, "身份证号", t1}, {"手机号", 0, "手机号", t1},
				{"张三", 1, "姓名", t1}, {"110105193805120036", 1, "身份证号", t1}, {"13812345678", 1, "手机号", t1},
				{"李四", 2, "姓名", t1}, {"110105193511230047", 2, "身份证号", t1}, {"15912345678", 2, "手机号", t1},
			},
		},
		{
			name: "header of th cells, no thead; text around the table untouched",
			in:   "<p>名单</p><table><tr><th> 姓名 </th><th>手机号</th></tr><tr><td>张三</td><td>13812345678</td></tr></table><p>李四</p>",
			want: []cell{
				{"名单", 0, "", ""},
				{"姓名", 0, "姓名", t1}, {"手机号", 0, "手机号", t1},
				{"张三", 1, "姓名", t1}, {"13812345678", 1, "手机号", t1},
				{"李四", 0, "", ""},
			},
		},
		{
			name: "no header: columns by index",
			in:   "<table><tr><td>张三</td><td>13812345678</td></tr><tr><td>李四</td><td></td><td>15912345678</td></tr></table>",
			want: []cell{
				{"张三", 1, "1", t1}, {"13812345678", 1, "2", t1},
				{"李四", 2, "1", t1}, {"15912345678", 2, "3", t1},
			},
		},
		{
			name: "a thead row of td cells is the header; only the first row is",
			in: "<table><thead><tr><td>姓名</td><td>电话</td></tr><tr><th>（必填）</th></tr></thead>" +
				"<tfoot><tr><td>合计</td></tr></tfoot><tbody><tr><td>张三</td><td>13812345678</td></tr></tbody></table>",
			want: []cell{
				{"姓名", 0, "姓名", t1}, {"电话", 0, "电话", t1},
				{"（必填）", 1, "姓名", t1},
				{"合计", 2, "姓名", t1},
				{"张三", 3, "姓名", t1}, {"13812345678", 3, "电话", t1},
			},
		},
		{
			name: "first row of th and td is data",
			in:   "<table><tr><th>1</th><td>张三</td></tr><tr><th>2</th><td>李四</td></tr></table>",
			want: []cell{
				{"1", 1, "1", t1}, {"张三", 1, "2", t1},
				{"2", 2, "1", t1}, {"李四", 2, "2", t1},
			},
		},
		{
			name: "first row of th cells then a td is data",
			in:   "<table><tr><th>姓名</th><th>电话</th><td>备注</td></tr><tr><td>张三</td><td>13812345678</td><td>无</td></tr></table>",
			want: []cell{
				{"姓名", 1, "1", t1}, {"电话", 1, "2", t1}, {"备注", 1, "3", t1},
				{"张三", 2, "1", t1}, {"13812345678", 2, "2", t1}, {"无", 2, "3", t1},
			},
		},
		{
			name: "colspan",
			in: "<table><tr><th>序号</th><th colspan=2>联系方式</th><th>备注</th></tr>" +
				"<tr><td>1</td><td>13812345678</td><td>a@example.cn</td><td>无</td></tr>" +
				"<tr><td colspan=\" +2x\">合计</td><td>x</td><td colspan=0>y</td><td colspan=-1>z</td></tr></table>",
			want: []cell{
				{"序号", 0, "序号", t1}, {"联系方式", 0, "联系方式", t1}, {"备注", 0, "备注", t1},
				{"1", 1, "序号", t1}, {"13812345678", 1, "联系方式", t1}, {"a@example.cn", 1, "联系方式", t1}, {"无", 1, "备注", t1},
				{"合计", 2, "序号", t1}, {"x", 2, "联系方式", t1}, {"y", 2, "备注", t1}, {"z", 2, "5", t1},
			},
		},
		{
			name: "rowspan",
			in: "<table><tr><th>户主</th><th>姓名</th><th>电话</th></tr>" +
				"<tr><td rowspan=2>王五</td><td>王五</td><td>13812345678</td></tr>" +
				"<tr><td>王小明</td><td>13912345678</td></tr>" +
				"<tr><td>赵六</td><td rowspan=0>无</td><td>15912345678</td></tr>" +
				"<tr><td>赵七</td><td>15812345678</td></tr>" +
				"<tbody><tr><td>孙八</td><td>孙八</td></tr></tbody></table>",
			want: []cell{
				{"户主", 0, "户主", t1}, {"姓名", 0, "姓名", t1}, {"电话", 0, "电话", t1},
				{"王五", 1, "户主", t1}, {"王五", 1, "姓名", t1}, {"13812345678", 1, "电话", t1},
				{"王小明", 2, "姓名", t1}, {"13912345678", 2, "电话", t1},
				{"赵六", 3, "户主", t1}, {"无", 3, "姓名", t1}, {"15912345678", 3, "电话", t1},
				{"赵七", 4, "户主", t1}, {"15812345678", 4, "电话", t1},
				{"孙八", 5, "户主", t1}, {"孙八", 5, "姓名", t1},
			},
		},
		{
			name: "two tables",
			in: "<table><tr><th>姓名</th></tr><tr><td>张三</td></tr></table>" +
				"<table><tr><th>手机号</th></tr><tr><td>13812345678</td></tr><tr><td>15912345678</td></tr></table>",
			want: []cell{
				{"姓名", 0, "姓名", t1}, {"张三", 1, "姓名", t1},
				{"手机号", 0, "手机号", t2}, {"13812345678", 1, "手机号", t2}, {"15912345678", 2, "手机号", t2},
			},
		},
		{
			name: "nested table",
			in: "<table><tr><th>姓名</th><th>详情</th></tr><tr><td>张三</td><td>见下" +
				"<table><tr><td>电话</td><td>13812345678</td></tr></table>完</td></tr>" +
				"<tr><td>李四</td></tr></table><table><tr><td>末</td></tr></table>",
			want: []cell{
				{"姓名", 0, "姓名", t1}, {"详情", 0, "详情", t1},
				{"张三", 1, "姓名", t1}, {"见下", 1, "详情", t1},
				{"电话", 1, "1", t2}, {"13812345678", 1, "2", t2},
				{"完", 1, "详情", t1},
				{"李四", 2, "姓名", t1},
				{"末", 1, "1", t3},
			},
		},
		{
			name: "nested table in an undecided first row",
			in:   "<table><tr><th>甲<table><tr><th>乙</th></tr><tr><td>丙</td></tr></table>戊</th><td>丁</td></tr></table>",
			want: []cell{
				{"甲", 1, "1", t1}, {"乙", 0, "乙", t2}, {"丙", 1, "乙", t2}, {"戊", 1, "1", t1}, {"丁", 1, "2", t1},
			},
		},
		{
			name: "implied end tags",
			in:   "<table><tr><th>姓名<th>电话<tr><td>张三<td>13812345678<tr><td>李四</table>",
			want: []cell{
				{"姓名", 0, "姓名", t1}, {"电话", 0, "电话", t1},
				{"张三", 1, "姓名", t1}, {"13812345678", 1, "电话", t1},
				{"李四", 2, "姓名", t1},
			},
		},
		{
			name: "table left open",
			in:   "<table><tr><th>姓名</th><th>电话",
			want: []cell{{"姓名", 0, "姓名", t1}, {"电话", 0, "电话", t1}},
		},
		{
			name: "blank and missing header cells: index",
			in:   "<table><tr><th>姓名</th><th></th><th> <img src=x> </th></tr><tr><td>a</td><td>b</td><td>c</td><td>d</td></tr></table>",
			want: []cell{{"姓名", 0, "姓名", t1}, {"a", 1, "姓名", t1}, {"b", 1, "2", t1}, {"c", 1, "3", t1}, {"d", 1, "4", t1}},
		},
		{
			name: "header cell of several fragments",
			in:   "<table><tr><th>身份<br>证号</th><th>Phone<br>Number</th></tr><tr><td>x</td><td>y</td></tr></table>",
			want: []cell{
				{"身份", 0, "身份", t1}, {"证号", 0, "证号", t1}, {"Phone", 0, "Phone", t1}, {"Number", 0, "Number", t1},
				{"x", 1, "身份证号", t1}, {"y", 1, "Phone Number", t1},
			},
		},
		{
			name: "long header names are cut",
			in:   "<table><tr><th>" + strings.Repeat("名", 100) + "</th></tr><tr><td>张三</td></tr></table>",
			want: []cell{
				{strings.Repeat("名", 100), 0, strings.Repeat("名", 85), t1},
				{"张三", 1, strings.Repeat("名", 85), t1},
			},
		},
		{
			name: "text in a table but in no cell, attributes, cells outside tables",
			in: "<td>甲</td><table><caption>名单</caption><tr><th>照片</th></tr><tr><td><img alt=\"张三\">张三</td></tr>" +
				"</table><tr><th>乙</th></tr>",
			want: []cell{
				{"甲", 0, "", ""}, {"名单", 0, "", ""},
				{"照片", 0, "照片", t1}, {"张三", 0, "", "@alt"}, {"张三", 1, "照片", t1},
				{"乙", 0, "", ""},
			},
		},
		{
			name: "tables nested too deep are read as their cell's content",
			in: strings.Repeat("<table><tr><td>", maxTableDepth+2) + "深" + strings.Repeat("</td></tr></table>", maxTableDepth+2) +
				"<table><tr><td>后</td></tr></table>",
			want: []cell{{"深", 1, "1", "table[16]"}, {"后", 1, "1", "table[17]"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mf := range []int{0, 16} {
				res := readString(t, "a.html", tt.in, Options{Format: FormatHTML, MaxFragment: mf})
				if res.err != nil || len(res.problems) > 0 {
					t.Fatalf("err %v, problems %v", res.err, res.problems)
				}
				checkHTMLFrags(t, "a.html", []byte(tt.in), res.frags, mf)
				if mf != 0 {
					continue // cut otherwise, the same locations
				}
				checkCells(t, res.frags, tt.want)
			}
		})
	}
}

func checkCells(t *testing.T, frags []Fragment, want []cell) {
	t.Helper()
	for i := range max(len(frags), len(want)) {
		switch {
		case i >= len(frags):
			t.Errorf("fragment %d missing, want %+v", i, want[i])
		case i >= len(want):
			t.Errorf("extra fragment %d: %+v", i, locOf(frags[i]))
		default:
			l := frags[i].Loc
			if got := (cell{string(frags[i].Text), l.Row, l.Column, l.Path}); got != want[i] {
				t.Errorf("fragment %d:\n got %+v\nwant %+v", i, got, want[i])
			}
		}
	}
}

// TestReadHTMLTableLimits: a first row of <th> cells too long to hold back
// is data, and what is held and kept of a table stays bounded.
func TestReadHTMLTableLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("<table><tr>")
	for i := range 5000 {
		fmt.Fprintf(&b, "<th>名%d</th>", i)
	}
	b.WriteString("</tr><tr><td>张三</td></tr></table>")
	in := b.String()
	res := readString(t, "a.html", in, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkHTMLFrags(t, "a.html", []byte(in), res.frags, 0)
	if len(res.frags) != 5001 {
		t.Fatalf("%d fragments", len(res.frags))
	}
	for i, f := range res.frags[:5000] {
		if f.Loc.Row != 1 || f.Loc.Column != strconv.Itoa(i+1) {
			t.Fatalf("fragment %d %q: row %d column %q, want row 1: the row was too long to be a header", i, f.Text, f.Loc.Row, f.Loc.Column)
		}
	}
	if l := res.frags[5000].Loc; l.Row != 2 || l.Column != "1" {
		t.Errorf("last cell: row %d column %q", l.Row, l.Column)
	}

	t.Run("header names kept", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("<table><tr>")
		for i := range 2000 {
			fmt.Fprintf(&b, "<th>%s%d</th>", strings.Repeat("名", 10), i)
		}
		b.WriteString("</tr><tr>")
		for range 2000 {
			b.WriteString("<td>x</td>")
		}
		b.WriteString("</tr></table>")
		res := readString(t, "a.html", b.String(), Options{})
		if res.err != nil {
			t.Fatal(res.err)
		}
		named := 0
		for _, f := range res.frags {
			if f.Loc.Row == 1 && strings.HasPrefix(f.Loc.Column, "名") {
				named++
			}
		}
		// 32 KiB of names of 32 or 33 bytes, within the first 1000 columns
		if named < 900 || named > maxTableCols {
			t.Errorf("%d named columns", named)
		}
	})
}

// TestReadHTMLLongCellTags: the span of a cell whose tag is longer than
// the tokenizer's buffer is read too.
func TestReadHTMLLongCellTags(t *testing.T) {
	pad := strings.Repeat("a", 300)
	in := "<table><tr><th>序号</th><th>姓名</th><th>电话</th></tr>" +
		"<tr><td class=" + pad + " colspan=2>合计</td><td>13812345678</td></tr>" +
		"<tr><td style=\"" + pad + "\" rowspan=2 colspan=1 rowspan=1>1</td><td>张三</td><td title='" + pad + "' colspan=\"0\">13912345678</td></tr>" +
		"<tr><td>李四</td><td>15912345678</td></tr></table>"
	want := []cell{
		{"序号", 0, "序号", "table[1]"}, {"姓名", 0, "姓名", "table[1]"}, {"电话", 0, "电话", "table[1]"},
		{"合计", 1, "序号", "table[1]"}, {"13812345678", 1, "电话", "table[1]"},
		{"1", 2, "序号", "table[1]"}, {"张三", 2, "姓名", "table[1]"}, {pad, 0, "", "@title"}, {"13912345678", 2, "电话", "table[1]"},
		{"李四", 3, "姓名", "table[1]"}, {"15912345678", 3, "电话", "table[1]"},
	}
	for _, mf := range []int{0, 16} {
		res := readString(t, "a.html", in, Options{Format: FormatHTML, MaxFragment: mf})
		if res.err != nil {
			t.Fatal(res.err)
		}
		checkHTMLFrags(t, "a.html", []byte(in), res.frags, mf)
		if mf == 0 {
			checkCells(t, res.frags, want)
			continue
		}
		var cells []Fragment
		for _, f := range res.frags {
			if f.Loc.Path != "@title" {
				cells = append(cells, f)
			}
		}
		checkCells(t, cells, slices.DeleteFunc(slices.Clone(want), func(c cell) bool { return c.path == "@title" }))
	}
}
