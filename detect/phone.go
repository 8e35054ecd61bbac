package detect

import (
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Mainland phone numbers. A mobile number is reported bare (no context word
// needed) when its network segment is a real allocated one; a fixed-line
// number needs an area code from the table, or a context word.

// countryPrefixes are written before a mobile number, longest first.
var countryPrefixes = []string{"(+86)", "（+86）", "(86)", "+86 ", "+86-", "+86", "0086 ", "0086-", "0086", "86-"}

// mobile checks an 11-digit number d at [start, end). prefixed is true when
// the span already includes a country prefix.
func (s *scanner) mobile(start, end int, d []byte, prefixed bool) bool {
	if !s.e.on(pi.MobilePhone) || len(d) != 11 || d[0] != '1' || !zh.MobileSegment(bstr(d)) {
		return false
	}
	if !prefixed {
		for _, p := range countryPrefixes {
			if hasSuffixAt(s.text, start, p) {
				start -= len(p)
				prefixed = true
				break
			}
		}
	}
	f := pi.Finding{Type: pi.MobilePhone, Category: pi.CatContact, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "mobile-segment", Valid: true}, Source: "phone"}
	if prefixed {
		f.Score = 0.95
	}
	ctx := s.context(start, end)
	switch ctx.polarity(ctxPhone, ctxWeChat, ctxQQ) {
	case 1:
		f.Score = 0.98
		f.Evidence.Context = s.words(ctxPhone, ctxWeChat, ctxQQ)
	case -1:
		if !prefixed {
			f.Score = 0.2
			f.Evidence.Reason = "negative context: " + joinWords(s.words(ctxNegative))
		}
	}
	f.SetAttr(pi.AttrNormalized, string(d))
	if info, ok := zh.LookupMobile(bstr(d)); ok {
		f.SetAttr(pi.AttrProvince, info.Province)
		f.SetAttr(pi.AttrCity, info.City)
		f.SetAttr(pi.AttrCarrier, info.Carrier)
	}
	s.add(f)
	return true
}

// mobileWithCountry handles a digit run that starts with 86 or 0086.
func (s *scanner) mobileWithCountry(start, end int, d []byte) bool {
	switch {
	case len(d) == 13 && d[0] == '8' && d[1] == '6':
		return s.mobile(start, end, d[2:], true)
	case len(d) == 15 && string(d[:4]) == "0086":
		return s.mobile(start, end, d[4:], true)
	}
	return false
}

// groupedMobile accepts "138 1234 5678", "138-1234-5678", "+86 138 1234
// 5678" and "1381234 5678"-like splits of an 11-digit mobile.
func (s *scanner) groupedMobile(groups []span) int {
	// Try the longest prefix of groups that adds up to a mobile number.
	for n := len(groups); n >= 2; n-- {
		d := s.compact(groups[:n])
		if d == nil {
			continue
		}
		start, end := groups[0].start, groups[n-1].end
		switch {
		case len(d) == 11 && s.text[start] != '+':
			if s.mobile(start, end, d, false) {
				return n
			}
		case len(d) == 13 || len(d) == 15:
			if s.mobileWithCountry(start, end, d) {
				return n
			}
		}
	}
	return 0
}

// landline checks area code + local number; sep tells whether a separator
// or parenthesis set them apart (which makes the reading sure).
func (s *scanner) landline(start, end int, area, local []byte, sep bool) bool {
	if !s.e.on(pi.LandlinePhone) || len(local) < 7 || len(local) > 8 || local[0] == '0' {
		return false
	}
	if zh.AreaCodeAt(bstr(area)) != len(area) {
		return false
	}
	ctx := s.context(start, end)
	pol := ctx.polarity(ctxLandline, ctxPhone)
	// Subscriber numbers never start with 1 (service numbers do), but the
	// placeholder and redacted numbers of notices do ("010-12345678"):
	// written apart from the area code after a phone word, it is still a
	// phone number.
	service := local[0] == '1'
	if service && !(sep && pol == 1) {
		return false
	}
	f := pi.Finding{Type: pi.LandlinePhone, Category: pi.CatContact, Start: start, End: end, Score: 0.6,
		Evidence: pi.Evidence{Validator: "area-code", Valid: true}, Source: "phone"}
	if sep {
		f.Score = 0.85
	}
	switch pol {
	case 1:
		f.Score = 0.95
		f.Evidence.Context = s.words(ctxLandline, ctxPhone)
	case -1:
		f.Score = 0.2
		f.Evidence.Reason = "negative context: " + joinWords(s.words(ctxNegative))
	default:
		if !sep {
			f.Score = 0.4
			f.Evidence.Reason = "no separator after the area code and no context word"
		}
	}
	if service {
		f.Score = min(f.Score, 0.8)
		f.Evidence.Reason = joinReason(f.Evidence.Reason, serviceReason)
	}
	f.SetAttr(pi.AttrNormalized, string(area)+"-"+string(local))
	if city, ok := zh.LookupAreaCode(bstr(area)); ok && city != "" {
		f.SetAttr(pi.AttrCity, city)
	}
	s.add(f)
	return true
}

const serviceReason = "local number starts with 1, which no subscriber number does"

// groupedLandline accepts "0755-12345678", "010 1234 5678",
// "0755-12345678-801" (extension kept in the span).
func (s *scanner) groupedLandline(groups []span) int {
	text := s.text
	a := groups[0]
	if text[a.start] != '0' || a.end-a.start < 3 || a.end-a.start > 4 {
		return 0
	}
	area := text[a.start:a.end]
	// local number: one group of 7-8 digits, or two groups adding up to it
	for n := 2; n <= 3 && n <= len(groups); n++ {
		local := s.compact(groups[1:n])
		if local == nil || len(local) < 7 || len(local) > 8 {
			continue
		}
		loc := append([]byte(nil), local...)
		end := groups[n-1].end
		used := n
		// an extension: a short last group after a dash
		if n < len(groups) && text[groups[n].start-1] == '-' && groups[n].end-groups[n].start <= 5 {
			end = groups[n].end
			used = n + 1
		}
		if s.landline(a.start, end, area, loc, true) {
			return used
		}
	}
	return 0
}

// localLandline handles a bare 7-8 digit local number written with its area
// code in parentheses, "(0755)12345678", or after a context word.
func (s *scanner) localLandline(start, end int, d []byte) bool {
	text := s.text
	for _, open := range []string{"(", "（"} {
		for _, cl := range []string{")", "）"} {
			if !hasSuffixAt(text, start, cl) {
				continue
			}
			e := start - len(cl)
			b := e
			for b > 0 && isDigit(text[b-1]) && e-b < 4 {
				b--
			}
			if b < e && hasSuffixAt(text, b, open) {
				return s.landline(b-len(open), end, text[b:e], d, true)
			}
		}
	}
	if !s.e.on(pi.LandlinePhone) || d[0] == '0' {
		return false
	}
	ctx := s.context(start, end)
	if ctx.polarity(ctxLandline) != 1 {
		return false
	}
	f := pi.Finding{Type: pi.LandlinePhone, Category: pi.CatContact, Start: start, End: end, Score: 0.6,
		Evidence: pi.Evidence{Validator: "local number with context", Valid: true, Context: s.words(ctxLandline),
			Reason: "no area code"}, Source: "phone"}
	if d[0] == '1' {
		f.Evidence.Reason = joinReason(f.Evidence.Reason, serviceReason)
	}
	s.add(f)
	return true
}

// contiguousLandline handles "01012345678" and "075512345678": area code and
// local number run together.
func (s *scanner) contiguousLandline(start, end int, d []byte) bool {
	if d[0] != '0' {
		return false
	}
	n := zh.AreaCodeAt(bstr(d))
	if n == 0 {
		return false
	}
	return s.landline(start, end, d[:n], d[n:], false)
}
