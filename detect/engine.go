package detect

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/ner"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/terms"
	"github.com/custos-project/custos/zh"
)

// Config configures an Engine. The zero value detects every built-in type
// with ages computed at today's date.
type Config struct {
	// RefDate is the date at which ages derived from ID numbers are
	// computed. Zero means today (UTC).
	RefDate time.Time
	// Types restricts detection to these types. Empty means all built-in
	// types plus every custom recognizer's type.
	Types []pi.Type
	// MinScore drops findings scoring below it.
	MinScore float64
	// Rules holds custom recognizers and the allow- and deny-lists, as
	// loaded by LoadRules. Nil means none.
	Rules *Rules
}

// Engine finds personal information in text. It is immutable after New and
// safe for concurrent use by any number of goroutines.
type Engine struct {
	refDate  time.Time
	minScore float64
	enabled  map[pi.Type]bool // nil = everything
	ctxKW    *keywords
	rules    *Rules
	pool     sync.Pool
	// ner is the entity tagger, nil when no type it finds is enabled;
	// people is true when any non-identifier type is (names, places,
	// facts, trajectories), which turns on the subject stage.
	ner *ner.Recognizer
	// commonWord reports the lexicon's common words (a given name that is
	// one is not repeated as a name), nil without the tagger
	commonWord func(string) bool
	people     bool
	terms      bool // some type of the term lists other than date is enabled
	// termDates is true when date is the only type of the term lists
	// enabled (identifiers alone): its dates in Chinese numerals are found
	// without running the term lists
	termDates bool
	// addresses is the address parser, nil when addresses are not wanted
	addresses *address.Model
}

// New builds an Engine. It fails when a requested type is unknown.
func New(cfg Config) (*Engine, error) {
	e := &Engine{refDate: cfg.RefDate, minScore: cfg.MinScore, rules: cfg.Rules}
	if e.refDate.IsZero() {
		e.refDate = time.Now().UTC()
	}
	y, m, d := e.refDate.Date()
	e.refDate = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if len(cfg.Types) > 0 {
		e.enabled = map[pi.Type]bool{}
		for _, t := range cfg.Types {
			if _, ok := pi.LookupType(t); !ok && !e.rules.hasType(t) {
				return nil, fmt.Errorf("unknown type %q (see `custos types`)", t)
			}
			e.enabled[t] = true
		}
	}
	e.ctxKW = sharedContext()
	e.pool.New = func() any { return &scanner{e: e} }
	for _, t := range pi.Types() {
		if !pi.IsIdentifier(t.Type) && e.on(t.Type) {
			e.people = true
		}
	}
	for _, t := range termTypes {
		e.terms = e.terms || t != pi.Date && e.on(t)
	}
	// identifiers alone need only the term lists' dates in Chinese numerals
	e.termDates = !e.terms && e.on(pi.Date)
	if e.on(pi.Address) {
		m, err := address.Default()
		if err != nil {
			return nil, err
		}
		e.addresses = m
	}
	if e.on(pi.PersonName) || e.on(pi.MaskedName) || e.on(pi.Organization) || e.on(pi.Place) {
		r, err := ner.Default()
		if err != nil {
			return nil, err
		}
		e.ner = r
		e.commonWord = ner.DefaultLexicon().CommonWord
	}
	return e, nil
}

var sharedContext = sync.OnceValue(buildContext)

// RefDate returns the date ages are computed at.
func (e *Engine) RefDate() time.Time { return e.refDate }

func (e *Engine) on(t pi.Type) bool { return e.enabled == nil || e.enabled[t] }

// Detect returns the findings in text appended to dst, sorted by start
// offset (longer first on ties). Offsets are bytes into text.
func (e *Engine) Detect(text []byte, dst []pi.Finding) []pi.Finding {
	return e.DetectLabeled(text, "", dst)
}

// DetectLabeled is Detect for a fragment that has a label, such as a CSV
// column name or a JSON key: context words in the label count for every
// candidate in the fragment (a column named 身份证号 makes its cells ID
// numbers as surely as the words before them in prose).
func (e *Engine) DetectLabeled(text []byte, label string, dst []pi.Finding) []pi.Finding {
	return e.detect(text, label, nil, dst)
}

// DetectFrom is Detect for a text that goes on a register typed as text
// whose header row came before it — the next fragment of a long register
// file: header is what terms.OpenHeader returned for the text before, and
// the rows at the text's start are read under its columns.
func (e *Engine) DetectFrom(text []byte, header []string, dst []pi.Finding) []pi.Finding {
	return e.detect(text, "", header, dst)
}

func (e *Engine) detect(text []byte, label string, header []string, dst []pi.Finding) []pi.Finding {
	// traditional characters are read as their simplified forms (陳大文，
	// 45歲，住九龍…): the same byte length, so every offset holds for the
	// original text too. Identifiers alone do without: their validators do
	// not read the script, and the scan costs their fast path a fifth.
	traditional := false
	var spaced []int32 // where each byte of text was before dewrap and despace, or nil
	if e.people {
		text, traditional = zh.Simplify(text)
		label = zh.SimplifyString(label)
		// a hard-wrapped text's lines joined, then a form's gaps closed
		var wrapped, gaps []int32
		text, wrapped = dewrap(text)
		text, gaps = despace(text)
		spaced = composePos(wrapped, gaps)
	}
	orig := text
	var pos []int32
	if hasFullWidthAlnum(text) {
		text, pos = foldWidth(text)
	}
	s := e.pool.Get().(*scanner)
	s.reset(text, label)
	s.traditional = traditional
	s.run()
	if bytes.IndexByte(text, '*') >= 0 {
		s.maskedNumbers()
	}
	if bytes.Contains(text, []byte("E+17")) || bytes.Contains(text, []byte("e+17")) {
		s.floatIDs()
	}
	if e.on(pi.AccountID) {
		s.accountIDs()
	}
	if e.on(pi.Biometric) && faceLabel(label) {
		s.out = faceCell(text, s.out)
	}
	if e.rules != nil {
		s.out = e.rules.detect(s, s.out)
	}
	if pos != nil {
		for i := range s.out {
			s.out[i].Start, s.out[i].End = int(pos[s.out[i].Start]), int(pos[s.out[i].End])
		}
		text = orig
	}
	if e.ner != nil {
		n := len(s.out)
		s.out = e.ner.Find(text, s.out)
		s.out = e.keepEnabled(s.out, n)
	}
	canon := terms.CanonicalLabel(label) // 住址 for homeAddress, 性别 for gender
	switch {
	case e.terms:
		n := len(s.out)
		s.out = terms.FindLabeledFrom(text, canon, header, s.out)
		s.out = e.keepEnabled(s.out, n)
	case e.termDates:
		s.out = terms.FindDates(text, s.out)
	}
	var cells []terms.Cell
	if label == "" && (e.addresses != nil || e.people && e.on(pi.Date)) {
		cells = terms.RegisterCellsFrom(text, header)
	}
	if e.addresses != nil {
		s.out = e.addresses.FindLabeled(text, canon, s.out)
		if label == "" {
			s.out = e.registerAddresses(text, cells, s.out)
			s.out = e.registerTravel(text, cells, s.out)
		} else if isTravelCell(text, canon) {
			s.out = e.travelCells(text, []terms.Cell{{Start: 0, End: len(text), Label: canon}}, s.out)
		}
	}
	if traditional && e.addresses != nil {
		hkAddressPrefixes(text, s.out)
	}
	if e.addresses != nil && bytes.Contains(text, []byte("澳门")) {
		s.out = macaoAddresses(text, s.out)
	}
	if e.people && e.on(pi.Date) && len(cells) > 0 {
		s.out = e.registerBirthDates(text, cells, s.out)
	}
	if len(cells) > 0 {
		s.out = e.registerIdentifiers(text, cells, s.out)
	}
	if e.people {
		if e.addresses != nil {
			s.out = schoolAddresses(text, s.out)
		}
		placeOrOrganization(text, s.out)
		nicknamesOverPlaces(s.out)
		s.out = inLawTitles(text, s.out)
		if e.on(pi.Place) {
			visitedOrganizations(text, s.out)
		}
		trimNamesAtLabels(s.out)
		trimKinWords(text, s.out)
		if e.on(pi.PersonName) {
			s.out = childInHandles(text, s.out, e.commonWord)
		}
	}
	if e.people && relationColumn(label) {
		s.out = dropRelationNames(text, s.out)
	}
	if e.people {
		s.out = titledNames(text, s.out)
	}
	if e.people {
		s.out = dropInHandles(s.out)
	}
	s.out = resolve(s.out)
	if e.people && e.on(pi.PersonName) {
		s.out = kinNames(text, s.out, e.commonWord)
		s.out = doubledNames(text, s.out, e.commonWord)
		s.out = siblingNames(text, s.out, e.commonWord)
		s.out = framedNames(text, s.out, e.commonWord)
		s.out = colonNames(text, s.out, e.commonWord)
	}
	if e.people && len(s.out) == 0 && e.on(pi.AcademicRecord) {
		// a text of results alone (他的总分为612.5分); with other findings
		// the pass below reads them, scores after names included
		s.out = academicRecords(text, s.out)
	}
	labelled := false // namesAfterLabel ran
	if e.people && len(s.out) == 0 && e.on(pi.PersonName) {
		// a form's name on a line of its own (姓名：张国栋) where nothing
		// else was found; the rules below run on lines with findings
		s.out, labelled = namesAfterLabel(text, s.out), true
	}
	if e.people && len(s.out) > 0 {
		// after the overlap rules, so that a holder that lost to another
		// finding takes nothing with it
		s.out = dropInnerPlaces(text, s.out)
		s.out = orgPrefixAddresses(text, s.out)
		divisionPlaces(text, s.out)
		s.out = repeatNames(text, s.out, e.commonWord)
		if e.on(pi.PersonName) {
			// after the repeats: 数学：王子睿100、李梓萱97、刘欣然58 lists
			// names the tagger found only on the line before
			s.out = listNames(text, s.out, e.commonWord)
		}
		if e.on(pi.AcademicRecord) {
			s.out = academicRecords(text, s.out)
		}
		if e.on(pi.Occupation) {
			s.out = positionsBeforeNames(text, s.out)
		}
		if e.on(pi.PersonName) {
			s.out = dropWordRowNames(text, s.out, e.commonWord)
			s.out = dropCountryNames(text, s.out)
			s.out = dropAdverbNames(text, s.out, e.commonWord)
			s.out = dropFieldLabelNames(text, s.out)
			s.out = dropDrugNames(text, s.out)
			if !labelled {
				s.out = namesAfterLabel(text, s.out)
			}
			s.out = relativesNamed(text, s.out, e.commonWord)
			s.out = dottedNames(text, s.out)
		}
		if e.on(pi.Gender) {
			s.out = genderAfterNames(text, s.out)
		}
		sortFindings(s.out)
		units := subject.SplitEntries(text, subject.Units(text), s.out)
		if e.on(pi.Trajectory) {
			s.out = subject.Trajectories(text, units, s.out)
		}
		if e.on(pi.Employer) {
			subject.Employers(text, s.out)
			n := len(s.out)
			if s.out = historyEmployers(text, s.out); len(s.out) > n {
				sortFindings(s.out) // the units read the findings in order
			}
		}
		subject.ApplyUnits(text, units, s.out)
		if e.on(pi.Date) {
			subject.Onsets(text, s.out)
		}
		subject.AddressKinds(text, s.out)
	}
	base := len(dst)
	for i := range s.out {
		f := &s.out[i]
		if f.Score < e.minScore || e.rules.allowed(f, text) {
			continue
		}
		dst = append(dst, *f)
		if spaced != nil {
			// back to the original text: a gap closed inside the span
			// is part of it (王　芳), one right after it is not
			d := &dst[len(dst)-1]
			if d.End > d.Start {
				d.Start, d.End = int(spaced[d.Start]), int(spaced[d.End-1])+1
			} else {
				d.Start = int(spaced[d.Start])
				d.End = d.Start
			}
		}
	}
	sortFindings(dst[base:])
	s.text = nil
	s.out = s.out[:0]
	e.pool.Put(s)
	return dst
}

// KindDivision is the "kind" of a place that is an administrative
// division alone (从武汉返回阜南县, 湖北孝感): it carries the divisions as
// elements ("province": "湖北", "city": "孝感"), the finest one's level as
// "level" and, when the names resolve in GB/T 2260, "region" and
// "region_code", as an address does.
const KindDivision = "division"

// divisionPlaces marks the tagger's places that name administrative
// divisions alone (see KindDivision).
func divisionPlaces(text []byte, fs []pi.Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Type != pi.Place || f.Source != "ner" || f.Attr("kind") != "" {
			continue
		}
		a, ok := address.Division(string(text[f.Start:f.End]))
		if !ok {
			continue
		}
		// the full names the tagger stopped short of (湖北|省十堰市返回)
		if end := address.DivisionEnd(text, f.Start, f.End); end > f.End && !divisionWordAt(text, end) &&
			!slices.ContainsFunc(fs, func(o pi.Finding) bool { return o.Start < end && o.End > f.End }) {
			if b, ok := address.Division(string(text[f.Start:end])); ok {
				f.End, a = end, b
			}
		}
		setDivision(f, a)
	}
}

// divisionWordAt reports whether the text at i goes on from a division's
// name into a word of its own (十堰市|民政局, 武汉市|人民医院, 湖北省|人):
// the name is not read on to i.
func divisionWordAt(text []byte, i int) bool {
	r, _ := utf8.DecodeRune(text[i:])
	return r == '民' || r == '人' || hasAnyPrefix(text[i:], orgHeads)
}

// setDivision marks f as a place naming the divisions of a (see
// KindDivision).
func setDivision(f *pi.Finding, a address.Address) {
	f.SetAttr("kind", KindDivision)
	for _, el := range a.Elements {
		f.SetAttr(el.Level, el.Text)
	}
	f.SetAttr(address.AttrLevel, a.Finest)
	if a.Code != "" {
		f.SetAttr(pi.AttrRegion, a.Region)
		f.SetAttr(pi.AttrRegionCode, a.Code)
	}
}

// registerAddresses reads the fields under an address column of a register
// typed as text (姓名 住址 体温 / 林小燕 东风村 37.6) as a table's cells are
// read: 东风村 alone is a home there.
func (e *Engine) registerAddresses(text []byte, cells []terms.Cell, fs []pi.Finding) []pi.Finding {
	for _, c := range cells {
		label := terms.CanonicalLabel(c.Label)
		if !address.HomeLabel(label) {
			continue
		}
		n := len(fs)
		fs = e.addresses.FindLabeled(text[c.Start:c.End], label, fs)
		for i := n; i < len(fs); i++ {
			fs[i].Start += c.Start
			fs[i].End += c.Start
		}
		if len(fs) > n {
			// the cell's address wins over one read across the cell's
			// edge (10-02　青秀区凤岭北路8号 of a birth date and the
			// address beside it)
			fs = dropCrossing(fs, n, c.Start, c.End)
		}
	}
	return fs
}

// dropCrossing removes the address findings of fs[:n] that overlap the
// cell [start, end) but cross its edge.
func dropCrossing(fs []pi.Finding, n, start, end int) []pi.Finding {
	kept := fs[:0]
	for i, f := range fs {
		if i < n && f.Type == pi.Address && f.Start < end && f.End > start && (f.Start < start || f.End > end) {
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// registerIdentifiers reads the cells of a text register that hold a
// digit and no finding under their column, as a table's cells are read:
// the column's name is the number's context (a 19-digit account number
// that fails the card check under 一卡通账号, far from its header in the
// row's line).
func (e *Engine) registerIdentifiers(text []byte, cells []terms.Cell, fs []pi.Finding) []pi.Finding {
	var s *scanner
	cov := coverage{fs: &fs, size: len(text)}
	for _, c := range cells {
		if c.Label == "" || bytes.IndexAny(text[c.Start:c.End], "0123456789") < 0 || !cov.free(c.Start, c.End) {
			continue
		}
		if s == nil {
			s = e.pool.Get().(*scanner)
			defer e.pool.Put(s)
		}
		s.reset(text[c.Start:c.End], terms.CanonicalLabel(c.Label))
		s.run()
		for _, f := range s.out {
			f.Start += c.Start
			f.End += c.Start
			fs = append(fs, f)
		}
	}
	return fs
}

// registerBirthDates reads the cells of a text register under a birth
// column (出生年月, 出生日期) as a table's cells are read: a whole cell is a
// birth date there, with the age it gives (2012.05, 200908, 2015年11月).
// A date found in the cell without its column is replaced.
func (e *Engine) registerBirthDates(text []byte, cells []terms.Cell, fs []pi.Finding) []pi.Finding {
	var s *scanner
	var found []pi.Finding
	var read []terms.Cell // the cells that gave a date, in order
	for _, c := range cells {
		label := terms.CanonicalLabel(c.Label)
		if !strings.Contains(label, "出生") && !strings.Contains(strings.ToLower(label), "birth") {
			continue
		}
		if s == nil {
			s = e.pool.Get().(*scanner)
			defer e.pool.Put(s)
		}
		s.reset(text[c.Start:c.End], label)
		s.run()
		n := len(found)
		for _, f := range s.out {
			if f.Type == pi.Date {
				f.Start += c.Start
				f.End += c.Start
				found = append(found, f)
			}
		}
		if len(found) > n {
			read = append(read, c)
		}
	}
	if len(read) == 0 {
		return fs
	}
	// one pass over the findings, not one per cell: a register has
	// thousands of rows
	fs = slices.DeleteFunc(fs, func(f pi.Finding) bool {
		if f.Type != pi.Date {
			return false
		}
		k, _ := slices.BinarySearchFunc(read, f.Start, func(c terms.Cell, at int) int { return cmp.Compare(c.End, at+1) })
		return k < len(read) && read[k].Start <= f.Start && f.End <= read[k].End
	})
	return append(fs, found...)
}

// visitWords before a name make it a place someone went to rather than an
// organization: 到西安市第五医院就诊.
var visitWords = [][]byte{[]byte("到"), []byte("在"), []byte("去"), []byte("至"), []byte("于"), []byte("往"),
	[]byte("入住"), []byte("前往"), []byte("返回"), []byte("途经"), []byte("抵达"), []byte("到达"), []byte("进入")}

// visitVerbs right after an organization say that a person went there as a
// patient, a customer or a guest (到红古区人民医院就诊, 到华联超市购物): the
// organization is a place of the itinerary. Working there (上班, 工作)
// makes it an employer instead (subject.Employers). visitVerbsAfterGoing
// say so only after a word of going (转中大五院隔离治疗, 在某酒店隔离): an
// organization also treats, isolates, checks and buys itself
// (市场监管局检查…, 某公司购买…).
var visitVerbs = [][]byte{[]byte("就诊"), []byte("住院"), []byte("留观"), []byte("输液"), []byte("看病"), []byte("购物"),
	[]byte("购药"), []byte("买药"), []byte("买菜"), []byte("就餐"), []byte("用餐"), []byte("吃饭"), []byte("住宿"),
	[]byte("入住"), []byte("打麻将"), []byte("洗浴"), []byte("理发")}

var visitVerbsAfterGoing = [][]byte{[]byte("治疗"), []byte("隔离"), []byte("检查"), []byte("购买")}

// goingWords before an organization make visitVerbsAfterGoing visits: the
// visit words, and being taken or kept there (被 and 收治: the person is
// where the hospital treats them).
var goingWords = append(visitWords[:len(visitWords):len(visitWords)], []byte("转"), []byte("送"), []byte("入"),
	[]byte("留"), []byte("被"), []byte("收治"))

// visitedOrganizations turns the tagger's organizations followed by a
// visit verb into places (see visitVerbs).
func visitedOrganizations(text []byte, fs []pi.Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Type != pi.Organization || f.Source != "ner" {
			continue
		}
		after := text[f.End:]
		if hasAnyPrefix(after, visitVerbs) ||
			hasAnyPrefix(after, visitVerbsAfterGoing) && hasAnySuffix(text[max(0, f.Start-6):f.Start], goingWords) {
			f.Type, f.Category = pi.Place, pi.CatLocation
		}
	}
}

// hasAnyPrefix reports whether b starts with one of words.
func hasAnyPrefix(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.HasPrefix(b, w) {
			return true
		}
	}
	return false
}

// hasAnySuffix reports whether b ends with one of words.
func hasAnySuffix(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.HasSuffix(b, w) {
			return true
		}
	}
	return false
}

// placeOrOrganization settles a span found both as a place and as an
// organization (a hospital, a supermarket chain): a place after a visit
// word, an organization otherwise. A span found both as a place and as an
// address (阳新县韦原口镇下陈村) is likewise a place someone went to after a
// visit word and an address (a home, with its parsed elements and region)
// otherwise. A school the tagger calls an organization is a school
// (北京市第一中学: its level and pupils' ages matter), unless it is visited
// among other places. The loser is dropped by setting its score to zero
// before the overlap rules run.
func placeOrOrganization(text []byte, fs []pi.Finding) {
	var others map[[2]int][]int // span → organization and address findings
	for j := range fs {
		if t := fs[j].Type; t == pi.Organization || t == pi.Address {
			if others == nil {
				others = map[[2]int][]int{}
			}
			k := [2]int{fs[j].Start, fs[j].End}
			others[k] = append(others[k], j)
		}
	}
	if others == nil {
		return
	}
	for i := range fs {
		if fs[i].Type == pi.School {
			if visitedSchool(text, fs, i) {
				continue // the organization stays: a venue on a visit
			}
			for _, j := range others[[2]int{fs[i].Start, fs[i].End}] {
				if fs[j].Type == pi.Organization {
					fs[j].Score = 0
				}
			}
			// the office that signs a pupils' school's notice (绵阳市第二中学
			// 政教处) is the school's: minor-protection hides the school (a
			// university's 教务处 stays the office of an employer)
			for j := range fs {
				if fs[j].Type == pi.Organization && fs[j].Start == fs[i].Start && fs[j].End > fs[i].End &&
					fs[i].Attr("level") != "university" && schoolOffice(text[fs[i].End:fs[j].End]) {
					fs[i].End, fs[j].Score = fs[j].End, 0
				}
			}
			continue
		}
		if fs[i].Type == pi.Address {
			// divisions the tagger called an organization (户籍所在地：福建省
			// 福州市鼓楼区): the address, unless the span ends as an
			// organization's name does
			for _, j := range others[[2]int{fs[i].Start, fs[i].End}] {
				if fs[j].Type == pi.Organization && fs[j].Source == "ner" && !orgEnd(text, &fs[j]) {
					fs[j].Score = 0
				}
			}
			continue
		}
		if fs[i].Type != pi.Place {
			continue
		}
		for _, j := range others[[2]int{fs[i].Start, fs[i].End}] {
			if hasAnySuffix(text[max(0, fs[i].Start-6):fs[i].Start], visitWords) {
				fs[j].Score = 0
			} else {
				fs[i].Score = 0
			}
		}
	}
}

// schoolOffices are a school's offices, which sign its notices.
var schoolOffices = []string{"政教处", "教务处", "德育处", "教导处", "学生处", "保卫处", "总务处", "后勤处", "办公室", "校办",
	"校长室", "团委", "少先队", "大队部", "招生办", "家委会"}

// schoolOffice reports whether b is one of a school's offices.
func schoolOffice(b []byte) bool {
	for _, o := range schoolOffices {
		if string(b) == o {
			return true
		}
	}
	return false
}

// tourWords say that a person went to see a place (去过武汉大学).
var tourWords = [][]byte{[]byte("去过"), []byte("参观"), []byte("游览"), []byte("到访"), []byte("途经"), []byte("前往")}

// visitedSchool reports whether the school fs[i] is a place visited, not
// the person's school: after a word of visiting, or listed after a place
// (去过黄鹤楼、长江大桥、武汉大学).
func visitedSchool(text []byte, fs []pi.Finding, i int) bool {
	before := text[:fs[i].Start]
	if hasAnySuffix(before, tourWords) {
		return true
	}
	sep := len(before)
	for _, w := range []string{"、", "和", "及"} {
		if bytes.HasSuffix(before, []byte(w)) {
			sep -= len(w)
			break
		}
	}
	if sep == len(before) {
		return false
	}
	for j := range fs {
		if fs[j].End == sep && fs[j].Type == pi.Place {
			return true
		}
	}
	return false
}

// lawEnds end the title of a law or a regulation.
var lawEnds = [][]byte{[]byte("法"), []byte("条例"), []byte("规定"), []byte("办法"), []byte("细则"), []byte("规则"), []byte("决定"),
	[]byte("解释"), []byte("标准"), []byte("规范"), []byte("措施")}

// inLawTitles drops the tagger's organizations and places inside the
// title of a law (《中华人民共和国治安管理处罚法》 held 国治安管理处): a law names
// no one's workplace or whereabouts. fs need not be sorted.
func inLawTitles(text []byte, fs []pi.Finding) []pi.Finding {
	if bytes.Index(text, []byte("《")) < 0 {
		return fs
	}
	drop := false
	for from := 0; ; {
		i := bytes.Index(text[from:], []byte("《"))
		if i < 0 {
			break
		}
		a := from + i + len("《")
		j := bytes.Index(text[a:min(len(text), a+120)], []byte("》"))
		if j < 0 {
			from = a
			continue
		}
		b := a + j
		from = b
		if !hasAnySuffix(text[a:b], lawEnds) {
			continue
		}
		for k := range fs {
			if f := &fs[k]; f.Source == "ner" && (f.Type == pi.Organization || f.Type == pi.Place) && f.Start >= a && f.End <= b {
				f.Score, drop = 0, true
			}
		}
	}
	if drop {
		fs = slices.DeleteFunc(fs, func(f pi.Finding) bool { return f.Score == 0 })
	}
	return fs
}

// nicknamesOverPlaces drops the tagger's place or organization that has
// the span of a nickname the context shows to be a person's (小雅（化名）):
// the name. The loser's score is set to zero before the overlap rules run.
func nicknamesOverPlaces(fs []pi.Finding) {
	for i := range fs {
		if fs[i].Type != pi.PersonName || fs[i].Evidence.Validator != "rule:nickname" {
			continue
		}
		for j := range fs {
			if j != i && fs[j].Source == "ner" && (fs[j].Type == pi.Place || fs[j].Type == pi.Organization) &&
				fs[j].Start == fs[i].Start && fs[j].End == fs[i].End {
				fs[j].Score = 0
			}
		}
	}
}

// labelTypes are the term findings that describe a person and may stand
// right before or after a name: 留守儿童小明, 患者张三.
var labelTypes = map[pi.Type]bool{pi.SpecialIdentity: true, pi.Occupation: true, pi.School: true, pi.Health: true,
	pi.Religion: true, pi.Ethnicity: true, pi.Nationality: true, pi.CriminalRecord: true}

// trimNamesAtLabels cuts a tagged name that runs into a label word (the
// model's 童小明 in 留守儿童小明) back to the label's edge, so that the label
// and the name are both kept.
func trimNamesAtLabels(fs []pi.Finding) {
	var labels []int
	for i := range fs {
		if labelTypes[fs[i].Type] {
			labels = append(labels, i)
		}
	}
	if labels == nil {
		return
	}
	slices.SortFunc(labels, func(a, b int) int { return cmp.Compare(fs[a].Start, fs[b].Start) })
	for i := range fs {
		f := &fs[i]
		if f.Source != "ner" || (f.Type != pi.PersonName && f.Type != pi.MaskedName) {
			continue
		}
		// labels starting before the name (the nearest few: labels seldom
		// nest) may run into it; labels starting inside it cut its end
		k, _ := slices.BinarySearchFunc(labels, f.Start, func(j, at int) int { return cmp.Compare(fs[j].Start, at) })
		// a label word the model read as a name (高血压 in a 诊断 column,
		// 高 a surname) is no name
		if slices.ContainsFunc(labels[max(0, k-3):min(len(labels), k+2)], func(j int) bool { return fs[j].Start <= f.Start && f.End <= fs[j].End }) {
			f.Score = 0
			continue
		}
		for _, j := range labels[max(0, k-3):k] {
			if g := &fs[j]; g.Start < f.Start && f.Start < g.End && g.End < f.End {
				f.Start = g.End
			}
		}
		for _, j := range labels[k:] {
			g := &fs[j]
			if g.Start >= f.End {
				break
			}
			if f.Start < g.Start && f.End < g.End {
				f.End = g.Start
				break
			}
		}
	}
}

// kinWords are the words for relatives the tagger may read into the name
// after them (孙子小宝, 儿子王浩).
var kinWords = [][]byte{[]byte("孙子"), []byte("孙女"), []byte("外孙"), []byte("儿子"), []byte("女儿"), []byte("侄子"), []byte("侄女"),
	[]byte("外甥"), []byte("妻子"), []byte("丈夫"), []byte("老公"), []byte("老婆"), []byte("爷爷"), []byte("奶奶"), []byte("外公"),
	[]byte("外婆"), []byte("父亲"), []byte("母亲"), []byte("哥哥"), []byte("姐姐"), []byte("弟弟"), []byte("妹妹")}

// trimKinWords cuts a word for a relative from the start of a tagged name
// when two characters or more are left (孙子小宝 → 小宝; not 孙子涵, 孙女士).
func trimKinWords(text []byte, fs []pi.Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Source != "ner" || f.Type != pi.PersonName {
			continue
		}
		for _, w := range kinWords {
			if bytes.HasPrefix(text[f.Start:f.End], w) && utf8.RuneCount(text[f.Start+len(w):f.End]) >= 2 {
				f.Start += len(w)
				break
			}
		}
	}
}

// dropInnerPlaces drops what the entity model found inside a longer
// finding that explains it better: a place inside a person's name (大山 of
// 王大山) or a school's (镇中心 of 镇中心小学); anything inside a venue or
// a health term the term lists found (美甲 of 春熙路某美甲店, CT of 胸部CT);
// a place that starts an
// address and ends inside it (成都 of 成都市锦江区春熙路某美甲店, 大河镇东风村
// of 大河镇东风村3组: the address holds it as its elements); an
// organization inside an address that does not end like one (太康县城 of
// 河南省周口市太康县城关镇南关村). The losers are removed; fs need not be
// sorted and keeps its order.
func dropInnerPlaces(text []byte, fs []pi.Finding) []pi.Finding {
	var holders []int
	for i := range fs {
		if t := fs[i].Type; t == pi.Address || t == pi.PersonName || t == pi.School || (t == pi.Place || t == pi.Health) && fs[i].Source != "ner" {
			holders = append(holders, i)
		}
	}
	if holders == nil {
		return fs
	}
	slices.SortFunc(holders, func(a, b int) int { return cmp.Compare(fs[a].Start, fs[b].Start) })
	drop := false
	for i := range fs {
		p := &fs[i]
		if p.Source != "ner" || p.Type != pi.Place && p.Type != pi.Organization {
			continue
		}
		// the holders starting at or before p, nearest first (they seldom
		// nest, a few suffice)
		k, _ := slices.BinarySearchFunc(holders, p.Start+1, func(j, at int) int { return cmp.Compare(fs[j].Start, at) })
		for _, j := range holders[max(0, k-4):k] {
			a := &fs[j]
			if p.End > a.End || p.End-p.Start == a.End-a.Start {
				continue
			}
			switch {
			case a.Type == pi.Place, a.Type == pi.PersonName, a.Type == pi.Health:
				p.Score, drop = 0, true // 美甲 of 春熙路某美甲店, 立军 of 陈立军, CT of 胸部CT
			case p.Type == pi.Organization:
				// the school's own name inside 某小学四年级3班; the part of an
				// address that does not end as an organization does
				if a.Type == pi.School || a.Type == pi.Address && !orgEnd(text, p) {
					p.Score, drop = 0, true
				}
			case a.Type != pi.Address, a.Start == p.Start:
				p.Score, drop = 0, true
			}
		}
	}
	if drop {
		fs = slices.DeleteFunc(fs, func(f pi.Finding) bool { return f.Score == 0 })
	}
	return fs
}

// orgFinal holds the characters an organization's name ends with.
var orgFinal = map[rune]bool{'院': true, '局': true, '校': true, '司': true, '馆': true, '心': true, '所': true, '站': true,
	'会': true, '委': true, '部': true, '厂': true, '行': true, '店': true, '场': true, '处': true, '室': true, '园': true,
	'队': true, '社': true, '团': true, '台': true, '报': true, '府': true, '厅': true, '科': true, '组': true, '办': true}

// orgEnd reports whether an organization finding ends like one: not
// inside a settlement's or a campus's word (东湖社|区, 科技园|区).
func orgEnd(text []byte, f *pi.Finding) bool {
	r, _ := utf8.DecodeLastRune(text[f.Start:f.End])
	if next, _ := utf8.DecodeRune(text[f.End:]); next == '区' {
		return false
	}
	return orgFinal[r]
}

// givenLead holds the function words after which a given name standing
// alone is a mention of its person (叫子涵, 和子涵, 给子涵): after any other
// character it is as likely part of a word (俄罗斯 holds 罗斯).
var givenLead = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "的和与让给叫是说对跟把被找带陪等在向从由为同替帮问请见看及或像" {
		m[r] = true
	}
	return m
}()

// givenFollow holds the characters after which a given name standing
// alone is a mention (子涵这两天, 子涵说, 子涵的): function words and the
// verbs a person does; after any other it is as likely the start of a
// place or a word (亚龙湾, 建国门, 怀远翡翠).
var givenFollow = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "说这今昨明的在和是也都又就才已正把被给对向跟同与还从却便很最会要能可去来到有没不让叫问笑哭病发患住读上每自一家妈爸" {
		m[r] = true
	}
	return m
}()

// givenMentionAt reports whether a given name at [i, end) stands alone: at
// the start of the text or a clause or after a function word, and before
// a function word, a verb of a person, no Chinese character, or — for a
// pet name — a common word that does not take the name's last character
// in (“小龙成绩一直…”: 成绩; not 小龙虾). common may be nil.
func givenMentionAt(text []byte, i, end int, common func(string) bool) bool {
	r, _ := utf8.DecodeLastRune(text[:i])
	if i > 0 && unicode.Is(unicode.Han, r) && !givenLead[r] {
		return false
	}
	n, size := utf8.DecodeRune(text[end:])
	if end == len(text) || !unicode.Is(unicode.Han, n) || givenFollow[n] {
		return true
	}
	if common == nil || !petGiven(string(text[i:end])) {
		return false // 怀远翡翠, a shop named after 高怀远, is the shop
	}
	_, size2 := utf8.DecodeRune(text[end+size:])
	last, ln := utf8.DecodeLastRune(text[i:end])
	return common(string(text[end:end+size+size2])) && !common(string(text[i:end+size])) && !common(string(text[end-ln:end+size])) && last != utf8.RuneError
}

// petGiven reports a given name written as a pet name (王小军's 小军, 李阿明's
// 阿明): a common word as well (小军 is a small army), it is still how the
// person is called, unless it is a form of address (小姐) or a word of
// 小 that names no one (小时, 小学).
func petGiven(g string) bool {
	rest, ok := strings.CutPrefix(g, "小")
	if !ok {
		rest, ok = strings.CutPrefix(g, "阿")
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return ok && utf8.RuneCountInString(rest) == 1 && !strings.ContainsRune("姐伙朋孩时学区组说品心事数量姨婆", r)
}

// givenVerbs are verbs a given name follows that are also surnames (祝子轩
// 早日康复: 祝 wishes).
const givenVerbs = "祝让叫给和跟帮替陪请问找等盼愿"

// repeatNames adds the other mentions of a full name found once (小刚 in
// "小刚（化名）…" and again in "…小刚患有先天性心脏病"): a text names its
// people the same way throughout, and the model or a rule sees the context
// only once. Only names of two characters or more are repeated, only where
// no finding lies, with the first mention's score; fs need not be sorted.
func repeatNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	first := map[string]int{} // name → its first finding
	var names []string
	for i := range fs {
		f := &fs[i]
		if f.Type != pi.PersonName || f.Score < 0.6 || utf8.RuneCount(text[f.Start:f.End]) < 2 {
			continue
		}
		if _, ok := first[string(text[f.Start:f.End])]; !ok {
			name := string(text[f.Start:f.End])
			first[name] = i
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return fs
	}
	// The given name of a full name of three characters stands for the
	// person too (张子涵 … 子涵这两天发烧), when the surname is a common one
	// (not the first syllable of 索罗斯, 巴拉克) and the given name is no
	// common word (王浩然 … 浩然正气) or the name is a child's; a mention inside a run of characters
	// counts only after a function word (see givenMentionAt).
	var given map[string]bool
	if common != nil {
		for _, name := range names {
			n := zh.SurnameAt(name)
			freq, _ := zh.Surname(name[:max(n, 0)])
			if _, size := utf8.DecodeRuneInString(name); n != size || freq < 1000 || utf8.RuneCountInString(name) != 3 || fs[first[name]].Attr("nickname") != "" {
				continue
			}
			g := name[n:]
			// a child named in a parent's handle is called by the given
			// name, a word or not (@张浩然爸爸 浩然今天在学校…)
			child := fs[first[name]].Attr("age_band") != "" // only a handle's child has one
			if _, ok := first[g]; ok || common(g) && !petGiven(g) && !child {
				continue
			}
			if given == nil {
				given = map[string]bool{}
			}
			first[g], given[g] = first[name], true
			names = append(names, g)
		}
	}
	// a verb before the given name of a child named in a parent's handle,
	// read as a surname (祝子轩早日康复 after 李子轩妈妈：, a class chat's
	// wish, not a Mr Zhu), leaves the given name
	var childGiven map[string]bool // the given names of the handles' children
	for i := range fs {
		if f := &fs[i]; f.Type == pi.PersonName && f.Attr("age_band") != "" {
			if _, size := utf8.DecodeRune(text[f.Start:]); utf8.RuneCount(text[f.Start:f.End]) == 3 {
				if childGiven == nil {
					childGiven = map[string]bool{}
				}
				childGiven[string(text[f.Start+size:f.End])] = true
			}
		}
	}
	for i := range fs {
		f := &fs[i]
		if len(childGiven) == 0 || f.Type != pi.PersonName || f.Source != "ner" || utf8.RuneCount(text[f.Start:f.End]) != 3 {
			continue
		}
		r, size := utf8.DecodeRune(text[f.Start:])
		if g := string(text[f.Start+size : f.End]); given[g] && childGiven[g] && strings.ContainsRune(givenVerbs, r) {
			f.Start += size
			f.Evidence.Context = []string{"given name"}
		}
	}
	// the tagger's organization or place that is a name of the text (王小军
	// … 小军的父母: the model read 小军 as an army) is that person's
	for i := range fs {
		f := &fs[i]
		if f.Source != "ner" || f.Type != pi.Organization && f.Type != pi.Place {
			continue
		}
		k, ok := first[string(text[f.Start:f.End])]
		if !ok || given[string(text[f.Start:f.End])] && !givenMentionAt(text, f.Start, f.End, common) {
			continue
		}
		named := fs[k]
		f.Type, f.Category, f.Attrs = pi.PersonName, named.Category, nil
		f.Score = min(named.Score, 0.8)
		f.Evidence = pi.Evidence{Validator: named.Evidence.Validator, Valid: named.Evidence.Valid, Context: []string{"named before"}}
	}
	// longer names first: 张三丰 before 张三
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	var taken []bool // bytes covered by a finding
	n := len(fs)
	add := func(name string, i int) {
		end := i + len(name)
		if given[name] && !givenMentionAt(text, i, end, common) {
			return
		}
		if taken == nil {
			taken = make([]bool, len(text)+1)
			for _, f := range fs[:n] {
				for k := f.Start; k < f.End; k++ {
					taken[k] = true
				}
			}
		}
		if slices.Contains(taken[i:end], true) {
			return
		}
		f := fs[first[name]]
		score, why := f.Score, "named before"
		if given[name] {
			score, why = min(score, 0.8), "given name"
		}
		fs = append(fs, pi.Finding{Type: pi.PersonName, Category: f.Category, Start: i, End: end, Score: score, Source: f.Source,
			Evidence: pi.Evidence{Validator: f.Evidence.Validator, Valid: f.Evidence.Valid, Context: []string{why}}})
		for k := i; k < end; k++ {
			taken[k] = true
		}
	}
	if len(names) <= 8 {
		// a few names: a search for each
		for _, name := range names {
			for from := 0; ; {
				k := bytes.Index(text[from:], []byte(name))
				if k < 0 {
					break
				}
				add(name, from+k)
				from += k + len(name)
			}
		}
		return fs
	}
	// many names (a long text): one pass, looking up the names that start
	// with each character
	byFirst := map[rune][]string{}
	var starts [1 << 16 / 64]uint64 // first characters, a bit each (mod 2¹⁶): most characters need no map lookup
	for _, name := range names {
		r, _ := utf8.DecodeRuneInString(name)
		byFirst[r] = append(byFirst[r], name)
		starts[uint16(r)/64] |= 1 << (r % 64)
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		next := i + size
		if starts[uint16(r)/64]&(1<<(r%64)) == 0 {
			i = next
			continue
		}
		for _, name := range byFirst[r] {
			if bytes.HasPrefix(text[i:], []byte(name)) {
				add(name, i)
				next = i + len(name)
				break
			}
		}
		i = next
	}
	return fs
}

// positionsBeforeNames adds the position written right before a name
// (部长陈德铭, 记者蔡早勤) where no finding covers it: the term lists find a
// position before a name only when the name has a plain shape, the entity
// model finds the others. fs need not be sorted.
func positionsBeforeNames(text []byte, fs []pi.Finding) []pi.Finding {
	cov := coverage{fs: &fs, size: len(text)}
	n := len(fs)
	for i := 0; i < n; i++ {
		f := &fs[i]
		if f.Type != pi.PersonName || utf8.RuneCount(text[f.Start:f.End]) < 2 {
			continue
		}
		start := terms.PositionBefore(text, f.Start)
		if start < 0 {
			continue
		}
		if !cov.free(start, f.Start) {
			continue
		}
		fs = append(fs, pi.Finding{Type: pi.Occupation, Category: pi.CatEduWork, Start: start, End: f.Start, Score: 0.8,
			Source: terms.Source, Evidence: pi.Evidence{Validator: "list:occupation", Valid: true,
				Context: []string{string(text[start:f.Start]), "name"}}})
	}
	return fs
}

// coverage tells which bytes of a text some finding covers, for the rules
// that add a finding only where none lies. It is built on the first
// question and takes in the findings appended since on each one.
type coverage struct {
	fs   *[]pi.Finding
	size int
	bits []uint64
	n    int // findings of *fs marked so far
}

// free reports whether no finding covers a byte of [start, end).
func (c *coverage) free(start, end int) bool {
	if c.bits == nil {
		c.bits = make([]uint64, c.size/64+1)
	}
	for ; c.n < len(*c.fs); c.n++ {
		f := &(*c.fs)[c.n]
		for i := max(f.Start, 0); i < min(f.End, c.size); i++ {
			c.bits[i>>6] |= 1 << (i & 63)
		}
	}
	for i := max(start, 0); i < min(end, c.size); i++ {
		if c.bits[i>>6]&(1<<(i&63)) != 0 {
			return false
		}
	}
	return true
}

// columnWords start the column names of a register's header row (姓名 性别
// 年龄 …), which follow 姓名 there and are no name.
var columnWords = [][]byte{[]byte("性别"), []byte("年龄"), []byte("身份"), []byte("证件"), []byte("联系"), []byte("电话"),
	[]byte("手机"), []byte("住址"), []byte("地址"), []byte("体温"), []byte("民族"), []byte("职业"), []byte("单位"), []byte("序号"),
	[]byte("日期"), []byte("时间"), []byte("备注"), []byte("籍贯"), []byte("学校"), []byte("班级"), []byte("出生"), []byte("过敏"),
	[]byte("既往"), []byte("病史"), []byte("诊断"), []byte("血型"), []byte("身高"), []byte("体重"), []byte("家庭"), []byte("人口"),
	[]byte("救助"), []byte("补贴"), []byte("部门"), []byte("学号"), []byte("工号"), []byte("关系"), []byte("成员"), []byte("金额"),
	[]byte("面积")}

// columnEnds end column names whatever their start (家长姓名, 家长电话,
// 与学生关系).
var columnEnds = [][]byte{[]byte("姓名"), []byte("电话"), []byte("关系"), []byte("签名"), []byte("签字"), []byte("号码"), []byte("地址")}

// isPersonName reports the types of a person's name.
func isPersonName(t pi.Type) bool { return t == pi.PersonName || t == pi.MaskedName }

// nameLabels introduce the name of a record's person.
var nameLabels = [][]byte{[]byte("姓名："), []byte("姓名:"), []byte("姓名为"), []byte("姓名 "), []byte("姓名\t"), []byte("姓名　")}

// namesAfterLabel adds the name written after 姓名 (姓名：张三, 姓名 李小红)
// where the model found none, or extends the one it cut short: two to four
// Chinese characters up to the next delimiter. fs need not be sorted.
func namesAfterLabel(text []byte, fs []pi.Finding) []pi.Finding {
	cov := coverage{fs: &fs, size: len(text)}
	var names map[int]int // start → index of the person names, built when first needed
	for from := 0; ; {
		k := bytes.Index(text[from:], []byte("姓名"))
		if k < 0 {
			return fs
		}
		at := from + k
		from = at + len("姓名")
		start := -1
		for _, l := range nameLabels {
			if bytes.HasPrefix(text[at:], l) {
				start = at + len(l)
				break
			}
		}
		if start < 0 {
			continue
		}
		for start < len(text) && (text[start] == ' ' || text[start] == '\t') {
			start++
		}
		end, n := start, 0
		for end < len(text) {
			r, size := utf8.DecodeRune(text[end:])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			end += size
			n++
		}
		if n < 2 || n > 4 || zh.SurnameAt(string(text[start:end])) == 0 || hasAnyPrefix(text[start:end], columnWords) ||
			hasAnySuffix(text[start:end], columnEnds) {
			continue // 学生姓名　家长姓名: the next column of a header row
		}
		if !cov.free(start, end) {
			// the model's name cut short (陈小 of 姓名：陈小雨): the field
			// is the name
			if names == nil {
				names = nameStarts(fs)
			}
			if i, ok := names[start]; ok {
				if f := &fs[i]; f.End < end && cov.free(f.End, end) {
					f.End = end
				}
			}
			continue
		}
		fs = append(fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.9, Source: terms.Source,
			Evidence: pi.Evidence{Validator: "rule:labelled-name", Valid: true, Context: []string{"姓名"}}})
	}
}

// nameStarts maps the start of each person's name of fs to its index.
func nameStarts(fs []pi.Finding) map[int]int {
	names := map[int]int{}
	for i := range fs {
		if isPersonName(fs[i].Type) {
			names[fs[i].Start] = i
		}
	}
	return names
}

// adverbSurnames are surnames that are far more often adverbs or
// conjunctions opening a clause (另查明, 经审理, 又发现, 现查明).
var adverbSurnames = map[rune]bool{'另': true, '经': true, '又': true, '现': true, '再': true, '并': true, '且': true,
	'均': true, '曾': true, '但': true, '即': true, '还': true, '亦': true, '遂': true}

// dropAdverbNames drops the tagger's three-character names made of such a
// surname and a common word (另查明: 另 + 查明), the boilerplate of
// judgments and reports.
func dropAdverbNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	if common == nil {
		return fs
	}
	return slices.DeleteFunc(fs, func(f pi.Finding) bool {
		if f.Type != pi.PersonName || f.Source != "ner" {
			return false
		}
		w := text[f.Start:f.End]
		r, size := utf8.DecodeRune(w)
		rest := string(w[size:])
		return adverbSurnames[r] && utf8.RuneCount(w) == 3 && (common(rest) || findingVerbs[rest])
	})
}

// labelEnds are the last characters of a form's field labels (托寄物,
// 收货地址, 证件号码, 有效期, 性别, 金额) that no given name ends with.
var labelEnds = map[rune]bool{'物': true, '址': true, '码': true, '号': true, '期': true, '别': true, '额': true,
	'费': true, '况': true, '型': true, '类': true, '栏': true}

// dropFieldLabelNames drops the tagger's names that are a form's field
// label: at the start of a line or a clause, right before a colon, ending
// as a label does (托寄物：药品 on a waybill is no Mr Tuo).
func dropFieldLabelNames(text []byte, fs []pi.Finding) []pi.Finding {
	return slices.DeleteFunc(fs, func(f pi.Finding) bool {
		if f.Type != pi.PersonName || f.Source != "ner" {
			return false
		}
		after := text[f.End:]
		if !bytes.HasPrefix(after, []byte("：")) && !bytes.HasPrefix(after, []byte(":")) {
			return false
		}
		for _, l := range userIDLabels {
			if bytes.Equal(text[f.Start:f.End], l) {
				return true // OpenID: is no one's name
			}
		}
		if bytes.EqualFold(text[f.Start:f.End], []byte("ID")) {
			return true // 快手ID：
		}
		if last, _ := utf8.DecodeLastRune(text[f.Start:f.End]); !labelEnds[last] {
			return false
		}
		if f.Start == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRune(text[:f.Start])
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	})
}

// drugForms are what follows a drug's name: its salt, its dosage form, a
// dose (孟鲁司特钠, 布洛芬混悬液, 阿莫西林胶囊, 利培酮2mg).
var drugForms = [][]byte{[]byte("钠"), []byte("钾"), []byte("片"), []byte("胶囊"), []byte("颗粒"), []byte("注射液"),
	[]byte("注射剂"), []byte("口服液"), []byte("口服溶液"), []byte("缓释"), []byte("控释"), []byte("肠溶"), []byte("滴眼液"),
	[]byte("滴剂"), []byte("喷雾剂"), []byte("气雾剂"), []byte("软膏"), []byte("乳膏"), []byte("混悬液"), []byte("糖浆"), []byte("栓")}

// dropDrugNames drops the tagger's names that are the start of a drug's
// name: a transliterated drug (孟鲁司特钠 in a discharge summary) reads as
// a surname and a given name.
func dropDrugNames(text []byte, fs []pi.Finding) []pi.Finding {
	return slices.DeleteFunc(fs, func(f pi.Finding) bool {
		if f.Type != pi.PersonName || f.Source != "ner" {
			return false
		}
		after := text[f.End:]
		for _, w := range drugForms {
			if bytes.HasPrefix(after, w) {
				return true
			}
		}
		// a dose right after the name: 4mg, 0.5g, 10毫克
		i := 0
		for i < len(after) && (after[i] >= '0' && after[i] <= '9' || after[i] == '.') {
			i++
		}
		if i == 0 {
			return false
		}
		u := after[i:]
		return bytes.HasPrefix(u, []byte("mg")) || bytes.HasPrefix(u, []byte("毫克")) || bytes.HasPrefix(u, []byte("μg")) ||
			bytes.HasPrefix(u, []byte("ml")) || bytes.HasPrefix(u, []byte("毫升"))
	})
}

// findingVerbs are what a court or an inquiry finds (另查明, 经查实), which
// the common-word list lacks.
var findingVerbs = map[string]bool{"查明": true, "查实": true, "审理": true, "审查": true, "调查": true, "核实": true, "查证": true}

// relationColumn reports a column of relations (与户主关系: 孙子, 配偶).
func relationColumn(label string) bool {
	return label != "" && (strings.Contains(label, "关系") || strings.Contains(label, "称谓"))
}

// dropRelationNames drops the names found in a short cell of a relations
// column: 孙子 there is a grandson, not Mr Sun.
func dropRelationNames(text []byte, fs []pi.Finding) []pi.Finding {
	if utf8.RuneCount(bytes.TrimSpace(text)) > 4 {
		return fs
	}
	return slices.DeleteFunc(fs, func(f pi.Finding) bool { return isPersonName(f.Type) })
}

// dropWordRowNames drops the names the term lists read from a row's field
// alone (surname + given name, rule:row-name) that are two-character
// common words: 焦虑 in a list row is anxiety, not a Mr Jiao.
func dropWordRowNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	if common == nil {
		return fs
	}
	return slices.DeleteFunc(fs, func(f pi.Finding) bool {
		if f.Type != pi.PersonName || f.Evidence.Validator != "rule:row-name" || len(f.Evidence.Context) == 0 || f.Evidence.Context[0] != "row" {
			return false
		}
		w := string(text[f.Start:f.End])
		return utf8.RuneCountInString(w) == 2 && common(w)
	})
}

// dottedNameBefore and dottedNameAfter are the words around a name written
// with a middle dot (学生阿卜杜拉·买买提（12岁）, 被告人穆罕默德·阿里，男).
var (
	dottedNameBefore = [][]byte{[]byte("学生"), []byte("患者"), []byte("病例"), []byte("家长"), []byte("被告人"), []byte("被害人"),
		[]byte("嫌疑人"), []byte("老师"), []byte("教师"), []byte("同学"), []byte("男子"), []byte("女子"), []byte("儿子"), []byte("女儿"),
		[]byte("父亲"), []byte("母亲"), []byte("妻子"), []byte("丈夫"), []byte("姓名："), []byte("姓名:"), []byte("名叫"), []byte("叫")}
	dottedNameAfter = [][]byte{[]byte("（男"), []byte("（女"), []byte("，男"), []byte("，女"), []byte("(男"), []byte("(女"), []byte("，现年"), []byte("同学")}
)

// dottedNames adds the names written with a middle dot between Han runs
// (阿卜杜拉·买买提, 穆罕默德·阿里) — Uyghur, Kazakh and foreign names the
// tagger misses — where a word of a person stands before or after them, or
// an age in brackets follows; a name the tagger cut short at the dot is
// made whole. fs need not be sorted.
func dottedNames(text []byte, fs []pi.Finding) []pi.Finding {
	if bytes.Index(text, []byte("·")) < 0 {
		return fs
	}
	cov := coverage{fs: &fs, size: len(text)}
	n := len(fs)
	for from := 0; ; {
		k := bytes.Index(text[from:], []byte("·"))
		if k < 0 {
			return fs
		}
		dot := from + k
		from = dot + len("·")
		start, parts := hanRunBefore(text, dot), 1
		end := dot
		for end < len(text) && bytes.HasPrefix(text[end:], []byte("·")) && parts <= 3 {
			e := hanRunAfter(text, end+len("·"))
			if e == end+len("·") {
				break
			}
			end, parts = e, parts+1
		}
		if start == dot || parts < 2 {
			continue
		}
		from = end
		// a person's word run into the first part (学生阿卜杜拉): the name
		// starts after it
		cueStart := start
		for x := start + 3; x < dot; x += 3 {
			if hasAnySuffix(text[:x], dottedNameBefore) {
				cueStart, start = start, x
			}
		}
		if dot-start < 6 {
			continue // one character left before the dot
		}
		ageAfter := bytes.HasPrefix(text[end:], []byte("（")) && end+len("（") < len(text) && isDigit(text[end+len("（")]) ||
			bytes.HasPrefix(text[end:], []byte("(")) && end+1 < len(text) && isDigit(text[end+1])
		if !hasAnySuffix(text[:start], dottedNameBefore) && !hasAnyPrefix(text[end:], dottedNameAfter) && !ageAfter {
			continue
		}
		if !cov.free(start, end) {
			for j := range fs[:n] { // the tagger's name cut at the dot, or run into the word before: the whole name
				if f := &fs[j]; isPersonName(f.Type) && f.Start >= cueStart && f.Start < end && f.End > start && f.End <= end {
					f.Start, f.End = start, end
				}
			}
			continue
		}
		fs = append(fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.85, Source: terms.Source,
			Evidence: pi.Evidence{Validator: "rule:dotted-name", Valid: true}})
	}
}

// hanRunBefore returns the start of the run of two to six Han characters
// ending at i (i when there is none).
func hanRunBefore(text []byte, i int) int {
	a, n := i, 0
	for a > 0 && n < 6 {
		r, size := utf8.DecodeLastRune(text[:a])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		a -= size
		n++
	}
	if n < 2 {
		return i
	}
	return a
}

// hanRunAfter returns the end of the run of one to six Han characters
// starting at i (i when there is none).
func hanRunAfter(text []byte, i int) int {
	b, _ := hanRun(text, i, 6)
	return b
}

// hanRun returns the end of the run of at most max Han characters starting
// at i, and how many there are.
func hanRun(text []byte, i, max int) (end, n int) {
	end = i
	for end < len(text) && n < max {
		r, size := utf8.DecodeRune(text[end:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		end += size
		n++
	}
	return end, n
}

// genderAfterNames adds the sex written as a record field right after a
// name (李思思，女，… ; 王某（男，…): the term lists see it only after a
// name they know themselves, the entity model finds the others. fs need
// not be sorted.
func genderAfterNames(text []byte, fs []pi.Finding) []pi.Finding {
	cov := coverage{fs: &fs, size: len(text)}
	n := len(fs)
	for i := 0; i < n; i++ {
		f := &fs[i]
		if f.Type != pi.PersonName && f.Type != pi.MaskedName {
			continue
		}
		r, size := utf8.DecodeRune(text[f.End:])
		if !strings.ContainsRune("，,（(、 ", r) {
			continue
		}
		at := f.End + size
		sex, size2 := utf8.DecodeRune(text[at:])
		if sex != '男' && sex != '女' {
			continue
		}
		if r3, _ := utf8.DecodeRune(text[at+size2:]); at+size2 < len(text) && !strings.ContainsRune("，,）)、。；; \n", r3) {
			continue // 女士, 男孩: not a record field
		}
		if !cov.free(at, at+size2) {
			continue
		}
		g := pi.Finding{Type: pi.Gender, Category: pi.CatBasic, Start: at, End: at + size2, Score: 0.9, Source: terms.Source,
			Evidence: pi.Evidence{Validator: "rule:gender", Valid: true, Context: []string{"record"}}}
		g.SetAttr(pi.AttrSex, map[rune]string{'男': "male", '女': "female"}[sex])
		fs = append(fs, g)
	}
	return fs
}

// termTypes are the types package terms finds.
var termTypes = []pi.Type{pi.MaskedName, pi.PersonName, pi.Age, pi.Gender, pi.Ethnicity, pi.Nationality, pi.Occupation,
	pi.School, pi.Place, pi.Health, pi.Religion, pi.SpecialIdentity, pi.SexualOrientation, pi.CriminalRecord,
	pi.Biometric, pi.Financial, pi.MaritalStatus, pi.Political, pi.AcademicRecord, pi.Date}

// keepEnabled drops the findings from index from on whose type is not
// enabled.
func (e *Engine) keepEnabled(fs []pi.Finding, from int) []pi.Finding {
	if e.enabled == nil {
		return fs
	}
	out := fs[:from]
	for _, f := range fs[from:] {
		if e.on(f.Type) {
			out = append(out, f)
		}
	}
	return out
}

// priority breaks ties between findings of equal score on the same span:
// the more specific identifier wins.
var priority = map[pi.Type]int{
	pi.ResidentID: 10, pi.BankCard: 9, pi.USCC: 8, pi.MobilePhone: 8, pi.HKID: 8, pi.TaiwanID: 8, pi.MacaoID: 8,
	pi.VIN: 7, pi.Passport: 7, pi.HKMacauPermit: 7, pi.TaiwanPermit: 7, pi.Email: 7, pi.IMEI: 6, pi.DeviceID: 6,
	pi.LandlinePhone: 6, pi.LicensePlate: 6, pi.IPv4: 6, pi.IPv6: 6, pi.MACAddress: 6,
	pi.GPSCoordinate: 5, pi.FlightNumber: 5, pi.TrainNumber: 5, pi.SeatNumber: 4, pi.Date: 4,
	pi.URL: 3, pi.QQNumber: 3, pi.WeChatID: 2, pi.AccountID: 1,
}

// resolve is the one overlap rule set. Candidates are ranked by score, then
// length, then type priority; a candidate is kept unless it crosses a kept
// finding (partial overlap), has the same span as one, or nests inside or
// around a kept finding of the same type. Nesting of different types is
// kept: a phone number inside a URL is both.
//
// Candidates are first cut into clusters of transitively overlapping spans,
// so the ranking only runs where there is a conflict.
func resolve(c []pi.Finding) []pi.Finding {
	if len(c) < 2 {
		return c
	}
	sortFindings(c)
	out := c[:0]
	for i := 0; i < len(c); {
		j, end := i+1, c[i].End
		for j < len(c) && c[j].Start < end {
			if c[j].End > end {
				end = c[j].End
			}
			j++
		}
		if j == i+1 {
			out = append(out, c[i])
		} else {
			out = append(out, resolveCluster(append([]pi.Finding(nil), c[i:j]...))...)
		}
		i = j
	}
	return out
}

func resolveCluster(c []pi.Finding) []pi.Finding {
	if len(c) <= 16 {
		c = preferLonger(c)
	}
	slices.SortStableFunc(c, func(a, b pi.Finding) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return cmp.Compare(lb, la)
		}
		if pa, pb := priority[a.Type], priority[b.Type]; pa != pb {
			return cmp.Compare(pb, pa)
		}
		return cmp.Compare(a.Start, b.Start)
	})
	if len(c) <= 16 {
		kept := c[:0]
		for _, f := range c {
			ok := true
			for i := range kept {
				if conflicts(&f, &kept[i]) {
					ok = false
					break
				}
			}
			if ok {
				kept = append(kept, f)
			}
		}
		return kept
	}
	// A large cluster is one long finding over many short ones (a URL with
	// numbers in its path): index the kept short findings by position so a
	// candidate is only compared with its neighbours.
	const bucket = 64
	var long []int
	buckets := map[int][]int{}
	kept := c[:0]
	for _, f := range c {
		ok := true
		for _, i := range long {
			if conflicts(&f, &kept[i]) {
				ok = false
				break
			}
		}
		for b := (f.Start - bucket) / bucket; ok && b <= (f.End-1)/bucket; b++ {
			for _, i := range buckets[b] {
				if conflicts(&f, &kept[i]) {
					ok = false
					break
				}
			}
		}
		if !ok {
			continue
		}
		if f.End-f.Start > bucket {
			long = append(long, len(kept))
		} else {
			buckets[f.Start/bucket] = append(buckets[f.Start/bucket], len(kept))
		}
		kept = append(kept, f)
	}
	return kept
}

// preferLonger drops a finding nested in a longer one of the same type
// whose score is at most 0.2 lower: the tagger's 王 inside the rule's 王先生,
// a place inside a longer place. Scores from different recognizers are not
// exactly comparable; the longer reading explains more of the text.
func preferLonger(c []pi.Finding) []pi.Finding {
	drop := make([]bool, len(c))
	for i := range c {
		for j := range c {
			a, b := &c[i], &c[j]
			if i == j || a.Type != b.Type || drop[j] {
				continue
			}
			longer := a.End-a.Start > b.End-b.Start
			if longer && a.Start <= b.Start && b.End <= a.End && a.Score >= b.Score-0.2 {
				drop[j] = true
			}
		}
	}
	out := c[:0]
	for i, f := range c {
		if !drop[i] {
			out = append(out, f)
		}
	}
	return out
}

// conflicts reports whether f may not be kept beside k: they cross, have
// the same span, or nest with the same type.
func conflicts(f, k *pi.Finding) bool {
	if f.End <= k.Start || k.End <= f.Start {
		return false
	}
	nested := (f.Start >= k.Start && f.End <= k.End) || (k.Start >= f.Start && k.End <= f.End)
	same := f.Start == k.Start && f.End == k.End
	return !nested || same || f.Type == k.Type
}

// handleTypes are the identifiers a name or place the tagger reads inside
// is part of (zhangwei of zhangwei@example.com), not a finding of its own.
var handleTypes = map[pi.Type]bool{pi.Email: true, pi.URL: true, pi.WeChatID: true, pi.AccountID: true, pi.DeviceID: true}

// dropInHandles drops what the tagger found inside an e-mail address, a
// link or an account (zhangwei of zhangwei@example.com).
func dropInHandles(fs []pi.Finding) []pi.Finding {
	var handles [][2]int
	for _, f := range fs {
		if handleTypes[f.Type] {
			handles = append(handles, [2]int{f.Start, f.End})
		}
	}
	if handles == nil {
		return fs
	}
	return slices.DeleteFunc(fs, func(f pi.Finding) bool {
		return f.Source == "ner" && slices.ContainsFunc(handles, func(h [2]int) bool { return f.Start >= h[0] && f.End <= h[1] })
	})
}

func sortFindings(f []pi.Finding) { pi.SortByStart(f) }
