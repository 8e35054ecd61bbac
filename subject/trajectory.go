package subject

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// A trajectory is the record of a person's movements that epidemic
// bulletins publish: dated or timed visits to places, the trains, flights
// and seats taken, where the person returned from and stayed. Its steps
// are made of findings already found (dates, places, addresses, transport);
// Trajectories adds one finding per entry or sentence run that holds at
// least two steps, spanning the itinerary, with the steps as attributes
// ("step_1" = "date=12月1日10时; transport=G8512 08车12F; place=…").

// stepTypes are the findings a step is made of.
var stepTypes = map[pi.Type]string{
	pi.Date: "date", pi.Place: "place", pi.Address: "place", pi.TrainNumber: "transport",
	pi.FlightNumber: "transport", pi.SeatNumber: "transport", pi.LicensePlate: "transport",
	pi.GPSCoordinate: "place",
}

// timeRe matches a time of day (10时, 10时许, 16时30分, 9点半, 19:00, 下午4点),
// and stepWords that or a means of travel that no recognizer reports (乘坐
// 地铁2号线, 出租车, 步行): parts of an itinerary's step, not findings.
var (
	timeRe    = regexp.MustCompile(`^(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|当晚|晚)?\d{1,2}(?:[:：]\d{2}|[时点](?:\d{1,2}分)?(?:半|许|左右)?)$`)
	stepWords = regexp.MustCompile(`(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|当晚|晚)?\d{1,2}(?:[:：]\d{2}|[时点](?:\d{1,2}分)?(?:半|许|左右)?)|地铁\d{1,2}号线|\d{1,3}路公交车?|公交车|出租车|网约车|私家车|自驾车?|大巴车?|长途汽车|步行|骑行|电动车|摩托车`)
)

// part is a time or a means of travel in the text of a step.
type part struct {
	kind       string // "time" or "transport"
	start, end int
}

// stepParts returns the times and means of travel in text[from:to]; a
// word for travel that is part of a noun (步行街) is none.
func stepParts(text []byte, from, to int) []part {
	if from >= to {
		return nil // a finding ran past the unit's end
	}
	// only what stands near the part: the last clause before a place
	// (…，16时到达…), at most 120 bytes; and nothing to look for without a
	// digit or a word for a vehicle or a way of going
	if to-from > 120 {
		if c := bytes.LastIndexAny(text[from:to], "，。；,;"); c >= 0 && c+1 < to-from {
			from += c + 1
		}
		from = max(from, to-120)
		for from < to && !utf8.RuneStart(text[from]) {
			from++
		}
	}
	if !hasStepWord(text[from:to]) {
		return nil
	}
	var out []part
	for _, m := range stepWords.FindAllIndex(text[from:to], -1) {
		p := part{kind: "time", start: from + m[0], end: from + m[1]}
		if !timeRe.Match(text[p.start:p.end]) {
			p.kind = "transport"
			if r, _ := utf8.DecodeRune(text[p.end:]); strings.ContainsRune("街道桥梯站场", r) {
				continue
			}
			if rest := text[p.end:]; bytes.HasPrefix(rest, []byte("司机")) || bytes.HasPrefix(rest, []byte("公司")) || bytes.HasPrefix(rest, []byte("师傅")) {
				continue // 出租车司机: a job, not a ride
			}
		}
		out = append(out, p)
	}
	return out
}

// clip shortens text[from:to] to its first 120 bytes (on a rune boundary):
// the tail of a step's line that can still belong to it.
func clip(text []byte, from, to int) int {
	if to-from <= 120 {
		return to
	}
	to = from + 120
	for to > from && !utf8.RuneStart(text[to]) {
		to--
	}
	return to
}

// travelWords start the means of travel stepWords matches.
var travelWords = [][]byte{[]byte("地铁"), []byte("公交"), []byte("出租车"), []byte("网约车"), []byte("私家车"), []byte("自驾"),
	[]byte("大巴"), []byte("长途汽车"), []byte("步行"), []byte("骑行"), []byte("电动车"), []byte("摩托车"), []byte("路公交")}

// hasStepWord is a quick test before stepWords: a digit (of a time or a
// bus line) or a travel word.
func hasStepWord(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return containsAny(b, travelWords)
}

// maxGapLines is how many whole lines without a step may stand between two
// steps of one itinerary in a case entry.
const maxGapLines = 2

// moveWords say a clause describes movement or a stay.
var moveWords = []string{"乘坐", "乘", "搭乘", "前往", "到达", "抵达", "返回", "返", "回到", "到", "至", "途经", "入住",
	"住在", "居住", "就诊", "购物", "就餐", "停留", "逗留", "参加", "探亲", "出发", "离开", "去", "往", "驾车", "打车"}

// Trajectories appends trajectory findings for text, cut into units by
// Units, to fs (sorted by Start) and returns the result, sorted.
func Trajectories(text []byte, units []Unit, fs []pi.Finding) []pi.Finding {
	var add []pi.Finding
	// emit adds the itinerary of steps when it has two steps or more and
	// its lines speak of movement.
	emit := func(steps []step) {
		if len(steps) < 2 {
			return
		}
		first, last := steps[0].start, steps[len(steps)-1].end
		// never end inside another finding (a place 武汉 nested in the
		// organization 武汉大学): redacting the itinerary would cut it
		j, _ := slices.BinarySearchFunc(fs, first, func(f pi.Finding, at int) int { return cmp.Compare(f.Start, at) })
		for ; j < len(fs) && fs[j].Start < last; j++ {
			if fs[j].End > last {
				last = fs[j].End
			}
		}
		// the lines of the steps, at most maxLineLook bytes either side
		if !movement(text[lineStartWithin(text, first, max(0, first-maxLineLook)):lineEndWithin(text, last, min(len(text), last+maxLineLook))]) {
			return
		}
		f := pi.Finding{Type: pi.Trajectory, Category: pi.CatTrack, Start: first, End: last,
			Score: 0.85, Evidence: pi.Evidence{Validator: "dated steps with places or transport", Valid: true}, Source: "trajectory"}
		for k, s := range steps {
			f.SetAttr(fmt.Sprintf("step_%d", k+1), s.String())
		}
		f.SetAttr("steps", fmt.Sprint(len(steps)))
		add = append(add, f)
	}
	k := 0 // fs and the units are both sorted: walk them together
	for _, u := range trajectoryUnits(text, units) {
		var steps []step
		cur := step{}
		clauseEnd, commaEnd, lastEnd := -1, -1, -1
		gap := 0 // lines without a step allowed between two steps
		if u.Entry && !u.List {
			gap = maxGapLines
		}
		for k < len(fs) && fs[k].Start < u.Start {
			k++
		}
		for i := k; i < len(fs) && fs[i].Start < u.End; i++ {
			x := &fs[i]
			kind, ok := stepTypes[x.Type]
			if x.Type == pi.School && containsSuffix(text[max(u.Start, x.Start-6):x.Start], visitBefore) {
				kind, ok = "place", true // 步行送女儿到东光实验小学: a school gone to
			}
			if !ok || x.Score < 0.5 || HomeAddress(text, x) {
				continue
			}
			if x.Type == pi.LicensePlate && !movement(text[clauseStart(text, x.Start, u.Start):x.Start]) {
				continue // 车牌号川A·T1234 describes a car; 乘坐川A·T1234出租车 is a trip
			}
			if kind == "place" && len(steps) == 0 && !cur.has("date") && workplaceAfter(text[x.End:]) {
				continue // 在春熙路某服装店工作: where the person works, said before any day
			}
			// An itinerary runs over nearby lines: in a case entry a line
			// or two without a step (symptoms, a remark) may come between
			// two steps, three end it; elsewhere one does (a numbered line
			// in a news file opens an "entry" that runs on for pages).
			if lastEnd >= 0 && x.Start > lastEnd && bytes.Count(text[lastEnd:x.Start], []byte("\n"))-1 > gap {
				if cur.complete() {
					steps = append(steps, cur)
				}
				emit(steps)
				steps, cur, clauseEnd, commaEnd = nil, step{}, -1, -1
			}
			// what the last step's line says after its last part (12月1日
			// 15:20 乘坐28路公交车) belongs to that step
			if lastEnd >= 0 && x.Start > lastEnd && bytes.IndexByte(text[lastEnd:x.Start], '\n') >= 0 {
				for _, p := range stepParts(text, lastEnd, clip(text, lastEnd, lineEndWithin(text, lastEnd, u.End))) {
					cur.add(p.kind, string(text[p.start:p.end]), p.start, p.end)
				}
			}
			// a new date after a finished step starts the next step; a
			// clause end closes the current one, and so does a comma when
			// the next clause moves on (…到永辉超市购物，晚上到浴室洗澡)
			if cur.complete() && ((kind == "date" && cur.has("date")) || (clauseEnd >= 0 && x.Start > clauseEnd) ||
				(commaEnd >= 0 && x.Start > commaEnd && movement(text[commaEnd:x.Start]))) {
				steps = append(steps, cur)
				cur = step{}
			}
			// a day that went nowhere (11月21日 全天在家) is no step: a new
			// date after its clause starts afresh
			if kind == "date" && cur.has("date") && !cur.complete() && clauseEnd >= 0 && x.Start > clauseEnd {
				cur = step{}
			}
			if x.Start < lastEnd {
				continue // inside the last part (成华区建设路 of 成华区建设路某酒吧)
			}
			// the time and the means of travel written before the part
			// (…，16时到达…, 乘坐地铁2号线到…) belong to the step
			from := lineStartWithin(text, x.Start, max(lastEnd, u.Start))
			for _, p := range stepParts(text, from, x.Start) {
				cur.add(p.kind, string(text[p.start:p.end]), p.start, p.end)
			}
			cur.add(kind, string(text[x.Start:x.End]), x.Start, x.End)
			clauseEnd = nextClauseEnd(text, x.End, u.End)
			commaEnd = nextComma(text, x.End, clauseEnd)
			lastEnd = max(lastEnd, x.End)
		}
		// a last leg with no place to name, only its time and means of
		// travel (…购物，17时乘坐地铁3号线返回。) is a step of its own
		if lastEnd >= 0 {
			tailEnd := lineEndWithin(text, lastEnd, u.End)
			tailEnd = clip(text, lastEnd, tailEnd)
			if parts := stepParts(text, lastEnd, tailEnd); slices.ContainsFunc(parts, func(p part) bool { return p.kind == "transport" }) {
				if cur.complete() && movement(text[lastEnd:tailEnd]) {
					steps = append(steps, cur)
					cur = step{}
				}
				for _, p := range parts {
					cur.add(p.kind, string(text[p.start:p.end]), p.start, p.end)
				}
			}
		}
		if cur.complete() {
			steps = append(steps, cur)
		}
		emit(steps)
	}
	if len(add) == 0 {
		return fs
	}
	fs = append(fs, add...)
	pi.SortByStart(fs)
	return fs
}

// trajectoryUnits are the entries of a text and, outside entries,
// sentences, with a following line that starts with a date joined to the
// line before: a bulletin lists a person's movements one line a day.
func trajectoryUnits(text []byte, units []Unit) []Unit {
	var out []Unit
	for _, u := range units {
		if n := len(out); n > 0 && !u.Entry && out[n-1].End == u.Start && startsWithDate(text[u.Start:u.End]) {
			out[n-1].End = u.End
			continue
		}
		out = append(out, u)
	}
	return out
}

// startsWithDate: 12月1日…, 1日…, 2020年…, 2020-01-02… after optional spaces.
func startsWithDate(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	i := 0
	for i < len(b) && i < 4 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	return bytes.HasPrefix(b[i:], []byte("月")) || bytes.HasPrefix(b[i:], []byte("日")) ||
		bytes.HasPrefix(b[i:], []byte("年")) || (i == 4 && len(b) > i && (b[i] == '-' || b[i] == '/'))
}

// clauseStart returns where the clause holding byte i starts: after the
// last comma or clause end in text[floor:i], or floor: a bracket goes on
// with its clause (乘出租车（车牌川A·2B345）).
func clauseStart(text []byte, i, floor int) int {
	if c := bytes.LastIndexAny(text[floor:i], "，。；,;、\n"); c >= 0 {
		_, n := utf8.DecodeRune(text[floor+c:])
		return floor + c + n
	}
	return floor
}

// workplaceAfter reports whether a place is where someone works: 工作,
// 上班 or 任职 right after it.
func workplaceAfter(b []byte) bool {
	for _, w := range []string{"工作", "上班", "任职", "务工", "打工"} {
		if bytes.HasPrefix(b, []byte(w)) {
			return true
		}
	}
	return false
}

// nextClauseEnd returns the first clause end (；。; or a line end) in
// text[from:limit], or limit.
func nextClauseEnd(text []byte, from, limit int) int {
	for i := from; i < limit; i++ {
		switch text[i] {
		case '\n', ';':
			return i
		case 0xEF, 0xE3: // first byte of ；(EF BC 9B) and 。(E3 80 82)
			if i+3 <= limit && (bytes.Equal(text[i:i+3], []byte("；")) || bytes.Equal(text[i:i+3], []byte("。"))) {
				return i
			}
		}
	}
	return limit
}

// nextComma returns the first comma (，or ,) in text[from:limit], or -1.
func nextComma(text []byte, from, limit int) int {
	for i := from; i < limit; i++ {
		if text[i] == ',' || text[i] == 0xEF && i+3 <= limit && bytes.Equal(text[i:i+3], []byte("，")) {
			return i
		}
	}
	return -1
}

func movement(b []byte) bool {
	for _, w := range moveWords {
		if bytes.Contains(b, []byte(w)) {
			return true
		}
	}
	return false
}

type step struct {
	parts      []string
	start, end int
}

func (s *step) add(kind, text string, start, end int) {
	if len(s.parts) == 0 {
		s.start = start
	}
	s.end = end
	s.parts = append(s.parts, kind+"="+text)
}

func (s *step) has(kind string) bool {
	for _, p := range s.parts {
		if strings.HasPrefix(p, kind+"=") {
			return true
		}
	}
	return false
}

// complete: a step has a place or transport, dated or not.
func (s *step) complete() bool { return s.has("place") || s.has("transport") }

func (s step) String() string { return strings.Join(s.parts, "; ") }

// HomeAddress reports an address given as where the person lives (现住,
// 户籍地; …小区居民) or comes from (松原市乾安县人): that is not a step of
// the itinerary.
func HomeAddress(text []byte, x *pi.Finding) bool {
	if x.Type != pi.Address {
		return false
	}
	for _, c := range x.Evidence.Context {
		for _, w := range []string{"住", "户籍", "籍贯", "祖籍", "原籍", "出生", "生于", "居", "家", "人"} {
			if strings.Contains(c, w) {
				return true
			}
		}
	}
	after := text[x.End:]
	for _, w := range []string{"居民", "村民", "住户", "人，", "人。", "人；"} {
		if bytes.HasPrefix(after, []byte(w)) {
			return true
		}
	}
	return false
}

// visitBefore are the words right before an address that make it a place
// the person went to or stayed at rather than their home.
var visitBefore = [][]byte{[]byte("到"), []byte("至"), []byte("去"), []byte("往"), []byte("前往"), []byte("到达"),
	[]byte("抵达"), []byte("途经"), []byte("入住"), []byte("进入"), []byte("返回"), []byte("回到"), []byte("在")}

// AddressKinds marks each address of a text as a home (kind=home: 现住…,
// …小区居民, 乾安县人) or a place the person went to (kind=visit: 到…, 前往…,
// 在…), or leaves it unmarked. De-identification profiles tell them apart:
// an epidemic bulletin keeps the venues a case visited and generalizes the
// home. fs are the findings of text.
func AddressKinds(text []byte, fs []pi.Finding) {
	for i := range fs {
		x := &fs[i]
		if x.Type != pi.Address || x.Attr("kind") != "" {
			continue
		}
		switch {
		case HomeAddress(text, x):
			x.SetAttr("kind", "home")
		case containsSuffix(text[max(0, x.Start-6):x.Start], visitBefore):
			x.SetAttr("kind", "visit")
		}
	}
}

func containsSuffix(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.HasSuffix(b, w) {
			return true
		}
	}
	return false
}

// maxLineLook bounds, in bytes, how far the check for words of movement
// looks before and after an itinerary for its lines' edges.
const maxLineLook = 300

// lineStartWithin is max(lineStart(text, i), floor) without looking
// before floor: on a text of one long line, searching back to its start
// for every finding was quadratic.
func lineStartWithin(text []byte, i, floor int) int {
	if floor >= i {
		return floor
	}
	return floor + bytes.LastIndexByte(text[floor:i], '\n') + 1
}

// lineEndWithin is min(lineEnd(text, i), limit) without looking past
// limit.
func lineEndWithin(text []byte, i, limit int) int {
	if i >= limit {
		return limit
	}
	if j := bytes.IndexByte(text[i:limit], '\n'); j >= 0 {
		return i + j
	}
	return limit
}

// lineStart returns the start of the line that holds byte i.
func lineStart(text []byte, i int) int { return bytes.LastIndexByte(text[:i], '\n') + 1 }

// lineEnd returns the end (the newline or the end of text) of the line that
// holds byte i.
func lineEnd(text []byte, i int) int {
	if j := bytes.IndexByte(text[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(text)
}
