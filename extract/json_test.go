package extract

import (
	"strings"
	"testing"
	"testing/iotest"
)

// patient is a hospital patient record (invented).
const patient = `{
  "患者": {
    "姓名": "李明",
    "身份证号": "110101199003071234",
    "电话": 13800138000,
    "住址": "北京市海淀区中关村大街1号",
    "病史": ["高血压", "糖尿病"],
    "紧急联系人": {"name": "王丽", "phone number": "13912345678"}
  },
  "就诊记录": [
    {"日期": "2022-04-10", "诊断": "新型冠状病毒肺炎", "体温": -0.5e1}
  ],
  "备注": "无\n特殊",
  "escaped": "\u738b\u4e3d",
  "ok": true,
  "none": null,
  "empty": ""
}
`

// cluener is two records in the style of the CLUENER corpus: JSON values
// one after another in one file.
const cluener = `{
  "text": "浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。",
  "label": {"name": {"叶老桂": [[9, 11]]}}
}
{
  "text": "生生不息CSOL生化狂潮让你填弹狂扫",
  "label": {"game": {"CSOL": [[4, 7]]}}
}
`

func TestReadJSON(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		in       string
		opt      Options
		want     []loc
		problems []problemAt
		// text is the expected concatenated fragment text when want is nil.
	}{
		{
			name: "patient record",
			in:   patient,
			want: []loc{
				{text: "患者", line: 2, col: 3, off: 5, row: 1, path: "$.*~"},
				{text: "姓名", line: 3, col: 5, off: 21, row: 1, path: "$.患者.*~"},
				{text: "李明", line: 3, col: 11, off: 31, row: 1, path: "$.患者.姓名"},
				{text: "身份证号", line: 4, col: 5, off: 45, row: 1, path: "$.患者.*~"},
				{text: "110101199003071234", line: 4, col: 13, off: 61, row: 1, path: "$.患者.身份证号"},
				{text: "电话", line: 5, col: 5, off: 87, row: 1, path: "$.患者.*~"},
				{text: "13800138000", line: 5, col: 10, off: 96, row: 1, path: "$.患者.电话"},
				{text: "住址", line: 6, col: 5, off: 114, row: 1, path: "$.患者.*~"},
				{text: "北京市海淀区中关村大街1号", line: 6, col: 11, off: 124, row: 1, path: "$.患者.住址"},
				{text: "病史", line: 7, col: 5, off: 169, row: 1, path: "$.患者.*~"},
				{text: "高血压", line: 7, col: 12, off: 180, row: 1, path: "$.患者.病史[0]"},
				{text: "糖尿病", line: 7, col: 19, off: 193, row: 1, path: "$.患者.病史[1]"},
				{text: "紧急联系人", line: 8, col: 5, off: 211, row: 1, path: "$.患者.*~"},
				// "name" is a plain field name: not scanned
				{text: "王丽", line: 8, col: 23, off: 239, row: 1, path: "$.患者.紧急联系人.name"},
				{text: "phone number", line: 8, col: 29, off: 249, row: 1, path: "$.患者.紧急联系人.*~"},
				{text: "13912345678", line: 8, col: 45, off: 265, row: 1, path: `$.患者.紧急联系人["phone number"]`},
				{text: "就诊记录", line: 10, col: 3, off: 287, row: 1, path: "$.*~"},
				{text: "日期", line: 11, col: 6, off: 310, row: 1, path: "$.就诊记录[0].*~"},
				{text: "2022-04-10", line: 11, col: 12, off: 320, row: 1, path: "$.就诊记录[0].日期"},
				{text: "诊断", line: 11, col: 26, off: 334, row: 1, path: "$.就诊记录[0].*~"},
				{text: "新型冠状病毒肺炎", line: 11, col: 32, off: 344, row: 1, path: "$.就诊记录[0].诊断"},
				{text: "体温", line: 11, col: 44, off: 372, row: 1, path: "$.就诊记录[0].*~"},
				{text: "-0.5e1", line: 11, col: 49, off: 381, row: 1, path: "$.就诊记录[0].体温"},
				{text: "备注", line: 13, col: 3, off: 397, row: 1, path: "$.*~"},
				{text: "无\n特殊", line: 13, col: 9, off: 407, row: 1, path: "$.备注"},
				{text: "王丽", line: 14, col: 14, off: 435, row: 1, path: "$.escaped"},
			},
		},
		{
			name: "concatenated values, CLUENER style",
			in:   cluener,
			want: []loc{
				{text: "浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。", line: 2, col: 11, off: 13, row: 1, path: "$.text"},
				{text: "叶老桂", line: 3, col: 22, off: 134, row: 1, path: "$.label.name.*~"}, // a key that is a name
				{text: "9", line: 3, col: 30, off: 148, row: 1, path: "$.label.name.叶老桂[0][0]"},
				{text: "11", line: 3, col: 33, off: 151, row: 1, path: "$.label.name.叶老桂[0][1]"},
				{text: "生生不息CSOL生化狂潮让你填弹狂扫", line: 6, col: 11, off: 173, row: 2, path: "$.text"},
				{text: "4", line: 7, col: 31, off: 253, row: 2, path: "$.label.game.CSOL[0][0]"},
				{text: "7", line: 7, col: 34, off: 256, row: 2, path: "$.label.game.CSOL[0][1]"},
			},
		},
		{
			name: "top-level scalars",
			in:   "\"张三\" 13800138000\n[\"李四\"]",
			want: []loc{
				{text: "张三", line: 1, col: 1, off: 1, row: 1, path: "$"},
				{text: "13800138000", line: 1, col: 5, off: 9, row: 2, path: "$"},
				{text: "李四", line: 2, col: 2, off: 23, row: 3, path: "$[0]"},
			},
		},
		{
			name: "keys that are not identifiers",
			in:   `{"a b": "1", "a\"b": "2", "1x": "3", "_ok": "4", "x1": "5", "": "6", "tab\t": "7"}`,
			want: []loc{
				{text: "a b", line: 1, col: 2, off: 2, row: 1, path: "$.*~"},
				{text: "1", line: 1, col: 9, off: 9, row: 1, path: `$["a b"]`},
				{text: "a\"b", line: 1, col: 14, off: 14, row: 1, path: "$.*~"},
				{text: "2", line: 1, col: 22, off: 22, row: 1, path: `$["a\"b"]`},
				{text: "1x", line: 1, col: 27, off: 27, row: 1, path: "$.*~"},
				{text: "3", line: 1, col: 33, off: 33, row: 1, path: `$["1x"]`},
				{text: "4", line: 1, col: 45, off: 45, row: 1, path: `$._ok`},
				{text: "5", line: 1, col: 56, off: 56, row: 1, path: `$.x1`},
				{text: "6", line: 1, col: 65, off: 65, row: 1, path: `$[""]`},
				{text: "tab\t", line: 1, col: 70, off: 70, row: 1, path: "$.*~"},
				{text: "7", line: 1, col: 79, off: 79, row: 1, path: `$["tab\u0009"]`},
			},
		},
		{
			name: "syntax error: earlier values kept, the rest as text",
			in:   "{\"姓名\": \"李明\",\n \"电话\": 13800138000,\n \"住址\": 北京市海淀区}\n",
			want: []loc{
				{text: "姓名", line: 1, col: 2, off: 2, row: 1, path: "$.*~"},
				{text: "李明", line: 1, col: 8, off: 12, row: 1, path: "$.姓名"},
				{text: "电话", line: 2, col: 2, off: 23, row: 1, path: "$.*~"},
				{text: "13800138000", line: 2, col: 7, off: 32, row: 1, path: "$.电话"},
				{text: "住址", line: 3, col: 2, off: 47, row: 1, path: "$.*~"},
				{text: ": 北京市海淀区}\n", line: 3, col: 5, off: 54, row: 1},
			},
			problems: []problemAt{{line: 3, col: 8, row: 1, contains: "a.json:3:8: row 1: $.住址: malformed JSON, rest of the input kept as plain text: invalid character '北' looking for beginning of value"}},
		},
		{
			name: "unexpected end of input",
			in:   "[\"李明\", \"王",
			want: []loc{
				{text: "李明", line: 1, col: 2, off: 2, row: 1, path: "$[0]"},
				{text: ", \"王", line: 1, col: 5, off: 9, row: 1},
			},
			problems: []problemAt{{line: 1, col: 8, row: 1, contains: "$[1]: malformed JSON, rest of the input kept as plain text: unexpected end of input"}},
		},
		{
			name: "unclosed array",
			in:   "[\"李明\"\n",
			want: []loc{
				{text: "李明", line: 1, col: 2, off: 2, row: 1, path: "$[0]"},
				{text: "\n", line: 1, col: 5, off: 9, row: 1},
			},
			problems: []problemAt{{line: 1, col: 6, row: 1, contains: "unexpected end of input"}},
		},
		{
			name: "garbage after a value",
			in:   "{\"a\": 1} 张三 13800138000\n",
			want: []loc{
				{text: "1", line: 1, col: 6, off: 6, row: 1, path: "$.a"},
				{text: " 张三 13800138000\n", line: 1, col: 8, off: 8, row: 2},
			},
			problems: []problemAt{{line: 1, col: 10, row: 2, contains: "invalid character '张'"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "a.json"
			}
			for _, r := range []string{"whole", "one byte"} {
				var res result
				if r == "whole" {
					res = readString(t, file, tt.in, tt.opt)
				} else {
					res = readAll(t, file, iotest.OneByteReader(strings.NewReader(tt.in)), tt.opt)
				}
				if res.err != nil {
					t.Fatal(res.err)
				}
				checkFrags(t, res.frags, tt.want)
				checkProblems(t, res.problems, tt.problems)
				checkLocs(t, file, []byte(tt.in), res.frags)
				for _, f := range res.frags {
					raw := tt.in[f.Loc.Offset:]
					escaped := strings.Contains(raw[:strings.IndexAny(raw+`"`, `"`)], `\`)
					if !escaped && !atOffset([]byte(tt.in), f) {
						t.Errorf("%q is not the input at offset %d", f.Text, f.Loc.Offset)
					}
				}
			}
		})
	}
}

func TestJSONTooDeep(t *testing.T) {
	in := strings.Repeat("[", maxJSONDepth+5) + `"张三"` + strings.Repeat("]", maxJSONDepth+5)
	res := readString(t, "a.json", in, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkProblems(t, res.problems, []problemAt{{line: 1, col: maxJSONDepth + 1, row: 1, contains: "nested deeper than 10000"}})
	if got := concat(res.frags); got != in[maxJSONDepth:] {
		t.Errorf("the rest was not kept as text")
	}
}

func TestReadJSONL(t *testing.T) {
	in := "{\"姓名\": \"李明\", \"电话\": \"13800138000\"}\n" +
		"\n" +
		"{\"姓名\": 王丽, \"电话\": \"13912345678\"}\n" +
		"  \r\n" +
		"{\"姓名\": \"赵敏\"} {\"姓名\": \"孙丽\"}\r\n" +
		"{\"姓名\": \"周杰\"\n" +
		"[\"吴刚\", 13700137000]"
	at := func(marker string) int64 { return int64(strings.Index(in, marker)) }
	want := []loc{
		{text: "姓名", line: 1, col: 2, off: 2, row: 1, path: "$.*~"},
		{text: "李明", line: 1, col: 8, off: at("李明"), row: 1, path: "$.姓名"},
		{text: "电话", line: 1, col: 14, off: 22, row: 1, path: "$.*~"},
		{text: "13800138000", line: 1, col: 20, off: at("13800138000"), row: 1, path: "$.电话"},
		{text: "姓名", line: 3, col: 2, off: 49, row: 2, path: "$.*~"},
		{text: ": 王丽, \"电话\": \"13912345678\"}\n", line: 3, col: 5, off: at(": 王丽"), row: 2},
		{text: "姓名", line: 5, col: 2, off: 97, row: 3, path: "$.*~"},
		{text: "赵敏", line: 5, col: 8, off: at("赵敏"), row: 3, path: "$.姓名"},
		{text: " {\"姓名\": \"孙丽\"}\r\n", line: 5, col: 12, off: at(" {\"姓名\": \"孙丽"), row: 3},
		{text: "姓名", line: 6, col: 2, off: 140, row: 4, path: "$.*~"},
		{text: "周杰", line: 6, col: 8, off: at("周杰"), row: 4, path: "$.姓名"},
		{text: "\n", line: 6, col: 11, off: at("周杰") + 7, row: 4},
		{text: "吴刚", line: 7, col: 2, off: at("吴刚"), row: 5, path: "$[0]"},
		{text: "13700137000", line: 7, col: 7, off: at("13700137000"), row: 5, path: "$[1]"},
	}
	problems := []problemAt{
		{line: 3, col: 8, row: 2, contains: "a.jsonl:3:8: row 2: $.姓名: malformed JSON, rest of the line kept as plain text: invalid character '王'"},
		{line: 5, col: 14, row: 3, contains: "a.jsonl:5:14: row 3: $: more than one JSON value on the line"},
		{line: 6, col: 12, row: 4, contains: "unexpected end of line"},
	}
	for _, r := range []string{"whole", "one byte"} {
		var res result
		if r == "whole" {
			res = readString(t, "a.jsonl", in, Options{})
		} else {
			res = readAll(t, "a.jsonl", iotest.OneByteReader(strings.NewReader(in)), Options{})
		}
		if res.err != nil {
			t.Fatal(res.err)
		}
		checkFrags(t, res.frags, want)
		checkProblems(t, res.problems, problems)
		checkLocs(t, "a.jsonl", []byte(in), res.frags)
	}
}

func TestSniffFormat(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"text", "关于新增一例本土确诊病例的通报\n", FormatText},
		{"text starting with a bracket", "[通告] 4月12日新增本土确诊病例1例。\n", FormatText},
		{"text starting with a number list", "[1] 张三\n[2] 李四\n", FormatText},
		{"json object", "  {\n  \"姓名\": \"李明\"\n}\n", FormatJSON},
		{"json array", "[{\"姓名\": \"李明\"},\n {\"姓名\": \"王丽\"}]", FormatJSON},
		{"one-line json", "{\"姓名\": \"李明\"}\n", FormatJSON},
		{"jsonl", "{\"姓名\": \"李明\"}\n{\"姓名\": \"王丽\"}\n", FormatJSONL},
		{"jsonl with blank line", "{\"姓名\": \"李明\"}\n\n[1, 2]\n", FormatJSONL},
		{"concatenated pretty json", cluener, FormatJSON},
		{"json then text", "{\"a\": 1}\n张三\n", FormatText},
		{"empty", "", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniffFormat([]byte(tt.in), false); got != tt.want {
				t.Errorf("sniffFormat = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("truncated window", func(t *testing.T) {
		head := []byte(strings.Repeat("{\"姓名\": \"李明\"}\n", 10) + "{\"姓名\": \"王")
		if got := sniffFormat(head, true); got != FormatJSONL {
			t.Errorf("sniffFormat = %q, want jsonl", got)
		}
		head = []byte("[\n" + strings.Repeat("  {\"姓名\": \"李明\"},\n", 10) + "  {\"姓")
		if got := sniffFormat(head, true); got != FormatJSON {
			t.Errorf("sniffFormat = %q, want json", got)
		}
	})
}

func TestFormatFromName(t *testing.T) {
	tests := map[string]Format{
		"登记表.csv": FormatCSV, "a.CSV": FormatCSV, "a.tsv": FormatTSV, "a.json": FormatJSON,
		"a.jsonl": FormatJSONL, "a.ndjson": FormatJSONL, "a.txt": FormatText, "a.log": FormatText,
		"dir.d/README": FormatAuto, "-": FormatAuto, "": FormatAuto,
	}
	for name, want := range tests {
		if got := formatFromName(name); got != want {
			t.Errorf("formatFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestReadSniffed reads stdin-like inputs and checks the format chosen by
// what the fragments look like.
func TestReadSniffed(t *testing.T) {
	res := readString(t, "-", "{\"姓名\": \"李明\"}\n{\"姓名\": \"王丽\"}\n", Options{})
	checkFrags(t, res.frags, []loc{
		{text: "姓名", line: 1, col: 2, off: 2, row: 1, path: "$.*~"},
		{text: "李明", line: 1, col: 8, off: 12, row: 1, path: "$.姓名"},
		{text: "姓名", line: 2, col: 2, off: 23, row: 2, path: "$.*~"},
		{text: "王丽", line: 2, col: 8, off: 33, row: 2, path: "$.姓名"},
	})
	res = readString(t, "-", "[通告] 张三\n", Options{})
	checkFrags(t, res.frags, []loc{{text: "[通告] 张三\n", line: 1}})
	res = readString(t, "notes.txt", "{\"姓名\": \"李明\"}\n", Options{})
	checkFrags(t, res.frags, []loc{{text: "{\"姓名\": \"李明\"}\n", line: 1}})
	res = readString(t, "notes.txt", "姓名,手机号\n李明,13800138000\n", Options{Format: "CSV"})
	res.frags = dataRows(res.frags)
	if len(res.frags) != 2 || res.frags[1].Loc.Column != "手机号" {
		t.Errorf("forced csv: %+v", res.frags)
	}
}
