package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// bulletin is an epidemic case bulletin of the kind health commissions
// publish (names, numbers and places invented).
const bulletin = `关于新增一例本土确诊病例的通报
（2022年第15号）

4月12日0时至24时，我市新增本土确诊病例1例。
病例张某某，男，38岁，身份证号110105198403150036，住朝阳区望京街道某小区3号楼，联系电话13912345678。
4月10日18时至20时，该病例曾到访海底捞（望京店），随后乘坐地铁14号线。
请同时段到访上述场所的市民主动报告，联系电话010-12345678。
`

func TestReadText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  Options
		want []loc
	}{
		{
			name: "empty input",
			in:   "",
		},
		{
			name: "one fragment",
			in:   "第一行\n第二行\n",
			want: []loc{{text: "第一行\n第二行\n", line: 1}},
		},
		{
			name: "no trailing newline",
			in:   "张三\n李四",
			want: []loc{{text: "张三\n李四", line: 1}},
		},
		{
			name: "runs of whole lines",
			in:   "甲乙丙丁\n戊己庚辛\n壬癸\n",
			opt:  Options{MaxFragment: 16},
			want: []loc{
				{text: "甲乙丙丁\n", line: 1},
				{text: "戊己庚辛\n", line: 2, off: 13},
				{text: "壬癸\n", line: 3, off: 26},
			},
		},
		{
			name: "CRLF kept",
			in:   "甲\r\n乙\r\n",
			want: []loc{{text: "甲\r\n乙\r\n", line: 1}},
		},
		{
			name: "digit run longer than the limit is cut",
			in:   "号" + strings.Repeat("1", 100) + "\n",
			opt:  Options{MaxFragment: 16},
			want: []loc{
				{text: "号", line: 1},
				{text: strings.Repeat("1", 64), line: 1, col: 1, off: 3},
				{text: strings.Repeat("1", 36) + "\n", line: 1, col: 65, off: 67},
			},
		},
		{
			name: "long line cut after a space",
			in:   "ab cd ef gh ij kl mn op qr st uv wx yz AB CD EF GH IJ KL MN OP QR\n第二行\n",
			opt:  Options{MaxFragment: 16},
			want: []loc{
				{text: "ab cd ef gh ij kl mn op qr st uv wx yz AB CD EF GH IJ KL MN OP ", line: 1},
				{text: "QR\n第二行\n", line: 1, col: 63, off: 63},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, "a.txt", tt.in, tt.opt)
			if res.err != nil || len(res.problems) > 0 {
				t.Fatalf("err %v, problems %v", res.err, res.problems)
			}
			checkFrags(t, res.frags, tt.want)
			checkLocs(t, "a.txt", []byte(tt.in), res.frags)
		})
	}
}

// TestReadTextReaders reads the same inputs through readers that return a
// few bytes at a time, so runes and lines are split across reads, and
// expects the same fragments as from one big read.
func TestReadTextReaders(t *testing.T) {
	long := strings.Repeat("病例张某某，身份证号110105198403150036，电话13912345678，住朝阳区望京街道。", 40)
	inputs := map[string]string{
		"bulletin":  bulletin,
		"long line": long + "\n" + bulletin + long,
	}
	readers := map[string]func(string) io.Reader{
		"one byte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"1-7 byte": func(s string) io.Reader { return &chunkReader{data: []byte(s)} },
		"half":     func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
		"data+EOF": func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) },
	}
	for _, limit := range []int{16, 100, 0} {
		for iname, in := range inputs {
			opt := Options{MaxFragment: limit}
			want := readString(t, "a.txt", in, opt)
			if concat(want.frags) != in {
				t.Fatalf("%s: fragments do not add up to the input", iname)
			}
			checkLocs(t, "a.txt", []byte(in), want.frags)
			for _, f := range want.frags {
				if limit > 0 && len(f.Text) > 4*limit {
					t.Errorf("%s: fragment of %d bytes, limit %d", iname, len(f.Text), 4*limit)
				}
			}
			for rname, mk := range readers {
				got := readAll(t, "a.txt", mk(in), opt)
				if got.err != nil || len(got.problems) > 0 {
					t.Fatalf("%s/%s: err %v problems %v", iname, rname, got.err, got.problems)
				}
				if concat(got.frags) != in {
					t.Errorf("%s/%s max %d: fragments do not add up to the input", iname, rname, limit)
				}
				checkLocs(t, "a.txt", []byte(in), got.frags)
			}
		}
	}
}

// TestSplitKeepsIdentifiers checks that a long line is never cut inside a
// run of ASCII letters and digits shorter than the limit.
func TestSplitKeepsIdentifiers(t *testing.T) {
	line := strings.Repeat("病例张某某身份证号110105198403150036电话13912345678住朝阳区", 50) + "\n"
	for _, limit := range []int{16, 20, 33, 64} {
		res := readString(t, "a.txt", line, Options{MaxFragment: limit})
		if concat(res.frags) != line {
			t.Fatalf("max %d: fragments do not add up", limit)
		}
		if len(res.frags) < 2 {
			t.Fatalf("max %d: line not split", limit)
		}
		for i := 1; i < len(res.frags); i++ {
			prev, next := res.frags[i-1].Text, res.frags[i].Text
			if isAlnum(prev[len(prev)-1]) && isAlnum(next[0]) {
				t.Errorf("max %d: cut inside %q|%q", limit, prev[max(0, len(prev)-10):], next[:min(10, len(next))])
			}
			if res.frags[i].Loc.Line != 1 {
				t.Errorf("continuation on line %d, want 1", res.frags[i].Loc.Line)
			}
		}
		checkLocs(t, "a.txt", []byte(line), res.frags)
	}
}

func TestSplitPoint(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"space in second half", "abcdefgh ijk", 9},
		{"ideographic space", "中文中文　abc", 15},
		{"chinese comma", "张三，13912345678", 9},
		{"before a digit run", "电话13912345678", 6},
		{"between letters and chinese", "abc中文", 6},
		{"all digits", "12345678901234567890", 20},
		{"punctuation between digits", "1234-5678", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitPoint([]byte(tt.in)); got != tt.want {
				t.Errorf("splitPoint(%q) = %d (%q|%q), want %d", tt.in, got, tt.in[:got], tt.in[got:], tt.want)
			}
		})
	}
}

func TestReadStops(t *testing.T) {
	in := strings.Repeat(bulletin, 100)
	t.Run("emit error is returned as is", func(t *testing.T) { checkEmitErrorStops(t, "a.txt", in, Options{MaxFragment: 100}) })
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := Read(ctx, "a.txt", strings.NewReader(in), Options{MaxFragment: 100},
			func(Fragment) error {
				if n++; n == 2 {
					cancel()
				}
				return nil
			}, nil)
		if !errors.Is(err, context.Canceled) || n != 2 {
			t.Errorf("err %v after %d fragments, want context.Canceled after 2", err, n)
		}
	})
	t.Run("read error", func(t *testing.T) {
		boom := errors.New("disk on fire")
		r := io.MultiReader(strings.NewReader(in), iotest.ErrReader(boom))
		res := readAll(t, "a.txt", r, Options{})
		if !errors.Is(res.err, boom) || !strings.Contains(res.err.Error(), "a.txt") {
			t.Errorf("err %v, want it to wrap %v and name the file", res.err, boom)
		}
	})
	t.Run("read error in the first bytes", func(t *testing.T) {
		boom := errors.New("disk on fire")
		res := readAll(t, "a.txt", iotest.ErrReader(boom), Options{})
		if !errors.Is(res.err, boom) {
			t.Errorf("err %v, want %v", res.err, boom)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		for _, opt := range []Options{{Format: "xml"}, {Encoding: "big5"}} {
			if res := readString(t, "a.txt", "x", opt); res.err == nil {
				t.Errorf("%+v: no error", opt)
			}
		}
	})
}

func TestFragmentOwnership(t *testing.T) {
	in := strings.Repeat(bulletin, 20)
	var kept [][]byte
	var copies []string
	err := Read(context.Background(), "a.txt", strings.NewReader(in), Options{MaxFragment: 64},
		func(f Fragment) error {
			kept = append(kept, f.Text)
			copies = append(copies, string(f.Text))
			return nil
		}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range kept {
		if !bytes.Equal(kept[i], []byte(copies[i])) {
			t.Fatalf("fragment %d was overwritten after emit", i)
		}
	}
}
