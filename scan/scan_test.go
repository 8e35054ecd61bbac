package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/report"
)

// collect is a report.Writer that keeps everything.
type collect struct {
	recs     []report.Record
	problems []report.Problem
	order    []string // "R" record batch, "P" problem
	failAt   int
}

func (c *collect) Write(recs []report.Record) error {
	if c.failAt > 0 && len(c.recs)+len(recs) >= c.failAt {
		return errors.New("disk full")
	}
	c.recs = append(c.recs, recs...)
	c.order = append(c.order, "R")
	return nil
}
func (c *collect) Problem(p report.Problem) error {
	c.problems = append(c.problems, p)
	c.order = append(c.order, "P")
	return nil
}
func (c *collect) Close(report.Summary) error { return nil }

func engine(t *testing.T) *detect.Engine {
	t.Helper()
	e, err := detect.New(detect.Config{RefDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), MinScore: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestOrderAcrossWorkers: a large input in many fragments, scanned by many
// workers, comes out in input order with every finding once.
func TestOrderAcrossWorkers(t *testing.T) {
	var b strings.Builder
	const n = 20000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "第%d行，联系电话138%08d。\n", i, i)
	}
	for _, workers := range []int{1, 4, 16} {
		c := &collect{}
		res, err := Run(context.Background(), engine(t), []string{"-"}, strings.NewReader(b.String()),
			Options{Workers: workers, Extract: extract.Options{MaxFragment: 4096}}, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.recs) != n || res.Summary.Findings != n {
			t.Fatalf("workers %d: %d records, summary %d, want %d", workers, len(c.recs), res.Summary.Findings, n)
		}
		for i, r := range c.recs {
			if r.Line != i+1 {
				t.Fatalf("workers %d: record %d on line %d: out of order", workers, i, r.Line)
			}
		}
		if res.Summary.Bytes != int64(b.Len()) || res.Summary.Files != 1 {
			t.Errorf("summary %+v", res.Summary)
		}
	}
}

// TestRegisterAcrossFragments: a register typed as text longer than a
// fragment keeps its header's columns in every fragment: each row's bare
// age and its 来自 place are found, whichever worker reads it.
func TestRegisterAcrossFragments(t *testing.T) {
	var b strings.Builder
	b.WriteString("序号 姓名 性别 年龄 来自\n")
	const n = 400
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d 王%c%c 男 %d 武汉\n", i+1, []rune("伟芳娜敏静")[i%5], []rune("丽强磊军洋")[(i/5)%5], 20+i%50)
	}
	c := &collect{}
	if _, err := Run(context.Background(), engine(t), []string{"-"}, strings.NewReader(b.String()),
		Options{Workers: 4, Extract: extract.Options{MaxFragment: 1024}}, c); err != nil {
		t.Fatal(err)
	}
	count := map[pi.Type]int{}
	for _, r := range c.recs {
		count[r.Type]++
	}
	if count[pi.Age] != n || count[pi.Place] != n {
		t.Errorf("ages %d, places %d, want %d each", count[pi.Age], count[pi.Place], n)
	}
}

// TestProblemsInOrder: problems are delivered between the findings of the
// files around them, and scanning goes on after them.
func TestProblemsInOrder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "电话13800138000\n")
	bad := write("b.jsonl", "{\"tel\": \"13912345678\"}\n{broken\n{\"tel\": \"13712345678\"}\n")
	c := write("c.txt", "电话13600136000\n")
	missing := filepath.Join(dir, "zz-missing.txt")
	w := &collect{}
	res, err := Run(context.Background(), engine(t), []string{a, bad, c, missing}, nil, Options{Workers: 3}, w)
	if err != nil {
		t.Fatal(err)
	}
	// the missing path is found while listing, before any file is read
	if got := strings.Join(w.order, ""); got != "PRRPRR" {
		t.Errorf("order %s, want PRRPRR (missing, a, b row 1, b's problem, b row 3, c)", got)
	}
	if len(res.Problems) != 2 || !strings.Contains(res.Problems[1].Message, "b.jsonl:2") ||
		!strings.Contains(res.Problems[0].Message, "zz-missing.txt") {
		t.Errorf("problems %+v", res.Problems)
	}
	if res.Summary.Files != 3 {
		t.Errorf("files %d", res.Summary.Files)
	}
}

func TestWriterFailureStops(t *testing.T) {
	var b bytes.Buffer
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "电话138%08d\n", i)
	}
	w := &collect{failAt: 100}
	_, err := Run(context.Background(), engine(t), []string{"-"}, &b, Options{Workers: 2, Extract: extract.Options{MaxFragment: 1024}}, w)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err %v", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, engine(t), []string{"-"}, strings.NewReader(strings.Repeat("电话13800138000\n", 1000)), Options{}, &collect{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func TestLabelFromLocator(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.json")
	if err := os.WriteFile(p, []byte(`{"patients": [{"QQ号": 12345678, "备注": "无"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &collect{}
	if _, err := Run(context.Background(), engine(t), []string{p}, nil, Options{}, w); err != nil {
		t.Fatal(err)
	}
	if len(w.recs) != 1 || w.recs[0].Type != "qq_number" || w.recs[0].Path != "$.patients[0].QQ号" {
		t.Errorf("the JSON key must act as context: %+v", w.recs)
	}
}

// TestRecordSubjects: the cells of a CSV row are one subject; an ID number
// under 14 marks every finding of its row, not the rows around it.
func TestRecordSubjects(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "register.csv")
	csv := "姓名,身份证号,手机号\n王小明,11010519491231002X,13800138000\n李某,510124201403125519,13912345678\n"
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := detect.New(detect.Config{RefDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), MinScore: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	w := &collect{}
	if _, err := Run(context.Background(), e, []string{p}, nil, Options{}, w); err != nil {
		t.Fatal(err)
	}
	for _, r := range w.recs {
		minor := r.Attributes["minor"] == "true"
		switch r.Row {
		case 1:
			if minor || r.Attributes["subject"] != "row 1" {
				t.Errorf("row 1 %s: minor %v subject %q", r.Type, minor, r.Attributes["subject"])
			}
		case 2:
			if !minor || len(r.Categories) == 0 || r.Attributes["subject"] != "row 2" {
				t.Errorf("row 2 %s: minor %v categories %v subject %q", r.Type, minor, r.Categories, r.Attributes["subject"])
			}
		}
	}
	if len(w.recs) < 5 {
		t.Errorf("only %d findings", len(w.recs))
	}
}

func TestRecordKey(t *testing.T) {
	tests := []struct {
		loc  pi.Locator
		want string
	}{
		{pi.Locator{Row: 3, Column: "姓名"}, "row 3"},
		{pi.Locator{Row: 3, Column: "姓名", Path: "来访登记!B4"}, "来访登记 row 3"},
		{pi.Locator{Row: 3, Column: "姓名", Path: "table[2]"}, "table[2] row 3"},
		{pi.Locator{Row: 0, Column: "姓名", Path: "table[2]"}, ""}, // a header cell
		{pi.Locator{Path: "@alt"}, ""},
		{pi.Locator{Row: 1, Path: "$.patients[2].phone"}, "record 1 $.patients[2]"},
		{pi.Locator{Line: 4}, ""},
	}
	for _, tt := range tests {
		if got := recordKey(tt.loc); got != tt.want {
			t.Errorf("recordKey(%+v) = %q, want %q", tt.loc, got, tt.want)
		}
	}
}

func TestMaskPath(t *testing.T) {
	keys := map[string]string{"13812345678": "138****5678", "张三": "张*", `a"b`: "a*b"}
	for _, c := range []struct{ in, want string }{
		{`$["13812345678"].姓名`, `$["138****5678"].姓名`},
		{`$.张三[0]`, `$["张*"][0]`},
		{`$.张三丰.x`, `$.张三丰.x`}, // another key that starts the same
		{`$.x["a\"b"]`, `$.x["a*b"]`},
		{`$.list[2]["13812345678"]`, `$.list[2]["138****5678"]`},
		{`$.张三.*~`, `$["张*"].*~`},
		{`$`, `$`},
		{`$.ok`, `$.ok`},
		{`$["broken`, `$["broken`},
	} {
		if got := maskPath(c.in, keys); got != c.want {
			t.Errorf("maskPath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestHeaderTerms: a word of the term lists in a header cell names a
// column (体温, 民族), not anyone's fact; an identifier in the first row of
// a table without a real header is still found.
func TestHeaderTerms(t *testing.T) {
	recs := scanFile(t, "register.csv", "姓名,体温,民族,所在村,出生年月,13800138000\n王小明,发热,汉族,青山村,2012.05,13912345678\n")
	var header, data []string
	for _, r := range recs {
		if r.Row == 0 {
			header = append(header, string(r.Type))
		} else {
			data = append(data, string(r.Type))
		}
	}
	if fmt.Sprint(header) != "[mobile_phone]" {
		t.Errorf("header findings %v, want [mobile_phone]", header)
	}
	// a column's name is not read under itself (所在村 is no village); its
	// cells are (青山村, a birth year and month under 出生年月)
	for _, want := range []string{"health", "ethnicity", "address", "date"} {
		if !strings.Contains(fmt.Sprint(data), want) {
			t.Errorf("data findings %v: want %s", data, want)
		}
	}
}

// TestDocumentTypeColumn: the type a row gives its document number in
// another column (证件类型 护照) is the number's context, in a CSV row and a
// JSON record; without it the same numbers are only shapes.
func TestDocumentTypeColumn(t *testing.T) {
	files := map[string]string{
		"a.csv":  "姓名,证件类型,证件号码\n张伟,护照,E12345678\n李娜,港澳通行证,C12345678\n",
		"b.json": `[{"name":"张伟","idType":"护照","idNo":"E12345678"},{"name":"李娜","证件类型":"港澳通行证","证件号码":"C12345678"}]`,
		"c.csv":  "姓名,备注,证件号码\n张伟,护照,E12345678\n",
	}
	scores := map[string]map[pi.Type]float64{}
	for name, content := range files {
		scores[name] = map[pi.Type]float64{}
		for _, r := range scanFile(t, name, content) {
			scores[name][r.Type] = r.Score
		}
	}
	for _, name := range []string{"a.csv", "b.json"} {
		if s := scores[name][pi.Passport]; s < 0.9 {
			t.Errorf("%s: passport score %.2f, want >= 0.9 (typed 护照 in its row)", name, s)
		}
		if s := scores[name][pi.HKMacauPermit]; s < 0.9 {
			t.Errorf("%s: HK/Macao permit score %.2f, want >= 0.9", name, s)
		}
	}
	// a column that is no type column says nothing of the number
	if s := scores["c.csv"][pi.Passport]; s >= 0.9 {
		t.Errorf("c.csv: passport score %.2f under a notes column, want the shape's alone", s)
	}
}

// TestRowOwnersAndRelations: a note that opens with a relation's label
// (监护人：…) holds that person's data, not the row's; a relation column's
// 孙子 is no name; a condition in a note is the row's person's.
func TestRowOwnersAndRelations(t *testing.T) {
	recs := scanFile(t, "grid.csv", "姓名,与户主关系,备注\n张秀英,户主,监护人：儿子王强 13574112345\n李小宝,孙子,高血压\n")
	subjects := map[string]string{} // column/type → subject
	for _, r := range recs {
		if r.Type == pi.PersonName && r.Column == "与户主关系" {
			t.Errorf("a relation read as a name in row %d", r.Row)
		}
		if r.Type == pi.Health && r.Score < 0.85 {
			t.Errorf("the row's condition scored %.2f, want >= 0.85", r.Score)
		}
		if r.Row == 1 {
			subjects[r.Column+"/"+string(r.Type)] = r.Attributes["subject"]
		}
	}
	own, guardian := subjects["姓名/person_name"], subjects["备注/person_name"]
	if own == "" || guardian == "" || own == guardian || subjects["备注/mobile_phone"] != guardian {
		t.Errorf("subjects: %v (the guardian's name and phone in the note are not the row's person's)", subjects)
	}
}

// scanFile writes content to a file called name and scans it.
func scanFile(t *testing.T, name, content string) []report.Record {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &collect{}
	if _, err := Run(context.Background(), engine(t), []string{p}, nil, Options{}, w); err != nil {
		t.Fatal(err)
	}
	return w.recs
}
