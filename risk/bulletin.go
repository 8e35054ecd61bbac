package risk

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/report"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/zh"
)

// A series of case bulletins can identify a person that no single bulletin
// does: one day gives sex, age and district, the next a residential
// compound or a bar visited on a given night, and a relation to an earlier
// case; together they match one person. That is how the Chengdu patient of
// December 2020 was found and harassed (see the mission sources). The
// functions below split bulletins into case entries, read each entry's
// quasi-identifiers with the detection engine, link the entries that speak
// of the same person, and estimate how many people in the population match
// each person's combined facts.
//
// The estimate is a deliberately simple model, documented so a reader can
// check it [I]: the number of people matching a set of facts is the
// population of the finest residence area given times the share of people
// each further fact leaves (sex ½, an exact age 1/75, a surname its
// frequency, a venue visit on a day the visitors of that venue that day out
// of the city's population, and so on; see FactModel), the facts taken as
// independent. Below 1 the facts single a person out. Several published
// spatio-temporal points are known to identify most people (de Montjoye
// et al., "Unique in the Crowd", 2013); the model says the same.

// FactKind is the kind of a fact a bulletin states about a case.
type FactKind string

// Fact kinds.
const (
	FactSex          FactKind = "sex"
	FactAge          FactKind = "age"
	FactSurname      FactKind = "surname"
	FactResidence    FactKind = "residence"
	FactRegistration FactKind = "registration" // 户籍 / 籍贯
	FactOccupation   FactKind = "occupation"
	FactVisit        FactKind = "visit"     // a place, with its day and time when given
	FactTransport    FactKind = "transport" // a train, flight, bus, taxi or seat
	FactRelation     FactKind = "relation"  // kin or contact of another case
	FactDirect       FactKind = "direct"    // a name, ID number, phone …: identifies alone
)

// Fact is one thing a bulletin says about a case.
type Fact struct {
	Kind FactKind `json:"kind"`
	// Value is the normalized fact used for matching: "女", "69",
	// "12-02 19时 郫都区某超市"; direct identifiers are masked.
	Value string `json:"value"`
	// Count is the fact's weight in the population model (FactModel):
	// for a residence the population of the area; for a visit, trip or
	// relation the number of people sharing it; for sex, age, surname,
	// occupation and registration the share of people who have it.
	Count float64 `json:"model_value"`
	// Sources name the entries stating the fact ("day1.txt 病例1").
	Sources []string `json:"sources"`

	code string // region code of a residence, for matching
	band [2]int // age band (lo, hi) when the age is approximate
	ref  int    // relation: index of the related entry, -1 unknown
}

// FactModel holds the constants of the population model. The defaults
// (DefaultFactModel) are rough orders of magnitude for a Chinese city,
// an engine choice [I], not statistics; change them to fit a place.
type FactModel struct {
	// City is the population the series is read in (the default
	// reference population).
	City float64 `json:"city"`
	// Area populations by the finest element of a residence.
	Province   float64 `json:"province"`
	Prefecture float64 `json:"prefecture"`
	County     float64 `json:"county"`
	Township   float64 `json:"township"`
	Compound   float64 `json:"compound"`
	Building   float64 `json:"building"`
	Unit       float64 `json:"unit"`
	Room       float64 `json:"room"`
	// Shares of the population.
	Sex            float64 `json:"sex"`
	ExactAge       float64 `json:"exact_age"`
	AgeBand10      float64 `json:"age_band_10"`
	Occupation     float64 `json:"occupation"`
	Registration   float64 `json:"registration"`
	UnknownSurname float64 `json:"unknown_surname"`
	// Counts of people sharing an event, out of City.
	Venue     float64 `json:"venue"`
	Train     float64 `json:"train"`
	Flight    float64 `json:"flight"`
	Bus       float64 `json:"bus"`
	Taxi      float64 `json:"taxi"`
	Seat      float64 `json:"seat"`
	Relatives float64 `json:"relatives"`
	// VenueCounts overrides Venue for places whose text contains a key
	// (超市 2000 visitors a day, 酒吧 300 …).
	VenueCounts map[string]float64 `json:"venue_counts"`
	// TimeWindow divides a visit's count when an hour is given.
	TimeWindow float64 `json:"time_window"`
}

// DefaultFactModel returns the default model.
func DefaultFactModel() FactModel {
	return FactModel{
		City: 1e7, Province: 5e7, Prefecture: 5e6, County: 5e5, Township: 5e4, Compound: 3000, Building: 300, Unit: 60, Room: 3,
		Sex: 0.5, ExactAge: 1.0 / 75, AgeBand10: 0.13, Occupation: 0.02, Registration: 0.2, UnknownSurname: 0.01,
		Venue: 500, Train: 1000, Flight: 200, Bus: 1000, Taxi: 30, Seat: 1, Relatives: 5, TimeWindow: 3,
		VenueCounts: map[string]float64{
			"超市": 2000, "商场": 3000, "购物中心": 3000, "菜市场": 3000, "市场": 3000, "医院": 3000, "发热门诊": 300,
			"卫生服务中心": 300, "卫生院": 300, "诊所": 100, "药店": 300, "药房": 300, "酒吧": 300, "KTV": 300, "夜店": 300,
			"会所": 200, "餐厅": 300, "饭店": 300, "火锅": 300, "茶楼": 200, "宾馆": 200, "酒店": 200, "健身": 200,
			"学校": 1000, "幼儿园": 200, "公司": 200, "工厂": 500, "车站": 20000, "机场": 30000, "地铁": 50000, "公园": 2000,
			"寺": 500, "教堂": 300, "网吧": 200, "理发": 50, "美容": 50, "银行": 300,
		},
	}
}

// Bulletin is one bulletin of a series.
type Bulletin struct {
	Name string
	Text []byte
}

// Entry is one case entry of a bulletin (病例1：…), or an update to an
// earlier case (补充通报：12月8日通报的确诊病例1 …).
type Entry struct {
	Bulletin string `json:"bulletin"`
	Label    string `json:"label"`
	// Update is set on a paragraph that adds facts to an earlier case.
	Update bool `json:"update,omitempty"`
	// Facts are the entry's own facts (the person's Facts say which
	// entries state each).
	Facts []Fact `json:"-"`
	// Linked says why the entry belongs to its person (empty for the
	// first entry of a person).
	Linked string `json:"linked,omitempty"`

	bulletin int
	number   int
	date     Date // the bulletin's date
	refDate  Date // identity reference: the bulletin date it names
	refNum   int  // identity reference: the case number, 0 none
	refWhen  string
	text     string
}

// Person is the facts the series states about one person.
type Person struct {
	ID      int      `json:"id"`
	Entries []*Entry `json:"entries"`
	Facts   []Fact   `json:"facts"`
	// Estimate is the modelled number of people matching all Facts;
	// EntryEstimates the same for each entry's facts alone.
	Estimate       float64   `json:"estimate"`
	EntryEstimates []float64 `json:"entry_estimates"`
	// SeriesMatches counts the persons of the series whose facts agree
	// with all of this person's (1: no other case could be meant).
	SeriesMatches int `json:"series_matches"`
	// Status: "unique" (Estimate ≤ 1), "small" (Estimate < k) or "ok".
	Status string `json:"status"`
	// ByCombination is set when the person is unique only by combining
	// bulletins: no entry alone singles them out (a relation to a case of
	// another bulletin counts only in the combination).
	ByCombination bool `json:"by_combination"`
	// SingledOutBy is a smallest set of facts that alone matches one
	// person of the series and at most one person of the population.
	SingledOutBy []Fact  `json:"singled_out_by,omitempty"`
	SingledOut   float64 `json:"singled_out_estimate,omitempty"`
}

// BulletinReport is the report on a bulletin series (Schema
// custos.risk/v1, kind "bulletins").
type BulletinReport struct {
	Schema    string         `json:"schema"`
	Kind      string         `json:"kind"`
	Bulletins []BulletinInfo `json:"bulletins"`
	// K is the smallest number of matching people deemed safe (20 by
	// default: infectious-disease status is stigmatising, DEID-RELEASE-K).
	K       int       `json:"k"`
	Persons []*Person `json:"persons"`
	// Unique and Small count persons by status; ByCombination counts the
	// unique persons no single entry singles out.
	Unique        int       `json:"unique"`
	Small         int       `json:"small"`
	ByCombination int       `json:"by_combination"`
	Model         FactModel `json:"model"`
	Pass          bool      `json:"pass"`
	Notes         []string  `json:"notes,omitempty"`
}

// BulletinInfo describes one bulletin.
type BulletinInfo struct {
	File    string `json:"file"`
	Date    string `json:"date,omitempty"`
	Entries int    `json:"entries"`
}

// LinkOptions configure LinkBulletins.
type LinkOptions struct {
	// K is the smallest safe number of matching people; 0 means 20.
	K int
	// Model is the population model; the zero value means
	// DefaultFactModel.
	Model *FactModel
}

var (
	// an identity or relation reference to a case of a bulletin:
	// 12月7日通报的确诊病例1, 此前通报的病例3, 12月7日通报病例1的孙女
	refRe = regexp.MustCompile(`(?:(\d{1,2})月(\d{1,2})日|此前|前期|之前|昨日|昨天|前日)?已?(?:通报|报告|公布|发布)的?(?:本土|境外输入)?(?:确诊病例|无症状感染者|病例|患者|感染者)(\d+)`)
	// a relation to a case of the same bulletin: 病例1的丈夫
	sameRelRe  = regexp.MustCompile(`(?:确诊病例|无症状感染者|病例|患者|感染者)(\d+)的`)
	headDateRe = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)
	mdRe       = regexp.MustCompile(`(\d{1,2})月(\d{1,2})日`)
	hourRe     = regexp.MustCompile(`(\d{1,2})(?:时|点|：|:)`)
	labelNumRe = regexp.MustCompile(`\d+`)
)

// kinWords are relations a bulletin states between cases.
var kinWords = []string{"外孙女", "外孙", "孙女", "孙子", "祖母", "祖父", "奶奶", "爷爷", "外婆", "外公", "母亲", "父亲", "妈妈", "爸爸",
	"妻子", "丈夫", "儿媳", "女婿", "儿子", "女儿", "哥哥", "弟弟", "姐姐", "妹妹", "同事", "朋友", "邻居", "同学", "室友", "亲属", "家属", "密切接触者", "密接"}

// genericPlaces say where without saying which place.
var genericPlaces = map[string]bool{"家": true, "定点医院": true, "医院": true, "隔离点": true, "集中隔离点": true, "社区": true,
	"单位": true, "公司": true, "家中": true, "住处": true, "小区": true}

// LinkBulletins reads a series of bulletins and reports the persons whose
// combined facts single them out. eng finds the facts (nil: a default
// engine).
func LinkBulletins(bs []Bulletin, eng *detect.Engine, opt LinkOptions) (*BulletinReport, error) {
	if eng == nil {
		var err error
		if eng, err = detect.New(detect.Config{}); err != nil {
			return nil, err
		}
	}
	model := DefaultFactModel()
	if opt.Model != nil {
		model = *opt.Model
	}
	k := opt.K
	if k <= 0 {
		k = 20
	}
	rep := &BulletinReport{Schema: Schema, Kind: "bulletins", K: k, Model: model}
	var entries []*Entry
	for bi, b := range bs {
		es, date := splitBulletin(bi, b)
		info := BulletinInfo{File: b.Name, Entries: len(es)}
		if date.Year > 0 {
			info.Date = date.String()
		} else {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s: no date (YYYY年M月D日) in its first lines; references to it by date cannot be resolved", b.Name))
		}
		rep.Bulletins = append(rep.Bulletins, info)
		for _, e := range es {
			e.Facts = entryFacts(e, eng, &model)
		}
		entries = append(entries, es...)
	}
	persons := link(entries)
	resolveRelations(entries)
	for i, p := range persons {
		p.ID = i + 1
		p.Facts = mergeFacts(p.Entries)
	}
	// relation facts are worth what the related person's facts narrow
	// down to: estimate everyone without relations first
	base := make(map[*Entry]*Person)
	for _, p := range persons {
		for _, e := range p.Entries {
			base[e] = p
		}
	}
	pre := make([]float64, len(persons))
	for i, p := range persons {
		pre[i] = estimate(p.Facts, &model, nil, nil)
	}
	relCount := func(f *Fact) float64 {
		if f.ref < 0 {
			return model.City
		}
		q := base[entries[f.ref]]
		return model.Relatives * math.Max(1, pre[q.ID-1])
	}
	for _, p := range persons {
		p.Estimate = estimate(p.Facts, &model, relCount, nil)
		for _, e := range p.Entries {
			p.EntryEstimates = append(p.EntryEstimates, estimate(e.Facts, &model, func(f *Fact) float64 {
				// alone, an entry's relation says something only about
				// a case of the same bulletin
				if f.ref >= 0 && entries[f.ref].bulletin == e.bulletin {
					return relCount(f)
				}
				return model.City
			}, nil))
		}
		p.SeriesMatches = seriesMatches(p.Facts, persons)
		switch {
		case p.Estimate <= 1:
			p.Status = "unique"
			rep.Unique++
			// by combination: no entry alone (with relations only to
			// cases of its own bulletin) singles them out
			p.ByCombination = true
			for _, x := range p.EntryEstimates {
				if x <= 1 {
					p.ByCombination = false
				}
			}
			if p.ByCombination {
				rep.ByCombination++
			}
			p.SingledOutBy, p.SingledOut = singleOut(p, persons, &model, relCount)
		case p.Estimate < float64(k):
			p.Status = "small"
			rep.Small++
		default:
			p.Status = "ok"
		}
	}
	rep.Persons = persons
	rep.Pass = rep.Unique == 0 && rep.Small == 0
	return rep, nil
}

// splitBulletin finds the bulletin's date and its entries: the case
// entries subject.Units marks, and paragraphs outside them that refer to
// a case of an earlier bulletin (updates).
func splitBulletin(bi int, b Bulletin) ([]*Entry, Date) {
	text := b.Text
	var date Date
	head := text[:min(len(text), 600)]
	if m := headDateRe.FindSubmatch(head); m != nil {
		y, _ := strconv.Atoi(string(m[1]))
		mo, _ := strconv.Atoi(string(m[2]))
		d, _ := strconv.Atoi(string(m[3]))
		date = Date{Year: y, Month: mo, Day: d, Prec: PrecDay}
		if !validDate(date) {
			date = Date{}
		}
	}
	var out []*Entry
	units := subject.Units(text)
	pos := 0
	flushOutside := func(end int) {
		// paragraphs of the text between entries
		for _, para := range bytes.Split(text[pos:end], []byte("\n\n")) {
			s := strings.TrimSpace(string(para))
			if s == "" {
				continue
			}
			if m := refRe.FindStringSubmatchIndex(s); m != nil && !isRelation(s[m[1]:]) {
				e := &Entry{Bulletin: b.Name, bulletin: bi, date: date, text: s, Update: true}
				e.Label = "update of " + s[m[0]:m[1]]
				e.setRef(s, m, date)
				out = append(out, e)
			}
		}
	}
	for _, u := range units {
		if !u.Entry {
			continue
		}
		flushOutside(u.Start)
		pos = u.End
		s := string(text[u.Start:u.End])
		e := &Entry{Bulletin: b.Name, bulletin: bi, date: date, text: s}
		label := s
		if i := strings.IndexAny(s, "：:，,"); i >= 0 {
			label = s[:i]
		}
		e.Label = strings.TrimSpace(label)
		if n := labelNumRe.FindString(e.Label); n != "" {
			e.number, _ = strconv.Atoi(n)
		}
		for _, m := range refRe.FindAllStringSubmatchIndex(s, -1) {
			if !isRelation(s[m[1]:]) && m[0] > len(label) {
				e.setRef(s, m, date)
				break
			}
		}
		out = append(out, e)
	}
	flushOutside(len(text))
	return out, date
}

// setRef records an identity reference found at m in s.
func (e *Entry) setRef(s string, m []int, bulletinDate Date) {
	e.refNum, _ = strconv.Atoi(s[m[6]:m[7]])
	e.refWhen = s[m[0]:m[1]]
	if m[2] >= 0 {
		mo, _ := strconv.Atoi(s[m[2]:m[3]])
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		e.refDate = Date{Year: bulletinDate.Year, Month: mo, Day: d, Prec: PrecDay}
	}
}

// isRelation reports whether the text after a case reference makes it a
// relation (病例1的孙女) rather than the same person.
func isRelation(after string) bool {
	rest, ok := strings.CutPrefix(after, "的")
	if !ok {
		return false
	}
	for _, k := range kinWords {
		if strings.HasPrefix(rest, k) {
			return true
		}
	}
	return false
}

// entryFacts reads the facts of an entry.
func entryFacts(e *Entry, eng *detect.Engine, model *FactModel) []Fact {
	text := []byte(e.text)
	fs := eng.Detect(text, nil)
	var out []Fact
	src := e.Bulletin + " " + e.Label
	add := func(f Fact) {
		f.Sources = []string{src}
		if f.ref == 0 {
			f.ref = -1
		}
		for _, g := range out {
			if g.Kind == f.Kind && g.Value == f.Value {
				return
			}
		}
		out = append(out, f)
	}
	lastDate, lastDateEnd := "", -1
	for i := range fs {
		f := &fs[i]
		span := string(text[f.Start:f.End])
		switch f.Type {
		case pi.Gender:
			if s := f.Attr(pi.AttrSex); s != "" {
				v := "男"
				if s == "female" {
					v = "女"
				}
				add(Fact{Kind: FactSex, Value: v, Count: model.Sex})
			}
		case pi.Age:
			years, err := strconv.Atoi(f.Attr("years"))
			if err != nil {
				continue
			}
			if f.Attr("approx") == "true" {
				hi := years/10*10 + 9
				if m, err := strconv.Atoi(f.Attr("years_max")); err == nil {
					hi = m
				}
				add(Fact{Kind: FactAge, Value: fmt.Sprintf("%d-%d", years, hi), Count: model.AgeBand10, band: [2]int{years, hi}})
			} else {
				add(Fact{Kind: FactAge, Value: strconv.Itoa(years), Count: model.ExactAge, band: [2]int{years, years}})
			}
		case pi.MaskedName:
			n := zh.SurnameAt(span)
			if n == 0 {
				continue
			}
			sur := span[:n]
			share := model.UnknownSurname
			if freq, ok := zh.Surname(sur); ok && freq > 0 {
				share = math.Max(float64(freq)/1e6, 0.0005)
			}
			add(Fact{Kind: FactSurname, Value: sur + "某", Count: share})
		case pi.PersonName, pi.ResidentID, pi.MobilePhone, pi.LandlinePhone, pi.Email, pi.Passport, pi.BankCard,
			pi.HKMacauPermit, pi.TaiwanPermit, pi.HKID, pi.TaiwanID, pi.MacaoID, pi.WeChatID, pi.QQNumber, pi.AccountID, pi.MedicalRecordNumber, pi.PersonNumber:
			if f.Score < 0.5 {
				continue
			}
			add(Fact{Kind: FactDirect, Value: string(f.Type) + " " + report.Mask(f.Type, span), Count: 1})
		case pi.Address:
			kind := FactResidence
			before := e.text[max(0, f.Start-12):f.Start]
			if strings.Contains(before, "户籍") || strings.Contains(before, "籍贯") {
				kind = FactRegistration
			}
			pop := areaPopulation(f.Attr("level"), model)
			fact := Fact{Kind: kind, Value: span, Count: pop, code: f.Attr(pi.AttrRegionCode)}
			if kind == FactRegistration {
				fact.Count = model.Registration
			}
			add(fact)
		case pi.Occupation:
			add(Fact{Kind: FactOccupation, Value: span, Count: model.Occupation})
		case pi.Date:
			lastDate, lastDateEnd = span, f.End
		case pi.Place:
			if genericPlaces[span] || isRegionName(span) {
				continue
			}
			count := venueCount(span, model)
			when := dayOf(lastDate, lastDateEnd, f.Start, e.text)
			if when != "" && hourRe.MatchString(lastDate) {
				count /= model.TimeWindow
			}
			add(Fact{Kind: FactVisit, Value: strings.TrimSpace(when + " " + span), Count: count, code: gazetteerOnce().resolve(span).code})
		case pi.TrainNumber, pi.FlightNumber, pi.SeatNumber, pi.LicensePlate:
			count := model.Train
			switch f.Type {
			case pi.FlightNumber:
				count = model.Flight
			case pi.SeatNumber:
				count = model.Seat
			case pi.LicensePlate:
				count = model.Taxi
			}
			when := dayOf(lastDate, lastDateEnd, f.Start, e.text)
			if f.Type == pi.SeatNumber && len(out) > 0 && out[len(out)-1].Kind == FactTransport {
				// 08车12F after G8512: one seat on that train
				out[len(out)-1].Value += " " + span
				out[len(out)-1].Count = count
				continue
			}
			add(Fact{Kind: FactTransport, Value: strings.TrimSpace(when + " " + span), Count: count})
		}
	}
	// relations: 系12月7日通报病例1的孙女, 系病例1的丈夫
	for _, m := range refRe.FindAllStringSubmatchIndex(e.text, -1) {
		if kin := kinAfter(e.text[m[1]:]); kin != "" {
			r := Fact{Kind: FactRelation, Value: kin + " of " + e.text[m[0]:m[1]]}
			r.ref = -2 // resolved later
			out = appendRelation(out, r, src)
		}
	}
	for _, m := range sameRelRe.FindAllStringSubmatchIndex(e.text, -1) {
		if m[0] < len(e.Label) || reported(e.text[max(0, m[0]-12):m[0]]) {
			continue // the label itself, or a reference refRe has read
		}
		if kin := kinAfter(e.text[m[1]-len("的"):]); kin != "" {
			r := Fact{Kind: FactRelation, Value: kin + " of " + e.text[m[0]:m[1]-len("的")]}
			r.ref = -2
			out = appendRelation(out, r, src)
		}
	}
	return out
}

// reported reports whether text (just before a case label) says the case
// was reported in a bulletin: 通报, 报告, 公布, 发布.
func reported(text string) bool {
	for _, w := range []string{"通报", "报告", "公布", "发布"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

func appendRelation(out []Fact, r Fact, src string) []Fact {
	r.Sources = []string{src}
	for _, g := range out {
		if g.Kind == r.Kind && g.Value == r.Value {
			return out
		}
	}
	return append(out, r)
}

func kinAfter(after string) string {
	rest, ok := strings.CutPrefix(after, "的")
	if !ok {
		return ""
	}
	for _, k := range kinWords {
		if strings.HasPrefix(rest, k) {
			return k
		}
	}
	return ""
}

// dayOf returns "MM-DD" (with the hour when given) of the date that
// governs a place or a trip at pos: the last date before it in the same
// sentence.
func dayOf(date string, dateEnd, pos int, text string) string {
	if date == "" || dateEnd < 0 || dateEnd > pos {
		return ""
	}
	if strings.ContainsAny(text[dateEnd:pos], "。\n") {
		return ""
	}
	m := mdRe.FindStringSubmatch(date)
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	s := fmt.Sprintf("%02d-%02d", mo, d)
	if h := hourRe.FindStringSubmatch(date[len(m[0]):]); h != nil {
		s += " " + h[1] + "时"
	}
	return s
}

// isRegionName reports whether a place is only the name of a division
// (由重庆返回成都): a city is not a venue.
func isRegionName(s string) bool {
	_, ok := gazetteerOnce().names[s]
	return ok
}

func venueCount(place string, model *FactModel) float64 {
	best, bestLen := model.Venue, 0
	for k, v := range model.VenueCounts {
		if strings.Contains(place, k) && len(k) > bestLen {
			best, bestLen = v, len(k)
		}
	}
	return best
}

// areaPopulation is the population of an address by its finest element
// (the address parser's levels).
func areaPopulation(level string, m *FactModel) float64 {
	switch level {
	case "prov", "province":
		return m.Province
	case "city":
		return m.Prefecture
	case "district", "county":
		return m.County
	case "town", "community", "village_group", "devzone":
		return m.Township
	case "poi", "subpoi", "road", "roadno", "subroad", "subroadno", "intersection", "assist", "distance", "village":
		return m.Compound
	case "houseno":
		return m.Building
	case "cellno", "floorno":
		return m.Unit
	case "roomno":
		return m.Room
	}
	return m.County
}

// link joins entries about the same person: an identity reference (为12月7日
// 通报的病例1) joins an entry to the case it names; otherwise entries of
// different bulletins join when sex and exact age agree and they share a
// residence at compound level or finer, a dated visit or a trip.
func link(entries []*Entry) []*Person {
	parent := make([]int, len(entries))
	why := make([]string, len(entries))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int, reason string) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if ra > rb {
			ra, rb = rb, ra
		}
		parent[rb] = ra
		if why[b] == "" {
			why[b] = reason
		}
	}
	for i, e := range entries {
		if e.refNum == 0 {
			continue
		}
		if j := resolveRef(entries, i, e.refDate, e.refNum); j >= 0 {
			union(j, i, "refers to it: "+e.refWhen)
		}
	}
	for i, a := range entries {
		for j := i + 1; j < len(entries); j++ {
			b := entries[j]
			if a.bulletin == b.bulletin || find(i) == find(j) {
				continue
			}
			if reason := sameByFacts(a.Facts, b.Facts); reason != "" {
				union(i, j, reason)
			}
		}
	}
	groups := map[int]*Person{}
	var out []*Person
	for i, e := range entries {
		r := find(i)
		p, ok := groups[r]
		if !ok {
			p = &Person{}
			groups[r] = p
			out = append(out, p)
		} else {
			e.Linked = why[i]
		}
		p.Entries = append(p.Entries, e)
	}
	return out
}

// resolveRef finds the entry an identity reference names: case number num
// of the bulletin dated date (or the day after, since a bulletin dated the
// 8th reports the 7th), else of the nearest earlier bulletin with such a
// case.
func resolveRef(entries []*Entry, from int, date Date, num int) int {
	self := entries[from]
	// before reports whether bulletin of a came before that of b: by
	// date when both have one, else by their order
	before := func(a, b *Entry) bool {
		if a.date.Year > 0 && b.date.Year > 0 && a.date != b.date {
			return a.date.days() < b.date.days()
		}
		return a.bulletin < b.bulletin
	}
	best := -1
	for j, e := range entries {
		if e.bulletin == self.bulletin || e.Update || e.number != num {
			continue
		}
		if date.Year > 0 && e.date.Year > 0 {
			if e.date.days() == date.days() || e.date.days() == date.days()+1 {
				return j
			}
			continue
		}
		if before(e, self) && (best < 0 || before(entries[best], e)) {
			best = j
		}
	}
	return best
}

// resolveRelations points each relation fact at the entry it names.
func resolveRelations(entries []*Entry) {
	for i, e := range entries {
		for fi := range e.Facts {
			f := &e.Facts[fi]
			if f.Kind != FactRelation {
				continue
			}
			f.ref = -1
			ref := f.Value[strings.Index(f.Value, " of ")+len(" of "):]
			num := 0
			if n := labelNumRe.FindAllString(ref, -1); len(n) > 0 {
				num, _ = strconv.Atoi(n[len(n)-1])
			}
			var date Date
			if m := mdRe.FindStringSubmatch(ref); m != nil {
				mo, _ := strconv.Atoi(m[1])
				d, _ := strconv.Atoi(m[2])
				date = Date{Year: e.date.Year, Month: mo, Day: d, Prec: PrecDay}
			}
			if date.Year == 0 && !strings.Contains(ref, "通报") {
				// a case of the same bulletin
				for j, o := range entries {
					if o.bulletin == e.bulletin && o.number == num && !o.Update && j != i {
						f.ref = j
					}
				}
				continue
			}
			f.ref = resolveRef(entries, i, date, num)
		}
	}
}

// sameByFacts returns why two entries are the same person, or "".
func sameByFacts(a, b []Fact) string {
	get := func(fs []Fact, k FactKind) []Fact {
		var out []Fact
		for _, f := range fs {
			if f.Kind == k {
				out = append(out, f)
			}
		}
		return out
	}
	eq := func(k FactKind) bool {
		x, y := get(a, k), get(b, k)
		return len(x) == 1 && len(y) == 1 && x[0].Value == y[0].Value
	}
	if !eq(FactSex) || !eq(FactAge) || get(a, FactAge)[0].band[0] != get(a, FactAge)[0].band[1] {
		return ""
	}
	for _, f := range a {
		for _, g := range b {
			if f.Kind != g.Kind || f.Value != g.Value {
				continue
			}
			switch {
			case f.Kind == FactResidence && f.Count <= 3000:
				return "same sex, age and residence " + f.Value
			case f.Kind == FactVisit && strings.Contains(f.Value, "-"), f.Kind == FactTransport && strings.Contains(f.Value, "-"):
				return "same sex, age and " + string(f.Kind) + " " + f.Value
			}
		}
	}
	return ""
}

// mergeFacts unions the facts of a person's entries, keeping sources.
func mergeFacts(es []*Entry) []Fact {
	var out []Fact
	for _, e := range es {
		for _, f := range e.Facts {
			found := false
			for i := range out {
				if out[i].Kind == f.Kind && out[i].Value == f.Value {
					out[i].Sources = append(out[i].Sources, f.Sources...)
					found = true
				}
			}
			if !found {
				f.Sources = append([]string(nil), f.Sources...)
				out = append(out, f)
			}
		}
	}
	return out
}

// estimate is the modelled number of people matching facts. The anchor
// is the smallest group a fact names: the residents of the finest
// residence area, the visitors of a venue that day, the passengers of a
// trip, the relatives of another case (rel gives their number; nil: the
// relation is uninformative). The anchor's size is then multiplied by the
// share of people each other fact leaves: sex, age, surname, occupation
// and registration by their shares; a residence by its population over
// the venue's county when the anchor is a visit in the same county, over
// the city otherwise; further visits, trips and relations by their counts
// over the city. Only facts with keep true are used (nil: all).
func estimate(facts []Fact, m *FactModel, rel func(*Fact) float64, keep []bool) float64 {
	count := func(f *Fact) float64 {
		switch f.Kind {
		case FactResidence, FactVisit, FactTransport:
			return f.Count
		case FactRelation:
			if rel != nil {
				return rel(f)
			}
		case FactDirect:
			return 1
		}
		return m.City
	}
	anchor, anchorN := -1, m.City
	for i := range facts {
		if keep != nil && !keep[i] {
			continue
		}
		switch facts[i].Kind {
		case FactResidence, FactVisit, FactTransport, FactRelation, FactDirect:
			if n := count(&facts[i]); n < anchorN {
				anchor, anchorN = i, n
			}
		}
	}
	x := anchorN
	ages := 0
	for i := range facts {
		f := &facts[i]
		if keep != nil && !keep[i] || i == anchor {
			continue
		}
		switch f.Kind {
		case FactSex, FactOccupation, FactRegistration, FactSurname:
			x *= f.Count
		case FactAge:
			if ages == 0 {
				x *= f.Count
			}
			ages++
		case FactResidence:
			ref := m.City
			if anchor >= 0 && facts[anchor].Kind == FactVisit && sameCounty(facts[anchor].code, f.code) {
				ref = m.County
			}
			x *= math.Min(1, f.Count/ref)
		case FactVisit, FactTransport, FactRelation, FactDirect:
			x *= math.Min(1, count(f)/m.City)
		}
	}
	return x
}

// sameCounty reports whether two region codes lie in the same county.
func sameCounty(a, b string) bool {
	return len(a) >= 6 && len(b) >= 6 && a[:6] == b[:6]
}

// compatible reports whether a person with facts qs could be the one a
// fact f describes. Sex, age, surname, occupation and residence unknown
// for them do not rule them out; visits, trips, relations and direct
// identifiers must be stated for them too.
func compatible(f Fact, qs []Fact) bool {
	stated := false
	for _, g := range qs {
		if g.Kind != f.Kind {
			continue
		}
		stated = true
		switch f.Kind {
		case FactAge:
			if f.band[0] <= g.band[1] && g.band[0] <= f.band[1] {
				return true
			}
		case FactResidence, FactRegistration:
			if g.Value == f.Value || strings.Contains(g.Value, f.Value) || strings.Contains(f.Value, g.Value) ||
				f.code != "" && g.code != "" && (strings.HasPrefix(f.code, g.code) || strings.HasPrefix(g.code, f.code)) {
				return true
			}
		default:
			if g.Value == f.Value {
				return true
			}
		}
	}
	switch f.Kind {
	case FactSex, FactAge, FactSurname, FactOccupation, FactResidence, FactRegistration:
		return !stated
	}
	return false
}

// seriesMatches counts the persons whose facts agree with all of facts.
func seriesMatches(facts []Fact, persons []*Person) int {
	n := 0
	for _, q := range persons {
		ok := true
		for _, f := range facts {
			if !compatible(f, q.Facts) {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// singleOut finds a smallest set of a unique person's facts that still
// matches them alone in the series and at most one person in the
// population: sets of one to four facts, most selective first.
func singleOut(p *Person, persons []*Person, m *FactModel, rel func(*Fact) float64) ([]Fact, float64) {
	n := len(p.Facts)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	// most selective first, so the first set found is a telling one
	single := func(i int) float64 {
		keep := make([]bool, n)
		keep[i] = true
		return estimate(p.Facts, m, rel, keep)
	}
	sort.SliceStable(idx, func(a, b int) bool { return single(idx[a]) < single(idx[b]) })
	var best []int
	bestEst := math.Inf(1)
	keep := make([]bool, n)
	var try func(start, size int, chosen []int)
	try = func(start, size int, chosen []int) {
		if len(chosen) == size {
			for i := range keep {
				keep[i] = false
			}
			var fs []Fact
			for _, c := range chosen {
				keep[c] = true
				fs = append(fs, p.Facts[c])
			}
			est := estimate(p.Facts, m, rel, keep)
			if est <= 1 && est < bestEst && seriesMatches(fs, persons) == 1 {
				best, bestEst = append([]int(nil), chosen...), est
			}
			return
		}
		for x := start; x < n; x++ {
			try(x+1, size, append(chosen, idx[x]))
		}
	}
	for size := 1; size <= min(4, n) && best == nil; size++ {
		try(0, size, nil)
	}
	if best == nil {
		return nil, 0
	}
	out := make([]Fact, len(best))
	for i, c := range best {
		out[i] = p.Facts[c]
	}
	return out, bestEst
}

// WriteText writes the report as readable text.
func (r *BulletinReport) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Re-identification risk of a series of %d bulletin(s)\n\n", len(r.Bulletins))
	tt := &textTable{indent: "  "}
	tt.row("BULLETIN", "DATE", "ENTRIES")
	for _, b := range r.Bulletins {
		tt.row(b.File, dash(b.Date), fmt.Sprint(b.Entries))
	}
	tt.write(ew)
	fmt.Fprintf(ew, "\n%d person(s); %d singled out (estimate at most 1 person), %d of them only by combining bulletins; %d matched by fewer than k=%d people\n",
		len(r.Persons), r.Unique, r.ByCombination, r.Small, r.K)
	for _, p := range r.Persons {
		var labels []string
		for _, e := range p.Entries {
			l := e.Bulletin + " " + e.Label
			if e.Linked != "" {
				l += " (" + e.Linked + ")"
			}
			labels = append(labels, l)
		}
		fmt.Fprintf(ew, "\nPerson %d: %s\n", p.ID, strings.Join(labels, " + "))
		var facts []string
		for _, f := range p.Facts {
			facts = append(facts, string(f.Kind)+" "+f.Value)
		}
		fmt.Fprintf(ew, "  facts: %s\n", strings.Join(facts, "; "))
		var per []string
		for i, x := range p.EntryEstimates {
			per = append(per, p.Entries[i].Bulletin+" "+fmtEstimate(x))
		}
		fmt.Fprintf(ew, "  matching people: %s combined", fmtEstimate(p.Estimate))
		if len(per) > 1 {
			fmt.Fprintf(ew, " (each entry alone: %s)", strings.Join(per, ", "))
		}
		fmt.Fprintf(ew, "; %d case(s) of the series fit\n", p.SeriesMatches)
		switch p.Status {
		case "unique":
			fmt.Fprint(ew, "  UNIQUE")
			if p.ByCombination {
				fmt.Fprint(ew, " only when the bulletins are combined")
			}
			if len(p.SingledOutBy) > 0 {
				var fs []string
				for _, f := range p.SingledOutBy {
					fs = append(fs, string(f.Kind)+" "+f.Value+" ["+strings.Join(f.Sources, ", ")+"]")
				}
				fmt.Fprintf(ew, ": singled out by %s (%s people)", strings.Join(fs, " + "), fmtEstimate(p.SingledOut))
			}
			fmt.Fprintln(ew)
		case "small":
			fmt.Fprintf(ew, "  SMALL: fewer than k=%d people match\n", r.K)
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(ew, "\nNotes")
		for _, n := range r.Notes {
			fmt.Fprintln(ew, "  - "+n)
		}
	}
	fmt.Fprintln(ew, "\nModel: people matching = the smallest group a fact names (residents of the area, visitors of a venue that day, passengers of a trip, relatives of a case) × the share of people each other fact leaves, facts taken as independent; rough orders of magnitude, listed in the JSON report.")
	if r.Pass {
		fmt.Fprintln(ew, "\nPASS: no person is singled out or matched by fewer than k people")
	} else {
		fmt.Fprintln(ew, "\nFAIL: some persons are singled out or matched by fewer than k people")
	}
	return ew.err
}

func fmtEstimate(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case x >= 1:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'g', 2, 64)
}
