package detect

import (
	"bytes"

	"github.com/custos-project/custos/pi"
)

// Transport in itineraries: train numbers (G1234次), flight numbers
// (CA1234航班) and seats (8车12F, 15排C座, 座位号32A). Epidemic bulletins
// publish these so that fellow passengers can come forward; together with a
// date they place a person on a vehicle.

// trainClasses are the letters of Chinese railway train classes.
var trainClasses = map[byte]string{'G': "高速动车组", 'D': "动车组", 'C': "城际动车组", 'Z': "直达特快",
	'T': "特快", 'K': "快速", 'Y': "旅游列车", 'S': "市郊列车", 'L': "临时列车"}

// train accepts a class letter and 1-4 digits: G1234, D4553, Z336.
func (s *scanner) train(start, end int, w []byte) bool {
	n := len(w)
	if n < 2 || n > 5 || !s.e.on(pi.TrainNumber) {
		return false
	}
	class, ok := trainClasses[w[0]]
	if !ok {
		return false
	}
	for _, c := range w[1:] {
		if !isDigit(c) {
			return false
		}
	}
	ctx := s.context(start, end)
	f := pi.Finding{Type: pi.TrainNumber, Category: pi.CatTrack, Start: start, End: end, Score: 0.35,
		Evidence: pi.Evidence{Validator: "train class letter", Valid: true, Reason: "no train context"}, Source: "travel"}
	switch {
	case ctx.hasAfter(ctxTrainAfter) || ctx.hasBefore(ctxTrain):
		f.Score = 0.95
		f.Evidence.Reason = ""
		f.Evidence.Context = s.words(ctxTrain, ctxTrainAfter)
	case s.seatFollows(end):
		f.Score = 0.85
		f.Evidence.Reason = ""
		f.Evidence.Context = []string{"(seat)"}
	}
	f.SetAttr("class", class)
	s.add(f)
	return true
}

// trainDigits accepts all-digit train numbers (1461次列车, K-less ordinary
// trains) when the words after say it is a train.
func (s *scanner) trainDigits(start, end int) bool {
	if end-start < 2 || !s.e.on(pi.TrainNumber) {
		return false
	}
	text := s.text
	// K-1276次列车: the class letter written with a dash
	if start >= 2 && text[start-1] == '-' && trainClasses[text[start-2]] != "" &&
		(start == 2 || !isAlnum(text[start-3])) {
		if end-start <= 4 && (hasPrefixAt(text, end, "次") || s.context(start, end).hasBefore(ctxTrain)) {
			s.add(pi.Finding{Type: pi.TrainNumber, Category: pi.CatTrack, Start: start - 2, End: end, Score: 0.9,
				Evidence: pi.Evidence{Validator: "train class letter", Valid: true}, Source: "travel"})
			return true
		}
	}
	for _, w := range []string{"次列车", "次火车", "次旅客列车", "次普快", "次普通列车", "次快车", "次绿皮车"} {
		if hasPrefixAt(text, end, w) {
			s.add(pi.Finding{Type: pi.TrainNumber, Category: pi.CatTrack, Start: start, End: end, Score: 0.85,
				Evidence: pi.Evidence{Validator: "digits+次列车", Valid: true, Context: []string{w}}, Source: "travel"})
			return true
		}
	}
	return false
}

// seatFollows reports whether a seat is written right after a train or
// flight number: "D4832，04车18F", "G1234次8车".
func (s *scanner) seatFollows(i int) bool {
	text := s.text
	for k := 0; k < 4 && i < len(text) && !isDigit(text[i]); k++ {
		_, n := runeAfter(text, i)
		i += n
	}
	j := i
	if _, ok := s.digitsAt(&j, 1, 2); !ok {
		return false
	}
	return hasPrefixAt(text, j, "车") || hasPrefixAt(text, j, "号车厢") || hasPrefixAt(text, j, "排")
}

// airlines holds IATA designators of the carriers that fly in and out of
// China (mainland, Hong Kong, Macao, Taiwan) and the foreign ones most often
// named in bulletins.
var airlines = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range []string{
		// mainland
		"CA", "MU", "CZ", "HU", "3U", "MF", "ZH", "SC", "FM", "HO", "9C", "KN", "8L", "GS", "JD", "PN", "EU",
		"G5", "BK", "TV", "DZ", "NS", "QW", "KY", "GJ", "DR", "A6", "UQ", "Y8", "GX", "GT", "JR", "RY", "FU",
		"QD", "9H", "AQ", "CN", "OQ", "9D", "GY", "LT", "ZA", "HT", "CK", "O3", "YI", "DA", "WU", "GI", "J5", "3W",
		// Hong Kong, Macao, Taiwan
		"CX", "KA", "UO", "HX", "HB", "NX", "BR", "CI", "AE", "B7", "IT", "JX",
		// Asia
		"SQ", "TR", "MI", "JL", "NH", "MM", "GK", "KE", "OZ", "7C", "LJ", "TW", "ZE", "BX", "TG", "FD", "SL", "WE",
		"MH", "AK", "D7", "OD", "VN", "VJ", "QH", "PR", "5J", "Z2", "GA", "QZ", "JT", "ID", "AI", "6E", "UK",
		"SG", "PK", "UL", "BG", "KC", "HY", "OM", "KQ",
		// Middle East, Europe, Americas, Oceania, Africa
		"EK", "QR", "EY", "SV", "GF", "WY", "TK", "SU", "S7", "AF", "KL", "LH", "LX", "OS", "SN", "BA", "VS", "IB",
		"AZ", "SK", "AY", "LO", "OK", "AA", "UA", "DL", "AC", "AS", "HA", "QF", "NZ", "VA", "ET", "MS", "SA",
	} {
		m[c] = true
	}
	return m
}()

// flight accepts an airline designator and 1-4 digits (with an optional
// operational suffix letter): CA1234, 3U8633, TR188.
func (s *scanner) flight(start, end int, w []byte) bool {
	n := len(w)
	if n < 3 || n > 7 || !s.e.on(pi.FlightNumber) {
		return false
	}
	if !isAlnum(w[0]) || !isAlnum(w[1]) || (isDigit(w[0]) && isDigit(w[1])) {
		return false
	}
	if isLetter(w[0]) && (w[0] < 'A' || w[0] > 'Z') || isLetter(w[1]) && (w[1] < 'A' || w[1] > 'Z') {
		return false
	}
	body := w[2:]
	if isLetter(body[len(body)-1]) {
		body = body[:len(body)-1]
	}
	if len(body) < 1 || len(body) > 4 {
		return false
	}
	for _, c := range body {
		if !isDigit(c) {
			return false
		}
	}
	known := airlines[string(w[:2])]
	ctx := s.context(start, end)
	if ctx.hasAfter(ctxTrainAfter) && !ctx.hasAfter(ctxFlightAfter) {
		return false // G5823次列车: G5 is an airline too, but 次列车 says train
	}
	flightCtx := ctx.hasAfter(ctxFlightAfter) || ctx.nearest(ctxFlight) >= 0
	var score float64
	switch {
	case known && flightCtx:
		score = 0.95
	case known && s.seatCodeFollows(end):
		score = 0.85 // CZ6516(座位号：39B)
	case flightCtx && isLetter(w[0]) && isLetter(w[1]):
		score = 0.7
	case known && len(body) >= 3:
		score = 0.45
	default:
		return false
	}
	f := pi.Finding{Type: pi.FlightNumber, Category: pi.CatTrack, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "airline designator", Valid: known}, Source: "travel"}
	if flightCtx {
		f.Evidence.Context = s.words(ctxFlight, ctxFlightAfter)
	} else {
		f.Evidence.Reason = "no flight context"
	}
	f.SetAttr("airline", string(w[:2]))
	s.add(f)
	return true
}

// seatCN parses seats written with Chinese counters, starting at the digit
// run [start, end): 8车12F, 04车18F号, 8车厢12号, 7号车厢50座, 15排C座, 12排3座.
func (s *scanner) seatCN(start, end int) bool {
	text := s.text
	if end-start > 2 || !s.e.on(pi.SeatNumber) {
		return false
	}
	i := end
	carriage := false
	switch {
	case hasPrefixAt(text, i, "号车厢"):
		i += len("号车厢")
		carriage = true
	case hasPrefixAt(text, i, "车厢"):
		i += len("车厢")
		carriage = true
	case hasPrefixAt(text, i, "号车"):
		i += len("号车")
		carriage = true
	case hasPrefixAt(text, i, "车"):
		i += len("车")
		carriage = true
	case hasPrefixAt(text, i, "排"):
		i += len("排")
	default:
		return false
	}
	// the seat part: digits and/or a seat letter, then 号/座/铺; bare
	// digits ("8车12人") are not a seat.
	j := i
	_, hasNum := s.digitsAt(&j, 1, 3)
	hasLetter := false
	if j < len(text) && text[j] >= 'A' && text[j] <= 'K' && (j+1 >= len(text) || !isAlnum(text[j+1])) {
		j++
		hasLetter = true
	}
	hasSuffix := false
	if hasNum || hasLetter {
		for _, suf := range []string{"号座位", "号座", "座位", "号上铺", "号中铺", "号下铺", "号", "座", "上铺", "中铺", "下铺", "铺", "位"} {
			if hasPrefixAt(text, j, suf) {
				j += len(suf)
				hasSuffix = true
				break
			}
		}
	}
	// A carriage or a row alone (10车厢, 15排) is not a seat.
	if !(hasLetter || (hasNum && hasSuffix)) {
		return false
	}
	score := 0.9
	if !carriage && !hasLetter && !s.context(start, end).has(ctxSeat) {
		score = 0.6 // 12排3座 without a vehicle word
	}
	s.add(pi.Finding{Type: pi.SeatNumber, Category: pi.CatTrack, Start: start, End: j, Score: score,
		Evidence: pi.Evidence{Validator: "carriage/row/seat shape", Valid: true}, Source: "travel"})
	s.resume = j
	return true
}

// seatCode accepts "12F", "32A" after a seat word or a carriage ("座位号32A").
func (s *scanner) seatCode(start, end int, w []byte) bool {
	n := len(w)
	if n < 2 || n > 4 || w[n-1] < 'A' || w[n-1] > 'K' || !s.e.on(pi.SeatNumber) {
		return false
	}
	for _, c := range w[:n-1] {
		if !isDigit(c) {
			return false
		}
	}
	ctx := s.context(start, end)
	if ctx.nearest(ctxSeat) < 0 && !ctx.hasBefore(ctxFlight) {
		return false
	}
	s.add(pi.Finding{Type: pi.SeatNumber, Category: pi.CatTrack, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "row+seat letter", Valid: true, Context: s.words(ctxSeat, ctxFlight)}, Source: "travel"})
	return true
}

// seatCodeFollows reports whether a seat code follows within a few runes:
// "CZ6516(座位号：39B)", "SC4767（座位26C）".
func (s *scanner) seatCodeFollows(i int) bool {
	text := s.text
	we := fwdRunes(text, i, 8)
	k := bytes.Index(text[i:we], []byte("座"))
	if k < 0 {
		return false
	}
	for j := i + k; j < we; j++ {
		if isDigit(text[j]) {
			e := j
			for e < we && isDigit(text[e]) {
				e++
			}
			return e < len(text) && text[e] >= 'A' && text[e] <= 'L'
		}
	}
	return false
}
