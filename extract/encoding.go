package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names returned by DetectEncoding.
const (
	encUTF8    = "utf-8"
	encGB18030 = "gb18030"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encBinary  = "binary"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DetectEncoding examines the first bytes of an input (up to 64 KiB is
// plenty) and returns the encoding name and the length of the BOM to skip.
//
// A BOM decides: "utf-8" (3 bytes), "utf-16le" or "utf-16be" (2 bytes).
// Without one, NUL bytes mean UTF-16 when they sit at every other position
// (ASCII-range text without a BOM) and "binary" otherwise; text that is
// valid UTF-8 (a rune cut by the end of prefix is allowed) is "utf-8"; anything
// else is "gb18030", which also reads GBK and GB2312.
func DetectEncoding(prefix []byte) (enc string, bomLen int) {
	switch {
	case bytes.HasPrefix(prefix, bomUTF8):
		return encUTF8, len(bomUTF8)
	case bytes.HasPrefix(prefix, bomUTF16LE):
		return encUTF16LE, len(bomUTF16LE)
	case bytes.HasPrefix(prefix, bomUTF16BE):
		return encUTF16BE, len(bomUTF16BE)
	}
	if bytes.IndexByte(prefix, 0) >= 0 {
		return nulEncoding(prefix), 0
	}
	if utf8.Valid(prefix[:len(prefix)-incompleteTail(prefix)]) {
		return encUTF8, 0
	}
	return encGB18030, 0
}

// nulEncoding tells BOM-less UTF-16 from binary data by where the NUL bytes
// are: ASCII-range UTF-16 has one in every code unit, on the same side.
func nulEncoding(b []byte) string {
	b = b[:min(len(b), 4096)&^1]
	var even, odd int
	for i := 0; i < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	units := len(b) / 2
	switch {
	case units == 0:
		return encBinary
	case odd*10 >= units*3 && even*20 <= units:
		return encUTF16LE
	case even*10 >= units*3 && odd*20 <= units:
		return encUTF16BE
	}
	return encBinary
}

// checkEncoding normalizes the Options.Encoding name.
func checkEncoding(name string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "":
		return "", nil
	case "utf-8", "utf8":
		return encUTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return encGB18030, nil
	case "utf-16le", "utf16le":
		return encUTF16LE, nil
	case "utf-16be", "utf16be":
		return encUTF16BE, nil
	case "utf-16", "utf16":
		return "utf-16", nil
	}
	return "", fmt.Errorf("unknown encoding %q (want utf-8, gb18030, gbk, gb2312, utf-16le, utf-16be or utf-16)", name)
}

// matchingBOM returns the length of a BOM at the start of prefix that
// belongs to enc, 0 if there is none.
func matchingBOM(enc string, prefix []byte) int {
	switch enc {
	case encUTF8:
		if bytes.HasPrefix(prefix, bomUTF8) {
			return len(bomUTF8)
		}
	case encUTF16LE:
		if bytes.HasPrefix(prefix, bomUTF16LE) {
			return len(bomUTF16LE)
		}
	case encUTF16BE:
		if bytes.HasPrefix(prefix, bomUTF16BE) {
			return len(bomUTF16BE)
		}
	case "utf-16":
		if bytes.HasPrefix(prefix, bomUTF16LE) || bytes.HasPrefix(prefix, bomUTF16BE) {
			return 2
		}
	}
	return 0
}

// decoder wraps r so that it yields UTF-8. UTF-8 input is passed through
// untouched: the sanitizer checks it.
func decoder(enc string, r io.Reader) io.Reader {
	switch enc {
	case encGB18030:
		return transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
	case encUTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case encUTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	}
	return r
}

// incompleteTail returns how many bytes at the end of b are the start of a
// rune whose remaining bytes are missing.
func incompleteTail(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return 0
		}
		if c&0xC0 == 0x80 {
			continue // continuation byte: look further back
		}
		need := 0
		switch {
		case c&0xE0 == 0xC0:
			need = 2
		case c&0xF0 == 0xE0:
			need = 3
		case c&0xF8 == 0xF0:
			need = 4
		}
		if need > i {
			return i
		}
		return 0
	}
	return 0
}

var replacement = []byte(string(utf8.RuneError))

// sanitizer turns the decoded stream into valid UTF-8 and reports invalid
// input once per line. For UTF-8 input it validates, replacing each bad byte
// with U+FFFD; for the other encodings the x/text decoder has already put
// U+FFFD in place of bad input, and the sanitizer only reports it (so a
// literal U+FFFD encoded in a GB18030 file is reported too — harmless).
//
// A rune split across reads of the underlying reader is held back until it
// is complete, so validity never depends on how reads fall. (What Read
// returns may still end inside a rune when the caller's buffer is smaller
// than the checked chunk; readers downstream cope with that.) Read errors come
// back wrapped in *errInput.
type sanitizer struct {
	src      io.Reader
	name     string
	encName  string // for messages
	validate bool
	problem  func(*Problem)

	carry   [utf8.UTFMax]byte
	ncarry  int
	pending []byte // fixed-up output not yet returned
	scratch []byte
	small   [64]byte
	err     error // sticky: io.EOF or *errInput

	// Position after the bytes returned so far, for problem reports.
	line, col   int
	problemLine int
}

func newSanitizer(name, enc string, src io.Reader, problem func(*Problem)) *sanitizer {
	s := &sanitizer{src: src, name: name, problem: problem, line: 1, validate: enc == encUTF8}
	switch enc {
	case encUTF8:
		s.encName = "UTF-8"
	case encGB18030:
		s.encName = "GB18030"
	default:
		s.encName = "UTF-16"
	}
	return s
}

// Read implements io.Reader.
func (s *sanitizer) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for empty := 0; ; {
		if len(s.pending) > 0 {
			n := copy(p, s.pending)
			s.pending = s.pending[n:]
			return n, nil
		}
		if s.err != nil {
			return 0, s.err
		}
		// Read straight into p (the fast path: no copy) unless p is too
		// small to hold a held-back rune and make progress.
		dst := p
		if len(dst) < len(s.small) {
			dst = s.small[:]
		}
		k := copy(dst, s.carry[:s.ncarry])
		s.ncarry = 0
		n, err := s.src.Read(dst[k:])
		n += k
		if err == io.EOF {
			s.err = io.EOF
		} else if err != nil {
			s.err = &errInput{err} // returned after the bytes read with it
		}
		data := dst[:n]
		if s.err == nil {
			if t := incompleteTail(data); t > 0 {
				s.ncarry = copy(s.carry[:], data[len(data)-t:])
				data = data[:len(data)-t]
			}
		}
		out := s.check(data)
		if len(out) == 0 {
			// Nothing to return yet (an empty read, or only part of a
			// rune): read again, but not forever.
			if empty++; empty > 100 && s.err == nil {
				s.err = &errInput{io.ErrNoProgress}
			}
			continue
		}
		if &out[0] == &dst[0] && &dst[0] == &p[0] {
			return len(out), nil
		}
		s.pending = out
	}
}

// check validates data (a run of whole runes, or the end of input) and
// returns it, or a fixed copy when it had to replace bytes. It keeps the
// position up to date and reports problems.
func (s *sanitizer) check(data []byte) []byte {
	if s.validate {
		if utf8.Valid(data) {
			s.advance(data)
			return data
		}
		return s.fix(data)
	}
	rest := data
	for {
		i := bytes.Index(rest, replacement)
		if i < 0 {
			s.advance(rest)
			return data
		}
		s.advance(rest[:i])
		s.report()
		s.advance(rest[i : i+len(replacement)])
		rest = rest[i+len(replacement):]
	}
}

// fix copies data into scratch, replacing each byte of an invalid sequence
// with U+FFFD.
func (s *sanitizer) fix(data []byte) []byte {
	out := s.scratch[:0]
	done := 0 // bytes of out already advanced over
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			s.advance(out[done:])
			done = len(out)
			s.report()
			out = append(out, replacement...)
			i++
			continue
		}
		out = append(out, data[i:i+size]...)
		i += size
	}
	s.advance(out[done:])
	s.scratch = out[:0]
	if cap(s.scratch) > 4<<20 {
		s.scratch = nil // do not keep a huge buffer after one odd read
	}
	return out
}

// advance moves the position over b, which holds whole runes.
func (s *sanitizer) advance(b []byte) {
	if len(b) == 0 {
		return
	}
	if n := bytes.Count(b, newline); n > 0 {
		s.line += n
		s.col = runeCount(b[bytes.LastIndexByte(b, '\n')+1:])
		return
	}
	s.col += runeCount(b)
}

// report notes a bad sequence at the current position, once per line.
func (s *sanitizer) report() {
	if s.line == s.problemLine {
		return
	}
	s.problemLine = s.line
	s.problem(&Problem{
		File: s.name,
		Line: s.line,
		Col:  s.col + 1,
		Msg:  "invalid " + s.encName + " byte sequence, replaced with U+FFFD",
	})
}

var newline = []byte{'\n'}

// Sniff reads the start of r to detect its encoding (or takes forced, an
// Options.Encoding name) and returns the encoding, the BOM that was there
// (so a writer can put it back) and a reader of the UTF-8 text after it.
// "binary" input is an error.
func Sniff(r io.Reader, forced string) (enc string, bom []byte, text io.Reader, err error) {
	enc, err = checkEncoding(forced)
	if err != nil {
		return "", nil, nil, err
	}
	br := bufio.NewReaderSize(r, sniffSize)
	prefix, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", nil, nil, err
	}
	n := 0
	if enc == "" {
		enc, n = DetectEncoding(prefix)
	} else {
		n = matchingBOM(enc, prefix)
	}
	if enc == encBinary {
		return "", nil, nil, fmt.Errorf("binary data, not text (force an encoding to read it anyway)")
	}
	if enc == "utf-16" {
		enc = encUTF16LE
		if bytes.HasPrefix(prefix, bomUTF16BE) {
			enc = encUTF16BE
		}
	}
	bom = append([]byte(nil), prefix[:n]...)
	br.Discard(n)
	return enc, bom, decoder(enc, br), nil
}

// Encoder wraps w so that UTF-8 written to it comes out in enc (the names
// Sniff returns). A character enc cannot represent is an error.
func Encoder(enc string, w io.Writer) io.Writer {
	switch enc {
	case encGB18030:
		return transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder())
	case encUTF16LE:
		return transform.NewWriter(w, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder())
	case encUTF16BE:
		return transform.NewWriter(w, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder())
	}
	return w
}
