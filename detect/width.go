package detect

import "bytes"

// Full-width forms. Chinese documents typed with a full-width input method
// write digits and Latin letters as U+FF10–FF19, U+FF21–FF3A and
// U+FF41–FF5A (１３８１２３４５６７８). The engine folds them, and the
// joiners that go with identifiers (－ ＋ ． ＠ ／ ＿), to ASCII in a copy of
// the fragment, detects on the copy and maps every span back to the
// original bytes. Fragments without full-width digits or letters (nearly all)
// pay one IndexByte scan.

// hasFullWidthAlnum reports whether text holds a full-width digit or letter.
func hasFullWidthAlnum(text []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], 0xEF)
		if j < 0 {
			return false
		}
		i += j
		if i+2 < len(text) && foldable(text[i+1], text[i+2]) && isAlnum(foldedByte(text[i+1], text[i+2])) {
			return true
		}
		i++
	}
}

// foldable reports whether EF b1 b2 is a full-width character that folds:
// a digit, a letter or one of the identifier joiners.
func foldable(b1, b2 byte) bool {
	switch {
	case b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99: // ０-９
		return true
	case b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA: // Ａ-Ｚ
		return true
	case b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A: // ａ-ｚ
		return true
	case b1 == 0xBC && (b2 == 0x8D || b2 == 0x8B || b2 == 0x8E || b2 == 0xA0 || b2 == 0x8F || b2 == 0xBF): // － ＋ ． ＠ ／ ＿
		return true
	}
	return false
}

// foldedByte returns the ASCII form of the full-width character EF b1 b2.
func foldedByte(b1, b2 byte) byte {
	// U+FF01..FF5E ↔ 0x21..0x7E; EF BC 81 is U+FF01, EF BD 80 is U+FF40.
	if b1 == 0xBC {
		return b2 - 0x81 + 0x21
	}
	return b2 - 0x80 + 0x60
}

// foldWidth returns text with full-width digits, letters and joiners folded
// to ASCII, and pos: pos[j] is the offset in text of byte j of the result,
// pos[len(result)] == len(text).
func foldWidth(text []byte) ([]byte, []int32) {
	out := make([]byte, 0, len(text))
	pos := make([]int32, 0, len(text)+1)
	for i := 0; i < len(text); {
		if text[i] == 0xEF && i+2 < len(text) && foldable(text[i+1], text[i+2]) {
			out = append(out, foldedByte(text[i+1], text[i+2]))
			pos = append(pos, int32(i))
			i += 3
			continue
		}
		out = append(out, text[i])
		pos = append(pos, int32(i))
		i++
	}
	pos = append(pos, int32(len(text)))
	return out, pos
}
