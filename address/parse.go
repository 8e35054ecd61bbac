package address

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/tagger"
	"github.com/custos-project/custos/zh"
)

// Element is one parsed part of an address.
type Element struct {
	// Level is one of the levels listed by Levels ("province", "road" …).
	Level string
	// Start and End are byte offsets into the text given to Parse or Find
	// (End exclusive).
	Start, End int
	// Text is the element as written.
	Text string
	// Code is the division code when the element is a province, city,
	// district or town resolved in the GB/T 2260 table: six digits, nine
	// for a town (township codes extend their county's).
	Code string
	// Score is the tagger's confidence in the element, in (0, 1).
	Score float64
}

// Address is a parsed address.
type Address struct {
	// Start and End are byte offsets of the address: from its first
	// element to its last.
	Start, End int
	// Elements in text order.
	Elements []Element
	// Finest is the finest level reached ("roomno", "poi" …), "" when no
	// element was found.
	Finest string
	// Region is the full name of the resolved division, e.g.
	// "四川省成都市郫都区", with the town appended when it was resolved too
	// ("四川省成都市郫都区犀浦街道"); "" when the names did not resolve.
	Region string
	// Code is the code of the finest resolved division (see Element.Code).
	Code string
}

// Element returns the first element of the level, or false.
func (a *Address) Element(level string) (Element, bool) {
	for _, e := range a.Elements {
		if e.Level == level {
			return e, true
		}
	}
	return Element{}, false
}

// runeText is a text split into runes with their byte offsets.
type runeText struct {
	r   []rune
	off []int // off[i] is the byte offset of rune i; off[len(r)] the end
}

func (t *runeText) reset(s string) {
	t.r, t.off = t.r[:0], t.off[:0]
	for i, r := range s {
		t.r = append(t.r, r)
		t.off = append(t.off, i)
	}
	t.off = append(t.off, len(s))
}

// Parse splits s, a string that is (mostly) an address, into elements.
func (m *Model) Parse(s string) Address {
	var t runeText
	t.reset(s)
	spans := m.candidates(t.r, nil)
	a := assemble(m.elements(s, &t, 0, spans))
	resolve(&a)
	return a
}

// candidates appends the element spans of text to dst: each head's own
// best spans and those of the joint decoding, for elements to choose from.
// Together they score better on the corpus than either alone (dev micro
// F1 0.8969 against 0.8962 alone and 0.8975 joint; whole addresses 0.8990
// against 0.8977 and 0.8986), and keep a head's long span (科技园社区) that
// the joint path trades for a neighbour's shorter one. Parse uses them;
// Find, which tags every candidate clause of running text, decodes the
// heads alone: the joint decoding costs 40% of its speed for a gain of
// less than a tenth of a point.
func (m *Model) candidates(text []rune, dst []tagger.Span) []tagger.Span {
	return m.tm.TagJoint(text, m.lex, m.tm.Tag(text, m.lex, dst))
}

// elements turns tagger spans into non-overlapping elements. Where the
// candidates disagree (heads decoded alone, or all heads jointly), the set
// of spans with the largest sum of confidence times length wins (科技园社区
// as a community over 科技园 as a poi). base is added to the byte offsets.
func (m *Model) elements(s string, t *runeText, base int, spans []tagger.Span) []Element {
	spans = slices.DeleteFunc(spans, func(sp tagger.Span) bool {
		// an element across a form's wide space or a tab runs into the
		// next field (青秀区凤岭北路8号　学区内)
		return !validStart(t.r[sp.Start:sp.End], m.head[sp.Head]) || slices.ContainsFunc(t.r[sp.Start:sp.End], fieldGap) ||
			levels[m.head[sp.Head]] == LevelPOI && maskedName(s[t.off[sp.Start]:t.off[sp.End]]) ||
			travelVerb(s[t.off[sp.Start]:t.off[sp.End]])
	})
	keep := bestSpans(spans)
	slices.SortFunc(keep, func(a, b tagger.Span) int { return cmp.Compare(a.Start, b.Start) })
	els := make([]Element, 0, len(keep))
	for _, sp := range keep {
		a, b := t.off[sp.Start], t.off[sp.End]
		els = append(els, Element{
			Level: levels[m.head[sp.Head]],
			Start: base + a, End: base + b,
			Text:  s[a:b],
			Score: sp.Score,
		})
	}
	els = trimActivities(els)
	els = dropAfterUnits(els)
	els = dropRepeats(els)
	relabel(els)
	return els
}

// activityVerbs are what a person does at a place, written right after it
// in an itinerary (红光菜市场购物, 幸福里小区东门上车): no element ends with
// one.
var activityVerbs = []string{"购物", "买菜", "就诊", "就医", "看病", "取药", "输液", "上班", "上课", "上学", "用餐", "吃饭", "就餐",
	"聚餐", "上车", "下车", "等车", "停留", "逗留", "游玩"}

// trimActivities cuts an activity verb off the end of a compound's,
// a village's or a road's element, and drops an element that is one.
func trimActivities(els []Element) []Element {
	out := els[:0]
	for _, e := range els {
		switch e.Level {
		case LevelPOI, LevelSubPOI, LevelCommunity, LevelRoad:
			for _, v := range activityVerbs {
				if strings.HasSuffix(e.Text, v) {
					e.Text = e.Text[:len(e.Text)-len(v)]
					e.End -= len(v)
					break
				}
			}
		}
		if e.Text != "" {
			out = append(out, e)
		}
	}
	return out
}

// dropRepeats removes a division written again: the repeat adds nothing,
// and the corpus calls it redundant, not an element. When the whole chain
// is written twice from the province (江苏省南通市海门市江苏省南通市海门市圩
// 角), the first chain goes, as the corpus has it; otherwise the repeat
// (浙江省杭州市余杭区杭州市余杭区闲林街道, 西湖区西湖区三墩镇). Names are
// compared without their suffix (杭州 and 杭州市 are one city).
func dropRepeats(els []Element) []Element {
	first, second := -1, -1
	for i, e := range els {
		if e.Level != LevelProvince {
			continue
		}
		if first < 0 {
			first = i
		} else if divisionStem(e.Text) == divisionStem(els[first].Text) {
			second = i
			break
		}
	}
	var seen []Element
	i := -1
	return slices.DeleteFunc(els, func(e Element) bool {
		i++
		switch e.Level {
		case LevelProvince, LevelCity, LevelDistrict, LevelTown:
		default:
			return false
		}
		if i >= first && i < second {
			return true // the first of a chain written twice
		}
		name := divisionStem(e.Text)
		for _, p := range seen {
			if p.Level == e.Level && divisionStem(p.Text) == name {
				return true
			}
		}
		seen = append(seen, e)
		return false
	})
}

// divisionStem is a division name without its administrative suffix.
func divisionStem(name string) string {
	for _, suf := range []string{"街道", "省", "市", "区", "县", "镇", "乡"} {
		if stem, ok := strings.CutSuffix(name, suf); ok && stem != "" {
			return stem
		}
	}
	return name
}

// dropAfterUnits removes a poi that follows a building, unit, floor or
// room: the corpus calls what comes after the room a person (a shop or
// company at the address: …8楼万家福超市), not part of the address.
func dropAfterUnits(els []Element) []Element {
	unit := false
	return slices.DeleteFunc(els, func(e Element) bool {
		switch e.Level {
		case LevelHouseNo, LevelCellNo, LevelFloorNo, LevelRoomNo:
			unit = true
		case LevelPOI:
			return unit
		}
		return false
	})
}

// notFirst are function words that never begin an element, and
// notFirstNumber those that never begin a number (共102层 of 帝国大厦共102层,
// while 共和新路街道 is a street): a span the tagger starts with them is
// dropped.
const (
	notFirst       = "的了是在及等这那该此每其个为从向往到于对把被让给将就都也还又很更最"
	notFirstNumber = "共约近有第"
)

// validStart reports whether a span of the level (rank) may begin with its
// first rune.
func validStart(span []rune, rank int) bool {
	if strings.ContainsRune(notFirst, span[0]) {
		return false
	}
	return rank < levelRank(LevelRoadNo) || levels[rank] == LevelPOI || levels[rank] == LevelSubPOI ||
		!strings.ContainsRune(notFirstNumber, span[0])
}

// fieldGap reports the characters that part a form's or a register's
// fields: no address element holds one.
func fieldGap(r rune) bool { return r == '\u3000' || r == '\t' }

// travelVerbs are the verbs of a journey between two places (从昆明市自驾
// 返回六盘水市): no address element holds one, and an address does not run
// across one (see groupLen).
var travelVerbs = []string{"返回", "前往", "自驾", "驾车", "乘坐", "乘车", "到达", "抵达", "途经", "回到", "出发", "来到", "送达",
	"转乘", "飞往", "开往", "去往", "驶往", "返乡", "返家", "辗转"}

// travelVerb reports whether s holds one of travelVerbs.
func travelVerb(s string) bool {
	for _, v := range travelVerbs {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// maskedName reports whether s is a masked person's name (马某某, 王*),
// which bulletins write after a village and the tagger may take for a poi.
func maskedName(s string) bool {
	n := zh.SurnameAt(s)
	if n == 0 || n == len(s) {
		return false
	}
	rest := s[n:]
	if utf8.RuneCountInString(rest) > 2 {
		return false
	}
	for _, r := range rest {
		if !strings.ContainsRune("某*＊×xX", r) {
			return false
		}
	}
	return true
}

// bestSpans returns the non-overlapping subset of spans with the largest
// sum of Score × length (weighted interval scheduling), sorted by start.
func bestSpans(spans []tagger.Span) []tagger.Span {
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b tagger.Span) int {
		if c := cmp.Compare(a.End, b.End); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	n := len(spans)
	best := make([]float64, n+1) // best[i]: spans[:i]
	take := make([]bool, n+1)
	prevOf := make([]int, n+1)
	for i := 1; i <= n; i++ {
		sp := spans[i-1]
		// p: number of spans ending at or before sp.Start
		p := i - 1
		for p > 0 && spans[p-1].End > sp.Start {
			p--
		}
		prevOf[i] = p
		w := sp.Score * float64(sp.End-sp.Start)
		if w+best[p] > best[i-1] {
			best[i], take[i] = w+best[p], true
		} else {
			best[i] = best[i-1]
		}
	}
	var keep []tagger.Span
	for i := n; i > 0; {
		if take[i] {
			keep = append(keep, spans[i-1])
			i = prevOf[i]
		} else {
			i--
		}
	}
	slices.Reverse(keep)
	return keep
}

// relabel marks the second poi, road and road number of an address as
// subpoi, subroad and subroadno (see tagHeads), a lane number right after a
// road (柳营路669弄) as its road number, and a number right after a road
// number as the house's (海关北路1266弄103号: 103号 is the houseno; 44 of 45
// such numbers in the corpus's training part), as the corpus does. A
// village's name (…村) says by what follows whether it is the village or a
// compound named after it, which the tagger's window of two characters
// does not reach past a number: before a building's number (后乐村130幢)
// it is the compound, a poi (103 of 120 in the training part); before a
// road number (红晓新村116号) the village, a community (148 of 186). A room
// number after a building's and before a floor or another room is the
// unit's (237幢11号三楼: 11号 is the cellno; 24 of 24, 8 of 8 and 392 of
// 395 such numbers in the training part).
func relabel(els []Element) {
	var poi, road, sub bool
	for i := range els {
		e := &els[i]
		if e.Level == LevelRoad && i > 0 && els[i-1].Level == LevelRoad && els[i-1].End == e.Start && laneNumber(e.Text) {
			e.Level = LevelRoadNo
		}
		if e.Level == LevelRoadNo && i > 0 && els[i-1].Level == LevelRoadNo && els[i-1].End == e.Start {
			e.Level = LevelHouseNo
		}
		if e.Level == LevelRoomNo && i > 0 && i+1 < len(els) && els[i-1].Level == LevelHouseNo &&
			(els[i+1].Level == LevelFloorNo || els[i+1].Level == LevelRoomNo) {
			e.Level = LevelCellNo
		}
		if i+1 < len(els) && strings.HasSuffix(e.Text, "村") && els[i+1].Start == e.End {
			switch {
			case e.Level == LevelCommunity && els[i+1].Level == LevelHouseNo:
				e.Level = LevelPOI
			case e.Level == LevelPOI && els[i+1].Level == LevelRoadNo:
				e.Level = LevelCommunity
			}
		}
		switch e.Level {
		case LevelPOI:
			if poi {
				e.Level = LevelSubPOI
			}
			poi = true
		case LevelRoad:
			if road {
				e.Level, sub = LevelSubroad, true
			}
			road = true
		case LevelRoadNo:
			if sub {
				e.Level = LevelSubroadNo
			}
		}
	}
}

// laneNumber reports whether s is a number and 弄 (669弄).
func laneNumber(s string) bool {
	n, ok := strings.CutSuffix(s, "弄")
	return ok && numeralsOnly(n)
}

// assemble builds the address of elements in text order, unresolved.
func assemble(els []Element) Address {
	if len(els) == 0 {
		return Address{}
	}
	a := Address{Start: els[0].Start, End: els[len(els)-1].End, Elements: els}
	finest := -1
	for _, e := range els {
		finest = max(finest, levelRank(e.Level))
	}
	a.Finest = levels[finest]
	return a
}
