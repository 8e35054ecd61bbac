package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// zipOf builds a zip archive of the given parts (name → content).
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// testWorkbook is a sign-in register: a visible sheet with shared strings,
// an inline string, a number, a formula result, a boolean and a phonetic
// run; and a hidden second sheet.
func testWorkbook(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml": xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			`<sheet name="登记表" sheetId="1" r:id="rId1"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`</Relationships>`,
		"xl/sharedStrings.xml": xmlHead + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">` +
			`<si><t>姓名</t></si><si><t>身份证号</t></si><si><t>手机</t></si>` +
			`<si><r><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si>` +
			`<si><t xml:space="preserve">110105199001011236</t></si></sst>`,
		"xl/worksheets/sheet1.xml": xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="E1" t="s"><v>9</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>13812345678</v></c><c r="D2" t="b"><v>1</v></c></row>` +
			`<row r="4"><c r="A4" t="inlineStr"><is><t>李四</t></is></c><c r="C4" t="str"><f>"139"&amp;"00001111"</f><v>13900001111</v></c></row>` +
			`</sheetData></worksheet>`,
		"xl/worksheets/sheet2.xml": xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>` +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>王五 13700001234</t></is></c></row>` +
			`</sheetData></worksheet>`,
		"docProps/core.xml": xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<dc:creator>赵六</dc:creator><cp:lastModifiedBy>赵六</cp:lastModifiedBy><dc:title></dc:title></cp:coreProperties>`,
		"xl/comments1.xml": xmlHead + `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>赵六</author></authors><commentList>` +
			`<comment ref="C2" authorId="0"><text><r><t>赵六:</t></r><r><t>本人电话已停机，改用13700009999</t></r></text></comment></commentList></comments>`,
	})
}

// testDocument is a notice with a paragraph split into runs, a tab, a line
// break, a table (a register), a tracked deletion and a header.
func testDocument(t testing.TB) []byte {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	return zipOf(t, map[string]string{
		"[Content_Types].xml": xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml": xmlHead + `<w:document ` + w + `><w:body>` +
			`<w:p><w:r><w:t>病例3：李</w:t></w:r><w:r><w:t>某某，女，45岁。</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>电话</w:t></w:r><w:r><w:tab/><w:t>13812345678</w:t></w:r><w:r><w:br/><w:t>第二行</w:t></w:r></w:p>` +
			`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>身份证号</w:t></w:r></w:p></w:tc></w:tr>` +
			`<w:tr><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>110105199001011236</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
			`<w:p><w:del><w:r><w:delText>已删除 13900001111</w:delText></w:r></w:del></w:p>` +
			// a text box is written twice: DrawingML, and VML for old readers
			`<w:p><w:r><mc:AlternateContent xmlns:mc="mc"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内王五</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>` +
			`<mc:Fallback><w:pict><v:textbox xmlns:v="v"><w:txbxContent><w:p><w:r><w:t>框内王五</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
			`</w:body></w:document>`,
		"word/header1.xml": xmlHead + `<w:hdr ` + w + `><w:p><w:r><w:t>经办人：王五</w:t></w:r></w:p></w:hdr>`,
	})
}

type got struct {
	text string
	line int
	row  int
	col  string
	path string
}

// officeFrags reads data as the input name and returns its fragments and problems.
func officeFrags(t *testing.T, name string, data []byte, opt Options) ([]got, []*Problem) {
	t.Helper()
	var out []got
	var probs []*Problem
	err := Read(context.Background(), name, bytes.NewReader(data), opt, func(f Fragment) error {
		out = append(out, got{string(f.Text), f.Loc.Line, f.Loc.Row, f.Loc.Column, f.Loc.Path})
		return nil
	}, func(p *Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	return out, probs
}

func TestReadXLSX(t *testing.T) {
	frags, probs := officeFrags(t, "register.xlsx", testWorkbook(t), Options{})
	want := []got{
		{"姓名", 1, 0, "姓名", "登记表!A1"},
		{"身份证号", 1, 0, "身份证号", "登记表!B1"},
		{"手机", 1, 0, "手机", "登记表!C1"},
		{"张三", 2, 1, "姓名", "登记表!A2"},
		{"110105199001011236", 2, 1, "身份证号", "登记表!B2"},
		{"13812345678", 2, 1, "手机", "登记表!C2"},
		{"李四", 4, 3, "姓名", "登记表!A4"},
		{"13900001111", 4, 3, "手机", "登记表!C4"},
		{"备注", 1, 0, "备注", "隐藏!A1"},
		{"王五 13700001234", 2, 1, "备注", "隐藏!A2"},
		{"赵六:本人电话已停机，改用13700009999", 0, 0, "", "xl/comments1.xml#C2"},
		{"赵六", 0, 0, "", "docProps/core.xml#creator"},
		{"赵六", 0, 0, "", "docProps/core.xml#lastModifiedBy"},
	}
	if fmt.Sprint(frags) != fmt.Sprint(want) {
		t.Errorf("fragments\n got %v\nwant %v", frags, want)
	}
	// the header cell E1 points at a shared string that does not exist
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "登记表!E1") || !strings.Contains(probs[0].Error(), "shared string") {
		t.Errorf("problems %v", probs)
	}
	// without a header row, columns are letters and row 1 is data
	frags, _ = officeFrags(t, "register.xlsx", testWorkbook(t), Options{NoHeader: true})
	if frags[0] != (got{"姓名", 1, 1, "A", "登记表!A1"}) || frags[4] != (got{"110105199001011236", 2, 2, "B", "登记表!B2"}) {
		t.Errorf("no header: %v", frags[:5])
	}
}

func TestReadDOCX(t *testing.T) {
	frags, probs := officeFrags(t, "notice.docx", testDocument(t), Options{})
	if len(probs) != 0 {
		t.Errorf("problems %v", probs)
	}
	want := []got{
		{"病例3：李某某，女，45岁。\n电话\t13812345678\n第二行\n姓名\t身份证号\n张三\t110105199001011236\n已删除 13900001111\n框内王五\n\n", 1, 0, "", "word/document.xml"},
		{"经办人：王五\n", 1, 0, "", "word/header1.xml"},
	}
	if fmt.Sprint(frags) != fmt.Sprint(want) {
		t.Errorf("fragments\n got %+v\nwant %+v", frags, want)
	}
	// small fragments are cut at line ends and keep their line numbers
	frags, _ = officeFrags(t, "notice.docx", testDocument(t), Options{MaxFragment: 16})
	if len(frags) < 4 || frags[1].line != 2 || !strings.HasPrefix(frags[1].text, "电话") {
		t.Errorf("cut fragments %+v", frags)
	}
}

// TestReadOfficeSniffed reads archives without a name, from memory and
// from a pipe (spooled to a temporary file): the archive's parts decide the
// format.
func TestReadOfficeSniffed(t *testing.T) {
	for _, c := range []struct {
		data  []byte
		first string
	}{{testWorkbook(t), "姓名"}, {testDocument(t), "病例3"}} {
		frags, _ := officeFrags(t, "-", c.data, Options{})
		if len(frags) == 0 || !strings.HasPrefix(frags[0].text, c.first) {
			t.Errorf("sniffed: %+v", frags)
		}
		var piped []string
		pipe := struct{ io.Reader }{bytes.NewReader(c.data)}
		err := Read(context.Background(), "-", pipe, Options{}, func(f Fragment) error {
			piped = append(piped, string(f.Text))
			return nil
		}, nil)
		if err != nil || len(piped) != len(frags) || piped[0] != frags[0].text {
			t.Errorf("piped: %q, %v", piped, err)
		}
	}
	// the parts decide, not the name
	if frags, _ := officeFrags(t, "misnamed.xlsx", testDocument(t), Options{}); len(frags) == 0 || !strings.HasPrefix(frags[0].text, "病例3") {
		t.Errorf("a document named .xlsx: %+v", frags)
	}
	// a file on disk is read in place
	dir := t.TempDir()
	p := filepath.Join(dir, "r.xlsx")
	os.WriteFile(p, testWorkbook(t), 0o644)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	if err := Read(context.Background(), p, f, Options{}, func(Fragment) error { n++; return nil }, nil); err != nil || n != 13 {
		t.Errorf("file: %d fragments, %v", n, err)
	}
}

func TestReadOfficeBad(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"x.xlsx", []byte("PK\x03\x04 not really a zip"), "not a readable zip archive"},
		{"x.docx", []byte("plain text"), "not a readable zip archive"},
		{"-", zipOf(t, map[string]string{"a.txt": "hello"}), "neither an XLSX workbook nor a DOCX document"},
		{"x.xlsx", zipOf(t, map[string]string{"a.txt": "hello"}), "neither an XLSX workbook nor a DOCX document"},
		{"x.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document><w:body><w:p><w:t>张三</w:t></w:p><w:p><w:t>oops</w:p>`}), "malformed XML at line 1"},
	} {
		frags, probs := officeFrags(t, c.name, c.data, Options{})
		if len(probs) != 1 || !strings.Contains(probs[0].Error(), c.want) {
			t.Errorf("%s: problems %v, want %+v (fragments %+v)", c.name, probs, c.want, frags)
		}
	}
	// what was read before malformed XML is kept
	frags, _ := officeFrags(t, "x.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document><w:body><w:p><w:t>张三</w:t></w:p><w:p><w:t>oops</w:p>`}), Options{})
	if len(frags) != 1 || frags[0].text != "张三\noops\n" {
		t.Errorf("kept %+v", frags)
	}
}

func TestCellRef(t *testing.T) {
	for _, c := range []struct {
		ref      string
		col, row int
		ok       bool
	}{{"A1", 0, 1, true}, {"Z9", 25, 9, true}, {"AA10", 26, 10, true}, {"XFD1048576", 16383, 1048576, true},
		{"1A", 0, 0, false}, {"A0", 0, 0, false}, {"A", 0, 0, false}, {"", 0, 0, false}} {
		col, row, ok := CellRef(c.ref)
		if ok != c.ok || ok && (col != c.col || row != c.row) {
			t.Errorf("CellRef(%q) = %d, %d, %v", c.ref, col, row, ok)
		}
		if ok && ColName(col)+fmt.Sprint(row) != c.ref {
			t.Errorf("ColName(%d) = %q", col, ColName(col))
		}
	}
}

func FuzzReadOffice(f *testing.F) {
	f.Add(testWorkbook(f))
	f.Add(testDocument(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.xlsx", "f.docx", "-"} {
			err := Read(context.Background(), name, bytes.NewReader(data), Options{MaxFragment: 64}, func(fr Fragment) error {
				if len(fr.Text) == 0 {
					t.Fatalf("%s: empty fragment at %+v", name, fr.Loc)
				}
				return nil
			}, nil)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	})
}

// TestReadOfficeBounds feeds what a zip bomb would: a cell, a shared string
// and a paragraph far longer than any real one, and a text node without
// markup for longer than maxXMLRun. Memory stays bounded: the cell and the
// shared string are cut and reported, the paragraph is cut into fragments,
// the part without markup is reported and the rest of the archive read.
func TestReadOfficeBounds(t *testing.T) {
	big := strings.Repeat("张三13812345678，", maxCellText/20+1000)
	w := `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	book := zipOf(t, map[string]string{
		"xl/workbook.xml": xmlHead + `<workbook ` + w + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			`<sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
		"xl/sharedStrings.xml":     xmlHead + `<sst ` + w + `><si><t>` + big + `</t></si></sst>`,
		"xl/worksheets/sheet1.xml": xmlHead + `<worksheet ` + w + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + big + `</t></is></c><c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		"xl/worksheets/sheet2.xml": xmlHead + `<worksheet ` + w + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("x", maxXMLRun+10) + `</t></is></c></row></sheetData></worksheet>`,
		"docProps/core.xml":        xmlHead + `<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator>赵六</dc:creator></cp:coreProperties>`,
	})
	frags, probs := officeFrags(t, "bomb.xlsx", book, Options{NoHeader: true})
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"shared string 0 over 1 MiB", "A!A1: cell text over 1 MiB", "worksheets/sheet2.xml: malformed XML", "without markup"} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in:\n%s", want, all)
		}
	}
	if len(frags) != 3 || len(frags[0].text) > maxCellText || len(frags[1].text) > maxCellText || frags[2].text != "赵六" {
		t.Errorf("%d fragments", len(frags))
	}
	for _, f := range frags {
		if !utf8.ValidString(f.text) {
			t.Errorf("invalid UTF-8 in %s", f.path)
		}
	}
	// a paragraph of 1.6 MB is cut into fragments of at most 4×MaxFragment,
	// all on line 1
	doc := zipOf(t, map[string]string{"word/document.xml": `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>` + big + `</w:t></w:r></w:p><w:p><w:r><w:t>完</w:t></w:r></w:p></w:body></w:document>`})
	frags, probs = officeFrags(t, "long.docx", doc, Options{MaxFragment: 4096})
	total := 0
	for i, f := range frags {
		if len(f.text) > 4*4096 || !utf8.ValidString(f.text) {
			t.Fatalf("fragment %d: %d bytes", i, len(f.text))
		}
		if i < len(frags)-1 && f.line != 1 {
			t.Errorf("fragment %d on line %d", i, f.line)
		}
		total += len(f.text)
	}
	if len(probs) != 0 || total != len(big)+len("\n完\n") || !strings.HasSuffix(frags[len(frags)-1].text, "完\n") {
		t.Errorf("%d fragments, %d bytes, problems %v", len(frags), total, probs)
	}
}
