package ner

import (
	"strings"
	"sync"

	"github.com/custos-project/custos/zh"
)

// Lexicon marks characters with what the reference tables know about them:
// surnames, masking characters, place and organization suffixes, and where
// a GB/T 2260 place name, a form of address (先生, 老师 …) or a common word
// (花费, 主角: jieba's dictionary without names) lies. The tagger learns
// weights for these marks; the statistical model stays small because it
// does not have to memorize every surname and county, and a common word
// across a name's end tells it where the name stops (张兰|花费, 梁家辉|任).
type Lexicon struct {
	char []uint32 // BMP rune → single-character marks
	// a trie of the words: root edges dense by rune, deeper edges in an
	// open-addressing table keyed by node<<21|rune. An edge holds its
	// child's link, child<<1 | 1 if a word ends at the child: most steps
	// of a walk reach no word's end and need not look at final.
	root  []int32 // BMP rune → link to the child of the root, 0 if none
	edges edgeTable
	final []uint32 // node → word marks (gazetteer, title, common word)
	nodes int32
	maxW  int
}

// maxNodes bounds the trie so that a link (node<<1|1) fits the 21 bits an
// edge slot gives it.
const maxNodes = 1 << 20

// edgeTable maps node<<21|rune to the child's link (0 = none), key and
// link in one word (key<<21 | link), so that a lookup touches one cache
// line. Most lookups miss (a character followed by one that continues no
// word), so a bit set of the keys' hashes, small enough to stay in the
// cache, answers most of them without touching the table.
type edgeTable struct {
	slots  []uint64
	n      int
	filter [1 << (edgeFilterBits - 6)]uint64
}

// edgeFilterBits is log2 of the filter's size in bits: 256 KiB for about
// 280,000 edges (place names, titles, common words), so about one miss in
// eight gets past it.
const edgeFilterBits = 21

func edgeHash(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 }

const linkBits = 21

func (t *edgeTable) get(k uint64) int32 {
	h := edgeHash(k)
	if f := h >> (64 - edgeFilterBits); t.filter[f>>6]&(1<<(f&63)) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := h >> 40 & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s>>linkBits == k {
			return int32(s & (1<<linkBits - 1))
		}
		if s == 0 {
			return 0
		}
	}
}

// put files link under k, replacing the link k had.
func (t *edgeTable) put(k uint64, link int32) {
	if (t.n+1)*2 > len(t.slots) {
		old := t.slots
		t.slots, t.n = make([]uint64, max(1024, 2*len(old))), 0
		for _, s := range old {
			if s != 0 {
				t.put(s>>linkBits, int32(s&(1<<linkBits-1)))
			}
		}
	}
	h := edgeHash(k)
	f := h >> (64 - edgeFilterBits)
	t.filter[f>>6] |= 1 << (f & 63)
	mask := uint64(len(t.slots) - 1)
	for i := h >> 40 & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 || s>>linkBits == k {
			if s == 0 {
				t.n++
			}
			t.slots[i] = k<<linkBits | uint64(link)
			return
		}
	}
}

// Mark bits. Changing their meaning changes LexiconName.
const (
	markSurnameTop  = 1 << iota // one of the ~150 most frequent surnames
	markSurname                 // any surname
	markCompound                // first character of a compound surname
	markMask                    // 某, *, X: masked name characters
	markPlaceSuffix             // 省 市 区 县 镇 乡 村 街 路 …
	markOrgSuffix               // 司 局 厅 院 校 行 …
	markGazB                    // first character of a place name
	markGazI                    // inside a place name
	markGazE                    // last character of a place name
	markTitle                   // first character of a form of address or title
	markTitleEnd                // last character of one
	markNumeral                 // Chinese numeral 一二三…十百
	markWordB                   // first character of a common word
	markWordI                   // inside a common word
	markWordE                   // last character of a common word
)

// LexiconName names this marking scheme in trained models.
const LexiconName = "custos-zh-lex/2"

var titles = []string{"先生", "女士", "小姐", "老师", "同学", "医生", "大夫", "护士", "教授", "主任", "书记", "局长", "县长",
	"市长", "省长", "镇长", "村长", "经理", "总裁", "董事长", "师傅", "阿姨", "大爷", "大妈", "老板", "警官", "律师", "记者",
	"院长", "校长", "主席", "委员", "同志", "老人", "女儿", "儿子", "妻子", "丈夫", "父亲", "母亲", "奶奶", "爷爷", "外婆",
	"外公", "某某", "某", "总", "工", "董", "处长", "科长", "部长", "厅长", "所长", "队长", "班长", "厂长", "主管", "总监"}

// Name implements tagger.Lexicon.
func (l *Lexicon) Name() string { return LexiconName }

var sharedLexicon = sync.OnceValue(buildLexicon)

// DefaultLexicon returns the lexicon built from the embedded tables.
func DefaultLexicon() *Lexicon { return sharedLexicon() }

func buildLexicon() *Lexicon {
	l := &Lexicon{char: make([]uint32, 0x10000), root: make([]int32, 0x10000), final: []uint32{0}}
	set := func(s string, bit uint32) {
		for _, r := range s {
			if r < 0x10000 {
				l.char[r] |= bit
			}
		}
	}
	for i, s := range zh.Surnames() {
		rs := []rune(s)
		switch {
		case len(rs) == 1:
			l.char[rs[0]] |= markSurname
			if i < 150 {
				l.char[rs[0]] |= markSurnameTop
			}
		case len(rs) == 2:
			l.char[rs[0]] |= markCompound
		}
	}
	set("某*＊Xx×Ｘｘ", markMask)
	set("省市区县镇乡村街路道巷弄号楼栋幢室园苑庄屯旗盟州湾港站场厦寓里坊院府", markPlaceSuffix)
	set("司局厅部委院校行所会社团队处科中心厂店馆台报", markOrgSuffix)
	set("一二三四五六七八九十百千零〇两", markNumeral)
	seen := map[string]bool{}
	for _, d := range zh.Divisions() {
		for _, name := range placeForms(d.Name) {
			if !seen[name] {
				seen[name] = true
				l.add(name, 0)
			}
		}
	}
	for _, t := range titles {
		l.add(t, markTitle|markTitleEnd)
	}
	zh.EachWord(func(w string) { l.add(w, commonWord) })
	return l
}

// placeForms returns a division name and its short form without the
// administrative suffix (朝阳区 → 朝阳), when the short form keeps two
// characters or more.
func placeForms(name string) []string {
	out := []string{name}
	for _, suf := range []string{"特别行政区", "自治区", "自治州", "自治县", "街道办事处", "街道", "地区", "省", "市", "区", "县", "镇", "乡", "盟", "旗"} {
		if short, ok := strings.CutSuffix(name, suf); ok && len([]rune(short)) >= 2 {
			out = append(out, short)
			break
		}
	}
	return out
}

// Word-mark flags of the trie's final nodes, beside the title marks.
const (
	gazWord    = 1 << 31 // a place name
	commonWord = 1 << 30 // a common word
)

// add puts a word into the trie; bits are its title marks, commonWord, or
// 0 for a place name.
func (l *Lexicon) add(w string, bits uint32) {
	node, parent, last := int32(0), int32(0), rune(0)
	n := 0
	for _, r := range w {
		next := l.child(node, r) >> 1
		if next == 0 {
			l.nodes++
			if l.nodes >= maxNodes {
				panic("ner: lexicon trie over maxNodes") // the embedded tables grew: raise linkBits
			}
			next = l.nodes
			l.final = append(l.final, 0)
			l.setLink(node, r, next<<1)
		}
		parent, last, node = node, r, next
		n++
	}
	if n == 0 {
		return
	}
	if bits == 0 {
		bits = gazWord
	}
	l.final[node] |= bits
	l.setLink(parent, last, node<<1|1)
	if n > l.maxW {
		l.maxW = n
	}
}

// setLink sets the edge from node by r.
func (l *Lexicon) setLink(node int32, r rune, link int32) {
	if node == 0 && r >= 0 && r < 0x10000 {
		l.root[r] = link
	} else {
		l.edges.put(uint64(node)<<21|uint64(r), link)
	}
}

// child returns the link of node's child by r (child<<1 | 1 when a word
// ends there), 0 if none.
func (l *Lexicon) child(node int32, r rune) int32 {
	if node == 0 && r >= 0 && r < 0x10000 {
		return l.root[r]
	}
	return l.edges.get(uint64(node)<<21 | uint64(r))
}

// CommonWord reports whether w is one of the lexicon's common words (花费,
// 海洋, 小雨): a given name that is one is as likely the word.
func (l *Lexicon) CommonWord(w string) bool {
	link := int32(0)
	for i, r := range w {
		if i == 0 {
			link = l.child(0, r)
		} else {
			link = l.child(link>>1, r)
		}
		if link == 0 {
			return false
		}
	}
	return link&1 != 0 && l.final[link>>1]&commonWord != 0
}

// Mark implements tagger.Lexicon.
func (l *Lexicon) Mark(text []rune, marks []uint32) {
	for i, r := range text {
		if r >= 0 && r < 0x10000 {
			marks[i] |= l.char[r]
		}
	}
	for i := range text {
		link := l.child(0, text[i])
		for j := i; link != 0; {
			if link&1 != 0 {
				f := l.final[link>>1]
				if f&gazWord != 0 && j > i {
					marks[i] |= markGazB
					for k := i + 1; k < j; k++ {
						marks[k] |= markGazI
					}
					marks[j] |= markGazE
				}
				if f&markTitle != 0 {
					marks[i] |= markTitle
					marks[j] |= markTitleEnd
				}
				if f&commonWord != 0 {
					marks[i] |= markWordB
					for k := i + 1; k < j; k++ {
						marks[k] |= markWordI
					}
					marks[j] |= markWordE
				}
			}
			j++
			if j >= len(text) || j-i >= l.maxW {
				break
			}
			link = l.child(link>>1, text[j])
		}
	}
}
