package detect

import (
	"strconv"

	"github.com/custos-project/custos/pi"
)

// GPS coordinates: a latitude/longitude pair of decimals ("39.916527,
// 116.397128", "116.397128 39.916527", "39.9042°N, 116.4074°E"), or a
// single decimal after a latitude or longitude word.

// gps claims a decimal at [start, end) and, when one follows, its partner.
func (s *scanner) gps(start, end int) bool {
	text := s.text
	// The segment lost a leading minus sign with the other joiners at its
	// ends: -33.8688 is south, not north.
	if start > 0 && text[start-1] == '-' && (start == 1 || !isAlnum(text[start-2])) && isDigit(text[start]) {
		start--
	}
	a, decA, ok := parseDecimal(text[start:end])
	if !ok {
		return false
	}
	// the partner: after an optional degree sign and hemisphere letter, a
	// separator, then another decimal
	i := skipHemisphere(text, end)
	j := i
	for k := 0; k < 3 && j < len(text); k++ {
		switch {
		case text[j] == ',' || text[j] == ' ' || text[j] == '/' || text[j] == ';':
			j++
		case hasPrefixAt(text, j, "，"), hasPrefixAt(text, j, "、"):
			j += 3
		default:
			k = 3
		}
	}
	if j > i {
		e := j
		for e < len(text) && (isDigit(text[e]) || text[e] == '.' || text[e] == '-') {
			e++
		}
		b, decB, ok := parseDecimal(text[j:e])
		if ok && !isCoordPair(a, b) {
			s.resume = e
			return false // a pair out of range: neither half is a coordinate
		}
		if ok {
			end2 := skipHemisphere(text, e)
			ctx := s.context(start, end2)
			var score float64
			switch {
			case decA >= 4 && decB >= 4 && ctx.has(ctxGPS):
				score = 0.95
			case decA >= 4 && decB >= 4:
				score = 0.85
			case decA >= 2 && decB >= 2 && ctx.has(ctxGPS):
				score = 0.8
			default:
				return false // 3.50，2.80 are prices, not a place
			}
			f := pi.Finding{Type: pi.GPSCoordinate, Category: pi.CatLocation, Start: start, End: end2, Score: score,
				Evidence: pi.Evidence{Validator: "coordinate ranges", Valid: true, Context: s.words(ctxGPS)}, Source: "gps"}
			f.SetAttr(pi.AttrNormalized, formatCoord(a)+","+formatCoord(b))
			if s.e.on(pi.GPSCoordinate) {
				s.add(f)
			}
			s.resume = end2
			return true
		}
	}
	// a single coordinate after 经度/纬度/lat/lng
	if decA >= 3 && a >= -180 && a <= 180 && a != 0 {
		ctx := s.context(start, end)
		if n := ctx.nearest(ctxGPS); n >= 0 && (n < 12 || ctx.inLabel(ctxGPS)) {
			f := pi.Finding{Type: pi.GPSCoordinate, Category: pi.CatLocation, Start: start, End: i, Score: 0.7,
				Evidence: pi.Evidence{Validator: "coordinate range", Valid: true, Context: s.words(ctxGPS),
					Reason: "single coordinate"}, Source: "gps"}
			f.SetAttr(pi.AttrNormalized, formatCoord(a))
			if s.e.on(pi.GPSCoordinate) {
				s.add(f)
			}
			return true
		}
	}
	return false
}

func skipHemisphere(text []byte, i int) int {
	if hasPrefixAt(text, i, "°") {
		i += len("°")
	}
	if i < len(text) && (text[i] == 'N' || text[i] == 'S' || text[i] == 'E' || text[i] == 'W') &&
		(i+1 == len(text) || !isAlnum(text[i+1])) {
		i++
	}
	return i
}

// parseDecimal parses [-]digits.digits and returns the value and the number
// of decimals.
func parseDecimal(b []byte) (float64, int, bool) {
	dot := -1
	for i, c := range b {
		switch {
		case c == '.':
			if dot >= 0 {
				return 0, 0, false
			}
			dot = i
		case c == '-' && i == 0:
		case !isDigit(c):
			return 0, 0, false
		}
	}
	if dot <= 0 || dot == len(b)-1 || (b[0] == '-' && dot == 1) || dot > 4 {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(bstr(b), 64)
	if err != nil {
		return 0, 0, false
	}
	return v, len(b) - dot - 1, true
}

func isCoordPair(a, b float64) bool {
	lat := func(x float64) bool { return x >= -90 && x <= 90 }
	lon := func(x float64) bool { return x >= -180 && x <= 180 }
	return (lat(a) && lon(b) || lon(a) && lat(b)) && !(a == 0 && b == 0)
}

func formatCoord(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
