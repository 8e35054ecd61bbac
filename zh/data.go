package zh

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

//go:embed data/*.gz
var dataFS embed.FS

// load returns the decompressed content of an embedded table. The tables
// are part of the binary and checked by the tests, so a failure here is a
// build defect and panics.
func load(name string) string {
	var sb strings.Builder
	if err := gunzip(name, &sb); err != nil {
		panic(fmt.Sprintf("zh: embedded table %s: %v", name, err))
	}
	return sb.String() // no copy: the strings of a table share this one
}

// loadBytes is load for the binary tables, returning an error.
func loadBytes(name string) ([]byte, error) {
	var buf bytes.Buffer
	if err := gunzip(name, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gunzip decompresses an embedded file into w, growing w first to the
// size the gzip trailer gives.
func gunzip(name string, w interface {
	io.Writer
	Grow(int)
}) error {
	z, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return err
	}
	if len(z) < 4 {
		return fmt.Errorf("truncated")
	}
	size := binary.LittleEndian.Uint32(z[len(z)-4:]) // ISIZE, size mod 2³²
	if size < 64<<20 {
		w.Grow(int(size))
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return err
	}
	zr.Multistream(false)
	if _, err := io.Copy(w, zr); err != nil {
		return err
	}
	return zr.Close()
}

// corrupt panics with a message naming the table and line; see load.
func corrupt(table string, line int, text string) {
	panic(fmt.Sprintf("zh: embedded table %s: line %d malformed: %q", table, line, text))
}

// eachLine calls f for each line of s (without the newline), numbering
// lines from 1.
func eachLine(s string, f func(n int, line string)) {
	n := 0
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		n++
		f(n, line)
		s = rest
	}
}

// fields splits a tab-separated line into at most len(dst) fields, stored
// in dst; it returns how many there were.
func fields(line string, dst []string) int {
	n := 0
	for n < len(dst) {
		f, rest, more := strings.Cut(line, "\t")
		dst[n] = f
		n++
		if !more {
			break
		}
		line = rest
	}
	return n
}

// atoi parses a non-negative decimal number, -1 when s is not one.
func atoi(s string) int {
	if s == "" || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return -1
		}
		n = n*10 + int(c)
	}
	return n
}

// digits parses s, which must be exactly n ASCII digits, into its value;
// ok is false otherwise. It is the allocation-free front of the lookups.
func digits(s string, n int) (v int, ok bool) {
	if len(s) != n {
		return 0, false
	}
	for i := 0; i < n; i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		v = v*10 + int(c)
	}
	return v, true
}
