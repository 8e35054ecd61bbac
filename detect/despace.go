package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/zh"
)

// Spaced forms. A form typed for print pads its labels and its two-character
// names with spaces to line them up: 姓  名：张  三, a roster's 王　芳 beside
// 欧阳建国. The recognizers read words without gaps, so the engine reads
// such a text with those gaps closed and reports the findings at their
// place in the original (a name's span then holds its padding: 王　芳).

// spacedLabels are the form labels of two characters written with a gap.
var spacedLabels = map[string]bool{"姓名": true, "性别": true, "民族": true, "年龄": true, "籍贯": true, "住址": true,
	"职业": true, "职务": true, "学历": true, "单位": true, "电话": true, "备注": true, "部门": true, "班级": true, "学号": true,
	"工号": true, "日期": true, "地址": true, "婚否": true, "血型": true, "身高": true, "体重": true, "出生": true, "户籍": true,
	"住所": true, "家长": true, "国籍": true, "宗教": true, "学校": true, "年级": true}

// maxGap bounds the padding closed, in bytes (two wide spaces, or six
// ASCII ones).
const maxGap = 6

// despace returns text with the gaps of spaced labels and padded names
// closed, and for each byte of the result its offset in text (one more
// entry for the end), or nil when there is no such gap. A gap is closed
// between two single Chinese characters standing alone (a space, a
// delimiter or the text's edge on their other sides) that make a spaced
// label, or a surname and one character (a name padded to three).
func despace(text []byte) ([]byte, []int32) {
	if bytes.IndexByte(text, ' ') < 0 && !bytes.Contains(text, []byte("\u3000")) {
		return text, nil // no gap at all: most text
	}
	cut := cutter{text: text}
	for g := 0; g < len(text); {
		// the next gap: only spaces are looked at, the rest is skipped
		// in bytes (every text passes here)
		if text[g] != ' ' && !(text[g] == 0xE3 && g+2 < len(text) && text[g+1] == 0x80 && text[g+2] == 0x80) {
			g++
			continue
		}
		gap := g
		for gap < len(text) && gap-g <= maxGap {
			if text[gap] == ' ' {
				gap++
			} else if gap+3 <= len(text) && text[gap] == 0xE3 && text[gap+1] == 0x80 && text[gap+2] == 0x80 {
				gap += 3
			} else {
				break
			}
		}
		a, an := utf8.DecodeLastRune(text[:g])
		b, bn := utf8.DecodeRune(text[gap:])
		if gap-g > maxGap || cut.pos != nil && g-an <= cut.copied || an != 3 || bn != 3 || !unicode.Is(unicode.Han, a) || !unicode.Is(unicode.Han, b) ||
			!edgeBefore(text, g-an) || !edgeAfter(text, gap+bn) ||
			!spacedLabels[string(a)+string(b)] && !paddedName(string(a), b) {
			g = gap
			continue
		}
		cut.drop(g, gap)
		g = gap + bn
	}
	return cut.result()
}

// paddedName reports whether a single character and the one after the
// gap read as a two-character name padded to three: a surname borne by a
// hundred in a million people or more, and a character that is no
// delimiter word of a form (男, 女, 是, 否).
func paddedName(surname string, given rune) bool {
	if freq, ok := zh.Surname(surname); !ok || freq < 100 {
		return false
	}
	switch given {
	case '男', '女', '是', '否', '无', '有', '汉', '族':
		return false
	}
	return true
}

// edgeBefore reports whether the character at i stands at the start of a
// field: the text's start, a space, a delimiter or a digit before it.
func edgeBefore(text []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(text[:i])
	return !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r)
}

// edgeAfter reports whether a field ends at i: the text's end, a space, a
// delimiter or a digit after it.
func edgeAfter(text []byte, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRune(text[i:])
	return !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r)
}
