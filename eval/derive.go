package eval

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Derived spans (see the package documentation) pick out, inside a gold
// span of a mixed label, the part a recognizer is expected to find. They
// only ever cut annotated spans; they never add gold the annotators did not
// mark.

func longest(expr string) *regexp.Regexp {
	re := regexp.MustCompile(expr)
	re.Longest()
	return re
}

var (
	plateRE   = longest(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][ ·]?[A-Z0-9]{5,6}`)
	flightRE  = longest(`(?:[A-Z]{2}|[0-9][A-Z]|[A-Z][0-9])-?[0-9]{2,4}`)
	trainRE   = longest(`[GDCZTKYLS]-?[0-9]{1,5}`)
	carSeatRE = longest(`[0-9]{1,2}号?车[厢箱]?[0-9]{1,3}(?:[A-F]|号)?座?(?:[上中下]铺)?`)
	rowSeatRE = longest(`[0-9]{1,3}排[A-K]座?|[0-9]{1,3}[A-K]座?`)

	dateRE = func() *regexp.Regexp {
		y := `(?:[0-9０-９]{2,4}|[〇零一二三四五六七八九]{2,4})年`
		m := `(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月`
		d := `(?:[0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]`
		iso := `[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}`
		// A time of day written after the date belongs to it (1月31日晚19：00),
		// as in the raw annotation.
		t := `(?:(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里|早|晚|午)?[0-9]{1,2}(?:[时点](?:[0-9]{1,2}分|许|半)?|[:：][0-9]{2}))?`
		// 1月30 without 日 is common in the case reports.
		return longest(`(?:(?:` + y + `)?` + m + `(?:` + d + `|[0-9]{1,2})?|` + d + `)` + t + `|` + iso)
	}()
)

// deriveECR adds Vehicle/… and Date/calendar spans to an ECR-COVID-19 doc.
func deriveECR(d *Doc) {
	n := len(d.Gold)
	for i := 0; i < n; i++ {
		g := d.Gold[i]
		switch g.Label {
		case "Vehicle":
			d.Gold = append(d.Gold, vehicleIDs(d.Text, g)...)
		case "Date", "EndDate":
			for _, m := range find(dateRE, d.Text, g, nil) {
				d.Gold = append(d.Gold, Span{Start: m[0], End: m[1], Label: g.Label + "/calendar"})
			}
		}
	}
}

// vehicleIDs finds train and flight numbers, plates and seats inside a
// Vehicle span.
func vehicleIDs(text string, g Span) []Span {
	body := text[g.Start:g.End]
	flight := strings.Contains(body, "航") || strings.Contains(body, "机")
	seatCtx := flight || strings.Contains(body, "座")
	var out []Span
	var taken [][2]int
	add := func(re *regexp.Regexp, kind string, accept func(string) bool) {
		for _, m := range find(re, text, g, taken) {
			if accept != nil && !accept(text[m[0]:m[1]]) {
				continue
			}
			taken = append(taken, m)
			out = append(out, Span{Start: m[0], End: m[1], Label: "Vehicle/" + kind})
		}
	}
	add(plateRE, "plate", nil)
	add(flightRE, "flight", func(s string) bool {
		// A letter and a digit (G4 731) is a train number unless the span
		// speaks of a flight.
		return flight || !(isUpper(s[0]) && isDigit(s[1]))
	})
	add(trainRE, "train", nil)
	add(carSeatRE, "seat", nil)
	if seatCtx {
		add(rowSeatRE, "seat", nil)
	}
	return out
}

// find returns the matches of re inside span g of text, as absolute byte
// ranges, that do not cut a run of ASCII letters and digits and do not
// overlap a taken range.
func find(re *regexp.Regexp, text string, g Span, taken [][2]int) [][2]int {
	var out [][2]int
	for _, m := range re.FindAllStringIndex(text[g.Start:g.End], -1) {
		s, e := g.Start+m[0], g.Start+m[1]
		if s > 0 && isAlnum(text[s-1]) && isAlnum(text[s]) || e < len(text) && isAlnum(text[e]) && isAlnum(text[e-1]) {
			continue
		}
		if slices.ContainsFunc(taken, func(t [2]int) bool { return s < t[1] && t[0] < e }) {
			continue
		}
		out = append(out, [2]int{s, e})
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) || 'a' <= c && c <= 'z' }

// adminLabels are the covid-trajectory labels of administrative units.
var adminLabels = map[string]bool{"PROVINCE": true, "CITY": true, "DISTRCT": true, "COUNTY": true, "TOWN": true}

// caseWords mark a PAT span that designates a case rather than naming a
// person (确诊病例, 第68号确诊病例, 2月1日确诊的患者).
var caseWords = []string{"病例", "患者", "病人", "确诊", "感染", "接触", "家属", "乘客", "人员", "者", "第"}

// deriveTrajectory adds PAT/name and ADDRESS spans to a covid-trajectory
// sentence; other bmes corpora have neither label and are left alone.
func deriveTrajectory(d *Doc) {
	var admin []Span
	for _, g := range d.Gold {
		switch {
		case g.Label == "PAT" && isName(d.Text[g.Start:g.End]):
			d.Gold = append(d.Gold, Span{Start: g.Start, End: g.End, Label: "PAT/name"})
		case adminLabels[g.Label]:
			admin = append(admin, g)
		}
	}
	slices.SortFunc(admin, compareSpans)
	for i := 0; i < len(admin); {
		run := Span{Start: admin[i].Start, End: admin[i].End, Label: "ADDRESS"}
		for i++; i < len(admin) && admin[i].Start <= run.End; i++ {
			run.End = max(run.End, admin[i].End)
		}
		d.Gold = append(d.Gold, run)
	}
}

func isName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || strings.ContainsAny(s, "0123456789０１２３４５６７８９") {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune("省市县区镇乡村", last) {
		return false // a place tagged PAT by mistake
	}
	for _, w := range caseWords {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// addressExtras are the address-parsing labels that are not part of the
// address proper: a company or contact (person), 旁边/门口 (assist),
// repeated or junk text (redundant), and the unclassifiable (otherinfo).
var addressExtras = map[string]bool{"person": true, "assist": true, "redundant": true, "otherinfo": true}

// deriveAddress adds the whole-address span: from the first to the last
// element that is part of the address proper, including whatever lies
// between them.
func deriveAddress(d *Doc) {
	whole := Span{Start: -1, Label: "address"}
	for _, g := range d.Gold {
		if addressExtras[g.Label] {
			continue
		}
		if whole.Start < 0 || g.Start < whole.Start {
			whole.Start = g.Start
		}
		whole.End = max(whole.End, g.End)
	}
	if whole.Start >= 0 {
		d.Gold = append(d.Gold, whole)
	}
}
