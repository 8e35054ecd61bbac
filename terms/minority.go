package terms

import (
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Names of the Uyghur, Kazakh, Tibetan, Yi and Mongolian people written in
// Chinese characters (次仁卓玛, 阿依古丽, 吉克阿依) have no Han surname and
// are made of parts the entity model rarely saw; data/name_parts.txt lists
// those parts. Two parts or more in a row, three characters or more,
// between a delimiter or a word for a person (家长, 学生, 藏族) and a
// delimiter or a word that may follow a name (称, 说, 今年, 的) are a name;
// so is one part right after a word for a person (儿子苏和今年8岁).

// minorityBefore are the words after which a run of name parts is a
// person's name.
var minorityBefore = []string{"学生", "家长", "同学", "女孩", "男孩", "孩子", "儿童", "老师", "教师", "村民", "牧民", "患者",
	"名叫", "叫", "母亲", "父亲", "女儿", "儿子", "妻子", "丈夫", "爷爷", "奶奶", "外婆", "外公", "族", "小朋友", "少年",
	"少女", "妈妈", "爸爸", "被告人", "嫌疑人", "干部", "医生", "护士", "病人", "女士", "先生", "姐姐", "哥哥", "弟弟", "妹妹"}

// minorityAfter are words after such a name, besides nameEnds.
var minorityAfter = newWordSet("今年", "现年", "年仅", "同学", "老师", "家", "一家", "说道", "告诉", "回忆", "笑着", "一起", "一同", "抚养", "照顾",
	"照看", "陪伴", "陪同", "监护", "带领")

// minorityNames adds the names made of name parts in the sentence [a, b)
// with hits hs (sorted by start, longer first).
func (s *scan) minorityNames(a, b int, hs []hit) {
	var ends map[int][]int // start → ends of the name parts there
	for _, h := range hs {
		for i := range s.m.entries[h.word] {
			if s.m.entries[h.word][i].role == roleNamePart {
				if ends == nil {
					ends = map[int][]int{}
				}
				ends[h.start] = append(ends[h.start], h.end)
				break
			}
		}
	}
	if len(ends) < 2 {
		return
	}
	t := s.text
	for _, h := range hs {
		if _, ok := ends[h.start]; !ok || s.nameOverlaps(h.start, h.end) {
			continue
		}
		cued := suffixIn(t, h.start, minorityBefore) > 0
		if p, _ := runeBefore(t, h.start); isHan(p) && !cued {
			continue // inside a word: 格桑花 is a flower, 拉巴 in 拉巴斯
		}
		// one part alone only right after a word for a person (儿子苏和今年8岁)
		minParts := 1
		if cued {
			minParts = 0
		}
		end := s.partsEndAt(ends, h.start, 0, minParts, min(b, h.start+maxMinorityName), map[int]int{})
		if end < 0 || utf8.RuneCount(t[h.start:end]) < 3 && !cued {
			continue
		}
		s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: h.start, End: end, Score: 0.75,
			Evidence: pi.Evidence{Validator: "rule:minority-name", Context: []string{"name parts"}}})
		s.nameEnd = end
		s.setCtx("name")
	}
}

// maxMinorityName bounds a name of parts in bytes (买买提江·吐尔逊 is 23).
const maxMinorityName = 48

// partsEndAt returns the end of the longest run of more than min name
// parts (depth counts those before) from i, within ceil, that a delimiter
// or a word of minorityAfter or nameEnds follows, or -1. memo holds the
// answers by i and whether depth reached min (all the answer depends on):
// a run of overlapping parts (阿依阿依阿依…) is read in linear time.
func (s *scan) partsEndAt(ends map[int][]int, i, depth, min, ceil int, memo map[int]int) int {
	key := 2 * i
	if depth >= min {
		key++
	}
	if r, ok := memo[key]; ok {
		return r
	}
	best := -1
	for _, e := range ends[i] {
		if e > ceil {
			continue
		}
		if r := s.partsEndAt(ends, e, depth+1, min, ceil, memo); r > best {
			best = r
		}
		// parts joined by a middle dot (买买提江·吐尔逊)
		if dot := e + len("·"); hasPrefixAt(s.text, e, "·") {
			if r := s.partsEndAt(ends, dot, depth+1, min, ceil, memo); r > best {
				best = r
			}
		}
		if depth >= min && e > best {
			if q, _ := runeAt(s.text, e); !isHan(q) || nameEnds.prefix(s.text, e, ceil) > 0 || minorityAfter.prefix(s.text, e, ceil) > 0 {
				best = e
			}
		}
	}
	memo[key] = best
	return best
}
