package address

import (
	"slices"
	"sync"

	"github.com/custos-project/custos/tagger"
)

// Lexicon marks the runes of a text with what the gazetteer and the suffix
// tables know: where a GB/T 2260 division name or its short form lies (per
// level: begin, inside, end), Chinese numerals, the characters that end
// administrative, road, building and compound names, and — because the
// tagger only sees two characters either side — the kind of the nearest
// suffix word ahead and behind (the 小区 that will close 金星桃源居小区 is
// six characters away from 金). The tagger learns weights for the marks, so
// the model need not memorize every county and township. It implements
// tagger.Lexicon and is safe for concurrent use.
type Lexicon struct {
	g    *gazetteer
	char []uint32 // BMP rune → single-character marks
	// suffix words by first rune, longest first: wordList[wordIdx[r]]
	// (index 0 is the empty list)
	wordIdx  []uint8
	wordList [][]suffixWord
}

// wordsAt returns the suffix words that start with r, longest first.
func (l *Lexicon) wordsAt(r rune) []suffixWord {
	if r < 0 || r >= 0x10000 {
		return nil
	}
	return l.wordList[l.wordIdx[r]]
}

// suffixWord is a word that ends a name of some kind.
type suffixWord struct {
	w    []rune
	kind int
}

// Kinds of suffix words.
const (
	sufAdmin     = iota // 省 市 区 县 州 旗 盟 地区
	sufTown             // 镇 乡 街道
	sufCommunity        // 村 社区 居委会
	sufRoad             // 路 街 大道 巷 弄 胡同
	sufPOI              // 小区 花园 苑 公寓 大厦 新村 广场 …
	sufUnit             // 号 栋 幢 单元 层 楼 室 座
	numSuf
)

var suffixWords = [numSuf][]string{
	sufAdmin:     {"省", "市", "区", "县", "州", "旗", "盟", "地区", "自治区", "自治州", "自治县", "开发区", "高新区", "工业区", "园区", "新区"},
	sufTown:      {"镇", "乡", "街道", "街道办", "街道办事处"},
	sufCommunity: {"村", "社区", "居委会", "村委会", "嘎查"},
	sufRoad:      {"路", "街", "大道", "巷", "弄", "胡同", "里弄", "大街", "组"},
	sufPOI: {"小区", "花园", "苑", "园", "家园", "公寓", "大厦", "新村", "广场", "中心", "大楼", "城", "府",
		"庭", "居", "湾", "庄", "坊", "院", "公司", "厂", "市场", "商城", "校区", "学校", "大学", "学院",
		"医院", "酒店", "宾馆", "馆", "店", "站", "基地", "山庄", "别墅", "宿舍", "工业园", "科技园", "一期",
		"二期", "三期", "期", "区块"},
	sufUnit: {"号", "栋", "幢", "号楼", "单元", "层", "楼", "室", "座", "户", "号房", "号铺", "铺", "门", "排", "号院"},
}

// Mark bits. Changing their meaning changes LexiconName.
const (
	markGaz          = 0  // + 3*level + {0 begin, 1 inside, 2 end}: division name or short form
	markFull         = 12 // inside a full division name
	markNumeral      = 13 // 一二三…十百千零两
	markAfterSuffix  = 14 // the rune before ends a suffix word
	markAfterGaz     = 15 // the rune before ends a full division name
	markBeforeSuffix = 16 // a suffix word starts with the next rune
	markAfterUnit    = 17 // the rune before is a unit after a number (3栋|)
	markAhead        = 18 // + suffix kind: kind of the nearest suffix word ending here or ahead
	markBehind       = 24 // + suffix kind: kind of the nearest suffix word ending before
	markDigitUnit    = 30 // a run of digits or letters followed by a unit word
	markDigitBare    = 31 // a run of digits or letters followed by no unit word
)

// reach is how far (in runes) the ahead and behind marks look.
const reach = 10

// LexiconName names this marking scheme in trained models.
const LexiconName = "custos-address-lex/3"

// NewLexicon returns the lexicon built from the embedded GB/T 2260 table.
// Building it takes a few tens of milliseconds; the result is shared.
func NewLexicon() *Lexicon { return sharedLexicon() }

var sharedLexicon = sync.OnceValue(func() *Lexicon {
	l := &Lexicon{g: sharedGazetteer(), char: make([]uint32, 0x10000), wordIdx: make([]uint8, 0x10000), wordList: [][]suffixWord{nil}}
	set := func(s string, bit uint32) {
		for _, r := range s {
			l.char[r] |= bit
		}
	}
	set("一二三四五六七八九十百千零〇两壹贰叁肆伍陆柒捌玖拾", 1<<markNumeral)
	for kind, ws := range suffixWords {
		for _, w := range ws {
			rs := []rune(w)
			if l.wordIdx[rs[0]] == 0 {
				l.wordIdx[rs[0]] = uint8(len(l.wordList))
				l.wordList = append(l.wordList, nil)
			}
			k := l.wordIdx[rs[0]]
			l.wordList[k] = append(l.wordList[k], suffixWord{rs, kind})
		}
	}
	for _, ws := range l.wordList {
		slices.SortStableFunc(ws, func(a, b suffixWord) int { return len(b.w) - len(a.w) })
	}
	return l
})

// Name implements tagger.Lexicon.
func (l *Lexicon) Name() string { return LexiconName }

// Mark implements tagger.Lexicon.
func (l *Lexicon) Mark(text []rune, marks []uint32) {
	g := l.g
	n := len(text)
	// endKind[i] is 1+kind of the suffix word ending at i, 0 for none.
	var small [64]int8
	endKind := small[:0]
	if n > len(small) {
		endKind = make([]int8, n)
	} else {
		endKind = small[:n]
	}
	for i, r := range text {
		if r >= 0 && r < 0x10000 {
			marks[i] |= l.char[r]
		}
		// gazetteer words starting at i
		node := int32(0)
		for j := i; j < n; j++ {
			node = g.trie.next(node, text[j])
			if node < 0 {
				break
			}
			k := g.trie.final[node]
			if k == 0 {
				continue
			}
			for lv := 0; lv < numGaz; lv++ {
				if k&(1<<(markFullKind+lv)|1<<(markShortKind+lv)) == 0 {
					continue
				}
				marks[i] |= 1 << (markGaz + 3*lv)
				for m := i + 1; m < j; m++ {
					marks[m] |= 1 << (markGaz + 3*lv + 1)
				}
				marks[j] |= 1 << (markGaz + 3*lv + 2)
			}
			if k&fullKinds != 0 {
				for m := i; m <= j; m++ {
					marks[m] |= 1 << markFull
				}
				if j+1 < n {
					marks[j+1] |= 1 << markAfterGaz
				}
			}
		}
		// the longest suffix word starting at i
		for _, w := range l.wordsAt(r) {
			if i+len(w.w) <= n && equalRunes(text[i:i+len(w.w)], w.w) {
				endKind[i+len(w.w)-1] = int8(w.kind + 1)
				if i+len(w.w) < n {
					marks[i+len(w.w)] |= 1 << markAfterSuffix
				}
				if i > 0 {
					marks[i-1] |= 1 << markBeforeSuffix
				}
				break
			}
		}
	}
	// ahead: nearest suffix word ending at or after i
	kind, at := int8(0), 0
	for i := n - 1; i >= 0; i-- {
		if stop(text[i]) {
			kind = 0
		}
		if endKind[i] != 0 {
			kind, at = endKind[i], i
		}
		if kind != 0 && at-i < reach {
			marks[i] |= 1 << (markAhead + int(kind) - 1)
		}
	}
	// behind: nearest suffix word ending before i
	kind, at = 0, 0
	for i := 0; i < n; i++ {
		if stop(text[i]) {
			kind = 0
		}
		if kind != 0 && i-at <= reach {
			marks[i] |= 1 << (markBehind + int(kind) - 1)
		}
		if endKind[i] != 0 {
			kind, at = endKind[i], i
		}
	}
	// digit runs: followed by a unit word or not
	for i := 0; i < n; {
		if !alnum(text[i]) {
			i++
			continue
		}
		j := i
		for j < n && alnum(text[j]) {
			j++
		}
		bit := uint32(1 << markDigitBare)
		if j < n && endKindStarts(l, text, j) == sufUnit+1 {
			bit = 1 << markDigitUnit
			if j+1 < n {
				marks[j+1] |= 1 << markAfterUnit
			}
		}
		for ; i < j; i++ {
			marks[i] |= bit
		}
	}
}

// endKindStarts returns 1+kind of the longest suffix word starting at i, 0
// for none.
func endKindStarts(l *Lexicon, text []rune, i int) int8 {
	for _, w := range l.wordsAt(text[i]) {
		if i+len(w.w) <= len(text) && equalRunes(text[i:i+len(w.w)], w.w) {
			return int8(w.kind + 1)
		}
	}
	return 0
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// alnum reports whether r is an ASCII or full-width digit or letter, or a
// Chinese numeral: the runes of house and room numbers.
func alnum(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return true
	}
	return false
}

// stop reports whether r ends the reach of the ahead and behind marks.
func stop(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u3000', '，', '。', '；', '：', '、', ',', ';', ':', '(', ')', '（', '）', '！', '？':
		return true
	}
	return false
}

var _ tagger.Lexicon = (*Lexicon)(nil)
