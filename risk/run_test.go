package risk

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// makeID builds a valid 18-digit resident ID number.
func makeID(region string, birth time.Time, seq int) string {
	s := region + birth.Format("20060102") + fmt.Sprintf("%03d", seq)
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	return s + string("10X98765432"[sum%11])
}

// patients writes a register of n patients with direct identifiers, an ID
// number, an address, a visit date and a diagnosis.
func patients(t testing.TB, n int) string {
	t.Helper()
	r := rand.New(rand.NewPCG(11, 12))
	regions := []string{"510104", "510105", "510106", "510107", "510108", "510117"}
	streets := []string{"成都市锦江区", "成都市青羊区", "成都市金牛区", "成都市武侯区", "成都市成华区", "成都市郫都区"}
	diag := []string{"流感", "肺炎", "新冠肺炎", "胃炎"}
	var b strings.Builder
	b.WriteString("姓名,手机号,身份证号,住址,就诊日期,诊断\n")
	for i := 0; i < n; i++ {
		k := r.IntN(len(regions))
		birth := time.Date(1950+r.IntN(50), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		fmt.Fprintf(&b, "张%d,1380013%04d,%s,%s某小区%d栋,2020-12-%02d,%s\n", i, i, makeID(regions[k], birth, r.IntN(1000)),
			streets[k], 1+r.IntN(9), 1+r.IntN(9), diag[r.IntN(len(diag))])
	}
	return b.String()
}

func writeFile(t testing.TB, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var refDate = time.Date(2020, 12, 9, 0, 0, 0, 0, time.UTC)

// run calls Run like `custos risk` does and returns the result, stdout
// and stderr.
func run(t testing.TB, cfg Config, stdin string) (*Result, string, string, error) {
	t.Helper()
	if cfg.Engine == nil {
		cfg.Engine = engine(t)
	}
	if cfg.RefDate.IsZero() {
		cfg.RefDate = refDate
	}
	var out, errb bytes.Buffer
	res, err := Run(context.Background(), cfg, strings.NewReader(stdin), &out, &errb)
	return res, out.String(), errb.String(), err
}

func TestRunTableText(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "patients.csv", patients(t, 300))
	res, out, _, err := run(t, Config{Inputs: []string{path}, MaxSuppress: 0.05}, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass {
		t.Error("a register of individuals cannot pass")
	}
	for _, want := range []string{
		"姓名", "direct", `column name ("姓名")`, // direct identifiers, and why
		"身份证号:age", "身份证号:sex", "身份证号:region", // an ID number yields three quasi-identifiers
		"住址", "region", "value → county → city", "诊断", "sensitive",
		"k=20: the DEID-RELEASE-K default for stigmatising data (sensitive column 诊断)",
		"prosecutor", "journalist", "marketer", "ℓ distinct", "t-closeness", "smallest classes",
		"Generalization search", "After generalization", "FAIL: the table as given does not meet the target; the generalization above does",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(out, "13800130") || strings.Contains(out, "张1") {
		t.Error("direct identifiers leaked into the report")
	}
}

func TestRunTableJSON(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "patients.csv", patients(t, 300))
	res, out, _, err := run(t, Config{Inputs: []string{path}, Format: "json", K: 5, MaxSuppress: 0.02, SampleFraction: 0.1}, "")
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep["schema"] != "custos.risk/v1" || rep["kind"] != "table" {
		t.Errorf("schema %v kind %v", rep["schema"], rep["kind"])
	}
	before := rep["before"].(map[string]any)
	after := rep["after"].(map[string]any)
	if before["k"].(float64) != 1 || after["k"].(float64) < 5 {
		t.Errorf("k before %v after %v", before["k"], after["k"])
	}
	j := after["journalist"].(map[string]any)
	if !strings.Contains(j["model"].(string), "sampling fraction 0.1") || j["max"].(float64) >= after["prosecutor"].(map[string]any)["max"].(float64) {
		t.Errorf("journalist %v vs prosecutor %v", j, after["prosecutor"])
	}
	for _, key := range []string{"columns", "quasi_identifiers", "target", "search", "input"} {
		if rep[key] == nil {
			t.Errorf("no %q in the report", key)
		}
	}
	if res.Table.Search.Suppressed > 6 {
		t.Errorf("suppressed %d of 300 with a 2%% budget", res.Table.Search.Suppressed)
	}
}

func TestRunSelectionFlags(t *testing.T) {
	csvText := "编号,a,b,c,d\n1,45,男,成都市锦江区,流感\n2,45,男,成都市锦江区,肺炎\n3,50,女,成都市武侯区,流感\n"
	dir := t.TempDir()
	path := writeFile(t, dir, "t.csv", csvText)
	res, _, _, err := run(t, Config{Inputs: []string{path}, Select: Selection{QI: []string{"a:age", "b:sex", "c"}, Sensitive: []string{"d"}, ID: []string{"编号"}}, NoSearch: true, K: 2}, "")
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, c := range res.Table.Columns {
		roles[c.Name] = string(c.Role) + "/" + string(c.Kind)
	}
	want := map[string]string{"编号": "direct/", "a": "quasi/age", "b": "quasi/sex", "c": "quasi/region", "d": "sensitive/"}
	for k, v := range want {
		if roles[k] != v {
			t.Errorf("%s: %s, want %s", k, roles[k], v)
		}
	}
	// c's kind came from its content: places in the division table
	for _, c := range res.Table.Columns {
		if c.Name == "c" && !strings.Contains(c.Reason, "GB/T 2260") {
			t.Errorf("c reason %q", c.Reason)
		}
	}
	if res.Table.Before.K != 1 || res.Pass {
		t.Errorf("k %d pass %v", res.Table.Before.K, res.Pass)
	}
}

func TestRunUsageErrors(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "t.csv", "年龄,性别\n45,男\n")
	tests := []struct {
		name string
		cfg  Config
	}{
		{"unknown column", Config{Inputs: []string{path}, Select: Selection{QI: []string{"nope"}}}},
		{"unknown kind", Config{Inputs: []string{path}, Select: Selection{QI: []string{"年龄:colour"}}}},
		{"column twice", Config{Inputs: []string{path}, Select: Selection{QI: []string{"年龄"}, ID: []string{"年龄"}}}},
		{"bad format", Config{Inputs: []string{path}, Format: "xml"}},
		{"two tables", Config{Inputs: []string{path, path}}},
		{"out from stdin", Config{Inputs: []string{"-"}, Out: filepath.Join(dir, "o.csv")}},
		{"out over input", Config{Inputs: []string{path}, Out: path}},
		{"out without search", Config{Inputs: []string{path}, Out: filepath.Join(dir, "o.csv"), NoSearch: true}},
		{"two populations", Config{Inputs: []string{path}, PopulationSize: 10, SampleFraction: 0.5}},
		{"suppress over 1", Config{Inputs: []string{path}, MaxSuppress: 2}},
		{"l without sensitive", Config{Inputs: []string{path}, L: 2}},
		{"bulletins without files", Config{Bulletins: true}},
		{"json input", Config{Inputs: []string{path}, InputFormat: "json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := run(t, tt.cfg, "")
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Errorf("err = %v, want a usage error", err)
			}
		})
	}
	// a missing file is an input error, not a usage error
	_, _, _, err := run(t, Config{Inputs: []string{filepath.Join(dir, "missing.csv")}}, "")
	var ue *UsageError
	if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
}

func TestRunOut(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "patients.csv", patients(t, 400))
	outPath := filepath.Join(dir, "release.csv")
	res, text, _, err := run(t, Config{Inputs: []string{path}, K: 5, MaxSuppress: 0.03, Out: outPath}, "")
	if err != nil {
		t.Fatal(err)
	}
	o := res.Table.Output
	if o == nil || o.Rows+o.Suppressed != 400 || o.Suppressed != res.Table.Search.Suppressed {
		t.Fatalf("output %+v, search suppressed %d", o, res.Table.Search.Suppressed)
	}
	if !strings.Contains(text, "Generalized table written to "+outPath) {
		t.Error("the report does not mention the output")
	}
	f, err := os.Open(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(recs[0], ",")
	if header != "身份证号:age,身份证号:sex,身份证号:region,住址,就诊日期,诊断" {
		t.Errorf("header %s (direct identifiers must go, the ID becomes its facts)", header)
	}
	// every combination of quasi-identifiers in the release has at least
	// k rows
	groups := map[string]int{}
	for _, r := range recs[1:] {
		groups[strings.Join(r[:5], "|")]++
	}
	for g, n := range groups {
		if n < 5 {
			t.Errorf("class %s has %d rows", g, n)
		}
	}
	if int64(len(recs)-1) != o.Rows {
		t.Errorf("%d rows written, report says %d", len(recs)-1, o.Rows)
	}
	for _, r := range recs[1:] {
		if strings.Contains(strings.Join(r, ","), "1380013") {
			t.Fatal("a phone number reached the release")
		}
	}
}

func TestRunStdinAndProblems(t *testing.T) {
	// stdin is read as CSV; a malformed row is reported and left out
	in := "年龄,性别,区县\n45,男,锦江区\n45,男,锦江区\n\"bad,row\n45,男,锦江区\n"
	res, _, errs, err := run(t, Config{K: 2, NoSearch: true}, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Problems == 0 || !strings.Contains(errs, "malformed") {
		t.Errorf("problems %d stderr %q", res.Problems, errs)
	}
	if res.Table.Input.BadRows != 1 || res.Table.Before.Records != 3 || !res.Pass {
		t.Errorf("bad rows %d records %d pass %v", res.Table.Input.BadRows, res.Table.Before.Records, res.Pass)
	}
}

func TestRunGB18030(t *testing.T) {
	text := "年龄,性别,区县\n45,男,锦江区\n45,男,锦江区\n"
	enc, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "gbk.csv", enc)
	res, _, _, err := run(t, Config{Inputs: []string{path}, K: 2, NoSearch: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pass || len(res.Table.QuasiIdentifiers) != 3 || res.Table.QuasiIdentifiers[2].Name != "区县" {
		t.Errorf("pass %v quasi-identifiers %+v", res.Pass, res.Table.QuasiIdentifiers)
	}
}

func TestRunPopulationTable(t *testing.T) {
	dir := t.TempDir()
	sample := writeFile(t, dir, "s.csv", "性别,年龄\n男,30\n男,30\n女,40\n")
	pop := writeFile(t, dir, "p.csv", "性别,年龄,人数\n男,30,10\n女,40,4\n女,50,6\n")
	res, _, _, err := run(t, Config{Inputs: []string{sample}, PopulationTable: pop, K: 2, NoSearch: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if j := res.Table.Before.Journalist; j.Model != "population table" || !near(j.Max, 0.25) {
		t.Errorf("journalist %+v", j)
	}
}

func TestRunBulletins(t *testing.T) {
	var paths []string
	for _, n := range []string{"day1.txt", "day2.txt", "day3.txt"} {
		paths = append(paths, filepath.Join("testdata", "bulletins", n))
	}
	res, out, _, err := run(t, Config{Inputs: paths, Bulletins: true, Format: "json"}, "")
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep["schema"] != Schema || rep["kind"] != "bulletins" || rep["by_combination"].(float64) != 1 || res.Pass {
		t.Errorf("schema %v kind %v by combination %v pass %v", rep["schema"], rep["kind"], rep["by_combination"], res.Pass)
	}
}

// TestGolden pins the text reports of the bulletin series and of a small
// table; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	var paths []string
	for _, n := range []string{"day1.txt", "day2.txt", "day3.txt"} {
		paths = append(paths, filepath.Join("testdata", "bulletins", n))
	}
	tablePath := filepath.Join("testdata", "golden", "small.csv")
	for _, c := range []struct {
		golden string
		cfg    Config
	}{
		{"bulletins.txt", Config{Inputs: paths, Bulletins: true}},
		{"small.txt", Config{Inputs: []string{tablePath}, K: 3, MaxSuppress: 0.1}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			_, out, _, err := run(t, c.cfg, "")
			if err != nil {
				t.Fatal(err)
			}
			g := filepath.Join("testdata", "golden", c.golden)
			if *update {
				if err := os.WriteFile(g, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(g)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("report differs from %s (run with -update to accept):\n%s", g, out)
			}
		})
	}
}

func TestRunEdgeTables(t *testing.T) {
	dir := t.TempDir()
	// header only: nothing to measure, nothing fails
	res, _, _, err := run(t, Config{Inputs: []string{writeFile(t, dir, "empty.csv", "年龄,性别\n")}, K: 2}, "")
	if err != nil || res.Table.Before.Records != 0 {
		t.Errorf("empty table: %v %+v", err, res)
	}
	// no quasi-identifier at all
	_, _, _, err = run(t, Config{Inputs: []string{writeFile(t, dir, "none.csv", "备注\n好\n")}}, "")
	if err == nil || !strings.Contains(err.Error(), "no quasi-identifier") {
		t.Errorf("no QI: %v", err)
	}
	// no header: columns are numbered and chosen by content
	res, _, _, err = run(t, Config{Inputs: []string{writeFile(t, dir, "nohead.csv", "男,锦江区\n男,锦江区\n女,武侯区\n")}, NoHeader: true, K: 2, NoSearch: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if q := res.Table.QuasiIdentifiers; len(q) != 2 || q[0].Kind != KindSex || q[1].Kind != KindRegion {
		t.Errorf("no header: %+v", q)
	}
	// a repeated column name: two columns, not one
	res, _, _, err = run(t, Config{Inputs: []string{writeFile(t, dir, "dup.csv", "年龄,年龄\n30,40\n30,50\n")}, K: 2, NoSearch: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if q := res.Table.QuasiIdentifiers; len(q) != 2 || q[1].Name != "年龄#2" || res.Table.Before.Classes != 2 {
		t.Errorf("repeated name: %+v classes %d", q, res.Table.Before.Classes)
	}
	// unread values are counted, shown masked, and kept apart
	res, _, _, err = run(t, Config{Inputs: []string{writeFile(t, dir, "bad.csv", "年龄\n30\n31\n32\n13800138000\n三十多\n")}, K: 1, NoSearch: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if q := res.Table.QuasiIdentifiers[0]; q.Unparsed != 2 || strings.Contains(strings.Join(q.Examples, ","), "13800138000") {
		t.Errorf("unread %+v", q)
	}
}

func TestRunMasksDirectIdentifiersGivenAsQI(t *testing.T) {
	// a user who names 姓名 and 手机号 as quasi-identifiers still does not
	// get them printed in the smallest classes
	path := writeFile(t, t.TempDir(), "t.csv", "姓名,手机号,年龄\n王小明,13800138000,30\n李华,13912345678,40\n")
	_, out, _, err := run(t, Config{Inputs: []string{path}, Select: Selection{QI: []string{"姓名:categorical", "手机号:categorical", "年龄"}}, K: 2, NoSearch: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"13800138000", "王小明", "13912345678"} {
		if strings.Contains(out, leak) {
			t.Errorf("%s printed:\n%s", leak, out)
		}
	}
}

// TestRunXLSX reads the example register as a workbook and as CSV: the
// same table, the same report.
func TestRunXLSX(t *testing.T) {
	_, csvOut, _, err := run(t, Config{Inputs: []string{"../examples/register.csv"}, Format: "json"}, "")
	if err != nil {
		t.Fatal(err)
	}
	_, xlsxOut, _, err := run(t, Config{Inputs: []string{"../examples/register.xlsx"}, Format: "json"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ReplaceAll(xlsxOut, "register.xlsx", "register.csv") != csvOut {
		t.Errorf("xlsx report differs from csv:\n%s\n%s", xlsxOut, csvOut)
	}
}
