package detect

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Dates: ISO forms (2020-01-02, 2020/1/2, 2020.01.02, with an optional
// time), compact YYYYMMDD (with a context word only: bare it is as likely an
// account or order number), and Chinese forms (2020年1月2日, 1月2日, 2号,
// 23日, with a time such as 晚19：00 or 9时30分). A date after a birth word
// (出生, 生日) is a birth date: category PI.BASIC.AGE.

const (
	runeYear  = "年"
	runeMonth = "月"
	runeDay   = "日"
	runeHao   = "号"
)

// isoDate claims a date at the start of [start, end) written with '-', '/'
// or '.' separators.
func (s *scanner) isoDate(start, end int) bool {
	text := s.text
	if end-start < 8 && end-start >= 6 {
		return s.yearMonth(start, end)
	}
	if end-start < 8 || !isDigit(text[start]) {
		return false
	}
	i := start
	y, ok := s.digitsAt(&i, 4, 4)
	if !ok || i >= end {
		return false
	}
	sep := text[i]
	if sep != '-' && sep != '/' && sep != '.' {
		return false
	}
	i++
	m, ok := s.digitsAt(&i, 1, 2)
	if !ok || i >= end || text[i] != sep {
		return false
	}
	i++
	d, ok := s.digitsAt(&i, 1, 2)
	if !ok || !validYMD(y, m, d) {
		return false
	}
	if i < end && isDigit(text[i]) {
		return false
	}
	e := i
	// an ISO time: T10:00, T10:00:00Z
	if i+5 <= end && (text[i] == 'T' || text[i] == 't') && isDigit(text[i+1]) {
		j := i + 1
		if _, ok := s.digitsAt(&j, 2, 2); ok && j < end && text[j] == ':' {
			j++
			if _, ok := s.digitsAt(&j, 2, 2); ok {
				e = j
				if j < end && text[j] == ':' {
					j++
					if _, ok := s.digitsAt(&j, 2, 2); ok {
						e = j
					}
				}
				if e < end && (text[e] == 'Z' || text[e] == 'z') {
					e++
				}
			}
		}
	}
	if e != end && sep == '.' {
		return false // 2020.01.02.3 is a version string
	}
	// a time after one space belongs to the date: 2020-02-03 09:15(:30)
	if e == end && e+5 <= len(text) && text[e] == ' ' {
		j := e + 1
		if _, ok := s.digitsAt(&j, 1, 2); ok && j < len(text) && text[j] == ':' {
			j++
			if _, ok := s.digitsAt(&j, 2, 2); ok {
				if j+3 <= len(text) && text[j] == ':' {
					k := j + 1
					if _, ok := s.digitsAt(&k, 2, 2); ok {
						j = k
					}
				}
				if j == len(text) || !isAlnum(text[j]) {
					e = j
					s.resume = j
				}
			}
		}
	}
	s.addDate(start, e, y, m, d, 0.9, "iso")
	return true
}

// compactDate accepts YYYYMMDD only next to a date or birth word.
func (s *scanner) compactDate(start, end int, d []byte) bool {
	y, _ := atoi(d[:4])
	m, _ := atoi(d[4:6])
	dd, _ := atoi(d[6:8])
	if !validYMD(y, m, dd) {
		return false
	}
	ctx := s.context(start, end)
	if !ctx.hasBefore(ctxBirth) && !ctx.hasBefore(ctxDate) {
		return false
	}
	s.addDate(start, end, y, m, dd, 0.8, "compact")
	return true
}

// yearMonth accepts a year and month without a day (2012.05, 2012-05,
// 2012/5) as a birth date only: right before or after its birth word
// (2012.05出生, 出生年月：2012.05) or as the whole cell of a birth column.
// Anywhere else it is as likely an amount, a version or a code.
func (s *scanner) yearMonth(start, end int) bool {
	text := s.text
	i := start
	y, ok := s.digitsAt(&i, 4, 4)
	if !ok || i >= end || (text[i] != '-' && text[i] != '/' && text[i] != '.') {
		return false
	}
	i++
	m, ok := s.digitsAt(&i, 1, 2)
	if !ok || i != end || !validYMD(y, m, 1) || !s.birthOnly(start, end) {
		return false
	}
	s.addDate(start, end, y, m, 0, 0.85, "iso")
	return true
}

// compactYearMonth accepts YYYYMM (200908) as the whole cell of a birth
// column only.
func (s *scanner) compactYearMonth(start, end int, d []byte) bool {
	y, _ := atoi(d[:4])
	m, _ := atoi(d[4:6])
	if !validYMD(y, m, 1) || !s.context(start, end).inLabel(ctxBirth) || !wholeCell(s.text, start, end) {
		return false
	}
	s.addDate(start, end, y, m, 0, 0.8, "compact")
	return true
}

// birthOnly reports whether the date at [start, end) is a birth date by
// its place alone: right beside a birth word, or the whole cell of a birth
// column (出生年月, 出生日期, birth_date).
func (s *scanner) birthOnly(start, end int) bool {
	return birthBeside(s.text, start, end) || s.context(start, end).inLabel(ctxBirth) && wholeCell(s.text, start, end)
}

// wholeCell reports whether [start, end) is all of text but spaces.
func wholeCell(text []byte, start, end int) bool {
	return len(bytes.TrimSpace(text[:start])) == 0 && len(bytes.TrimSpace(text[end:])) == 0
}

// chineseDate parses 2020年1月2日, 2020年1月, 1月2日, 1月2号 and 23日 starting
// at the digit run [start, end).
func (s *scanner) chineseDate(start, end int) bool {
	text := s.text
	y, m, d := 0, 0, 0
	i := start
	from := start // where the date starts: before 民國 when it says the era
	n, _ := atoi(text[start:end])
	switch {
	case hasPrefixAt(text, end, runeYear):
		switch {
		case end-start == 4 && n >= 1900 && n <= 2100:
			y = n
		case end-start <= 3 && n >= 1 && n <= 200 && (hasSuffixAt(text, start, "民国") || hasSuffixAt(text, start, "民國")):
			y = 1911 + n // 民國80年: the Republic of China's years, in Taiwan documents
			from = start - len("民国")
		default:
			return false
		}
		i = end + len(runeYear)
		j := i
		mm, ok := s.digitsAt(&j, 1, 2)
		if !ok || !hasPrefixAt(text, j, runeMonth) {
			if hasPrefixAt(text, i, "出生") || bornMark(text, i) {
				// 2010年出生, 1985年生: a birth year, the lowest age it allows
				s.addDate(from, i, y, 0, 0, 0.85, "chinese")
				return true
			}
			return false // a year alone is not a date
		}
		m = mm
		i = j + len(runeMonth)
	case hasPrefixAt(text, end, runeMonth):
		if end-start > 2 {
			return false
		}
		m = n
		i = end + len(runeMonth)
	case hasPrefixAt(text, end, runeDay):
		if end-start > 2 || n < 1 || n > 31 {
			return false
		}
		// 第3日, 每5日 and 数日 count days, they are not dates.
		if r, _ := runeBefore(text, start); r == '第' || r == '每' || r == '数' || r == '几' {
			return false
		}
		d = n
		i = end + len(runeDay)
	default:
		return false
	}
	if m != 0 {
		j := i
		if dd, ok := s.digitsAt(&j, 1, 2); ok {
			switch {
			case hasPrefixAt(text, j, runeDay):
				d, i = dd, j+len(runeDay)
			case hasPrefixAt(text, j, runeHao):
				d, i = dd, j+len(runeHao)
			case dayWithoutSuffix(text, j):
				// 1月15至20日, 2020年1月23发病: the day without 日
				d, i = dd, j
			}
		}
		if m < 1 || m > 12 {
			s.resume = i // nor is the 2日 of 13月2日 a date
			return false
		}
	}
	if y == 0 && d == 0 {
		return false // a month alone (3月) is not a date
	}
	if d != 0 && !validYMD(max(y, 2000), max(m, 1), d) {
		s.resume = i // nor is the 2月29日 of 2021年2月29日 a date
		return false
	}
	score := 0.9
	switch {
	case y == 0 && m == 0 && durationDay(text, start, i):
		s.resume = i // 行政拘留5日, 隔离14日, 3日内: a number of days
		return false
	case y == 0 && m == 0:
		score = 0.6
	case d == 0:
		score = 0.7
	case y == 0:
		score = 0.85
	}
	e := s.timeAfter(i)
	s.addDate(from, e, y, m, d, score, "chinese")
	s.resume = e
	return true
}

// durationBefore are words before a bare day (N日) that make it a number of
// days: 行政拘留5日, 隔离14日, 为期7日.
var durationBefore = []string{"拘留", "拘役", "隔离", "留观", "观察", "住院", "治疗", "为期", "连续", "持续", "满", "共",
	"长达", "每"}

// durationDay reports whether the bare day text[start:end] (5日) counts
// days: after a word of duration, or before 内 (3日内).
func durationDay(text []byte, start, end int) bool {
	for _, w := range durationBefore {
		if hasSuffixAt(text, start, w) {
			return true
		}
	}
	return hasPrefixAt(text, end, "内") || hasPrefixAt(text, end, "以内") || hasPrefixAt(text, end, "之内")
}

// dayParts are words for a part of the day written before a time.
var dayParts = []string{"凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "夜间", "夜里", "早", "晚", "午"}

// timeAfter extends a date over a following time of day: 晚19：00, 9时30分,
// 上午10点, 14:30. It returns the new end.
func (s *scanner) timeAfter(i int) int {
	text := s.text
	j := i
	for _, p := range dayParts {
		if hasPrefixAt(text, j, p) {
			j += len(p)
			break
		}
	}
	if j < len(text) && text[j] == ' ' {
		j++
	}
	h, ok := s.digitsAt(&j, 1, 2)
	if !ok || h > 24 {
		return i
	}
	switch {
	case hasPrefixAt(text, j, "时"), hasPrefixAt(text, j, "点"):
		j += 3
		k := j
		if mm, ok := s.digitsAt(&k, 1, 2); ok && mm < 60 && hasPrefixAt(text, k, "分") {
			j = k + 3
		} else if hasPrefixAt(text, j, "许") || hasPrefixAt(text, j, "半") {
			j += 3
		}
		return j
	case j < len(text) && text[j] == ':', hasPrefixAt(text, j, "："):
		if text[j] == ':' {
			j++
		} else {
			j += 3
		}
		if mm, ok := s.digitsAt(&j, 2, 2); ok && mm < 60 {
			return j
		}
	}
	return i
}

// digitsAt reads between lo and hi digits at *i, advancing it; the run must
// end there (not continue with more digits).
func (s *scanner) digitsAt(i *int, lo, hi int) (int, bool) {
	text := s.text
	j := *i
	for j < len(text) && isDigit(text[j]) && j-*i < hi {
		j++
	}
	if j-*i < lo || (j < len(text) && isDigit(text[j])) {
		return 0, false
	}
	n, _ := atoi(text[*i:j])
	*i = j
	return n, true
}

func validYMD(y, m, d int) bool {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d > days[m] {
		return false
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return false
	}
	return true
}

// bornMark reports whether a lone 生 follows a date at i (1991年3月12日生。,
// …生，): the birth date, as 出生 says; 生日, 生病 and 生产 are other words.
func bornMark(text []byte, i int) bool {
	if !hasPrefixAt(text, i, "生") {
		return false
	}
	r, _ := utf8.DecodeRune(text[i+len("生"):])
	return r == utf8.RuneError || !unicode.Is(unicode.Han, r)
}

// bornBefore reports whether 生于 stands right before a date at i (张三，生于
// 1990年) and is no 该生 or 学生 followed by 于 (该生于2026年10月18日在校内: the
// student, on that day).
func bornBefore(text []byte, i int) bool {
	j := len(bytes.TrimRight(text[:i], " \t　"))
	if !hasSuffixAt(text, j, "生于") {
		return false
	}
	p, _ := utf8.DecodeLastRune(text[:j-len("生于")])
	return !strings.ContainsRune(notBornBefore, p)
}

// notBornBefore are the characters that make a word with 生 (该生, 学生,
// 考生, 医生, 发生): 生于 after one is no birth.
const notBornBefore = "该学考新医先发产师男女本诞卫寄派招优特畜众民"

// birthWordTaken reports whether every birth word before the date at start
// follows another date, whose birth it tells (1980年3月5日出生，2月3日发病:
// 2月3日 is no birth date); a fragment's label is never taken.
func (s *scanner) birthWordTaken(ctx *ctxInfo, start int) bool {
	if ctx.label&ctxBirth.bit() != 0 {
		return false
	}
	for _, h := range ctx.hits {
		if h.after || h.groups&ctxBirth.bit() == 0 {
			continue
		}
		w := start - h.dist - len(s.e.ctxKW.words[h.word])
		if w < 0 {
			return false
		}
		r, _ := utf8.DecodeLastRune(s.text[:w])
		if r != '日' && r != '月' && r != '年' && r != '号' && !(r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// birthBeside reports whether a birth word stands right before or after
// the date at [start, end): 出生日期：2016年5月1日, 出生年月：2012.05, 生于…,
// …出生.
func birthBeside(text []byte, start, end int) bool {
	for _, w := range []string{"出生日期：", "出生日期:", "出生日期", "出生年月：", "出生年月:", "出生年月", "出生时间：", "出生时间:",
		"出生于", "出生：", "出生:", "生日：", "生日:"} {
		if hasSuffixAt(text, start, w) || hasSuffixAt(text, len(bytes.TrimRight(text[:start], " \t　")), w) {
			return true
		}
	}
	return bornBefore(text, start) || hasPrefixAt(text, end, "出生") || englishBirthBefore(text, start)
}

// addDate records a date finding; zero fields are unknown.
func (s *scanner) addDate(start, end, y, m, d int, score float64, form string) {
	if !s.e.on(pi.Date) {
		return
	}
	f := pi.Finding{Type: pi.Date, Category: pi.CatDate, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "calendar", Valid: true}, Source: "date"}
	ctx := s.context(start, end)
	bornAfter := y != 0 && bornMark(s.text, end) // 1991年3月12日生。, 1985年6月生，, 1985年生，
	// 出生日期：…, 于1990年1月2日出生, 生于1990年
	if ctx.hasBefore(ctxBirth) && !s.birthWordTaken(ctx, start) || ctx.hasAfter(ctxBirth) || bornAfter || bornBefore(s.text, start) {
		f.Category = pi.CatAge
		f.Evidence.Context = s.words(ctxBirth)
		if bornAfter && len(f.Evidence.Context) == 0 {
			f.Evidence.Context = []string{"生"}
		}
		f.SetAttr("kind", "birth")
		f.Score = max(f.Score, 0.9)
		// a birth date right beside its birth word, or filling a birth
		// column's cell, gives the age, as an ID number does: a child's is
		// a minor's record (a birth word further off, 她生日是2月3日，
		// 2019年5月1日生病, gives none). A year and month alone (出生年月：
		// 2012.05) give the lower age of the month's days.
		if y != 0 && (bornAfter || s.birthOnly(start, end)) {
			month, day := m, d
			if month == 0 {
				month = 12 // a year alone: the lowest age it allows
			}
			if day == 0 {
				day = time.Date(y, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			}
			age := Age(time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC), s.e.refDate)
			if age >= 0 && age < 130 {
				f.SetAttr(pi.AttrAge, strconv.Itoa(age))
				MarkAge(&f, age)
			}
		}
	}
	f.SetAttr(pi.AttrFormat, form)
	switch {
	case y != 0 && m != 0 && d != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	case y != 0 && m != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("%04d-%02d", y, m))
	case m != 0 && d != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("--%02d-%02d", m, d))
	case d != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("---%02d", d))
	case y != 0:
		f.SetAttr(pi.AttrNormalized, fmt.Sprintf("%04d", y))
	}
	s.add(f)
}

// countUnits are characters that make "1月3" something other than a day
// written without 日: 1月3次, 1月3个, 1月3人.
const countUnits = "个次人例天名家件位只元岁起号日周批轮年小时分秒层楼"

// dayWithoutSuffix reports whether the day digits that end at j stand alone
// as a day: followed by a range mark, punctuation or a word that is not a
// counting unit.
func dayWithoutSuffix(text []byte, j int) bool {
	if j >= len(text) {
		return true
	}
	c := text[j]
	if c < 0x80 {
		return !isAlnum(c) && c != '.' && c != '%'
	}
	r, _ := runeAfter(text, j)
	return !strings.ContainsRune(countUnits, r)
}
