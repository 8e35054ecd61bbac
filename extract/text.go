package extract

import (
	"bytes"
	"context"
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// chunker cuts a stream of valid UTF-8 into text fragments of whole lines,
// about target bytes each. Fragments are read straight into fresh buffers
// that are handed to emit, so the text is copied once (from the source),
// and only the part of a line cut off at the end of a buffer moves again.
type chunker struct {
	ctx    context.Context
	target int
	emit   func(Fragment) error
	loc    pi.Locator // File and Row for every fragment
}

// chunker returns a chunker for rd's input; row goes into every locator.
func (rd *reader) chunker(row int) *chunker {
	return &chunker{
		ctx:    rd.ctx,
		target: rd.opt.MaxFragment,
		emit:   rd.emit,
		loc:    pi.Locator{File: rd.name, Row: row},
	}
}

// run reads r, valid UTF-8, to the end; at is the position of r's first
// byte. It returns the position after the last byte. Reads may end inside a
// rune: fragments are only ever cut at a newline or at a rune boundary.
func (c *chunker) run(r io.Reader, at pos) (pos, error) {
	hard := 4 * c.target
	buf := make([]byte, 0, c.target)
	eof := false
	searched := 0 // buf[:searched] has no newline
	for {
		if err := c.ctx.Err(); err != nil {
			return at, err
		}
		for empty := 0; len(buf) < cap(buf) && !eof; {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return at, err
			} else if n == 0 {
				if empty++; empty > 100 {
					return at, &errInput{io.ErrNoProgress}
				}
			}
		}
		if len(buf) == 0 {
			return at, nil
		}
		cut := len(buf)
		if !eof {
			if bytes.IndexByte(buf[searched:], '\n') >= 0 {
				cut = bytes.LastIndexByte(buf, '\n') + 1
			} else if cap(buf) < hard {
				// A long line: read on until it ends or reaches the limit.
				searched = len(buf)
				nb := make([]byte, len(buf), hard)
				copy(nb, buf)
				buf = nb
				continue
			} else {
				// The read may have stopped inside a rune: leave it
				// for the next fragment.
				cut = splitPoint(buf[:len(buf)-incompleteTail(buf)])
			}
		}
		frag := buf[:cut:cut]
		rest := buf[cut:]
		buf = make([]byte, len(rest), max(c.target, min(2*len(rest), hard)))
		copy(buf, rest)
		searched = 0

		loc := c.loc
		loc.Line, loc.Col, loc.Offset = at.line, at.col, at.off
		at.advance(frag)
		if err := c.emit(Fragment{Text: frag, Loc: loc}); err != nil {
			return at, err
		}
	}
}

// splitPoint returns where to cut b, a run of whole runes without a newline
// that is too long for one fragment. It prefers the end of a space or of
// non-ASCII punctuation in the second half of b, then any rune boundary that
// is not inside a run of ASCII letters and digits (identifiers such as ID
// and phone numbers live there), and cuts such a run only when it fills all
// of b. The end of b itself is not a candidate unless b ends in a space: the
// byte after it is unknown.
func splitPoint(b []byte) int {
	for q := len(b); q > len(b)/2; {
		r, size := utf8.DecodeLastRune(b[:q])
		if unicode.IsSpace(r) || (r >= utf8.RuneSelf && unicode.IsPunct(r)) {
			return q
		}
		q -= size
	}
	for q := len(b) - 1; q > 0; q-- {
		if !utf8.RuneStart(b[q]) {
			continue
		}
		if !isAlnum(b[q-1]) || !isAlnum(b[q]) {
			return q
		}
	}
	return len(b)
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
