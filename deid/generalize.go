package deid

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// generalizeOp makes a value coarser (GB/T 37964 generalisation): ages to
// bands, dates to the month, week or year, addresses to a division level,
// ID numbers to birth year, region and age band, coordinates to a grid,
// schools and places to their kind, phone numbers to carrier or province,
// bank cards to the bank.
//
// A value it cannot read becomes the type's label ([年龄]), as replace
// would write it, so that nothing of it leaks; a value that already has
// the generalized form (40-49岁, 2020年1月, 某小学) is returned as it is, so
// generalizing twice changes nothing.
type generalizeOp struct {
	raw     string
	targets []target
	level   int // resident ID region level
}

// target is one part of the to parameter.
type target struct {
	kind     string
	bands    []ageBand // band10, band5 and custom bands
	grid     float64
	decimals int
}

type ageBand struct{ lo, hi int } // hi < 0: open-ended

// generalizeTargets are the kinds of target, with the types each applies
// to (documentation and errors).
var generalizeTargets = map[string]string{
	"band10":     "age, resident_id, date of birth",
	"band5":      "age, resident_id, date of birth",
	"band":       "age, resident_id, date of birth",
	"age_band":   "resident_id, date of birth",
	"year":       "date, resident_id",
	"birth_year": "resident_id",
	"month":      "date",
	"week":       "date",
	"day":        "date",
	"half-day":   "date",
	"province":   "address, resident_id, mobile_phone",
	"city":       "address, resident_id, mobile_phone, landline_phone",
	"district":   "address, resident_id",
	"town":       "address",
	"poi":        "address",
	"region":     "resident_id",
	"grid":       "gps_coordinate",
	"level":      "school",
	"venue":      "place",
	"carrier":    "mobile_phone",
	"bank":       "bank_card",
}

func buildGeneralize(p Params) (Operator, error) {
	raw, ok := p["to"]
	if !ok || strings.TrimSpace(raw) == "" {
		return nil, errors.New("parameter to is required (e.g. to=band10, to=district, to=month)")
	}
	if err := checkText(p, "to"); err != nil {
		return nil, err
	}
	o := generalizeOp{raw: raw}
	lv, err := paramEnum(p, "level", "city", "province", "city", "district")
	if err != nil {
		return nil, err
	}
	o.level = levelNames[lv]
	for _, part := range splitTargets(raw) {
		t, err := parseTarget(part)
		if err != nil {
			return nil, fmt.Errorf("parameter to=%q: %w", raw, err)
		}
		o.targets = append(o.targets, t)
	}
	return &o, nil
}

// splitTargets splits to at the + signs that start another target
// (birth_year+region), not at the one that ends an open band (60+).
func splitTargets(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '+' && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z' {
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

func parseTarget(s string) (target, error) {
	switch {
	case s == "band10":
		return target{kind: "band10"}, nil
	case s == "band5":
		return target{kind: "band5"}, nil
	case strings.HasPrefix(s, "band:"):
		bands, err := parseBands(s[len("band:"):])
		return target{kind: "band", bands: bands}, err
	case strings.HasPrefix(s, "grid:"):
		g := s[len("grid:"):]
		v, err := strconv.ParseFloat(g, 64)
		if err != nil || v <= 0 || v > 10 || math.IsNaN(v) {
			return target{}, fmt.Errorf("grid %q: want a cell size in degrees such as 0.01", g)
		}
		dec := 0
		if i := strings.IndexByte(g, '.'); i >= 0 {
			dec = len(strings.TrimRight(g[i+1:], "0"))
		}
		return target{kind: "grid", grid: v, decimals: dec}, nil
	case s == "half_day":
		return target{kind: "half-day"}, nil
	}
	if _, ok := generalizeTargets[s]; ok && s != "band" && s != "grid" {
		return target{kind: s}, nil
	}
	return target{}, fmt.Errorf("unknown target %q (known: band10, band5, band:0-13,14-17,18-59,60+, year, month, week, day, half-day, "+
		"province, city, district, town, birth_year, region, age_band, grid:0.01, level, venue, carrier, bank)", s)
}

// parseBands reads custom age bands: "0-13,14-17,18-59,60+". They must
// start at 0, follow each other without gaps and end open (N+).
func parseBands(s string) ([]ageBand, error) {
	var bands []ageBand
	next := 0
	parts := strings.Split(s, ",")
	for i, part := range parts {
		part = strings.TrimSpace(part)
		var b ageBand
		if lo, ok := strings.CutSuffix(part, "+"); ok {
			n, err := strconv.Atoi(lo)
			if err != nil || i != len(parts)-1 {
				return nil, fmt.Errorf("band %q: only the last band may be open (N+)", part)
			}
			b = ageBand{n, -1}
		} else {
			lo, hi, ok := strings.Cut(part, "-")
			a, err1 := strconv.Atoi(lo)
			z, err2 := strconv.Atoi(hi)
			if !ok || err1 != nil || err2 != nil || z < a {
				return nil, fmt.Errorf("band %q: want lo-hi or N+", part)
			}
			b = ageBand{a, z}
		}
		if b.lo != next {
			return nil, fmt.Errorf("band %q: bands must start at 0 and follow each other (expected one starting at %d)", part, next)
		}
		next = b.hi + 1
		bands = append(bands, b)
	}
	if bands[len(bands)-1].hi >= 0 {
		return nil, fmt.Errorf("the last band must be open-ended (such as 60+)")
	}
	return bands, nil
}

func (generalizeOp) Name() string { return "generalize" }

// Apply generalizes v. Several targets (birth_year+region) give their
// results joined with "，".
func (o generalizeOp) Apply(c *Context, f *pi.Finding, v string) (string, error) {
	f = finding(f)
	ref := time.Now().UTC()
	if c != nil {
		ref = c.ref
	}
	orig := strings.TrimSpace(clean(v))
	v = foldWidth(orig)
	if f.Type == pi.ResidentID {
		for _, t := range o.targets {
			switch {
			case isBand(t.kind), t.kind == "birth_year", t.kind == "year", t.kind == "region",
				t.kind == "province", t.kind == "city", t.kind == "district":
			default:
				return "", fmt.Errorf("generalize resident_id to %s: %w (%s applies to %s)", t.kind, ErrNotApplicable, t.kind, generalizeTargets[t.kind])
			}
		}
		return o.residentID(ref, f, v, orig), nil
	}
	var parts []string
	for _, t := range o.targets {
		s, err := o.one(ref, f, v, t)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "，"), nil
}

func (o generalizeOp) one(ref time.Time, f *pi.Finding, v string, t target) (string, error) {
	label := "[" + Label(f.Type) + "]"
	bad := fmt.Errorf("generalize %s to %s: %w (%s applies to %s)", f.Type, t.kind, ErrNotApplicable, t.kind, generalizeTargets[t.kind])
	switch f.Type {
	case pi.Age:
		if !isBand(t.kind) {
			return "", bad
		}
		if lo, hi, ok := ageRange(f); ok {
			return rangeLabel(t, lo, hi), nil
		}
		if a, ok := ageOf(f, v); ok {
			return bandLabel(t, a), nil
		}
		return label, nil
	case pi.Date:
		return generalizeDate(ref, f, v, t, bad)
	case pi.Address:
		if t.kind == "poi" {
			if s := cutBelowPOI(f, v); s != "" {
				return s, nil
			}
			return label, nil
		}
		l, ok := levelNames[t.kind]
		if !ok {
			return "", bad
		}
		if s := resolvePlace(f, v).upTo(l); s != "" {
			return s, nil
		}
		return label, nil
	case pi.GPSCoordinate:
		if t.kind != "grid" {
			return "", bad
		}
		return snapGrid(v, t, label), nil
	case pi.School:
		if t.kind != "level" {
			return "", bad
		}
		return "某" + schoolLevel(f, v), nil
	case pi.Place:
		if t.kind != "venue" {
			return "", bad
		}
		return "某" + venueKind(f, v), nil
	case pi.MobilePhone:
		return generalizeMobile(v, t, label, bad)
	case pi.LandlinePhone:
		if t.kind != "city" {
			return "", bad
		}
		d := digitsOf(v)
		if d == "" && strings.HasSuffix(v, "固定电话") {
			return v, nil
		}
		if n := zh.AreaCodeAt(d); n > 0 {
			if city, _ := zh.LookupAreaCode(d[:n]); city != "" {
				return city + "固定电话", nil
			}
		}
		return label, nil
	case pi.BankCard:
		if t.kind != "bank" {
			return "", bad
		}
		d := digitsOf(v)
		if d == "" && strings.HasSuffix(v, "卡") {
			return v, nil
		}
		if info, ok := zh.LookupBIN(d); ok && len(d) >= 6 {
			return info.Bank + "卡", nil
		}
		return label, nil
	}
	return "", bad
}

func isBand(kind string) bool {
	return kind == "band10" || kind == "band5" || kind == "band" || kind == "age_band"
}

// ageRange reads the range an age finding gives without saying the years
// (已满十六周岁不满十八周岁: age_band 16-17).
func ageRange(f *pi.Finding) (lo, hi int, ok bool) {
	if f.Attr("years") != "" {
		return 0, 0, false
	}
	l, h, ok := strings.Cut(f.Attr("age_band"), "-")
	if !ok {
		return 0, 0, false
	}
	lo, err1 := strconv.Atoi(l)
	hi, err2 := strconv.Atoi(h)
	return lo, hi, err1 == nil && err2 == nil && lo <= hi
}

// rangeLabel writes the bands that hold the ages lo to hi, joined: 16-17
// in 5-year bands is 15-19岁, 0-13 is 0-14岁 (never a band that says less
// than the range does).
func rangeLabel(t target, lo, hi int) string {
	a, b := bandLabel(t, lo), bandLabel(t, hi)
	if a == b {
		return a
	}
	from, _, _ := strings.Cut(a, "-")
	from = strings.TrimSuffix(strings.TrimSuffix(from, "岁及以上"), "岁")
	if strings.HasSuffix(b, "岁及以上") {
		return from + "岁及以上"
	}
	_, to, _ := strings.Cut(b, "-")
	return from + "-" + to
}

// bandLabel writes the band of age a: 40-49岁, 60岁及以上.
func bandLabel(t target, a int) string {
	switch t.kind {
	case "band5":
		lo := a / 5 * 5
		return fmt.Sprintf("%d-%d岁", lo, lo+4)
	case "band":
		for _, b := range t.bands {
			if a >= b.lo && (b.hi < 0 || a <= b.hi) {
				if b.hi < 0 {
					return fmt.Sprintf("%d岁及以上", b.lo)
				}
				return fmt.Sprintf("%d-%d岁", b.lo, b.hi)
			}
		}
	}
	lo := a / 10 * 10
	return fmt.Sprintf("%d-%d岁", lo, lo+9)
}

// ageOf reads an age in whole years: the finding's years, months or age
// attribute, else the first number of the text (45岁, 6个月, 七十多岁,
// 40-49岁), 0 for an age in months, weeks or days.
func ageOf(f *pi.Finding, v string) (int, bool) {
	if y := f.Attr("years"); y != "" {
		if n, err := strconv.Atoi(y); err == nil && n >= 0 && n < 200 {
			return n, true
		}
	}
	if f.Attr("months") != "" {
		return 0, true
	}
	if a := f.Attr(pi.AttrAge); a != "" {
		if n, err := strconv.Atoi(a); err == nil && n >= 0 && n < 200 {
			return n, true
		}
	}
	n, rest, ok := firstNumber(v)
	if !ok || n >= 200 {
		return 0, false
	}
	for _, unit := range []string{"个月", "月", "周", "天", "日"} {
		if strings.HasPrefix(rest, unit) && !strings.HasPrefix(rest, "周岁") {
			return 0, true
		}
	}
	if strings.HasPrefix(rest, "旬") {
		n *= 10
	}
	return n, true
}

// firstNumber reads the first number of s in Arabic or Chinese numerals
// and returns what follows it.
func firstNumber(s string) (int, string, bool) {
	for i, r := range s {
		if r >= '0' && r <= '9' {
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j-i > 4 {
				return 0, "", false
			}
			n, _ := strconv.Atoi(s[i:j])
			return n, s[j:], true
		}
		if isCnNumeral(r) {
			return cnNumber(s[i:])
		}
	}
	return 0, "", false
}

// isCnNumeral reports whether r is a Chinese numeral character.
func isCnNumeral(r rune) bool {
	return strings.ContainsRune("零一二两三四五六七八九十百", r)
}

// cnNumber reads a Chinese numeral (十七, 七十三, 一百零二; 十七八 reads 17).
func cnNumber(s string) (int, string, bool) {
	total, cur, seen := 0, -1, false
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		d := -1
		if k := strings.IndexRune("零一二三四五六七八九", r); k >= 0 {
			d = k / 3
		} else if r == '两' {
			d = 2
		}
		switch {
		case d >= 0:
			if cur >= 0 && d != 0 {
				return total + cur, s[i:], true // 十七八: the second digit is a range
			}
			if d != 0 {
				cur = d
			}
		case r == '十':
			total += max(cur, 1) * 10
			cur = -1
		case r == '百':
			total += max(cur, 1) * 100
			cur = -1
		default:
			if !seen {
				return 0, "", false
			}
			return total + max(cur, 0), s[i:], true
		}
		seen = true
		i += n
	}
	if !seen {
		return 0, "", false
	}
	return total + max(cur, 0), "", true
}

// generalizeDate writes a date at a coarser grain.
func generalizeDate(ref time.Time, f *pi.Finding, v string, t target, bad error) (string, error) {
	label := "[" + Label(f.Type) + "]"
	switch t.kind {
	case "year", "month", "week", "day", "half-day", "band10", "band5", "band", "age_band":
	default:
		return "", bad
	}
	if y, wk, ok := parseWeek(v); ok {
		switch t.kind {
		case "week":
			return v, nil
		case "year":
			return strconv.Itoa(y) + "年", nil
		}
		_ = wk
		return label, nil
	}
	w, ok := parseDate(v)
	if !ok {
		if n := f.Attr(pi.AttrNormalized); n != "" {
			if tm, _, ok2 := parseNormalized(n); ok2 && !strings.HasPrefix(n, "--") {
				w = writtenDate{y: tm.Year(), m: int(tm.Month()), d: tm.Day(), ys: span{0, 0}, ms: span{0, 0}, ds: span{0, 0}}
				ok = true
				v = ""
			}
		}
		if !ok {
			return label, nil
		}
	}
	switch t.kind {
	case "year":
		if w.y == 0 {
			return label, nil
		}
		return strconv.Itoa(w.y) + "年", nil
	case "month":
		if w.m == 0 {
			return label, nil
		}
		if w.y == 0 {
			return strconv.Itoa(w.m) + "月", nil
		}
		return fmt.Sprintf("%d年%d月", w.y, w.m), nil
	case "week":
		if w.m == 0 || w.d == 0 {
			return label, nil
		}
		tm := w.resolve(ref)
		y, wk := tm.ISOWeek()
		if w.y == 0 {
			return fmt.Sprintf("第%d周", wk), nil
		}
		return fmt.Sprintf("%d年第%d周", y, wk), nil
	case "day", "half-day":
		if v == "" {
			return label, nil
		}
		day := v[:w.end]
		if t.kind == "half-day" {
			if h, ok := halfDay(v[w.end:]); ok {
				return day + h, nil
			}
		}
		return day, nil
	}
	// An age band from a date of birth.
	if w.y == 0 || w.m == 0 {
		return label, nil
	}
	birth := w.resolve(ref)
	return bandLabel(t, ageAt(birth, ref)), nil
}

// parseWeek reads the week form generalize writes: 2020年第3周.
func parseWeek(v string) (year, week int, ok bool) {
	y, rest, found := strings.Cut(v, "年第")
	w, found2 := strings.CutSuffix(rest, "周")
	if !found || !found2 {
		return 0, 0, false
	}
	year, err1 := strconv.Atoi(y)
	week, err2 := strconv.Atoi(w)
	return year, week, err1 == nil && err2 == nil && week >= 1 && week <= 53
}

// ageAt returns the age in whole years at ref of someone born on birth.
func ageAt(birth, ref time.Time) int {
	a := ref.Year() - birth.Year()
	if ref.Month() < birth.Month() || ref.Month() == birth.Month() && ref.Day() < birth.Day() {
		a--
	}
	return max(a, 0)
}

// residentID generalizes an ID number to birth year, region and age band.
func (o generalizeOp) residentID(ref time.Time, f *pi.Finding, v, orig string) string {
	label := "[" + Label(pi.ResidentID) + "]"
	id := strings.ToUpper(alnumOf(v))
	var birth time.Time
	var region string
	switch {
	case len(id) == 18 && len(digitsOf(id[:17])) == 17:
		birth, _ = time.Parse("20060102", id[6:14])
		region = id[:6]
	case len(id) == 15 && len(digitsOf(id)) == 15:
		birth, _ = time.Parse("20060102", "19"+id[6:12])
		region = id[:6]
	default:
		if generalizedID(v) {
			return orig
		}
		return label
	}
	if b := f.Attr(pi.AttrBirthDate); b != "" {
		if t, err := time.Parse("2006-01-02", b); err == nil {
			birth = t
		}
	}
	if c := f.Attr(pi.AttrRegionCode); c != "" {
		region = c
	}
	var parts []string
	for _, t := range o.targets {
		switch {
		case t.kind == "birth_year" || t.kind == "year":
			if !birth.IsZero() {
				parts = append(parts, strconv.Itoa(birth.Year())+"年生")
			}
		case t.kind == "region" || t.kind == "province" || t.kind == "city" || t.kind == "district":
			level := o.level
			if t.kind != "region" {
				level = levelNames[t.kind]
			}
			if p, ok := placeFromCode(region); ok {
				parts = append(parts, p.upTo(level))
			}
		case isBand(t.kind):
			a := -1
			if s := f.Attr(pi.AttrAge); s != "" {
				if n, err := strconv.Atoi(s); err == nil {
					a = n
				}
			}
			if a < 0 && !birth.IsZero() {
				a = ageAt(birth, ref)
			}
			if a >= 0 {
				parts = append(parts, bandLabel(t, a))
			}
		}
	}
	if len(parts) == 0 {
		return label
	}
	return strings.Join(parts, "，")
}

// generalizedID reports whether v is already the output of generalizing an
// ID number: parts such as 1951年生, 70-79岁, 四川省成都市 joined with ，.
func generalizedID(v string) bool {
	if v == "" {
		return false
	}
	// The Apply folded the full-width comma to ','.
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '，' || r == ',' }) {
		switch {
		case strings.HasSuffix(part, "年生") && len(digitsOf(part)) == 4 && len(part) == 4+len("年生"):
		case isBandLabel(part):
		default:
			p := matchPlace(part)
			end := 0
			for _, e := range p.end {
				end = max(end, e)
			}
			if end != len(part) {
				return false
			}
		}
	}
	return true
}

// isBandLabel reports whether s is a band label bandLabel writes.
func isBandLabel(s string) bool {
	if lo, ok := strings.CutSuffix(s, "岁及以上"); ok {
		_, err := strconv.Atoi(lo)
		return err == nil
	}
	r, ok := strings.CutSuffix(s, "岁")
	if !ok {
		return false
	}
	lo, hi, ok := strings.Cut(r, "-")
	_, err1 := strconv.Atoi(lo)
	_, err2 := strconv.Atoi(hi)
	return ok && err1 == nil && err2 == nil
}

// snapGrid rounds every number of a coordinate text to the grid, keeping
// the rest of the text: 30.657421,104.065735 → 30.66,104.07. A text
// without two numbers, one of them with decimals, is not a coordinate.
func snapGrid(v string, t target, label string) string {
	var b strings.Builder
	found, decimals := 0, false
	i := 0
	for i < len(v) {
		j := i
		if v[j] == '-' && j+1 < len(v) && isDigit(v[j+1]) {
			j++
		}
		if j < len(v) && isDigit(v[j]) {
			k := j
			for k < len(v) && (isDigit(v[k]) || v[k] == '.') {
				k++
			}
			x, err := strconv.ParseFloat(v[i:k], 64)
			if err == nil {
				found++
				decimals = decimals || strings.IndexByte(v[i:k], '.') >= 0
				g := math.Round(x/t.grid) * t.grid
				b.WriteString(strconv.FormatFloat(g, 'f', t.decimals, 64))
				i = k
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(v[i:])
		b.WriteString(v[i : i+n])
		i += n
	}
	if found < 2 || !decimals {
		return label // not a coordinate pair
	}
	return b.String()
}

// schoolWords are the kinds of school, most specific first; the kind is
// the one written last in the name (北京大学附属小学 is a 小学).
var schoolWords = []string{"幼儿园", "小学", "初级中学", "高级中学", "初中", "高中", "中学", "职业技术学院", "职业学校", "职业中学", "中专", "技校", "大学", "学院", "学校"}

var schoolLevels = map[string]string{
	"kindergarten": "幼儿园", "primary": "小学", "junior": "初中", "senior": "高中",
	"secondary": "中学", "vocational": "职业学校", "university": "大学",
}

// schoolLevel returns the kind of school: from the level attribute, else
// the school word written last.
func schoolLevel(f *pi.Finding, v string) string {
	if w, ok := schoolLevels[f.Attr("level")]; ok {
		return w
	}
	best, at := "学校", -1
	for _, w := range schoolWords {
		if i := strings.LastIndex(v, w); i > at || (i == at && i >= 0 && len(w) > len(best)) {
			best, at = w, i
		}
	}
	return best
}

// venueWords are venue kinds, most specific first.
var venueWords = []string{
	"农贸市场", "菜市场", "批发市场", "超市", "商场", "购物中心", "便利店", "药店", "药房", "医院", "卫生院", "诊所", "门诊",
	"酒店", "宾馆", "旅馆", "民宿", "餐厅", "饭店", "火锅店", "餐馆", "面馆", "食堂", "咖啡馆", "茶楼", "酒吧", "网吧",
	"电影院", "影院", "剧院", "KTV", "健身房", "体育馆", "游泳馆", "浴室", "洗浴中心", "足浴店", "理发店", "美容院",
	"火车站", "高铁站", "汽车站", "地铁站", "机场", "码头", "车站", "银行", "营业厅", "快递站", "公园", "广场",
	"景区", "寺", "教堂", "清真寺", "图书馆", "博物馆", "学校", "幼儿园", "工厂", "工地", "写字楼", "市场", "店",
}

// venueKind returns the kind of venue: the venue attribute, else the
// first venue word of the list in the text, else 场所.
func venueKind(f *pi.Finding, v string) string {
	if w := f.Attr("venue"); w != "" {
		return w
	}
	for _, w := range venueWords {
		if strings.Contains(v, w) {
			return w
		}
	}
	return "场所"
}

// generalizeMobile writes a mobile number's carrier or home province.
func generalizeMobile(v string, t target, label string, bad error) (string, error) {
	switch t.kind {
	case "carrier", "province", "city":
	default:
		return "", bad
	}
	d, _ := nationalMobile(digitsOf(v))
	if d == "" && strings.HasSuffix(v, "手机号") {
		return v, nil
	}
	info, ok := zh.LookupMobile(d)
	if !ok {
		return label, nil
	}
	switch t.kind {
	case "carrier":
		return info.Carrier + "手机号", nil
	case "province":
		return info.Province + "手机号", nil
	}
	if info.City == info.Province {
		return info.Province + "手机号", nil
	}
	return info.Province + info.City + "手机号", nil
}

// belowPOI are the address elements finer than the compound or venue.
var belowPOI = []string{"houseno", "cellno", "floorno", "roomno"}

// cutBelowPOI keeps an address down to its compound or venue (成华区建设路
// 某酒吧, 幸福小区): the text before its first building, unit, floor or
// room element.
func cutBelowPOI(f *pi.Finding, v string) string {
	cut := len(v)
	for _, l := range belowPOI {
		if e := f.Attr(l); e != "" {
			if i := strings.Index(v, e); i >= 0 && i < cut {
				cut = i
			}
		}
	}
	return strings.TrimRight(v[:cut], " -—_，,、")
}
