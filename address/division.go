package address

import (
	"strings"
	"unicode/utf8"
)

// Division reads name as administrative divisions alone, each written in
// full or by its short form, coarse to fine: 武汉, 阜南县, 湖北孝感,
// 北京市朝阳区, 利辛县城关镇. It returns the address they make, resolved
// against GB/T 2260 as Parse resolves one (a short form naming several
// divisions, 朝阳, stays without a code), and false when name is anything
// else: a word left over, a township by its short form (高砂 is as often a
// village or a word), or divisions that are not one chain, coarse to fine
// (孝感湖北, 武汉孝感).
//
// It serves the places the entity tagger finds: a city someone came from
// is a division, not a venue, and has a region code to report.
func Division(name string) (Address, bool) {
	chain := gazChain([]byte(name), 0, len(name), -1)
	if len(chain) == 0 || chain[len(chain)-1].End != len(name) {
		return Address{}, false
	}
	g := sharedGazetteer()
	for _, e := range chain {
		if e.Level == LevelTown && g.levelOf(e.Text) != LevelTown {
			return Address{}, false // a township by its short form
		}
	}
	a := assemble(chain)
	resolve(&a)
	return a, true
}

// maxDivisionTail bounds, in bytes, the division names DivisionEnd reads
// past a place's end: a province, a city and a county's full names.
const maxDivisionTail = 36

// DivisionEnd returns where the divisions a place text[start:end] names go
// on being written: the entity tagger may stop before the finer divisions
// after it (湖北省|十堰市返回), or inside a full name with more after it (湖
// 北|省十堰市). Only full names are read on (十堰市, not 十堰, which is as
// often a word's start), each finer than the one before it; end when no
// further division follows (武汉|市 alone stays 武汉, as ECR-COVID-19
// marks it).
func DivisionEnd(text []byte, start, end int) int {
	g := sharedGazetteer()
	// nothing to read on unless a division's name starts at end or the
	// place stops inside one (湖北|省): the common case, asked of every
	// place the tagger finds, without building the chain
	if r, _ := utf8.DecodeRune(text[end:]); end >= len(text) || g.trie.next(0, r) < 0 && !strings.ContainsRune("省市区县州旗盟", r) {
		return end
	}
	chain := gazChain(text, start, min(len(text), end+maxDivisionTail), -1)
	out, added := end, 0
	for _, e := range chain {
		if e.End <= end {
			continue
		}
		if e.Start > out || g.levelOf(e.Text) == "" {
			break
		}
		if e.Start >= end {
			added++
		}
		out = e.End
	}
	if added == 0 {
		return end
	}
	return out
}
