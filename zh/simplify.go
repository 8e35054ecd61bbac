package zh

import (
	"sync"
	"unicode/utf8"
)

// t2s is the decoded t2s.txt.gz (format: internal/refgen buildT2S): a bit
// per BMP character that has a simplified form (8 KiB, so that the scan of
// text that has none stays in the L1 cache) and the forms.
type t2s struct {
	has  [0x10000 / 64]uint64
	form map[rune]rune
}

var t2sTable = sync.OnceValue(func() *t2s {
	t := &t2s{form: map[rune]rune{}}
	eachPair("t2s.txt.gz", true, func(a, b rune) {
		t.has[a/64] |= 1 << (a % 64)
		t.form[a] = b
	})
	return t
})

// eachPair calls f with the two characters of each line of a character
// table (a TAB b); sameLength requires both to be three bytes long.
func eachPair(table string, sameLength bool, f func(a, b rune)) {
	var p [2]string
	eachLine(load(table), func(ln int, line string) {
		if line == "" {
			return
		}
		if fields(line, p[:]) != 2 {
			corrupt(table, ln, line)
		}
		a, na := utf8.DecodeRuneInString(p[0])
		b, nb := utf8.DecodeRuneInString(p[1])
		if na != len(p[0]) || nb != len(p[1]) || a == utf8.RuneError || b == utf8.RuneError || sameLength && (na != 3 || nb != 3) {
			corrupt(table, ln, line)
		}
		f(a, b)
	})
}

// Simplify returns text with its traditional characters replaced by their
// simplified forms (陳大文，45歲，住九龍彌敦道 → 陈大文，45岁，住九龙弥敦道),
// and whether it replaced any; when none, it returns text itself. Every
// replacement has the same UTF-8 length as the character it replaces, so
// the byte offsets of the result are those of text. Characters used in
// simplified text too (乾, 於, 著) are left: simplified text comes back
// unchanged.
func Simplify(text []byte) ([]byte, bool) {
	var out []byte
	eachTraditional(text, func(i int, s rune) {
		if out == nil {
			out = append([]byte(nil), text...)
		}
		utf8.EncodeRune(out[i:i+3], s)
	})
	if out == nil {
		return text, false
	}
	return out, true
}

// SimplifyString is Simplify for a string; it allocates only when it
// replaces a character.
func SimplifyString(s string) string {
	var out []byte
	eachTraditional(s, func(i int, r rune) {
		if out == nil {
			out = []byte(s)
		}
		utf8.EncodeRune(out[i:i+3], r)
	})
	if out == nil {
		return s
	}
	return string(out)
}

// eachTraditional calls f with the offset and the simplified form of each
// traditional character of text that has one.
func eachTraditional[T []byte | string](text T, f func(i int, simplified rune)) {
	t := t2sTable()
	for i := 0; i+2 < len(text); {
		c := text[i]
		if c < 0xE3 || c > 0xE9 {
			i++ // ASCII, a continuation byte, or no CJK character
			continue
		}
		r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
		if t.has[r/64]&(1<<(r%64)) != 0 && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			f(i, t.form[r])
		}
		i += 3
	}
}

// s2tTable is the decoded s2t.txt.gz (format: internal/refgen buildS2T):
// simplified characters and their usual traditional forms (OpenCC's first
// candidate; 周, whose first candidate is itself, is not in it).
var s2tTable = sync.OnceValue(func() map[rune]rune {
	out := map[rune]rune{}
	eachPair("s2t.txt.gz", false, func(a, b rune) { out[a] = b })
	return out
})

// Traditionalize returns s with each simplified character written in its
// usual traditional form (未满十四周岁 → 未滿十四周歲, [已隐去] → [已隱去]):
// the words Custos writes into a document in traditional characters. Other
// characters are left as they are. The result may be longer in bytes.
func Traditionalize(s string) string {
	m := s2tTable()
	var b []rune
	for i, r := range s {
		if t, ok := m[r]; ok {
			if b == nil {
				b = []rune(s[:i])
			}
			b = append(b, t)
		} else if b != nil {
			b = append(b, r)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// IsTraditional reports whether text is written in traditional characters:
// one character in ten or more of its Chinese ones is a character
// simplified text does not use. A short cell counts (陳大文), a simplified
// report quoting one name (香港的陳先生) does not.
func IsTraditional(text []byte) bool {
	n := 0
	eachTraditional(text, func(int, rune) { n++ })
	if n == 0 {
		return false
	}
	han := 0
	for _, r := range string(text) {
		if r >= 0x3400 && r <= 0x9FFF {
			han++
		}
	}
	return n*10 >= han
}
