package ner

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/tagger"
	"github.com/custos-project/custos/zh"
)

// The model directory holds the trained model and its card.
//
//go:embed model
var modelFS embed.FS

// ModelFile is the path of the model in the source tree, relative to the
// package; `custos train` writes it.
const ModelFile = "model/ner.bin"

// Heads are the classes of the model, in head order.
var Heads = []string{string(pi.PersonName), string(pi.Organization), string(pi.Place)}

// Recognizer finds entities with a trained model. It is safe for
// concurrent use.
type Recognizer struct {
	model *tagger.Model
	lex   *Lexicon
	types []pi.Type // head → finding type
	pool  sync.Pool
}

var loadDefault = sync.OnceValues(func() (*Recognizer, error) {
	data, err := modelFS.ReadFile(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("ner: no embedded model (%v): run `custos train`", err)
	}
	return New(data)
})

// Default returns the recognizer with the embedded model.
func Default() (*Recognizer, error) { return loadDefault() }

// New loads a model written by tagger.Model.MarshalBinary.
func New(data []byte) (*Recognizer, error) {
	lex := DefaultLexicon()
	m, err := tagger.Load(data, lex)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	r := &Recognizer{model: m, lex: lex}
	for _, h := range m.Heads() {
		r.types = append(r.types, pi.Type(h))
	}
	return r, nil
}

// Model returns the underlying tagger model.
func (r *Recognizer) Model() *tagger.Model { return r.model }

type buffers struct {
	runes []rune
	offs  []int
	spans []tagger.Span
}

// maxSentence bounds the runes tagged at once; longer stretches without a
// sentence end are cut (an entity is never that long).
const maxSentence = 512

// Find appends the entities in text to dst. Offsets are bytes into text.
// Text is tagged sentence by sentence: entities do not cross 。！？; or line
// ends, and Viterbi stays short.
func (r *Recognizer) Find(text []byte, dst []pi.Finding) []pi.Finding {
	b, _ := r.pool.Get().(*buffers)
	if b == nil {
		b = &buffers{}
	}
	defer r.pool.Put(b)
	b.runes, b.offs = b.runes[:0], b.offs[:0]
	flush := func(end int) {
		if len(b.runes) == 0 {
			return
		}
		b.offs = append(b.offs, end)
		if hasHan(b.runes) {
			b.spans = r.model.Tag(b.runes, r.lex, b.spans[:0])
			r.untangle(b.runes, b.spans)
			first := len(dst)
			for _, sp := range b.spans {
				if sp.Start >= sp.End {
					continue // dropped by untangle
				}
				start, end := trimPunct(text, b.offs[sp.Start], b.offs[sp.End])
				start, end = trimPunct(text, start, cutOpenBracket(text, start, end))
				start, end = cutFieldGap(text, start, end)
				if r.types[sp.Head] != pi.PersonName {
					start = trimLead(text, start, end)
					end = worshipEnd(text, r.wholeWord(text, start, trimTrail(text, start, end)))
					if hasAnyPrefix(text[start:end], trailVerbBytes) && utf8.RuneCount(text[start:end]) <= 2 {
						continue // 住院日期: a verb alone is no place
					}
					if startsInWord(text, start, end) {
						continue // 中华人民共|和国传染病报: the model cut into a word
					}
					if r, n := utf8.DecodeRune(text[start:end]); n == end-start && strings.ContainsRune("此这那该本其彼", r) {
						continue // 到此购物: a pronoun, no place's name
					}
				} else if bytes.HasSuffix(text[start:end], []byte("族")) || bytes.HasSuffix(text[start:end], []byte("者")) ||
					numerals(text[start:end]) || notNames[string(text[start:end])] {
					continue // 汉族: an ethnic group; 陈述者: a doer; 患者十五: a number; 查明: a word; never a name
				} else if start, end = handleName(text, start, end); start == end {
					continue
				} else {
					end = latinTail(text, start, nameEnd(text, start, end))
				}
				if start < end {
					dst = append(dst, r.finding(text, start, end, sp))
				}
			}
			// the heads decode apart: the sentence's findings in text order
			slices.SortStableFunc(dst[first:], func(x, y pi.Finding) int { return cmp.Compare(x.Start, y.Start) })
		}
		b.runes, b.offs = b.runes[:0], b.offs[:0]
	}
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRune(text[i:])
		b.runes = append(b.runes, c)
		b.offs = append(b.offs, i)
		i += size
		if c == '。' || c == '！' || c == '？' || c == '\n' || c == '；' || len(b.runes) >= maxSentence {
			flush(i)
		}
	}
	flush(len(text))
	return dst
}

// untangle fixes the place and organization spans the model sometimes
// runs over a sentence's words (李明明是镇中心小学 gave the place 明是镇中心):
// one holding the copula 是 starts after it, and one crossing a person's
// name starts after the name; a span so left with fewer than two
// characters is dropped (Start = End), while one-character places (回温,
// 来杭) stay. A place ending with a word of illness (等传染病史) is dropped.
// Names are the finding that matters most, and no place or organization
// name holds 是 (院, 局 … do not follow it in one).
func (r *Recognizer) untangle(text []rune, spans []tagger.Span) {
	for i := range spans {
		sp := &spans[i]
		if r.types[sp.Head] == pi.PersonName {
			continue
		}
		start := sp.Start
		for k := sp.End - 1; k > sp.Start; k-- {
			if text[k] == '是' {
				sp.Start = k + 1
				break
			}
		}
		for _, p := range spans {
			if r.types[p.Head] == pi.PersonName && p.Start < sp.Start && sp.Start < p.End && p.End < sp.End {
				sp.Start = p.End
			}
		}
		if sp.Start != start && sp.End-sp.Start < 2 {
			sp.Start = sp.End
		}
		// no place ends with a word of illness (等传染病史, 肺炎)
		if r.types[sp.Head] == pi.Place && sp.End > sp.Start && strings.ContainsRune("史病症炎", text[sp.End-1]) {
			sp.Start = sp.End
		}
	}
}

// notNames are words of official and legal writing that start with a
// surname and that the model, trained on news, reads as names now and then
// (经审理查明, 于是, 唐朝).
var notNames = map[string]bool{
	"查明": true, "查实": true, "查处": true, "查获": true, "查询": true, "查看": true, "查验": true, "查找": true,
	"经查": true, "经审": true, "于是": true, "于此": true, "时间": true, "金额": true, "程序": true, "任务": true,
	"常住": true, "高速": true, "高铁": true, "高温": true, "王朝": true, "唐朝": true, "宋朝": true, "明朝": true,
	"元朝": true, "清朝": true, "汉朝": true, "秦朝": true, "周朝": true, "专访": true, "名言": true, "陈述": true,
	"申请": true, "申报": true, "江湖": true, "安全": true, "安排": true, "文化": true, "包括": true, "方面": true,
}

// handleSeparators join the parts of a social-media handle (邓玉龙-ko,
// JIA_泰勒, 曾丶四小姐).
const handleSeparators = "-_丶|"

// handleName narrows a person span that is a handle with Chinese parts
// (邓玉龙-ko, JIA_泰勒, 曾丶四) to its longest run of two Chinese
// characters or more, the name in it; it returns start == end when there is
// none (曾丶四). A span without a separator or without Chinese is unchanged
// (Min-Liang).
func handleName(text []byte, start, end int) (int, int) {
	s := text[start:end]
	if !bytes.ContainsAny(s, handleSeparators) || !hasHanRune(s) {
		return start, end
	}
	// the longest run of two Chinese characters or more
	best, bestEnd := start, start
	runStart, n := -1, 0
	for i := start; i < end; {
		r, size := utf8.DecodeRune(text[i:end])
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune(handleSeparators, r) {
			if n == 0 {
				runStart = i
			}
			n++
			if n >= 2 && i+size-runStart > bestEnd-best {
				best, bestEnd = runStart, i+size
			}
		} else {
			n = 0
		}
		i += size
	}
	return best, bestEnd
}

// latinTail extends a name in Latin letters over the capitalized words
// after it, apart by one space or a hyphen (Emily of Emily Brown, Mary of
// Mary-Jane Watson): the model, trained on Chinese text, cuts such names
// after their first word. At most three words are added.
func latinTail(text []byte, start, end int) int {
	for _, c := range text[start:end] {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return end
		}
	}
	for k := 0; k < 3 && end+2 < len(text); k++ {
		if sep := text[end]; sep != ' ' && sep != '-' || text[end+1] < 'A' || text[end+1] > 'Z' {
			break
		}
		j := end + 2
		for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
			j++
		}
		if j-end < 3 || j < len(text) && (text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9') {
			break // an initial, an acronym or a longer token
		}
		end = j
	}
	return end
}

// nameTrailAdverbs are adverbs the model now and then runs into the end of
// a name before the verb they modify (孙寿山曾表示, 潘凝却认为): no given
// name ends with one.
const nameTrailAdverbs = "曾却也都就已还又便亦仍"

// trailAdverbWords are adverbs of two characters whose first the model
// now and then takes into a name (姜文立|马活脱脱变成).
var trailAdverbWords = [][]byte{[]byte("立马"), []byte("立即"), []byte("立刻"), []byte("随即"), []byte("随后"), []byte("仍然"),
	[]byte("依然"), []byte("一直")}

// hasAnyPrefix reports whether b starts with one of words.
func hasAnyPrefix(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.HasPrefix(b, w) {
			return true
		}
	}
	return false
}

// nameNotLast are characters that do not end a given name right before a
// verb of saying: function words and adverbs (李明也表示, 王芳则认为, 张伟对此
// 表示).
const nameNotLast = "的了着过是在和与及等为说称表对向从到于把被将已也都又就还才再们曾却刚正均仍亦便并则即特所今昨另"

// sayingAfter are the words after which a name the model cut after its
// second character is whole with the third (赵旭|枫|向记者表示, 廖颖|谊|通讯员).
var sayingAfter = [][]byte{[]byte("向记者"), []byte("表示"), []byte("认为"), []byte("指出"), []byte("介绍"), []byte("透露"),
	[]byte("通讯员"), []byte("告诉记者")}

// nameEnd moves a name's end the model put one character off: an adverb
// ending a name of three characters or more before a Chinese character
// goes (孙寿山|曾表示; 邓恩均 is kept: 均 ends given names); a surname and
// one character take the next when a verb of saying follows it
// (赵旭枫向记者表示).
func nameEnd(text []byte, start, end int) int {
	s := text[start:end]
	n := utf8.RuneCount(s)
	next, ns := utf8.DecodeRune(text[end:])
	if end >= len(text) || !unicode.Is(unicode.Han, next) {
		return end
	}
	last, ls := utf8.DecodeLastRune(s)
	if n >= 3 && (strings.ContainsRune(nameTrailAdverbs, last) || hasAnyPrefix(text[end-ls:], trailAdverbWords)) {
		return end - ls
	}
	if n == 2 && zh.SurnameAt(string(s)) == len(s)-ls && !strings.ContainsRune(nameNotLast, next) {
		for _, w := range sayingAfter {
			if bytes.HasPrefix(text[end+ns:], w) {
				return end + ns
			}
		}
		// an item of a list of names (前排左起：王梓|涵、李一诺): the item
		// runs to its delimiter
		if listDelimited(text, start, end+ns) {
			return end + ns
		}
	}
	return end
}

// listDelimited reports whether text[start:end] stands between a list's
// delimiters: a colon, a 、 or a comma before it, a 、 or a clause's end
// after it (or the text's edge), with a 、 on one side.
func listDelimited(text []byte, start, end int) bool {
	p, _ := utf8.DecodeLastRune(text[:start])
	q, _ := utf8.DecodeRune(text[end:])
	before := start == 0 || strings.ContainsRune("：:、，,", p)
	after := end >= len(text) || strings.ContainsRune("、，,；;。", q)
	return before && after && (p == '、' || q == '、')
}

// cutFieldGap cuts a span at a wide space or a tab inside it, which part a
// form's fields (兰州大学　信息科学与工程学院: two fields, not one
// organization): the part before the gap stays, or the part after it when
// the one before is a single character.
func cutFieldGap(text []byte, start, end int) (int, int) {
	i := bytes.IndexAny(text[start:end], "\t\u3000")
	if i < 0 {
		return start, end
	}
	if utf8.RuneCount(text[start:start+i]) >= 2 {
		return start, start + i
	}
	_, n := utf8.DecodeRune(text[start+i:])
	return trimPunct(text, start+i+n, end)
}

// hasHanRune reports whether b holds a Chinese character.
func hasHanRune(b []byte) bool {
	for _, r := range string(b) {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// trimPunct narrows text[start:end] to leave out punctuation and spaces at
// its ends: the model, trained on corpora that sometimes mark brackets and
// quotes as part of a name (【陈宝存】, “姚仙”), now and then tags one side
// of them (朱克】, 迈克·) or the line break after a name at a text's end,
// and no name starts or ends with one. A closing bracket whose opening one
// is inside the span stays (协和医院（西院）).
func trimPunct(text []byte, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRune(text[start:end])
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for start < end {
		r, size := utf8.DecodeLastRune(text[start:end])
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			break
		}
		if open, ok := openers[r]; ok && bytes.ContainsRune(text[start:end-size], open) {
			break
		}
		end -= size
	}
	return start, end
}

// cutOpenBracket returns where text[start:end] ends before a bracket it
// opens and does not close (兰州大学第二医院血液科住院治疗（住院 of …（住院号：…）):
// a name holds its brackets whole (西南医院（重庆）). Nothing is cut when
// fewer than two characters would remain.
func cutOpenBracket(text []byte, start, end int) int {
	for i := start; i < end; {
		r, size := utf8.DecodeRune(text[i:end])
		if r == '（' || r == '(' {
			closer := '）'
			if r == '(' {
				closer = ')'
			}
			if !bytes.ContainsRune(text[i+size:end], closer) && utf8.RuneCount(text[start:i]) >= 2 {
				return i
			}
		}
		i += size
	}
	return end
}

// leadWords are verbs, a copula and a determiner that the model now and
// then takes into a place or organization before it (转威海市胸科医院,
// 该定点医院, 赴武汉, 工作单位为天府广场附近某公司): no name of either starts
// with one (于 does: 于洪区).
const leadWords = "转该赴至到在往从去回请为"

// leadVerbs are two-character verbs taken in the same way (联系学校德育处,
// 前往市一医院).
var leadVerbs = []string{"联系", "前往", "来到", "咨询", "拨打", "致电", "入住", "到达", "抵达"}

// trimLead drops the lead words from the start of text[start:end] while two
// characters or more remain (请联系学校德育处 has two).
func trimLead(text []byte, start, end int) int {
	for {
		next := leadWord(text, start, end)
		if next == start {
			return start
		}
		start = next
	}
}

// leadWord drops one lead word from the start of text[start:end] when two
// characters or more remain.
func leadWord(text []byte, start, end int) int {
	for _, v := range leadVerbs {
		if bytes.HasPrefix(text[start:end], []byte(v)) && utf8.RuneCount(text[start+len(v):end]) >= 2 {
			return start + len(v)
		}
	}
	r, n := utf8.DecodeRune(text[start:end])
	if r == '过' {
		// 到过永辉超市: the aspect particle of a verb of going
		if p, _ := utf8.DecodeLastRune(text[:start]); strings.ContainsRune("到去来住", p) && utf8.RuneCount(text[start+n:end]) >= 2 {
			return start + n
		}
	}
	if !strings.ContainsRune(leadWords, r) || utf8.RuneCount(text[start+n:end]) < 2 {
		return start
	}
	return start + n
}

// trailVerbs are verbs of saying, of getting in touch or of being treated
// that the model now and then takes into an organization or a place after
// it (成都市郫都区通报, 卫健委发布, 请与镇民政办联系, …血液科住院治疗): no name
// of either ends with one.
var trailVerbs = []string{"通报", "发布", "表示", "透露", "介绍", "指出", "宣布", "称", "联系", "反映", "住院治疗", "隔离治疗", "治疗", "就诊", "住院"}

// trailVerbBytes are trailVerbs as bytes.
var trailVerbBytes = func() [][]byte {
	out := make([][]byte, len(trailVerbs))
	for i, v := range trailVerbs {
		out[i] = []byte(v)
	}
	return out
}()

// wholeWord extends a place or organization span that ends inside a
// common word by the one character that completes it, when that character
// ends the run of Han characters (西宁市第一人民医院儿科门 + 诊 at a line's
// end: the model cut 门诊 there).
func (r *Recognizer) wholeWord(text []byte, start, end int) int {
	if end <= start || end >= len(text) {
		return end
	}
	last, ls := utf8.DecodeLastRune(text[start:end])
	next, ns := utf8.DecodeRune(text[end:])
	if !unicode.Is(unicode.Han, last) || !unicode.Is(unicode.Han, next) {
		return end
	}
	if after, _ := utf8.DecodeRune(text[end+ns:]); end+ns < len(text) && unicode.Is(unicode.Han, after) {
		return end // the character starts a word of its own (银监会|通知)
	}
	if r.lex.CommonWord(string(text[end-ls : end+ns])) {
		return end + ns
	}
	return end
}

// startsInWord reports whether a place or organization at [start, end)
// starts inside the word 共和国 (中华人民共|和国传染病报告卡: the model cut
// the country's name at the head of a national form).
func startsInWord(text []byte, start, end int) bool {
	return bytes.HasSuffix(text[:start], []byte("共")) && bytes.HasPrefix(text[start:end], []byte("和国"))
}

// worshipWords end the name of a place of worship after the name the model
// found (普济|寺, 城东|教会: the model had the district 城东 alone).
var worshipWords = [][]byte{[]byte("清真大寺"), []byte("清真寺"), []byte("礼拜堂"), []byte("天主堂"), []byte("福音堂"),
	[]byte("教堂"), []byte("教会"), []byte("道观"), []byte("寺"), []byte("庙"), []byte("庵")}

// worshipEnd extends a place or organization ending at end over the word of
// a place of worship right after it.
func worshipEnd(text []byte, end int) int {
	for _, w := range worshipWords {
		if bytes.HasPrefix(text[end:], w) {
			return end + len(w)
		}
	}
	return end
}

// trimTrail drops a trailing verb of saying from text[start:end] when two
// characters or more remain.
func trimTrail(text []byte, start, end int) int {
	for _, v := range trailVerbs {
		if bytes.HasSuffix(text[start:end], []byte(v)) && utf8.RuneCount(text[start:end-len(v)]) >= 2 {
			return end - len(v)
		}
	}
	return end
}

// openers maps closing brackets to their opening ones.
var openers = map[rune]rune{'）': '（', ')': '(', '】': '【', ']': '[', '》': '《', '」': '「', '』': '『', '”': '“', '’': '‘'}

func hasHan(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x3400 {
			return true
		}
	}
	return false
}

// finding converts a tagged span.
func (r *Recognizer) finding(text []byte, start, end int, sp tagger.Span) pi.Finding {
	t := r.types[sp.Head]
	if t == pi.PersonName && masked(text[start:end]) {
		t = pi.MaskedName
	}
	info, _ := pi.LookupType(t)
	// the tagger's margin is a confidence, never a validation: at most
	// 0.95, and 0.85 for an organization or place in Latin letters and
	// digits alone, which an identifier's rules know better (微信号wei-wei41)
	score := min(sp.Score, 0.95)
	if t != pi.PersonName && t != pi.MaskedName && !hasHanRune(text[start:end]) {
		score = min(score, 0.85)
	}
	return pi.Finding{Type: t, Category: info.Category, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "tagger " + LexiconName, Valid: true}, Source: "ner"}
}

// numerals reports whether b is written in Chinese numerals alone (十五,
// 二十三).
func numerals(b []byte) bool {
	for _, r := range string(b) {
		if !strings.ContainsRune("〇零一二三四五六七八九十百千两", r) {
			return false
		}
	}
	return len(b) > 0
}

// masked reports whether a name has a masking character (张某, 王*, 周XX).
func masked(b []byte) bool {
	for _, c := range string(b) {
		switch c {
		case '某', '*', '＊', '×', 'X', 'x', 'Ｘ', 'ｘ':
			return true
		}
	}
	return false
}
