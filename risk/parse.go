package risk

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The parsers below read the values of quasi-identifier cells directly,
// without the detection engine: a table of a million rows is read cell by
// cell, and what a column holds is already known from its name, a flag or
// the detection run on a sample. Each is total: any input gives a value or
// ok == false, never a panic (see the fuzz tests).

// maxAge is the largest age accepted; anything above is not an age.
const maxAge = 150

// ParseAge reads an age in whole years: "45", "45岁", "45周岁", "45.5",
// "45岁3个月", "六十九岁", "6个月" and "3月龄" (under a year: 0). Ages
// are truncated to whole years; 0–150 is accepted.
func ParseAge(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "岁"); i >= 0 {
		if rest := strings.TrimSpace(s[i+len("岁"):]); rest != "" {
			if _, ok := parseMonths(rest); !ok {
				return 0, false
			}
		}
		s = strings.TrimSuffix(strings.TrimSpace(s[:i]), "周")
	} else if m, ok := parseMonths(s); ok {
		return m / 12, m/12 <= maxAge
	}
	s = strings.TrimSpace(s)
	if dot := strings.IndexAny(s, ".．"); dot >= 0 {
		frac := strings.TrimLeft(s[dot:], ".．")
		if !allDigits(foldDigits(frac)) {
			return 0, false
		}
		s = s[:dot]
	}
	n, ok := parseSmallNumber(s)
	if !ok || n > maxAge {
		return 0, false
	}
	return n, true
}

// parseMonths reads an age in months: 6个月, 3月龄, 18月.
func parseMonths(s string) (int, bool) {
	for _, suf := range []string{"个月", "月龄", "月"} {
		if head, ok := strings.CutSuffix(s, suf); ok {
			n, ok := parseSmallNumber(strings.TrimSpace(head))
			return n, ok && n < 12*(maxAge+1)
		}
	}
	return 0, false
}

// parseSmallNumber reads a non-negative integer written in ASCII or
// full-width digits, or in Chinese numerals up to 九百九十九 (十二, 六十九,
// 一百零二, 两).
func parseSmallNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	s = foldDigits(s)
	if allDigits(s) {
		if len(s) > 6 {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	return parseChineseNumber(s)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// foldDigits turns full-width digits (０–９) into ASCII ones.
func foldDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= '０' && r <= '９' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}

var chineseDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// parseChineseNumber reads 0–999 in Chinese numerals: 五, 十二, 二十,
// 六十九, 一百, 一百零二, 两百三十.
func parseChineseNumber(s string) (int, bool) {
	digit := func(s string) (int, bool) {
		r, size := utf8.DecodeRuneInString(s)
		d, ok := chineseDigits[r]
		return d, ok && size == len(s)
	}
	total := 0
	if head, rest, ok := strings.Cut(s, "百"); ok {
		h, ok := digit(head)
		if !ok || h == 0 {
			return 0, false
		}
		total, s = 100*h, rest
		if s == "" {
			return total, true
		}
		if z, ok := strings.CutPrefix(s, "零"); ok {
			o, ok := digit(z)
			return total + o, ok && o > 0
		}
	}
	if head, rest, ok := strings.Cut(s, "十"); ok {
		t := 1
		if head != "" {
			var ok bool
			if t, ok = digit(head); !ok || t == 0 {
				return 0, false
			}
		} else if total > 0 {
			return 0, false
		}
		total += 10 * t
		if rest == "" {
			return total, true
		}
		o, ok := digit(rest)
		return total + o, ok && o > 0
	}
	if total > 0 {
		return 0, false // 一百二: colloquial for 120, too ambiguous
	}
	return digit(s)
}

// Precision is how much of a date a value gives.
type Precision uint8

// Date precisions, coarsest first.
const (
	PrecYear Precision = iota + 1
	PrecMonth
	PrecDay
	PrecMinute // a day with a time of day
)

// Date is a calendar date read from a cell, as precise as the cell was.
type Date struct {
	Year, Month, Day int
	Hour, Minute     int
	Prec             Precision
}

// String renders the date in ISO form at its own precision: 2020,
// 2020-12, 2020-12-02, 2020-12-02 19:00.
func (d Date) String() string {
	var b []byte
	b = appendPad(b, d.Year, 4)
	if d.Prec >= PrecMonth {
		b = append(b, '-')
		b = appendPad(b, d.Month, 2)
	}
	if d.Prec >= PrecDay {
		b = append(b, '-')
		b = appendPad(b, d.Day, 2)
	}
	if d.Prec >= PrecMinute {
		b = append(b, ' ')
		b = appendPad(b, d.Hour, 2)
		b = append(b, ':')
		b = appendPad(b, d.Minute, 2)
	}
	return string(b)
}

func appendPad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// days returns the day number (days since 1970-01-01) of the date's first
// day, with the time of day as a fraction.
func (d Date) days() float64 {
	m, day := max(d.Month, 1), max(d.Day, 1)
	t := time.Date(d.Year, time.Month(m), day, d.Hour, d.Minute, 0, 0, time.UTC)
	return float64(t.Unix()) / 86400
}

// ParseDate reads a date: 2020-12-02, 2020/12/2, 2020.12.02, 20201202,
// 2020年12月2日, 2020-12, 2020年12月, 2020年, with an optional time of day
// (2020-12-02 19:00, 2020-12-02T19:00:00+08:00, 2020年12月2日19时30分).
// Seconds and time zones are read and dropped. Years 1900–2100 are
// accepted; the calendar is checked (no 2月30日).
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(foldDigits(s))
	if s == "" {
		return Date{}, false
	}
	if len(s) == 8 && allDigits(s) { // 20201202
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	var d Date
	p := dateScanner{s: s}
	y, ok := p.number(4, 4)
	if !ok {
		return Date{}, false
	}
	d.Year, d.Prec = y, PrecYear
	if p.done() {
		return d, validDate(d)
	}
	sep := p.sep()
	if sep == "年" && p.done() {
		return d, validDate(d)
	}
	if sep == "" {
		return Date{}, false
	}
	if d.Month, ok = p.number(1, 2); !ok {
		return Date{}, false
	}
	d.Prec = PrecMonth
	sep2 := p.sep()
	if p.done() && (sep2 == "" || sep == "年" && sep2 == "月") {
		return d, validDate(d)
	}
	if sep2 == "" || (sep == "年") != (sep2 == "月") || sep != "年" && sep2 != sep {
		return Date{}, false
	}
	if d.Day, ok = p.number(1, 2); !ok {
		return Date{}, false
	}
	d.Prec = PrecDay
	if sep == "年" {
		p.lit("日")
		p.lit("号")
	}
	if p.done() {
		return d, validDate(d)
	}
	// time of day
	if !p.lit("T") && !p.lit(" ") && !p.lit("　") && sep != "年" {
		return Date{}, false
	}
	for p.lit(" ") {
	}
	h, ok := p.number(1, 2)
	if !ok {
		return Date{}, false
	}
	d.Hour = h
	switch {
	case p.lit(":") || p.lit("："):
		if d.Minute, ok = p.number(2, 2); !ok {
			return Date{}, false
		}
		if p.lit(":") || p.lit("：") {
			if _, ok = p.number(2, 2); !ok {
				return Date{}, false
			}
			if p.lit(".") {
				p.digits()
			}
		}
		p.zone()
	case p.lit("时") || p.lit("点"):
		if m, ok := p.number(1, 2); ok {
			d.Minute = m
			if !p.lit("分") {
				return Date{}, false
			}
		} else if p.lit("半") {
			d.Minute = 30
		}
	default:
		return Date{}, false
	}
	if !p.done() || d.Hour > 24 || d.Minute > 59 {
		return Date{}, false
	}
	d.Prec = PrecMinute
	return d, validDate(d)
}

func validDate(d Date) bool {
	if d.Year < 1900 || d.Year > 2100 {
		return false
	}
	if d.Prec >= PrecMonth && (d.Month < 1 || d.Month > 12) {
		return false
	}
	if d.Prec >= PrecDay {
		if d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return false
		}
	}
	return true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateScanner walks a date string.
type dateScanner struct {
	s string
	i int
}

func (p *dateScanner) done() bool { return p.i >= len(p.s) }

func (p *dateScanner) lit(l string) bool {
	if strings.HasPrefix(p.s[p.i:], l) {
		p.i += len(l)
		return true
	}
	return false
}

func (p *dateScanner) digits() int {
	j := p.i
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	n := j - p.i
	p.i = j
	return n
}

// number reads lo..hi digits.
func (p *dateScanner) number(lo, hi int) (int, bool) {
	start := p.i
	n := p.digits()
	if n < lo || n > hi {
		p.i = start
		return 0, false
	}
	v, _ := strconv.Atoi(p.s[start:p.i])
	return v, true
}

// sep reads a date separator: - / . or 年/月 (returned as such).
func (p *dateScanner) sep() string {
	for _, l := range []string{"-", "/", ".", "年", "月"} {
		if p.lit(l) {
			return l
		}
	}
	return ""
}

// zone skips a time zone: Z, +08:00, +0800.
func (p *dateScanner) zone() {
	if p.lit("Z") {
		return
	}
	if p.lit("+") || p.lit("-") {
		p.digits()
		if p.lit(":") {
			p.digits()
		}
	}
}

// ParseSex reads a sex: 男/女, 男性/女性, M/F, male/female (any case).
// It returns "男" or "女".
func ParseSex(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "男", "男性", "m", "male", "man", "♂":
		return "男", true
	case "女", "女性", "f", "female", "woman", "♀":
		return "女", true
	}
	return "", false
}

// IDFacts are the facts a resident ID number states about its holder.
type IDFacts struct {
	Birth  time.Time
	Male   bool
	Region string // GB/T 2260 code of the place of first registration
}

// ParseResidentID reads an 18-digit resident ID number (with its ISO 7064
// MOD 11-2 check digit) or a 15-digit legacy one (born 19xx), separators
// removed.
func ParseResidentID(s string) (IDFacts, bool) {
	s = strings.TrimSpace(foldDigits(s))
	if strings.ContainsAny(s, " -") {
		s = strings.NewReplacer(" ", "", "-", "").Replace(s)
	}
	var birth string
	var seq byte
	switch len(s) {
	case 18:
		if !allDigits(s[:17]) || !idCheck(s) {
			return IDFacts{}, false
		}
		birth, seq = s[6:14], s[16]
	case 15:
		if !allDigits(s) {
			return IDFacts{}, false
		}
		birth, seq = "19"+s[6:12], s[14]
	default:
		return IDFacts{}, false
	}
	t, err := time.Parse("20060102", birth)
	if err != nil || t.Year() < 1880 {
		return IDFacts{}, false
	}
	return IDFacts{Birth: t, Male: (seq-'0')%2 == 1, Region: s[:6]}, true
}

// idCheck verifies the ISO 7064 MOD 11-2 check character of an 18-digit
// number whose first 17 characters are digits.
func idCheck(s string) bool {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	want := "10X98765432"[sum%11]
	got := s[17]
	if got == 'x' {
		got = 'X'
	}
	return got == want
}

// ageAt returns the age in whole years at ref of someone born on birth.
func ageAt(birth, ref time.Time) int {
	age := ref.Year() - birth.Year()
	if ref.Month() < birth.Month() || ref.Month() == birth.Month() && ref.Day() < birth.Day() {
		age--
	}
	return age
}

// ParseNumber reads a decimal number (ASCII or full-width digits, an
// optional sign, thousands separators).
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(foldDigits(s))
	if s == "" || len(s) > 40 {
		return 0, false
	}
	if strings.ContainsRune(s, ',') {
		s = strings.ReplaceAll(s, ",", "")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v || v > 1e15 || v < -1e15 {
		return 0, false
	}
	return v, true
}

// normalizeText trims and collapses white space: the level-0 value of a
// free-text quasi-identifier.
func normalizeText(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, " \t\r\n　") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '　'
	}), " ")
}

// runeLen counts the runes of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
