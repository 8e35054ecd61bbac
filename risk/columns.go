package risk

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Role is the part a column plays in the analysis.
type Role string

// Column roles. Direct identifiers are left out of the analysis (and of a
// generalized table written out): they must be removed before release
// whatever the quasi-identifiers do. Other columns are neither analysed
// nor changed.
const (
	RoleQuasi     Role = "quasi"
	RoleSensitive Role = "sensitive"
	RoleDirect    Role = "direct"
	RoleOther     Role = "other"
)

// Column is one column of a table and the part it plays, with the reason
// it was given that part.
type Column struct {
	Name  string `json:"name"`
	Index int    `json:"index"` // 0-based position
	Role  Role   `json:"role"`
	Kind  Kind   `json:"kind,omitempty"`
	// Numeric is set on a sensitive column whose values are all numbers:
	// t-closeness then uses the ordered distance.
	Numeric bool   `json:"numeric,omitempty"`
	Reason  string `json:"reason"`
}

// Selection is what the user says about columns: quasi-identifiers
// ("col" or "col:kind"), sensitive columns ("col", "col:numeric" or
// "col:categorical") and direct identifiers. Whatever is not said is
// chosen from column names and, failing that, from the content of the
// first rows.
type Selection struct {
	QI        []string
	Sensitive []string
	ID        []string
}

// selItem is one parsed selection entry.
type selItem struct {
	name string
	kind Kind
	num  int // sensitive: 1 numeric, -1 categorical, 0 detect
}

func parseSelection(items []string, sensitive bool) ([]selItem, error) {
	var out []selItem
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		name, spec, hasSpec := strings.Cut(it, ":")
		s := selItem{name: strings.TrimSpace(name)}
		if hasSpec {
			if sensitive {
				switch strings.ToLower(strings.TrimSpace(spec)) {
				case "numeric", "number", "ordered":
					s.num = 1
				case "categorical", "category":
					s.num = -1
				default:
					return nil, usage("--sensitive %s: unknown type %q (want numeric or categorical)", s.name, spec)
				}
			} else {
				k, err := ParseKind(spec)
				if err != nil {
					return nil, usage("--qi %s: %v", s.name, err)
				}
				s.kind = k
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// nameRule gives a role (and kind) to columns whose name contains one of
// its words. Rules are tried in order: 出生地 is a region before 出生 is a
// date; 身份证 is a resident ID before anything else.
type nameRule struct {
	words []string
	role  Role
	kind  Kind
}

var nameRules = []nameRule{
	{[]string{"身份证", "证件号", "公民身份号码", "idcard", "id_card", "id_number", "idno", "id_no"}, RoleQuasi, KindResidentID},
	{[]string{"姓名", "名字", "联系人", "患者名", "name"}, RoleDirect, ""},
	{[]string{"手机", "电话", "联系方式", "phone", "mobile", "tel"}, RoleDirect, ""},
	{[]string{"邮箱", "电子邮件", "email", "e-mail", "mail"}, RoleDirect, ""},
	{[]string{"银行卡", "卡号", "账号", "护照", "通行证", "车牌", "微信", "passport", "account", "qq", "ip"}, RoleDirect, ""},
	{[]string{"出生地", "籍贯", "户籍", "住址", "地址", "居住地", "现住", "所在地", "区县", "县区", "地区", "城市", "省份", "街道", "乡镇", "行政区", "address", "district", "county", "city", "province", "region"}, RoleQuasi, KindRegion},
	{[]string{"年龄", "岁数", "年龄段", "age", "age_group"}, RoleQuasi, KindAge},
	{[]string{"性别", "sex", "gender"}, RoleQuasi, KindSex},
	{[]string{"日期", "时间", "生日", "出生", "年月", "date", "time", "birth", "dob", "day"}, RoleQuasi, KindDate},
	{[]string{"诊断", "疾病", "病种", "病情", "症状", "检测结果", "核酸", "病史", "宗教", "信仰", "收入", "工资", "薪", "diagnosis", "disease", "religion", "income", "salary"}, RoleSensitive, ""},
	{[]string{"职业", "工作", "岗位", "职务", "民族", "国籍", "学校", "学历", "文化程度", "婚姻", "婚否", "政治面貌", "党派", "单位", "场所", "地点", "occupation", "job", "profession", "ethnic", "ethnicity", "nationality", "school", "education", "marital", "political", "employer", "venue", "place"}, RoleQuasi, KindCategorical},
}

// exactNames are column names that are a rule only on their own.
var exactNames = map[string]nameRule{
	"区": {role: RoleQuasi, kind: KindRegion}, "县": {role: RoleQuasi, kind: KindRegion},
	"省": {role: RoleQuasi, kind: KindRegion}, "市": {role: RoleQuasi, kind: KindRegion},
	"岁": {role: RoleQuasi, kind: KindAge},
}

// byName returns the rule a column name matches and the word that matched.
func byName(name string) (nameRule, string, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if r, ok := exactNames[n]; ok {
		return r, n, true
	}
	tokens := asciiTokens(n)
	for _, r := range nameRules {
		for _, w := range r.words {
			if w[0] < utf8.RuneSelf && len(w) <= 3 {
				// short ASCII words must be whole tokens: age, not page
				for _, t := range tokens {
					if t == w {
						return r, w, true
					}
				}
				continue
			}
			if strings.Contains(n, w) {
				return r, w, true
			}
		}
	}
	return nameRule{}, "", false
}

// asciiTokens splits a lower-cased name into runs of ASCII letters.
func asciiTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf || !unicode.IsLetter(r) })
}

// sampleStats is what the first rows say about a column's content.
type sampleStats struct {
	nonEmpty int
	distinct map[string]bool
	hits     map[string]int // what the cells were found to be → count
	parses   map[Kind]int   // cells the parser of a kind reads
}

func newSampleStats() *sampleStats {
	return &sampleStats{distinct: map[string]bool{}, hits: map[string]int{}, parses: map[Kind]int{}}
}

// numeric reports whether every sampled value is a number.
func (s *sampleStats) numeric() bool { return s.nonEmpty > 0 && s.parses[KindNumeric] == s.nonEmpty }

// contentKinds, in order of precedence, map what a cell was found to be
// to a role and kind.
var contentKinds = []struct {
	what string
	role Role
	kind Kind
	desc string
}{
	{"resident_id", RoleQuasi, KindResidentID, "resident ID numbers"},
	{"direct", RoleDirect, "", "direct identifiers"},
	{"sensitive", RoleSensitive, "", "sensitive information"},
	{"sex", RoleQuasi, KindSex, "sexes"},
	{"age", RoleQuasi, KindAge, "ages"},
	{"date", RoleQuasi, KindDate, "dates"},
	{"region", RoleQuasi, KindRegion, "places in the GB/T 2260 division table"},
	{"address", RoleQuasi, KindRegion, "addresses"},
	{"categorical", RoleQuasi, KindCategorical, "occupations, ethnic groups, nationalities, schools or places"},
}

// qiTypes are the finding types that make a cell a quasi-identifier, with
// the kind they give.
var qiTypes = map[pi.Type]string{
	pi.Age: "age", pi.Gender: "sex", pi.Date: "date", pi.Address: "address",
	pi.Occupation: "categorical", pi.Ethnicity: "categorical", pi.Nationality: "categorical",
	pi.School: "categorical", pi.Place: "categorical", pi.MaskedName: "categorical",
}

// observe records one sampled cell. Cheap parsers run first; the engine
// (when given) runs on cells they do not explain.
func (s *sampleStats) observe(cell, label string, eng *detect.Engine, fs []pi.Finding) []pi.Finding {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return fs
	}
	s.nonEmpty++
	if len(s.distinct) < 2000 {
		s.distinct[cell] = true
	}
	if _, ok := parseAgeValue(cell); ok {
		s.parses[KindAge]++
	}
	if _, ok := ParseNumber(cell); ok {
		s.parses[KindNumeric]++
	}
	if _, ok := ParseDate(cell); ok {
		s.parses[KindDate]++
	}
	if isSex(cell) {
		s.parses[KindSex]++
	}
	if isResidentID(cell) {
		s.parses[KindResidentID]++
	}
	hit := func(what string) { s.hits[what]++ }
	switch {
	case isResidentID(cell):
		hit("resident_id")
		return fs
	case isSex(cell):
		hit("sex")
		return fs
	case zh.EthnicGroup(cell):
		hit("categorical")
		return fs
	}
	if d, ok := ParseDate(cell); ok && d.Prec >= PrecMonth {
		hit("date")
		return fs
	}
	if strings.Contains(cell, "岁") {
		if _, ok := parseAgeValue(cell); ok {
			hit("age")
			return fs
		}
	}
	if gazetteerOnce().resolve(cell).code != "" && !strings.ContainsFunc(cell, unicode.IsDigit) {
		hit("region")
		return fs
	}
	if eng == nil {
		return fs
	}
	fs = eng.DetectLabeled([]byte(cell), label, fs[:0])
	best := ""
	for i := range fs {
		f := &fs[i]
		if 2*(f.End-f.Start) < len(cell) {
			continue // the finding must be most of the cell
		}
		what := ""
		info, _ := pi.LookupCategory(f.Category)
		switch {
		case f.Type == pi.ResidentID:
			what = "resident_id"
		case f.Type == pi.MedicalRecordNumber, f.Type == pi.PersonNumber:
			what = "direct" // a hospital's number for its patient, a school's for its pupil
		case qiTypes[f.Type] != "":
			what = qiTypes[f.Type]
		case info.Direct:
			what = "direct"
		case f.Sensitive():
			what = "sensitive"
		}
		if what != "" && (best == "" || precedence(what) < precedence(best)) {
			best = what
		}
	}
	if best != "" {
		hit(best)
	}
	return fs
}

func precedence(what string) int {
	for i, c := range contentKinds {
		if c.what == what {
			return i
		}
	}
	return len(contentKinds)
}

// decide gives a column its role from its sampled content: the first kind
// (in precedence order) that most non-empty cells were found to be.
func (s *sampleStats) decide() (Role, Kind, string, bool) {
	if s.nonEmpty == 0 {
		return RoleOther, "", "", false
	}
	for _, c := range contentKinds {
		n := s.hits[c.what]
		if 2*n > s.nonEmpty {
			return c.role, c.kind, fmt.Sprintf("content: %d of %d sampled cells are %s", n, s.nonEmpty, c.desc), true
		}
	}
	return RoleOther, "", "", false
}

func isResidentID(s string) bool {
	_, ok := ParseResidentID(s)
	return ok
}

func isSex(s string) bool {
	_, ok := ParseSex(s)
	return ok
}

// choose gives every column its role: flags first, then the column name,
// then the sampled content. It returns the columns in table order.
func choose(names []string, sel Selection, stats []*sampleStats) ([]Column, error) {
	qi, err := parseSelection(sel.QI, false)
	if err != nil {
		return nil, err
	}
	sens, err := parseSelection(sel.Sensitive, true)
	if err != nil {
		return nil, err
	}
	ids, err := parseSelection(sel.ID, false)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, n := range names {
		if _, dup := index[n]; !dup {
			index[n] = i
		}
	}
	cols := make([]Column, len(names))
	decided := make([]bool, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n, Index: i, Role: RoleOther}
	}
	lookup := func(flag, name string) (int, error) {
		i, ok := index[name]
		if !ok {
			known := append([]string(nil), names...)
			sort.Strings(known)
			return 0, usage("--%s %s: no such column (columns: %s)", flag, name, strings.Join(known, ", "))
		}
		if decided[i] {
			return 0, usage("--%s %s: column already given another role", flag, name)
		}
		decided[i] = true
		return i, nil
	}
	for _, s := range ids {
		i, err := lookup("id", s.name)
		if err != nil {
			return nil, err
		}
		cols[i].Role, cols[i].Reason = RoleDirect, "--id"
	}
	for _, s := range sens {
		i, err := lookup("sensitive", s.name)
		if err != nil {
			return nil, err
		}
		cols[i].Role, cols[i].Reason = RoleSensitive, "--sensitive"
		cols[i].Numeric = s.num > 0 || s.num == 0 && stats[i].numeric()
	}
	for _, s := range qi {
		i, err := lookup("qi", s.name)
		if err != nil {
			return nil, err
		}
		c := &cols[i]
		c.Role, c.Kind, c.Reason = RoleQuasi, s.kind, "--qi"
		if c.Kind == "" {
			// the kind from the name, else the content, else categorical
			if r, w, ok := byName(c.Name); ok && r.role == RoleQuasi {
				c.Kind, c.Reason = r.kind, fmt.Sprintf("--qi; kind from column name (%q)", w)
			} else if _, k, why, ok := stats[i].decide(); ok && k != "" {
				c.Kind, c.Reason = k, "--qi; kind from "+why
			} else {
				c.Kind = KindCategorical
			}
		}
	}
	for i := range cols {
		c := &cols[i]
		if decided[i] {
			continue
		}
		if r, w, ok := byName(c.Name); ok {
			if len(qi) > 0 && r.role == RoleQuasi {
				c.Reason = fmt.Sprintf("column name (%q) suggests a quasi-identifier, not in --qi", w)
				continue
			}
			if len(sens) > 0 && r.role == RoleSensitive {
				c.Reason = fmt.Sprintf("column name (%q) suggests sensitive data, not in --sensitive", w)
				continue
			}
			c.Role, c.Kind, c.Reason = r.role, r.kind, fmt.Sprintf("column name (%q)", w)
			if st := stats[i]; r.role == RoleQuasi && st.nonEmpty > 0 && (r.kind == KindAge || r.kind == KindSex || r.kind == KindResidentID || r.kind == KindDate) {
				// trust the name only if most of the content parses;
				// else read the values as categories
				if 2*st.parses[r.kind] <= st.nonEmpty {
					c.Kind = KindCategorical
					c.Reason += fmt.Sprintf("; only %d of %d sampled cells read as %s, so read as categories", st.parses[r.kind], st.nonEmpty, r.kind)
				}
			}
			if r.role == RoleSensitive {
				c.Numeric = stats[i].numeric()
			}
			continue
		}
		role, kind, why, ok := stats[i].decide()
		if !ok {
			c.Reason = "no personal information found in the name or sampled content"
			if stats[i].nonEmpty > 20 && len(stats[i].distinct) == stats[i].nonEmpty {
				c.Reason += " (values unique in the sample: a record key?)"
			}
			continue
		}
		if len(qi) > 0 && role == RoleQuasi {
			c.Reason = why + "; not in --qi"
			continue
		}
		if len(sens) > 0 && role == RoleSensitive {
			c.Reason = why + "; not in --sensitive"
			continue
		}
		c.Role, c.Kind, c.Reason = role, kind, why
		if role == RoleSensitive {
			c.Numeric = stats[i].numeric()
		}
	}
	return cols, nil
}
