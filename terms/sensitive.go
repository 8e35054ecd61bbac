package terms

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Sensitive terms (PIPL Art. 28) come from the lists in data/. Each is a
// finding anywhere, scored by the person context: 0.9 in a sentence about a
// person, 0.8 when the context is inherited from an earlier sentence, 0.5
// in general prose (with the reason). Special-identity labels score high
// anywhere (0.85 to 0.95): the 2025 Measures forbid them in publicity
// whoever they are about. Terms with the ctx flag (financial words, bare
// religion names) are findings only in a person context.

// healthNextReject are words after a health term that make it the label of
// a hospital's number for a patient (住院号, 病历号, 门诊编号), which detect
// reports as a medical_record_number.
var healthNextReject = []string{"号", "编号", "卡号"}

func (s *scan) sensitive(h hit, e *entry) int {
	t := s.text
	if e.flags&flagEnd != 0 {
		if r, _ := runeAt(t, h.end); isHan(r) {
			return 0
		}
	}
	if e.flags&flagStart != 0 {
		if r, _ := runeBefore(t, h.start); isHan(r) {
			return 0
		}
	}
	if e.typ == pi.Health && prefixIn(t, h.end, healthNextReject) > 0 {
		return 0 // 住院号, 门诊号码: the label of a hospital's number
	}
	ctx, person := s.personNear(h.start)
	filled := filledAmount(t, h.end)
	if e.flags&flagCtx != 0 && (!person || ctx.Inherited) && !(e.kind == "offence" && suffixIn(t, h.start, offenceVerbs) > 0) && !filled {
		return 0
	}
	if e.typ == pi.Financial && (!s.ownedBy(h.start) && !filled || prefixIn(t, h.end, financialNextReject) > 0) {
		return 0
	}
	end := h.end
	switch {
	case e.term == "体温":
		end = s.temperature(end)
	case filled && e.typ == pi.Financial:
		end = amountEnd(t, end) // 月人均收入：320元: the figure is the fact
	case e.typ == pi.Financial && inlineAmountEnd(t, end) > end:
		end = inlineAmountEnd(t, end) // 月收入约680元, in a person's context
	case strings.HasSuffix(e.term, "等级") || strings.HasSuffix(e.term, "类别"):
		end = gradeValueEnd(t, end) // 伤残等级：七级: the grade is the fact
	case e.kind == "physical":
		// a measure of the body is a person's with its reading (身高：
		// 135cm, 血型：A型RH阳性), as a form's field (血压：正常) or in a
		// person's context; 平均身高 in prose is nobody's
		if e.term == "血型" {
			end = bloodTypeEnd(t, end)
		} else {
			end = s.measurement(end)
		}
		if r, _ := runeAt(t, h.end); end == h.end && !person && r != '：' && r != ':' {
			return 0
		}
	}
	var score float64
	reason := ""
	special := e.typ == pi.SpecialIdentity
	switch {
	case person && !ctx.Inherited:
		score = 0.9
		if special {
			score = 0.95
		}
	case person:
		score = 0.8
		if special {
			score = 0.9
		}
	default:
		score, reason = 0.5, NoPersonContext
		if special {
			score, reason = 0.85, ""
		}
	}
	if e.typ == pi.Financial {
		score -= 0.1
	}
	start := h.start
	if e.kind == "diagnosis" {
		start = qualifiersBefore(t, start, s.sentStart) // 急性淋巴细胞|白血病: the kind is the diagnosis too
	}
	f := pi.Finding{Type: e.typ, Category: e.cat, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: e.list, Context: ctxWords(e.term, ctx), Reason: reason}}
	if e.kind != "" {
		f.SetAttr("kind", e.kind)
	}
	if e.term == "确诊" && diagnosisNamedAfter(t, end, s.sentEnd) {
		// 确诊为神经母细胞瘤: a diagnosis of that illness, no epidemic status
		f.Category = pi.CatHealth
		f.SetAttr("kind", "diagnosis")
	}
	if e.typ == pi.Health && (negatedClause(t, h.start, s.sentStart) || e.kind == "symptom" && prefixIn([]byte(e.term), 0, negations) > 0) ||
		e.typ == pi.CriminalRecord && negatedClause(t, h.start, s.sentStart) ||
		(e.typ == pi.Health || e.typ == pi.CriminalRecord) && suffixIn(t, h.start, negatedBefore) > 0 {
		// 否认高血压、糖尿病史, 无发热, 无犯罪记录: still information about the person
		f.SetAttr("negated", "true")
	}
	if special {
		label := e.label
		if label == "" {
			label = e.term
		}
		f.SetAttr("label", label)
	}
	if special && countAfter(t, end, s.sentEnd) {
		// 其中留守儿童211人: how many people bear the label, no one
		// person's; the sentence's speaker is no child
		f.Score, f.Evidence.Reason = 0.4, "a count of people, not one person's label"
		f.SetAttr("holder", "group")
	} else if e.band != "" && householdChild(t, h.start, s.sentStart) {
		// 家有残疾儿童: a child of the household, not the person the
		// record is about
		f.SetAttr("holder", "household")
	} else if e.band != "" {
		// a child's label says the person is a minor (孤儿, 留守儿童)
		f.SetAttr("age_band", e.band)
	} else if childClause(t, h.start, s.sentStart) {
		// 陈女士说，孩子性格内向，有轻度抑郁: the child's, whoever tells it
		f.SetAttr("age_band", ChildBand)
	}
	s.add(f)
	return end
}

// diseaseQualifiers are the words written before an illness's name that
// say which kind of it: they are part of the diagnosis (急性淋巴细胞白血病,
// 原发性高血压, 2型糖尿病 is in the list already).
var diseaseQualifiers = newWordSet("急性", "慢性", "亚急性", "淋巴细胞", "髓系", "髓细胞", "粒细胞", "单核细胞", "早幼粒细胞",
	"原发性", "继发性", "先天性", "遗传性", "特发性", "复发性", "难治性", "恶性", "良性", "晚期", "早期", "中晚期", "重度",
	"中度", "轻度", "重型", "轻型", "病毒性", "细菌性", "过敏性", "感染性", "弥漫性", "局灶性", "小细胞", "非小细胞", "大B细胞",
	"弥漫大B细胞", "乳腺", "宫颈", "结肠", "直肠", "鼻咽", "甲状腺", "胰腺", "食管")

// maxQualifiers bounds how many qualifiers are read before an illness.
const maxQualifiers = 4

// qualifiersBefore returns where the qualifiers written right before the
// illness at i start (急性|淋巴细胞|白血病), not before floor.
func qualifiersBefore(t []byte, i, floor int) int {
	for k := 0; k < maxQualifiers; k++ {
		n := diseaseQualifiers.suffix(t, i, floor)
		if n == 0 {
			break
		}
		i -= n
	}
	return i
}

// countAfter reports whether a count of people follows i: a number, then
// 人, 名, 户 or 个 (留守儿童211人, 低保户三十余户, 孤儿共12名, 建档立卡贫困户
// 学生87人).
func countAfter(t []byte, i, ceil int) bool {
	for _, w := range []string{"学生", "儿童", "家庭", "人口", "子女", "人员"} {
		if hasPrefixAt(t, i, w) {
			i += len(w)
			break
		}
	}
	if hasPrefixAt(t, i, "共") || hasPrefixAt(t, i, "有") {
		i += len("共")
	}
	_, b, ok := numberAfter(t, i, ceil)
	if !ok {
		return false
	}
	for _, w := range []string{"余", "多"} {
		if hasPrefixAt(t, b, w) {
			b += len(w)
		}
	}
	r, _ := runeAt(t, b)
	return r == '人' || r == '名' || r == '户' || r == '个' || r == '位'
}

// householdVerbs say that a household has a child, whom the label after
// them is about (家有残疾儿童, 育有一名孤儿, 抚养两个留守儿童).
var householdVerbs = []string{"家有", "家中有", "家里有", "育有", "抚养", "收养", "领养", "照顾", "照看", "带着"}

// householdChild reports whether the child's label at i follows a
// household verb in its sentence (from floor on), a count in between
// allowed (家有一名残疾儿童).
func householdChild(t []byte, i, floor int) bool {
	j := i
	for j > floor {
		r, n := utf8.DecodeLastRune(t[floor:j])
		if !strings.ContainsRune("一二两三四五六七八九十0123456789名个位", r) {
			break
		}
		j -= n
	}
	for _, v := range householdVerbs {
		if j-len(v) >= floor && string(t[j-len(v):j]) == v {
			return true
		}
	}
	return false
}

// gradeValueEnd returns where the short answer after a field's colon at i
// ends (：七级, ：肢体二级, ：3级（因战）), or i when none follows: up to eight
// characters before a delimiter or a space.
func gradeValueEnd(t []byte, i int) int {
	r, n := runeAt(t, i)
	if r != '：' && r != ':' {
		return i
	}
	j := i + n
	for r, n = runeAt(t, j); r == ' '; r, n = runeAt(t, j) {
		j += n
	}
	k, runes := j, 0
	for k < len(t) && runes < 8 {
		r, n := runeAt(t, k)
		if isSpace(r) || r == '，' || r == ',' || r == '。' || r == '；' || r == ';' || r == '（' || r == '(' || r == '\n' || r == '　' {
			break
		}
		k += n
		runes++
	}
	if k == j || runes == 8 {
		return i
	}
	return k
}

// infectiousWords say a diagnosis is of an infectious disease.
var infectiousWords = []string{"新冠", "肺炎", "阳性", "感染", "病例", "患者", "传染", "病毒", "疑似", "无症状", "艾滋", "HIV", "结核", "肝炎",
	"流感", "猴痘", "COVID"}

// diagnosisNamedAfter reports whether 确诊 ending at i goes on to name an
// illness that is not an infection (确诊为神经母细胞瘤, 确诊患有白血病): its
// clause has 为 or 患 after it and no word of an infection.
func diagnosisNamedAfter(t []byte, i, ceil int) bool {
	j := i
	for j < ceil {
		r, n := runeAt(t, j)
		if r == '，' || r == ',' || r == '。' || r == '；' || r == '\n' {
			break
		}
		j += n
	}
	clause := t[i:j]
	if !bytes.HasPrefix(clause, []byte("为")) && !bytes.HasPrefix(clause, []byte("患")) {
		return false
	}
	return !containsAnyWord(clause, infectiousWords)
}

// ChildBand is the age_band of a person the text speaks of as a child
// with no age (孩子被诊断为…; in detect, the child a parent's handle names).
const ChildBand = "0-17"

// childWords name a child as the one a clause speaks of.
var childWords = []string{"孩子", "患儿", "男孩", "女孩", "男童", "女童", "幼儿", "婴儿", "小朋友", "宝宝"}

// childBlockers name someone other than the child: a clause holding one
// between the child and a term gives the term to them (孩子在家，母亲患有…).
var childBlockers = []string{"父亲", "母亲", "爸爸", "妈妈", "爷爷", "奶奶", "外公", "外婆", "家长", "丈夫", "妻子", "老师",
	"医生", "护士", "先生", "女士", "他", "她"}

// childClause reports whether the sentence holding i speaks of a child
// up to i (孩子被诊断为…; 孩子性格内向，平时不爱说话，有轻度抑郁): a child word
// in i's clause or a clause before it with no one else named in between,
// and not a child whose relative is meant (孩子的父亲, 孩子妈妈) or one the
// person takes along (王某带着孩子).
func childClause(t []byte, i, floor int) bool {
	end := i
	for a := i; ; {
		for a > floor {
			r, size := runeBefore(t, a)
			if r == '，' || r == ',' || r == '。' || r == '；' || r == ';' || r == '\n' || r == '！' || r == '？' {
				break
			}
			a -= size
		}
		clause := t[a:end]
		for _, w := range childWords {
			k := bytes.LastIndex(clause, []byte(w))
			if k < 0 {
				continue
			}
			after := a + k + len(w)
			lead := t[a : a+k] // 其孩子, 她的孩子 — not 王某带着孩子
			if utf8.RuneCount(lead) <= 3 && !bytes.ContainsAny(lead, "带陪和与跟给把让叫替帮同送接") &&
				prefixIn(t, after, []string{"的", "妈", "爸", "家长", "父", "母", "爷", "奶", "外公", "外婆"}) == 0 &&
				!containsAnyWord(t[after:i], childBlockers) {
				return true
			}
		}
		if containsAnyWord(clause, childBlockers) || a <= floor {
			return false
		}
		r, size := runeBefore(t, a)
		if r != '，' && r != ',' {
			return false // a clause before a full stop or a semicolon is another sentence
		}
		end = a - size
		a = end
	}
}

// containsAnyWord reports whether b holds one of words.
func containsAnyWord(b []byte, words []string) bool {
	for _, w := range words {
		if bytes.Contains(b, []byte(w)) {
			return true
		}
	}
	return false
}

// temperature extends 体温 over its reading: 体温37.5℃, 体温为38.3°C.
func (s *scan) temperature(i int) int {
	t := s.text
	j := i
	if r, n := runeAt(t, j); r == '为' || r == '：' || r == ':' || r == '达' || r == '是' {
		j += n
	}
	a, b, ok := numberAfter(t, j, s.sentEnd)
	if !ok || a != j || b-a > 3 {
		return i
	}
	if r, n := runeAt(t, b); r == '.' || r == '．' {
		if c, d, ok := numberAfter(t, b+n, s.sentEnd); ok && c == b+n {
			b = d
		}
	}
	if k := prefixIn(t, b, []string{"℃", "°C", "°c", "度", "°"}); k > 0 {
		return b + k
	}
	return i
}

// physicalLabels name the columns of a measure of the body (a school
// checkup's 身高, 体重, 视力).
var physicalLabels = []string{"身高", "身长", "头围", "体重", "视力", "血压", "BMI", "体重指数", "肺活量", "腰围", "心率"}

// physicalColumn reports whether a column's name says its cells are a
// measure of the body.
func physicalColumn(label string) bool { return containsAny(label, physicalLabels) }

// measureReading reports whether a cell is a reading: a number with its
// decimals or second part (120/80) and maybe a unit (135cm, 38kg, 4.8).
func measureReading(cell string) bool {
	cell = strings.TrimSpace(cell)
	i := 0
	digits := func() int {
		j := i
		for i < len(cell) && cell[i] >= '0' && cell[i] <= '9' {
			i++
		}
		return i - j
	}
	if digits() == 0 {
		return false
	}
	if i < len(cell) && (cell[i] == '.' || cell[i] == '/') {
		i++
		if digits() == 0 {
			return false
		}
	}
	rest := cell[i:]
	return rest == "" || slices.Contains(measureUnits, strings.TrimSpace(rest))
}

// bloodTypeLen returns the length in bytes of the blood type that starts
// b (A型, AB, O型RH阳性, B型Rh(-)), 0 when none does.
func bloodTypeLen(b string) int {
	i := 0
	switch {
	case strings.HasPrefix(b, "AB"), strings.HasPrefix(b, "ab"):
		i = 2
	case len(b) > 0 && strings.ContainsRune("ABOabo", rune(b[0])):
		i = 1
	default:
		return 0
	}
	if strings.HasPrefix(b[i:], "型") {
		i += len("型")
	} else if i < len(b) && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z') {
		return 0 // ABC, Apple: a word
	}
	for _, rh := range []string{"RH", "Rh", "rh"} {
		if strings.HasPrefix(b[i:], rh) {
			j := i + len(rh)
			for _, sign := range []string{"阴性", "阳性", "(-)", "(+)", "（-）", "（+）", "-", "+"} {
				if strings.HasPrefix(b[j:], sign) {
					return j + len(sign)
				}
			}
		}
	}
	return i
}

// bloodTypeEnd extends 血型 over the type written after it (血型：A型,
// 血型为O型RH阴性).
func bloodTypeEnd(t []byte, i int) int {
	j := i
	if r, n := runeAt(t, j); r == '：' || r == ':' || r == '为' || r == '是' || r == ' ' {
		j += n
	}
	if n := bloodTypeLen(string(t[j:min(len(t), j+24)])); n > 0 {
		return j + n
	}
	return i
}

// physicalFinding is the health finding of a measure's reading under the
// column label.
func physicalFinding(start, end int, label string) pi.Finding {
	return pi.Finding{Type: pi.Health, Category: pi.CatHealth, Start: start, End: end, Score: 0.85, Source: Source,
		Evidence: pi.Evidence{Validator: "column:physical", Valid: true, Context: []string{label}},
		Attrs:    []pi.Attr{{Key: "kind", Value: "physical"}}}
}

// measureUnits are the units of a measure of the body, longest first where
// one starts another (mmHg before m).
var measureUnits = []string{"mmHg", "mmol/L", "mmol/l", "μmol/L", "umol/L", "U/L", "g/L", "%", "次/分", "bpm", "cm", "CM", "厘米",
	"kg", "KG", "公斤", "千克", "ml", "毫升", "米", "m", "斤", "克", "g"}

// measurement extends a measure of the body over its reading: 身高：135cm,
// 体重38kg, 血压120/80mmHg, BMI 20.8, 视力：左4.8　右5.0 (the eyes'
// readings both).
func (s *scan) measurement(i int) int {
	t := s.text
	j := i
	if r, n := runeAt(t, j); r == '为' || r == '：' || r == ':' || r == '是' || isSpace(r) {
		j += n
	}
	if r, n := runeAt(t, j); r == '约' {
		j += n // 身高约130厘米
	}
	if r, n := runeAt(t, j); r == '左' || r == '右' {
		end := s.reading(j + n)
		if end == j+n {
			return i
		}
		k := end
		for r, n := runeAt(t, k); isSpace(r) || r == '，' || r == ','; r, n = runeAt(t, k) {
			k += n
		}
		if r, n := runeAt(t, k); r == '左' || r == '右' {
			if e := s.reading(k + n); e > k+n {
				end = e
			}
		}
		return end
	}
	if e := s.reading(j); e > j {
		return e
	}
	return i
}

// reading returns the end of a number with its decimals or second part
// (120/80) and unit at j, j if none starts there.
func (s *scan) reading(j int) int {
	t := s.text
	a, b, ok := numberAfter(t, j, s.sentEnd)
	if !ok || a > j+3 || b-a > 4 {
		return j
	}
	for _, sep := range []rune{'.', '．', '/'} {
		if r, n := runeAt(t, b); r == sep {
			if c, d, ok := numberAfter(t, b+n, s.sentEnd); ok && c == b+n && d-c <= 3 {
				b = d
			}
		}
	}
	return b + prefixIn(t, b, measureUnits)
}

// financialNextReject are words after a financial term that make it about
// a product or a business, not a person's money (贷款客户, 理财产品, 房产中介).
var financialNextReject = []string{"师", "顾问", "经理", "客户", "产品", "业务", "政策", "利率", "利息", "中介", "公司", "局",
	"市场", "电话", "机构", "计划", "保险", "标准", "额度", "规模", "总额", "增速", "余额宝", "行业", "税", "管理", "交易", "证"}

// possessives are the words that give a financial term an owner.
var possessives = []string{"其", "他的", "她的", "他", "她", "您的", "本人", "本人的", "名下", "名下的", "自己的", "自己", "个人的", "家庭", "家庭的", "其家庭", "每月", "月", "年"}

// ownedBy reports whether the financial term at i belongs to a person:
// after a possessive (其存款, 他的工资, 名下房产), after a name and 的 (张某的
// 贷款), or in a sentence with a record cue (李某，男，45岁，负债20万元).
func (s *scan) ownedBy(i int) bool {
	if s.record && !s.ctx.Inherited {
		return true
	}
	if s.ctx.Person && !s.ctx.Inherited && (s.ctx.Cue == "您" || s.ctx.Cue == "您的") {
		return true // a letter to its reader: 您在我司的借款已逾期
	}
	if suffixIn(s.text, i, possessives) > 0 && s.ctx.Person {
		return true
	}
	j := i
	if hasSuffixAt(s.text, j, "的") {
		j -= len("的")
	}
	for _, f := range s.out {
		if (f.Type == pi.MaskedName || f.Type == pi.PersonName) && f.End == j {
			return true
		}
	}
	return false
}

// offenceVerbs before an offence's name say someone committed, is
// suspected of or suffered it (因犯盗窃罪, 涉嫌诈骗罪, 实施猥亵, 遭到家暴): a
// person is meant even in a sentence that does not name them.
var offenceVerbs = []string{"犯", "涉嫌", "犯有", "以", "因", "遭到", "遭受", "实施", "被"}

// filledAmount reports whether a form's field filled in with an amount
// follows i (月薪：7200元, 存款: 5万元): a person's own figure, whatever the
// sentence around it says.
func filledAmount(t []byte, i int) bool {
	r, n := runeAt(t, i)
	if r != '：' && r != ':' {
		return false
	}
	i += n
	for r, n = runeAt(t, i); r == ' ' || r == '\u3000'; r, n = runeAt(t, i) {
		i += n
	}
	if k := prefixIn(t, i, currencies); k > 0 {
		r, _ = runeAt(t, i+k)
	}
	return isDigit(r) || isNumeralRune(r) || r == '￥' || r == '¥'
}

// currencies are written before an amount (港币18,500元, 人民币3000元).
var currencies = []string{"人民币", "港币", "港元", "澳门币", "澳门元", "新台币", "美元", "RMB", "HK$", "HKD", "US$"}

// amountEnd returns where the amount filled in after a field's colon at i
// ends (：320元, ：￥7,200.50, ：3.2万元, ：五万元), or i when none follows.
func amountEnd(t []byte, i int) int {
	r, n := runeAt(t, i)
	if r != '：' && r != ':' {
		return i
	}
	j := i + n
	for r, n = runeAt(t, j); r == ' ' || r == '\u3000' || r == '￥' || r == '¥'; r, n = runeAt(t, j) {
		j += n
	}
	j += prefixIn(t, j, currencies)
	k := figureEnd(t, j)
	if k == j {
		return i
	}
	return k + prefixIn(t, k, amountUnits)
}

// amountUnits are the units written after an amount's figure.
var amountUnits = []string{"万元", "千元", "亿元", "元", "万", "千", "块"}

// figureEnd returns the end of the figure at j (7,200.50, 3.2, 五), j when
// none starts there.
func figureEnd(t []byte, j int) int {
	k := j
	for {
		r, n := runeAt(t, k)
		if !(isDigit(r) || isNumeralRune(r) || (r == '.' || r == ',') && k > j) {
			break
		}
		k += n
	}
	for k > j && (t[k-1] == '.' || t[k-1] == ',') {
		k-- // a sentence's full stop after the figure
	}
	return k
}

// amountWords stand between an income or a debt and its amount in a
// sentence (月收入约680元, 欠款达12万元).
var amountWords = []string{"约", "为", "达", "仅", "只有", "不足", "不到", "超过", "近", "共", "计"}

// inlineAmountEnd returns where an amount written right after a financial
// term ends (月薪15000元, 月收入约680元): a figure and a unit of money, a
// word of measure before it or not; i when none follows.
func inlineAmountEnd(t []byte, i int) int {
	j := i + prefixIn(t, i, amountWords)
	j += prefixIn(t, j, currencies)
	k := figureEnd(t, j)
	if k == j {
		return i
	}
	u := prefixIn(t, k, []string{"万元", "千元", "亿元", "元", "块钱", "块"})
	if u == 0 {
		return i // 收入3倍: no amount of money
	}
	return k + u
}

// negatedBefore deny the term right after them (张某无犯罪记录, 王某没有
// 高血压).
var negatedBefore = []string{"无", "没有", "未发现", "未见", "否认", "并无", "从无", "未有"}

// negations open a clause that denies what it lists (否认高血压、糖尿病史,
// 无发热、咳嗽); noNegation are clause openings that start the same way and
// deny something else (无明显诱因出现发热: the fever is there).
var (
	negations  = []string{"否认", "无", "未", "没有", "不伴", "排除"}
	noNegation = []string{"无明显诱因", "无诱因", "无明显原因", "未经", "未及时", "未能"}
)

// negatedClause reports whether the clause holding byte i, from its start to
// i, opens with a negation (after 患者 or 其 at most).
func negatedClause(t []byte, i, floor int) bool {
	a := i
	for a > floor {
		r, size := runeBefore(t, a)
		if r == '，' || r == ',' || r == '。' || r == '；' || r == ';' || r == '：' || r == ':' || r == '\n' {
			break
		}
		a -= size
	}
	for _, w := range []string{"患者", "其", "病人", "本人"} {
		if hasPrefixAt(t, a, w) && a+len(w) < i {
			a += len(w)
			break
		}
	}
	if a >= i || prefixIn(t, a, noNegation) > 0 {
		return false
	}
	k := prefixIn(t, a, negations)
	return k > 0 && a+k <= i
}
