package terms

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/internal/memo"
	"github.com/custos-project/custos/pi"
)

// Whole-cell fields. An HR export, a registration sheet or an order's
// JSON writes some fields in forms the term lists do not read in prose: a
// name in pinyin or English (Zhang Wei) under 姓名, a sex as a code (M, F,
// Male) under 性别, a job title the occupation list does not hold whole
// (高级工程师, 招聘专员, Sales Manager) under 职位, a platform nickname
// (小熊饼干) under 昵称 or nickName, a test's result (阳性, 阴性) under
// 检测结果. Under such a column the cell is that field.

// nameLabels are the words of Chinese column names whose cells are a
// person's name (名称 is a thing's); englishNameLabels the English ones,
// lower-cased without separators (full_name, guardianName → fullname,
// guardianname).
var nameLabels = []string{"姓名", "名字", "联系人", "英文姓", "英文名", "中文名", "外文姓", "外文名", "拼音名", "姓氏"}

var englishNameLabels = map[string]bool{"name": true, "fullname": true, "realname": true, "englishname": true,
	"enname": true, "nameen": true, "pinyin": true, "pinyinname": true, "contact": true, "contactname": true,
	"guardianname": true, "parentname": true, "emergencycontact": true, "emergencycontactname": true,
	"patientname": true, "studentname": true, "employeename": true, "customername": true, "surname": true, "lastname": true,
	"firstname": true, "givenname": true, "familyname": true, "middlename": true}

// nicknameLabels are the words of column names and keys whose values are
// a person's nickname on a platform, an online identity (昵称: 小熊饼干);
// English ones lower-cased without separators.
var nicknameLabels = []string{"昵称", "网名"}

var englishNicknameLabels = map[string]bool{"nickname": true, "nick": true, "screenname": true, "displayname": true}

// LettersLower returns the ASCII letters of s, lower-cased (guardianName,
// guardian_name → guardianname): how English keys are compared.
func LettersLower(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nicknameLabel reports whether a column name says its cells are
// nicknames.
func nicknameLabel(label string) bool {
	return containsAny(label, nicknameLabels) || englishNicknameLabels[LettersLower(label)]
}

// personNameLabel reports whether a column name says its cells are a
// person's name.
func personNameLabel(label string) bool {
	if containsAny(label, nameLabels) {
		return !strings.Contains(label, "名称")
	}
	return englishNameLabels[LettersLower(label)]
}

// positionLabels are the words of column names whose cells are a job title.
var positionLabels = []string{"职业", "职务", "职位", "岗位", "职称", "工种", "position", "Position", "job_title", "jobTitle", "JobTitle"}

// testLabels are the words of column names and keys whose cells are a
// test's result (检测结果: 阳性); testResults the results, with the result
// they give.
var (
	testLabels  = []string{"检测结果", "核酸结果", "检验结果", "化验结果", "抗原结果", "筛查结果", "testresult", "test_result", "testResult", "TestResult"}
	testResults = map[string]string{"阳性": "positive", "弱阳性": "positive", "阴性": "negative", "可疑": "inconclusive",
		"positive": "positive", "negative": "negative", "+": "positive", "-": "negative", "（+）": "positive", "（-）": "negative"}
)

// testItems are the words of column names that name a test, whose cells
// are its results (乙肝表面抗原: 阳性, HIV抗体: 阴性).
var testItems = []string{"抗原", "抗体", "核酸", "HIV", "HBsAg", "梅毒", "艾滋", "乙肝", "丙肝"}

// testColumnMemo answers once per label whether its cells are a test's
// results (testLabels, testItems).
var testColumnMemo = memo.New(func(label string) bool { return containsAny(label, testLabels) || containsAny(label, testItems) })

// sexCodes are the codes of sex written in a 性别 column.
var sexCodes = map[string]string{"m": "male", "f": "female", "male": "male", "female": "female"}

// labeledFields adds the whole-cell field of text, the cell under label,
// when the term lists found nothing in it (dst[n:] empty).
func labeledFields(text []byte, label string, dst []pi.Finding) []pi.Finding {
	a, b := trimSpaceBytes(text)
	if a == b || b-a > 60 {
		return dst
	}
	cell := string(text[a:b])
	add := func(t pi.Type, cat pi.Category, field string, attrs ...pi.Attr) []pi.Finding {
		return append(dst, pi.Finding{Type: t, Category: cat, Start: a, End: b, Score: 0.85, Source: Source,
			Evidence: pi.Evidence{Validator: "column:" + field, Valid: true, Context: []string{label}}, Attrs: attrs})
	}
	if f, ok := statusCell(label, cell, a, b); ok {
		return append(dst, f)
	}
	if physicalColumn(label) && measureReading(cell) || strings.Contains(label, "血型") && bloodTypeLen(cell) == len(cell) {
		return append(dst, physicalFinding(a, b, label))
	}
	switch {
	case strings.Contains(label, "性别"):
		if sex, ok := sexCodes[strings.ToLower(cell)]; ok {
			return add(pi.Gender, pi.CatBasic, "gender", pi.Attr{Key: pi.AttrSex, Value: sex})
		}
	case ScoreColumn(label):
		// a pupil's score, grade or rank (语文: 98, 成绩: 不及格)
		if ScoreValue(cell) {
			return add(pi.AcademicRecord, pi.CatEduWork, "academic")
		}
	case testColumnMemo.Get(label):
		// a test's result is health information whichever it is
		if result, ok := testResults[strings.ToLower(cell)]; ok {
			return add(pi.Health, pi.CatHealth, "test", pi.Attr{Key: "kind", Value: "test"}, pi.Attr{Key: "result", Value: result})
		}
	case containsAny(label, positionLabels):
		if jobTitle(cell) {
			return add(pi.Occupation, pi.CatEduWork, "occupation")
		}
	case strings.Contains(label, "国籍"):
		// a country under 国籍 (美国, 日本国籍)
		c := strings.TrimSuffix(strings.TrimSuffix(cell, "国籍"), "籍")
		for _, country := range countries() {
			if c == country || c+"国" == country {
				return add(pi.Nationality, pi.CatBasic, "nationality", pi.Attr{Key: "country", Value: country})
			}
		}
	case moneyColumn(label) != "":
		// a figure under 实发工资, 月收入 or 贷款余额 is the person's
		// income, deposit or debt, as 工资：18000元 is in a form
		if amountCell(cell) {
			return add(pi.Financial, pi.CatProperty, "financial", pi.Attr{Key: "kind", Value: moneyColumn(label)})
		}
	case yesAnswer(cell):
		// a yes under a yes-or-no column on a label or a condition
		// (是否低保户, 有无传染病史, 低保户) is that label or condition
		for _, f := range Find([]byte(label[max(0, questionAt(label)):]), nil) {
			if questionTypes[f.Type] {
				return add(f.Type, f.Category, "question", f.Attrs...)
			}
		}
	case containsAny(label, healthColumns) && questionAt(label) < 0:
		// whatever is written under 过敏史 or 既往病史 is a health fact
		// (花生 under 过敏史: a peanut allergy), but no answer or 正常
		if !blankAnswer(cell) && !healthyAnswer[cell] && utf8.RuneCountInString(cell) <= 60 {
			return add(pi.Health, pi.CatHealth, "health", pi.Attr{Key: "kind", Value: healthColumnKind(label)})
		}
	case nicknameLabel(label):
		if utf8.RuneCountInString(cell) <= 30 && !strings.ContainsAny(cell, "\n\t") && !blankAnswer(cell) {
			dst = add(pi.PersonName, pi.CatName, "nickname", pi.Attr{Key: "nickname", Value: "true"})
			dst[len(dst)-1].Score = 0.8
			return dst
		}
	case personNameLabel(label):
		if hanName(cell) && !strings.Contains(label, "名称") {
			// a Chinese name under 姓名 the tagger did not see (钱多多: 多多
			// is also a word)
			return add(pi.PersonName, pi.CatName, "name")
		}
		if latinName(cell) || namePartLabel(label) && latinWord(cell) {
			// Zhang Wei under 姓名; SMITH under 英文姓, John under firstName
			dst = add(pi.PersonName, pi.CatName, "name")
			if l := strings.ToLower(label); l == "name" || l == "contact" {
				// a bare "name" key also names products and teams
				dst[len(dst)-1].Score = 0.6
			}
		}
	}
	return dst
}

// healthColumns are the words of column names whose cells are a health
// fact whatever they say: an allergy, a history, a diagnosis, a drug.
var healthColumns = []string{"过敏", "病史", "既往史", "诊断", "疾病", "病情", "用药", "药物", "症状", "残疾类别", "残疾类型", "伤残",
	"病种", "病名"}

// healthyAnswer are the answers under such a column that say nothing is
// wrong.
var healthyAnswer = map[string]bool{"正常": true, "健康": true, "良好": true, "无异常": true, "未见异常": true, "无过敏": true}

// healthColumnKind is the kind of health fact a column's cells are.
func healthColumnKind(label string) string {
	switch {
	case strings.Contains(label, "用药"), strings.Contains(label, "药物") && !strings.Contains(label, "过敏"):
		return "medication"
	case strings.Contains(label, "症状"):
		return "symptom"
	case strings.Contains(label, "残疾"), strings.Contains(label, "伤残"):
		return "disability"
	}
	return "diagnosis"
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// questionTypes are the findings a yes-or-no column can ask about.
var questionTypes = map[pi.Type]bool{pi.SpecialIdentity: true, pi.Health: true, pi.Religion: true,
	pi.CriminalRecord: true, pi.SexualOrientation: true, pi.Financial: true, pi.Biometric: true}

// questionAt returns where the asked-about words of a yes-or-no column's
// label start (是否低保户 → 低保户), -1 when the label asks nothing.
func questionAt(label string) int {
	for _, w := range questionWords {
		if i := strings.Index(label, w); i >= 0 {
			return i + len(w)
		}
	}
	return -1
}

// yesAnswer reports whether a cell answers yes.
func yesAnswer(cell string) bool {
	switch strings.ToLower(cell) {
	case "是", "有", "是的", "y", "yes", "true", "√", "✓", "✔", "☑":
		return true
	}
	return false
}

// BlankAnswer reports whether a cell says there is nothing to say (无,
// 不详, -, null).
func BlankAnswer(cell string) bool { return blankAnswer(cell) }

// blankAnswer reports whether a cell says there is nothing to say.
func blankAnswer(cell string) bool {
	switch strings.ToLower(cell) {
	case "无", "否", "是", "暂无", "没有", "不详", "未知", "未填", "其他", "其它", "-", "--", "/", "n/a", "na", "none", "null", "nil":
		return true
	}
	return false
}

// jobTitle reports whether a cell reads as a job title: up to 16
// characters of letters (Chinese or Latin) and spaces, no digits, no
// sentence punctuation, not a yes/no or blank answer.
func jobTitle(cell string) bool {
	if utf8.RuneCountInString(cell) > 16 || blankAnswer(cell) {
		return false
	}
	letters := 0
	for _, r := range cell {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '-' || r == '/' || r == '&' || r == '·' || r == '（' || r == '）' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return letters >= 2
}

// latinName reports whether a cell is a personal name written in Latin
// letters: two to four words of letters (hyphens, apostrophes and dots
// inside: Jean-Luc, O'Brien, J.), each starting with a capital (ZHANG Wei,
// Li Na, Mary Anne Smith). One word alone (Zhangwei, Admin) is not read:
// it could be anything.
// hanName reports whether a cell is a Chinese name: two to four Han
// characters after a surname (a compound surname counts), nothing else.
func hanName(cell string) bool {
	t := []byte(cell)
	n := surnameAt(t, 0, len(t))
	return n > 0 && isHanRun(t, 0, len(t), 2, 4) && len(t) > n
}

func latinName(cell string) bool {
	words := strings.Fields(cell)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if !unicode.IsUpper(rune(w[0])) || w[0] >= utf8.RuneSelf {
			return false
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (c == '-' || c == '\'' || c == '.') && i > 0) {
				return false
			}
		}
	}
	return true
}

// namePartLabel reports whether a column holds one part of a name (英文姓,
// 英文名, surname, firstName): a single word there is a name.
func namePartLabel(label string) bool {
	switch LettersLower(label) {
	case "surname", "lastname", "firstname", "givenname", "familyname", "middlename":
		return true
	}
	return containsAny(label, []string{"英文姓", "英文名", "外文姓", "外文名", "拼音名", "姓氏"})
}

// latinWord reports whether a cell is one word of Latin letters starting
// with a capital (Smith, SMITH, O'Neil), two to thirty letters long.
func latinWord(cell string) bool {
	if len(cell) < 2 || len(cell) > 30 || cell[0] < 'A' || cell[0] > 'Z' {
		return false
	}
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (c == '-' || c == '\'') && i > 0) {
			return false
		}
	}
	return true
}

// moneyColumns are the words of column names whose figures are a person's
// money, with the kind of financial information they are.
var moneyColumns = []struct{ word, kind string }{
	{"工资", "income"}, {"薪", "income"}, {"收入", "income"}, {"奖金", "income"}, {"绩效", "income"}, {"补贴金额", "income"},
	{"救助金额", "income"}, {"个税", "income"}, {"实发", "income"}, {"应发", "income"}, {"salary", "income"}, {"income", "income"},
	{"存款", "deposit"}, {"余额", "deposit"}, {"balance", "deposit"},
	{"贷款", "debt"}, {"欠款", "debt"}, {"借款", "debt"}, {"负债", "debt"}, {"debt", "debt"}, {"loan", "debt"},
}

// moneyColumn returns the kind of the money a column name says its
// figures are, "" for none.
func moneyColumn(label string) string { return moneyColumnMemo.Get(label) }

// moneyColumnMemo caches moneyKind: a register asks it of every cell.
var moneyColumnMemo = memo.New(moneyKind)

func moneyKind(label string) string {
	l := strings.ToLower(label)
	for _, m := range moneyColumns {
		if strings.Contains(l, m.word) {
			return m.kind
		}
	}
	return ""
}

// amountCell reports whether a cell is an amount of money: digits with
// thousands separators and a decimal part, an optional currency sign or
// unit (¥18,000.00, 9871.20, 5000元, 1.2万).
func amountCell(cell string) bool {
	c := strings.TrimPrefix(strings.TrimPrefix(cell, "¥"), "￥")
	for _, u := range []string{"万元", "元", "万"} {
		if strings.HasSuffix(c, u) {
			c = strings.TrimSuffix(c, u)
			break
		}
	}
	digits := 0
	for i, r := range c {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return digits > 0 && digits <= 12
}
