package subject

import (
	"regexp"
	"unicode/utf8"
)

// Unit is a stretch of text about one person or one group of people:
// [Start, End) in bytes.
type Unit struct {
	Start, End int
	// Entry is true for a bulletin entry (病例3：…), which runs over
	// sentences and lines until the next entry or a blank line.
	Entry bool
}

// entryStart matches the markers that open a case entry in bulletins and
// notices: 病例3：, 确诊病例12：, 患者5：, 第8例, 新增确诊病例1：, 密切接触者：,
// 1. / 1、 at the start of a line.
var entryStart = regexp.MustCompile(`(?m)(?:(?:新增|本土|境外输入)?(?:确诊)?(?:病例|患者|感染者|无症状感染者)[0-9一二三四五六七八九十百]+[：:，,]|第[0-9一二三四五六七八九十百]+例[：:，,]?|(?:密切接触者|密接者?)[0-9一二三四五六七八九十]*[：:]|^[ \t]*[0-9]{1,3}[.、．][^0-9])`)

// Units splits text: entries first, and the text outside entries into
// sentences (。！？ and line ends).
func Units(text []byte) []Unit {
	var out []Unit
	starts := entryStart.FindAllIndex(text, -1)
	pos := 0
	for k, m := range starts {
		if m[0] > pos {
			out = appendSentences(out, text, pos, m[0])
		}
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1][0]
		}
		// an entry also ends at a blank line
		for i := m[1]; i+1 < end; i++ {
			if text[i] == '\n' && (text[i+1] == '\n' || (text[i+1] == '\r' && i+2 < end && text[i+2] == '\n')) {
				end = i + 1
				break
			}
		}
		out = append(out, Unit{Start: m[0], End: end, Entry: true})
		pos = end
	}
	return appendSentences(out, text, pos, len(text))
}

func appendSentences(out []Unit, text []byte, start, end int) []Unit {
	s := start
	for i := start; i < end; {
		r, size := utf8.DecodeRune(text[i:end])
		i += size
		if r == '。' || r == '！' || r == '？' || r == '\n' || r == '!' || r == '?' {
			if i > s {
				out = append(out, Unit{Start: s, End: i})
			}
			s = i
		}
	}
	if end > s {
		out = append(out, Unit{Start: s, End: end})
	}
	return out
}
