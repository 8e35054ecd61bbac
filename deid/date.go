package deid

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// span is a byte range [start, end) in a value; start < 0 means absent.
type span struct{ start, end int }

func (s span) ok() bool { return s.start >= 0 }

// writtenDate is a date as written: its year, month and day (0 when not
// written) and where their digits are, so a changed date can be written
// back in the same form.
type writtenDate struct {
	y, m, d    int
	ys, ms, ds span
	compact    bool // YYYYMMDD: ys covers all eight digits
	end        int  // where the date part ends and a time of day may follow
}

// parseDate reads the date at the start of s in the forms the date
// recognizer reports: ISO (2020-01-02, 2020/1/2, 2020.01.02, 2020-01),
// compact (20200102) and Chinese (2020年1月2日, 2020年1月, 1月2日, 2日, 2号),
// with an optional time of day after it. Digits are ASCII (fold widths
// first).
func parseDate(s string) (writtenDate, bool) {
	w := writtenDate{ys: span{-1, -1}, ms: span{-1, -1}, ds: span{-1, -1}}
	i := 0
	for i < len(s) && !isDigit(s[i]) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if i > 12 { // a few characters of lead-in at most (于, 约)
			return w, false
		}
	}
	run := func(at int) span {
		j := at
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		return span{at, j}
	}
	r0 := run(i)
	if r0.start == r0.end {
		return w, false
	}
	switch {
	case r0.end-r0.start == 8 && !strings.HasPrefix(s[r0.end:], "年"):
		w.compact = true
		w.ys = r0
		w.y, _ = strconv.Atoi(s[r0.start : r0.start+4])
		w.m, _ = strconv.Atoi(s[r0.start+4 : r0.start+6])
		w.d, _ = strconv.Atoi(s[r0.start+6 : r0.end])
		w.end = r0.end
	case r0.end-r0.start == 4 && r0.end < len(s) && strings.IndexByte("-/.", s[r0.end]) >= 0:
		sep := s[r0.end]
		r1 := run(r0.end + 1)
		if n := r1.end - r1.start; n < 1 || n > 2 {
			return w, false
		}
		w.ys, w.ms = r0, r1
		w.end = r1.end
		if r1.end < len(s) && s[r1.end] == sep {
			r2 := run(r1.end + 1)
			if n := r2.end - r2.start; n >= 1 && n <= 2 {
				w.ds = r2
				w.end = r2.end
			}
		}
		w.y, _ = strconv.Atoi(s[r0.start:r0.end])
		w.m, _ = strconv.Atoi(s[r1.start:r1.end])
		if w.ds.ok() {
			w.d, _ = strconv.Atoi(s[w.ds.start:w.ds.end])
		}
	default:
		// Chinese: runs followed by 年, 月, 日 or 号, in that order.
		at, stage := i, 0
		for {
			r := run(at)
			if r.start == r.end {
				break
			}
			rest := s[r.end:]
			n := r.end - r.start
			var next int
			switch {
			case stage < 1 && strings.HasPrefix(rest, "年") && n == 4:
				w.ys, stage, next = r, 1, r.end+len("年")
			case stage < 2 && strings.HasPrefix(rest, "月") && n <= 2:
				w.ms, stage, next = r, 2, r.end+len("月")
			case stage < 3 && (strings.HasPrefix(rest, "日") || strings.HasPrefix(rest, "号")) && n <= 2:
				w.ds, stage, next = r, 3, r.end+len("日")
			default:
				next = -1
			}
			if next < 0 {
				break
			}
			w.end = next
			at = next
			if stage == 3 {
				break
			}
		}
		if stage == 0 {
			return w, false
		}
		if w.ys.ok() {
			w.y, _ = strconv.Atoi(s[w.ys.start:w.ys.end])
		}
		if w.ms.ok() {
			w.m, _ = strconv.Atoi(s[w.ms.start:w.ms.end])
		}
		if w.ds.ok() {
			w.d, _ = strconv.Atoi(s[w.ds.start:w.ds.end])
		}
		if w.ys.ok() && !w.ms.ok() && !w.ds.ok() {
			// A year alone (2020年) is a year, kept as such.
			if w.y < 1000 {
				return w, false
			}
			return w, true
		}
		if w.ds.ok() && !w.ms.ok() && w.ys.ok() {
			return w, false // 2020年2日 is not a date
		}
	}
	if w.y != 0 && (w.y < 1000 || w.y > 2999) || w.m != 0 && w.m > 12 || w.ms.ok() && w.m == 0 ||
		w.d != 0 && w.d > 31 || w.ds.ok() && w.d == 0 {
		return w, false
	}
	if w.y != 0 && w.m != 0 && w.d != 0 && w.d > daysIn(w.y, w.m) {
		return w, false
	}
	if w.y == 0 && w.m != 0 && w.d > daysIn(2000, w.m) {
		return w, false
	}
	return w, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// resolve returns the date as a time, filling what is not written from
// ref: a month and day without a year fall in ref's year (29 February in
// the nearest leap year before it), a day alone in ref's month (January
// when ref's month is too short), a year and month alone on the 15th.
func (w writtenDate) resolve(ref time.Time) time.Time {
	y, m, d := w.y, w.m, w.d
	if y == 0 {
		y = ref.Year()
		if m == 2 && d == 29 {
			for daysIn(y, 2) != 29 {
				y--
			}
		}
	}
	if m == 0 {
		if w.ys.ok() && !w.ds.ok() && !w.compact {
			m, d = 7, 1 // a year alone
		} else {
			m = int(ref.Month())
			if d > daysIn(y, m) {
				m = 1
			}
		}
	}
	if d == 0 {
		d = 15
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// write returns s with the date's digits replaced by those of t, each
// field as wide as it was written (01 stays two digits, 1 grows to 12 as
// needed). Fields that were not written stay unwritten.
func (w writtenDate) write(s string, t time.Time) string {
	type rep struct {
		sp  span
		val string
	}
	var reps []rep
	if w.compact {
		reps = append(reps, rep{w.ys, t.Format("20060102")})
	} else {
		field := func(sp span, v int) {
			if !sp.ok() {
				return
			}
			val := strconv.Itoa(v)
			for len(val) < sp.end-sp.start {
				val = "0" + val
			}
			reps = append(reps, rep{sp, val})
		}
		field(w.ys, t.Year())
		field(w.ms, int(t.Month()))
		field(w.ds, t.Day())
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	at := 0
	for _, r := range reps {
		b.WriteString(s[at:r.sp.start])
		b.WriteString(r.val)
		at = r.sp.end
	}
	b.WriteString(s[at:])
	return b.String()
}

// halfDay reads the time of day after the date: 上午 for times before noon
// (凌晨, 早上, 上午, or an hour below 12), 下午 for the rest (中午, 下午, 晚上,
// or an hour from 12). ok is false when no time is written.
func halfDay(rest string) (string, bool) {
	for _, w := range []string{"凌晨", "早上", "早晨", "清晨", "上午", "早"} {
		if strings.Contains(rest, w) {
			return "上午", true
		}
	}
	for _, w := range []string{"中午", "下午", "傍晚", "晚上", "夜间", "夜里", "深夜", "晚", "夜"} {
		if strings.Contains(rest, w) {
			return "下午", true
		}
	}
	i := strings.IndexFunc(rest, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return "", false
	}
	j := i
	for j < len(rest) && isDigit(rest[j]) {
		j++
	}
	h, err := strconv.Atoi(rest[i:j])
	if err != nil || h > 24 || j-i > 2 {
		return "", false
	}
	after := rest[j:]
	if !(strings.HasPrefix(after, ":") || strings.HasPrefix(after, "：") || strings.HasPrefix(after, "时") ||
		strings.HasPrefix(after, "点")) {
		return "", false
	}
	if h < 12 {
		return "上午", true
	}
	return "下午", true
}
