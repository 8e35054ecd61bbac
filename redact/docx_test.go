package redact

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custos-project/custos/extract"
)

// document builds a DOCX archive from parts (name → content), with the
// package's content types and relationships.
func document(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
	}
	return zipParts(t, all, parts, "[Content_Types].xml", "_rels/.rels")
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// judgmentParts are a juvenile case's document: a name split across runs
// of different formatting, a tab between a label and its value, a table
// cell, a text box, a field's code, a header, a comment and its author,
// an external hyperlink and the file's author.
var judgmentParts = map[string]string{
	"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` +
		`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>被告人周</w:t></w:r><w:r><w:t>建国，男，2008年3月5日出生，</w:t></w:r><w:r><w:t xml:space="preserve">住长沙市岳麓区茶子山东路188号。</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>联系电话</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>13907311234</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>法定代理人周德贵（系被告人之父）</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>被害人</w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>王小明，男，12岁，身份证号430104201305062315</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r><w:r><w:t>受轻微伤。</w:t></w:r></w:p>` +
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:zhoujg2008@163.com" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		`</w:body></w:document>`,
	"word/header1.xml":             `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ` + wordNS + `><w:p><w:r><w:t>周建国盗窃案</w:t></w:r></w:p></w:hdr>`,
	"word/footer1.xml":             `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ` + wordNS + `><w:p><w:r><w:t>王小明伤情鉴定</w:t></w:r></w:p></w:ftr>`,
	"word/comments.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ` + wordNS + `><w:comment w:id="0" w:author="李明" w:initials="LM"><w:p><w:r><w:t>核对周建国的身份证号</w:t></w:r></w:p></w:comment></w:comments>`,
	"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:zhoujg2008@163.com" TargetMode="External"/></Relationships>`,
	"docProps/core.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>李明</dc:creator></cp:coreProperties>`,
	"word/styles.xml":              `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + wordNS + `/>`,
}

var judgmentOriginals = []string{"周建国", "周</w:t>", "建国，", "13907311234", "周德贵", "王小明", "430104201305062315", "zhoujg2008", "李明", "茶子山东路188号"}

// TestDOCXJudgment: a document comes out a document with every part that
// held personal information rewritten and the runs' formatting kept; no
// original value is left in any part.
func TestDOCXJudgment(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "judgment.docx"), filepath.Join(dir, "judgment.public.docx")
	if err := os.WriteFile(in, document(t, judgmentParts), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := File(context.Background(), in, out, options(t, "minor-protection"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != extract.FormatDOCX || len(res.Changes) == 0 {
		t.Fatalf("format %s, %d changes", res.Format, len(res.Changes))
	}
	b, _ := os.ReadFile(out)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the output is no zip archive: %v", err)
	}
	content := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		content[f.Name] = string(data)
		for _, o := range judgmentOriginals {
			if strings.Contains(string(data), o) {
				t.Errorf("%s still holds %q:\n%s", f.Name, o, data)
			}
		}
	}
	doc := content["word/document.xml"]
	for _, want := range []string{"<w:rPr><w:b/></w:rPr><w:t", "<w:tab/>", "<w:txbxContent>", "<w:tbl>", "被害人"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the document lost %q:\n%s", want, doc)
		}
	}
	// the victim, a child in the body, is one in the footer too, which
	// does not say his age
	if f := content["word/footer1.xml"]; !strings.Contains(f, "<w:t xml:space=\"preserve\">小") {
		t.Errorf("the footer's child is no child's pseudonym:\n%s", f)
	}
	if content["word/styles.xml"] != judgmentParts["word/styles.xml"] {
		t.Error("a part without personal information was not copied as it was")
	}
	// the project's reader reads it back
	var text strings.Builder
	err = extract.Read(context.Background(), out, bytes.NewReader(b), extract.Options{Format: extract.FormatDOCX}, func(fr extract.Fragment) error {
		text.Write(fr.Text)
		return nil
	}, func(p *extract.Problem) { t.Errorf("reading the output: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "法定代理人") || !strings.Contains(text.String(), "受轻微伤") || !strings.Contains(text.String(), "小A") {
		t.Errorf("read back:\n%s", text.String())
	}
}

// TestDOCXTableRows: a table's row is read as one line, its cells apart,
// as the scan reads it: a roster's row is one record under its header
// (群众 under 政治面貌, a name the row shows to be one), and every cell's
// text stays in its cell.
func TestDOCXTableRows(t *testing.T) {
	cell := func(s string) string { return `<w:tc><w:p><w:r><w:t>` + s + `</w:t></w:r></w:p></w:tc>` }
	row := func(cs ...string) string {
		var b strings.Builder
		b.WriteString("<w:tr>")
		for _, c := range cs {
			b.WriteString(cell(c))
		}
		b.WriteString("</w:tr>")
		return b.String()
	}
	parts := map[string]string{"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` +
		`<w:tbl>` + row("姓名", "性别", "政治面貌", "婚姻状况") + row("欧阳建国", "男", "群众", "离异") + `</w:tbl></w:body></w:document>`}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "roster.docx"), filepath.Join(dir, "roster.public.docx")
	if err := os.WriteFile(in, document(t, parts), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := File(context.Background(), in, out, options(t, "epidemic-bulletin")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		doc := string(data)
		for _, o := range []string{"建国", "群众", "离异"} {
			if strings.Contains(doc, o) {
				t.Errorf("the row still holds %q:\n%s", o, doc)
			}
		}
		if strings.Count(doc, "<w:tc>") != 8 || !strings.Contains(doc, ">欧阳某</w:t>") || !strings.Contains(doc, "<w:t>男</w:t>") {
			t.Errorf("the cells were not kept apart:\n%s", doc)
		}
	}
}

// TestDOCXRefused: tracked changes and an embedded workbook are refused
// with nothing written; an image is reported.
func TestDOCXRefused(t *testing.T) {
	tracked := map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body><w:p><w:del w:id="1" w:author="李明"><w:r><w:delText>王小明</w:delText></w:r></w:del></w:p></w:body></w:document>`}
	embedded := map[string]string{"word/document.xml": judgmentParts["word/document.xml"], "word/embeddings/Microsoft_Excel_Worksheet.xlsx": "PK"}
	for _, tt := range []struct {
		name  string
		parts map[string]string
		want  string
	}{{"tracked changes", tracked, "tracked changes"}, {"embedded workbook", embedded, "embedded object"}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in.docx"), filepath.Join(dir, "out.docx")
			os.WriteFile(in, document(t, tt.parts), 0o644)
			if _, err := File(context.Background(), in, out, options(t, "display")); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one about %s", err, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("an output was written")
			}
		})
	}
	parts := map[string]string{"word/media/image1.jpeg": "\xff\xd8", "word/document.xml": judgmentParts["word/document.xml"]}
	var out bytes.Buffer
	res, err := Stream(context.Background(), "in.docx", bytes.NewReader(document(t, parts)), &out, withFormat(options(t, "display"), extract.FormatDOCX))
	if err != nil || len(res.Warnings) != 1 {
		t.Errorf("image: %v, warnings %q", err, res.Warnings)
	}
}

// FuzzDOCXText rewrites documents whose body is any text: an error or an
// output, never a panic.
func FuzzDOCXText(f *testing.F) {
	f.Add(judgmentParts["word/document.xml"])
	f.Add(`<w:document><w:body><w:p><w:r><w:t>张</w:t><w:t>三</w:t></w:r><w:p><w:t>13907311234`)
	opt := withFormat(options(f, "display"), extract.FormatDOCX)
	f.Fuzz(func(t *testing.T, body string) {
		var out bytes.Buffer
		if _, err := Stream(context.Background(), "fuzz.docx", bytes.NewReader(document(t, map[string]string{"word/document.xml": body})), &out, opt); err != nil {
			return
		}
		if _, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len())); err != nil {
			t.Errorf("the output is no zip archive: %v", err)
		}
	})
}
