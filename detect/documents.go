package detect

import (
	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Identity documents other than the resident ID card: passports, travel
// permits for Hong Kong, Macao and Taiwan, the Hong Kong and Taiwan identity
// cards, and the unified social credit code of organisations and sole
// traders.

// hkid claims A123456(7), AB123456(7), A1234567 (check digit appended).
func (s *scanner) hkid(start, end int) bool {
	text := s.text
	w := text[start:end]
	letters := 0
	for letters < len(w) && w[letters] >= 'A' && w[letters] <= 'Z' {
		letters++
	}
	// single letters A-Z; the two-letter prefixes in use start with W or X
	if letters < 1 || letters > 2 || (letters == 2 && w[0] != 'W' && w[0] != 'X') {
		return false
	}
	digits := len(w) - letters
	for _, c := range w[letters:] {
		if !isDigit(c) {
			return false
		}
	}
	var body []byte
	var check byte
	e := end
	paren := false
	switch digits {
	case 6:
		// check digit in parentheses after the word
		for _, p := range [][2]string{{"(", ")"}, {"（", "）"}} {
			if hasPrefixAt(text, end, p[0]) {
				i := end + len(p[0])
				if i < len(text) && (isDigit(text[i]) || text[i] == 'A') && hasPrefixAt(text, i+1, p[1]) {
					body, check, e, paren = w, text[i], i+1+len(p[1]), true
				}
				break
			}
		}
	case 7:
		body, check = w[:len(w)-1], w[len(w)-1]
	}
	if body == nil || !checksum.HKID(bstr(body), check) {
		return false
	}
	score := 0.7
	if paren {
		score = 0.9
	}
	f := pi.Finding{Type: pi.HKID, Category: pi.CatID, Start: start, End: e, Score: score,
		Evidence: pi.Evidence{Validator: "hkid check digit", Valid: true}, Source: "hkid"}
	s.raiseOnContext(&f, ctxHKID, 0.97)
	if !s.e.on(pi.HKID) {
		return false
	}
	s.add(f)
	s.resume = e
	return true
}

// macaoID claims a Macao resident identity card number: seven digits and
// the check digit in brackets (1234567(8)) or written 1/234567/8, the
// first digit 1, 5 or 7 (residents born or first registered in Macao, and
// non-permanent residents). The check digit's rule is not published, so
// the shape alone scores low and a context word (澳门身份证, 澳门居民) makes
// it sure.
func (s *scanner) macaoID(start, end int, d []byte) bool {
	text := s.text
	st, e := 0, 0
	switch len(d) {
	case 7:
		if !macaoLead(d[0]) {
			return false
		}
		for _, p := range [][2]string{{"(", ")"}, {"（", "）"}} {
			if hasPrefixAt(text, end, p[0]) {
				i := end + len(p[0])
				if i < len(text) && isDigit(text[i]) && hasPrefixAt(text, i+1, p[1]) {
					st, e = start, i+1+len(p[1])
				}
				break
			}
		}
	case 6:
		// 1/234567/8
		if start >= 2 && text[start-1] == '/' && macaoLead(text[start-2]) && (start == 2 || !isAlnum(text[start-3]) && text[start-3] != '/') &&
			end+1 < len(text) && text[end] == '/' && isDigit(text[end+1]) && (end+2 == len(text) || !isAlnum(text[end+2]) && text[end+2] != '/') {
			st, e = start-2, end+2
		}
	}
	if e == 0 || !s.e.on(pi.MacaoID) {
		return false
	}
	f := pi.Finding{Type: pi.MacaoID, Category: pi.CatID, Start: st, End: e, Score: 0.55,
		Evidence: pi.Evidence{Validator: "macao id shape", Valid: true}, Source: "macao_id"}
	s.raiseOnContext(&f, ctxMacaoID, 0.95)
	s.add(f)
	s.resume = e
	return true
}

// raiseOnContext raises f's score to score, with the group's words as its
// context, when a word of group g stands near it.
func (s *scanner) raiseOnContext(f *pi.Finding, g ctxGroup, score float64) {
	if ctx := s.context(f.Start, f.End); ctx.has(g) {
		f.Score = score
		f.Evidence.Context = s.words(g)
	}
}

// macaoLead reports the first digits of Macao identity card numbers.
func macaoLead(c byte) bool { return c == '1' || c == '5' || c == '7' }

// taiwanID claims A123456789 with a correct checksum.
func (s *scanner) taiwanID(start, end int, w []byte) bool {
	if len(w) != 10 || !s.e.on(pi.TaiwanID) || !checksum.TaiwanID(bstr(w)) {
		return false
	}
	f := pi.Finding{Type: pi.TaiwanID, Category: pi.CatID, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "taiwan id checksum", Valid: true}, Source: "taiwan_id"}
	s.raiseOnContext(&f, ctxTaiwanID, 0.97)
	s.add(f)
	return true
}

// travelDocument claims passports and permits by their letter and length:
//
//	E12345678, EA1234567  PRC ordinary passport (electronic)
//	G12345678             PRC ordinary passport (older)
//	D/S/P + 7-8 digits    diplomatic, service, public-affairs passports
//	C12345678             往来港澳通行证 (mainland residents)
//	H/M + 8 or 10 digits  港澳居民来往内地通行证 (home-return permit)
//	L12345678             往来台湾通行证 (mainland residents)
//
// A bare E or G number is distinctive enough to report; the others need a
// context word.
func (s *scanner) travelDocument(start, end int, w []byte) bool {
	n := len(w)
	if n < 8 || n > 11 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	lead := 1
	if w[0] == 'E' && w[1] >= 'A' && w[1] <= 'Z' && w[1] != 'I' && w[1] != 'O' {
		lead = 2
	}
	for _, c := range w[lead:] {
		if !isDigit(c) {
			return false
		}
	}
	digits := n - lead
	ctx := s.context(start, end)
	var t pi.Type
	var score float64
	var group ctxGroup
	switch {
	case (w[0] == 'E' || w[0] == 'G') && n == 9:
		t, score, group = pi.Passport, 0.6, ctxPassport
	case (w[0] == 'D' || w[0] == 'S' || w[0] == 'P') && (digits == 7 || digits == 8):
		t, score, group = pi.Passport, 0, ctxPassport
	case w[0] == 'C' && digits == 8:
		t, score, group = pi.HKMacauPermit, 0.45, ctxHKMacau
	case (w[0] == 'H' || w[0] == 'M') && (digits == 8 || digits == 10):
		t, score, group = pi.HKMacauPermit, 0, ctxHKMacau
	case w[0] == 'L' && digits == 8:
		t, score, group = pi.TaiwanPermit, 0, ctxTaiwanPermit
	default:
		return false
	}
	// a context word for another document type decides between them
	for _, alt := range []struct {
		g ctxGroup
		t pi.Type
	}{{ctxPassport, pi.Passport}, {ctxHKMacau, pi.HKMacauPermit}, {ctxTaiwanPermit, pi.TaiwanPermit}} {
		if alt.t != t && ctx.nearest(alt.g) >= 0 && (ctx.nearest(group) < 0 || ctx.nearest(alt.g) < ctx.nearest(group)) {
			t, group, score = alt.t, alt.g, 0
		}
	}
	f := pi.Finding{Type: t, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "document number format", Valid: true}, Source: "travel_document"}
	switch ctx.polarity(group) {
	case 1:
		f.Score = 0.95
		f.Evidence.Context = s.words(group)
	case -1:
		f.Score = min(f.Score, 0.2)
		f.Evidence.Reason = "negative context: " + joinWords(s.words(ctxNegative))
	}
	if f.Score == 0 {
		return false
	}
	if f.Score < 0.5 {
		f.Evidence.Reason = joinReason(f.Evidence.Reason, "no document context")
	}
	s.add(f)
	return true
}

// labelledPassport claims a passport number of another country's format
// (a United States passport's nine digits, 531234567) right after a
// passport word: the label is the only evidence.
func (s *scanner) labelledPassport(start, end int) bool {
	if !s.e.on(pi.Passport) {
		return false
	}
	if c := s.text[start]; c == 'E' || c == 'G' || c == 'e' || c == 'g' {
		return false // the PRC's series, whose format travelDocument knows: E1234567 is a number mistyped
	}
	if !s.rightAfter(start, end, ctxPassport) {
		return false
	}
	s.add(pi.Finding{Type: pi.Passport, Category: pi.CatID, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: "number after 护照", Valid: true, Context: s.words(ctxPassport)},
		Source:   "travel_document"})
	return true
}

// rightAfter reports whether a word of group g stands right before the
// candidate [start, end) (twelve bytes at most) or labels its fragment.
func (s *scanner) rightAfter(start, end int, g ctxGroup) bool {
	ctx := s.context(start, end)
	return ctx.polarity(g) == 1 && (ctx.nearest(g) <= 12 || ctx.inLabel(g))
}

// taiwanPermitDigits claims the 8-digit 台胞证 number (and the older
// 10-digit one) after a context word.
func (s *scanner) taiwanPermitDigits(start, end int) bool {
	if !s.e.on(pi.TaiwanPermit) {
		return false
	}
	if !s.rightAfter(start, end, ctxTaiwanPermit) {
		return false
	}
	s.add(pi.Finding{Type: pi.TaiwanPermit, Category: pi.CatID, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: "digits after 台胞证", Valid: true, Context: s.words(ctxTaiwanPermit)},
		Source:   "travel_document"})
	return true
}

// uscc claims an 18-character unified social credit code: registering
// department and organisation category (positions 1-2), region (3-8),
// organisation code (9-17) and the GB 32100 check character.
func (s *scanner) uscc(start, end int, w []byte) bool {
	if len(w) != 18 || !s.e.on(pi.USCC) || !checksum.USCC(bstr(w)) {
		return false
	}
	for _, c := range w {
		if c >= 'a' && c <= 'z' {
			return false
		}
	}
	deptOK := zh.USCCOrgType(w[0], w[1])
	regionOK := zh.ValidRegionCode(bstr(w[2:8]))
	ctx := s.context(start, end)
	var score float64
	switch {
	case deptOK && regionOK:
		score = 0.9
	case ctx.has(ctxUSCC):
		score = 0.6
	default:
		return false
	}
	f := pi.Finding{Type: pi.USCC, Category: pi.CatIDBusiness, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "gb32100 check+department+region", Valid: deptOK && regionOK}, Source: "uscc"}
	if ctx.has(ctxUSCC) {
		f.Score = max(f.Score, 0.97)
		f.Evidence.Context = s.words(ctxUSCC)
	}
	if !deptOK || !regionOK {
		f.Evidence.Reason = "department/category or region code not allocated"
	}
	if w[0] == '9' && w[1] == '2' {
		f.SetAttr("holder", "individual business (个体工商户)")
	}
	f.SetAttr(pi.AttrRegionCode, string(w[2:8]))
	s.add(f)
	return true
}

// groupedID accepts an ID number written in groups: "110105 19491231 002X",
// "110105 1949 1231 002X", and in fours like a card, "1101 0519 4912 3100 2X".
func (s *scanner) groupedID(groups []span) int {
	for n := len(groups); n >= 2; n-- {
		d := s.compact(groups[:n])
		if l := groups[0].end - groups[0].start; len(d) != 18 || (l != 6 && l != 4) {
			continue
		}
		if s.residentID(groups[0].start, groups[n-1].end, d) {
			return n
		}
	}
	return 0
}
