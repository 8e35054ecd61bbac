package subject

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Unit is a stretch of text about one person or one group of people:
// [Start, End) in bytes.
type Unit struct {
	Start, End int
	// Entry is true for a bulletin entry (病例3：…), which runs over
	// sentences and lines until the next entry or a blank line.
	Entry bool
	// List is true for an entry opened by a list number at the start of a
	// line (1. or 1、) rather than a case word: in texts other than
	// bulletins such an "entry" may run on for pages.
	List bool
}

// Entry markers open a case entry in bulletins and notices: 病例3：,
// 确诊病例12：, 患者5：, 无症状感染者2：, 第8例, 密切接触者：, and 1. or 1、 at
// the start of a line. They are found by a hand-written scan (a regular
// expression with this many alternatives costs more than the tagger).
var entryWords = []string{"病例", "患者", "感染者"}

// entryPrefixes may stand before an entry word and belong to the marker.
var entryPrefixes = []string{"无症状", "确诊", "本土", "新增", "境外输入"}

func isNumeral(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十百零〇两", r)
}

func isEntryPunct(r rune) bool { return r == '：' || r == ':' || r == '，' || r == ',' }

// numeralsAt returns the end of a run of numerals at i (i when none).
func numeralsAt(text []byte, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		if !isNumeral(r) {
			break
		}
		i += size
	}
	return i
}

// entryMarkers returns the [start, end) of every entry marker, sorted.
func entryMarkers(text []byte) [][2]int {
	var out [][2]int
	for _, w := range entryWords {
		for i := 0; ; {
			j := bytes.Index(text[i:], []byte(w))
			if j < 0 {
				break
			}
			start := i + j
			e := numeralsAt(text, start+len(w))
			i = start + len(w)
			if e == start+len(w) || e >= len(text) {
				continue
			}
			if r, size := utf8.DecodeRune(text[e:]); isEntryPunct(r) {
				for again := true; again; {
					again = false
					for _, p := range entryPrefixes {
						if bytes.HasSuffix(text[:start], []byte(p)) {
							start -= len(p)
							again = true
						}
					}
				}
				out = append(out, [2]int{start, e + size})
			}
		}
	}
	// 第8例
	for i := 0; ; {
		j := bytes.Index(text[i:], []byte("第"))
		if j < 0 {
			break
		}
		start := i + j
		i = start + len("第")
		e := numeralsAt(text, i)
		if e > i && bytes.HasPrefix(text[e:], []byte("例")) {
			e += len("例")
			if r, size := utf8.DecodeRune(text[e:]); isEntryPunct(r) {
				e += size
			}
			out = append(out, [2]int{start, e})
		}
	}
	// 密切接触者：, 密接者2：
	for _, w := range []string{"密切接触者", "密接者", "密接"} {
		for i := 0; ; {
			j := bytes.Index(text[i:], []byte(w))
			if j < 0 {
				break
			}
			start := i + j
			i = start + len(w)
			e := numeralsAt(text, i)
			if r, size := utf8.DecodeRune(text[e:]); r == '：' || r == ':' {
				out = append(out, [2]int{start, e + size})
			}
		}
	}
	// 1. and 1、 at the start of a line
	for ls := 0; ls < len(text); {
		i := ls
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		d := i
		for d < len(text) && d-i < 3 && isDigitByte(text[d]) {
			d++
		}
		if d > i && d < len(text) {
			r, size := utf8.DecodeRune(text[d:])
			if (r == '.' || r == '、' || r == '．') && d+size < len(text) && !isDigitByte(text[d+size]) {
				out = append(out, [2]int{ls, d + size})
			}
		}
		nl := bytes.IndexByte(text[ls:], '\n')
		if nl < 0 {
			break
		}
		ls += nl + 1
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	// drop markers inside another (密接 inside 密切接触者 cannot happen; 第
	// inside 病例 lists can)
	kept := out[:0]
	for _, m := range out {
		if n := len(kept); n > 0 && m[0] < kept[n-1][1] {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// Units splits text: entries first, and the text outside entries into
// sentences (。！？ and line ends).
func Units(text []byte) []Unit {
	var out []Unit
	starts := entryMarkers(text)
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
		list := bytes.TrimLeft(text[m[0]:m[1]], " \t")
		isList := len(list) > 0 && isDigitByte(list[0])
		if isList {
			end = listEntryEnd(text, m[1], end)
		}
		out = append(out, Unit{Start: m[0], End: end, Entry: true, List: isList})
		pos = end
	}
	return appendSentences(out, text, pos, len(text))
}

// listEntryEnd returns where a numbered line's entry that opens at i ends,
// at most at end: its own line and the lines after it that go on with it —
// dated (12月1日到超市…) or indented — as a case's itinerary does. Another
// line ends it: in a file of one item a line (a list of news items, a
// register typed as lines), a numbered line is not the heading of all the
// lines after it.
func listEntryEnd(text []byte, i, end int) int {
	e := lineEndWithin(text, i, end)
	for e < end {
		next := e + 1 // past the newline
		if next >= end {
			return end
		}
		r, _ := utf8.DecodeRune(text[next:end])
		if !startsWithDate(text[next:end]) && r != ' ' && r != '\t' && r != '\u3000' {
			return next
		}
		e = lineEndWithin(text, next, end)
	}
	return end
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

// SplitEntries ends each entry of units before a line that introduces
// another person — a line that starts with a name other than the entry's
// first, with a label written onto such a name (留守儿童王小军), or with a
// case word (新增确诊病例：…, 患者王某…) — or that speaks to the public
// (请广大市民…, 截至12月7日, 全市累计…). An entry otherwise runs to the next
// entry or blank line, and a paragraph set under the last case of a
// bulletin would have its facts and places given to that case. A line that
// introduces another person opens an entry of its own; the text after a
// notice is split into sentences. fs are the findings of text sorted by
// Start.
func SplitEntries(text []byte, units []Unit, fs []pi.Finding) []Unit {
	var out []Unit
	for i, u := range units {
		if !u.Entry {
			if out != nil {
				out = append(out, u)
			}
			continue
		}
		cut, another := entryCut(text, u, fs)
		if cut < 0 {
			if out != nil {
				out = append(out, u)
			}
			continue
		}
		if out == nil {
			out = append([]Unit(nil), units[:i]...)
		}
		for cut >= 0 {
			out = append(out, Unit{Start: u.Start, End: cut, Entry: true, List: u.List})
			if !another {
				out = appendSentences(out, text, cut, u.End)
				break
			}
			// the line opens another case: an entry of its own, which may
			// be cut again
			u = Unit{Start: cut, End: u.End, Entry: true}
			if cut, another = entryCut(text, u, fs); cut < 0 {
				out = append(out, u)
			}
		}
	}
	if out == nil {
		return units
	}
	return out
}

// noticeOpeners start a line that speaks to the public or about everyone,
// not about the case above it.
var noticeOpeners = []string{"请广大", "请市民", "请各位", "提醒", "温馨提示", "特别提示", "广大市民", "市民朋友", "全市", "全区",
	"全县", "全省", "截至", "截止", "如有", "凡", "以上", "公示期", "公示时间", "特此", "监督电话", "举报电话", "联系电话", "联系人"}

// recordAfter reports whether a record's fields follow a name at i (，男，
// ，女，, ，45岁): a line that opens so is another record even under the same
// masked name (a bulletin's second 王某某).
func recordAfter(text []byte, i int) bool {
	r, n := utf8.DecodeRune(text[i:])
	if r != '，' && r != ',' && r != '（' && r != '(' {
		return false
	}
	rest := text[i+n:]
	if bytes.HasPrefix(rest, []byte("男")) || bytes.HasPrefix(rest, []byte("女")) {
		return true
	}
	d := 0
	for d < len(rest) && d < 3 && rest[d] >= '0' && rest[d] <= '9' {
		d++
	}
	return d > 0 && bytes.HasPrefix(rest[d:], []byte("岁"))
}

// caseWordAt returns the length of a case word (确诊病例, 新增确诊病例, 患者,
// 无症状感染者 …) at the start of b, or 0.
func caseWordAt(b []byte) int {
	n := 0
	for again := true; again; {
		again = false
		for _, p := range entryPrefixes {
			if bytes.HasPrefix(b[n:], []byte(p)) {
				n += len(p)
				again = true
			}
		}
	}
	for _, w := range entryWords {
		if bytes.HasPrefix(b[n:], []byte(w)) {
			return n + len(w)
		}
	}
	return 0
}

// entryCut returns where entry u should end (see SplitEntries), or -1, and
// whether the line there opens another case (a name, a case word) rather
// than a notice to the public.
func entryCut(text []byte, u Unit, fs []pi.Finding) (int, bool) {
	k, _ := slices.BinarySearchFunc(fs, u.Start, func(f pi.Finding, at int) int { return cmp.Compare(f.Start, at) })
	// the case's name, on the entry's first line with a finding (患者二，
	// 女，48岁 has none: then any name opening a later line is someone
	// else)
	first := ""
	firstLine := u.End
	if k < len(fs) && fs[k].Start < u.End {
		if nl := bytes.IndexByte(text[fs[k].Start:u.End], '\n'); nl >= 0 {
			firstLine = fs[k].Start + nl
		}
	}
	for j := k; j < len(fs) && fs[j].Start < firstLine; j++ {
		if isName(fs[j].Type) {
			first = string(text[fs[j].Start:fs[j].End])
			break
		}
	}
	for ls := u.Start; ; {
		nl := bytes.IndexByte(text[ls:u.End], '\n')
		if nl < 0 {
			return -1, false
		}
		ls += nl + 1
		if k < len(fs) && fs[k].Start >= ls && fs[k].Start < u.End && bytes.IndexByte(text[ls:fs[k].Start], '\n') < 0 {
			continue // the case's own first line (病例1：\n赵某某，女，…)
		}
		at := ls
		for at < u.End && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r') {
			at++
		}
		for _, w := range noticeOpeners {
			if bytes.HasPrefix(text[at:u.End], []byte(w)) {
				return ls, false
			}
		}
		// a case word opening the line: with a colon it opens another
		// case (新增确诊病例：王某), and the name after it is read as if it
		// started the line (患者王某，女)
		if n := caseWordAt(text[at:u.End]); n > 0 {
			if r, _ := utf8.DecodeRune(text[at+n:]); r == '：' || r == ':' {
				return ls, true
			}
			at += n
			// …and the name may come after where the case lives
			// (新增确诊病例乌海市海勃湾区朱某，女): the first name of the
			// line's first clause
			clause := nextClauseEnd(text, at, u.End)
			if c := bytes.IndexAny(text[at:clause], "，,"); c >= 0 {
				clause = at + c
			}
			for j, _ := slices.BinarySearchFunc(fs, at, func(f pi.Finding, at int) int { return cmp.Compare(f.Start, at) }); j < len(fs) && fs[j].Start < clause; j++ {
				if isName(fs[j].Type) {
					if string(text[fs[j].Start:fs[j].End]) != first || recordAfter(text, fs[j].End) {
						return ls, true
					}
					break
				}
			}
		}
		j, _ := slices.BinarySearchFunc(fs, at, func(f pi.Finding, at int) int { return cmp.Compare(f.Start, at) })
		// the finding that starts the line, and the one after a label
		for ; j < len(fs) && fs[j].Start == at; j++ {
			x := &fs[j]
			if attributive[x.Type] {
				n := j + 1
				for n < len(fs) && fs[n].Start < x.End {
					n++
				}
				if n < len(fs) && isName(fs[n].Type) && attached(text, x.End, fs[n].Start) {
					x = &fs[n]
				}
			}
			if isName(x.Type) && (string(text[x.Start:x.End]) != first || recordAfter(text, x.End)) {
				return ls, true
			}
		}
		if introduces(text, fs, at, nextClauseEnd(text, at, u.End), first) {
			return ls, true
		}
	}
}

// companion reports whether 与, 和, 同, 跟 or 及 stands within four
// characters before i in its clause (与同事钱某, 和其妻子李某): the name there
// is someone the case was with.
func companion(text []byte, i int) bool {
	for k := 0; k < 4 && i > 0; k++ {
		r, n := utf8.DecodeLastRune(text[:i])
		if strings.ContainsRune("与和同跟及", r) {
			return true
		}
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		i -= n
	}
	return false
}

// introduces reports whether the sentence text[at:end], which opens a line
// of an entry, introduces someone other than the case named first: a name
// with a label written onto it (记者获悉，家住柳溪村的留守儿童小华…) or with
// record fields after it (…小华，男，9岁). A name after 与, 和, 同 or 跟 is
// someone the case met, and stays in the entry.
func introduces(text []byte, fs []pi.Finding, at, end int, first string) bool {
	j, _ := slices.BinarySearchFunc(fs, at, func(f pi.Finding, at int) int { return cmp.Compare(f.Start, at) })
	for ; j < len(fs) && fs[j].Start < end; j++ {
		x := &fs[j]
		if !isName(x.Type) || string(text[x.Start:x.End]) == first {
			continue
		}
		if companion(text, x.Start) {
			continue
		}
		if recordAfter(text, x.End) || bytes.HasPrefix(text[x.End:], []byte("（化名）")) || bytes.HasPrefix(text[x.End:], []byte("(化名)")) {
			return true
		}
		for k := j - 1; k >= 0 && fs[k].Start >= at; k-- {
			if attributive[fs[k].Type] && fs[k].Type != pi.Age && attached(text, fs[k].End, x.Start) {
				return true
			}
		}
	}
	return false
}
