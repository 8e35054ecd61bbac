package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/bits"
)

// pos is a position in the decoded text.
type pos struct {
	off  int64 // byte offset
	line int   // 1-based line
	col  int   // 0-based rune column
}

// advance moves p over b, valid UTF-8 that starts and ends on rune
// boundaries.
func (p *pos) advance(b []byte) {
	p.off += int64(len(b))
	if n := bytes.Count(b, newline); n > 0 {
		p.line += n
		p.col = runeCount(b[bytes.LastIndexByte(b, '\n')+1:])
		return
	}
	p.col += runeCount(b)
}

// runeCount counts the runes in b, valid UTF-8, by counting the bytes that
// are not continuation bytes (10xxxxxx), eight at a time: several times
// faster than utf8.RuneCount on Chinese text, which matters for long lines.
func runeCount(b []byte) int {
	n, cont := len(b), 0
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		cont += bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
		b = b[8:]
	}
	for _, c := range b {
		if c&0xC0 == 0x80 {
			cont++
		}
	}
	return n - cont
}

// windowChunk is how much a window reads from its source at a time.
const windowChunk = 64 << 10

// window holds the part of the decoded stream that structured readers (CSV,
// JSON) may still need to look at: from the last position they released to
// the furthest position read. Readers go through windowReaders, so several of
// them can read the same bytes one after another; that is how CSV resumes at
// the line after a bad row although encoding/csv has read past it.
type window struct {
	src  io.Reader
	buf  []byte // buf[i] is the byte at offset base+i
	base int64
	keep int64 // bytes before keep may be dropped
	err  error // sticky error from src, io.EOF at the end
}

func newWindow(src io.Reader) *window {
	return &window{src: src, buf: make([]byte, 0, 2*windowChunk)}
}

// end is the offset just past the last byte read from src.
func (w *window) end() int64 { return w.base + int64(len(w.buf)) }

// slice returns the bytes in [from, to), which must be held.
func (w *window) slice(from, to int64) []byte {
	return w.buf[from-w.base : to-w.base]
}

// release says the bytes before off are no longer needed.
func (w *window) release(off int64) {
	if off > w.keep {
		w.keep = min(off, w.end())
	}
}

// fill reads more from src. It returns nil when it added at least one byte,
// and the source's error (io.EOF at the end) otherwise.
func (w *window) fill() error {
	if w.err != nil {
		return w.err
	}
	if drop := int(w.keep - w.base); drop > 0 && (drop >= len(w.buf)/2 || cap(w.buf)-len(w.buf) < windowChunk) {
		live := len(w.buf) - drop
		if cap(w.buf) > 1<<20 && live < cap(w.buf)/8 {
			// Shrink after one huge record so the memory goes back.
			nb := make([]byte, live, max(2*windowChunk, 2*live))
			copy(nb, w.buf[drop:])
			w.buf = nb
		} else {
			w.buf = w.buf[:copy(w.buf, w.buf[drop:])]
		}
		w.base = w.keep
	}
	if cap(w.buf)-len(w.buf) < windowChunk {
		nb := make([]byte, len(w.buf), 2*cap(w.buf)+windowChunk)
		copy(nb, w.buf)
		w.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := w.src.Read(w.buf[len(w.buf):cap(w.buf)])
		w.buf = w.buf[:len(w.buf)+n]
		if err != nil {
			w.err = err
			if n > 0 {
				return nil
			}
			return err
		}
		if n > 0 {
			return nil
		}
	}
	w.err = &errInput{io.ErrNoProgress}
	return w.err
}

// errRecordTooLong stops a CSV reader that has read maxRecord bytes past
// the end of the last good record.
var errRecordTooLong = errors.New("record too long")

// windowReader reads a window from a position on, optionally stopping after
// the first newline (one line) or refusing to go past a limit.
type windowReader struct {
	w       *window
	pos     int64
	limit   int64 // when > 0, reading at limit returns errRecordTooLong
	oneLine bool  // return io.EOF after the first '\n'
	release bool  // release bytes as they are read (streaming consumers)
	done    bool  // the line has been read
}

// Read implements io.Reader.
func (r *windowReader) Read(p []byte) (int, error) {
	if r.done {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	if r.limit > 0 && r.pos >= r.limit {
		return 0, errRecordTooLong
	}
	for r.pos >= r.w.end() {
		if err := r.w.fill(); err != nil {
			return 0, err
		}
	}
	avail := r.w.slice(r.pos, r.w.end())
	if r.limit > 0 && int64(len(avail)) > r.limit-r.pos {
		avail = avail[:r.limit-r.pos]
	}
	if len(avail) > len(p) {
		avail = avail[:len(p)]
	}
	if r.oneLine {
		if i := bytes.IndexByte(avail, '\n'); i >= 0 {
			avail = avail[:i+1]
			r.done = true
		}
	}
	n := copy(p, avail)
	r.pos += int64(n)
	if r.release {
		r.w.release(r.pos)
	}
	return n, nil
}
