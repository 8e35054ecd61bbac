package terms

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Source is the Source of every finding of this package.
const Source = "terms"

// Find appends the findings in text (UTF-8; offsets are bytes into text,
// End exclusive) to dst, sorted by Start. Invalid UTF-8 is skipped over.
// It is safe for concurrent use.
func Find(text []byte, dst []pi.Finding) []pi.Finding {
	s := getScan(text, -1)
	dst = s.run(dst)
	putScan(s)
	return dst
}

// recordLabels are field names of a person's record: a table cell or JSON
// value under one (民族: 汉族, 体温: 发热) is a fact about the person the
// row or object describes.
var recordLabels = []string{"民族", "国籍", "职业", "职务", "工作单位", "身份", "症状", "病史", "诊断", "病情", "健康状况", "体温",
	"宗教", "信仰", "婚姻", "婚否", "政治面貌", "学校", "年级", "班级", "班别", "年龄", "性别", "类别", "资助", "困难", "用药", "药物",
	"过敏", "疾病", "既往史"}

// englishLabels maps the English field names of records (JSON keys, CSV
// headers) to the Chinese ones the rules read.
var englishLabels = map[string]string{
	"age": "年龄", "gender": "性别", "sex": "性别", "class": "班级", "grade": "年级", "school": "学校",
	"ethnicity": "民族", "ethnic": "民族", "nation": "民族", "nationality": "国籍", "occupation": "职业", "job": "职业",
	"profession": "职业", "symptom": "症状", "symptoms": "症状", "diagnosis": "诊断", "temperature": "体温",
	"temp": "体温", "religion": "宗教", "address": "住址", "addr": "住址", "residence": "住址", "domicile": "户籍地",
	"hometown": "籍贯", "position": "职务", "marital": "婚姻", "marital_status": "婚姻", "maritalstatus": "婚姻",
	"marriage": "婚姻", "political": "政治面貌", "political_status": "政治面貌", "politicalstatus": "政治面貌",
	"political_affiliation": "政治面貌", "politicalaffiliation": "政治面貌",
	"allergy": "过敏史", "allergies": "过敏史", "medical_history": "既往病史", "medicalhistory": "既往病史",
	"medication": "用药", "medications": "用药", "disease": "疾病", "diseases": "疾病",
}

// CanonicalLabel returns the Chinese field name for an English one (age →
// 年龄, home_address → 住址), matching the whole name or its last word
// (student_age, homeAddress); other labels are returned unchanged.
func CanonicalLabel(label string) string {
	if label == "" || label[0] >= utf8.RuneSelf {
		return label
	}
	l := strings.ToLower(label)
	if cn, ok := englishLabels[l]; ok {
		return cn
	}
	// the last word of snake_case, kebab-case or camelCase
	i := strings.LastIndexAny(l, "_-. ")
	if j := lastUpper(label); j > i {
		i = j - 1
	}
	if i >= 0 {
		if cn, ok := englishLabels[l[i+1:]]; ok && !technical(l[:i+1]) {
			return cn
		}
	}
	return label
}

// technical reports whether a field name's first words make its last word
// technical (ip_address, mac_address, email_address, server_temp).
func technical(prefix string) bool {
	for _, w := range []string{"ip", "mac", "mail", "web", "url", "server", "wallet", "contract", "hardware", "network", "memory",
		"bluetooth", "cpu", "gpu", "disk", "device", "host"} {
		if strings.Contains(prefix, w) {
			return true
		}
	}
	return false
}

// lastUpper returns the index of the last upper-case ASCII letter of s
// after its first byte, or -1.
func lastUpper(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return i
		}
	}
	return -1
}

// FindLabeled is Find for a table cell or JSON value with its column name
// or key: under a field name of a person's record (民族, 国籍, 职业, 症状 …)
// the text is read as that field of a person's record, so 汉族 alone in the
// 民族 column is an ethnicity and 发热 in the 体温 column a symptom of the
// person.
func FindLabeled(text []byte, label string, dst []pi.Finding) []pi.Finding {
	return FindLabeledFrom(text, label, nil, dst)
}

// FindLabeledFrom is FindLabeled for a text that goes on a register whose
// header row came before it (see OpenHeader): its rows at the start are
// read under header's columns.
func FindLabeledFrom(text []byte, label string, header []string, dst []pi.Finding) []pi.Finding {
	label = CanonicalLabel(label) // gender → 性别, position → 职务
	s := getScan(text, -1)
	s.columns = append(s.columns[:0], header...)
	for _, l := range recordLabels {
		if strings.Contains(label, l) {
			s.register = true
			break
		}
	}
	n := len(dst)
	dst = s.run(dst)
	// a bare number under 年龄 (9, 45) is the age itself
	if strings.Contains(label, "年龄") && len(dst) == n {
		a, b := trimSpaceBytes(text)
		if n := utf8.RuneCount(text[a:b]); n >= 1 && n <= 5 {
			s.out = s.out[:0]
			s.cellAge(a, b, label)
			dst = append(dst, s.out...)
		}
	}
	// a bare reading under 体温 (37.8, 36.5℃) is the person's temperature
	if strings.Contains(label, "体温") && len(dst) == n {
		dst = bareTemperature(text, 0, label, dst)
	}
	// a code under 性别, a job title under 职位, a name in Latin letters
	// under 姓名
	if label != "" && len(dst) == n {
		dst = labeledFields(text, label, dst)
	}
	putScan(s)
	return dst
}

// feverFrom is the temperature (°C) from which a reading is a fever.
const feverFrom = 37.3

// bareTemperature adds the body temperature that is the whole of
// text[at:] (a cell under 体温): a number from 34 to 43, with an optional
// unit; a reading of 37.3 or more is a fever (attribute fever=true).
func bareTemperature(text []byte, at int, label string, dst []pi.Finding) []pi.Finding {
	a, b := trimSpaceBytes(text[at:])
	a, b = a+at, b+at
	v := string(text[a:b])
	for _, unit := range []string{"℃", "°C", "°c", "度", "°"} {
		v = strings.TrimSuffix(v, unit)
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || t < 34 || t > 43 {
		return dst
	}
	f := pi.Finding{Type: pi.Health, Category: pi.CatHealth, Start: a, End: b, Score: 0.85, Source: Source,
		Evidence: pi.Evidence{Validator: "list:health", Valid: true, Context: []string{label}}}
	f.SetAttr("kind", "test")
	if t >= feverFrom {
		f.SetAttr("fever", "true")
	}
	return append(dst, f)
}

// trimSpaceBytes returns the bounds of text without surrounding ASCII
// spaces.
func trimSpaceBytes(text []byte) (a, b int) {
	a, b = 0, len(text)
	for a < b && (text[a] == ' ' || text[a] == '\t') {
		a++
	}
	for b > a && (text[b-1] == ' ' || text[b-1] == '\t') {
		b--
	}
	return a, b
}

// Context is the person context of a sentence: whether it is about a
// particular person, and the cue that says so.
//
// A sentence (text between 。！？；!?; and line breaks) has a person context
// when it holds any of:
//
//   - a masked name (李某某, 王*) or a surname with a form of address (王先生);
//   - an age (45岁, 6个月大) or a gender in a record shape (，男，; 性别：女);
//   - a cue word from data/cue.txt: a pronoun or determiner that points at
//     one person (该生, 该男子, 其父, 本人, 当事人, 他, 她 …), a field label of a
//     record (姓名, 性别, 年龄, 住址 …), the pseudonym mark 化名, or a word
//     such as 患者, 病例 or 孩子 when it names one person (病例3：, 患者李某,
//     该患者), not a group (收治患者120名).
//
// A sentence without a cue of its own inherits the context of an earlier
// sentence of the same line (paragraph): in a bulletin the sentence after
// "病例3：李某某，女，45岁。" is still about 病例3. A line that labels the
// columns of a register (姓名,性别,年龄) puts the rest of the text in a
// person context.
type Context struct {
	// Person is true when the sentence is about a particular person.
	Person bool
	// Inherited is true when the context comes from an earlier sentence of
	// the same line.
	Inherited bool
	// Cue is the word or pattern that decided it: "化名", "masked name",
	// "age", "register" ….
	Cue string
}

// PersonContext returns the person context of the sentence that holds the
// byte offset pos of text, as Find decides it.
func PersonContext(text []byte, pos int) Context {
	if pos < 0 || pos > len(text) {
		return Context{}
	}
	s := getScan(text, pos)
	s.run(nil)
	c := s.probed
	putScan(s)
	return c
}

// scan is the state of one Find call.
type scan struct {
	m    *matcher
	text []byte
	hits []hit
	out  []pi.Finding

	// The sentence being read.
	sentStart, sentEnd int
	ctx                Context
	record             bool    // the sentence has a record cue (name, age, label), not only a pronoun
	para               Context // the last person context of this line
	register           bool
	header             bool     // the current sentence is a register's header row
	columns            []string // the column names of the last header row of a text register
	occEnd             int      // end of the sentence's last occupation, 0 if none
	occForeign         bool     // the occupation being read stands before a foreign name
	occWordEnd         int      // end of the last occupation word seen in the people pass (教练 of 教练于某)
	handleEnd          int      // end of the last platform handle (昵称 of 微博昵称 is not another)
	visitEnd           int      // end of the last venue visited (到过永辉超市): 和浴室 after it is visited too

	termEnd    int // end of the last term chosen in this sentence
	nameEnd    int // end of the last name
	ageEnd     int // end of the last age
	lastAgeEnd int // end of the last age finding (for 45岁男性)
	genderEnd  int

	probe  int
	probed Context
}

var scanPool = sync.Pool{New: func() any { return &scan{} }}

func getScan(text []byte, probe int) *scan {
	s := scanPool.Get().(*scan)
	*s = scan{m: shared(), text: text, hits: s.hits[:0], out: s.out[:0], probe: probe}
	return s
}

func putScan(s *scan) {
	if cap(s.hits) > 1<<16 {
		s.hits = nil
	}
	if cap(s.out) > 1<<12 {
		s.out = nil
	}
	s.text = nil
	scanPool.Put(s)
}

// run finds everything and appends it to dst.
func (s *scan) run(dst []pi.Finding) []pi.Finding {
	s.hits = s.m.ac.find(s.text, s.hits)
	sortHits(s.hits)
	start, i0 := 0, 0
	for i, h := range s.hits {
		if s.m.entries[h.word][0].role != roleEnd {
			continue
		}
		dst = s.sentence(start, h.start, s.hits[i0:i], dst)
		if s.text[h.start] == '\n' && !answerAt(s.text, h.end) {
			s.para = Context{} // a transcript's answer (问：…\n答：…) goes on its question
		}
		start, i0 = h.end, i+1
	}
	return s.sentence(start, len(s.text), s.hits[i0:], dst)
}

// nameOverlaps reports whether a name found in the sentence so far
// overlaps [start, end). The rules that run after the people pass ask this,
// not nameEnd: a name later in the sentence (班主任周老师) must not hide one
// before it (你女儿小雨).
func (s *scan) nameOverlaps(start, end int) bool {
	for i := range s.out {
		if f := &s.out[i]; (f.Type == pi.PersonName || f.Type == pi.MaskedName) && f.Start < end && f.End > start {
			return true
		}
	}
	return false
}

// answerAt reports whether a transcript's answer opens at i (答：, 答:).
func answerAt(t []byte, i int) bool {
	return hasPrefixAt(t, i, "答：") || hasPrefixAt(t, i, "答:")
}

// sentence reads the sentence [a, b) with the hits hs inside it.
func (s *scan) sentence(a, b int, hs []hit, dst []pi.Finding) []pi.Finding {
	s.sentStart, s.sentEnd = a, b
	s.occEnd, s.occWordEnd, s.handleEnd, s.visitEnd = 0, 0, 0, 0
	s.ctx = Context{}
	s.record = false
	s.out = s.out[:0]
	// People first: names, ages and cues decide the person context.
	for _, h := range hs {
		for i := range s.m.entries[h.word] {
			e := &s.m.entries[h.word][i]
			switch e.role {
			case roleCue:
				s.cue(h, e)
			case roleMask:
				s.masked(h)
			case roleTitle:
				s.title(h, e)
			case roleFamiliar:
				s.familiar(h, e)
			case roleAge:
				s.age(h, e)
			case roleDate:
				s.date(h)
			case roleHandle:
				s.handle(h, e)
			case roleOccupation:
				s.occWordEnd = max(s.occWordEnd, h.end)
			}
		}
	}
	s.nicknames(a, b)
	s.ageNames(a, b)
	s.surnameMentions(a, b)
	s.rowNames(a, b, hs)
	s.minorityNames(a, b, hs)
	if !s.ctx.Person && s.register {
		s.ctx = Context{Person: true, Cue: "register"}
		s.record = true
	}
	for _, h := range hs {
		for i := range s.m.entries[h.word] {
			if e := &s.m.entries[h.word][i]; e.role == roleGender {
				s.gender(h, e)
				break
			}
		}
	}
	if s.ctx.Person {
		s.para = Context{Person: true, Inherited: true, Cue: s.ctx.Cue}
	} else if s.para.Person {
		s.ctx = s.para
	}
	if s.probe >= a && s.probe <= b {
		s.probed = s.ctx
	}
	// Then the terms, longest first at each position.
	s.termEnd = a
	for _, h := range hs {
		if h.start < s.termEnd {
			continue
		}
		if boxBefore(s.text, h.start) == boxUnchecked || unanswered(s.text, h.start, h.end) {
			s.termEnd = h.end // a box not ticked, a question answered no: □孤儿, 是否孤儿：否
			continue
		}
		for i := range s.m.entries[h.word] {
			e := &s.m.entries[h.word][i]
			end := 0
			switch e.role {
			case roleExcept:
				end = h.end
			case roleSensitive:
				end = s.sensitive(h, e)
			case roleOccupation:
				end = s.occupation(h, e)
			case roleVenue:
				end = s.venue(h, e)
			case roleSchool:
				end = s.school(h, e)
			case roleGrade:
				end = s.grade(h, e)
			case roleEthnic:
				end = s.ethnic(h, e)
			case roleNationality:
				end = s.nationality(h, e)
			case roleCountryPerson:
				end = s.countryPerson(h, e)
			case roleEthnicLabel:
				s.ethnicLabel(h)
			case roleStatusLabel:
				s.statusLabel(h)
			case roleNationalityLabel:
				s.nationalityLabel(h)
			}
			if end > 0 {
				s.termEnd = end
				break
			}
		}
	}
	if s.header {
		// a register's header row names columns: no one's facts
		s.header = false
		s.out = s.out[:0]
		s.headerColumns(a, b)
	}
	// Findings of one sentence come out of order (people first).
	slices.SortStableFunc(s.out, func(x, y pi.Finding) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return y.End - x.End
	})
	return append(dst, resolve(s.out)...)
}

// resolve drops findings that a longer place or school finding contains
// (精神病 in 市精神病医院, 大学 in 大学附属医院) and exact repeats. fs is
// sorted by Start, longer first.
func resolve(fs []pi.Finding) []pi.Finding {
	out := fs[:0]
	coverStart, coverEnd := -1, -1
	for _, f := range fs {
		if f.End <= coverEnd && absorbed(f.Type) && (f.Start > coverStart || f.End < coverEnd) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Start == f.Start && out[n-1].End == f.End && out[n-1].Type == f.Type {
			continue
		}
		out = append(out, f)
		if (f.Type == pi.Place || f.Type == pi.School) && f.End > coverEnd {
			coverStart, coverEnd = f.Start, f.End
		}
	}
	return out
}

// absorbed reports the types that a place or school name may contain
// without being a finding of their own.
func absorbed(t pi.Type) bool {
	switch t {
	case pi.Health, pi.Occupation, pi.School, pi.Place, pi.Religion, pi.Ethnicity, pi.SpecialIdentity,
		pi.Biometric, pi.CriminalRecord, pi.Financial:
		return true
	}
	return false
}

// setCtx records a person context for the sentence unless it has one. The
// rules for names, ages and genders call it; they are record cues.
func (s *scan) setCtx(cue string) {
	if !s.ctx.Person {
		s.ctx = Context{Person: true, Cue: cue}
	}
	switch cue {
	case "masked name", "surname and title", "familiar name", "age", "gender", "民族", "国籍":
		s.record = true
	}
}

// add records a finding of the current sentence.
func (s *scan) add(f pi.Finding) {
	f.Source = Source
	f.Evidence.Valid = true
	s.out = append(s.out, f)
}

// personNear reports whether the person context holds at [start, end):
// the sentence's context, or 其 right before the term (其存款, 其患有).
func (s *scan) personNear(start int) (Context, bool) {
	if s.ctx.Person {
		return s.ctx, true
	}
	if r, _ := runeBefore(s.text, start); r == '其' {
		return Context{Person: true, Cue: "其"}, true
	}
	return Context{}, false
}
