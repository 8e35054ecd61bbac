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

// workbook builds an XLSX archive from parts (name → content), with the
// package's content types and relationships when parts does not give them.
func workbook(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	base := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="登记表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	}
	return zipParts(t, base, parts, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")
}

// zipParts writes the parts of base and parts (parts win) into a zip
// archive, first the ones named first, in that order.
func zipParts(t testing.TB, base, parts map[string]string, first ...string) []byte {
	t.Helper()
	all := map[string]string{}
	for k, v := range base {
		all[k] = v
	}
	for k, v := range parts {
		all[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range first {
		writeEntry(t, zw, name, all[name])
		delete(all, name)
	}
	for name, content := range all {
		writeEntry(t, zw, name, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeEntry(t testing.TB, zw *zip.Writer, name, content string) {
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, content)
}

// registerParts is a pupils' register: shared strings, a number, an inline
// string, a styled cell, a formula, a comment and its author, and the
// workbook's author.
var registerParts = map[string]string{
	"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="8"><si><t>姓名</t></si><si><t>手机号</t></si><si><t>身份证号</t></si><si><t>年龄</t></si><si><t>备注</t></si><si><t>张伟</t></si><si><r><rPr><b/></rPr><t>李小</t></r><r><t>红</t></r></si><si><r><rPr><i/></rPr><t>高</t></r><r><t>血压</t></r></si></sst>`,
	"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>` +
		`<row r="2"><c r="A2" s="1" t="s"><v>5</v></c><c r="B2"><v>13912345678</v></c><c r="C2" t="inlineStr"><is><t>110101199003074514</t></is></c><c r="D2"><v>45</v></c><c r="E2" t="s"><v>7</v></c></row>` +
		`<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="str"><f>"139"&amp;"87654321"</f><v>13987654321</v></c><c r="D3"><v>9</v></c><c r="F3" t="b"><v>1</v></c></row>` +
		`</sheetData><rowBreaks count="1"><brk id="2"/></rowBreaks></worksheet>`,
	"xl/comments1.xml":  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>王芳</author></authors><commentList><comment ref="A2" authorId="0"><text><r><t>家长电话</t></r><r><t>13800138000</t></r></text></comment></commentList></comments>`,
	"docProps/core.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">李明</dc:creator><cp:lastModifiedBy>李明</cp:lastModifiedBy><dc:title>三年级学生登记表</dc:title></cp:coreProperties>`,
	"xl/styles.xml":     `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts></styleSheet>`,
}

// originals are the register's personal information.
var originals = []string{"张伟", "李小", "13912345678", "110101199003074514", "13987654321", "13800138000", "王芳", "李明"}

// TestXLSXRegister: a workbook comes out a workbook, every part that held
// personal information rewritten (cells, comments, authors), the rest as
// it was; no original value is left in any part.
func TestXLSXRegister(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "register.xlsx"), filepath.Join(dir, "register.out.xlsx")
	if err := os.WriteFile(in, workbook(t, registerParts), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := File(context.Background(), in, out, options(t, "share"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != extract.FormatXLSX || len(res.Changes) == 0 {
		t.Fatalf("format %s, %d changes", res.Format, len(res.Changes))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the output is no zip archive: %v", err)
	}
	content := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		content[f.Name] = string(data)
		for _, o := range originals {
			if strings.Contains(string(data), o) {
				t.Errorf("%s still holds %s", f.Name, o)
			}
		}
	}
	if len(content) != len(registerParts)+4 {
		t.Errorf("%d parts out, want %d", len(content), len(registerParts)+4)
	}
	if content["xl/styles.xml"] != registerParts["xl/styles.xml"] || content["xl/workbook.xml"] == "" {
		t.Error("a part without personal information was not copied as it was")
	}
	sheet := content["xl/worksheets/sheet1.xml"]
	for _, want := range []string{`<c r="A2" s="1" t="s">`, `<c r="F3" t="b"><v>1</v></c>`, `<rowBreaks count="1">`, `<c r="D2"><v>45</v></c>`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lost %s:\n%s", want, sheet)
		}
	}
	if !strings.Contains(content["xl/sharedStrings.xml"], "<r><rPr><i/></rPr><t>高</t></r>") {
		t.Errorf("a string kept lost its rich text:\n%s", content["xl/sharedStrings.xml"])
	}
	if strings.Contains(sheet, "<f>") {
		t.Error("the formula that computed a phone number is still there")
	}
	// the project's own reader reads it back: the header as it was, the
	// values de-identified in place
	var cells []string
	err = extract.Read(context.Background(), out, bytes.NewReader(b), extract.Options{Format: extract.FormatXLSX}, func(fr extract.Fragment) error {
		cells = append(cells, fr.Loc.Path+"="+string(fr.Text))
		return nil
	}, func(p *extract.Problem) { t.Errorf("reading the output: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(cells, "\n")
	for _, want := range []string{"登记表!A1=姓名", "登记表!E1=备注", "登记表!E2=高血压", "登记表!D3=9"} {
		if !strings.Contains(got, want) {
			t.Errorf("read back: no %s in\n%s", want, got)
		}
	}
	for _, c := range cells {
		if strings.HasPrefix(c, "登记表!A2=") && !strings.HasPrefix(c, "登记表!A2=人员") {
			t.Errorf("the name is no pseudonym: %s", c)
		}
		if strings.HasPrefix(c, "登记表!B2=") && len(strings.TrimPrefix(c, "登记表!B2=")) != 11 {
			t.Errorf("the phone's token has not its format: %s", c)
		}
	}
}

// TestXLSXRefused: a workbook with a copy of its data that is not
// rewritten (a pivot cache), or a sheet named after a person, is refused
// and nothing is written.
func TestXLSXRefused(t *testing.T) {
	pivot := map[string]string{}
	for k, v := range registerParts {
		pivot[k] = v
	}
	pivot["xl/pivotCache/pivotCacheRecords1.xml"] = `<pivotCacheRecords><r><s v="张伟"/></r></pivotCacheRecords>`
	named := map[string]string{}
	for k, v := range registerParts {
		named[k] = v
	}
	named["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="张伟13912345678" sheetId="1" r:id="rId1"/></sheets></workbook>`
	for _, tt := range []struct {
		name  string
		parts map[string]string
		want  string
	}{
		{"pivot cache", pivot, "pivot"},
		{"sheet name", named, "sheet name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "out.xlsx")
			if err := os.WriteFile(in, workbook(t, tt.parts), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := File(context.Background(), in, out, options(t, "share"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one about the %s", err, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("an output was written")
			}
		})
	}
}

// TestXLSXImageWarned: an image is copied and reported.
func TestXLSXImageWarned(t *testing.T) {
	parts := map[string]string{"xl/media/image1.png": "\x89PNG"}
	for k, v := range registerParts {
		parts[k] = v
	}
	var out bytes.Buffer
	res, err := Stream(context.Background(), "in.xlsx", bytes.NewReader(workbook(t, parts)), &out, withFormat(options(t, "share"), extract.FormatXLSX))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "xl/media/image1.png") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func withFormat(o Options, f extract.Format) Options {
	o.Format = f
	return o
}

// FuzzXLSXSheet rewrites workbooks whose worksheet XML is any text: an
// error or an output, never a panic; an output is a zip archive again.
func FuzzXLSXSheet(f *testing.F) {
	f.Add(registerParts["xl/worksheets/sheet1.xml"])
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>张伟</t></is></c></row><row/><row r="x"><c/></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row><c t="s"><v>99</v></c><c r="ZZZZZZ1"><v>1</v></c></row>`)
	opt := withFormat(options(f, "display"), extract.FormatXLSX)
	f.Fuzz(func(t *testing.T, sheet string) { rewriteWith(t, opt, "xl/worksheets/sheet1.xml", sheet) })
}

// FuzzXLSXStrings rewrites the register with any shared-string table: an
// error or an output, never a panic.
func FuzzXLSXStrings(f *testing.F) {
	f.Add(registerParts["xl/sharedStrings.xml"])
	f.Add(`<x:sst xmlns:x="main"><x:si><x:t>张伟</x:t></x:si><si/></x:sst>`)
	opt := withFormat(options(f, "display"), extract.FormatXLSX)
	f.Fuzz(func(t *testing.T, sst string) { rewriteWith(t, opt, "xl/sharedStrings.xml", sst) })
}

// rewriteWith rewrites the register with one part replaced: an error or
// an output, never a panic; an output is a zip archive again.
func rewriteWith(t *testing.T, opt Options, part, content string) {
	parts := map[string]string{}
	for k, v := range registerParts {
		parts[k] = v
	}
	parts[part] = content
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "fuzz.xlsx", bytes.NewReader(workbook(t, parts)), &out, opt); err != nil {
		return
	}
	if _, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len())); err != nil {
		t.Errorf("the output is no zip archive: %v", err)
	}
}

// TestXLSXMissingSharedString: a cell pointing at a shared string that does
// not exist comes out empty, not pointing at another string of the new
// table.
func TestXLSXMissingSharedString(t *testing.T) {
	parts := map[string]string{}
	for k, v := range registerParts {
		parts[k] = v
	}
	parts["xl/worksheets/sheet1.xml"] = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>99</v></c><c r="B2" t="s"><v>5</v></c></row></sheetData></worksheet>`
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "in.xlsx", bytes.NewReader(workbook(t, parts)), &out, withFormat(options(t, "share"), extract.FormatXLSX)); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			if !strings.Contains(string(b), `<c r="A2"/>`) {
				t.Errorf("the dangling cell:\n%s", b)
			}
		}
	}
}

// TestXLSXDates: a birth date stored as a number under a date style is read
// as the date it shows, so it gives the pupil's age and is generalized.
func TestXLSXDates(t *testing.T) {
	parts := map[string]string{}
	for k, v := range registerParts {
		parts[k] = v
	}
	parts["xl/styles.xml"] = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`
	parts["xl/worksheets/sheet1.xml"] = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>出生日期</t></is></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" s="1"><v>42156</v></c></row></sheetData></worksheet>`
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "in.xlsx", bytes.NewReader(workbook(t, parts)), &out, withFormat(options(t, "minor-protection"), extract.FormatXLSX)); err != nil {
		t.Fatal(err)
	}
	var cells []string
	err := extract.Read(context.Background(), "out.xlsx", bytes.NewReader(out.Bytes()), extract.Options{Format: extract.FormatXLSX}, func(fr extract.Fragment) error {
		cells = append(cells, fr.Loc.Path+"="+string(fr.Text))
		return nil
	}, func(p *extract.Problem) {})
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(cells, " "); !strings.Contains(all, "B2=未满十四周岁") || !strings.Contains(all, "A2=小A") {
		t.Errorf("cells %s", all)
	}
}
