package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// result is everything one Read produced.
type result struct {
	frags    []Fragment
	problems []*Problem
	err      error
}

func readAll(t testing.TB, name string, r io.Reader, opt Options) result {
	t.Helper()
	var res result
	res.err = Read(context.Background(), name, r, opt,
		func(f Fragment) error { res.frags = append(res.frags, f); return nil },
		func(p *Problem) { res.problems = append(res.problems, p) })
	return res
}

func readString(t testing.TB, name, in string, opt Options) result {
	t.Helper()
	return readAll(t, name, bytes.NewReader([]byte(in)), opt)
}

// concat joins the texts of the fragments.
func concat(frags []Fragment) string {
	var b bytes.Buffer
	for _, f := range frags {
		b.Write(f.Text)
	}
	return b.String()
}

// lineCol computes the line and rune column of off in decoded text.
func lineCol(decoded []byte, off int64) (line, col int) {
	before := decoded[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	return line, utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
}

// checkLocs checks what must hold for every fragment of every format:
// valid UTF-8 text, the file name, offsets inside the decoded text, and
// Line and Col agreeing with Offset.
func checkLocs(t testing.TB, name string, decoded []byte, frags []Fragment) {
	t.Helper()
	for i, f := range frags {
		if !utf8.Valid(f.Text) {
			t.Errorf("fragment %d %q: invalid UTF-8", i, f.Text)
		}
		if f.Loc.File != name {
			t.Errorf("fragment %d: File = %q, want %q", i, f.Loc.File, name)
		}
		if f.Loc.Offset < 0 || f.Loc.Offset > int64(len(decoded)) {
			t.Errorf("fragment %d %q: offset %d outside the input (%d bytes)", i, f.Text, f.Loc.Offset, len(decoded))
			continue
		}
		line, col := lineCol(decoded, f.Loc.Offset)
		if f.Loc.Line != line || f.Loc.Col != col {
			t.Errorf("fragment %d %q at offset %d: line:col = %d:%d, want %d:%d", i, f.Text, f.Loc.Offset, f.Loc.Line, f.Loc.Col, line, col)
		}
	}
}

// atOffset reports whether the fragment's text is the decoded text at its
// offset.
func atOffset(decoded []byte, f Fragment) bool {
	end := f.Loc.Offset + int64(len(f.Text))
	return end <= int64(len(decoded)) && bytes.Equal(decoded[f.Loc.Offset:end], f.Text)
}

// decodeAll decodes a whole input the way Read should, without streaming:
// the reference the streaming reader is checked against.
func decodeAll(in []byte, enc string) []byte {
	bom := 0
	if enc == "" {
		enc, bom = DetectEncoding(in[:min(len(in), sniffSize)])
	} else {
		bom = matchingBOM(enc, in)
	}
	in = in[bom:]
	var e encoding.Encoding
	switch enc {
	case encBinary:
		return nil
	case encGB18030:
		e = simplifiedchinese.GB18030
	case encUTF16LE:
		e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case encUTF16BE:
		e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	default:
		var out []byte
		for len(in) > 0 {
			r, size := utf8.DecodeRune(in)
			out = utf8.AppendRune(out, r)
			in = in[size:]
		}
		return out
	}
	out, _, err := transform.Bytes(e.NewDecoder(), in)
	if err != nil {
		panic(err)
	}
	return out
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, _, err := transform.Bytes(e.NewEncoder(), []byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// chunkReader returns 1 to 7 bytes per Read, in a fixed pseudo-random
// pattern, so runes and lines are split across reads.
type chunkReader struct {
	data []byte
	n    uint32
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	r.n = r.n*1103515245 + 12345
	k := min(int(r.n>>16)%7+1, len(p), len(r.data))
	copy(p, r.data[:k])
	r.data = r.data[k:]
	return k, nil
}

// loc is a compact expected locator for table tests.
type loc struct {
	text         string
	line, col    int
	off          int64
	row          int
	column, path string
}

func locOf(f Fragment) loc {
	return loc{string(f.Text), f.Loc.Line, f.Loc.Col, f.Loc.Offset, f.Loc.Row, f.Loc.Column, f.Loc.Path}
}

func checkFrags(t testing.TB, got []Fragment, want []loc) {
	t.Helper()
	n := max(len(got), len(want))
	for i := range n {
		switch {
		case i >= len(got):
			t.Errorf("fragment %d missing, want %+v", i, want[i])
		case i >= len(want):
			t.Errorf("extra fragment %d: %+v", i, locOf(got[i]))
		case locOf(got[i]) != want[i]:
			t.Errorf("fragment %d:\n got %+v\nwant %+v", i, locOf(got[i]), want[i])
		}
	}
}

// problemAt is a compact expected problem.
type problemAt struct {
	line, col, row int
	contains       string
}

func checkProblems(t testing.TB, got []*Problem, want []problemAt) {
	t.Helper()
	if len(got) != len(want) {
		for _, p := range got {
			t.Logf("problem: %v", p)
		}
		t.Fatalf("got %d problems, want %d", len(got), len(want))
	}
	for i, w := range want {
		p := got[i]
		if p.Line != w.line || p.Col != w.col || p.Row != w.row || !bytes.Contains([]byte(p.Error()), []byte(w.contains)) {
			t.Errorf("problem %d: got line %d col %d row %d %q, want line %d col %d row %d containing %q",
				i, p.Line, p.Col, p.Row, p.Error(), w.line, w.col, w.row, w.contains)
		}
	}
}

// dataRows drops the header cells (Row 0) of a table, for tests that list
// only data cells.
func dataRows(frags []Fragment) []Fragment {
	var out []Fragment
	for _, f := range frags {
		if f.Loc.Row != 0 || f.Loc.Column == "" {
			out = append(out, f)
		}
	}
	return out
}

// checkEmitErrorStops checks that Read stops at the first error emit
// returns and returns it as is.
func checkEmitErrorStops(t *testing.T, name, in string, opt Options) {
	t.Helper()
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), name, strings.NewReader(in), opt,
		func(Fragment) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		}, nil)
	if err != stop || n != 3 {
		t.Errorf("err %v after %d fragments, want stop after 3", err, n)
	}
}
