package extract

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestDetectEncoding(t *testing.T) {
	gbk := encode(t, simplifiedchinese.GBK, bulletin)
	utf16le := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "name,phone\n张三,13912345678\n")
	ascii16le := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "name,phone\nzhang,13912345678\n")
	ascii16be := encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "name,phone\nzhang,13912345678\n")
	tests := []struct {
		name   string
		in     []byte
		enc    string
		bomLen int
	}{
		{"empty", nil, "utf-8", 0},
		{"ascii", []byte("hello, world\n"), "utf-8", 0},
		{"chinese utf-8", []byte(bulletin), "utf-8", 0},
		{"utf-8 cut inside the last rune", []byte(bulletin)[:len(bulletin)-2], "utf-8", 0},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, "姓名"...), "utf-8", 3},
		{"utf-16le BOM", append([]byte{0xFF, 0xFE}, utf16le...), "utf-16le", 2},
		{"utf-16be BOM", []byte{0xFE, 0xFF, 0x4E, 0x2D}, "utf-16be", 2},
		{"gbk", gbk, "gb18030", 0},
		{"gbk short", encode(t, simplifiedchinese.GBK, "张三"), "gb18030", 0},
		{"invalid byte in utf-8", []byte("张三\xff李四"), "gb18030", 0},
		{"utf-16le without BOM, ascii range", ascii16le, "utf-16le", 0},
		{"utf-16be without BOM, ascii range", ascii16be, "utf-16be", 0},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "binary", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, bom := DetectEncoding(tt.in)
			if enc != tt.enc || bom != tt.bomLen {
				t.Errorf("DetectEncoding = %q, %d; want %q, %d", enc, bom, tt.enc, tt.bomLen)
			}
		})
	}
}

// TestReadEncodings reads the bulletin and a register in each encoding and
// expects the same UTF-8 text, with offsets in the decoded text.
func TestReadEncodings(t *testing.T) {
	register := "姓名,身份证号,手机号\n张伟,110101199003071234,13800138000\n"
	withBOM := func(bom []byte, b []byte) []byte { return append(append([]byte{}, bom...), b...) }
	tests := []struct {
		name, file string
		in         []byte
		opt        Options
		want       string
	}{
		{"gbk text", "a.txt", encode(t, simplifiedchinese.GBK, bulletin), Options{}, bulletin},
		{"gb18030 four-byte runes", "a.txt", encode(t, simplifiedchinese.GB18030, "䶮𠀀张三\n"), Options{}, "䶮𠀀张三\n"},
		{"gbk forced", "a.txt", encode(t, simplifiedchinese.GBK, "联通"), Options{Encoding: "GBK"}, "联通"},
		{"utf-8 BOM", "a.txt", withBOM(bomUTF8, []byte(bulletin)), Options{}, bulletin},
		{"utf-8 BOM, forced", "a.txt", withBOM(bomUTF8, []byte(bulletin)), Options{Encoding: "utf-8"}, bulletin},
		{"utf-16le BOM", "a.txt", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), bulletin), Options{}, bulletin},
		{"utf-16be BOM", "a.txt", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), bulletin), Options{}, bulletin},
		{"utf-16 forced, BOM decides", "a.txt", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), bulletin), Options{Encoding: "utf-16"}, bulletin},
		{"utf-16le forced, no BOM", "a.txt", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), bulletin), Options{Encoding: "utf-16le"}, bulletin},
		{"gbk csv", "a.csv", encode(t, simplifiedchinese.GBK, register), Options{}, "张伟11010119900307123413800138000"},
		{"utf-16le csv", "a.csv", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), register), Options{}, "张伟11010119900307123413800138000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, small := range []bool{false, true} {
				var res result
				if small {
					res = readAll(t, tt.file, &chunkReader{data: tt.in}, tt.opt)
				} else {
					res = readAll(t, tt.file, bytes.NewReader(tt.in), tt.opt)
				}
				if res.err != nil || len(res.problems) > 0 {
					t.Fatalf("err %v problems %v", res.err, res.problems)
				}
				if got := concat(dataRows(res.frags)); got != tt.want {
					t.Fatalf("text %q, want %q", got, tt.want)
				}
				decoded := []byte(tt.want)
				if tt.file == "a.csv" {
					decoded = []byte(register)
					for _, f := range res.frags {
						if !atOffset(decoded, f) {
							t.Errorf("cell %q not at its offset %d", f.Text, f.Loc.Offset)
						}
					}
				}
				checkLocs(t, tt.file, decoded, res.frags)
			}
		})
	}
}

func TestInvalidInput(t *testing.T) {
	// 70 KiB of valid UTF-8 first, so that detection says UTF-8 and the bad
	// bytes come "later in the file".
	pad := strings.Repeat("通报正文。\n", 70<<10/len("通报正文。\n")+1)
	padLines := strings.Count(pad, "\n")
	tests := []struct {
		name     string
		in       string
		opt      Options
		want     string
		problems []problemAt
	}{
		{
			name: "invalid utf-8 later in the file",
			in:   pad + "病例\xff\xfe张某某\n正常行\n第三\xe4\xb8\n\xc0",
			want: pad + "病例\uFFFD\uFFFD张某某\n正常行\n第三\uFFFD\uFFFD\n\uFFFD",
			problems: []problemAt{
				{line: padLines + 1, col: 3, contains: "invalid UTF-8"},
				{line: padLines + 3, col: 3, contains: "invalid UTF-8"},
				{line: padLines + 4, col: 1, contains: "invalid UTF-8"},
			},
		},
		{
			name: "invalid utf-8, encoding forced",
			in:   "第一行\n身份证号\xff110105198403150036\n",
			opt:  Options{Encoding: "utf-8"},
			want: "第一行\n身份证号\uFFFD110105198403150036\n",
			problems: []problemAt{
				{line: 2, col: 5, contains: "a.txt:2:5: invalid UTF-8 byte sequence"},
			},
		},
		{
			name: "truncated rune at the end",
			in:   pad + "张\xe4",
			want: pad + "张\uFFFD",
			problems: []problemAt{
				{line: padLines + 1, col: 2, contains: "invalid UTF-8"},
			},
		},
		{
			name: "invalid gb18030",
			in:   string(encode(t, simplifiedchinese.GBK, "第一行\n张三")) + "\x81\x20" + string(encode(t, simplifiedchinese.GBK, "李四\n")),
			want: "第一行\n张三\uFFFD 李四\n",
			problems: []problemAt{
				{line: 2, col: 3, contains: "invalid GB18030"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []string{"whole", "one byte"} {
				var res result
				if r == "whole" {
					res = readString(t, "a.txt", tt.in, tt.opt)
				} else {
					res = readAll(t, "a.txt", iotest.OneByteReader(strings.NewReader(tt.in)), tt.opt)
				}
				if res.err != nil {
					t.Fatal(res.err)
				}
				if got := concat(dataRows(res.frags)); got != tt.want {
					t.Errorf("%s: text differs:\n got %q\nwant %q", r, got[max(0, len(got)-60):], tt.want[max(0, len(tt.want)-60):])
				}
				checkProblems(t, res.problems, tt.problems)
				checkLocs(t, "a.txt", []byte(tt.want), res.frags)
			}
		})
	}
}

func TestBinarySkipped(t *testing.T) {
	in := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR 13912345678"
	res := readString(t, "photo.png", in, Options{})
	if res.err != nil || len(res.frags) != 0 {
		t.Fatalf("err %v, %d fragments; want nothing", res.err, len(res.frags))
	}
	checkProblems(t, res.problems, []problemAt{{contains: "photo.png: binary data"}})

	res = readString(t, "photo.png", in, Options{Encoding: "utf-8"})
	if want := "\uFFFD" + in[1:]; res.err != nil || concat(res.frags) != want {
		t.Errorf("forced encoding: err %v, text %q, want %q", res.err, concat(res.frags), want)
	}
	checkProblems(t, res.problems, []problemAt{{line: 1, col: 1, contains: "invalid UTF-8"}})
}

func TestSniffAndEncoder(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []byte
		enc  string
		bom  int
	}{
		{"gbk", encode(t, simplifiedchinese.GBK, "患者张某，电话13800138000。"), "gb18030", 0},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), "患者张某"...), "utf-8", 3},
		{"utf-8", []byte("患者张某"), "utf-8", 0},
	} {
		enc, bom, r, err := Sniff(bytes.NewReader(tt.in), "")
		if err != nil || enc != tt.enc || len(bom) != tt.bom {
			t.Fatalf("%s: %q %d %v", tt.name, enc, len(bom), err)
		}
		text, _ := io.ReadAll(r)
		var out bytes.Buffer
		out.Write(bom)
		w := Encoder(enc, &out)
		w.Write(text)
		if c, ok := w.(io.Closer); ok {
			c.Close()
		}
		if !bytes.Equal(out.Bytes(), tt.in) {
			t.Errorf("%s: round trip gave %q, want %q", tt.name, out.Bytes(), tt.in)
		}
	}
	if _, _, _, err := Sniff(bytes.NewReader([]byte{0, 1, 2, 0xff, 0, 0, 7}), ""); err == nil {
		t.Error("binary input was accepted")
	}
}
