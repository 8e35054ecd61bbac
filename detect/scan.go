package detect

import (
	"github.com/custos-project/custos/pi"
)

// scanner is the per-call state of one Detect: the text, the candidates
// found so far and scratch space. Scanners are pooled by the Engine.
type scanner struct {
	e     *Engine
	text  []byte
	out   []pi.Finding
	label uint64 // context groups of the fragment label
	// labelText is the fragment's label (a CSV column, a JSON key)
	labelText string

	// context cache for the last span asked about
	ctx              ctxInfo
	ctxStart, ctxEnd int
	ctxOK            bool
	hits             []keywordHit

	digits [48]byte // compacted digits of a grouped number
	groups [8]span
	// resume, when past the current segment, is where scanning goes on
	// after a recognizer consumed text beyond it (京A·12345).
	resume int
	// traditional is set when the text was written in traditional
	// characters (a Hong Kong, Macao or Taiwan document; see zh.Simplify)
	traditional bool
}

type span struct{ start, end int }

func (s *scanner) reset(text []byte, label string) {
	s.text = text
	s.traditional = false
	s.out = s.out[:0]
	s.ctxOK = false
	s.label = 0
	s.labelText = label
	s.resume = 0
	if label != "" {
		lb := splitCamel(label)
		for _, h := range s.e.ctxKW.find(lb, s.hits[:0]) {
			// "ip" in "Description", "v" in "IPv4", "tel" in "Hotel" are
			// not words of the label
			if asciiBounded(lb, s.e.ctxKW.words[h.Word], h.Start, h.End) {
				s.label |= s.e.ctxKW.payload[h.Word]
			}
		}
	}
}

// splitCamel returns a label with its camelCase words apart (birthDate →
// birth Date, idCardNo → id Card No), so that the context words of its parts
// are seen as words.
func splitCamel(label string) []byte {
	out := make([]byte, 0, len(label)+4)
	for i := 0; i < len(label); i++ {
		c := label[i]
		if c >= 'A' && c <= 'Z' && i > 0 && label[i-1] >= 'a' && label[i-1] <= 'z' {
			out = append(out, ' ')
		}
		out = append(out, c)
	}
	return out
}

// segment is a maximal run of ASCII letters, digits and joiners.
type segment struct {
	start, end int
	class      uint8 // union of char classes
	joins      uint8 // union of joiner bits
	ndigit     int
}

// run is the prefilter: one pass over the bytes that skips non-ASCII text
// eight bytes at a time and hands each run of identifier characters to the
// recognizers that its shape allows.
func (s *scanner) run() {
	text := s.text
	n := len(text)
	i := 0
	for i < n {
		for i+8 <= n && allHigh(text[i:]) {
			i += 8
		}
		if i >= n {
			break
		}
		c := text[i]
		cl := charClass[c]
		if cl == 0 {
			i++
			continue
		}
		seg := segment{start: i}
		j := i
		for j < n {
			cl := charClass[text[j]]
			if cl == 0 {
				break
			}
			seg.class |= cl
			seg.joins |= joinBit[text[j]]
			seg.ndigit += int(cl & cDigit)
			j++
		}
		seg.end = j
		i = s.segment(seg)
		if s.resume > i {
			i = s.resume
		}
	}
}

// segment dispatches one segment and returns where scanning resumes.
func (s *scanner) segment(g segment) int {
	text := s.text
	// Trim joiners at both ends (a sentence-final '.', a leading '-'), but
	// keep a leading '+' for +86.
	for g.start < g.end && charClass[text[g.start]] == cJoin && text[g.start] != '+' {
		g.start++
	}
	for g.end > g.start && charClass[text[g.end-1]] == cJoin && text[g.end-1] != '/' {
		g.end--
	}
	next := g.end
	if g.end-g.start < 1 {
		return next + 1
	}
	letters := g.class&(cUpper|cLower) != 0
	// Structured values that own the whole segment.
	if g.joins&jAt != 0 && s.email(g) {
		return next
	}
	if letters && (g.joins&(jColon|jDot) != 0) && s.url(g) {
		return next
	}
	if g.joins&jColon != 0 && s.colonHex(g) {
		return next
	}
	if g.joins&jDash != 0 && g.class&cHex != 0 && (s.dashMAC(g) || s.dashUUID(g)) {
		return next
	}
	// An ISO date with a time of day has letters in it: 2020-01-02T10:00:00Z.
	if letters && isDigit(text[g.start]) && g.joins&(jDash|jSlash|jDot) != 0 && s.isoDate(g.start, g.end) {
		return next
	}
	if !letters {
		if g.joins == 0 || g.joins == jPlus {
			return s.numberGroups(g)
		}
		if s.joinedNumber(g) {
			return next
		}
	}
	if letters && g.joins&(jDash|jUnder) != 0 && s.wechat(g.start, g.end) {
		return next
	}
	// Split into words at joiners ('_' stays inside words) and take each.
	w := g.start
	for i := g.start; i <= g.end; i++ {
		if i == g.end || (charClass[text[i]] == cJoin && text[i] != '_') {
			if i > w {
				s.word(w, i)
			}
			w = i + 1
		}
	}
	return next
}

// word handles one run of letters, digits and underscores that is delimited
// on both sides.
func (s *scanner) word(start, end int) {
	text := s.text
	nd, nl := 0, 0
	for i := start; i < end; i++ {
		cl := charClass[text[i]]
		if cl&cDigit != 0 {
			nd++
		} else if cl&(cUpper|cLower) != 0 {
			nl++
		}
	}
	switch {
	case nl == 0 && nd == end-start:
		s.digitRun(start, end, s.groups[:0])
	case nl > 0:
		s.alnumWord(start, end, nd, nl)
	}
}

// numberGroups handles a segment of digits (maybe with a leading '+') and
// the digit groups that follow it separated by single spaces, as in
// "138 1234 5678" or "6222 0212 3456 7890 123". It returns where scanning
// resumes.
func (s *scanner) numberGroups(g segment) int {
	groups := s.spaceGroups(append(s.groups[:0], span{g.start, g.end}))
	if len(groups) > 1 {
		if n := s.groupedNumber(groups); n > 0 {
			return groups[n-1].end
		}
	}
	s.digitRun(g.start, g.end, nil)
	return g.end
}

// spaceGroups appends to groups the digit groups that follow the last one,
// each after a single space ("138 1234 5678", "0755-8888 8888").
func (s *scanner) spaceGroups(groups []span) []span {
	text := s.text
	end := groups[len(groups)-1].end
	for len(groups) < cap(groups) {
		k := end
		if k+1 >= len(text) || text[k] != ' ' || !isDigit(text[k+1]) {
			break
		}
		e := k + 1
		for e < len(text) && isDigit(text[e]) {
			e++
		}
		// The group must end the segment: "138 1234 5678abc" is not a
		// phone. A final X (a grouped ID number) is allowed.
		if e < len(text) && (text[e] == 'X' || text[e] == 'x') && (e+1 == len(text) || !isAlnum(text[e+1])) {
			e++
		} else if e < len(text) && charClass[text[e]] != 0 && text[e] != '-' && !sentenceDot(text, e) {
			break
		}
		groups = append(groups, span{k + 1, e})
		end = e
	}
	return groups
}

// sentenceDot reports whether text[i] is a full stop ending a sentence (a
// dot with no letter or digit after it): "Mobile: +86 139 5512 3456."
func sentenceDot(text []byte, i int) bool {
	return text[i] == '.' && (i+1 == len(text) || !isAlnum(text[i+1]))
}

// joinedNumber handles digits with joiners inside one segment: dates
// (2020-01-02, 2020/1/2, 2020.01.02), IPv4, decimals (GPS), dashed phone and
// card numbers. It reports whether it claimed the segment.
func (s *scanner) joinedNumber(g segment) bool {
	switch {
	case g.joins&^(jDash|jPlus) == 0:
		if s.isoDate(g.start, g.end) {
			return true
		}
		return s.dashedNumber(g)
	case g.joins == jSlash:
		return s.isoDate(g.start, g.end)
	case g.joins == jDot:
		return s.isoDate(g.start, g.end) || s.ipv4(g.start, g.end) || s.gps(g.start, g.end)
	case g.joins == jDot|jDash:
		return s.gps(g.start, g.end)
	case g.joins == jDot|jColon:
		return s.ipv4(g.start, g.end)
	}
	return false
}

// dashedNumber splits a dashed digit segment ("138-1234-5678",
// "0755-12345678", "+86-138-1234-5678", "6222-0212-3456-7890") into groups
// and tries the grouped-number recognizers on it.
func (s *scanner) dashedNumber(g segment) bool {
	text := s.text
	groups := s.groups[:0]
	w := g.start
	for i := g.start; i <= g.end; i++ {
		if i == g.end || text[i] == '-' {
			if i == w || len(groups) == cap(groups) {
				return false
			}
			groups = append(groups, span{w, i})
			w = i + 1
		}
	}
	own := len(groups)
	groups = s.spaceGroups(groups) // 0755-8888 8888
	n := s.groupedNumber(groups)
	if n > own {
		s.resume = groups[n-1].end
	}
	return n >= own
}

// groupedNumber tries the recognizers that accept separated digit groups.
// It returns how many leading groups the finding consumed (0 = none).
func (s *scanner) groupedNumber(groups []span) int {
	if n := s.groupedMobile(groups); n > 0 {
		return n
	}
	if n := s.groupedRegional(groups); n > 0 {
		return n
	}
	if n := s.groupedLandline(groups); n > 0 {
		return n
	}
	if n := s.groupedCard(groups); n > 0 {
		return n
	}
	if n := s.groupedID(groups); n > 0 {
		return n
	}
	return 0
}

// compact copies the digits of groups into s.digits and returns them, or nil
// when they do not fit.
func (s *scanner) compact(groups []span) []byte {
	d := s.digits[:0]
	for _, g := range groups {
		for i := g.start; i < g.end; i++ {
			c := s.text[i]
			if c == '+' {
				continue
			}
			if len(d) == cap(d) {
				return nil
			}
			d = append(d, c)
		}
	}
	return d
}

// context returns the context words around [start, end).
func (s *scanner) context(start, end int) *ctxInfo {
	if s.ctxOK && s.ctxStart == start && s.ctxEnd == end {
		return &s.ctx
	}
	k := s.e.ctxKW
	text := s.text
	s.ctx.hits = s.ctx.hits[:0]
	s.ctx.all = 0
	s.ctx.label = s.label
	ws := backRunes(text, start, ctxBeforeRunes)
	ws = sentenceStart(text, ws, start)
	s.hits = k.find(text[ws:start], s.hits[:0])
	for _, h := range s.hits {
		a, b := ws+h.Start, ws+h.End
		if !asciiBounded(text, k.words[h.Word], a, b) {
			continue
		}
		s.ctx.hits = append(s.ctx.hits, ctxHit{groups: k.payload[h.Word], word: h.Word, dist: start - b})
		s.ctx.all |= k.payload[h.Word]
	}
	we := fwdRunes(text, end, ctxAfterRunes)
	we = sentenceEnd(text, end, we)
	s.hits = k.find(text[end:we], s.hits[:0])
	for _, h := range s.hits {
		a, b := end+h.Start, end+h.End
		if !asciiBounded(text, k.words[h.Word], a, b) {
			continue
		}
		s.ctx.hits = append(s.ctx.hits, ctxHit{groups: k.payload[h.Word], word: h.Word, dist: a - end, after: true})
		s.ctx.all |= k.payload[h.Word]
	}
	s.ctxStart, s.ctxEnd, s.ctxOK = start, end, true
	return &s.ctx
}

// asciiBounded rejects an ASCII keyword w found at text[a:b] that is glued
// to other ASCII letters ("ip" inside "ship").
func asciiBounded(text []byte, w string, a, b int) bool {
	if w[0] >= 0x80 {
		return true
	}
	if a > 0 && isLetter(text[a-1]) && isLetter(w[0]) {
		return false
	}
	if b < len(text) && isLetter(text[b]) && isLetter(w[len(w)-1]) {
		return false
	}
	return true
}

// words returns the context words of the given groups seen near the last
// span asked about (for evidence).
func (s *scanner) words(groups ...ctxGroup) []string {
	var mask uint64
	for _, g := range groups {
		mask |= g.bit()
	}
	var out []string
	seen := map[int]bool{}
	for _, h := range s.ctx.hits {
		if h.groups&mask != 0 && !seen[h.word] {
			seen[h.word] = true
			out = append(out, s.e.ctxKW.words[h.word])
		}
	}
	if s.ctx.label&mask != 0 {
		out = append(out, "(label)")
	}
	return out
}

// add records a candidate when its type is enabled.
func (s *scanner) add(f pi.Finding) {
	if !s.e.on(f.Type) {
		return
	}
	if f.Category == "" {
		if info, ok := pi.LookupType(f.Type); ok {
			f.Category = info.Category
		}
	}
	s.out = append(s.out, f)
}

// Sentence ends bound the context windows: a word in the previous sentence
// ("账务流水已归档。") says nothing about a number in this one.
// sentenceStart moves ws forward past the last sentence end in
// text[ws:start], in one backward pass.
func sentenceStart(text []byte, ws, start int) int {
	for i := start - 1; i >= ws; i-- {
		switch text[i] {
		case '\n':
			return i + 1
		case 0x82, 0x81, 0x9F: // last byte of 。 ！ ？
			if i-2 >= ws && isSentenceEnd(text[i-2:i+1]) {
				return i + 1
			}
		}
	}
	return ws
}

func isSentenceEnd(b []byte) bool {
	s := bstr(b)
	return s == "。" || s == "！" || s == "？"
}

// sentenceEnd moves we back to the first sentence end in text[end:we].
func sentenceEnd(text []byte, end, we int) int {
	for i := end; i < we; i++ {
		switch text[i] {
		case '\n':
			return i
		case 0xE3, 0xEF: // first byte of 。 ！ ？
			if i+3 <= we && isSentenceEnd(text[i:i+3]) {
				return i
			}
		}
	}
	return we
}
