package terms

import "github.com/custos-project/custos/pi"

// Places: a venue word with the name before it (永辉超市, 同煤医院平旺院区呼吸科,
// 犀浦镇某超市), scored higher after a verb of visiting (到, 前往, 在, 就诊于,
// 入住, 途经). A venue word alone (去医院) is a place with a low score.

// venueNextReject are words that make the venue word part of another word
// (机场路, 酒店业, 广场舞, 机场高速).
var venueNextReject = []string{"路", "街", "大道", "高速", "业", "舞", "快线", "巷", "管理", "行业", "系统", "长", "镇", "村", "乡", "县", "市", "区", "学", "集团", "公司", "协会"}

// shopNextReject are words after 店 that are not a shop (店主, 店员, 店铺).
var shopNextReject = []string{"主", "员", "长", "铺", "面", "内", "外", "家"}

// compassStations are the station words named after a city or county
// alone (成都东站, 上蔡西站).
var compassStations = map[string]bool{"东站": true, "西站": true, "南站": true, "北站": true}

// subUnits are the parts of a venue after its name: 院区, 门诊, 科 …
var subUnits = []string{"发热门诊", "门诊部", "院区", "分院", "门诊", "急诊科", "急诊", "住院部", "病区", "病房", "分店", "支行", "营业厅", "科", "店"}

// venueLabels are the words before a venue word that, with a colon after
// it, make a form's field label of it (出生医院：, 就诊医院：, 所在单位：).
var venueLabels = newWordSet("出生", "就诊", "所在", "定点", "收治", "分娩", "接种", "住院", "转诊", "首诊", "签约", "隔离",
	"居住", "工作", "就读", "诊治", "治疗", "检测", "采样", "发证", "登记", "报告", "原就读", "现就读")

func (s *scan) venue(h hit, e *entry) int {
	t := s.text
	if prefixIn(t, h.end, venueNextReject) > 0 || e.term == "店" && prefixIn(t, h.end, shopNextReject) > 0 {
		return 0
	}
	if len(e.term) == 3 { // 寺, 庙, 店, 馆: 寺右新马路 is a street
		if q, _ := runeAt(t, h.end); isHan(q) && !venueOneNext[q] {
			return 0
		}
	}
	start, cut, ok := s.namePart(h.start)
	if compassStations[e.term] {
		// 成都东站, 北京西站: the city's or county's name and no more
		// (高铁|万州北站); not 切尔西站
		if start = placeStart(t, h.start, s.sentStart); start < 0 {
			return 0
		}
		cut, ok = "", true
		for _, n := range []int{len("到"), len("前往")} {
			if v := string(t[max(0, start-n):start]); visitWords[v] {
				cut = v
			}
		}
	}
	named := ok && start < h.start
	if !named && e.flags&flagNamed != 0 {
		return 0
	}
	if named && prefixIn(t, h.end, []string{"：", ":"}) > 0 && venueLabels.prefix(t, start, h.start) == h.start-start {
		return 0 // 出生医院：, 就诊医院：, 定点医院: a form's label, the place follows it
	}
	if named && start+3 >= h.start {
		// A one-character name before a one-character venue word (开店,
		// 进店) is a verb, not a name.
		if len(e.term) <= 3 {
			return 0
		}
	}
	end := s.subUnits(h.end)
	visit := visitWords[cut]
	if cut == "过" {
		// 到过, 去过, 来过: the aspect particle of a verb of going
		p, _ := runeBefore(t, start-len(cut))
		visit = p == '到' || p == '去' || p == '来' || p == '住'
	}
	if !visit && s.visitEnd > 0 && s.visitEnd <= start && coordinator[string(t[s.visitEnd:start])] {
		visit = true // 到过永辉超市和浴室: the bathhouse was visited too
	}
	var score float64
	reason := ""
	switch {
	case named && visit:
		score = 0.85
	case named && s.ctx.Person:
		score = 0.7
	case named:
		score, reason = 0.5, "no visit and no person context"
	case visit:
		score, reason = 0.45, "venue word without a name"
		start = h.start
	default:
		score, reason = 0.3, "venue word without a name or a visit"
		start = h.start
	}
	ctx := []string{e.term}
	if cut != "" {
		ctx = append(ctx, cut)
	}
	f := pi.Finding{Type: pi.Place, Category: pi.CatLocation, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: e.list, Context: ctx, Reason: reason},
		Attrs:    []pi.Attr{{Key: "venue", Value: e.term}}}
	s.add(f)
	if visit {
		s.visitEnd = end
	}
	return end
}

// coordinator holds the words that join venues in one list of visits.
var coordinator = map[string]bool{"和": true, "与": true, "及": true, "、": true, "以及": true, "或": true}

// venueOneNext holds what may follow a one-character venue word.
var venueOneNext = newRuneSet("的里内外前后门旁附和与及或等就住购买用吃喝看玩参游烧拜上做打聚消办洗取剪")

// subUnitNext holds what may follow a one-character sub-unit (科, 店).
var subUnitNext = newRuneSet("就住隔治检看留的进接确诊购买用吃排做输等，,。、；;）)（( \n")

// subUnits extends a venue over its parts: 医院平旺院区呼吸科.
func (s *scan) subUnits(i int) int {
	t := s.text
	for round := 0; round < 2; round++ {
		j := i
		found := 0
		for n := 0; n <= 5; n++ {
			if k := prefixIn(t, j, subUnits); k > 0 {
				if k == 3 { // 科, 店
					if q, _ := runeAt(t, j+k); q != -1 && !subUnitNext[q] {
						break
					}
				}
				if j == i && k == 3 {
					break // 医院科 is not a unit
				}
				found = j + k
				break
			}
			r, size := runeAt(t, j)
			if !isHan(r) || nameStop[r] {
				break
			}
			j += size
		}
		if found == 0 {
			break
		}
		i = found
	}
	return i
}
