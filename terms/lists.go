package terms

import (
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// The term lists are text files embedded from data/, one term a line:
//
//	# comment
//	[key=value flag …]      a section: attributes and flags for the lines below
//	term key=value flag …   a term, with attributes and flags of its own
//
// Keys: kind, label (sensitive lists: attributes of the finding), cat (a
// taxonomy id replacing the list's category), role, level, band, grade
// (school.txt), abbr (country.txt). Flags: ctx (a finding only in a person
// context), end (the next character must not be a Chinese character: 男同
// but not 男同事), start (the previous one must not be), id (cue.txt: a cue
// only when it names one person), weak (cue.txt: a cue of a person but not
// of a record: 他, 一名), named (venue.txt: a finding only with a name before
// it). Every problem is reported with file and line by
// checkLists; the package panics on first use if the embedded lists are
// broken, which TestLists rules out.
//
//go:embed data/*.txt
var dataFS embed.FS

// role says what a word does when the automaton finds it.
type role uint8

const (
	roleSensitive role = iota // a term of a sensitive list: health, religion …
	roleOccupation
	roleVenue
	roleSchool // school suffix: 小学, 大学 …
	roleGrade  // 三年级, 初二, 大班 …
	roleTitle  // form of address after a surname: 先生, 老师 …
	roleCue    // person-context cue
	roleExcept // a word that is none of the types
	roleEnd    // sentence end: 。！？；\n
	roleMask   // 某, *, ×, X, ○
	roleAge    // 岁, 周岁, 个月, 月龄, 旬, 年龄
	roleGender // 男, 女, 男性, 女孩 …
	roleEthnic // 汉族, 维吾尔族 …
	roleEthnicLabel
	roleNationality // 美国籍, 美籍, 外籍
	roleCountryPerson
	roleNationalityLabel
	roleFamiliar    // 老王, 小李
	roleDate        // 月 of a date in Chinese numerals
	roleHandle      // the word for a platform handle: 微博账号, 网名 …
	roleStatusLabel // a status field's label: 政治面貌, 婚姻状况
	roleNamePart    // a part of an Uyghur, Tibetan, Yi or Mongolian given name
)

// termFamily reports whether words of the role take part in the
// leftmost-longest choice among terms (see scan.terms).
func (r role) termFamily() bool {
	switch r {
	case roleSensitive, roleOccupation, roleVenue, roleSchool, roleGrade, roleExcept,
		roleEthnic, roleNationality, roleCountryPerson:
		return true
	}
	return false
}

type flags uint8

const (
	flagCtx   flags = 1 << iota // needs a person context
	flagEnd                     // next rune must not be Han
	flagStart                   // previous rune must not be Han
	flagID                      // cue only when it names one person
	flagNamed                   // venue only with a name part
	flagWeak                    // cue that points at a person but not at a record (他, 一名)
)

// entry is one meaning of a word.
type entry struct {
	role  role
	typ   pi.Type
	cat   pi.Category
	term  string
	list  string // evidence validator: "list:health" …
	kind  string
	label string
	flags flags
	// school and grade words
	level, band, grade string
	digit              int // grade words N年级: N
	// nationality and ethnicity words
	country string
	sex     string
}

// matcher is the compiled word set: one automaton over every term, rule
// word and cue, and the meanings of each word.
type matcher struct {
	ac      *automaton
	entries [][]entry // by automaton word index
	grades  []*entry  // grade words, longest first
}

// listFile describes one embedded list.
type listFile struct {
	name string
	role role
	typ  pi.Type
	cat  pi.Category
}

var listFiles = []listFile{
	{"health.txt", roleSensitive, pi.Health, pi.CatHealth},
	{"religion.txt", roleSensitive, pi.Religion, pi.CatReligion},
	{"special_identity.txt", roleSensitive, pi.SpecialIdentity, pi.CatSpecialIdentity},
	{"sexual_orientation.txt", roleSensitive, pi.SexualOrientation, pi.CatOtherSensitive},
	{"criminal_record.txt", roleSensitive, pi.CriminalRecord, pi.CatOtherSensitive},
	{"biometric.txt", roleSensitive, pi.Biometric, pi.CatBio},
	{"financial.txt", roleSensitive, pi.Financial, pi.CatProperty},
	{"marital.txt", roleSensitive, pi.MaritalStatus, pi.CatOtherSensitive},
	{"political.txt", roleSensitive, pi.Political, pi.CatBasic},
	{"occupation.txt", roleOccupation, pi.Occupation, pi.CatEduWork},
	{"venue.txt", roleVenue, pi.Place, pi.CatLocation},
	{"school.txt", roleSchool, pi.School, pi.CatSchool},
	{"title.txt", roleTitle, pi.PersonName, pi.CatName},
	{"cue.txt", roleCue, "", ""},
	{"except.txt", roleExcept, "", ""},
	{"country.txt", roleNationality, pi.Nationality, pi.CatBasic},
	{"name_parts.txt", roleNamePart, pi.PersonName, pi.CatName},
}

// listError is one problem in a list file.
type listError struct {
	file string
	line int
	msg  string
}

func (e listError) Error() string { return fmt.Sprintf("data/%s:%d: %s", e.file, e.line, e.msg) }

// parseList reads one list file into entries, reporting every problem.
func parseList(lf listFile, data string) ([]entry, []error) {
	var out []entry
	var errs []error
	var sect entry
	sect.role, sect.typ, sect.cat = lf.role, lf.typ, lf.cat
	list := "list:" + strings.TrimSuffix(lf.name, ".txt")
	for n, line := range strings.Split(data, "\n") {
		ln := n + 1
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		bad := func(format string, a ...any) {
			errs = append(errs, listError{lf.name, ln, fmt.Sprintf(format, a...)})
		}
		if strings.HasPrefix(line, "[") {
			if !strings.HasSuffix(line, "]") {
				bad("section line without closing ]")
				continue
			}
			sect = entry{role: lf.role, typ: lf.typ, cat: lf.cat}
			for _, f := range strings.Fields(line[1 : len(line)-1]) {
				if err := sect.set(lf, f); err != nil {
					bad("%v", err)
				}
			}
			continue
		}
		fs := strings.Fields(line)
		e := sect
		e.term = fs[0]
		e.list = list
		for _, f := range fs[1:] {
			if err := e.set(lf, f); err != nil {
				bad("%v", err)
			}
		}
		if strings.ContainsAny(e.term, "=[]") {
			bad("malformed term %q", e.term)
		}
		if e.role == roleSchool && e.level == "" && e.band != "" {
			bad("band without level")
		}
		if e.role == roleGrade && (e.level == "" || e.band == "" || e.grade == "") {
			bad("grade %q needs level, band and grade", e.term)
		}
		if e.band != "" {
			if _, _, ok := parseBand(e.band); !ok {
				bad("band %q is not lo-hi", e.band)
			}
		}
		out = append(out, e)
	}
	return out, errs
}

// set applies one key=value or flag to e.
func (e *entry) set(lf listFile, f string) error {
	k, v, kv := strings.Cut(f, "=")
	if !kv {
		switch k {
		case "ctx":
			e.flags |= flagCtx
		case "end":
			e.flags |= flagEnd
		case "start":
			e.flags |= flagStart
		case "id":
			e.flags |= flagID
		case "named":
			e.flags |= flagNamed
		case "weak":
			e.flags |= flagWeak
		default:
			return fmt.Errorf("unknown flag %q", k)
		}
		return nil
	}
	if v == "" {
		return fmt.Errorf("empty value for %q", k)
	}
	switch k {
	case "kind":
		e.kind = v
	case "label":
		e.label = v
	case "cat":
		c := pi.Category(v)
		if !c.Valid() {
			return fmt.Errorf("unknown category %q", v)
		}
		e.cat = c
	case "role":
		switch {
		case lf.role == roleSchool && v == "suffix":
			e.role = roleSchool
		case lf.role == roleSchool && v == "grade":
			e.role = roleGrade
		default:
			return fmt.Errorf("role %q not allowed here", v)
		}
	case "level":
		e.level = v
	case "band":
		e.band = v
	case "grade":
		e.grade = v
	case "abbr":
		if lf.role != roleNationality {
			return fmt.Errorf("abbr only in country.txt")
		}
		e.label = v
	default:
		return fmt.Errorf("unknown key %q", k)
	}
	return nil
}

// parseBand splits "8-9" into 8 and 9.
func parseBand(b string) (lo, hi int, ok bool) {
	l, h, cut := strings.Cut(b, "-")
	if !cut {
		return 0, 0, false
	}
	lo, ok1 := atoiSmall(l)
	hi, ok2 := atoiSmall(h)
	return lo, hi, ok1 && ok2 && lo <= hi
}

func atoiSmall(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// ruleEntries are the words the rules (not the lists) start from.
func ruleEntries() []entry {
	var es []entry
	add := func(r role, words ...string) {
		for _, w := range words {
			es = append(es, entry{role: r, term: w})
		}
	}
	add(roleEnd, "。", "！", "？", "；", "!", "?", ";", "\n")
	add(roleMask, "某", "*", "＊", "×", "x", "Ｘ", "ｘ", "○")
	add(roleAge, "岁", "周岁", "个月", "月龄", "旬", "年龄")
	add(roleDate, "月")
	for _, l := range handleLabels {
		es = append(es, entry{role: roleHandle, term: l.word, label: l.platform})
	}
	for _, g := range []struct{ w, sex string }{
		{"男", "male"}, {"女", "female"}, {"男性", "male"}, {"女性", "female"},
		{"男孩", "male"}, {"女孩", "female"}, {"男童", "male"}, {"女童", "female"},
		{"男子", "male"}, {"女子", "female"}, {"男婴", "male"}, {"女婴", "female"},
		{"男生", "male"}, {"女生", "female"}, {"男孩子", "male"}, {"女孩子", "female"},
	} {
		es = append(es, entry{role: roleGender, term: g.w, sex: g.sex, typ: pi.Gender, cat: pi.CatBasic})
	}
	for _, g := range zh.EthnicGroups() {
		es = append(es, entry{role: roleEthnic, term: g, typ: pi.Ethnicity, cat: pi.CatBasic})
	}
	add(roleEthnicLabel, "民族")
	add(roleNationalityLabel, "国籍")
	add(roleStatusLabel, statusLabelWords()...)
	es = append(es, entry{role: roleNationality, term: "外籍", typ: pi.Nationality, cat: pi.CatBasic})
	for _, s := range familiarSurnames() {
		es = append(es, entry{role: roleFamiliar, term: "老" + s, label: "老"}, entry{role: roleFamiliar, term: "小" + s, label: "小"})
	}
	return es
}

// familiarSurnames are the surnames for 老王 and 小李: the hundred most
// common, less those that make everyday words with 老 or 小 (老马, 小于, 小高层,
// 老黄牛, 小金库, 小龙虾, 小熊猫 …).
func familiarSurnames() []string {
	skip := map[string]bool{"于": true, "何": true, "高": true, "马": true, "黄": true, "金": true, "石": true,
		"毛": true, "江": true, "叶": true, "白": true, "方": true, "龙": true, "牛": true, "万": true, "向": true,
		"常": true, "文": true, "安": true, "齐": true, "易": true, "乔": true, "康": true, "熊": true, "钱": true,
		"孔": true, "汤": true, "田": true, "曾": true, "任": true, "时": true, "连": true, "代": true, "路": true,
		"全": true, "温": true, "施": true, "洪": true, "武": true, "严": true, "史": true, "雷": true, "段": true,
		"许": true, "范": true}
	var out []string
	for _, s := range zh.Surnames() {
		if len(out) == 100 {
			break
		}
		if !skip[s] && len([]rune(s)) == 1 {
			out = append(out, s)
		}
	}
	return out
}

// loadEntries reads every list and the rule words, reporting every problem.
func loadEntries() ([]entry, []error) {
	var all []entry
	var errs []error
	for _, lf := range listFiles {
		b, err := dataFS.ReadFile("data/" + lf.name)
		if err != nil {
			errs = append(errs, fmt.Errorf("data/%s: %w", lf.name, err))
			continue
		}
		es, e := parseList(lf, string(b))
		errs = append(errs, e...)
		if lf.role == roleNationality {
			es = countryEntries(es)
		}
		all = append(all, es...)
	}
	all = append(all, ruleEntries()...)
	return all, errs
}

// countryEntries turns each country line into the words that name a
// nationality: 美国籍, 美籍, 美国人, 美国公民.
func countryEntries(cs []entry) []entry {
	var out []entry
	for _, c := range cs {
		n := entry{role: roleNationality, typ: pi.Nationality, cat: pi.CatBasic, country: c.term, list: c.list}
		for _, w := range []string{c.term + "籍", c.term + "国籍"} {
			n.term = w
			out = append(out, n)
		}
		if c.label != "" {
			n.term = c.label + "籍"
			out = append(out, n)
		}
		p := n
		p.role = roleCountryPerson
		for _, w := range []string{c.term + "人", c.term + "公民"} {
			p.term = w
			out = append(out, p)
		}
		// The bare name is not a word of its own: 国籍：美国 reads it with
		// countryAt.
	}
	return out
}

// compile builds the matcher from entries.
func compile(all []entry) (*matcher, error) {
	byWord := map[string][]entry{}
	for _, e := range all {
		k := strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, e.term)
		byWord[k] = append(byWord[k], e)
	}
	words := make([]string, 0, len(byWord))
	for w := range byWord {
		words = append(words, w)
	}
	sort.Strings(words)
	ac, err := newAutomaton(words)
	if err != nil {
		return nil, err
	}
	m := &matcher{ac: ac, entries: make([][]entry, len(words))}
	for i, w := range words {
		m.entries[i] = byWord[w]
		for j := range m.entries[i] {
			e := &m.entries[i][j]
			if e.role != roleGrade {
				continue
			}
			if rs := []rune(e.term); len(rs) == 3 && string(rs[1:]) == "年级" {
				e.digit, _ = cnDigit(rs[0])
			}
			m.grades = append(m.grades, e)
		}
	}
	sort.SliceStable(m.grades, func(i, j int) bool { return len(m.grades[i].term) > len(m.grades[j].term) })
	return m, nil
}

// checkLists loads and compiles everything, returning every problem.
func checkLists() (*matcher, error) {
	all, errs := loadEntries()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return compile(all)
}

var shared = sync.OnceValue(func() *matcher {
	m, err := checkLists()
	if err != nil {
		panic("terms: embedded lists: " + err.Error()) // our own data; TestLists checks it
	}
	return m
})

// countries is the country list for 国籍：X, longest name first.
var countries = sync.OnceValue(func() []string {
	var out []string
	for _, e := range shared().entries {
		for _, x := range e {
			if x.role == roleNationality && x.country != "" && strings.HasSuffix(x.term, "籍") && x.term == x.country+"籍" {
				out = append(out, x.country)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) || len(out[i]) == len(out[j]) && out[i] < out[j] })
	return out
})
