package address

import (
	"unicode/utf8"
)

// The prefilter. Find must cost little on text without addresses, and the
// tagger costs about a microsecond a character, so it runs only on windows
// around anchors: places where an element finer than a district very
// likely ends (路 before a house number, 3栋, 2单元, XX小区, a township name
// from the gazetteer, a road after a county) or where a home context starts
// (现住, 户籍地). Each trigger character is checked against its neighbours
// with a few table lookups; most occurrences of 路, 号, 区 in prose (道路,
// 号召, 地区) fail there and never reach the tagger.

// Rune classes of the prefilter table.
const (
	cUnit      = 1 << iota // 号 栋 幢 层 楼 室 座 元 弄 巷 组 户: ends a number element
	cRoad                  // 路 街 巷 弄 道 同: ends a road
	cTown                  // 镇 乡 道: ends a township or street
	cCommunity             // 村 区 会: ends a village or community
	cCompound              // 区 园 苑 寓 村 庄 馆 府 庭 邸 居 城: ends a compound word
	cContext               // 住 籍 贯 生 址 居 人: ends a home-context word or a native place
	cNameEnd               // a rune that can end a name a number follows
	cStop                  // punctuation that ends a window
)

// Other rune classes, for numbers and admin suffixes.
const (
	cDigit     = 1 << iota // ASCII or full-width digit
	cNumeral               // Chinese numeral
	cLetter                // ASCII or full-width letter
	cAdmin                 // 省 市 区 县 镇 乡 旗: an administrative suffix
	cFunction              // a function word that cannot end a place name
	cNotRoad               // a rune that with 路 makes a common word (道路, 思路)
	cNotNumber             // after 号: 号线, 号召, 号称
	cPlaceEnd              // ends a venue a township may precede (卫生院, 超市, 车站)
)

var (
	trigTab  [0x10000]uint8
	classTab [0x10000]uint8
)

func init() {
	set := func(tab *[0x10000]uint8, s string, c uint8) {
		for _, r := range s {
			tab[r] |= c
		}
	}
	set(&trigTab, "号栋幢层楼室座元弄巷组户", cUnit)
	set(&trigTab, "路街巷弄道同", cRoad)
	set(&trigTab, "镇乡道", cTown)
	set(&trigTab, "村区会", cCommunity)
	set(&trigTab, "区园苑寓村庄馆府庭邸居城", cCompound)
	set(&trigTab, "住籍址居人贯生", cContext)
	set(&trigTab, "路街巷弄道村区园苑城厦楼座栋幢号单元里庭府居湾庄坊院寓舍墅邸阁轩场心组期馆镇乡苑坊门", cNameEnd)
	set(&trigTab, "。，；！？、：,;!?:()（）【】[]《》“”\"\n\r\t|｜\u3000", cStop)
	set(&classTab, "0123456789０１２３４５６７８９", cDigit)
	set(&classTab, "一二三四五六七八九十百零〇两", cNumeral)
	set(&classTab, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ", cLetter)
	set(&classTab, "省市区县镇乡旗", cAdmin)
	set(&classTab, "的了是在和与及等这那该本此各每其个为从向往到于对把被让给将就都也还又很更最共约", cFunction)
	set(&classTab, "道一铁马线网思出活套半来去走歧迷同末退进之生电回水门陆山弯近问引带领赶开让拦上销后前心绕过修筑夜长小大老公", cNotRoad)
	set(&classTab, "线召称令码角外手码子", cNotNumber)
	set(&classTab, "院店站馆场所厂司校园苑城楼厦心室堂寺局部点市", cPlaceEnd)
}

func trig(r rune) uint8 {
	if r >= 0 && r < 0x10000 {
		return trigTab[r]
	}
	return 0
}

func class(r rune) uint8 {
	if r >= 0 && r < 0x10000 {
		return classTab[r]
	}
	return 0
}

// isHan reports whether r is a CJK unified ideograph (BMP).
func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// anchor is a window of the text where the tagger should run.
type anchor struct {
	start, end int // bytes
	// ctxStart and context are the bounds of the home-context word
	// (现住, 户籍地址：) the window starts with; context is 0 when none.
	ctxStart, context int
}

// maxBack and maxFwd bound the window around an anchor, maxCtx the one
// after a home-context word, maxCell the one over a cell under an address
// column, in runes.
const (
	maxBack = 16
	maxFwd  = 10
	maxCtx  = 32
	maxCell = 80 // a cell under an address column
)

// scan finds the anchors of text and appends them to dst in text order.
func scan(text []byte, dst []anchor) []anchor {
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			i++
			continue
		}
		var r rune
		n := 3
		if c >= 0xE0 && c < 0xF0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
		} else {
			r, n = utf8.DecodeRune(text[i:])
		}
		if t := trig(r); t&^(cNameEnd|cStop) != 0 {
			if a, ok := check(text, i, i+n, r, t); ok {
				dst = append(dst, a)
			}
		}
		i += n
	}
	return dst
}

// prev returns the rune before byte offset i and its start, or (-1, i).
func prev(text []byte, i int) (rune, int) {
	if i <= 0 {
		return -1, i
	}
	r, n := utf8.DecodeLastRune(text[:i])
	return r, i - n
}

// next returns the rune at byte offset i and the offset after it, or
// (-1, i).
func next(text []byte, i int) (rune, int) {
	if i >= len(text) {
		return -1, i
	}
	r, n := utf8.DecodeRune(text[i:])
	return r, i + n
}

// numberBefore returns the start of the run of digits, letters or Chinese
// numerals that ends at i, and whether it has ASCII or full-width digits.
func numberBefore(text []byte, i int) (start int, digits, ok bool) {
	start = i
	for k := 0; k < 12; k++ {
		r, s := prev(text, start)
		cl := class(r)
		if cl&(cDigit|cLetter|cNumeral) == 0 && r != '-' && r != '－' {
			break
		}
		if cl&cDigit != 0 {
			digits = true
		}
		start = s
	}
	// a leading hyphen belongs to the previous number
	for start < i && (text[start] == '-') {
		start++
	}
	return start, digits, start < i
}

// numberAfter returns the end of the run of digits or Chinese numerals
// that starts at i.
func numberAfter(text []byte, i int) (end int, ok bool) {
	end = i
	for k := 0; k < 8; k++ {
		r, e := next(text, end)
		if class(r)&(cDigit|cNumeral) == 0 && r != '-' {
			break
		}
		end = e
	}
	return end, end > i
}

// nameBefore reports whether the two runes before i are Han characters
// that can be part of a name (not function words).
func nameBefore(text []byte, i int) bool {
	r1, s1 := prev(text, i)
	r2, _ := prev(text, s1)
	return isHan(r1) && isHan(r2) && class(r1)&cFunction == 0 && class(r2)&cFunction == 0
}

// adminBefore reports whether an administrative suffix (区 县 市 镇 乡 旗
// 省) lies within maxBack runes before i, with no stop between, and not
// directly before i.
func adminBefore(text []byte, i int) bool {
	j := i
	for k := 0; k < 16; k++ {
		r, s := prev(text, j)
		if r < 0 || trig(r)&cStop != 0 {
			return false
		}
		if k > 0 && class(r)&cAdmin != 0 {
			return true
		}
		j = s
	}
	return false
}

// wordBefore reports whether the bytes before offset end spell w.
func wordBefore(text []byte, end int, w string) bool {
	return end >= len(w) && string(text[end-len(w):end]) == w
}

// contextWords are the home-context words, by their last rune, longest
// first. 在, 于, 地, 为 and a colon after them are skipped (居住于, 户籍地：).
var contextWords = map[rune][]string{
	'住': {"现住", "家住", "居住", "暂住", "常住", "住"},
	'籍': {"户籍", "原籍", "祖籍"},
	'贯': {"籍贯"},
	'生': {"出生", "生"},
	'址': {"家庭住址", "户籍地址", "居住地址", "现住址", "住址", "地址"},
	'居': {"现居", "定居", "寓居"},
}

// dateAt reports whether a date starts at i (2010年, 二〇一〇年, 1990-05):
// digits, or Chinese numerals followed by 年, 月 or 日 (四川 starts with a
// numeral and is no date).
func dateAt(text []byte, i int) bool {
	r, e := next(text, i)
	if r >= '0' && r <= '9' {
		return true
	}
	for k := 0; k < 5 && class(r)&cNumeral != 0; k++ {
		r, e = next(text, e)
		if r == '年' || r == '月' || r == '日' {
			return true
		}
	}
	return false
}

// notAfterBare住 are the characters after a 住 at the start of a field that
// make it a word of its own (，住院治疗, ，住宿费) rather than "lives at".
var notAfterBare住 = map[rune]bool{'院': true, '宿': true, '房': true, '店': true, '所': true, '户': true, '手': true,
	'口': true, '嘴': true, '进': true, '满': true, '下': true, '上': true, '着': true, '了': true, '过': true, '得': true,
	'不': true, '的': true, '处': true}

// check decides whether the trigger rune r at [i, j) anchors a window.
func check(text []byte, i, j int, r rune, t uint8) (anchor, bool) {
	if r == '人' {
		return checkOrigin(text, i, j)
	}
	if t&cContext != 0 {
		for _, w := range contextWords[r] {
			if !wordBefore(text, j, w) {
				continue
			}
			if w == "出生" {
				// 出生地, 出生于 a place; not 出生于2010年, 出生日期
				nr, e := next(text, j)
				if nr != '地' && nr != '于' && nr != '在' {
					continue
				}
				if dateAt(text, e) {
					continue
				}
			}
			if w == "生" {
				// a record's field 生于 a place (个人史：生于四川省南充市);
				// not 发生于, 产生于, 生于1990年
				nr, e := next(text, j)
				pr, _ := prev(text, j-len(w))
				if nr != '于' || !(pr < 0 || trig(pr)&cStop != 0 || pr == ' ') {
					continue
				}
				if dateAt(text, e) {
					continue
				}
			}
			if w == "住" {
				// a bare 住 before 在/于 (住在, 住于), or opening a record
				// field (男，45岁，住东城区…); 住院, 记住 are no context
				nr, _ := next(text, j)
				pr, _ := prev(text, j-len(w))
				if nr != '在' && nr != '于' && !(pr < 0 || trig(pr)&cStop != 0 || pr == ' ') || notAfterBare住[nr] {
					continue
				}
			}
			end := j
			// 住址：, 住在, 住于, 地为, 户籍所在地：
			for k := 0; k < 4; k++ {
				nr, e := next(text, end)
				if nr == '在' || nr == '于' || nr == '：' || nr == ':' || nr == '为' || nr == '地' || nr == ' ' || nr == '所' && w == "户籍" {
					end = e
					continue
				}
				break
			}
			// a place must follow: not punctuation (地址，), not a function
			// word (居住在这样一个…)
			if nr, _ := next(text, end); nr < 0 || trig(nr)&cStop != 0 || class(nr)&cFunction != 0 {
				continue
			}
			return anchor{start: j - len(w), end: forward(text, end, maxCtx), ctxStart: j - len(w), context: end}, true
		}
	}
	if t&cUnit != 0 {
		if a, ok := checkUnit(text, i, j, r); ok {
			return a, true
		}
	}
	if t&cRoad != 0 {
		pr, _ := prev(text, i)
		var road bool
		switch {
		case r == '道':
			road = pr == '大' // 大道; 街道 is a town
		case r == '同':
			road = pr == '胡'
		case r == '街' && pr == '大':
			road = true
		default:
			road = isHan(pr) && class(pr)&(cNotRoad|cFunction) == 0
		}
		if road {
			// a house number after the road, or an admin unit before it
			if e, ok := numberAfter(text, j); ok {
				if nr, _ := next(text, e); nr == '号' || nr == '弄' || nr == '巷' {
					return window(text, i, j), true
				}
			}
			if adminBefore(text, i) {
				return window(text, i, j), true
			}
		}
	}
	if t&cTown != 0 {
		// a township alone is no address: it needs a county or city
		// before it, or a village, road or number after it
		if r != '道' || wordBefore(text, i, "街") {
			if (townBefore(text, j) || adminBefore(text, i)) && (adminBefore(text, i) || finerAfter(text, j)) {
				return window(text, i, j), true
			}
		}
	}
	if t&cCommunity != 0 {
		ok := r == '村' || r == '区' && wordBefore(text, i, "社") || r == '会' && (wordBefore(text, i, "居委") || wordBefore(text, i, "村委"))
		if ok && adminBefore(text, i) {
			return window(text, i, j), true
		}
		if ok && r == '村' {
			if e, ok := numberAfter(text, j); ok {
				if nr, _ := next(text, e); nr == '组' || nr == '号' || nr == '队' {
					return window(text, i, j), true
				}
			}
		}
	}
	if t&cCompound != 0 {
		for _, w := range compoundsBy[r] {
			if wordBefore(text, j, w) && nameBefore(text, j-len(w)) {
				// not a title (《爱情公寓》, 呼啸山庄》)
				if nr, _ := next(text, j); nr == '》' || nr == '”' {
					return anchor{}, false
				}
				return window(text, i, j), true
			}
		}
	}
	return anchor{}, false
}

// checkOrigin anchors on a native place in a case description: a clause
// that is only an administrative name and 人 (，西安市新城区人，,
// 衡阳人，), which bulletins write for where a person is registered.
func checkOrigin(text []byte, i, j int) (anchor, bool) {
	if nr, _ := next(text, j); nr >= 0 && nr != '，' && nr != '。' && nr != '；' && nr != '、' && nr != ',' && nr != ' ' {
		return anchor{}, false
	}
	pr, _ := prev(text, i)
	if class(pr)&cAdmin == 0 && !adminShortBefore(text, i) {
		return anchor{}, false
	}
	a := window(text, i, j)
	// the clause must be the place alone: two to thirteen runes, no function
	// word (是福安人, 他们是江苏盐城人)
	n := 0
	for _, r := range string(text[a.start:i]) {
		n++
		if class(r)&cFunction != 0 || trig(r)&cStop != 0 && n > 1 {
			return anchor{}, false
		}
	}
	if n < 2 || n > 13 {
		return anchor{}, false
	}
	a.ctxStart, a.context = i, j
	return a, true
}

// finerAfter reports whether an element finer than a township may follow
// j: a rune ending a village, road, compound, venue or number comes within
// eight runes, before any punctuation.
func finerAfter(text []byte, j int) bool {
	e := j
	for k := 0; k < 8; k++ {
		r, p := next(text, e)
		if r < 0 || trig(r)&cStop != 0 {
			return false
		}
		if trig(r)&(cUnit|cRoad|cCommunity|cCompound) != 0 || class(r)&cPlaceEnd != 0 {
			return true
		}
		e = p
	}
	return false
}

// adminShortBefore reports whether the short form of a province, city or
// county (衡阳, 绵竹) ends at i.
func adminShortBefore(text []byte, i int) bool {
	g := sharedGazetteer()
	node := int32(0)
	for end := i; end > 0; {
		r, s := prev(text, end)
		if node = g.rtrie.next(node, r); node < 0 {
			return false
		}
		if g.rtrie.final[node]&rAdmin != 0 {
			return true
		}
		end = s
	}
	return false
}

// compoundWords end the names of residential compounds: XX小区 alone is an
// address. Office buildings (大厦), villas (别墅) and dormitories (宿舍) are
// not among them: alone they are places, with a floor or a room they are
// found by their number.
var compoundWords = []string{"小区", "花园", "家园", "公寓", "新村", "苑", "山庄", "公馆", "华府", "华庭", "名邸", "嘉园", "雅居", "新城"}

// compoundsBy indexes compoundWords by their last rune.
var compoundsBy = func() map[rune][]string {
	m := map[rune][]string{}
	for _, w := range compoundWords {
		r, _ := utf8.DecodeLastRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}()

// checkUnit anchors on a number unit (3栋, 2单元, 1203室, 88号) with a
// name before the number.
func checkUnit(text []byte, i, j int, r rune) (anchor, bool) {
	unitStart := i
	switch r {
	case '元':
		if !wordBefore(text, i, "单") {
			return anchor{}, false
		}
		unitStart = i - len("单")
	case '楼':
		if wordBefore(text, i, "号") {
			unitStart = i - len("号")
		}
	case '号':
		if nr, _ := next(text, j); class(nr)&cNotNumber != 0 {
			return anchor{}, false
		}
	}
	s, digits, ok := numberBefore(text, unitStart)
	if !ok {
		return anchor{}, false
	}
	pr, _ := prev(text, s)
	if trig(pr)&cNameEnd == 0 && class(pr)&cLetter == 0 {
		return anchor{}, false
	}
	if !digits {
		// 三栋 after a compound is fine; 一层, 一楼 in prose are not
		if r == '层' || r == '楼' && unitStart == i || r == '号' || r == '户' || r == '组' {
			return anchor{}, false
		}
	}
	return window(text, i, j), true
}

// townBefore reports whether a township name of the gazetteer ends at j.
func townBefore(text []byte, j int) bool {
	g := sharedGazetteer()
	node := int32(0)
	for end := j; end > 0; {
		r, s := prev(text, end)
		if node = g.rtrie.next(node, r); node < 0 {
			return false
		}
		if g.rtrie.final[node]&rTown != 0 {
			return true
		}
		end = s
	}
	return false
}

// window returns the anchor for a trigger at [i, j): back to a stop or
// maxBack runes, forward to a stop or maxFwd runes.
func window(text []byte, i, j int) anchor {
	s := i
	for k := 0; k < maxBack; k++ {
		r, p := prev(text, s)
		if r < 0 || trig(r)&cStop != 0 {
			break
		}
		s = p
	}
	return anchor{start: s, end: forward(text, j, maxFwd)}
}

// forward returns the end of a window from j: n runes on, or after the
// first stop (the tagger learned that addresses end before punctuation;
// one that ends the text without it looks unfinished: 现住海曙区).
func forward(text []byte, j, n int) int {
	e := j
	for k := 0; k < n; k++ {
		r, p := next(text, e)
		if r < 0 {
			break
		}
		e = p
		if trig(r)&cStop != 0 {
			break
		}
	}
	return e
}
