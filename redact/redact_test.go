package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

var update = flag.Bool("update", false, "rewrite golden files")

var ref = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var testKey = []byte("0123456789abcdef0123456789abcdef")

var engine = func() *detect.Engine {
	e, err := detect.New(detect.Config{RefDate: ref})
	if err != nil {
		panic(err)
	}
	return e
}()

func options(t testing.TB, profile string) Options {
	t.Helper()
	p, err := Load(profile)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Engine: engine, Profile: p, Context: deid.NewContext(testKey, ref)}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./redact -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./redact -update and review the diff):\n%s", name, got)
	}
}

// TestGoldenProfiles runs every built-in profile over real case reports and
// the examples, in every input format.
func TestGoldenProfiles(t *testing.T) {
	inputs := []string{"testdata/ecr-sample.txt", "../examples/bulletin.txt", "../examples/register.csv", "../examples/welfare-list.txt"}
	for _, profile := range Builtin() {
		for _, in := range inputs {
			name := profile + "." + filepath.Base(in)
			t.Run(name, func(t *testing.T) {
				data, err := os.ReadFile(in)
				if err != nil {
					t.Fatal(err)
				}
				opt := options(t, profile)
				opt.Format = FormatOf(in)
				var out bytes.Buffer
				res, err := Stream(context.Background(), in, bytes.NewReader(data), &out, opt)
				if err != nil {
					t.Fatal(err)
				}
				if !utf8.Valid(out.Bytes()) {
					t.Fatal("output is not valid UTF-8")
				}
				golden(t, name, out.Bytes())
				checkNoLeak(t, data, out.Bytes(), res.Changes)
			})
		}
	}
}

// checkNoLeak: what a removing operator took out does not remain in the
// output: a value (of four characters or more) occurs in the output at most
// as often as in the input less the times it was replaced.
func checkNoLeak(t *testing.T, in, out []byte, changes []Change) {
	t.Helper()
	removed := map[string]int{}
	for _, c := range changes {
		switch c.Op {
		case "redact", "replace", "hash", "pseudonym", "surrogate", "tokenize", "suppress":
		default:
			continue
		}
		if utf8.RuneCountInString(c.Before) < 4 || strings.Contains(c.After, c.Before) {
			continue
		}
		removed[c.Before]++
	}
	for v, n := range removed {
		if got, had := bytes.Count(out, []byte(v)), bytes.Count(in, []byte(v)); got > had-n {
			t.Errorf("%q: %d times in the output, %d in the input, %d replaced", v, got, had, n)
		}
	}
}

func TestEpidemicBulletin(t *testing.T) {
	text := "病例1：赵某某，女，69岁，身份证号码510108195103152322，现住郫都区犀浦镇某小区3栋2单元。12月2日晚19：00，在郫都区某超市购物。"
	opt := options(t, "epidemic-bulletin")
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t", strings.NewReader(text), &out, opt); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, gone := range []string{"510108195103152322", "女，69岁", "3栋2单元", "赵某某"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q kept in %q", gone, got)
		}
	}
	for _, kept := range []string{"赵某", "60-69", "郫都区", "12月2日晚19：00", "郫都区某超市"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q missing from %q", kept, got)
		}
	}
}

// TestWrappedLinesKept: a hard-wrapped report's address read across a
// line break is generalized whole, and the output keeps the input's lines.
func TestWrappedLinesKept(t *testing.T) {
	text := "病例3：患者张某某，男，45岁，现住成都市锦江区春\n熙路街道红星路二段12号，系出租车司机。1月20日\n" +
		"到永辉超市（春熙路店）购物，1月22日出现发热、咳\n嗽症状，到四川大学华西医院发热门诊就诊。\n"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t", strings.NewReader(text), &out, options(t, "epidemic-bulletin")); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Count(got, "\n") != strings.Count(text, "\n") || strings.Contains(got, "熙路街道") || strings.Contains(got, "红星路") {
		t.Errorf("got %q", got)
	}
}

func TestMinorProtection(t *testing.T) {
	text := "留守儿童王小明（化名），10岁，家住云南省昭通市鲁甸县龙头山镇光明村3组，就读于龙头山镇中心小学四年级。\n" +
		"今年12岁的李明明是镇中心小学五年级学生，父亲因盗窃罪正在服刑，母亲改嫁，他和奶奶住在大河镇东风村3组，有轻度抑郁倾向。\n" +
		"1. 三年级（2）班 刘子涵 孤儿\n" +
		"今年9岁的小刚在村小学读书。去年，小刚被查出患有先天性心脏病，家里是低保户。\n" +
		"小刚这次语文58分，期末考试不及格，全班第30名。\n"
	opt := options(t, "minor-protection")
	var out bytes.Buffer
	res, err := Stream(context.Background(), "t", strings.NewReader(text), &out, opt)
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, gone := range []string{"留守儿童", "王", "10岁", "鲁甸县", "龙头山镇中心小学",
		"李明明", "12岁", "盗窃罪", "服刑", "东风村", "抑郁", "刘子涵", "三年级", "孤儿",
		"小刚", "9岁", "村小学", "心脏病", "低保", "58分", "不及格", "第30名"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q kept in %q", gone, got)
		}
	}
	// a sensitive fact leaves a mark, so that the sentence still reads
	if !strings.Contains(got, "患有[已隐去]") {
		t.Errorf("no mark where the illness was: %q", got)
	}
	for _, c := range res.Changes {
		if !c.Kept && c.Cite == "" {
			t.Errorf("change %+v cites no rule", c)
		}
	}
}

func TestDropRepeatedLead(t *testing.T) {
	for _, tt := range []struct{ before, after, want string }{
		{"新增患者", "患者A", "A"},
		{"，患者", "患者QLXRM", "QLXRM"},
		{"其丈夫", "患者B", "B"}, // the husband is no patient
		{"密切接触者", "人员A", "A"},
		{"病例1：", "人员A", "人员A"},
		{"其父亲", "个体3", "个体3"}, // 其父亲3 would read as a number
		{"患者", "患者", "患者"},    // nothing of the pseudonym would remain
		{"", "小A", "小A"},
	} {
		if got := dropRepeatedLead([]byte(tt.before), tt.after); got != tt.want {
			t.Errorf("%q + %q → %q, want %q", tt.before, tt.after, got, tt.want)
		}
	}
}

// TestTraditionalLabels: in a document in traditional characters the words
// written in are traditional too (未滿十四周歲, [已隱去], 某學校), and a
// simplified document keeps simplified ones.
func TestTraditionalLabels(t *testing.T) {
	for _, tt := range []struct{ text, want, not string }{
		{"居於元朗的11歲女童小欣（化名），現就讀元朗某小學五年級，她患有輕度自閉症。", "未滿十四周歲", "未满"},
		{"居于元朗的11岁女童小欣（化名），现就读元朗某小学五年级，她患有轻度自闭症。", "未满十四周岁", "未滿"},
	} {
		var out bytes.Buffer
		if _, err := Stream(context.Background(), "t", strings.NewReader(tt.text), &out, options(t, "minor-protection")); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
			t.Errorf("%s\n→ %s: want %s, not %s", tt.text, got, tt.want, tt.not)
		}
	}
}

// TestPseudonymsConsistent: the same person gets the same pseudonym in a
// document.
func TestPseudonymsConsistent(t *testing.T) {
	text := "患者张三，男，45岁。张三于1月2日到超市购物。李四，女，30岁，与张三同行。"
	p, err := ParseProfile("p.yaml", []byte(`name: t
rules:
  - match: [person_name, masked_name]
    op: pseudonym
    params: {style: "患者{n}"}
    cite: GBT-6.2
`))
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Engine: engine, Profile: p, Context: deid.NewContext(testKey, ref)}
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t", strings.NewReader(text), &out, opt); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Count(got, "患者A") < 3 || !strings.Contains(got, "患者B") || strings.Contains(got, "张三") {
		t.Errorf("pseudonyms: %q", got)
	}
}

func TestNeverOverwritesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte("电话13800138000"), 0o644)
	opt := options(t, "display")
	if _, err := File(context.Background(), in, in, opt); err == nil || !strings.Contains(err.Error(), "never writes over its input") {
		t.Errorf("err %v", err)
	}
	// a failure leaves no output file
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b\n\"x,1\n"), 0o644)
	out := filepath.Join(dir, "out.csv")
	if _, err := File(context.Background(), bad, out, opt); err == nil {
		t.Error("a malformed CSV was accepted")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed run left an output file")
	}
}

func TestEncodingKept(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "gbk.txt")
	gbk := []byte{0xb5, 0xe7, 0xbb, 0xb0} // 电话 in GBK
	gbk = append(gbk, "13800138000\n"...)
	os.WriteFile(in, gbk, 0o644)
	out := filepath.Join(dir, "out.txt")
	res, err := File(context.Background(), in, out, options(t, "display"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want := append([]byte{0xb5, 0xe7, 0xbb, 0xb0}, "138****8000\n"...)
	if res.Encoding != "gb18030" || !bytes.Equal(got, want) {
		t.Errorf("%s: %q, want %q", res.Encoding, got, want)
	}
}

func TestJSONKeepsLayout(t *testing.T) {
	in := "{\n  \"患者\": {\"姓名\": \"王小明\", \"电话\": 13800138000, \"备注\": \"无\\n\"},\n  \"n\": [1, 2]\n}\n"
	opt := options(t, "display")
	opt.Format = "json"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.json", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"患者\": {\"姓名\": \"王**\", \"电话\": \"138****8000\", \"备注\": \"无\\n\"},\n  \"n\": [1, 2]\n}\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}

func TestColumnOverride(t *testing.T) {
	in := "姓名,备注\n王小明,住北京市朝阳区建国路88号\n"
	opt := options(t, "display")
	opt.Format = "csv"
	op, err := deid.NewOperator("redact", nil)
	if err != nil {
		t.Fatal(err)
	}
	opt.Columns = map[string]*Rule{"备注": {OpName: "redact", Op: op, Cite: "USER"}}
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.csv", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	if out.String() != "姓名,备注\n王**,\n" {
		t.Errorf("%q", out.String())
	}
}

// TestLongRegister: a register typed as text longer than a fragment (256
// KB) is read under its header to the last row: the last pupil's age is
// banded and the name replaced, as the first's.
func TestLongRegister(t *testing.T) {
	var b strings.Builder
	b.WriteString("序号 姓名 年龄 来自\n")
	for i := 1; i <= 12000; i++ {
		fmt.Fprintf(&b, "%d 王%c%c 9 武汉\n", i, []rune("伟芳娜敏静")[i%5], []rune("丽强磊军洋")[(i/5)%5])
	}
	opt := options(t, "minor-protection")
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.txt", strings.NewReader(b.String()), &out, opt); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, l := range []string{lines[1], lines[len(lines)-1]} {
		if strings.Contains(l, " 9 ") || strings.Contains(l, "王") {
			t.Errorf("row not de-identified: %q", l)
		}
	}
}

// TestGuardianColumns: in a pupil register, the guardian's columns are an
// adult's: minor-protection gives the guardian an adult's pseudonym (某人),
// the pupil a child's, and removes both phones.
func TestGuardianColumns(t *testing.T) {
	in := "姓名,性别,年龄,家长姓名,家长电话\n王小军,男,9,王建国,13800138000\n"
	opt := options(t, "minor-protection")
	opt.Format = "csv"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.csv", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	if want := "姓名,性别,年龄,家长姓名,家长电话\n小A,男,未满十四周岁,某人,\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestRowReadAsScanReadsIt: a row's cells are read as scan reads them —
// a number under 证件号码 with 护照 in the row's 证件类型 is a passport's,
// though its format is another country's (it had been kept), and a note
// that opens with 监护人： is the guardian's (the pupil's age does not make
// the guardian a child).
func TestRowReadAsScanReadsIt(t *testing.T) {
	in := "姓名,年龄,证件类型,证件号码,备注\n王小军,9,护照,TZ1234567,监护人：王建国 13800138000\n"
	opt := options(t, "minor-protection")
	opt.Format = "csv"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.csv", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	if want := "姓名,年龄,证件类型,证件号码,备注\n小A,未满十四周岁,护照,,监护人：某人 \n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestJSONEventArrays: a child's visits in a health app's export are the
// child's: their diagnoses go under minor-protection; the visit's doctor
// and the guardian are other people.
func TestJSONEventArrays(t *testing.T) {
	in := `{"user":{"name":"林嘉怡","birthday":"2016-05-12"},"visits":[{"date":"2025-10-03","diagnosis":"支原体肺炎","doctor":"王建国"}],"guardian":{"name":"林志强"}}`
	opt := options(t, "minor-protection")
	opt.Format = "json"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.json", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "支原体肺炎") || strings.Contains(got, "林嘉怡") || !strings.Contains(got, `"doctor":"某人"`) || !strings.Contains(got, `"name":"小A"`) {
		t.Errorf("got %s", got)
	}
}

// TestQuestionColumns: a pupil register's yes-or-no columns on a label or
// a condition (是否留守儿童, 是否残疾) come out as one mark in every row the
// profile changes, yes or no, so that no row stands out; the student number
// (G + the pupil's ID number) goes whole; the display profile keeps the
// answers.
func TestQuestionColumns(t *testing.T) {
	in := "学籍号,姓名,年龄,是否留守儿童,是否残疾\nG320106201504120022,周子墨,11,否,否\nG320106201508230042,吴雨桐,11,是,否\n"
	opt := options(t, "minor-protection")
	opt.Format = "csv"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.csv", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	if want := "学籍号,姓名,年龄,是否留守儿童,是否残疾\n,小A,未满十四周岁,[已隐去],[已隐去]\n,小B,未满十四周岁,[已隐去],[已隐去]\n"; out.String() != want {
		t.Errorf("minor-protection: got %q, want %q", out.String(), want)
	}
	opt = options(t, "display")
	opt.Format = "csv"
	out.Reset()
	if _, err := Stream(context.Background(), "t.csv", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasSuffix(got, ",是,否\n") || strings.Contains(got, "[已隐去]") {
		t.Errorf("display: %q", got)
	}
}

func TestProfileErrors(t *testing.T) {
	_, err := ParseProfile("bad.yaml", []byte(`name: x
rules:
  - match: [shoe_size]
    op: mask
    cite: X-1
  - match: [person_name]
    op: vanish
    cite: X-1
  - match: [address]
    op: mask
  - match: [PI.NOPE]
    op: redact
    cite: lower case
    when: sometimes
`))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"bad.yaml:3: unknown type \"shoe_size\"", "bad.yaml:6:", "vanish", "bad.yaml:9: rule for [address] has no cite", "bad.yaml:11: unknown category \"PI.NOPE\"", "cite \"lower case\"", "when \"sometimes\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestPropertyRandomDocuments: over synthetic documents and every
// profile, the output is valid UTF-8 and removed values do not remain.
func TestPropertyRandomDocuments(t *testing.T) {
	docs := synth.Corpus(9, 60, ref)
	for _, profile := range Builtin() {
		opt := options(t, profile)
		for _, d := range docs {
			var out bytes.Buffer
			res, err := Stream(context.Background(), d.ID, strings.NewReader(d.Text), &out, opt)
			if err != nil {
				t.Fatalf("%s %s: %v", profile, d.ID, err)
			}
			if !utf8.Valid(out.Bytes()) {
				t.Fatalf("%s %s: invalid UTF-8", profile, d.ID)
			}
			checkNoLeak(t, []byte(d.Text), out.Bytes(), res.Changes)
		}
	}
}

func FuzzApply(f *testing.F) {
	f.Add("病例1：赵某某，女，69岁，电话13881234567，现住郫都区犀浦镇某小区3栋。")
	f.Add("\xff王小明\x00")
	profiles := map[string]*Profile{}
	for _, n := range Builtin() {
		p, _ := Load(n)
		profiles[n] = p
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		fs := engine.Detect(text, nil)
		for _, p := range profiles {
			out, _, err := p.Apply(deid.NewContext(testKey, ref), text, fs)
			if err != nil {
				continue // an operator may refuse a value; it must say so, not panic
			}
			if utf8.Valid(text) && !utf8.Valid(out) {
				t.Fatalf("%s: invalid UTF-8 from valid input %q: %q", p.Name, s, out)
			}
		}
	})
}

// TestJSONKeys: keys that hold personal information are transformed like
// values; keys that would collide are an error, and an override on the
// keys' path keeps them apart.
func TestJSONKeys(t *testing.T) {
	in := `{"contacts": {"13812345678": {"姓名": "王小明"}, "13912345678": {"姓名": "李四"}}, "ok": {"姓名": "x"}}`
	opt := options(t, "display")
	opt.Format = "json"
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t.json", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	want := `{"contacts": {"138****5678": {"姓名": "王**"}, "139****5678": {"姓名": "李*"}}, "ok": {"姓名": "x"}}`
	if out.String() != want {
		t.Errorf("got  %s\nwant %s", out.String(), want)
	}
	// two phones that mask alike
	in = `{"contacts": {"13812345678": 1, "13899995678": 2}}`
	out.Reset()
	_, err := Stream(context.Background(), "t.json", strings.NewReader(in), &out, opt)
	if err == nil || !strings.Contains(err.Error(), "both become") || !strings.Contains(err.Error(), "$.contacts.*~") {
		t.Fatalf("err %v, output %s", err, out.String())
	}
	op, err := deid.NewOperator("hash", map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	opt.Paths = map[string]*Rule{"$.contacts.*~": {OpName: "hash", Op: op, Cite: "USER"}}
	out.Reset()
	if _, err := Stream(context.Background(), "t.json", strings.NewReader(in), &out, opt); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "1381234") || strings.Contains(out.String(), "1389999") {
		t.Errorf("keys kept: %s", out.String())
	}
}

// FuzzRewriteJSON: whatever a valid JSON document holds, its rewrite is
// valid JSON (or an error such as colliding keys), never a panic.
func FuzzRewriteJSON(f *testing.F) {
	f.Add(`{"contacts": {"13812345678": {"姓名": "王小明"}, "张三": [1, "13912345678"]}}`)
	f.Add(`[{"a\"b": "李四", "": 1e3, "x": {"13800138000": null}}]`)
	opt := options(f, "display")
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		out, _, err := rewriteJSON(opt, []byte(s), 0)
		if err == nil && !json.Valid(out) {
			t.Fatalf("%s → invalid %s", s, out)
		}
	})
}

// TestSuppressStopsAtEntry: suppressing a finding takes out its whole
// entry, and the entry ends before the bulletin's closing notice.
func TestSuppressStopsAtEntry(t *testing.T) {
	p, err := ParseProfile("t", []byte("name: t\nrules:\n  - match: [special_identity]\n    op: suppress\n    cite: MNPR-1\n    reason: 标签\n"))
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("病例1：王某，男，8岁，系留守儿童。\n1月20日到超市。\n请广大市民注意个人防护。")
	fs := engine.Detect(text, nil)
	out, _, err := p.Apply(deid.NewContext(testKey, ref), text, fs)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); strings.Contains(got, "王某") || !strings.Contains(got, "请广大市民注意个人防护。") {
		t.Errorf("got %q: want the entry gone and the notice kept", got)
	}
}

// TestRuleKinds: a rule with kinds applies only to findings of those kinds.
func TestRuleKinds(t *testing.T) {
	p, err := ParseProfile("t", []byte("name: t\nrules:\n  - match: [special_identity]\n    kind: [child]\n    op: replace\n    params: {label: 儿童}\n    cite: DCM-15\n    reason: r\n"))
	if err != nil {
		t.Fatal(err)
	}
	child := pi.Finding{Type: pi.SpecialIdentity}
	child.SetAttr("kind", "child")
	relief := pi.Finding{Type: pi.SpecialIdentity}
	relief.SetAttr("kind", "relief")
	if p.Rule(&child) == nil || p.Rule(&relief) != nil {
		t.Errorf("child rule %v, relief rule %v", p.Rule(&child), p.Rule(&relief))
	}
	if _, err := ParseProfile("t", []byte("name: t\nrules:\n  - match: [school]\n    kinds: [grade]\n    op: keep\n    cite: DCM-15\n")); err == nil || !strings.Contains(err.Error(), `unknown key "kinds"`) {
		t.Errorf("misspelt key: %v", err)
	}
}

// TestBulletinKeepsVisitedVenues: the epidemic-bulletin profile keeps a
// visited venue down to its name and generalizes the home to the district.
func TestBulletinKeepsVisitedVenues(t *testing.T) {
	p, err := Load("epidemic-bulletin")
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("病例1：赵某某，女，20岁，现住成都市郫都区犀浦镇幸福小区3栋2单元。12月1日到达成都市锦江区春熙路某美甲店做美甲。")
	out, _, err := p.Apply(deid.NewContext(testKey, ref), text, engine.Detect(text, nil))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if strings.Contains(got, "幸福小区") || !strings.Contains(got, "春熙路某美甲店") {
		t.Errorf("got %q: want the home generalized and the venue kept", got)
	}
}

// TestRemovedFieldTakesItsComma: a field taken out of a list takes its
// comma with it, and the changes still map onto the output.
func TestRemovedFieldTakesItsComma(t *testing.T) {
	p, err := Load("epidemic-bulletin")
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("患者霍某某，男性，70岁，山东省菏泽市东明县人，农民。1月20日到超市。")
	out, changes, err := p.Apply(deid.NewContext(testKey, ref), text, engine.Detect(text, nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); strings.Contains(got, "，。") || strings.Contains(got, "农民") {
		t.Errorf("got %q", got)
	}
	for _, c := range changes {
		if got := string(out[c.OutStart:c.OutEnd]); got != c.After {
			t.Errorf("%s: output %q, after %q", c.Type, got, c.After)
		}
	}
}

// TestNearMissRedacted: an ID number with a wrong check character after its
// label is still de-identified; the same digits with no label are not an
// identifier anyone would read.
func TestNearMissRedacted(t *testing.T) {
	text := "确诊病例赵某，身份证号510124200012010025，订单号510124200012010025。"
	opt := options(t, "epidemic-bulletin")
	var out bytes.Buffer
	if _, err := Stream(context.Background(), "t", strings.NewReader(text), &out, opt); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if n := strings.Count(got, "510124200012010025"); n != 1 || !strings.Contains(got, "订单号510124200012010025") {
		t.Errorf("got %q, want the labelled number de-identified and the order number kept", got)
	}
}
