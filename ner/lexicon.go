package ner

import (
	"strings"
	"sync"

	"github.com/custos-project/custos/zh"
)

// Lexicon marks characters with what the reference tables know about them:
// surnames, masking characters, place and organization suffixes, and where
// a GB/T 2260 place name or a form of address (先生, 老师 …) lies. The
// tagger learns weights for these marks; the statistical model stays small
// because it does not have to memorize every surname and county.
type Lexicon struct {
	char []uint32 // BMP rune → single-character marks
	// a trie of the words: root edges dense by rune, deeper edges in an
	// open-addressing table keyed by node<<21|rune
	root  []int32 // BMP rune → child of the root, 0 if none
	edges edgeTable
	final []uint32 // node → word marks (gazetteer, title)
	nodes int32
	maxW  int
}

// edgeTable maps node<<21|rune to the child node (0 = none). Most
// lookups miss (a place-name character followed by one that continues no
// name), so a bit set of the keys' hashes, small enough to stay in the
// cache, answers most of them without touching the table.
type edgeTable struct {
	keys   []uint64
	vals   []int32
	n      int
	filter [1 << (edgeFilterBits - 6)]uint64
}

// edgeFilterBits is log2 of the filter's size in bits: 128 KiB for about
// 90,000 edges, so about one miss in eleven gets past it.
const edgeFilterBits = 20

func edgeHash(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 }

func (t *edgeTable) get(k uint64) int32 {
	h := edgeHash(k)
	if f := h >> (64 - edgeFilterBits); t.filter[f>>6]&(1<<(f&63)) == 0 {
		return 0
	}
	mask := uint64(len(t.keys) - 1)
	for i := h >> 40 & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

func (t *edgeTable) put(k uint64, v int32) {
	if (t.n+1)*2 > len(t.keys) {
		oldKeys, oldVals := t.keys, t.vals
		size := max(1024, 2*len(oldKeys))
		t.keys, t.vals, t.n = make([]uint64, size), make([]int32, size), 0
		for i, ok := range oldKeys {
			if ok != 0 {
				t.put(ok, oldVals[i])
			}
		}
	}
	h := edgeHash(k)
	f := h >> (64 - edgeFilterBits)
	t.filter[f>>6] |= 1 << (f & 63)
	mask := uint64(len(t.keys) - 1)
	for i := h >> 40 & mask; ; i = (i + 1) & mask {
		if t.keys[i] == 0 || t.keys[i] == k {
			if t.keys[i] == 0 {
				t.n++
			}
			t.keys[i], t.vals[i] = k, v
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
)

// LexiconName names this marking scheme in trained models.
const LexiconName = "custos-zh-lex/1"

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

const gazWord = 1 << 31 // word-mark flag: a place name

// add puts a word into the trie; bits are its title marks, or 0 for a
// place name.
func (l *Lexicon) add(w string, bits uint32) {
	node := int32(0)
	n := 0
	for _, r := range w {
		next := l.child(node, r)
		if next == 0 {
			l.nodes++
			next = l.nodes
			l.final = append(l.final, 0)
			if node == 0 && r < 0x10000 {
				l.root[r] = next
			} else {
				l.edges.put(uint64(node)<<21|uint64(r), next)
			}
		}
		node = next
		n++
	}
	if bits == 0 {
		bits = gazWord
	}
	l.final[node] |= bits
	if n > l.maxW {
		l.maxW = n
	}
}

func (l *Lexicon) child(node int32, r rune) int32 {
	if node == 0 && r >= 0 && r < 0x10000 {
		return l.root[r]
	}
	return l.edges.get(uint64(node)<<21 | uint64(r))
}

// Mark implements tagger.Lexicon.
func (l *Lexicon) Mark(text []rune, marks []uint32) {
	for i, r := range text {
		if r >= 0 && r < 0x10000 {
			marks[i] |= l.char[r]
		}
	}
	for i := range text {
		node := l.child(0, text[i])
		for j := i; node != 0; {
			if f := l.final[node]; f != 0 {
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
			}
			j++
			if j >= len(text) || j-i >= l.maxW {
				break
			}
			node = l.child(node, text[j])
		}
	}
}
