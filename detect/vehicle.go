package detect

import (
	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Vehicles: licence plates (GA 36-2018: province character, issuing-office
// letter, five characters; new-energy plates six) and VINs (ISO 3779 with
// the GB 16735 check digit).

// plateSuffixes end special plates: 京A1234警.
var plateSuffixes = []string{"警", "学", "挂", "港", "澳", "领", "使", "试", "超"}

// plateSeps may stand between the office letter and the serial: 京A·12345.
var plateSeps = []string{"·", "•", "・", " ", "-", "．"}

// plate claims a plate whose province character ends right before start.
func (s *scanner) plate(start, end int) bool {
	text := s.text
	r, rn := runeBefore(text, start)
	if rn == 0 || r < 0x80 {
		return false
	}
	if _, ok := zh.ProvinceAbbrev(r); !ok {
		return false
	}
	office := text[start]
	if office < 'A' || office > 'Z' {
		return false
	}
	serialStart, serialEnd := start+1, end
	if end-start == 1 {
		// 京A·12345: the serial is the next word after a separator
		i := end
		for _, sep := range plateSeps {
			if hasPrefixAt(text, i, sep) {
				i += len(sep)
				break
			}
		}
		if i == end {
			return false
		}
		j := i
		for j < len(text) && isAlnum(text[j]) {
			j++
		}
		serialStart, serialEnd = i, j
	}
	serial := text[serialStart:serialEnd]
	suffix := ""
	for _, suf := range plateSuffixes {
		if hasPrefixAt(text, serialEnd, suf) {
			suffix = suf
			break
		}
	}
	if !plateSerial(serial, suffix != "") {
		return false
	}
	e := serialEnd + len(suffix)
	if e < len(text) && isAlnum(text[e]) {
		return false
	}
	f := pi.Finding{Type: pi.LicensePlate, Category: pi.CatVehicle, Start: start - rn, End: e, Score: 0.9,
		Evidence: pi.Evidence{Validator: "GA 36-2018 shape", Valid: true}, Source: "plate"}
	if ctx := s.context(start-rn, e); ctx.has(ctxPlate) {
		f.Score = 0.98
		f.Evidence.Context = s.words(ctxPlate)
	}
	if len(serial) == 6 {
		f.SetAttr("energy", "new")
	}
	prefix := string(text[start-rn : start+1])
	if reg, ok := zh.PlateRegion(prefix); ok {
		f.SetAttr(pi.AttrRegion, reg)
	}
	f.SetAttr(pi.AttrNormalized, prefix+string(serial)+suffix)
	if !s.e.on(pi.LicensePlate) {
		return true
	}
	s.add(f)
	s.resume = e
	return true
}

// plateSerial checks the part after the office letter: five characters
// from A-Z (no I, O) and digits with at least three digits, or four before a
// suffix character; new-energy plates have six with D or F first or last.
func plateSerial(w []byte, suffixed bool) bool {
	n := len(w)
	switch {
	case suffixed && n == 4, n == 5:
	case n == 6:
		if w[0] != 'D' && w[0] != 'F' && w[5] != 'D' && w[5] != 'F' {
			return false
		}
	default:
		return false
	}
	digits := 0
	for _, c := range w {
		switch {
		case isDigit(c):
			digits++
		case c >= 'A' && c <= 'Z' && c != 'I' && c != 'O':
		default:
			return false
		}
	}
	return digits >= 3
}

// vin claims 17 characters with a correct check digit, or a context word.
func (s *scanner) vin(start, end int, w []byte) bool {
	if !s.e.on(pi.VIN) {
		return false
	}
	letters := 0
	for _, c := range w {
		switch {
		case isDigit(c):
		case c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q':
			letters++
		default:
			return false
		}
	}
	if letters == 0 {
		return false
	}
	ok := checksum.VIN(bstr(w))
	ctx := s.context(start, end)
	has := ctx.has(ctxVIN)
	var score float64
	switch {
	case ok && has:
		score = 0.98
	case ok:
		score = 0.85
	case has:
		score = 0.6
	default:
		return false
	}
	f := pi.Finding{Type: pi.VIN, Category: pi.CatVehicle, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "iso3779 check digit", Valid: ok}, Source: "vin"}
	if has {
		f.Evidence.Context = s.words(ctxVIN)
	}
	if !ok {
		f.Evidence.Reason = "check digit does not match (VINs made outside China and North America may lack one)"
	}
	f.SetAttr("wmi", string(w[:3]))
	s.add(f)
	return true
}
