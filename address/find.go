package address

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/internal/memo"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/tagger"
)

//go:embed model.bin
var modelData []byte

var defaultModel = sync.OnceValues(func() (*Model, error) { return Load(modelData) })

// Default returns the embedded model (see MODEL.md), loading it on first
// use.
func Default() (*Model, error) { return defaultModel() }

func mustDefault() *Model {
	m, err := defaultModel()
	if err != nil {
		// The model is compiled into the binary: a load failure is a build
		// defect, caught by the package tests, not an input problem.
		panic(fmt.Sprintf("address: embedded model: %v", err))
	}
	return m
}

// Parse splits s, a string that is (mostly) an address, into elements with
// the embedded model. See Model.Parse.
func Parse(s string) Address { return mustDefault().Parse(s) }

// Find returns the addresses in running text with the embedded model. See
// Model.Find.
func Find(text []byte, dst []pi.Finding) []pi.Finding { return mustDefault().Find(text, dst) }

// Finding attributes besides the element levels.
const (
	// AttrLevel is the finest level of the address.
	AttrLevel = "level"
)

// Validator is the Evidence.Validator of address findings.
const Validator = "gb2260+address-tagger"

type findScratch struct {
	anchors []anchor
	ctxs    []ctxSpan
	text    runeText
	spans   []tagger.Span
}

// ctxSpan is a home-context word (现住, 户籍地：) or the 人 after a native
// place: [start, end) in bytes; or, with label set, the column name of a
// table cell that holds an address (家庭住址), at [0, 0).
type ctxSpan struct {
	start, end int
	label      string
	// native is set for the 人 after a native place: it introduces the
	// address before it, never one after it (湖北孝感人，现住蚌埠市…).
	native bool
}

// word returns the context word of c in text.
func (c ctxSpan) word(text []byte) string {
	if c.label != "" {
		return c.label
	}
	return string(text[c.start:c.end])
}

// before reports whether the context word introduces an address at
// [s, e): it ends at most four characters before it, or it is the 人
// right after it.
func (c ctxSpan) before(s, e int) bool {
	return !c.native && c.end <= s && s-c.end <= 12 || c.start >= e && c.start-e <= 3
}

var findPool = sync.Pool{New: func() any { return new(findScratch) }}

// Find returns the addresses in running text (bulletins, news, registers)
// appended to dst, sorted by start: findings of type pi.Address with byte
// offsets into text, the elements as attributes (one per level, keyed by
// level name: "province", "district", "road", "roomno" …), "level" for the
// finest level and "region" and "region_code" when the names resolve in
// the GB/T 2260 table.
//
// A prefilter finds anchors — a number with a unit after a name (3栋,
// 88号, 2单元), a road after an administrative unit or before a house
// number, a township name of the gazetteer, a compound name (XX小区), a
// home context (现住, 户籍地) — and the tagger runs only on the clause
// around each. What it parses is reported when it is an address rather
// than a place name: it has an element finer than a district (a street, a
// compound, a house number) or follows a home context. A city or district
// alone (北京, 朝阳区) is not reported.
func (m *Model) Find(text []byte, dst []pi.Finding) []pi.Finding {
	return m.FindLabeled(text, "", dst)
}

// technicalLabel reports the labels of addresses that are not places (IP地址,
// 邮箱地址, MAC地址, 网址).
func technicalLabel(label string) bool {
	l := strings.ToLower(label)
	for _, w := range []string{"ip", "mac", "邮箱", "邮件", "电邮", "网", "email", "mail", "服务器", "链接"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// homeLabels are column names and keys whose values are addresses.
var homeLabels = []string{"住址", "地址", "住所", "居住地", "家住", "现住", "户籍地", "籍贯", "出生地", "联系地址", "通讯地址", "家庭住址",
	"所在村", "所在社区", "所在小区", "村居", "村（社区）", "村(社区)", "村/社区", "居住村", "村组",
	"户籍所在", "户口所在", "户籍", "所在地", "常住地", "现居"}

// HomeLabel reports whether a column name or key labels addresses
// (家庭住址, 现住址, 户籍地), not technical ones (IP地址, 邮箱地址).
func HomeLabel(label string) bool {
	if label == "" {
		return false
	}
	return homeLabelMemo.Get(label)
}

// homeLabelMemo caches homeLabel: a register asks it of every cell.
var homeLabelMemo = memo.New(homeLabel)

func homeLabel(label string) bool {
	for _, l := range homeLabels {
		if strings.Contains(label, l) {
			return !technicalLabel(label)
		}
	}
	return false
}

// FindLabeled is Find for a table cell or a JSON value with its column
// name or key: under an address label (家庭住址, 现住址, 户籍地) the cell is
// read as if the label stood before it, so a village or a district alone
// (东风村, 海曙区) is an address there.
func (m *Model) FindLabeled(text []byte, label string, dst []pi.Finding) []pi.Finding {
	home := ""
	if HomeLabel(label) {
		home = label
	}
	first := len(dst)
	m.find(text, home, func(a *Address, ctx string) {
		dst = append(dst, finding(a, ctx))
	})
	slices.SortStableFunc(dst[first:], func(a, b pi.Finding) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	return dst
}

// FindAddresses is Find returning the parsed addresses, with their
// elements' offsets, in text order.
func (m *Model) FindAddresses(text []byte) []Address {
	var out []Address
	m.find(text, "", func(a *Address, _ string) { out = append(out, *a) })
	slices.SortStableFunc(out, func(a, b Address) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// find calls report for each accepted address of text, with the home
// context word before it ("" when none). home, when set, is the label of a
// cell that holds an address: it stands as a context word before text.
func (m *Model) find(text []byte, home string, report func(a *Address, ctx string)) {
	sc := findPool.Get().(*findScratch)
	defer findPool.Put(sc)
	sc.anchors = scan(text, sc.anchors[:0])
	sc.ctxs = sc.ctxs[:0]
	if home != "" && len(text) > 0 {
		// the cell is the address: all of it, up to maxCell runes (a
		// tower's 二号办公楼3201 comes after thirty runes of divisions,
		// road and compound)
		sc.anchors = append(sc.anchors, anchor{start: 0, end: forward(text, 0, maxCell)})
		sc.ctxs = append(sc.ctxs, ctxSpan{label: home})
	}
	if len(sc.anchors) == 0 {
		return
	}
	slices.SortFunc(sc.anchors, func(a, b anchor) int { return cmp.Compare(a.start, b.start) })
	for _, a := range sc.anchors {
		if a.context > 0 {
			sc.ctxs = append(sc.ctxs, ctxSpan{start: a.ctxStart, end: a.context, native: string(text[a.ctxStart:a.context]) == "人"})
		}
	}
	slices.SortStableFunc(sc.ctxs, func(a, b ctxSpan) int { return cmp.Compare(a.start, b.start) })
	ctxs := sc.ctxs
	for _, w := range mergeWindows(sc.anchors) {
		k := 0
		for k < len(ctxs) && ctxs[k].start < w.end {
			k++
		}
		m.findIn(text, w, ctxs[:k], sc, report)
		ctxs = ctxs[k:]
	}
}

// maxExtend bounds how many times a window is lengthened for an address
// that runs into its end.
const maxExtend = 3

// continues reports whether a window ending at i was cut by its length,
// not by a stop, and the text goes on.
func continues(text []byte, i int) bool {
	r, _ := next(text, i)
	p, _ := prev(text, i)
	return r >= 0 && trig(r)&cStop == 0 && p >= 0 && trig(p)&cStop == 0
}

// mergeWindows merges the windows of anchors sorted by start where they
// overlap, in place.
func mergeWindows(as []anchor) []anchor {
	out := as[:1]
	for _, a := range as[1:] {
		last := &out[len(out)-1]
		if a.start <= last.end {
			last.end = max(last.end, a.end)
			continue
		}
		out = append(out, a)
	}
	return out
}

// findIn tags one window and reports the addresses it accepts; ctxs are
// the context words in the window.
func (m *Model) findIn(text []byte, w anchor, ctxs []ctxSpan, sc *findScratch, report func(a *Address, ctx string)) {
	var els []Element
	for ext := 0; ; ext++ {
		s := string(text[w.start:w.end])
		sc.text.reset(s)
		sc.spans = m.tm.Tag(sc.text.r, m.lex, sc.spans[:0])
		els = m.elements(s, &sc.text, w.start, sc.spans)
		// an address running into the window's end may go on past it
		// (…1号IFS国际金|融中心二号办公楼3201): tag a longer window
		if ext == maxExtend || len(els) == 0 || w.end-els[len(els)-1].End > 6 || !continues(text, w.end) {
			break
		}
		w.end = forward(text, w.end, maxFwd)
	}
	var used uint64 // bit k: ctxs[k] introduced an address
	var found [][2]int
	for len(els) > 0 {
		n := groupLen(text, els)
		a := assemble(extendRight(text, w.end, extendLeft(text, w.start, slices.Clone(els[:n]))))
		els = els[n:]
		ctx, k := "", -1
		for i, c := range ctxs {
			if c.before(a.Start, a.End) {
				ctx, k = c.word(text), i
				break
			}
		}
		if accept(text, &a, ctx != "") {
			resolve(&a)
			report(&a, ctx)
			if k >= 0 && k < 64 {
				used |= 1 << k
			}
			found = append(found, [2]int{a.Start, a.End})
		}
	}
	for k, c := range ctxs {
		if k < 64 && used&(1<<k) != 0 {
			continue
		}
		// The tagger missed the place of a home context or native place
		// (常住湖北黄冈, 武汉市人): read the division names there from the
		// gazetteer, and report them if they resolve.
		var chain []Element
		word := c.word(text)
		if word != "人" {
			chain = gazChain(text, c.end, min(w.end, c.end+maxCtx*3), -1)
		} else {
			for p := max(w.start, c.start-36); p < c.start && chain == nil; p++ {
				if ch := gazChain(text, p, c.start, -1); len(ch) > 0 && ch[len(ch)-1].End == c.start {
					chain = ch
				}
			}
		}
		settlement := false
		if word != "人" && (len(chain) == 0 || !resolves(chain)) {
			// nor a division: a village or compound named alone (家住柳溪村的…)
			if e, ok := settlementAt(text, c.end, min(w.end, c.end+maxCtx*3)); ok {
				chain, settlement = []Element{e}, true
			}
		}
		if len(chain) == 0 || len(chain) == 1 && numeralsOnly(chain[0].Text) {
			continue // 居住十一天: 十一 is also the short name of 十一农场
		}
		a := assemble(chain)
		resolve(&a)
		overlaps := slices.ContainsFunc(found, func(f [2]int) bool { return a.Start < f[1] && f[0] < a.End })
		if (a.Code != "" || settlement) && !overlaps {
			report(&a, word)
			found = append(found, [2]int{a.Start, a.End})
		}
	}
}

// resolves reports whether a chain of division names resolves to a code.
func resolves(chain []Element) bool {
	a := assemble(slices.Clone(chain))
	resolve(&a)
	return a.Code != ""
}

// settlements are the endings of a village's or a residential compound's
// name, with the element level they give, longest first.
var settlements = []struct{ suffix, level string }{
	{"社区", LevelCommunity}, {"新村", LevelCommunity}, {"村", LevelCommunity}, {"屯", LevelCommunity},
	{"寨", LevelCommunity}, {"小区", LevelPOI}, {"花园", LevelPOI}, {"家园", LevelPOI}, {"公寓", LevelPOI},
}

// genericSettlement are the words before a settlement ending that make it
// a kind of place rather than a name (农村, 本小区, 城中村).
var genericSettlement = map[string]bool{"农": true, "山": true, "乡": true, "渔": true, "本": true, "该": true, "同": true,
	"邻": true, "我": true, "此": true, "这": true, "那": true, "城中": true, "新农": true, "老": true, "全": true, "各": true,
	"外": true, "某": true, "附近": true, "周边": true, "这个": true, "那个": true, "一个": true, "高档": true, "新": true}

// settlementAt reads a village or compound named alone at text[start:end]
// after a home context word (家住柳溪村, 住幸福小区): two to eight Han
// characters up to one of the settlements' endings, with no Han character
// after it but 的. The tagger, which learned villages inside full
// addresses, often misses one named alone at the end of a clause.
func settlementAt(text []byte, start, end int) (Element, bool) {
	n := 0
	for p := start; p < end && n < 8; {
		r, size := utf8.DecodeRune(text[p:end])
		if !isHan(r) || class(r)&cFunction != 0 && n > 0 {
			break
		}
		p += size
		n++
		if n < 2 {
			continue
		}
		for _, st := range settlements {
			if !bytes.HasSuffix(text[start:p], []byte(st.suffix)) || utf8.RuneCount(text[start:p])-utf8.RuneCountInString(st.suffix) < 1 {
				continue
			}
			if nr, _ := next(text, p); isHan(nr) && nr != '的' {
				break // 柳溪村委会, 村民: the name goes on
			}
			if genericSettlement[strings.TrimSuffix(string(text[start:p]), st.suffix)] {
				return Element{}, false // 家住农村, 住本小区: no name
			}
			return Element{Level: st.level, Start: start, End: p, Text: string(text[start:p]), Score: 0.7}, true
		}
	}
	return Element{}, false
}

// gazChain reads a chain of division names (full or short forms, each finer
// than the one before, the first finer than prevRank) from text[start:end],
// longest name first.
func gazChain(text []byte, start, end, prevRank int) []Element {
	if start < 0 || start >= end || !utf8.RuneStart(text[start]) {
		return nil
	}
	g := sharedGazetteer()
	var out []Element
	for p := start; p < end; {
		node := int32(0)
		bestEnd, bestLevel := -1, ""
		for q := p; q < end; {
			r, n := utf8.DecodeRune(text[q:end])
			if node = g.trie.next(node, r); node < 0 {
				break
			}
			q += n
			if k := g.trie.final[node]; k != 0 {
				if l := chainLevel(k, string(text[p:q]), prevRank); l != "" {
					bestEnd, bestLevel = q, l
				}
			}
		}
		if bestEnd < 0 {
			break
		}
		out = append(out, Element{Level: bestLevel, Start: p, End: bestEnd, Text: string(text[p:bestEnd]), Score: 0.8})
		prevRank = levelRank(bestLevel)
		p = bestEnd
	}
	return out
}

// chainLevel returns the coarsest element level a gazetteer word of kinds k
// can be that is finer than prevRank, "" for none.
func chainLevel(k uint32, name string, prevRank int) string {
	for lv := 0; lv < numGaz; lv++ {
		if k&(1<<(markFullKind+lv)|1<<(markShortKind+lv)) == 0 {
			continue
		}
		var l string
		switch lv {
		case gazProvince:
			l = LevelProvince
			if strings.HasSuffix(name, "市") || k&(1<<(markShortKind+lv)) != 0 && municipality(name) {
				l = LevelCity
			}
		case gazCity:
			l = LevelCity
		case gazCounty:
			l = LevelDistrict
		case gazTown:
			l = LevelTown
		}
		if levelRank(l) > prevRank {
			return l
		}
	}
	return ""
}

// municipality reports whether a short province name is one of the four
// municipalities, which addresses write as cities.
func municipality(name string) bool {
	switch name {
	case "北京", "上海", "天津", "重庆":
		return true
	}
	return false
}

// groupLen returns how many of els, from the first, form one address:
// elements that follow each other directly or with a few characters the
// tagger left out between them, but no punctuation, no function word
// (杭州市的文三路) and no verb of a journey (十堰市返回驿城区); and no
// province, city or county as coarse as the division before it or coarser
// (昆明市 then 六盘水市: two places; a repeat of the same name is gone by
// now, see dropRepeats). A township after a township may be a street's
// name (卅铺镇柳树湾街道).
func groupLen(text []byte, els []Element) int {
	n := 1
	for n < len(els) {
		if levelRank(els[n].Level) <= levelRank(LevelDistrict) && Administrative(els[n-1].Level) &&
			levelRank(els[n].Level) <= levelRank(els[n-1].Level) {
			break
		}
		gap := text[els[n-1].End:els[n].Start]
		if travelVerb(string(gap)) {
			break
		}
		runes, ok := 0, true
		name := gapName(gap)
		for _, r := range string(gap) {
			runes++
			if class(r)&cFunction != 0 && !name || trig(r)&cStop != 0 || !isHan(r) && class(r)&(cDigit|cLetter) == 0 && !strings.ContainsRune(" -_#—\u3000", r) {
				ok = false
			}
		}
		if !ok || runes > 5 {
			break
		}
		n++
	}
	return n
}

// gapName reports whether the text between two elements is a place's name
// the tagger left out though a function word opens it: 和 then the end of
// a name (朝阳区和平里东土城路: 和平里 is a neighbourhood, not "and").
func gapName(gap []byte) bool {
	rest, ok := bytes.CutPrefix(gap, []byte("和"))
	if !ok || utf8.RuneCount(rest) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRune(rest)
	return trig(r)&cNameEnd != 0
}

// accept decides whether a parsed group is an address worth reporting.
func accept(text []byte, a *Address, context bool) bool {
	var has [numLevels]bool
	for _, e := range a.Elements {
		has[levelRank(e.Level)] = true
	}
	at := func(ls ...string) bool {
		for _, l := range ls {
			if has[levelRank(l)] {
				return true
			}
		}
		return false
	}
	chain := at(LevelProvince, LevelCity, LevelDistrict)
	named := at(LevelRoad, LevelSubroad, LevelPOI, LevelSubPOI, LevelCommunity, LevelTown)
	number := at(LevelRoadNo, LevelSubroadNo, LevelHouseNo, LevelCellNo, LevelFloorNo, LevelRoomNo)
	if len(a.Elements) == 1 && numeralsOnly(a.Elements[0].Text) {
		return false // 居住十一天: a number, not a place
	}
	for _, e := range a.Elements {
		if r, _ := utf8.DecodeRuneInString(e.Text); strings.ContainsRune("年月日季届期", r) && e.Start > 0 && isASCIIDigit(text[e.Start-1]) {
			return false // XX镇2025年第三季度…: a date after a town, no place
		}
	}
	switch {
	case context:
		return true
	case number && (named || chain):
		return true
	case named && chain:
		return true
	case at(LevelTown) && at(LevelCommunity, LevelRoad, LevelPOI):
		return true
	case at(LevelHouseNo) && at(LevelCellNo) && at(LevelRoomNo, LevelFloorNo) && unitWords(a):
		return true // 12栋3单元502的王女士: a flat in the compound everyone in the chat lives in
	}
	if len(a.Elements) == 1 && a.Elements[0].Level == LevelPOI ||
		len(a.Elements) == 2 && a.Elements[0].Level == LevelPOI && compoundPart(a.Elements[1]) && a.Elements[1].Start == a.Elements[0].End {
		return compound(text, a.Elements[0]) // 幸福里小区, and its gate 幸福里小区东门
	}
	return false
}

// compoundPart reports whether e is a part of the compound before it: a
// gate, a phase or a section (东门, 二期, 北区), no second name.
func compoundPart(e Element) bool {
	if e.Level != LevelSubPOI || utf8.RuneCountInString(e.Text) > 3 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(e.Text)
	return r == '门' || r == '期' || r == '区'
}

// unitWords reports whether an address's building and unit are written
// with their words (12栋, 5号楼, 3幢; 2单元), not numbers alone (12-3-502
// is as often a date or a code).
func unitWords(a *Address) bool {
	for _, e := range a.Elements {
		switch e.Level {
		case LevelHouseNo:
			if !strings.HasSuffix(e.Text, "栋") && !strings.HasSuffix(e.Text, "幢") && !strings.HasSuffix(e.Text, "楼") {
				return false
			}
		case LevelCellNo:
			if !strings.HasSuffix(e.Text, "单元") {
				return false
			}
		}
	}
	return true
}

// numeralsOnly reports whether s is written in digits or Chinese numerals
// alone.
func numeralsOnly(s string) bool {
	for _, r := range s {
		if class(r)&(cDigit|cNumeral) == 0 {
			return false
		}
	}
	return s != ""
}

// extendLeft prepends to a group the division names written right before
// it that the tagger left out (搬到静安区柳营路…: the tagger rarely sees a
// district after a verb), each coarser than the element after it. Only
// full names count (静安区, not 静安), and nothing before start (the
// window's start).
func extendLeft(text []byte, start int, els []Element) []Element {
	g := sharedGazetteer()
	for {
		first := els[0]
		end := first.Start
		node, best := int32(0), -1
		for i := end; i > start; {
			r, p := prev(text, i)
			if node = g.rtrie.next(node, r); node < 0 {
				break
			}
			i = p
			if g.rtrie.final[node]&rFull != 0 {
				best = i
			}
		}
		if best < 0 {
			return els
		}
		name := string(text[best:end])
		level := g.levelOf(name)
		if level == "" || levelRank(level) >= levelRank(first.Level) {
			return els
		}
		els = slices.Insert(els, 0, Element{Level: level, Start: best, End: end, Text: name, Score: 0.9})
	}
}

// extendRight appends to a group that ends with a province, city or
// district the finer division names written right after it that the
// tagger left out (湖北黄冈: short forms after short forms), up to end.
func extendRight(text []byte, end int, els []Element) []Element {
	last := els[len(els)-1]
	if e, ok := maskedSettlement(text, last); ok {
		return append(els, e)
	}
	if r := levelRank(last.Level); r < levelRank(LevelProvince) || r > levelRank(LevelDistrict) {
		return els
	}
	chain := gazChain(text, last.End, end, levelRank(last.Level))
	if len(chain) == 0 {
		return els
	}
	// only the first name, the tagger saw what follows; a short form only
	// before punctuation or a space between a form's fields (湖北黄冈。,
	// 籍贯：甘肃临夏　宗教信仰; not 朝阳区建国门外 read as 建国)
	next := chain[0]
	if r, _ := utf8.DecodeRune(text[next.End:]); sharedGazetteer().levelOf(next.Text) == "" && next.End < len(text) && trig(r)&cStop == 0 &&
		r != ' ' && r != '\u3000' {
		return els
	}
	return append(els, next)
}

// maskedSettlements are the words after 某 or 某某 that name a masked
// village, community or township, with the level they are.
var maskedSettlements = []struct{ word, level string }{{"社区", LevelCommunity}, {"小区", LevelPOI}, {"街道", LevelTown},
	{"村", LevelCommunity}, {"组", LevelCommunity}, {"镇", LevelTown}, {"乡", LevelTown}}

// maskedSettlement reads a masked settlement right after a district or a
// township that the tagger left out (七星关区|某村的留守儿童: a report that
// hides the village still says it is one).
func maskedSettlement(text []byte, last Element) (Element, bool) {
	if r := levelRank(last.Level); r < levelRank(LevelDistrict) || r > levelRank(LevelTown) {
		return Element{}, false
	}
	i := last.End
	n := 0
	for n < 2 && bytes.HasPrefix(text[i:], []byte("某")) {
		i += len("某")
		n++
	}
	if n == 0 {
		return Element{}, false
	}
	for _, m := range maskedSettlements {
		if bytes.HasPrefix(text[i:], []byte(m.word)) && levelRank(m.level) > levelRank(last.Level) {
			end := i + len(m.word)
			return Element{Level: m.level, Start: last.End, End: end, Text: string(text[last.End:end])}, true
		}
	}
	return Element{}, false
}

// compound reports whether a poi found alone is a residential compound:
// its name ends with a compound word (XX小区, XX花园), is two characters or
// more before it, and stands on its own — not the tail of a longer word
// (维多利亚花园 tagged from 利亚), not a title in 《》, not the object of a
// verb (建青年公寓, 直达小区).
func compound(text []byte, p Element) bool {
	var name string
	for _, w := range compoundWords {
		if n, ok := strings.CutSuffix(p.Text, w); ok {
			name = n
			break
		}
	}
	if utf8.RuneCountInString(name) < 2 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(name)
	if strings.ContainsRune(verbStarts, first) {
		return false
	}
	pr, _ := prev(text, p.Start)
	switch {
	case pr == '《' || pr == '“' || pr == '"':
		return false
	case isHan(pr) && class(pr)&cFunction == 0 && !strings.ContainsRune("住于到至入进", pr):
		return false
	}
	return true
}

// verbStarts are characters that, first in a compound's name, are more
// likely a verb in front of a common noun (建青年公寓, 直达小区, 进小区).
const verbStarts = "建直到去进出回住买卖租搬入在从向往离近临靠过经找看逛游是有和与及或"

// finding builds the finding of an accepted address.
func finding(a *Address, ctx string) pi.Finding {
	f := pi.Finding{
		Type:     pi.Address,
		Category: pi.CatAddress,
		Start:    a.Start,
		End:      a.End,
		Source:   "address",
		Evidence: pi.Evidence{Validator: Validator, Valid: a.Code != ""},
	}
	sum := 0.0
	for _, e := range a.Elements {
		sum += e.Score
		if f.Attr(e.Level) == "" {
			f.SetAttr(e.Level, e.Text)
		}
	}
	f.SetAttr(AttrLevel, a.Finest)
	if a.Code != "" {
		f.SetAttr(pi.AttrRegion, a.Region)
		f.SetAttr(pi.AttrRegionCode, a.Code)
	}
	// More elements, a resolved region and a home context make an address
	// more certain; the tagger's confidence scales it.
	score := 0.55 + 0.07*float64(min(len(a.Elements)-1, 4))
	if a.Code != "" {
		score += 0.05
	}
	if ctx != "" {
		score += 0.08
		f.Evidence.Context = []string{ctx}
	}
	score *= 0.6 + 0.4*sum/float64(len(a.Elements))
	f.Score = min(score, 0.99)
	return f
}

// isASCIIDigit reports whether c is 0-9.
func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }
