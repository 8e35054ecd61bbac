package risk

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Kind says how a quasi-identifier's values are read and generalized.
type Kind string

// The kinds of quasi-identifier, each with its built-in hierarchy (level 0
// first; "*" hides the value):
//
//	age          exact → 5-year band → 10-year band → 20-year band → *
//	date         value → day → week → month → quarter → year → *
//	region       value → county (区县) → city (市) → province (省) → *
//	sex          value → *
//	categorical  value → *
//	numeric      exact → ranges of growing width (data-dependent) → *
//
// A week is a week of the month (days 1–7, 8–14, 15–21, 22 to the end),
// so that weeks nest in months: every level must be a function of the one
// below, or classes at a coarser level would not be unions of finer ones.
// KindResidentID is not a hierarchy: a resident ID column yields three
// quasi-identifiers, the holder's age, sex and region of registration.
const (
	KindAge         Kind = "age"
	KindDate        Kind = "date"
	KindRegion      Kind = "region"
	KindSex         Kind = "sex"
	KindCategorical Kind = "categorical"
	KindNumeric     Kind = "numeric"
	KindResidentID  Kind = "resident_id"
)

// ParseKind reads a kind name.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindAge, KindDate, KindRegion, KindSex, KindCategorical, KindNumeric, KindResidentID:
		return k, nil
	case "address", "district":
		return KindRegion, nil
	case "gender":
		return KindSex, nil
	case "id", "resident-id", "idcard":
		return KindResidentID, nil
	case "number":
		return KindNumeric, nil
	}
	return "", fmt.Errorf("unknown kind %q (want age, date, region, sex, categorical, numeric or resident_id)", s)
}

// Special canonical values. A cell that cannot be read as its kind keeps
// its text (marked by unparsedMark) at level 0 and becomes "?" above; an
// empty cell stays empty at every level but the top. A region given as a
// code (from a resident ID) is marked by codeMark.
const (
	unparsedMark = "\x01"
	codeMark     = "\x02"
	unknownLabel = "?"
	emptyLabel   = ""
	topLabel     = "*"
)

// displayValue renders a level-0 canonical value for people.
func displayValue(v string) string {
	if c, ok := strings.CutPrefix(v, codeMark); ok {
		if n, ok := RegionLabels(c); ok {
			return n.County
		}
		return c
	}
	return strings.TrimPrefix(v, unparsedMark)
}

// hierarchy is a built generalization hierarchy over the distinct values
// of one quasi-identifier: for each level, a label id per value, the label
// texts and each label's normalized certainty penalty (NCP: 0 for the
// exact value, 1 for "*").
type hierarchy struct {
	levels []string
	label  [][]uint32  // [level][value id] → label id
	text   [][]string  // [level][label id]
	ncp    [][]float64 // [level][label id]
}

// height is the top level's index.
func (h *hierarchy) height() int { return len(h.levels) - 1 }

// span is a label's extent on an ordered scale, for NCP.
type span struct{ lo, hi float64 }

// rawLevels is what a kind's builder returns: per level, a label text per
// value, and for ordered kinds the span of each value's label.
type rawLevels struct {
	names  []string
	labels [][]string
	spans  [][]span // nil for unordered kinds
	domain span     // the ordered domain
}

// buildHierarchy builds the hierarchy of kind over values (canonical
// values, indexed by value id).
func buildHierarchy(kind Kind, values []string) *hierarchy {
	var raw rawLevels
	switch kind {
	case KindAge:
		raw = ageLevels(values)
	case KindDate:
		raw = dateLevels(values)
	case KindRegion:
		raw = regionLevels(values)
	case KindNumeric:
		raw = numericLevels(values)
	default:
		raw = rawLevels{names: []string{"value"}, labels: [][]string{levelZero(values)}}
	}
	raw.names = append(raw.names, "*")
	top := make([]string, len(values))
	for i := range top {
		top[i] = topLabel
	}
	raw.labels = append(raw.labels, top)
	if raw.spans != nil {
		raw.spans = append(raw.spans, nil)
	}
	return finish(raw, values)
}

// levelZero is the value level: the canonical values as people read them.
func levelZero(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = displayValue(v)
	}
	return out
}

// finish interns the labels, computes NCP and drops levels that partition
// the values exactly like the level below (they would only add loss).
func finish(raw rawLevels, values []string) *hierarchy {
	h := &hierarchy{}
	leaves := 0
	for _, v := range values {
		if v != "" {
			leaves++
		}
	}
	width := raw.domain.hi - raw.domain.lo
	for l, labels := range raw.labels {
		ids := make([]uint32, len(values))
		index := map[string]uint32{}
		var texts []string
		var ncp []float64
		var members []int // values under each label (categorical NCP)
		for i, t := range labels {
			id, ok := index[t]
			if !ok {
				id = uint32(len(texts))
				index[t] = id
				texts = append(texts, t)
				members = append(members, 0)
				var p float64
				switch {
				case t == topLabel && l == len(raw.labels)-1:
					p = 1
				case values[i] == "":
					p = 0
				case t == unknownLabel && l > 0 && raw.spans != nil:
					p = 1
				case raw.spans != nil && raw.spans[l] != nil && width > 0:
					s := raw.spans[l][i]
					lo, hi := math.Max(s.lo, raw.domain.lo), math.Min(s.hi, raw.domain.hi)
					p = math.Max(0, hi-lo) / width
				}
				ncp = append(ncp, p)
			}
			ids[i] = id
			if values[i] != "" {
				members[id]++
			}
		}
		if raw.spans == nil && l < len(raw.labels)-1 {
			for id := range ncp {
				if leaves > 1 && members[id] > 0 {
					ncp[id] = float64(members[id]-1) / float64(leaves-1)
				}
			}
		}
		if n := len(h.text); n > 0 && len(texts) == len(h.text[n-1]) {
			// same partition as the level below: keep the finer labels,
			// but take the coarser name when the finer is just "value"
			if h.levels[n-1] == "value" && l < len(raw.labels)-1 {
				h.levels[n-1] = raw.names[l]
			}
			continue
		}
		h.levels = append(h.levels, raw.names[l])
		h.label = append(h.label, ids)
		h.text = append(h.text, texts)
		h.ncp = append(h.ncp, ncp)
	}
	return h
}

// ageRange is a parsed age: one age (lo == hi) or a band (40-44, 80+).
type ageRange struct{ lo, hi int }

// parseAgeValue reads an age or an age band: 45, 45岁, 40-44, 40~44岁,
// 40至44岁, 80+, 80岁以上.
func parseAgeValue(s string) (ageRange, bool) {
	s = strings.TrimSpace(s)
	if n, ok := ParseAge(s); ok {
		return ageRange{n, n}, true
	}
	t := strings.TrimSuffix(strings.TrimSuffix(s, "周岁"), "岁")
	for _, suf := range []string{"岁及以上", "岁以上", "及以上", "以上", "+", "＋"} {
		if head, ok := strings.CutSuffix(s, suf); ok {
			if n, ok := ParseAge(head); ok {
				return ageRange{n, maxAge}, true
			}
		}
	}
	for _, sep := range []string{"-", "~", "～", "—", "–", "至", "到"} {
		if a, b, ok := strings.Cut(t, sep); ok {
			lo, ok1 := ParseAge(a)
			hi, ok2 := ParseAge(b)
			if ok1 && ok2 && lo <= hi {
				return ageRange{lo, hi}, true
			}
		}
	}
	return ageRange{}, false
}

func (a ageRange) String() string {
	switch {
	case a.lo == a.hi:
		return strconv.Itoa(a.lo)
	case a.hi >= maxAge:
		return strconv.Itoa(a.lo) + "+"
	}
	return strconv.Itoa(a.lo) + "-" + strconv.Itoa(a.hi)
}

// canonicalAge is the level-0 value of an age cell.
func canonicalAge(s string) (string, bool) {
	a, ok := parseAgeValue(s)
	if !ok {
		return "", false
	}
	return a.String(), true
}

// ageBands are the band widths of the age levels above exact.
var ageBands = []int{5, 10, 20}

// ageLevels: exact → 5-year → 10-year → 20-year. A value that is already a
// band takes, at each level, the narrowest band of at least the level's
// width that holds it (40-49 is 40-49 at the 5-year level), which keeps
// every level a function of the one below.
func ageLevels(values []string) rawLevels {
	raw := rawLevels{names: []string{"exact", "5-year", "10-year", "20-year"}}
	n := len(values)
	parsed := make([]ageRange, n)
	ok := make([]bool, n)
	first := true
	for i, v := range values {
		if v == "" || strings.HasPrefix(v, unparsedMark) {
			continue
		}
		parsed[i], ok[i] = parseAgeValue(v)
		if !ok[i] {
			continue
		}
		hi := parsed[i].hi
		if hi >= maxAge {
			hi = parsed[i].lo
		}
		if first || float64(parsed[i].lo) < raw.domain.lo {
			raw.domain.lo = float64(parsed[i].lo)
		}
		if first || float64(hi+1) > raw.domain.hi {
			raw.domain.hi = float64(hi + 1)
		}
		first = false
	}
	l0 := levelZero(values)
	s0 := make([]span, n)
	for i := range values {
		if ok[i] {
			a := parsed[i]
			if a.lo == a.hi {
				s0[i] = span{float64(a.lo), float64(a.lo)}
			} else {
				s0[i] = span{float64(a.lo), float64(a.hi + 1)}
			}
		}
	}
	raw.labels = append(raw.labels, l0)
	raw.spans = append(raw.spans, s0)
	for _, w := range ageBands {
		labels := make([]string, n)
		spans := make([]span, n)
		for i, v := range values {
			switch {
			case v == "":
				labels[i] = emptyLabel
				continue
			case !ok[i]:
				labels[i] = unknownLabel
				continue
			}
			a := parsed[i]
			lo, hi := ageBand(a, w)
			spans[i] = span{float64(lo), float64(hi + 1)}
			labels[i] = ageRange{lo, hi}.String()
		}
		raw.labels = append(raw.labels, labels)
		raw.spans = append(raw.spans, spans)
	}
	return raw
}

// ageBand returns the narrowest aligned band of width w, 10, 20 … that
// holds a; an open band (80+) stays open above its band start.
func ageBand(a ageRange, w int) (int, int) {
	if a.hi >= maxAge {
		for _, bw := range []int{w, 10, 20} {
			if bw >= w && a.lo%bw == 0 {
				return a.lo, maxAge
			}
		}
		return a.lo / 20 * 20, maxAge
	}
	for _, bw := range []int{w, 10, 20, 40, 80, 160} {
		if bw < w {
			continue
		}
		if a.lo/bw == a.hi/bw {
			return a.lo / bw * bw, a.lo/bw*bw + bw - 1
		}
	}
	return 0, maxAge
}

// canonicalDate is the level-0 value of a date cell.
func canonicalDate(s string) (string, bool) {
	d, ok := ParseDate(s)
	if !ok {
		return "", false
	}
	return d.String(), true
}

// dateLevels: value → day → week of month → month → quarter → year.
func dateLevels(values []string) rawLevels {
	raw := rawLevels{names: []string{"value", "day", "week", "month", "quarter", "year"}}
	n := len(values)
	dates := make([]Date, n)
	ok := make([]bool, n)
	first := true
	for i, v := range values {
		if v == "" || strings.HasPrefix(v, unparsedMark) {
			continue
		}
		dates[i], ok[i] = ParseDate(v)
		if !ok[i] {
			continue
		}
		lo, hi := dateSpan(dates[i], 0)
		if first || lo < raw.domain.lo {
			raw.domain.lo = lo
		}
		if first || hi > raw.domain.hi {
			raw.domain.hi = hi
		}
		first = false
	}
	for l := range raw.names {
		labels := make([]string, n)
		spans := make([]span, n)
		for i, v := range values {
			switch {
			case l == 0:
				labels[i] = displayValue(v)
				if ok[i] && dates[i].Prec >= PrecDay {
					x := dates[i].days()
					spans[i] = span{x, x}
					continue
				}
			case v == "":
				labels[i] = emptyLabel
				continue
			case !ok[i]:
				labels[i] = unknownLabel
				continue
			default:
				labels[i] = dateLabel(dates[i], l)
			}
			if ok[i] {
				lo, hi := dateSpan(dates[i], l)
				spans[i] = span{lo, hi}
			}
		}
		raw.labels = append(raw.labels, labels)
		raw.spans = append(raw.spans, spans)
	}
	return raw
}

// dateLevel indexes the date levels.
const (
	dateValue = iota
	dateDay
	dateWeek
	dateMonth
	dateQuarter
	dateYear
)

// dateLabel renders d generalized to level l (never finer than d is).
func dateLabel(d Date, l int) string {
	switch {
	case l >= dateYear || d.Prec == PrecYear:
		return strconv.Itoa(d.Year)
	case l == dateQuarter:
		return fmt.Sprintf("%04d-Q%d", d.Year, (d.Month-1)/3+1)
	case l == dateMonth || d.Prec == PrecMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case l == dateWeek:
		lo, hi := weekOfMonth(d)
		return fmt.Sprintf("%04d-%02d-%02d~%02d", d.Year, d.Month, lo, hi)
	case l == dateDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return d.String()
}

// weekOfMonth returns the first and last day of d's week of the month:
// 1–7, 8–14, 15–21, 22–end.
func weekOfMonth(d Date) (int, int) {
	w := min((d.Day-1)/7, 3)
	lo := 7*w + 1
	hi := lo + 6
	if w == 3 {
		hi = daysIn(d.Year, d.Month)
	}
	return lo, hi
}

// dateSpan is the extent in days of d generalized to level l.
func dateSpan(d Date, l int) (float64, float64) {
	day := func(y, m, dd int) float64 {
		return float64(time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC).Unix()) / 86400
	}
	prec := d.Prec
	switch {
	case l >= dateYear || prec == PrecYear:
		return day(d.Year, 1, 1), day(d.Year+1, 1, 1)
	case l == dateQuarter:
		q := (d.Month-1)/3*3 + 1
		return day(d.Year, q, 1), day(d.Year, q+3, 1)
	case l == dateMonth || prec == PrecMonth:
		return day(d.Year, d.Month, 1), day(d.Year, d.Month+1, 1)
	case l == dateWeek:
		lo, hi := weekOfMonth(d)
		return day(d.Year, d.Month, lo), day(d.Year, d.Month, hi+1)
	case l == dateDay || prec == PrecDay:
		x := day(d.Year, d.Month, d.Day)
		return x, x + 1
	}
	x := d.days()
	return x, x + 1.0/1440
}

// regionLevels: value → county → city → province. Names are resolved with
// the GB/T 2260 gazetteer; a value that names no division, or one that
// stays ambiguous, is "?" above level 0.
func regionLevels(values []string) rawLevels {
	raw := rawLevels{names: []string{"value", "county", "city", "province"}}
	n := len(values)
	texts := make([]string, 0, n)
	at := make([]int, n)
	for i, v := range values {
		at[i] = -1
		if v != "" && !strings.HasPrefix(v, codeMark) && !strings.HasPrefix(v, unparsedMark) {
			at[i] = len(texts)
			texts = append(texts, v)
		}
	}
	codes := resolveAll(texts)
	names := make([]RegionNames, n)
	ok := make([]bool, n)
	for i, v := range values {
		code := ""
		if c, isCode := strings.CutPrefix(v, codeMark); isCode {
			code = c
		} else if at[i] >= 0 {
			code = codes[at[i]]
		}
		if code != "" {
			names[i], ok[i] = RegionLabels(code)
		}
	}
	raw.labels = append(raw.labels, levelZero(values))
	for l := 1; l <= 3; l++ {
		labels := make([]string, n)
		for i, v := range values {
			switch {
			case v == "":
				labels[i] = emptyLabel
			case !ok[i]:
				labels[i] = unknownLabel
			case l == 1:
				labels[i] = names[i].County
			case l == 2:
				labels[i] = names[i].City
			default:
				labels[i] = names[i].Province
			}
		}
		raw.labels = append(raw.labels, labels)
	}
	return raw
}

// canonicalNumber is the level-0 value of a numeric cell.
func canonicalNumber(s string) (string, bool) {
	v, ok := ParseNumber(s)
	if !ok {
		return "", false
	}
	return strconv.FormatFloat(v, 'g', -1, 64), true
}

// numericLevels: exact → ranges. The first width is the "nice" number (1,
// 2 or 5 × 10^k) nearest above a hundredth of the observed range; each
// next width is 5×, then 2× the last (1, 5, 10, 50, 100 …), until one
// range holds every value. Ranges are aligned at multiples of their width,
// so they nest.
func numericLevels(values []string) rawLevels {
	raw := rawLevels{names: []string{"exact"}}
	n := len(values)
	xs := make([]float64, n)
	ok := make([]bool, n)
	first := true
	for i, v := range values {
		if v == "" || strings.HasPrefix(v, unparsedMark) {
			continue
		}
		xs[i], ok[i] = ParseNumber(v)
		if !ok[i] {
			continue
		}
		if first || xs[i] < raw.domain.lo {
			raw.domain.lo = xs[i]
		}
		if first || xs[i] > raw.domain.hi {
			raw.domain.hi = xs[i]
		}
		first = false
	}
	l0 := levelZero(values)
	s0 := make([]span, n)
	for i := range values {
		s0[i] = span{xs[i], xs[i]}
	}
	raw.labels = append(raw.labels, l0)
	raw.spans = append(raw.spans, s0)
	r := raw.domain.hi - raw.domain.lo
	if first || r <= 0 {
		return raw
	}
	w := niceStep(r / 100)
	for k := 0; k < 12; k++ {
		labels := make([]string, n)
		spans := make([]span, n)
		for i, v := range values {
			switch {
			case v == "":
				labels[i] = emptyLabel
				continue
			case !ok[i]:
				labels[i] = unknownLabel
				continue
			}
			lo := math.Floor(xs[i]/w) * w
			spans[i] = span{lo, lo + w}
			labels[i] = "[" + strconv.FormatFloat(lo, 'g', -1, 64) + "," + strconv.FormatFloat(lo+w, 'g', -1, 64) + ")"
		}
		raw.names = append(raw.names, "width "+strconv.FormatFloat(w, 'g', -1, 64))
		raw.labels = append(raw.labels, labels)
		raw.spans = append(raw.spans, spans)
		if math.Floor(raw.domain.lo/w) == math.Floor(raw.domain.hi/w) {
			break
		}
		if k%2 == 0 {
			w *= 5
		} else {
			w *= 2
		}
	}
	return raw
}

// niceStep returns the smallest 1, 2 or 5 × 10^k at least x.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}
