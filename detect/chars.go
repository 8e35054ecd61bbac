package detect

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

// Byte classes of the scanner. Identifiers live in runs of ASCII letters,
// digits and a few joiners; everything else (Chinese text, spaces,
// punctuation) separates them.
const (
	cDigit = 1 << iota
	cUpper
	cLower
	cJoin
	cHex
)

// Joiner bits, so a segment records which joiners it contains.
const (
	jDot = 1 << iota
	jDash
	jUnder
	jColon
	jAt
	jSlash
	jPlus
	jOther // % ? = & # ~
)

var charClass, joinBit = func() (cc [256]uint8, jb [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		cc[c] = cDigit | cHex
	}
	for c := 'A'; c <= 'Z'; c++ {
		cc[c] = cUpper
		cc[c+'a'-'A'] = cLower
	}
	for c := 'A'; c <= 'F'; c++ {
		cc[c] |= cHex
		cc[c+'a'-'A'] |= cHex
	}
	joins := map[byte]uint8{'.': jDot, '-': jDash, '_': jUnder, ':': jColon, '@': jAt, '/': jSlash, '+': jPlus,
		'%': jOther, '?': jOther, '=': jOther, '&': jOther, '#': jOther, '~': jOther}
	for c, b := range joins {
		cc[c] = cJoin
		jb[c] = b
	}
	return
}()

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return charClass[c]&(cUpper|cLower) != 0 }
func isAlnum(c byte) bool  { return charClass[c]&(cDigit|cUpper|cLower) != 0 }

// allHigh reports whether the 8 bytes at b[0:8] are all non-ASCII: the fast
// skip over Chinese text.
func allHigh(b []byte) bool {
	return binary.LittleEndian.Uint64(b)&0x8080808080808080 == 0x8080808080808080
}

// bstr views b as a string without copying. The string must not outlive a
// change to b; the scanner only passes it to validators and lookups.
func bstr(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// runeBefore decodes the rune that ends at text[i].
func runeBefore(text []byte, i int) (rune, int) {
	if i <= 0 {
		return utf8.RuneError, 0
	}
	return utf8.DecodeLastRune(text[:i])
}

// runeAfter decodes the rune that starts at text[i].
func runeAfter(text []byte, i int) (rune, int) {
	if i >= len(text) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRune(text[i:])
}

// backRunes returns the offset n runes before i (or 0).
func backRunes(text []byte, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		i--
		for i > 0 && text[i]&0xC0 == 0x80 {
			i--
		}
	}
	return i
}

// fwdRunes returns the offset n runes after i (or len(text)).
func fwdRunes(text []byte, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		i++
		for i < len(text) && text[i]&0xC0 == 0x80 {
			i++
		}
	}
	return i
}

// hasPrefixAt reports whether text[i:] starts with p.
func hasPrefixAt(text []byte, i int, p string) bool {
	return len(text)-i >= len(p) && bstr(text[i:i+len(p)]) == p
}

// hasSuffixAt reports whether text[:i] ends with p.
func hasSuffixAt(text []byte, i int, p string) bool {
	return i >= len(p) && bstr(text[i-len(p):i]) == p
}

// atoi parses a short run of ASCII digits; ok is false on any other byte.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
