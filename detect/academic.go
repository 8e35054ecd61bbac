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

// scoreWords are the words a score follows.
var scoreWords = byteWords("语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "总分", "成绩", "分数", "得分")

// scoreJoins may stand between such a word and its score.
var scoreJoins = byteWords("：", ":", "考了", "得了", "只考了", "才考了", "是", "为", "仅", "只有", "达到", "达", " ")

// rankWords open a rank in a class, a year or a school (全班第3名, 年级排名
// 第12); a league's or a list's 排名第三 is no pupil's.
var rankWords = byteWords("全班第", "班级第", "年级第", "全年级第", "全校第", "班级排名第", "年级排名第", "全班排名第", "全校排名第")

// academicRecords adds the academic records of text (see above). fs need
// not be sorted.
func academicRecords(text []byte, fs []pi.Finding) []pi.Finding {
	if !hasAnyWord(text, scoreWords) && !bytes.Contains(text, []byte("第")) && !bytes.Contains(text, []byte("不及格")) {
		return fs
	}
	cov := coverage{fs: &fs, size: len(text)}
	add := func(start, end int, why string) {
		if cov.free(start, end) {
			fs = append(fs, pi.Finding{Type: pi.AcademicRecord, Category: pi.CatEduWork, Start: start, End: end, Score: 0.8, Source: "academic",
				Evidence: pi.Evidence{Validator: "rule:academic", Valid: true, Context: []string{why}}})
		}
	}
	for _, w := range scoreWords {
		for from := 0; ; {
			k := bytes.Index(text[from:], w)
			if k < 0 {
				break
			}
			at := from + k + len(w)
			from = at
			for _, j := range scoreJoins {
				if bytes.HasPrefix(text[at:], j) {
					at += len(j)
					break
				}
			}
			end := scoreEnd(text, at)
			if end > at && bytes.HasPrefix(text[end:], []byte("分")) {
				add(at, end+len("分"), string(w))
			}
		}
	}
	for _, w := range rankWords {
		for from := 0; ; {
			k := bytes.Index(text[from:], w)
			if k < 0 {
				break
			}
			start := from + k
			at := start + len(w)
			from = at
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
			if end > at && end-at <= 9 {
				if bytes.HasPrefix(text[end:], []byte("名")) {
					end += len("名")
				}
				add(start, end, string(w))
			}
		}
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
		if hasAnyWord(line, scoreWords) || bytes.Contains(line, []byte("成绩")) {
			if bytes.HasPrefix(text[end:], []byte("分")) {
				end += len("分")
			}
			add(f.End, end, "score after a name")
		}
	}
	// a fail said of results (期末考试不及格, 数学不及格)
	for from := 0; ; {
		k := bytes.Index(text[from:], []byte("不及格"))
		if k < 0 {
			break
		}
		start := from + k
		from = start + len("不及格")
		sent := text[sentenceStartBefore(text, start):start]
		if bytes.Contains(sent, []byte("考")) || hasAnyWord(sent, scoreWords) {
			add(start, from, "不及格")
		}
	}
	return fs
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

// sentenceStartBefore returns where the sentence holding i starts: after
// the last 。！？ or line break before i, at most 120 bytes back.
func sentenceStartBefore(text []byte, i int) int {
	floor := max(0, i-120)
	for j := i; j > floor; {
		r, n := utf8.DecodeLastRune(text[floor:j])
		if r == '。' || r == '！' || r == '？' || r == '\n' {
			return j
		}
		j -= n
	}
	return floor
}
