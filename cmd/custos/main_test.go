package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// run calls Main like the shell would and returns exit code and outputs.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func jsonl(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSONL line %q: %v", line, err)
		}
		recs = append(recs, m)
	}
	return recs
}

func TestScanExample(t *testing.T) {
	code, out, errs := run(t, "", "scan", "--ref-date", "2026-01-01", "../../examples/bulletin.txt")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"resident_id", "510108********2322", "PI.MINOR_U14", "mobile_phone", "138****4567", "license_plate", "findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "13881234567") {
		t.Error("a phone number was printed unmasked without --show-values")
	}
}

func TestScanExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := write(t, dir, "clean.txt", []byte("今天天气很好，我们去公园散步。\n"))
	pii := write(t, dir, "pii.txt", []byte("联系电话13800138000\n"))
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"nothing found", []string{"scan", clean}, exitClean},
		{"findings", []string{"scan", pii}, exitFindings},
		{"missing file", []string{"scan", filepath.Join(dir, "nope.txt"), pii}, exitError},
		{"missing file keep going", []string{"scan", "--keep-going", filepath.Join(dir, "nope.txt"), pii}, exitFindings},
		{"unknown flag", []string{"scan", "--bogus"}, exitError},
		{"unknown format", []string{"scan", "--format", "xml", pii}, exitError},
		{"unknown type", []string{"scan", "--types", "shoe_size", pii}, exitError},
		{"bad ref date", []string{"scan", "--ref-date", "yesterday", pii}, exitError},
		{"unknown command", []string{"scna"}, exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := run(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errs)
			}
			if tt.code == exitError && !strings.Contains(errs, "custos:") {
				t.Errorf("no error message on stderr: %q", errs)
			}
		})
	}
}

func TestScanMissingFileNamesIt(t *testing.T) {
	dir := t.TempDir()
	pii := write(t, dir, "pii.txt", []byte("电话13800138000"))
	code, out, errs := run(t, "", "scan", "--format", "jsonl", filepath.Join(dir, "missing.txt"), pii)
	if code != exitError {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errs, "missing.txt") {
		t.Errorf("stderr does not name the file: %s", errs)
	}
	if len(jsonl(t, out)) != 1 {
		t.Errorf("the good file was not scanned: %s", out)
	}
}

func TestScanStdinJSONL(t *testing.T) {
	code, out, _ := run(t, "第一行\n患者身份证号11010519491231002x，电话 138 1234 5678。\n", "scan", "--format", "jsonl", "--show-values", "-")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	recs := jsonl(t, out)
	if len(recs) != 2 {
		t.Fatalf("got %d findings: %s", len(recs), out)
	}
	id := recs[0]
	if id["type"] != "resident_id" || id["value"] != "11010519491231002x" || id["line"].(float64) != 2 ||
		id["col_start"].(float64) != 6 || id["col_end"].(float64) != 24 || id["file"] != "-" {
		t.Errorf("resident id record: %v", id)
	}
	if recs[1]["value"] != "138 1234 5678" || recs[1]["masked"] != false {
		t.Errorf("phone record: %v", recs[1])
	}
}

func TestScanCSVAndGBK(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "reg/register.csv", []byte("姓名,身份证号,手机号\n王小明,11010519491231002X,13800138000\n陈静,\"bad\"quote,13912345678\n张伟,440305199003078761,15912345678\n"))
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("通知：请联系张老师，手机13512345678。\n"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "notice.txt", gbk)
	write(t, dir, "skip.log", []byte("13800138000"))
	code, out, errs := run(t, "", "scan", "--format", "jsonl", "--exclude", "*.log", dir)
	if code != exitError {
		t.Fatalf("exit %d (a malformed CSV row must give 2); stderr %s", code, errs)
	}
	if !strings.Contains(errs, "register.csv") {
		t.Errorf("the CSV problem does not name the file: %s", errs)
	}
	recs := jsonl(t, out)
	var csvRows, gbkFound int
	for _, r := range recs {
		if strings.HasSuffix(r["file"].(string), "skip.log") {
			t.Errorf("excluded file scanned: %v", r)
		}
		if strings.HasSuffix(r["file"].(string), "register.csv") {
			csvRows++
			// the malformed row 2 is scanned as a whole line: row, no column
			if r["row"] == nil || (r["column"] == nil && r["row"].(float64) != 2) {
				t.Errorf("CSV finding without row/column: %v", r)
			}
		}
		if strings.HasSuffix(r["file"].(string), "notice.txt") && r["type"] == "mobile_phone" {
			gbkFound++
		}
	}
	if csvRows < 4 {
		t.Errorf("only %d CSV findings; rows after the bad one must still be scanned:\n%s", csvRows, out)
	}
	if gbkFound != 1 {
		t.Errorf("GBK file: %d phones found", gbkFound)
	}
}

// TestScanXLSX scans the example register as a workbook: the same findings
// as its CSV twin, each with its row, column and cell address, grouped into
// one subject per row; the workbook's author is scanned too.
func TestScanXLSX(t *testing.T) {
	code, out, errs := run(t, "", "scan", "--format", "jsonl", "--show-values", "../../examples/register.xlsx")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	_, csvOut, _ := run(t, "", "scan", "--format", "jsonl", "--show-values", "../../examples/register.csv")
	key := func(r map[string]any) string { return fmt.Sprint(r["type"], r["row"], r["column"], r["value"]) }
	want := map[string]bool{}
	for _, r := range jsonl(t, csvOut) {
		want[key(r)] = true
	}
	got := map[string]bool{}
	for _, r := range jsonl(t, out) {
		got[key(r)] = true
		if r["type"] == "resident_id" && r["row"].(float64) == 1 {
			if r["column"] != "身份证号" || r["path"] != "来访登记!C2" || r["line"].(float64) != 2 {
				t.Errorf("ID number located at %v %v line %v", r["column"], r["path"], r["line"])
			}
			if sub, _ := r["attributes"].(map[string]any)["subject"].(string); sub != "来访登记 row 1" {
				t.Errorf("subject %q", sub)
			}
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("xlsx lacks the CSV finding %s", k)
		}
	}
}

// TestScanHTML scans a published sign-in table as HTML: every cell is
// scanned on its own (two digit cells are never glued into one number), an
// image's alt text too; and an unreadable workbook is a problem, not a
// crash.
func TestScanHTML(t *testing.T) {
	dir := t.TempDir()
	page := write(t, dir, "notice.html", []byte("<!DOCTYPE html>\n<html><head><title>来访登记</title></head><body>\n"+
		"<p>通知：请<b>张</b>老师联系。</p>\n<table><tr><td>姓名</td><td>手机号</td></tr>\n"+
		"<tr><td>王小明</td><td>13812345678</td><td>1</td></tr></table>\n<img alt=\"李四 13900001111\">\n</body></html>\n"))
	bad := write(t, dir, "broken.xlsx", []byte("PK\x03\x04 not a zip"))
	code, out, errs := run(t, "", "scan", "--format", "jsonl", page, bad)
	if code != exitError || !strings.Contains(errs, "broken.xlsx") || !strings.Contains(errs, "zip") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	phones := map[string]string{}
	for _, r := range jsonl(t, out) {
		if r["type"] == "mobile_phone" {
			p, _ := r["path"].(string)
			phones[r["value"].(string)] = p
			if r["value"] == "138****5678" && r["line"].(float64) != 5 {
				t.Errorf("phone on line %v", r["line"])
			}
		}
	}
	if len(phones) != 2 || phones["139****1111"] != "@alt" {
		t.Errorf("phones %v\n%s", phones, out)
	}
}

// TestScanPublishedList: a school's published list of subsidized pupils,
// as an HTML table and as a text list, gives each child's name, class,
// label and home as one subject under 14.
func TestScanPublishedList(t *testing.T) {
	dir := t.TempDir()
	page := write(t, dir, "list.html", []byte("<html><body><h1>困难学生资助名单公示</h1><table>\n"+
		"<tr><th>序号</th><th>姓名</th><th>班级</th><th>资助类别</th><th>家庭住址</th></tr>\n"+
		"<tr><td>1</td><td>刘子涵</td><td>三年级（2）班</td><td>孤儿</td><td>柳溪村3组</td></tr>\n"+
		"</table></body></html>\n"))
	list := write(t, dir, "list.txt", []byte("现将拟资助学生名单公示如下：\n1. 三年级（2）班 刘子涵 孤儿\n公示期为5天。\n"))
	for _, path := range []string{page, list} {
		code, out, errs := run(t, "", "scan", "--format", "jsonl", "--show-values", path)
		if code != exitFindings {
			t.Fatalf("%s: exit %d, stderr %s", path, code, errs)
		}
		types, subjects := map[string]bool{}, map[any]bool{}
		for _, r := range jsonl(t, out) {
			attrs, _ := r["attributes"].(map[string]any)
			types[r["type"].(string)] = true
			subjects[attrs["subject"]] = true
			if !strings.Contains(fmt.Sprint(r["categories"]), "PI.MINOR_U14") {
				t.Errorf("%s: %s %v not marked under 14", path, r["type"], r["value"])
			}
		}
		want := []string{"person_name", "school", "special_identity"}
		if path == page {
			want = append(want, "address")
		}
		for _, w := range want {
			if !types[w] {
				t.Errorf("%s: no %s in\n%s", path, w, out)
			}
		}
		if len(subjects) != 1 {
			t.Errorf("%s: %d subjects, want the child's alone", path, len(subjects))
		}
	}
}

// TestScanHTMLTableRecords: the cells of a row of an HTML table are one
// subject, like a CSV row: an ID number saying the holder is under 14 marks
// the name in its row as a minor's, and no other row, not even the row of
// the same number in the next table, read right after it.
func TestScanHTMLTableRecords(t *testing.T) {
	dir := t.TempDir()
	page := write(t, dir, "register.html", []byte("<!DOCTYPE html>\n<html><body><h1>来访登记</h1>\n<table>\n"+
		"<thead><tr><th>姓名</th><th>身份证号</th><th>手机号</th></tr></thead>\n<tbody>\n"+
		"<tr><td>王小明</td><td>110105201801011230</td><td>13812345678</td></tr>\n"+
		"</tbody></table>\n<table>\n<tr><td>张伟</td><td>15912345678</td></tr>\n"+
		"<tr><td>李建国</td><td>11010519491231002X</td><td>13912345678</td></tr>\n</table>\n</body></html>\n"))
	code, out, errs := run(t, "", "scan", "--format", "jsonl", "--ref-date", "2026-01-01", "--show-values", page)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	names := map[string]map[string]any{}
	for _, r := range jsonl(t, out) {
		attrs, _ := r["attributes"].(map[string]any)
		minor := attrs["minor"] == "true"
		u14 := strings.Contains(fmt.Sprint(r["categories"]), "PI.MINOR_U14")
		switch v := r["value"].(string); {
		case v == "王小明" || v == "110105201801011230" || v == "13812345678":
			if !minor || !u14 || attrs["subject"] != "table[1] row 1" {
				t.Errorf("%s %s: minor %v, categories %v, subject %v; want the minor of table[1] row 1", r["type"], v, minor, r["categories"], attrs["subject"])
			}
		case minor || u14:
			t.Errorf("%s %s (path %v row %v) marked as a minor's", r["type"], v, r["path"], r["row"])
		}
		if r["type"] == "person_name" {
			names[r["value"].(string)] = r
		}
	}
	want := map[string]string{"王小明": "table[1] 1 姓名", "张伟": "table[2] 1 1", "李建国": "table[2] 2 1"}
	for name, where := range want {
		r := names[name]
		if r == nil {
			t.Errorf("name %s not found:\n%s", name, out)
			continue
		}
		if got := fmt.Sprint(r["path"], " ", r["row"], " ", r["column"]); got != where {
			t.Errorf("name %s at %s, want %s", name, got, where)
		}
	}
}

// TestScanJSONKeys: a JSON object keyed by phone numbers and names is
// scanned key by key, and in masked output no path names such a key (the
// report must not become the leak).
func TestScanJSONKeys(t *testing.T) {
	dir := t.TempDir()
	doc := write(t, dir, "contacts.json", []byte(`{"contacts": {"13812345678": {"姓名": "王小明", "备注": "同事"}, "张伟": ["xx"]}, "label": {"name": {"叶老桂": [[9, 11]]}}}`))
	code, out, errs := run(t, "", "scan", "--format", "jsonl", doc)
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	keyFound := false
	for _, r := range jsonl(t, out) {
		p, _ := r["path"].(string)
		if strings.Contains(p, "13812345678") || strings.Contains(p, "叶老桂") {
			t.Errorf("path %q names a key that is personal information", p)
		}
		if r["type"] == "mobile_phone" && p == "$.contacts.*~" && r["value"] == "138****5678" {
			keyFound = true
		}
		if r["value"] == "王**" && p != `$.contacts["138****5678"].姓名` {
			t.Errorf("name under the masked key at %q", p)
		}
	}
	if !keyFound {
		t.Errorf("the phone number key was not reported:\n%s", out)
	}
	// with --show-values the paths are as in the file
	_, out, _ = run(t, "", "scan", "--format", "jsonl", "--show-values", doc)
	if !strings.Contains(out, `$.contacts[\"13812345678\"].姓名`) {
		t.Errorf("revealed paths changed:\n%s", out)
	}
}

func TestScanFormatsAreValid(t *testing.T) {
	for _, f := range []string{"json", "sarif"} {
		code, out, _ := run(t, "", "scan", "--format", f, "../../examples/bulletin.txt")
		if code != exitFindings {
			t.Fatalf("%s: exit %d", f, code)
		}
		if !json.Valid([]byte(out)) {
			t.Errorf("%s output is not JSON:\n%s", f, out)
		}
	}
}

func TestScanRules(t *testing.T) {
	dir := t.TempDir()
	rules := write(t, dir, "rules.yaml", []byte(`version: 1
recognizers:
  - id: employee_id
    category: PI.EDU_WORK
    pattern: 'EMP-\d{6}'
    context: [工号]
    examples:
      match: ['工号 EMP-123456']
allow:
  - '13800138000'
`))
	text := "员工工号 EMP-654321，电话13800138000，备用13912345678。"
	code, out, errs := run(t, text, "scan", "--rules", rules, "--format", "jsonl", "-")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	types := map[string]int{}
	for _, r := range jsonl(t, out) {
		types[r["type"].(string)]++
	}
	if types["employee_id"] != 1 || types["mobile_phone"] != 1 {
		t.Errorf("types %v: want one employee_id and one (not allow-listed) phone", types)
	}

	bad := write(t, dir, "bad.yaml", []byte("recognizers:\n  - id: x\n    category: PI.NOPE\n    pattern: '('\n"))
	code, _, errs = run(t, text, "scan", "--rules", bad, "-")
	if code != exitError || !strings.Contains(errs, "bad.yaml:2") || !strings.Contains(errs, "PI.NOPE") || !strings.Contains(errs, "bad pattern") {
		t.Errorf("exit %d, stderr %q: want every problem with file:line", code, errs)
	}
}

func TestEvalSynth(t *testing.T) {
	code, out, errs := run(t, "", "eval", "--corpus", "synth:200:3", "--json", "-")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "resident_id") || !strings.Contains(out, `"precision"`) {
		t.Errorf("eval output:\n%s", out)
	}
	code, _, errs = run(t, "", "eval", "--corpus", "nope:/x")
	if code != exitError || errs == "" {
		t.Errorf("unknown corpus format: exit %d, %q", code, errs)
	}
}

func TestEvalSharedCorpus(t *testing.T) {
	path := "../../../shared/data/train/ecr-covid-19/train.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared corpora not present")
	}
	code, out, errs := run(t, "", "eval", "--corpus", "ecr:"+path, "--types", "date,train_number")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "train_number") {
		t.Errorf("eval output:\n%s", out)
	}
}

func TestBenchSmall(t *testing.T) {
	code, out, errs := run(t, "", "bench", "--size", "1", "--seconds", "0.05", "--workers", "1,2", "--stream", "2", "--json")
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Results []struct {
			MBps    float64 `json:"mb_per_s"`
			Workers int     `json:"workers"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Results) != 3 || r.Results[0].MBps <= 0 {
		t.Errorf("bench output %s (%v)", out, err)
	}
}

func TestTypesAndSynth(t *testing.T) {
	code, out, _ := run(t, "", "types")
	if code != 0 || !strings.Contains(out, "resident_id") || !strings.Contains(out, "PI.ID.NUMBER") {
		t.Errorf("types: %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "types", "--categories", "--json")
	if code != 0 || !json.Valid([]byte(out)) || !strings.Contains(out, "PI.MINOR_U14") {
		t.Errorf("categories: %d", code)
	}
	code, out, _ = run(t, "", "synth", "--docs", "5")
	if code != 0 || len(jsonl(t, out)) != 5 {
		t.Errorf("synth: %d\n%s", code, out)
	}
}

func TestRedactAndReidentify(t *testing.T) {
	dir := t.TempDir()
	key := write(t, dir, "k.key", []byte("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"))
	in := write(t, dir, "reg.csv", []byte("姓名,身份证号,手机号\n王小明,11010519491231002X,13800138000\n"))
	out := filepath.Join(dir, "reg.shared.csv")
	review := filepath.Join(dir, "review.html")
	code, _, errs := run(t, "", "redact", "--profile", "share", "--key-file", key, "--report", review, in, out)
	if code != 0 {
		t.Fatalf("redact: exit %d: %s", code, errs)
	}
	shared, _ := os.ReadFile(out)
	if strings.Contains(string(shared), "13800138000") || strings.Contains(string(shared), "王小明") {
		t.Errorf("shared file still holds the values:\n%s", shared)
	}
	page, _ := os.ReadFile(review)
	if !strings.Contains(string(page), "GBT-6.2") || !strings.Contains(string(page), "tokenize") {
		t.Errorf("review page lacks the rule or operator")
	}
	code, back, errs := run(t, string(shared), "reidentify", "--key-file", key, "--column", "身份证号=resident_id", "--column", "手机号=mobile_phone")
	if code != 0 || !strings.Contains(back, "11010519491231002X") || !strings.Contains(back, "13800138000") {
		t.Errorf("reidentify: exit %d %s\n%s", code, errs, back)
	}
	// without a key, a profile that needs one fails clearly
	code, _, errs = run(t, "", "redact", "--profile", "share", in, filepath.Join(dir, "x.csv"))
	if code != exitError || !strings.Contains(errs, "key") {
		t.Errorf("no key: exit %d %q", code, errs)
	}
	// never over its input
	code, _, errs = run(t, "", "redact", "--profile", "display", in, in)
	if code != exitError || !strings.Contains(errs, "never writes over its input") {
		t.Errorf("overwrite: exit %d %q", code, errs)
	}
	code, _, _ = run(t, "", "redact", "--profile", "no-such", in, filepath.Join(dir, "y.csv"))
	if code != exitError {
		t.Errorf("unknown profile: exit %d", code)
	}
}

// TestRedactPipe: "-" reads standard input and writes standard output; a
// release check runs on what went to standard output.
func TestRedactPipe(t *testing.T) {
	code, out, errs := run(t, "张三，男，45岁，电话13812345678\n", "redact", "--profile", "display", "-", "-")
	if code != 0 || out != "张*，男，45岁，电话138****5678\n" || !strings.Contains(errs, "stdin → stdout") {
		t.Errorf("text: exit %d %q %q", code, out, errs)
	}
	code, out, errs = run(t, "姓名,年龄\n张三,45\n李四,33\n", "redact", "--profile", "research-release", "--input-format", "csv", "-", "-")
	if code != exitFindings || !strings.Contains(out, "个体1,45-49岁") || !strings.Contains(errs, "k-anonymity check of stdout") {
		t.Errorf("csv with a release check: exit %d %q %q", code, out, errs)
	}
	// a table with nothing to group its rows by is written but not passed
	code, out, errs = run(t, "工号,姓名,实发工资\nE0132,孙立伟,19830.40\n", "redact", "--profile", "research-release", "--input-format", "csv", "-", "-")
	if code != exitFindings || !strings.Contains(out, "个体1") || !strings.Contains(errs, "written but not checked") || !strings.Contains(errs, "custos risk --qi") {
		t.Errorf("csv without quasi-identifiers: exit %d %q %q", code, out, errs)
	}
	dir := t.TempDir()
	dst := filepath.Join(dir, "o.txt")
	if code, _, errs := run(t, "李四的手机13912345678", "redact", "--profile", "display", "-", dst); code != 0 {
		t.Fatalf("stdin to a file: exit %d %s", code, errs)
	}
	if b, _ := os.ReadFile(dst); string(b) != "李*的手机139****5678" {
		t.Errorf("stdin to a file: %q", b)
	}
}

// TestRedactWorkbook: a pupils' workbook comes out a workbook in which a
// scan finds no name, no ID number and no phone left.
func TestRedactWorkbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pupils.public.xlsx")
	code, _, errs := run(t, "", "redact", "--profile", "minor-protection", "--ref-date", "2026-01-01", "../../examples/pupils.xlsx", out)
	if code != 0 || !strings.Contains(errs, "xlsx") {
		t.Fatalf("redact: exit %d: %s", code, errs)
	}
	code, scanned, errs := run(t, "", "scan", "--format", "jsonl", "--show-values", out)
	if code == exitError {
		t.Fatalf("scan of the output: %s", errs)
	}
	for _, f := range jsonl(t, scanned) {
		switch f["type"] {
		case "person_name", "resident_id", "mobile_phone", "school", "special_identity", "health":
			t.Errorf("the output still holds a %s: %v (%v)", f["type"], f["value"], f["path"])
		}
	}
	if !strings.Contains(scanned, "学生信息!") {
		t.Errorf("the sheet is gone:\n%s", scanned)
	}
}

func TestProfilesCmd(t *testing.T) {
	code, out, _ := run(t, "", "profiles")
	if code != 0 || !strings.Contains(out, "epidemic-bulletin") || !strings.Contains(out, "minor-protection") {
		t.Errorf("profiles: %d %s", code, out)
	}
	code, out, _ = run(t, "", "profiles", "epidemic-bulletin")
	if code != 0 || !strings.Contains(out, "CAC20-3b") {
		t.Errorf("profiles epidemic-bulletin: %d %s", code, out)
	}
}

func TestRiskCommand(t *testing.T) {
	dir := t.TempDir()
	table := write(t, dir, "t.csv", []byte("年龄,性别,区县\n45,男,锦江区\n45,男,锦江区\n50,女,武侯区\n"))
	b := "../../risk/testdata/bulletins/"
	for _, tt := range []struct {
		name, stdin string
		args        []string
		code        int
		want        string
	}{
		{"below k", "", []string{"risk", "--k", "2", "--no-search", table}, exitFindings, "FAIL: the table as given"},
		{"meets k", "", []string{"risk", "--k", "1", "--no-search", table}, exitClean, "PASS"},
		{"stdin", "年龄,性别\n45,男\n45,男\n", []string{"risk", "--k", "2", "-"}, exitClean, "PASS"},
		{"json", "", []string{"risk", "-f", "json", "--k", "2", "--max-suppress", "0.5", table}, exitFindings, `"schema": "custos.risk/v1"`},
		{"unknown column", "", []string{"risk", "--qi", "nope", table}, exitError, ""},
		{"out from stdin", "年龄\n45\n", []string{"risk", "--out", dir + "/o.csv", "-"}, exitError, ""},
		{"bulletins", "", []string{"risk", "--bulletins", b + "day1.txt", b + "day2.txt", b + "day3.txt"}, exitFindings, "UNIQUE only when the bulletins are combined"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d (want %d)\n%s\n%s", code, tt.code, out, errs)
			}
		})
	}
}

// TestMedicalRecordNumber: an admission number is found after its label
// only, belongs to the patient (a child here, so it is marked under 14),
// and the example rules for hospital documents add specimen numbers.
func TestMedicalRecordNumber(t *testing.T) {
	text := "出院小结\n姓名：陈小雨  性别：女  年龄：7岁  住院号：2020012345  科室：儿科\n订单号2020012345\n检验报告 标本号：2020067890\n"
	for _, rules := range []bool{false, true} {
		args := []string{"scan", "--format", "jsonl", "--show-values", "-"}
		if rules {
			args = append(args, "--rules", "../../examples/hospital-rules.yaml")
		}
		code, out, errs := run(t, text, args...)
		if code != exitFindings {
			t.Fatalf("exit %d, stderr %s", code, errs)
		}
		n, specimens := 0, 0
		for _, r := range jsonl(t, out) {
			switch r["type"] {
			case "medical_record_number":
				n++
				if r["value"] != "2020012345" || r["line"].(float64) != 2 || !strings.Contains(fmt.Sprint(r["categories"]), "PI.MINOR_U14") {
					t.Errorf("medical record number %v on line %v, categories %v", r["value"], r["line"], r["categories"])
				}
			case "specimen_number":
				specimens++
			}
		}
		if n != 1 {
			t.Errorf("rules %v: %d medical record numbers, want the admission number alone\n%s", rules, n, out)
		}
		if want := map[bool]int{false: 0, true: 1}[rules]; specimens != want {
			t.Errorf("rules %v: %d specimen numbers, want %d\n%s", rules, specimens, want, out)
		}
	}
}

// TestScanTravelColumn: an epidemic sign-in register's 来自 and 14天内旅居史
// columns are read as the row's person's whereabouts: the cities are places
// with their region codes, on the row's subject.
func TestScanTravelColumn(t *testing.T) {
	dir := t.TempDir()
	reg := write(t, dir, "signin.csv", []byte("姓名,手机号,来自,14天内旅居史,体温\n林小燕,13812345678,武汉,武汉、孝感,37.6\n王大明,13912345678,本地,无,36.5\n"))
	code, out, errs := run(t, "", "scan", "--format", "jsonl", "--show-values", reg)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var got []string
	for _, r := range jsonl(t, out) {
		if r["type"] != "place" {
			continue
		}
		attrs := r["attributes"].(map[string]any)
		got = append(got, fmt.Sprint(r["row"], " ", r["column"], " ", r["value"], " ", attrs["region_code"], " ", attrs["subject"]))
	}
	want := "1 来自 武汉 420100 row 1, 1 14天内旅居史 武汉 420100 row 1, 1 14天内旅居史 孝感 420900 row 1"
	if g := strings.Join(got, ", "); g != want {
		t.Errorf("places:\n got %s\nwant %s", g, want)
	}
}
