package extract

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func fuzzReader(in []byte, small bool) io.Reader {
	if small {
		return &chunkReader{data: in}
	}
	return bytes.NewReader(in)
}

// checkOrder checks that fragments come in input order.
func checkOrder(t *testing.T, frags []Fragment) {
	t.Helper()
	for i := 1; i < len(frags); i++ {
		if frags[i].Loc.Offset < frags[i-1].Loc.Offset {
			t.Fatalf("fragment %d at %d comes after one at %d", i, frags[i].Loc.Offset, frags[i-1].Loc.Offset)
		}
	}
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte(bulletin), uint8(0), false)
	f.Add([]byte(bulletin), uint8(16), true)
	f.Add(encode(f, simplifiedchinese.GBK, bulletin), uint8(20), true)
	f.Add(encode(f, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), bulletin), uint8(17), false)
	f.Add([]byte("病例\xff\xfe张某某\n第三\xe4\xb8\n\xc0"), uint8(16), true)
	f.Add([]byte("号"+string(bytes.Repeat([]byte("1"), 100))+" 张三\r\n"), uint8(16), false)
	f.Add([]byte("\xef\xbb\xbf"), uint8(0), false)
	f.Add([]byte("a\x00b\x00"), uint8(0), false)
	f.Fuzz(func(t *testing.T, in []byte, maxFragment uint8, small bool) {
		opt := Options{Format: FormatText, MaxFragment: int(maxFragment)}
		res := readAll(t, "f.txt", fuzzReader(in, small), opt)
		if res.err != nil {
			t.Fatal(res.err)
		}
		want := decodeAll(in, "")
		if got := concat(res.frags); got != string(want) {
			t.Fatalf("fragments do not add up to the decoded input:\n got %q\nwant %q", got, want)
		}
		limit := 4 * max(int(maxFragment), minMaxFragment)
		if maxFragment == 0 {
			limit = 4 * DefaultMaxFragment
		}
		for _, f := range res.frags {
			if len(f.Text) == 0 || len(f.Text) > limit {
				t.Fatalf("fragment of %d bytes, limit %d", len(f.Text), limit)
			}
		}
		checkLocs(t, "f.txt", want, res.frags)
		checkOrder(t, res.frags)
	})
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(register), false, false, false)
	f.Add([]byte("姓名,备注\n\"吴刚\",\"家住\n朝阳区\"\n\"他说\"\"你好\"\"\",\n"), false, false, true)
	f.Add([]byte("姓名,手机号\n\"赵敏,13800138000\n孙丽,13912345678\n\"周杰\",13700137000\n"), false, false, true)
	f.Add([]byte("姓名,手机号\r\n\r\n张伟,13800138000\r\n李\"强,1\r\n"), true, false, false)
	f.Add([]byte("姓名\t手机号\n张伟\t13800138000\n"), false, true, false)
	f.Add(encode(f, simplifiedchinese.GBK, register), false, false, true)
	f.Fuzz(func(t *testing.T, in []byte, noHeader, tsv, small bool) {
		opt := Options{Format: FormatCSV, NoHeader: noHeader}
		if tsv {
			opt.Format = FormatTSV
		}
		res := readAll(t, "f.csv", fuzzReader(in, small), opt)
		if res.err != nil {
			t.Fatal(res.err)
		}
		decoded := decodeAll(in, "")
		checkLocs(t, "f.csv", decoded, res.frags)
		checkOrder(t, res.frags)
		for _, f := range res.frags {
			if atOffset(decoded, f) {
				continue
			}
			// Only a quoted cell may differ from the input: "" and CRLF.
			if f.Loc.Column == "" || f.Loc.Offset == 0 || decoded[f.Loc.Offset-1] != '"' {
				t.Fatalf("%q (column %q) is not the input at offset %d", f.Text, f.Loc.Column, f.Loc.Offset)
			}
		}
	})
}

// checkJSONFrags checks the fragments of JSON and JSONL input: values are
// the input at their offset unless they are strings with escapes, and text
// kept after a syntax error is the input verbatim.
func checkJSONFrags(t *testing.T, name string, in []byte, small bool, format Format) {
	res := readAll(t, name, fuzzReader(in, small), Options{Format: format})
	if res.err != nil {
		t.Fatal(res.err)
	}
	decoded := decodeAll(in, "")
	checkLocs(t, name, decoded, res.frags)
	checkOrder(t, res.frags)
	for _, f := range res.frags {
		if atOffset(decoded, f) {
			continue
		}
		raw := decoded[f.Loc.Offset:]
		if f.Loc.Path == "" || f.Loc.Offset == 0 || decoded[f.Loc.Offset-1] != '"' || !bytes.Contains(raw, []byte{'\\'}) {
			t.Fatalf("%q (path %q) is not the input at offset %d", f.Text, f.Loc.Path, f.Loc.Offset)
		}
	}
	if format == FormatJSON && len(res.problems) > 0 {
		// After the syntax error, the rest of the input is kept as text.
		i := slices.IndexFunc(res.frags, func(f Fragment) bool { return f.Loc.Path == "" })
		if i < 0 {
			return // nothing but blanks after the error, or problems of another kind
		}
		if got := concat(res.frags[i:]); got != string(decoded[res.frags[i].Loc.Offset:]) {
			t.Fatalf("text kept after the error %q, want the rest of the input %q", got, decoded[res.frags[i].Loc.Offset:])
		}
	}
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(patient), false)
	f.Add([]byte(cluener), true)
	f.Add([]byte("{\"姓名\": \"李明\",\n \"电话\": 13800138000,\n \"住址\": 北京市海淀区}\n"), false)
	f.Add([]byte(`{"a b": "1", "a\"b": "2", "1x": "3", "x": "\u738b\ud800", "y": [tru]}`), true)
	f.Add([]byte("[\"李明\", \"王"), false)
	f.Fuzz(func(t *testing.T, in []byte, small bool) {
		checkJSONFrags(t, "f.json", in, small, FormatJSON)
		sniffFormat(in, small) // must not panic on anything
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte("{\"姓名\": \"李明\", \"电话\": \"13800138000\"}\n\n{\"姓名\": 王丽}\n"), false)
	f.Add([]byte("{\"姓名\": \"赵敏\"} {\"姓名\": \"孙丽\"}\r\n{\"姓名\": \"周杰\"\n[\"吴刚\", 13700137000]"), true)
	f.Add([]byte("\"\\u738b\"\n1e5\nnull\n"), false)
	f.Fuzz(func(t *testing.T, in []byte, small bool) {
		checkJSONFrags(t, "f.jsonl", in, small, FormatJSONL)
	})
}

func FuzzDetectEncoding(f *testing.F) {
	f.Add([]byte(bulletin))
	f.Add(encode(f, simplifiedchinese.GBK, bulletin))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte{0xEF, 0xBB})
	f.Add([]byte("a\x00b\x00c\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		enc, bom := DetectEncoding(in)
		if bom < 0 || bom > len(in) {
			t.Fatalf("BOM length %d for %d bytes", bom, len(in))
		}
		switch enc {
		case encUTF8:
			if rest := in[bom:]; !utf8.Valid(rest[:len(rest)-incompleteTail(rest)]) {
				t.Fatalf("utf-8 for invalid input")
			}
		case encGB18030, encUTF16LE, encUTF16BE, encBinary:
		default:
			t.Fatalf("unknown encoding %q", enc)
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(notice), uint8(0), false)
	f.Add([]byte(notice), uint8(16), true)
	f.Add(encode(f, simplifiedchinese.GBK, notice), uint8(20), true)
	f.Add([]byte("<p>张<b>三</b>&nbsp;&#x4e2d;&amp<td>1381234<td>5678<img alt='x' title=\"y\">"), uint8(16), false)
	f.Add([]byte("<p>甲<img src=\"data:"+strings.Repeat("A", 100)+"\" alt=张三>乙<script>"+strings.Repeat("x", 100)+"</script>"), uint8(16), true)
	f.Add([]byte("<!--"+strings.Repeat("-", 80)+"!>--!>"+"<title>"+strings.Repeat("&lt;", 30)+"</title><plaintext>a</plaintext>"), uint8(16), false)
	f.Add([]byte("<p>甲</p>\n<script>var a = 1;\n<p>乙 13800138000</p>"), uint8(0), false)
	f.Add([]byte("<A"+strings.Repeat("0", 100)+" Alt=0000 0"), uint8(16), true) // a long tag the input ends in
	f.Add([]byte("<table><thead><tr><th>姓名<th colspan=2>电话</thead><tr><td rowspan=2>张三<td>138<table><tr><th>甲<td>乙</table>"+
		"<td>139<tr><td>李四</td><tbody><tr><td rowspan=0 class="+strings.Repeat("x", 80)+">王五</table><caption>尾"), uint8(16), false)
	f.Add([]byte("<table><tr><th>"+strings.Repeat("名", 40)+"<br>号<th>电话</tr><tr><td>张三<td>13812345678</table>"), uint8(17), true)
	f.Fuzz(func(t *testing.T, in []byte, maxFragment uint8, small bool) {
		opt := Options{Format: FormatHTML, MaxFragment: int(maxFragment)}
		pieces := maxRunPieces
		if maxFragment%2 == 1 {
			maxRunPieces = int(maxFragment) % 8 // cut runs of a few pieces too
		}
		res := readAll(t, "f.html", fuzzReader(in, small), opt)
		maxRunPieces = pieces
		if res.err != nil {
			t.Fatal(res.err)
		}
		decoded := decodeAll(in, "")
		checkHTMLFrags(t, "f.html", decoded, res.frags, int(maxFragment))
		checkAttrSpans(t, decoded)
		if maxFragment == 0 {
			return
		}
		// Tokens longer than the limit are read another way: the text
		// must not change.
		if htmlLimitChangesText(decoded) {
			return
		}
		ref := readAll(t, "f.html", bytes.NewReader(in), Options{Format: FormatHTML})
		gotText, gotAttrs := squeeze(res.frags)
		wantText, wantAttrs := squeeze(ref.frags)
		if gotText != wantText {
			t.Fatalf("text with MaxFragment %d differs from the default's:\n got %q\nwant %q", maxFragment, gotText, wantText)
		}
		if len(res.problems) == 0 && strings.Join(gotAttrs, "\n") != strings.Join(wantAttrs, "\n") {
			t.Fatalf("attributes with MaxFragment %d differ from the default's:\n got %q\nwant %q", maxFragment, gotAttrs, wantAttrs)
		}
	})
}
