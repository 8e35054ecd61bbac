package detect

// The dispatch of digit runs and alphanumeric words by shape: length and
// letter positions decide which recognizers look at a candidate, so a run
// of digits costs one switch unless it could be an identifier.

// digitRun handles a run of ASCII digits at [start, end), possibly with a
// leading '+', that is delimited on both sides.
func (s *scanner) digitRun(start, end int, _ []span) {
	text := s.text
	plus := text[start] == '+'
	ds := start
	if plus {
		ds++
		if ds == end {
			return
		}
	}
	d := text[ds:end]
	n := len(d)
	// Short runs: only dates, seats, trains and ages are written with so few
	// digits, and all of them need the character after the run.
	if n <= 4 {
		if plus {
			return
		}
		if end < len(text) && text[end] >= 0x80 {
			s.shortNumber(start, end)
		} else if n <= 3 && end < len(text) && !(n <= 2 && s.englishDate(start, end)) {
			s.englishAge(start, end)
		} else if n <= 3 && end == len(text) {
			s.englishAge(start, end) // …Age: 9 at the text's end
		}
		return
	}
	if plus {
		if !s.regionalPhone(start, end, d, true) {
			s.mobileWithCountry(start, end, d)
		}
		return
	}
	// a number right after its hospital label is the patient's, whatever
	// else its digits could be
	if s.medicalRecord(start, end) {
		return
	}
	if n >= 6 && n <= 9 && s.labelledPassport(start, end) {
		return
	}
	found := false
	switch n {
	case 11:
		found = s.mobile(start, end, d, false)
		if !found {
			found = s.contiguousLandline(start, end, d)
		}
	case 12:
		found = s.contiguousLandline(start, end, d)
	case 13:
		found = s.mobileWithCountry(start, end, d) || s.regionalPhone(start, end, d, false)
	case 14:
		found = s.regionalPhone(start, end, d, false)
	case 15:
		found = s.imsi(start, end, d)
		found = s.residentID(start, end, d) || found
		found = s.imei(start, end, d) || found
		found = s.mobileWithCountry(start, end, d) || found
	case 16:
		found = s.bankCard(start, end, d, false) || s.hexDevice(start, end, d)
	case 17:
		found = s.bankCard(start, end, d, false)
	case 19:
		found = s.iccid(start, end, d)
		found = s.bankCard(start, end, d, false) || found
	case 20:
		found = s.iccid(start, end, d)
	case 18:
		found = s.residentID(start, end, d)
		found = s.bankCard(start, end, d, false) || found
		found = s.uscc(start, end, d) || found
	case 6:
		found = s.macaoID(start, end, d) || s.compactYearMonth(start, end, d)
	case 7:
		found = s.macaoID(start, end, d)
	case 8:
		found = s.compactDate(start, end, d)
		found = found || s.taiwanPermitDigits(start, end) || s.hkLocal(start, end, d)
	case 10:
		found = s.taiwanPermitDigits(start, end) || s.taiwanMobile(start, end, d)
	}
	if found {
		return
	}
	// a number after its label (学号：20230512) is the person's, where it
	// is no identifier of a known shape
	if s.personNumber(start, end) {
		return
	}
	if n >= 7 && n <= 8 && s.localLandline(start, end, d) {
		return
	}
	if n >= 5 && n <= 11 {
		if s.qq(start, end, d) {
			return
		}
	}
	if end < len(text) && text[end] >= 0x80 {
		s.shortNumber(start, end)
	}
}

// shortNumber handles a digit run followed by a Chinese character: dates
// (2020年1月2日), train numbers (1461次), seats (8车12F, 15排).
func (s *scanner) shortNumber(start, end int) {
	if s.chineseDate(start, end) {
		return
	}
	if s.seatCN(start, end) {
		return
	}
	s.trainDigits(start, end)
}

// alnumWord handles a word with letters (and maybe digits and underscores)
// at [start, end), delimited on both sides.
func (s *scanner) alnumWord(start, end, nd, nl int) {
	text := s.text
	n := end - start
	w := text[start:end]
	if nd >= 5 && nl <= 3 && s.medicalRecord(start, end) {
		return
	}
	switch {
	case n == 18 && nl == 1 && (w[17] == 'X' || w[17] == 'x'):
		if s.residentID(start, end, w) {
			return
		}
	case n == 19 && nl <= 2 && (w[0] == 'G' || w[0] == 'J' || w[0] == 'L'):
		if s.studentNumber(start, end, w) {
			return
		}
	}
	// a number after its label (工号 A10086) is the person's, where it is
	// no identity card number
	if nd >= 4 && nl <= 3 && s.personNumber(start, end) {
		return
	}
	if n == 18 && s.uscc(start, end, w) {
		return
	}
	if (n == 16 || n == 32) && s.hexDevice(start, end, w) {
		return
	}
	if n == 17 && nd > 0 && s.vin(start, end, w) {
		return
	}
	if s.plate(start, end) {
		return
	}
	if nd > 0 {
		// Document shapes overlap (EA1234567 is a passport and could be an
		// HKID with its check digit appended): every recognizer that fits
		// adds its candidate and the overlap rules pick one.
		found := s.hkid(start, end)
		found = s.taiwanID(start, end, w) || found
		found = s.travelDocument(start, end, w) || found
		if found || n >= 6 && n <= 9 && s.labelledPassport(start, end) {
			return
		}
		found = s.flight(start, end, w)
		found = s.train(start, end, w) || found
		if found || s.seatCode(start, end, w) {
			return
		}
		if n == 12 && s.bareMAC(start, end, w) {
			return
		}
	}
	s.wechat(start, end)
}
