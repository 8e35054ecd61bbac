package detect

import (
	"bytes"

	"github.com/custos-project/custos/pi"
)

// Hong Kong, Macao and Taiwan phone numbers. Written with the international
// prefix (+852 9123 4567, 00853 6612 3456, +886 912 345 678,
// +886-2-2345-6789) the shape is sure; a Taiwan mobile written the
// domestic way (0912-345-678) needs a word for a phone, as the ten digits
// could be anything. Eight digits with no prefix (a Hong Kong number
// written locally) are read only in a document in traditional characters
// and after a word for a phone: elsewhere they are every other number's
// shape too (see hkLocal).

// regionalPrefixes are the country codes of the three regions.
var regionalPrefixes = []struct {
	code, region string
}{{"852", "香港"}, {"853", "澳门"}, {"886", "台湾"}}

// regionalPhone checks digits d at [start, end) written with a country
// code (after + or 00), plus telling whether a + stands before them.
func (s *scanner) regionalPhone(start, end int, d []byte, plus bool) bool {
	intl := plus
	if len(d) > 2 && d[0] == '0' && d[1] == '0' {
		d, intl = d[2:], true
	}
	if !intl || len(d) < 11 {
		return false
	}
	for _, p := range regionalPrefixes {
		if string(d[:3]) != p.code {
			continue
		}
		local := d[3:]
		if typ, ok := regionalKind(p.code, local); ok {
			return s.addRegionalPhone(start, end, typ, p.region, "+"+string(d), 0.9)
		}
		return false
	}
	return false
}

// regionalKind tells a mobile from a landline by the local number's shape:
// Hong Kong 8 digits (mobile 4–7, 9; landline 2, 3), Macao 8 digits
// (mobile 6; landline 28), Taiwan mobile 9 digits from 9, landline 8 or 9
// digits from 2–8.
func regionalKind(code string, local []byte) (pi.Type, bool) {
	n := len(local) // digits: the callers compact them
	if n == 0 {
		return "", false
	}
	c := local[0]
	switch code {
	case "852":
		switch {
		case n != 8:
		case c >= '4' && c <= '7' || c == '9':
			return pi.MobilePhone, true
		case c == '2' || c == '3':
			return pi.LandlinePhone, true
		}
	case "853":
		switch {
		case n != 8:
		case c == '6':
			return pi.MobilePhone, true
		case c == '2' && local[1] == '8':
			return pi.LandlinePhone, true
		}
	case "886":
		switch {
		case n == 9 && c == '9':
			return pi.MobilePhone, true
		case (n == 8 || n == 9) && c >= '2' && c <= '8':
			return pi.LandlinePhone, true
		}
	}
	return "", false
}

// taiwanMobile checks a domestic Taiwan mobile number (09 and eight more
// digits) at [start, end): a phone only where a word says so.
func (s *scanner) taiwanMobile(start, end int, d []byte) bool {
	if len(d) != 10 || d[0] != '0' || d[1] != '9' || s.context(start, end).polarity(ctxPhone) != 1 {
		return false
	}
	return s.addRegionalPhone(start, end, pi.MobilePhone, "台湾", "+886"+string(d[1:]), 0.85)
}

// hkLocal checks eight digits at [start, end) written the local way in a
// document in traditional characters after a word for a phone (電話：9123
// 4567): a Hong Kong number (mobile from 4–7 or 9, fixed from 2 or 3), or
// a Macao one where the text speaks of Macao (mobile from 6, fixed from
// 28). Elsewhere eight digits are every other number's shape too.
func (s *scanner) hkLocal(start, end int, d []byte) bool {
	if !s.traditional || len(d) != 8 {
		return false
	}
	// a word for a phone, and no order or tracking number near (訂單號碼:
	// 號碼 is a phone's word too)
	if ctx := s.context(start, end); ctx.polarity(ctxPhone) != 1 || ctx.has(ctxNegative) {
		return false
	}
	code, region := "852", "香港"
	if bytes.Contains(s.text, []byte("澳门")) && (d[0] == '6' || d[0] == '2' && d[1] == '8') {
		code, region = "853", "澳门"
	}
	typ, ok := regionalKind(code, d)
	if !ok {
		return false
	}
	return s.addRegionalPhone(start, end, typ, region, "+"+code+string(d), 0.8)
}

// addRegionalPhone adds a phone finding of region.
func (s *scanner) addRegionalPhone(start, end int, typ pi.Type, region, norm string, score float64) bool {
	if !s.e.on(typ) {
		return false
	}
	f := pi.Finding{Type: typ, Category: pi.CatContact, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "regional-number-shape", Valid: true}, Source: "phone"}
	if s.context(start, end).polarity(ctxPhone) == 1 {
		f.Score = max(f.Score, 0.95)
		f.Evidence.Context = s.words(ctxPhone)
	}
	f.SetAttr(pi.AttrNormalized, norm)
	f.SetAttr(pi.AttrRegion, region)
	s.add(f)
	return true
}

// groupedRegional accepts a regional number written in groups: +852 9123
// 4567, +886-2-2345-6789, 00853 6612 3456, 0912-345-678.
func (s *scanner) groupedRegional(groups []span) int {
	for n := len(groups); n >= 2; n-- {
		d := s.compact(groups[:n])
		if d == nil {
			continue
		}
		start, end := groups[0].start, groups[n-1].end
		if s.regionalPhone(start, end, d, s.text[start] == '+') || s.taiwanMobile(start, end, d) || s.hkLocal(start, end, d) {
			return n
		}
	}
	return 0
}
