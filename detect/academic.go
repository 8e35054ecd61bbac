package detect

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Academic records in prose: a score after a school subject or a word of
// results (语文98分, 数学考了58分, 总分612分, 成绩：A), a fail in a sentence
// about results (期末考试不及格), a rank in a class or a year (全班第3名,
// 年级排名第12), and the score written after a pupil's name in a list of
// results (语文：李梓萱98、刘欣然58). A table's or a form's cells under 成绩,
// 语文 … are read by package terms (terms.ScoreColumn).

// scoreWords are the words a score follows (not 得分, a player's too).
var scoreWords = byteWords("语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "总分", "成绩", "分数")

// scoreJoins may stand between such a word and its score.
var scoreJoins = byteWords("：", ":", "考了", "得了", "只考了", "才考了", "是", "为", "仅", "只有", "达到", "达", " ")

// rankWords open a rank in a class, a year or a school (全班第3名, 年级排名
// 第12); a league's or a list's 排名第三 is no pupil's.
var rankWords = byteWords("全班第", "班级第", "年级第", "全年级第", "全校第", "班级排名第", "年级排名第", "全班排名第", "全校排名第")

// academicFirst marks the first characters of scoreWords, rankWords and
// 不及格: the pass looks at a position only when one starts there.
var academicFirst = func() *[0x10000]bool {
	var t [0x10000]bool
	for _, ws := range [][][]byte{scoreWords, rankWords, {[]byte("不及格")}} {
		for _, w := range ws {
			r, _ := utf8.DecodeRune(w)
			t[r] = true
		}
	}
	return &t
}()

// academicRecords adds the academic records of text (see above), in one
// pass over it. fs need not be sorted.
func academicRecords(text []byte, fs []pi.Finding) []pi.Finding {
	cov := coverage{fs: &fs, size: len(text)}
	add := func(start, end int, why string) {
		if cov.free(start, end) {
			fs = append(fs, pi.Finding{Type: pi.AcademicRecord, Category: pi.CatEduWork, Start: start, End: end, Score: 0.8, Source: "academic",
				Evidence: pi.Evidence{Validator: "rule:academic", Valid: true, Context: []string{why}}})
		}
	}
	for i := 0; i < len(text); {
		// three-byte characters decoded in place, as kinNames does: the
		// pass sees every character of every text
		c := text[i]
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(text) {
			i++
			continue
		}
		r, n := rune(c&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
		if !academicFirst[r] {
			i += n
			continue
		}
		rest := text[i:]
		for _, w := range scoreWords {
			if bytes.HasPrefix(rest, w) {
				at := i + len(w)
				for _, j := range scoreJoins {
					if bytes.HasPrefix(text[at:], j) {
						at += len(j)
						break
					}
				}
				if end := scoreEnd(text, at); end > at && bytes.HasPrefix(text[end:], []byte("分")) {
					add(at, end+len("分"), string(w))
				}
				break
			}
		}
		for _, w := range rankWords {
			if bytes.HasPrefix(rest, w) {
				if end := rankEnd(text, i+len(w)); end > 0 {
					add(i, end, string(w))
				}
				break
			}
		}
		// a fail said of results (期末考试不及格, 数学不及格)
		if bytes.HasPrefix(rest, []byte("不及格")) {
			sent := text[sentenceStart(text, max(0, i-120), i):i]
			if bytes.Contains(sent, []byte("考")) || hasAnyWord(sent, scoreWords) {
				add(i, i+len("不及格"), "不及格")
			}
		}
		i += n
	}
	// the score after a pupil's name in a line of results (语文：李梓萱98、)
	for i, n := 0, len(fs); i < n; i++ {
		f := &fs[i]
		if f.Type != pi.PersonName {
			continue
		}
		end := scoreEnd(text, f.End)
		if end == f.End {
			continue
		}
		line := text[bytes.LastIndexByte(text[:f.Start], '\n')+1 : f.Start]
		if hasAnyWord(line, scoreWords) {
			if bytes.HasPrefix(text[end:], []byte("分")) {
				end += len("分")
			}
			add(f.End, end, "score after a name")
		}
	}
	return fs
}

// rankEnd returns the end of the rank whose number starts at at (全班第|30
// 名, 年级排名第|十二), 0 when no number is there.
func rankEnd(text []byte, at int) int {
	end := at
	for end < len(text) && isDigit(text[end]) {
		end++
	}
	if end == at {
		for end < len(text) {
			r, n := utf8.DecodeRune(text[end:])
			if !strings.ContainsRune("一二三四五六七八九十百零两", r) {
				break
			}
			end += n
		}
	}
	if end == at || end-at > 9 {
		return 0
	}
	if bytes.HasPrefix(text[end:], []byte("名")) {
		end += len("名")
	}
	return end
}

// scoreEnd returns the end of a score at i (98, 98.5), i when none.
func scoreEnd(text []byte, i int) int {
	j := i
	for j < len(text) && j-i < 3 && isDigit(text[j]) {
		j++
	}
	if j == i || j < len(text) && isDigit(text[j]) {
		return i
	}
	if j+1 < len(text) && text[j] == '.' && isDigit(text[j+1]) {
		j += 2
	}
	return j
}

// hasAnyWord reports whether b holds one of words.
func hasAnyWord(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}
