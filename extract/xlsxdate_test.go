package extract

import (
	"strings"
	"testing"
)

func TestSerialDate(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"42156", "2015-06-01", true},
		{"42156.5208333", "2015-06-01 12:30", true},
		{"1", "1899-12-31", true},
		{"0", "", false},
		{"13812345678", "", false},
		{"abc", "", false},
		{"-5", "", false},
	} {
		got, ok := SerialDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SerialDate(%q) = %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDateStyles(t *testing.T) {
	styles := `<styleSheet><numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>` +
		`<numFmt numFmtId="177" formatCode="0.00_ "/><numFmt numFmtId="178" formatCode="&quot;day&quot; 0"/></numFmts>` +
		`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
		`<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="178"/><xf numFmtId="20"/></cellXfs></styleSheet>`
	got, err := DateStyles(strings.NewReader(styles))
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{false, true, true, false, false, true}
	if len(got) != len(want) {
		t.Fatalf("%d styles, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("style %d: date %v, want %v", i, got[i], want[i])
		}
	}
}

// TestReadXLSXDates: a number under a date style is read as the date it
// shows; the same number under a general style stays a number.
func TestReadXLSXDates(t *testing.T) {
	data := zipOf(t, map[string]string{
		"xl/workbook.xml": xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/styles.xml": xmlHead + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
		"xl/worksheets/sheet1.xml": xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>出生日期</t></is></c><c r="B1" t="inlineStr"><is><t>人数</t></is></c></row>` +
			`<row r="2"><c r="A2" s="1"><v>42156</v></c><c r="B2" s="0"><v>42156</v></c></row></sheetData></worksheet>`,
	})
	out, _ := officeFrags(t, "d.xlsx", data, Options{})
	var cells []string
	for _, g := range out {
		cells = append(cells, g.path+"="+g.text)
	}
	all := strings.Join(cells, " ")
	if !strings.Contains(all, "S!A2=2015-06-01") || !strings.Contains(all, "S!B2=42156") {
		t.Errorf("cells %s", all)
	}
}
