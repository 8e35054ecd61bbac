package detect

import (
	"bytes"
	"strconv"

	"github.com/custos-project/custos/pi"
)

// Masked identifiers. Published lists (失信被执行人名单, a school's 公示, an
// order's receipt) print identifiers with a run of * in the middle:
// 410105********1234, 138****5678, 6222 **** **** 0128. What is left still
// names a person with the rest of the row (the region and the last digits
// of an ID, a phone's segment and last four), so they are reported as the
// identifier type with masked=true — never validated (the check digit is
// gone), scored below a whole one — and a check can see that a list was
// masked, and how much.

// maskedMinStars is the shortest run of * that masks a number.
const maskedMinStars = 3

// maskedNumbers adds the masked identifiers of the text.
func (s *scanner) maskedNumbers() {
	text := s.text
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], '*')
		if k < 0 {
			return
		}
		a := i + k
		b := a
		for b < len(text) && text[b] == '*' {
			b++
		}
		i = b
		if b-a < maskedMinStars {
			continue
		}
		s.maskedAt(a, b)
	}
}

// maskedAt reads the number around the run of * at [a, b): the digits
// before and after it, one separator (space or hyphen) between groups
// allowed (138-****-5678, 6222 **** **** 0128).
func (s *scanner) maskedAt(a, b int) {
	text := s.text
	// digits and further star runs before a (6222 **** **** 0128: the
	// second run's left part holds the first)
	l := a
	stars, digits := b-a, 0
left:
	for l > 0 {
		c := text[l-1]
		switch {
		case isDigit(c):
			digits++
		case c == '*':
			stars++
		case (c == ' ' || c == '-') && l-2 >= 0 && (isDigit(text[l-2]) || text[l-2] == '*'):
		default:
			break left
		}
		l--
	}
	r := b
right:
	for r < len(text) {
		c := text[r]
		switch {
		case isDigit(c):
			digits++
		case c == '*':
			stars++
		case (c == 'X' || c == 'x') && digits+stars == 17 && (r+1 == len(text) || !isAlnum(text[r+1])):
			digits++
		case (c == ' ' || c == '-') && r+1 < len(text) && (isDigit(text[r+1]) || text[r+1] == '*'):
		default:
			break right
		}
		r++
	}
	// trim separators at the ends, and refuse a number glued to letters
	for l < r && (text[l] == ' ' || text[l] == '-') {
		l++
	}
	for r > l && (text[r-1] == ' ' || text[r-1] == '-') {
		r--
	}
	if l > 0 && isAlnum(text[l-1]) || r < len(text) && isAlnum(text[r]) || !isDigit(text[l]) {
		return
	}
	// only the run that ends the number reports it (6222 **** **** 0128
	// has two runs)
	if bytes.IndexByte(text[b:r], '*') >= 0 {
		return
	}
	n := digits + stars
	var typ pi.Type
	var ctx ctxGroup
	switch {
	case n == 11 && text[l] == '1' && digits >= 4:
		typ, ctx = pi.MobilePhone, ctxPhone
	case (n == 18 || n == 15) && digits >= 4 && provincePrefix(text[l:r]):
		typ, ctx = pi.ResidentID, ctxID
		if n == 18 && s.context(l, r).polarity(ctxBank) == 1 && s.context(l, r).polarity(ctxID) != 1 {
			typ, ctx = pi.BankCard, ctxBank
		}
	case n >= 16 && n <= 19 && digits >= 8 && (text[l] >= '3' && text[l] <= '6' || s.context(l, r).polarity(ctxBank) == 1):
		typ, ctx = pi.BankCard, ctxBank
	default:
		return
	}
	if !s.e.on(typ) {
		return
	}
	info, _ := pi.LookupType(typ)
	f := pi.Finding{Type: typ, Category: info.Category, Start: l, End: r, Score: 0.6, Source: "masked",
		Evidence: pi.Evidence{Validator: "masked shape", Reason: "masked: the check cannot be run"}}
	switch s.context(l, r).polarity(ctx) {
	case 1:
		f.Score = 0.8
		f.Evidence.Context = s.words(ctx)
	case -1:
		return // 订单号20230101****5678: a masked order number
	}
	f.SetAttr(pi.AttrMasked, "true")
	if typ == pi.ResidentID && n == 18 {
		s.maskedIDFacts(&f, idChars(text[l:r]))
	}
	s.add(f)
}

// idChars returns an ID number's 18 characters without the spaces and
// dashes it is written with.
func idChars(b []byte) []byte {
	var c []byte
	for _, x := range b {
		if x != ' ' && x != '-' {
			c = append(c, x)
		}
	}
	return c
}

// floatIDs adds the ID numbers a spreadsheet stored as numbers and wrote
// in scientific notation (4.30104201305062E+17): the last digits are lost,
// the region, the birth date and the age are not. Reported as masked ID
// numbers (the check cannot be run), with what the digits show.
func (s *scanner) floatIDs() {
	text := s.text
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte("E+17"))
		if k < 0 {
			k = bytes.Index(text[i:], []byte("e+17"))
		}
		if k < 0 {
			return
		}
		e := i + k
		i = e + 4
		if i < len(text) && isDigit(text[i]) {
			continue // E+170
		}
		// d.ddddddddddddd (14 significant digits at least: the birth date whole)
		a := e
		for a > 0 && isDigit(text[a-1]) {
			a--
		}
		if e-a < 13 || a < 2 || text[a-1] != '.' || !isDigit(text[a-2]) || a >= 3 && (isDigit(text[a-3]) || text[a-3] == '.') {
			continue
		}
		c := make([]byte, 18)
		for j := range c {
			c[j] = '*'
		}
		c[0] = text[a-2]
		copy(c[1:], text[a:min(e, a+17)])
		if !provincePrefix(c) || !s.e.on(pi.ResidentID) {
			continue
		}
		f := pi.Finding{Type: pi.ResidentID, Category: pi.CatID, Start: a - 2, End: i, Score: 0.6, Source: "masked",
			Evidence: pi.Evidence{Validator: "masked shape", Reason: "a spreadsheet's number: the last digits are lost"}}
		if s.context(a-2, i).polarity(ctxID) == 1 {
			f.Score = 0.8
			f.Evidence.Context = s.words(ctxID)
		}
		f.SetAttr(pi.AttrMasked, "true")
		s.maskedIDFacts(&f, c)
		if f.Attr(pi.AttrBirthDate) == "" {
			continue // no birth date: no ID number's digits
		}
		s.add(f)
	}
}

// maskedIDFacts adds what the digits c (18, * where masked) of a masked ID
// number show about its holder (4201**20150512****: born 2015-05-12, a
// child under 14): the
// birth date and age when the date is whole, the lowest age its year
// allows when only the year is (protection errs towards the child), and
// the sex when its digit is shown.
func (s *scanner) maskedIDFacts(f *pi.Finding, c []byte) {
	if len(c) != 18 {
		return
	}
	y, ok := atoi(c[6:10])
	if !ok {
		return
	}
	month, day, whole := 12, 31, false // a year alone: the lowest age it allows
	if md, ok := atoi(c[10:14]); ok {
		month, day, whole = md/100, md%100, true
	}
	if birth, ok := s.birthDate(y, month, day); ok {
		age := Age(birth, s.e.refDate)
		if whole {
			f.SetAttr(pi.AttrBirthDate, birth.Format("2006-01-02"))
		}
		f.SetAttr(pi.AttrAge, strconv.Itoa(age))
		MarkAge(f, age)
	}
	if isDigit(c[16]) {
		f.SetAttr(pi.AttrSex, sexOfDigit(c[16]))
	}
}

// provincePrefix reports whether a masked number starts with the two
// digits of a province-level region (11 Beijing … 82 Macao), as an ID
// number does, or with fewer than two digits shown.
func provincePrefix(b []byte) bool {
	if len(b) < 2 || !isDigit(b[1]) {
		return true
	}
	p := int(b[0]-'0')*10 + int(b[1]-'0')
	switch {
	case p >= 11 && p <= 15, p >= 21 && p <= 23, p >= 31 && p <= 37, p >= 41 && p <= 46, p >= 50 && p <= 54,
		p >= 61 && p <= 65, p == 71, p == 81, p == 82:
		return true
	}
	return false
}
