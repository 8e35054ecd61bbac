package eval

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// describe renders a doc's gold spans as "label@start-end=text", byte
// offsets, so that a test states both the offsets and what they cut.
func describe(d Doc) []string {
	out := make([]string, len(d.Gold))
	for i, g := range d.Gold {
		out[i] = fmt.Sprintf("%s@%d-%d=%s", g.Label, g.Start, g.End, d.Text[g.Start:g.End])
	}
	return out
}

type wantDoc struct {
	id, text string
	gold     []string
}

func checkDocs(t *testing.T, got []Doc, want []wantDoc) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d docs, want %d:\n%+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if w.id != "" && g.ID != w.id {
			t.Errorf("doc %d: id %q, want %q", i, g.ID, w.id)
		}
		if g.Text != w.text {
			t.Errorf("doc %d: text %q, want %q", i, g.Text, w.text)
		}
		if d := describe(g); !slices.Equal(d, w.gold) {
			t.Errorf("doc %d %q gold:\n got %q\nwant %q", i, g.Text, d, w.gold)
		}
	}
}

func TestParseCorpus(t *testing.T) {
	tests := []struct {
		name, format, in string
		want             []wantDoc
	}{
		{
			name:   "bmes resume with S- single and M- middle",
			format: FormatBMES,
			in:     "高 B-NAME\n勇 E-NAME\n： O\n张 S-NAME\n男 O\n\n中 B-CONT\n国 M-CONT\n国 M-CONT\n籍 E-CONT\n， O\n汉 B-RACE\n族 E-RACE\n",
			want: []wantDoc{
				{"in:1", "高勇：张男", []string{"NAME@0-6=高勇", "NAME@9-12=张"}},
				{"in:7", "中国国籍，汉族", []string{"CONT@0-12=中国国籍", "RACE@15-21=汉族"}},
			},
		},
		{
			name:   "bmes covid trajectory CRLF with derived PAT/name and ADDRESS",
			format: FormatBMES,
			in: "第 O\r\n1 O\r\n例 O\r\n李 B-PAT\r\n某 I-PAT\r\n某 E-PAT\r\n男 S-GEN\r\n5 B-AGE\r\n6 I-AGE\r\n岁 E-AGE\r\n" +
				"湖 B-PROVINCE\r\n北 E-PROVINCE\r\n武 B-CITY\r\n汉 E-CITY\r\n确 B-PAT\r\n诊 I-PAT\r\n病 I-PAT\r\n例 E-PAT\r\n\r\n",
			want: []wantDoc{{"in:1", "第1例李某某男56岁湖北武汉确诊病例", []string{
				"PAT@7-16=李某某", "PAT/name@7-16=李某某", "GEN@16-19=男", "AGE@19-24=56岁",
				"PROVINCE@24-30=湖北", "ADDRESS@24-36=湖北武汉", "CITY@30-36=武汉", "PAT@36-48=确诊病例",
			}}},
		},
		{
			name:   "bio I- without B-, label change, BILOU L- and U-",
			format: FormatBIO,
			in:     "在 O\n北 I-LOC\n京 I-LOC\n和 O\n上 B-LOC\n海 B-LOC\n人 I-PER\n民 E-ORG\n\n\n张 B-PER\n三 L-PER\n李 U-PER",
			want: []wantDoc{
				{"in:1", "在北京和上海人民", []string{"LOC@3-9=北京", "LOC@12-15=上", "LOC@15-18=海", "PER@18-21=人", "ORG@21-24=民"}},
				{"in:11", "张三李", []string{"PER@0-6=张三", "PER@6-9=李"}},
			},
		},
		{
			name:   "bmes full-width space is a character, not a separator",
			format: FormatBMES,
			in:     "张 B-NAME\n\u3000 I-NAME\n三 E-NAME\n",
			want:   []wantDoc{{"in:1", "张\u3000三", []string{"NAME@0-9=张\u3000三"}}},
		},
		{
			name:   "conll weibo strips segmentation digits",
			format: FormatCoNLL,
			in:     "科0\tO\n技1\tO\n赵0\tB-PER.NAM\n新1\tI-PER.NAM\n民2\tI-PER.NAM\n812\tO\n\ufffd\ufffd0\tO\na12\tO\n\n",
			want:   []wantDoc{{"in:1", "科技赵新民8\ufffd\ufffda", []string{"PER.NAM@6-15=赵新民"}}},
		},
		{
			name:   "address multi-char tokens, lower-cased labels, whole address",
			format: FormatAddress,
			in: "浙 B-prov\n江 I-prov\n省 I-prov\n滨 B-devZone\n江 I-devZone\n区 I-devZone\n602 B-roadno\n号 I-roadno\nnull B-redundant\n门 B-assist\n口 I-assist\n\n" +
				"- B-redundant\n47 B-houseno\n号 I-houseno\n",
			want: []wantDoc{
				{"in:1", "浙江省滨江区602号null门口", []string{
					"prov@0-9=浙江省", "address@0-24=浙江省滨江区602号", "devzone@9-18=滨江区", "roadno@18-24=602号",
					"redundant@24-28=null", "assist@28-34=门口",
				}},
				{"in:13", "-47号", []string{"redundant@0-1=-", "address@1-6=47号", "houseno@1-6=47号"}},
			},
		},
		{
			name:   "cluener pretty-printed then JSON lines, end-inclusive rune offsets",
			format: FormatCLUENER,
			in: `{
  "text": "浙商银行企业信贷部叶老桂博士则从另一个角度",
  "label": {
    "name": {
      "叶老桂": [
        [
          9,
          11
        ]
      ]
    },
    "company": {"浙商银行": [[0, 3]]}
  }
}
{"text": "生生不息CSOL生化狂潮", "label": {"game": {"CSOL": [[4, 7]]}}}
{"text": "没有标签"}
`,
			want: []wantDoc{
				{"in:1", "浙商银行企业信贷部叶老桂博士则从另一个角度", []string{"company@0-12=浙商银行", "name@27-36=叶老桂"}},
				{"in:15", "生生不息CSOL生化狂潮", []string{"game@12-16=CSOL"}},
				{"in:16", "没有标签", []string{}},
			},
		},
		{
			name:   "ecr end-exclusive rune offsets with derived date, train, flight, seat and plate",
			format: FormatECR,
			in: `{"doc_id": 6886, "text": "患者二十九，女，56岁，1月20日发病，乘G1234次列车，现在隔离", "entities": [[0, 5, "LocalID"], [6, 7, "Gender"], [8, 11, "Age"], [12, 17, "Date"], [21, 29, "Vehicle"], [30, 32, "Date"]], "patient": [[0, 5, "LocalID"]], "relations": [], "events": []}
{"doc_id": "abc", "text": "乘坐航班CA1378，座位号10A，私家车（鲁J5H511）", "entities": [[2, 10, "Vehicle"], [11, 17, "Vehicle"], [18, 30, "Vehicle"]]}
`,
			want: []wantDoc{
				{"6886", "患者二十九，女，56岁，1月20日发病，乘G1234次列车，现在隔离", []string{
					"LocalID@0-15=患者二十九", "Gender@18-21=女", "Age@24-29=56岁", "Date@32-41=1月20日", "Date/calendar@32-41=1月20日",
					"Vehicle/train@53-58=G1234", "Vehicle@53-67=G1234次列车", "Date@70-76=现在",
				}},
				{"abc", "乘坐航班CA1378，座位号10A，私家车（鲁J5H511）", []string{
					"Vehicle@6-18=航班CA1378", "Vehicle/flight@12-18=CA1378", "Vehicle@21-33=座位号10A", "Vehicle/seat@30-33=10A",
					"Vehicle@36-60=私家车（鲁J5H511）", "Vehicle/plate@48-57=鲁J5H511",
				}},
			},
		},
		{
			name:   "custos byte offsets",
			format: FormatCustos,
			in: `{"id":"s1","text":"电话13800138000，身份证11010519491231002X","spans":[{"start":29,"end":47,"type":"resident_id"},{"start":6,"end":17,"type":"mobile_phone"}]}
{"text":"无","spans":[]}
`,
			want: []wantDoc{
				{"s1", "电话13800138000，身份证11010519491231002X", []string{"mobile_phone@6-17=13800138000", "resident_id@29-47=11010519491231002X"}},
				{"in:2", "无", []string{}},
			},
		},
		{
			name:   "duplicate gold spans are merged",
			format: FormatECR,
			in:     `{"doc_id": 1, "text": "女", "entities": [[0, 1, "Gender"], [0, 1, "Gender"]]}`,
			want:   []wantDoc{{"1", "女", []string{"Gender@0-3=女"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ParseCorpus(tt.format, strings.NewReader(tt.in), "in")
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			checkDocs(t, docs, tt.want)
		})
	}
}

func TestParseCorpusErrors(t *testing.T) {
	tests := []struct {
		name, format, in string
		texts            []string // texts of the docs still returned
		errs             []string // substrings, one per expected problem
	}{
		{
			name:   "bmes line without tag drops its sentence only",
			format: FormatBMES,
			in:     "甲 O\n\n乙 B-NAME\n丙\n丁 E-NAME\n\n戊 S-NAME\n",
			texts:  []string{"甲", "戊"},
			errs:   []string{"in:4: want token and tag"},
		},
		{
			name:   "bmes bad tags",
			format: FormatBMES,
			in:     "甲 X-NAME\n\n乙 B-\n\n丙 O\n\n丁 B\n",
			texts:  []string{"丙"},
			errs:   []string{`in:1: bad tag "X-NAME"`, `in:3: bad tag "B-"`, `in:7: bad tag "B"`},
		},
		{
			name:   "bmes invalid UTF-8",
			format: FormatBMES,
			in:     "\xff O\n\n好 O\n",
			texts:  []string{"好"},
			errs:   []string{"in:1: token is not valid UTF-8"},
		},
		{
			name:   "conll character without segmentation digit",
			format: FormatCoNLL,
			in:     "好0\tO\n\n坏\tO\n\n1\tO\n",
			texts:  []string{"好"},
			errs:   []string{`in:3: token "坏" has no segmentation digit`, `in:5: token "1" has no segmentation digit`},
		},
		{
			name:   "cluener wrong convention, out of range, bad syntax, garbage",
			format: FormatCLUENER,
			in: `{"text": "叶老桂说", "label": {"name": {"叶老桂": [[0, 3]]}}}
{"text": "好", "label": {"name": {"好": [[0, 1]]}}}
{"text": "ok", "label": {}}
{
  "text": "坏",
  "label": {"name": {"坏": [[0, "x"]]}}
}
garbage
{"text": "尾", "label": {"name": {"尾": [[0, 0]]}}}
{"text": "x", "label": {"name": {"x": [[0]]}}}
{"label": {}}
`,
			texts: []string{"ok", "尾"},
			errs: []string{
				`in:1: name [0, 3] is "叶老桂说", want "叶老桂"`,
				`in:2: span [0, 2) "name" outside the text's 1 characters`,
				`in:6: json: cannot unmarshal string`,
				`in:8: want a JSON object, got "g"`,
				`in:10: name "x": want [start, end]`,
				`in:11: object has no "text"`,
			},
		},
		{
			name:   "ecr bad entities and broken line",
			format: FormatECR,
			in: `{"doc_id": 1, "text": "女", "entities": [[0, 2, "Gender"]]}
{"doc_id": 2, "text": "女", "entities": [[0, 1, "Gender"]]}
{"doc_id": 3, "text": "女", "entities": [[0, 1]]}
{"doc_id": 4, "text": "女", "entities": [[1, 1, "Gender"]]}
{"doc_id": 5, "text": "女", "entities": [[0.5, 1, "Gender"]]}
{"doc_id": 6, "text": "女" "entities": []}
{"doc_id": 7, "text": "男", "entities": [[0, 1, "Gender"]]}
{"doc_id": 8, "text": "未完`,
			texts: []string{"女", "男"},
			errs: []string{
				`in:1: span [0, 2) "Gender" outside`,
				`in:3: entity [0 1]: want [start, end, label]`,
				`in:4: span [1, 1) "Gender" outside the text's 1 characters or empty`,
				`in:5: entity [0.5 1 Gender]`,
				`in:6: invalid character '"' after object key:value pair`,
				`in:8: unterminated JSON object`,
			},
		},
		{
			name:   "custos span splitting a character or missing fields",
			format: FormatCustos,
			in: `{"id":"a","text":"电话","spans":[{"start":1,"end":6,"type":"x"}]}
{"id":"b","text":"电话","spans":[{"start":0,"end":6}]}
{"id":"c","text":"电话","spans":[{"start":0,"end":7,"type":"x"}]}
{"id":"d","text":"电话","spans":[{"start":0,"end":3,"type":"x"}]}
`,
			texts: []string{"电话"},
			errs: []string{
				`in:1: span [1, 6) "x" splits a character`,
				`in:2: span needs start, end and type`,
				`in:3: span [0, 7) "x" outside the text's 6 bytes`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ParseCorpus(tt.format, strings.NewReader(tt.in), "in")
			var texts []string
			for _, d := range docs {
				texts = append(texts, d.Text)
			}
			if !slices.Equal(texts, tt.texts) {
				t.Errorf("docs %q, want %q", texts, tt.texts)
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.errs)
			}
			msgs := strings.Split(err.Error(), "\n")
			if len(msgs) != len(tt.errs) {
				t.Errorf("got %d problems, want %d:\n%v", len(msgs), len(tt.errs), err)
			}
			for _, want := range tt.errs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not mention %q:\n%v", want, err)
				}
			}
			var le *LineError
			if !errors.As(err, &le) || le.File != "in" || le.Line < 1 {
				t.Errorf("error is not a *LineError with file and line: %#v", err)
			}
		})
	}
}

func TestParseCorpusUnknownFormat(t *testing.T) {
	docs, err := ParseCorpus("xml", strings.NewReader("甲 O\n"), "in")
	if err == nil || docs != nil || !strings.Contains(err.Error(), `unknown format "xml"`) {
		t.Errorf("got %v, %v; want an unknown format error", docs, err)
	}
	if _, err := ReadCorpus(FormatBMES, "testdata/does-not-exist"); err == nil {
		t.Error("ReadCorpus of a missing file: no error")
	}
}

func TestParseCorpusErrorLimit(t *testing.T) {
	in := strings.Repeat("bad\n\n", maxErrors+10) + "好 O\n"
	docs, err := ParseCorpus(FormatBMES, strings.NewReader(in), "in")
	if len(docs) != 1 {
		t.Errorf("got %d docs, want 1", len(docs))
	}
	if err == nil || !strings.Contains(err.Error(), "in: 10 more problems not shown") {
		t.Errorf("error does not say how many problems were left out: %v", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxErrors+1 {
		t.Errorf("error has %d lines, want %d", n, maxErrors+1)
	}
}

func TestParseCorpusBOM(t *testing.T) {
	for _, f := range []string{FormatBMES, FormatCustos} {
		in := "\ufeff甲 O\n"
		if f == FormatCustos {
			in = "\ufeff{\"text\":\"甲\"}\n"
		}
		docs, err := ParseCorpus(f, strings.NewReader(in), "in")
		if err != nil || len(docs) != 1 || docs[0].Text != "甲" {
			t.Errorf("%s: got %+v, %v", f, docs, err)
		}
	}
}

func TestVehicleAndDateDerivation(t *testing.T) {
	tests := []struct {
		label, text string
		want        []string
	}{
		{"Vehicle", "北京南—长春西的G4731次列车", []string{"Vehicle/train=G4731"}},
		{"Vehicle", "K-1276次列车", []string{"Vehicle/train=K-1276"}},
		{"Vehicle", "D4832，04车18F", []string{"Vehicle/train=D4832", "Vehicle/seat=04车18F"}},
		{"Vehicle", "T180次9号车厢22号上铺", []string{"Vehicle/train=T180", "Vehicle/seat=9号车厢22号上铺"}},
		{"Vehicle", "东航MU7358", []string{"Vehicle/flight=MU7358"}},
		{"Vehicle", "春秋航空9C8574", []string{"Vehicle/flight=9C8574"}},
		{"Vehicle", "天津航空，航班号：TS6635，座位号10A、10C", []string{"Vehicle/flight=TS6635", "Vehicle/seat=10A", "Vehicle/seat=10C"}},
		{"Vehicle", "JD5841次航班（17D）", []string{"Vehicle/flight=JD5841", "Vehicle/seat=17D"}},
		{"Vehicle", "座位号56排A座", []string{"Vehicle/seat=56排A座"}},
		{"Vehicle", "（车牌豫Q D8125）", []string{"Vehicle/plate=豫Q D8125"}},
		{"Vehicle", "网约车（车牌号黑AE888Z）", []string{"Vehicle/plate=黑AE888Z"}},
		{"Vehicle", "出租车", nil},
		{"Vehicle", "120救护车", nil},
		{"Vehicle", "7车厢", nil},
		{"Vehicle", "59路公交车", nil},
		{"Date", "现在", nil},
		{"Date", "1月23日9时", []string{"Date/calendar=1月23日9时"}},
		{"Date", "2020年1月19日", []string{"Date/calendar=2020年1月19日"}},
		{"Date", "1月30", []string{"Date/calendar=1月30"}},
		{"Date", "23日16时30分", []string{"Date/calendar=23日16时30分"}},
		{"Date", "二月十五日上午", []string{"Date/calendar=二月十五日"}},
		{"EndDate", "1月15日-19日", []string{"EndDate/calendar=1月15日", "EndDate/calendar=19日"}},
		{"Date", "2020-01-23", []string{"Date/calendar=2020-01-23"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			text := "，" + tt.text + "。"
			d := Doc{Text: text, Gold: []Span{{Start: len("，"), End: len(text) - len("。"), Label: tt.label}}}
			deriveECR(&d)
			var got []string
			for _, g := range d.Gold[1:] {
				got = append(got, g.Label+"="+text[g.Start:g.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPatientName(t *testing.T) {
	for s, want := range map[string]bool{
		"李某某": true, "武XX": true, "欧阳某某": true, "刘宁宁": true,
		"确诊病例": false, "病例3": false, "第68号确诊病例": false, "患者": false, "遵化市": false, "李": false,
	} {
		if got := isName(s); got != want {
			t.Errorf("isName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWriteCustosRoundTrip(t *testing.T) {
	in := []Doc{
		{ID: "a", Text: "电话13800138000<b>", Gold: []Span{{Start: 6, End: 17, Label: "mobile_phone"}}},
		{ID: "b", Text: "无"},
	}
	var b strings.Builder
	if err := WriteCustos(&b, in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<b>") {
		t.Errorf("HTML escaped: %s", b.String())
	}
	out, err := ParseCorpus(FormatCustos, strings.NewReader(b.String()), "rt")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].ID != "a" || !slices.Equal(out[0].Gold, in[0].Gold) || out[1].Text != "无" || len(out[1].Gold) != 0 {
		t.Errorf("round trip: got %+v, want %+v", out, in)
	}
}

// checkSpans fails unless every gold span is non-empty, inside the text and
// on rune boundaries, and the text is valid UTF-8.
func checkSpans(t testing.TB, docs []Doc) {
	t.Helper()
	for _, d := range docs {
		if !utf8.ValidString(d.Text) {
			t.Fatalf("doc %s: text is not valid UTF-8: %q", d.ID, d.Text)
		}
		if d.ID == "" {
			t.Fatalf("doc with empty id: %q", d.Text)
		}
		for _, g := range d.Gold {
			if err := checkByteSpan(d.Text, g); err != nil {
				t.Fatalf("doc %s: %v", d.ID, err)
			}
			if g.Label == "" {
				t.Fatalf("doc %s: span %v has no label", d.ID, g)
			}
		}
	}
}
