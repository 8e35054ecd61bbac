package eval

import (
	"maps"
	"strings"
	"testing"
)

// fuzzSeeds are small inputs in every format, valid and broken.
var fuzzSeeds = map[string][]string{
	FormatBMES: {
		"高 B-NAME\n勇 E-NAME\n： O\n张 S-NAME\n\n中 B-CONT\n国 M-CONT\n籍 E-CONT\n",
		"李 B-PAT\r\n某 I-PAT\r\n湖 B-PROVINCE\r\n北 E-PROVINCE\r\n武 B-CITY\r\n汉 E-CITY\r\n\r\n",
		"甲 X-NAME\n乙\n\xff O\n",
	},
	FormatBIO:   {"在 O\n北 I-LOC\n京 I-LOC\n上 B-LOC\n海 B-LOC\n人 I-PER\n民 E-ORG\n张 U-PER\n"},
	FormatCoNLL: {"科0\tO\n赵0\tB-PER.NAM\n新1\tI-PER.NAM\n812\tO\n\ufffd\ufffd0\tO\na12\tO\n\n坏\tO\n"},
	FormatAddress: {
		"浙 B-prov\n江 I-prov\n602 B-roadno\n号 I-roadno\nnull B-redundant\n门 B-assist\n\n- B-redundant\n47 B-houseno\n",
	},
	FormatCLUENER: {
		"{\n  \"text\": \"浙商银行叶老桂\",\n  \"label\": {\"name\": {\"叶老桂\": [[4, 6]]}}\n}\n{\"text\": \"x\", \"label\": {\"name\": {\"x\": [[0, 5]]}}}\n",
		`{"text": "a", "label": {"n": {"a": [[0]]}}}` + "\ngarbage\n{",
	},
	FormatECR: {
		`{"doc_id": 1, "text": "患者，女，56岁，1月20日乘G1234次列车，座位号10A，鲁J5H511", "entities": [[3, 4, "Gender"], [5, 8, "Age"], [9, 14, "Date"], [15, 23, "Vehicle"], [24, 30, "Vehicle"], [31, 38, "Vehicle"]]}` + "\n",
		`{"doc_id": 2, "text": "女", "entities": [[0, 2, "Gender"], [0.5, 1, "x"]]}` + "\n{\"doc_id\": 3",
	},
	FormatCustos: {
		`{"id":"s1","text":"电话13800138000","spans":[{"start":6,"end":17,"type":"mobile_phone"}]}` + "\n",
		`{"id":"a","text":"电话","spans":[{"start":1,"end":6,"type":"x"}]}`,
	},
}

// FuzzParseCorpus checks, for every format, that no input panics the reader
// and that every returned span lies inside its text on rune boundaries.
func FuzzParseCorpus(f *testing.F) {
	formats := Formats()
	for i, format := range formats {
		for _, s := range fuzzSeeds[format] {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		format := formats[int(which)%len(formats)]
		docs, err := ParseCorpus(format, strings.NewReader(string(data)), "fuzz")
		checkSpans(t, docs)
		if err != nil && !strings.Contains(err.Error(), "fuzz:") {
			t.Fatalf("%s: error does not name the input: %v", format, err)
		}
	})
}

// FuzzParseMapping checks that a parsed mapping prints back to itself.
func FuzzParseMapping(f *testing.F) {
	for _, s := range []string{"", "A=b", "Vehicle=train_number|flight_number, Date=", "A,B=Bad,=c", "a=b=c", "x=|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMapping(s, nil)
		if err != nil {
			return
		}
		back, err := ParseMapping(m.String(), nil)
		if err != nil || !maps.Equal(back, m) {
			t.Fatalf("%q → %v → %q → %v, %v", s, m, m.String(), back, err)
		}
	})
}
