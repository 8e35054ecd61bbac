package terms

import "unicode/utf8"

// runeAt decodes the rune at i; it returns (-1, 0) at or past the end.
func runeAt(t []byte, i int) (rune, int) {
	if i >= len(t) || i < 0 {
		return -1, 0
	}
	if c := t[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(t[i:])
}

// runeBefore decodes the rune ending at i; it returns (-1, 0) at the start.
func runeBefore(t []byte, i int) (rune, int) {
	if i <= 0 || i > len(t) {
		return -1, 0
	}
	if c := t[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRune(t[:i])
}

// isHan reports whether r is a Chinese character (CJK unified ideographs
// and their extensions A and B, compatibility ideographs).
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2A6DF
}

// isDigit reports ASCII and full-width digits.
func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitVal(r rune) int {
	if r >= '０' {
		return int(r - '０')
	}
	return int(r - '0')
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= '０' && r <= '９' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ'
}

// isSpace reports spaces a record may carry between its parts.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// isDelim reports the characters that separate the fields of a record
// ("李某，男，45岁"; "（男，12岁）"; "姓名,性别") and the ends of sentences;
// -1 (the edge of the text) counts too.
func isDelim(r rune) bool {
	switch r {
	case -1, '，', ',', '、', '：', ':', '；', ';', '（', '(', '）', ')', '【', '】', '[', ']',
		'。', '！', '？', '!', '?', '\n', '\r', '|', '/', '“', '”', '"', '「', '」', '《', '》', '.':
		return true
	}
	return isSpace(r)
}

// isOpenDelim reports delimiters that may come before a record field.
func isOpenDelim(r rune) bool {
	switch r {
	case -1, '，', ',', '、', '：', ':', '；', ';', '（', '(', '【', '[', '\n', '\r', '|', '“', '"', '「', '。':
		return true
	}
	return isSpace(r)
}

// isCloseDelim reports delimiters that may come after a record field.
func isCloseDelim(r rune) bool {
	switch r {
	case -1, '，', ',', '、', '；', ';', '）', ')', '】', ']', '。', '！', '？', '!', '?', '\n', '\r', '|', '”', '"', '」', '.':
		return true
	}
	return isSpace(r)
}

// hasPrefixAt reports whether t[i:] starts with s.
func hasPrefixAt(t []byte, i int, s string) bool {
	return i >= 0 && i+len(s) <= len(t) && string(t[i:i+len(s)]) == s
}

// hasSuffixAt reports whether t[:i] ends with s.
func hasSuffixAt(t []byte, i int, s string) bool {
	return i <= len(t) && i-len(s) >= 0 && string(t[i-len(s):i]) == s
}

// prefixIn returns the length of the first of words that t[i:] starts with.
func prefixIn(t []byte, i int, words []string) int {
	for _, w := range words {
		if hasPrefixAt(t, i, w) {
			return len(w)
		}
	}
	return 0
}

// suffixIn returns the length of the first of words that t[:i] ends with.
func suffixIn(t []byte, i int, words []string) int {
	for _, w := range words {
		if hasSuffixAt(t, i, w) {
			return len(w)
		}
	}
	return 0
}

// runeSet is a set of runes written as a string.
type runeSet map[rune]bool

func newRuneSet(s string) runeSet {
	m := runeSet{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// cnDigit returns the value of a Chinese numeral character.
func cnDigit(r rune) (int, bool) {
	switch r {
	case '〇', '零':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

// isNumeralRune reports the runes of a number written in Chinese or digits.
func isNumeralRune(r rune) bool {
	if isDigit(r) {
		return true
	}
	if _, ok := cnDigit(r); ok {
		return true
	}
	return r == '十' || r == '百' || r == '几'
}

// number is a parsed age-like number: value, and for approximate forms
// (七八, 十几, 70多) the upper bound.
type number struct {
	val, hi int
	approx  bool
}

// parseNumber parses t[a:b], a run of digits or of Chinese numerals
// (十二, 一百零二, 七八, 十七八, 十几, 二十几). It does not accept mixed runs.
func parseNumber(t []byte, a, b int) (number, bool) {
	if a >= b {
		return number{}, false
	}
	if r, _ := runeAt(t, a); isDigit(r) {
		v := 0
		for i := a; i < b; {
			r, n := runeAt(t, i)
			if !isDigit(r) {
				return number{}, false
			}
			v = v*10 + digitVal(r)
			if v > 100000 {
				return number{}, false
			}
			i += n
		}
		return number{val: v, hi: v}, true
	}
	var rs [8]rune
	n := 0
	for i := a; i < b; {
		r, size := runeAt(t, i)
		if n == len(rs) {
			return number{}, false
		}
		rs[n] = r
		n++
		i += size
	}
	return parseCN(rs[:n])
}

// parseCN parses Chinese numerals, with the approximate forms 十几 (10-19),
// 二十几 (20-29), 七八 (7-8) and 十七八 (17-18).
func parseCN(rs []rune) (number, bool) {
	n := len(rs)
	if n == 0 {
		return number{}, false
	}
	if rs[n-1] == '几' {
		base, ok := parseCNExact(rs[:n-1])
		if !ok || base < 10 || base%10 != 0 {
			return number{}, false
		}
		return number{val: base, hi: base + 9, approx: true}, true
	}
	if n >= 2 {
		d1, ok1 := cnDigit(rs[n-2])
		d2, ok2 := cnDigit(rs[n-1])
		if ok1 && ok2 && d1 > 0 && d2 == d1+1 {
			base, ok := parseCNExact(rs[:n-2])
			if ok && base%10 == 0 && (n == 2 || rs[n-3] == '十') {
				return number{val: base + d1, hi: base + d2, approx: true}, true
			}
		}
	}
	v, ok := parseCNExact(rs)
	if !ok || v == 0 {
		return number{}, false
	}
	return number{val: v, hi: v}, true
}

// parseCNExact parses 十二, 一百零二, 两; the empty run is 0.
func parseCNExact(rs []rune) (int, bool) {
	total, cur, hasCur := 0, 0, false
	for _, r := range rs {
		switch r {
		case '十':
			if !hasCur {
				cur = 1
			}
			total += cur * 10
			cur, hasCur = 0, false
		case '百':
			if !hasCur || cur == 0 {
				return 0, false
			}
			total += cur * 100
			cur, hasCur = 0, false
		default:
			d, ok := cnDigit(r)
			if !ok {
				return 0, false
			}
			if hasCur {
				if cur != 0 { // two digits in a row: only after 零
					return 0, false
				}
			}
			cur, hasCur = d, true
		}
	}
	return total + cur, true
}

// numberBefore finds the number that ends at i (after optional spaces):
// a run of digits or a run of Chinese numerals, at most 8 runes. It
// returns the run's start and end.
func numberBefore(t []byte, i, floor int) (a, b int, ok bool) {
	b = i
	for b > floor {
		r, n := runeBefore(t, b)
		if !isSpace(r) {
			break
		}
		b -= n
	}
	a = b
	r0, _ := runeBefore(t, b)
	digits := isDigit(r0)
	for k := 0; a > floor && k < 8; k++ {
		r, n := runeBefore(t, a)
		if digits && !isDigit(r) || !digits && (isDigit(r) || !isNumeralRune(r)) {
			break
		}
		a -= n
	}
	return a, b, a < b
}

// numberAfter finds the number that starts at i (after optional spaces).
func numberAfter(t []byte, i, ceil int) (a, b int, ok bool) {
	a = i
	for a < ceil {
		r, n := runeAt(t, a)
		if !isSpace(r) {
			break
		}
		a += n
	}
	b = a
	r0, _ := runeAt(t, a)
	digits := isDigit(r0)
	for k := 0; b < ceil && k < 8; k++ {
		r, n := runeAt(t, b)
		if digits && !isDigit(r) || !digits && (isDigit(r) || !isNumeralRune(r)) {
			break
		}
		b += n
	}
	return a, b, a < b
}

// wordSet is a set of words looked up at a position by their length in
// runes, without allocating: the hot-path form of prefixIn and suffixIn for
// long lists.
type wordSet struct {
	m    map[string]bool
	lens []int // rune counts present, longest first
}

func newWordSet(words ...string) wordSet {
	w := wordSet{m: make(map[string]bool, len(words))}
	seen := map[int]bool{}
	for _, x := range words {
		w.m[x] = true
		n := utf8.RuneCountInString(x)
		if !seen[n] {
			seen[n] = true
			w.lens = append(w.lens, n)
		}
	}
	for i := 1; i < len(w.lens); i++ {
		for j := i; j > 0 && w.lens[j] > w.lens[j-1]; j-- {
			w.lens[j], w.lens[j-1] = w.lens[j-1], w.lens[j]
		}
	}
	return w
}

// suffix returns the byte length of the longest word of w that ends at i
// and starts at or after floor, 0 if none.
func (w wordSet) suffix(t []byte, i, floor int) int {
	if i > len(t) {
		return 0
	}
	var starts [8]int
	j, n := i, 0
	maxLen := w.lens[0]
	for n < maxLen && n < len(starts) && j > floor {
		_, size := runeBefore(t, j)
		j -= size
		starts[n] = j
		n++
	}
	for _, l := range w.lens {
		if l <= n && w.m[string(t[starts[l-1]:i])] {
			return i - starts[l-1]
		}
	}
	return 0
}

// prefix returns the byte length of the longest word of w that starts at
// i and ends at or before ceil, 0 if none.
func (w wordSet) prefix(t []byte, i, ceil int) int {
	if i < 0 {
		return 0
	}
	ceil = min(ceil, len(t))
	var ends [8]int
	j, n := i, 0
	maxLen := w.lens[0]
	for n < maxLen && n < len(ends) && j < ceil {
		_, size := runeAt(t, j)
		j += size
		ends[n] = j
		n++
	}
	for _, l := range w.lens {
		if l <= n && w.m[string(t[i:ends[l-1]])] {
			return ends[l-1] - i
		}
	}
	return 0
}

// Boxes of a form's check lists (既往史：□高血压 ☑糖尿病; 性别：□男 ☑女).
const (
	boxNone = iota
	boxUnchecked
	boxChecked
)

// boxBefore reports the check box or mark right before i, spaces skipped.
func boxBefore(t []byte, i int) int {
	for {
		r, n := runeBefore(t, i)
		switch r {
		case ' ', '\t', '\u3000', '\u00a0':
			i -= n
			continue
		case '□', '☐', '○', '◯':
			return boxUnchecked
		case '☑', '☒', '■', '√', '✓', '✔', '●', '◉', '▣':
			return boxChecked
		}
		return boxNone
	}
}

// questionWords open a form's yes-or-no field (是否低保户：否, 有无传染病史：无).
var questionWords = []string{"是否为", "是否是", "是否属于", "是否", "是不是", "有无", "有没有"}

// unanswered reports whether the term at [start, end) is asked about in a
// yes-or-no field that is not answered yes: 是否孤儿：否 and 是否孤儿：
// say nothing of anyone; 是否残疾：是 does.
func unanswered(t []byte, start, end int) bool {
	if suffixIn(t, start, questionWords) == 0 {
		return false
	}
	i := end
	for k := 0; k < 6; k++ { // the rest of the field's name: 史, 病史, 家庭
		r, n := runeAt(t, i)
		if r == '：' || r == ':' || !isHan(r) {
			break
		}
		i += n
	}
	if r, n := runeAt(t, i); r == '：' || r == ':' {
		i += n
	} else {
		return true // a question with no answer field: a form's label
	}
	for {
		r, n := runeAt(t, i)
		if isSpace(r) {
			i += n
			continue
		}
		switch r {
		case '是', '有', '√', '✓', '✔', '☑', 'Y', 'y':
			return false
		}
		return true
	}
}
