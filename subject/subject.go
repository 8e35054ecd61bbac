package subject

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/internal/memo"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/terms"
	"github.com/custos-project/custos/zh"
)

// AttrSubject is the attribute that ties findings to their subject. Within
// a text its value is the byte offset (in that text) of the subject's first
// finding; the report layer turns it into an offset in the whole input.
// For a table row it is "row N".
const AttrSubject = "subject"

// Facts are what the findings of one subject say about the person.
type Facts struct {
	// Age is the age in years, -1 when unknown. Several ages (a stated
	// age, an ID number's) keep the lowest: protection errs towards the
	// child.
	Age int
	// AgeMax is the upper end of an age band implied by a school grade
	// (小学三年级 → 9), -1 when none.
	AgeMax int
	// StatedMinor and StatedU14 are true when the text states, in the
	// law's words, that the person was under 18 or under 14
	// (犯罪时已满十六周岁不满十八周岁): a minor in the case whatever the age
	// today (Minors Protection Law Art. 103).
	StatedMinor, StatedU14 bool
	Sex                    string
	Name                   string
	// Person is true when some finding identifies or describes a person
	// (a name, an identity document, an age, a sex …).
	Person bool
}

// personTypes are the types that say a finding is about a person.
var personTypes = map[pi.Type]bool{
	pi.PersonName: true, pi.MaskedName: true, pi.ResidentID: true, pi.Passport: true, pi.HKMacauPermit: true,
	pi.TaiwanPermit: true, pi.HKID: true, pi.TaiwanID: true, pi.MacaoID: true, pi.PersonNumber: true, pi.Age: true, pi.Gender: true, pi.MobilePhone: true,
	pi.Email: true, pi.BankCard: true, pi.SpecialIdentity: true,
}

// attributive types describe the person whose name follows them directly
// (留守儿童王小军, 护士李某, 10岁的李明).
var attributive = map[pi.Type]bool{
	pi.SpecialIdentity: true, pi.Occupation: true, pi.School: true, pi.Ethnicity: true, pi.Nationality: true,
	pi.Age: true, pi.CriminalRecord: true, // 犯罪嫌疑人马某某
}

// attached reports whether text[end:start] joins a label to the name after
// it: nothing, or at most two characters without punctuation (学生, 的).
func attached(text []byte, end, start int) bool {
	if start < end || start-end > 6 {
		return false
	}
	for _, r := range string(text[end:start]) {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// gather reads the facts of a group of findings.
func gather(text []byte, fs []*pi.Finding) Facts {
	f := Facts{Age: -1, AgeMax: -1}
	unseen := -1 // the band of schools found with no person in their sentence
	past := -1   // an age at a past event (8岁时), the age only when no other is known
	for _, x := range fs {
		if personTypes[x.Type] {
			f.Person = true
		}
		if a, ok := age(x); ok && x.Type == pi.Age && text != nil && pastAge(text[x.End:]) {
			if past < 0 || a < past {
				past = a
			}
		} else if ok && (f.Age < 0 || a < f.Age) {
			f.Age = a
		}
		if b := x.Attr("age_band"); b != "" && !workplace(text, fs, x) {
			if _, hi, ok := strings.Cut(b, "-"); ok {
				n, err := strconv.Atoi(hi)
				if err == nil && x.Type == pi.School && x.Evidence.Reason == terms.NoPersonContext {
					if unseen < 0 || n < unseen {
						unseen = n
					}
					continue
				}
				if err == nil && (f.AgeMax < 0 || n < f.AgeMax) {
					f.AgeMax = n
				}
				if err == nil && x.Type == pi.Age && x.Attr("years") == "" {
					f.StatedMinor = f.StatedMinor || n < 18
					f.StatedU14 = f.StatedU14 || n < 14
				}
			}
		}
		if s := x.Attr(pi.AttrSex); s != "" && f.Sex == "" {
			f.Sex = s
		}
		if (x.Type == pi.PersonName || x.Type == pi.MaskedName) && f.Name == "" && text != nil {
			f.Name = string(text[x.Start:x.End])
		}
	}
	// a school a reporter visits makes nobody a pupil; with a person in the
	// group, it is the person's school
	if f.Person && unseen >= 0 && (f.AgeMax < 0 || unseen < f.AgeMax) {
		f.AgeMax = unseen
	}
	if f.Age < 0 {
		f.Age = past
	}
	return f
}

// pastAge reports whether the text after an age makes it the age at a past
// event (8岁时在本村小学读书, 5岁那年): a biography's person born in 1905 is
// no child for it.
func pastAge(after []byte) bool {
	return bytes.HasPrefix(after, []byte("时")) || bytes.HasPrefix(after, []byte("那年")) || bytes.HasPrefix(after, []byte("的时候"))
}

// workplace reports whether the school x is where the person works: an
// occupation that is neither a pupil's word nor an age band of its own
// follows it (小学教师林洪榜, 阳光小学的老师), or, in a record (text nil),
// stands in any of its cells (学校：阳光小学, 职务：教师). A school's pupils
// are children, its teachers are not.
func workplace(text []byte, fs []*pi.Finding, x *pi.Finding) bool {
	if x.Type != pi.School {
		return false
	}
	for _, y := range fs {
		if y.Type != pi.Occupation || y.Attr("age_band") != "" {
			continue
		}
		if text == nil {
			// a record's cells: the occupation's list term says what it is
			if len(y.Evidence.Context) > 0 && !pupilWord(y.Evidence.Context[0]) {
				return true
			}
			continue
		}
		if y.Start >= x.End && y.End <= len(text) && (y.Start == x.End || string(text[x.End:y.Start]) == "的") &&
			!pupilWord(string(text[y.Start:y.End])) {
			return true
		}
	}
	return false
}

// pupilWord reports whether an occupation is a pupil's or a student's
// (学生, 在校生, 留学生, 研究生): at a school, not working there.
func pupilWord(term string) bool {
	for _, w := range []string{"学生", "在校生", "研究生", "博士生", "硕士生", "学员", "新生", "实习生"} {
		if strings.HasSuffix(term, w) {
			return true
		}
	}
	return false
}

// age reads an age in years from a finding: an age's "years", an ID
// number's "age".
func age(x *pi.Finding) (int, bool) {
	for _, k := range []string{"years", pi.AttrAge} {
		if v := x.Attr(k); v != "" {
			if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < 150 {
				return n, true
			}
		}
	}
	return 0, false
}

// kinNounAfter reports whether b opens with 的 and a relative (的奶奶,
// 的父亲): what comes before it describes that relative.
func kinNounAfter(b []byte) bool {
	rest, ok := bytes.CutPrefix(b, []byte("的"))
	return ok && startsWithWord(rest, kinOpenWords)
}

// otherAge reports whether the age x disagrees with the age g already
// holds by five years or more and opens a clause of its own (a comma or a
// clause end before it in the text since g's last finding): another
// person's. An age at a past event (8岁时) is the person's own.
func otherAge(text []byte, g []*pi.Finding, x *pi.Finding) bool {
	n, ok := age(x)
	if !ok || bytes.HasPrefix(text[x.End:], []byte("时")) || bytes.HasPrefix(text[x.End:], []byte("那年")) {
		return false
	}
	for _, y := range g {
		if y.Type != pi.Age {
			continue
		}
		m, ok := age(y)
		if !ok || n-m < 5 && m-n < 5 {
			return false
		}
		from := g[len(g)-1].End
		return from <= x.Start && bytes.ContainsAny(text[from:x.Start], "，。；,;")
	}
	return false
}

// Minor reports the protection level the facts call for: u14 when the
// person is under 14 (a stated age, an ID number's age, or a school grade
// whose oldest pupils are under 14), minor when under 18.
func (f Facts) Minor() (u14, minor bool) {
	a := f.Age
	if a < 0 {
		a = f.AgeMax
	}
	if a < 0 {
		return f.StatedU14, f.StatedMinor || f.StatedU14
	}
	return a < 14 || f.StatedU14, a < 18 || f.StatedMinor || f.StatedU14
}

// adultTitles are the forms of address after a surname that only an adult
// is called by (陈女士, 李老师, 赵局长); not 同学, 班长, 队长.
var adultTitles = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields("先生 女士 小姐 太太 老先生 老太太 老人 老汉 老伯 老师 医生 大夫 护士 护士长 阿姨 叔叔 伯伯 " +
		"大爷 大妈 大娘 大婶 大姐 大哥 奶奶 爷爷 婆婆 阿婆 师傅 教授 博士 院士 律师 警官 法官 检察官 记者 主任 经理 老板 " +
		"局长 处长 科长 所长 院长 校长 厂长 村长 镇长 乡长 县长 市长 书记 董事长 总经理 部长 省长 园长 主管 总监 医师 干事 站长 社长 主编") {
		m[t] = true
	}
	return m
}()

// apply marks every finding of the group with the subject and the minor
// flags. text is nil for a record (see workplace).
func apply(text []byte, fs []*pi.Finding, f Facts, id string) {
	u14, minor := f.Minor()
	for _, x := range fs {
		if f.Person {
			x.SetAttr(AttrSubject, id)
		}
		if f.Sex != "" && (x.Type == pi.PersonName || x.Type == pi.MaskedName) && x.Attr(pi.AttrSex) == "" {
			x.SetAttr(pi.AttrSex, f.Sex) // so a pseudonym can say 某男
		}
		// an age that is no child's (她和70岁的奶奶: the grandmother's) is
		// not made one by the child's facts
		own := 0
		switch {
		case x.Type == pi.Age:
			own, _ = age(x)
		case adultTitles[x.Attr("title")]:
			own = 18 // 陈女士, 王老师: the mother telling of her child is no child
		case isName(x.Type) && text != nil && containsSuffix(elderLabel(text, x.Start), elderWords):
			own = 18 // 学生刘子墨的家长刘强, 父亲姓名：苏明: the parent is no child
		case x.Type == pi.School && (workplace(text, fs, x) || f.Age >= 18):
			// the teacher's school, the class a 52-year-old is the head
			// teacher of: the flags the school list gave it for a pupil's
			// are not the adult's
			own = 18
			x.DropAttr(pi.AttrMinor)
			x.DropCategory(pi.CatMinorU14)
		}
		xu14, xminor := u14, minor
		if own == 0 && !f.Person && x.Type == pi.School && x.Evidence.Reason == terms.NoPersonContext {
			// a class or a school with nobody in its sentence (a roster's
			// title 三年级（2）班学生名单) is still a place of children: its
			// own band marks it, and nothing else (see gather)
			xu14, xminor = Facts{Age: -1, AgeMax: ownBand(x)}.Minor()
		}
		if xminor && own < 18 {
			x.SetAttr(pi.AttrMinor, "true")
		}
		if xu14 && own < 14 {
			x.AddCategory(pi.CatMinorU14)
		}
	}
}

// ownBand returns the oldest age of a finding's age band, or -1.
func ownBand(x *pi.Finding) int {
	if _, hi, ok := strings.Cut(x.Attr("age_band"), "-"); ok {
		if n, err := strconv.Atoi(hi); err == nil {
			return n
		}
	}
	return -1
}

// chatSpeakers returns, for a chat log, where each message's sender label
// ends: a line that opens with a name (张阿姨, 李先生, with a form of
// address, a note in brackets — 王姐（3-2-501） — and a phone number after
// it or not) and a colon. A text is a
// chat log when two lines or more open so and go on with no record's
// fields (a bulletin's 张某：男，45岁 is a record); it returns nil for any
// other text.
func chatSpeakers(text []byte, fs []pi.Finding) []int {
	var out []int
	for i := range fs {
		f := &fs[i]
		if !isName(f.Type) {
			continue
		}
		// the name opens its line, or follows a time stamp or a role there
		floor := max(0, f.Start-64)
		ls := bytes.LastIndexByte(text[floor:f.Start], '\n') + 1
		if ls == 0 && floor > 0 || !senderPrefix(text[floor+ls:f.Start]) {
			continue
		}
		p := afterTitle(text, f.End)
		// …a note in brackets (王姐（3-2-501）：, 李先生(业主)：)…
		if r, size := utf8.DecodeRune(text[p:]); r == '（' || r == '(' {
			if k := bytes.IndexAny(text[p+size:min(len(text), p+size+24)], ")）"); k >= 0 {
				_, n := utf8.DecodeRune(text[p+size+k:])
				p += size + k + n
			}
		}
		// …and a phone number, spaces or digits (李先生 13812345678：)
		for p < len(text) && p-f.End < 24 {
			if i+1 < len(fs) && fs[i+1].Start == p && fs[i+1].Type == pi.MobilePhone {
				p = fs[i+1].End
				continue
			}
			if c := text[p]; c != ' ' && c != '\t' && c != '-' && (c < '0' || c > '9') {
				break
			}
			p++
		}
		if r, n := utf8.DecodeRune(text[p:]); (r == '：' || r == ':') && !recordOpens(text[p+n:]) {
			out = append(out, p+n)
		}
	}
	if len(out) < 2 {
		return nil
	}
	// In a chat, a line that opens with a short label and a colon has a
	// sender too, when no name was found in it (张子涵妈妈：, 班主任：).
	n := len(out)
	for ls := 0; ls < len(text); {
		le := lineEndWithin(text, ls, len(text))
		if c := senderLabelEnd(text[ls:le]); c > 0 {
			out = append(out, ls+c)
		}
		ls = le + 1
	}
	if len(out) > n {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// senderLabelEnd returns where the colon after a chat line's sender label
// ends, or 0 when the line opens with none (see SenderLabel).
func senderLabelEnd(line []byte) int {
	_, end := SenderLabel(line)
	if end == 0 {
		return 0
	}
	_, n := utf8.DecodeRune(line[end:])
	return end + n
}

// SenderLabel returns the sender label that opens a chat line, before its
// colon and after a time stamp ([2024-05-10 20:15] 张子涵妈妈：, 3班-李浩然家长：),
// as the offsets [start, end) in line; end is 0 when the line opens with
// none: at most 12 characters, no punctuation, and not a record's fields
// after it (张某：男，45岁).
func SenderLabel(line []byte) (start, end int) {
	for start < len(line) && line[start] < 0x80 && start < 40 {
		start++ // the time stamp and spaces before a Chinese label
	}
	k := bytes.IndexAny(line[start:min(len(line), start+60)], "：:")
	if k <= 0 {
		return 0, 0
	}
	k += start
	// what is not a time stamp belongs to the label (the 3 of 3班-李浩然家长)
	for start > 0 && !senderPrefix(line[:start]) {
		start--
	}
	_, n := utf8.DecodeRune(line[k:])
	label := line[start:k]
	if utf8.RuneCount(label) > 12 || bytes.ContainsAny(label, "，。；、,;！？：:") || recordOpens(line[k+n:]) {
		return 0, 0
	}
	if transcriptTurn(line[start:]) {
		return 0, 0 // 问：/答： are a transcript's turns, not senders
	}
	return start, k
}

// afterTitle returns where a form of address after a name ending at p ends:
// up to two Chinese characters (李先生 and 李老师 are found as 李).
func afterTitle(text []byte, p int) int {
	for n := 0; n < 2 && p < len(text); n++ {
		r, size := utf8.DecodeRune(text[p:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		p += size
	}
	return p
}

// senderPrefix reports whether b, the text between a line's start and a
// name, may open a chat message before its sender: nothing, a time stamp
// ([2024-05-10 20:13], 2024-05-10 20:13:05) and a role joined to the name
// (班主任-李老师, 3班|王一诺爸爸).
func senderPrefix(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	i := 0
	skip := func(ok func(c byte) bool) {
		for i < len(b) && ok(b[i]) {
			i++
		}
	}
	stamp := func(c byte) bool {
		return c >= '0' && c <= '9' || c == '-' || c == '/' || c == '.' || c == ':' || c == ' '
	}
	if b[0] == '[' || b[0] == '(' {
		i++
		skip(stamp)
		if i == len(b) || b[i] != ']' && b[i] != ')' {
			return false
		}
		i++
	} else {
		skip(stamp)
	}
	skip(func(c byte) bool { return c == ' ' || c == '\t' })
	if i == len(b) {
		return true
	}
	// a role of at most eight characters, then a joiner
	rest := b[i:]
	for _, j := range []string{"-", "－", "|", "｜", "·", "_"} {
		if role, ok := bytes.CutSuffix(rest, []byte(j)); ok && len(role) > 0 && utf8.RuneCount(role) <= 8 && !bytes.ContainsAny(role, "，。：:,;；") {
			return true
		}
	}
	// a compound's chat: the sender's building (12栋老张, 3-2-501王姐) or
	// role (网格员小刘, 物业小陈) written onto the name
	if utf8.RuneCount(rest) > 6 || bytes.ContainsAny(rest, "，。：:,;；") {
		return false
	}
	for _, w := range senderRoles {
		if bytes.Equal(rest, []byte(w)) {
			return true
		}
	}
	last, _ := utf8.DecodeLastRune(rest)
	return bytes.ContainsAny(rest, "0123456789") && strings.ContainsRune("栋楼号室幢组元", last) || bytes.IndexFunc(rest, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '-')
	}) < 0
}

// senderRoles are the roles a chat's sender may write before the name.
var senderRoles = []string{"网格员", "班主任", "业主", "物业", "志愿者", "社区", "居委会", "管家", "楼长", "队长", "组长", "村医", "医生", "老师"}

// vocatives returns where the address to a person that opens a chat
// message ends (张子涵妈妈：李老师，子涵发烧了): what follows is not about the
// person spoken to. ends are the chat's sender ends (see chatSpeakers).
func vocatives(text []byte, fs []pi.Finding, ends []int) []int {
	var out []int
	for _, c := range ends {
		at := c
		for at < len(text) && text[at] == ' ' {
			at++
		}
		k, _ := slices.BinarySearchFunc(fs, at, func(f pi.Finding, at int) int { return f.Start - at })
		if k == len(fs) || fs[k].Start != at || !isName(fs[k].Type) {
			continue
		}
		p := afterTitle(text, fs[k].End)
		if r, n := utf8.DecodeRune(text[p:]); r == '，' || r == ',' {
			out = append(out, p+n)
		}
	}
	return out
}

// kinWords are the relatives 之 or 的 may make of a name (张某之妻,
// 王某的女儿).
var kinWords = []string{"妻", "夫", "子", "女", "父", "母", "兄", "弟", "姐", "妹", "孙", "爱人", "老公", "老婆", "配偶",
	"丈夫", "妻子", "儿子", "女儿", "父亲", "母亲", "哥哥", "姐姐", "弟弟", "妹妹", "外孙", "孙子", "孙女", "家属", "同事", "朋友"}

// sentenceEnd reports whether b holds the end of a sentence.
func sentenceEnd(b []byte) bool {
	return bytes.Contains(b, []byte("。")) || bytes.Contains(b, []byte("；")) || bytes.Contains(b, []byte("！")) ||
		bytes.Contains(b, []byte("？"))
}

// relativeOf reports whether b, the text after a name, makes the name
// someone's relative's: 之妻, 的女儿.
func relativeOf(b []byte) bool {
	rest, ok := bytes.CutPrefix(b, []byte("之"))
	if !ok {
		if rest, ok = bytes.CutPrefix(b, []byte("的")); !ok {
			return false
		}
	}
	for _, w := range kinWords {
		if bytes.HasPrefix(rest, []byte(w)) {
			return true
		}
	}
	return false
}

// recordOpens reports whether b opens with a record's fields (男，45岁 of
// a bulletin's 张某：男，45岁): the name before it is the record's, not a
// chat message's sender.
func recordOpens(b []byte) bool {
	b = bytes.TrimLeft(b, " ")
	if bytes.HasPrefix(b, []byte("男")) || bytes.HasPrefix(b, []byte("女")) {
		return true
	}
	d := 0
	for d < len(b) && d < 3 && '0' <= b[d] && b[d] <= '9' {
		d++
	}
	return d > 0 && (bytes.HasPrefix(b[d:], []byte("岁")) || bytes.HasPrefix(b[d:], []byte("周岁")))
}

// nameTypes start a new subject inside a unit when the current one already
// has a name: "杨某某，女，39岁，曹某，男，16岁" is two people.
func isName(t pi.Type) bool { return t == pi.PersonName || t == pi.MaskedName }

// Apply groups the findings of text (sorted by Start, byte offsets into
// text) into subjects and applies their facts. Place findings in an undated
// sentence of a text that speaks of no person are demoted: a supermarket in
// a news sentence is not anyone's whereabouts, while a case report's dated
// visits are the patient's even where it names no one.
func Apply(text []byte, fs []pi.Finding) { ApplyUnits(text, Units(text), fs) }

// ApplyUnits is Apply with the units of text already computed.
func ApplyUnits(text []byte, units []Unit, fs []pi.Finding) {
	if len(fs) == 0 {
		return
	}
	// A place is someone's whereabouts when the text speaks of a person
	// anywhere (a case report names its patient once); in a text about
	// nobody it is just a place.
	textPerson := false
	for i := range fs {
		if personTypes[fs[i].Type] {
			textPerson = true
			break
		}
	}
	cueState := 0 // 0 unknown, 1 the text has a person cue, -1 not
	textCue := func() bool {
		if cueState == 0 {
			cueState = -1
			if cue(text) {
				cueState = 1
			}
		}
		return cueState == 1
	}
	speakers := chatSpeakers(text, fs)
	spokenTo := vocatives(text, fs, speakers)
	// a text of entries (病例1：…) is a bulletin: its masked names are many
	// people (see maskedKey)
	bulletin := slices.ContainsFunc(units, func(u Unit) bool { return u.Entry })
	// a list whose title says its people are pupils or children (三年级（2）
	// 班学生名单, 困境儿童花名册) gives its age band to everyone it names
	// without an age of their own
	listBand := titleBand(text, fs)
	if listBand < 0 {
		listBand = signatureBand(text, fs)
	}
	// a list introduced as one of a label's people (低保对象名单公示如下)
	// gives the label to everyone it names below
	listLabel, listStart := introLabel(text, fs)
	var subjects []subjectGroup
	carry, carryStart, carryEnd := -1, 0, 0 // the record a sentence without a person goes on (see below), where it starts, and the end of the last unit about it
	form := false                           // the carried record was filled in after 姓名： (see below)
	named, namedEnd := -1, 0                // the last subject with a name, and the end of the last unit about it
	patient := -1                           // the first record introduced as the patient (患者：周某某，女，34岁)
	k := 0
	for _, u := range units {
		// A heading of the patient's movements or illness in a report
		// about one patient (二、活动轨迹, 发病及就诊经过) opens lines that
		// are the patient's, up to a blank line, as a form's are.
		if patient >= 0 && !u.Entry && itineraryHeading(text[u.Start:u.End]) && !personIn(fs[k:], u) {
			carry, carryStart, carryEnd, form = patient, u.Start, u.Start, true
		}
		// A sentence that names nobody and says nothing of a person, in
		// the paragraph of a record about one named person and at most
		// maxCarry bytes on (患者王某，男，52岁，…。因发热伴咳嗽3天入院。既往
		// 有高血压病史。), goes on speaking of that person.
		to := -1
		personless := (!personIn(fs[k:], u) || carry >= 0 && labelsOnly(fs[k:], u) && (patientNounAt(text, u) || len(relations(text, u)) == 0)) &&
			!kinOpens(text, u)
		// a line of a form that names no one and brings in no relative
		// gives more of the person's facts when they agree (身份证号：… under
		// 学生姓名：陈思远，性别：男)
		formFacts := !personless && carry >= 0 && form && !nameBefore(fs, k, u.End) && len(relations(text, u)) == 0 &&
			agree(gather(text, unitFindings(fs[k:], u)), subjects[carry].facts)
		if !u.Entry && (personless || formFacts) {
			switch {
			case carry >= 0 && !paragraphBreak(text[trimSpaceBefore(text, carryEnd):u.End]) && u.End-carryStart <= maxCarry:
				to = carry
			case carry >= 0 && form && !blankLine(text[trimSpaceBefore(text, carryEnd):u.Start]) && u.End-carryStart <= maxFormCarry:
				// …and, in a form filled in after 姓名： (a medical record,
				// a registration sheet), every line up to a blank line or
				// the next person (入院诊断：支气管肺炎)
				to = carry
			case named >= 0 && bytes.Count(text[namedEnd:u.End], []byte("\n")) <= 3 &&
				(speaksOf(text, u, sexOf(subjects, named)) || kinSpoken(text, u, subjects[named].fs)):
				// …or, a few lines on, one that speaks of someone as 他 or
				// 她 without naming anyone (小芳就读于…。去年，她被查出患有
				// 先天性心脏病), or as the patient (患儿因发热入院): the last
				// person named, when the sex agrees; the sentences after it
				// in its paragraph go on speaking of that person
				to = named
				carry, carryStart, form = named, u.Start, false
			}
		}
		if to >= 0 {
			g := &subjects[to]
			for ; k < len(fs) && fs[k].Start < u.End; k++ {
				if fs[k].Start >= u.Start {
					g.fs = append(g.fs, &fs[k])
				}
			}
			g.facts = gather(text, g.fs)
			if to == carry {
				carryEnd = u.End
			}
			namedEnd = u.End
			continue
		}
		// a form's line about a relative (家庭成员：父亲刘建军…, 家长签字：刘德贵
		// （爷爷）) does not end the form: the lines after it are still about
		// the person the form is filled in for
		var rels []int
		if carry >= 0 && form {
			rels = relations(text, u)
		}
		formKept := len(rels) > 0
		keptCarry, keptStart := carry, carryStart
		carry = -1
		groups := [][]*pi.Finding{nil}
		hasName := []bool{false}
		listed := []bool{false} // opened by a name that follows another (张小雨、李浩然), not by a relation word
		cur := 0                // the group findings go to
		open := func(seed []*pi.Finding) {
			groups, hasName, listed, cur = append(groups, seed), append(hasName, false), append(listed, false), len(groups)
		}
		var bounds []int
		var backs []pronoun
		if countIn(fs[k:], u) > 1 {
			bounds = relations(text, u) // only matters between two findings
			backs = pronouns(text, u)
			// in a chat, what a message says is not about its sender,
			// nor about the person it speaks to (李老师，子涵发烧了)
			for _, c := range speakers {
				if u.Start <= c && c < u.End {
					bounds = append(bounds, c)
				}
			}
			for _, c := range spokenTo {
				if u.Start <= c && c < u.End {
					bounds = append(bounds, c)
				}
			}
			slices.Sort(bounds)
		}
		last := u.Start
		lines := bylines(text, u)
		lineGroup := make([]int, len(lines))
		var bylineGroup map[int]bool // the groups of bylines: no pronoun goes back to them
		for ; k < len(fs) && fs[k].Start < u.End; k++ {
			x := &fs[k]
			if x.Start < u.Start {
				continue
			}
			// a report's byline ((记者 王磊)) is the reporter's, whatever the
			// sentence around it tells of someone else
			if b := spanAt(lines, x.Start); b >= 0 {
				if lineGroup[b] == 0 {
					groups, hasName, listed = append(groups, nil), append(hasName, false), append(listed, false)
					lineGroup[b] = len(groups) - 1
					if bylineGroup == nil {
						bylineGroup = map[int]bool{}
					}
					bylineGroup[lineGroup[b]] = true
				}
				g := lineGroup[b]
				groups[g] = append(groups[g], x)
				hasName[g] = hasName[g] || isName(x.Type)
				continue
			}
			// a new line of an entry is about the case again (病例1：…其女
			// 张某甲，7岁。\n11月20日，…), not about the last person named
			if u.Entry && x.Start > last && bytes.IndexByte(text[last:x.Start], '\n') >= 0 {
				cur = 0
				// …unless the case was described without a name and this
				// line names someone (患者三十，女，38岁。\n2例病例…：患者谈某某，
				// 男，74岁): that is another person, from the line's start
				if !hasName[0] && personFacts(groups[0]) && nameBefore(fs, k, lineEnd(text, x.Start)) {
					open(nil)
				}
			}
			// a relation word between two findings starts another
			// person: "李某，6岁，其父手机139…"
			from := last // where the text about x's person begins
			for len(bounds) > 0 && bounds[0] <= x.Start {
				if bounds[0] >= last && len(groups[cur]) > 0 {
					open(nil)
					from = bounds[0]
				}
				bounds = bounds[1:]
			}
			// …and so is a new sentence of an entry that does not open
			// with a name (…17:30由奶奶接回家。11月23日核酸检测结果阳性: the
			// case's result, not the grandmother's)
			if u.Entry && cur != 0 && !isName(x.Type) && x.Start > from && sentenceEnd(text[from:x.Start]) &&
				(hasName[0] || personFacts(groups[0])) {
				cur = 0
			}
			// 他 or 她 opening a clause speaks of the person last named
			// before the relative the clause before it introduced, when
			// the sex agrees (李明明…，母亲改嫁，他和奶奶住在…; 记者周婷…小雨…，
			// 父母在广东打工，她和爷爷奶奶住在…: 小雨, not the reporter)
			for len(backs) > 0 && backs[0].at < x.Start {
				if backs[0].at >= last && cur != 0 {
					for g := cur - 1; g >= 0; g-- {
						if !hasName[g] || bylineGroup[g] {
							continue
						}
						if sex := gather(nil, groups[g]).Sex; sex == "" || sex == backs[0].sex {
							cur = g
						}
						break
					}
				}
				backs = backs[1:]
			}
			// a second age far from the named person's own, in a clause
			// of its own (邓某某（约40岁，女）…，其中一名8岁男孩被咬伤) is
			// another, unnamed person's: the age and what follows it
			if x.Type == pi.Age && hasName[cur] && otherAge(text, groups[cur], x) {
				open(nil)
			}
			// an illness said of a relative (小燕和患有高血压的奶奶相依为命) is
			// the relative's, not the sentence's person's
			if x.Type == pi.Health && kinNounAfter(text[x.End:]) {
				keep := cur
				open([]*pi.Finding{x})
				cur = keep
				last = x.End
				continue
			}
			last = x.End
			back := -1 // the group to return to after a name that only says whose relative the person is
			if isName(x.Type) {
				name := string(text[x.Start:x.End])
				// the same masked name opening another record (…。患者
				// 李某某，男性，23岁 after 患者李某某，女性，37岁) is someone else
				again := !(recordAfter(text, x.End) && personFacts(groups[cur]))
				switch {
				case !hasName[cur], again && namedIn(text, groups[cur], name):
					// the group's first name, or the same person again
				case again && hasName[0] && namedIn(text, groups[0], name):
					cur = 0 // the case, named again
				default:
					// labels written onto the new name go with it:
					// 留守儿童王小军, 初二学生李某
					g := groups[cur]
					cut := len(g)
					for cut > 0 && attributive[g[cut-1].Type] && attached(text, g[cut-1].End, x.Start) {
						cut--
					}
					groups[cur] = g[:cut:cut]
					relative := cut == len(g) && relativeOf(text[x.End:])
					if relative {
						// 系张某之妻, 是王某的女儿: the name says whose
						// relative the person described is
						back = cur
					}
					open(append([]*pi.Finding(nil), g[cut:]...))
					listed[cur] = !relative
				}
				hasName[cur] = true
			}
			groups[cur] = append(groups[cur], x)
			if back >= 0 {
				cur = back
			}
		}
		unitPerson := false
		heading, headed := classHeading(text, groups)
		for i, g := range groups {
			if len(g) == 0 {
				continue
			}
			if i == 0 && !hasName[0] && formKept && g[len(g)-1].End <= rels[0] {
				// what a form's line says before its relative (走访情况：
				// 老人患有阿尔茨海默病，…其子韩志刚…) is the form's person's;
				// a line that opens with the relative (奶奶患有糖尿病) is not
				sg := &subjects[keptCarry]
				sg.fs = append(sg.fs, g...)
				sg.facts = gather(text, sg.fs)
				continue
			}
			f := gather(text, g)
			if headed && i > 0 && hasName[i] && listed[i] {
				f = mergeFacts(f, heading)
			}
			if listBand >= 0 && hasName[i] && f.Age < 0 && (f.AgeMax < 0 || listBand < f.AgeMax) && u.Start > 0 && !staffNamed(text, g) {
				f.AgeMax = listBand
			}
			if listLabel != "" && hasName[i] && u.Start >= listStart {
				for _, x := range g {
					x.AddCategory(pi.CatSpecialIdentity)
					x.SetAttr(AttrListLabel, listLabel)
				}
			}
			unitPerson = unitPerson || f.Person
			if i == 0 && hasName[0] && (record(g) || nameLabelled(text, g)) && !(formKept && relativeNameLabel(text, g)) {
				carry, carryStart, carryEnd = len(subjects), u.Start, u.End
				form = nameLabelled(text, g)
				if patient < 0 && !u.Entry && patientLabelled(text, g) {
					patient = len(subjects)
				}
			}
			if hasName[i] && !bylineGroup[i] {
				named, namedEnd = len(subjects), u.End
			}
			key := nameKey(text, g)
			if key == "" && !bulletin {
				key = maskedKey(text, g)
			}
			subjects = append(subjects, subjectGroup{fs: g, facts: f, key: key})
		}
		if !unitPerson && !textPerson && hasPlace(groups) && !hasType(groups, pi.Date) && !textCue() {
			for _, g := range groups {
				for _, x := range g {
					if x.Type == pi.Place && x.Score > 0.2 && x.Evidence.Validator != ValidatorTravelColumn {
						x.Score = 0.2
						x.Evidence.Reason = "no person in the sentence"
					}
				}
			}
		}
		if formKept && !(carry >= 0 && form) {
			// the relative's line is done; the form goes on (unless the
			// line opened another form: 姓名：…)
			carry, carryStart, carryEnd, form = keptCarry, keptStart, u.End, true
		}
	}
	applySubjects(text, subjects)
}

// ValidatorTravelColumn is the evidence of a place read from a column that
// says where a person came from or went (来自, 出发地): the column, not the
// sentence, says it is a person's whereabouts.
const ValidatorTravelColumn = "column:travel"

// classHeading returns the facts of a class that heads a line of names (a
// roster's 一年级（1）班：张小雨（建档立卡户）、李浩然（低保户）): the class's
// age band is every pupil's on the line, not only the first's. The heading
// is the line's first finding, a school followed by a colon.
func classHeading(text []byte, groups [][]*pi.Finding) (Facts, bool) {
	if len(groups) < 2 || len(groups[0]) == 0 {
		return Facts{}, false
	}
	x := groups[0][0]
	if x.Type != pi.School || x.Attr("age_band") == "" {
		return Facts{}, false
	}
	if r, _ := utf8.DecodeRune(text[x.End:]); r != '：' && r != ':' {
		return Facts{}, false
	}
	f := gather(text, []*pi.Finding{x})
	f.Name, f.Sex = "", ""
	if f.AgeMax < 0 {
		f.AgeMax = ownBand(x) // a heading found with no person yet in its sentence
	}
	return f, true
}

// maxCarry bounds, in bytes from the record's start, the sentences that go
// on speaking of its person: a case report, not the news story around it.
const maxCarry = 600

// maxFormCarry bounds a form's record the same way (see nameLabelled).
const maxFormCarry = 3000

// formPersonLabels are the labels that, with a colon, name the person a
// form is filled in for.
var formPersonLabels = []string{"学生", "患儿", "幼儿", "儿童", "患者", "病人", "就诊人", "申请人", "登记人", "当事人", "被告人",
	"犯罪嫌疑人", "矫正对象", "参保人", "被保险人", "投保人", "服务对象", "救助对象", "走访对象", "帮扶对象", "慰问对象",
	"访视对象", "调查对象", "监测对象", "关爱对象", "管理对象"}

// nameLabelled reports whether the name of a record's group is written
// after the label 姓名 (姓名：赵晓雯, 患者姓名: 赵晓雯), or after one of
// formPersonLabels with a colon (学生：王子涵): the record opens a form,
// whose lines are all about that person.
func nameLabelled(text []byte, g []*pi.Finding) bool {
	for _, x := range g {
		if x.Type != pi.PersonName && x.Type != pi.MaskedName {
			continue
		}
		// the label may stand before a word that describes the person
		// (走访对象：独居老人韩德福)
		at := x.Start
		for _, y := range g {
			if y.End == at && attributive[y.Type] {
				at = y.Start
			}
		}
		const window = 24 // bytes: the longest label (犯罪嫌疑人) and a colon
		before := bytes.TrimRight(text[max(0, at-window):at], " \t　：:")
		if bytes.HasSuffix(before, []byte("姓名")) {
			return true
		}
		// a child's record opens as a form does (学生：王子涵，女，…), and so
		// does a patient's, an applicant's, a registrant's (患者：黄某某，男，
		// 34岁。…联系电话：…: the phone is the patient's)
		if len(before) < len(text[max(0, at-window):at]) {
			for _, w := range formPersonLabels {
				if bytes.HasSuffix(before, []byte(w)) {
					return true
				}
			}
		}
		return false
	}
	return false
}

// relativeNameLabel reports whether the first name of g is written after a
// relative's name label (监护人姓名：孙伟, 父亲姓名：…): inside a child's
// form, that line is about the guardian and opens no form of its own.
func relativeNameLabel(text []byte, g []*pi.Finding) bool {
	for _, x := range g {
		if x.Type != pi.PersonName && x.Type != pi.MaskedName {
			continue
		}
		before := bytes.TrimRight(text[max(0, x.Start-30):x.Start], " \t　：:")
		label, ok := bytes.CutSuffix(before, []byte("姓名"))
		if !ok {
			return false
		}
		for _, w := range relationWords {
			if bytes.HasSuffix(label, []byte(w)) {
				return true
			}
		}
		return false
	}
	return false
}

// listWords say a title heads a list of people.
var listWords = byteWords("名单", "花名册", "名册", "一览表", "信息表", "登记表", "统计表", "汇总表", "成绩", "排名", "名次", "公示",
	"晨检", "午检", "考勤", "点名", "签到", "记录表")

// childWords in a list's title say its people are children or pupils;
// adultWords say they are not (学生家长名单, 小学教师名单).
var (
	childWords = byteWords("学生", "新生", "幼儿", "儿童", "学童", "少年", "孩子", "小朋友", "孤儿", "未成年", "托儿所", "托育")
	adultWords = byteWords("家长", "监护人", "教师", "老师", "教职工", "工作人员", "志愿者", "职工", "员工", "父母")
)

// staffWords label the adults a list about children names beside them
// (晨检老师：黄丽, 班主任：周敏, 家长陈女士).
var staffWords = slices.Concat(adultWords, elderWords, byteWords("班主任", "园长", "校长", "保健医", "医生", "护士", "记录人", "填表人",
	"检查人", "负责人", "联系人", "保育员"))

// staffNamed reports whether the first name of g follows a staff word,
// with or without a colon: an adult of a list about children.
func staffNamed(text []byte, g []*pi.Finding) bool {
	for _, x := range g {
		if !isName(x.Type) {
			continue
		}
		before := nameLabel(text, x.Start)
		for _, w := range staffWords {
			if bytes.HasSuffix(before, w) {
				return true
			}
		}
		return false
	}
	return false
}

// nameLabel returns the text before a name at i without the spaces, the
// colon and the word 姓名 that end a name's label (父亲姓名：苏明 → …父亲).
func nameLabel(text []byte, i int) []byte {
	before := bytes.TrimRight(text[:i], " \t\u3000")
	before = bytes.TrimSuffix(bytes.TrimSuffix(before, []byte("：")), []byte(":"))
	return bytes.TrimSuffix(before, []byte("姓名"))
}

func byteWords(ws ...string) [][]byte {
	out := make([][]byte, len(ws))
	for i, w := range ws {
		out[i] = []byte(w)
	}
	return out
}

// AttrListLabel is the special-identity label a list gives the people it
// names (a published list of 低保 recipients: every name on it says so).
const AttrListLabel = "list_label"

// introWords say that what follows lists people.
var introWords = byteWords("名单", "花名册", "名册", "一览表", "公示如下", "如下", "公示")

// introLabel returns the special-identity label of a list's introduction
// and where the list starts, "" when the text is no such list: the lines
// before the first row (a line of three fields or more apart by spaces or
// tabs), 600 bytes at most, hold a list word and a label finding.
func introLabel(text []byte, fs []pi.Finding) (string, int) {
	if bytes.IndexByte(text, '\n') < 0 {
		return "", -1 // one line: no introduction and rows
	}
	start := -1
	for i := 0; i < len(text) && i < 600; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text) - i
		}
		if fieldCount(text[i:i+j]) >= 3 {
			start = i
			break
		}
		i += j + 1
	}
	if start <= 0 || !containsAny(text[:start], introWords) {
		return "", -1
	}
	for i := range fs {
		if fs[i].Start >= start {
			break
		}
		if fs[i].Type == pi.SpecialIdentity {
			if l := fs[i].Attr("label"); l != "" {
				return l, start
			}
		}
	}
	return "", -1
}

// fieldCount returns the number of a line's fields apart by spaces, tabs
// or ideographic spaces.
func fieldCount(line []byte) int {
	n, in := 0, false
	for _, r := range string(line) {
		space := r == ' ' || r == '\t' || r == '\u3000'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// titleBand returns the upper age of the band a list's title gives its
// people (XX小学三年级（2）班学生名单 → 9, 青山镇困境儿童名单 → 17), or -1:
// the text's first line, short and followed by two lines or more, holds a
// list word, a word for children or pupils (or a grade) and no word for
// adults, and a finding with an age band (a school, a grade, a child's
// label).
func titleBand(text []byte, fs []pi.Finding) int {
	end := bytes.IndexByte(text, '\n')
	if end < 0 || end > 180 || bytes.IndexByte(text[end+1:], '\n') < 0 {
		return -1 // no title line of a list (one line, a long first line, one line after it)
	}
	title := text[:end]
	if !containsAny(title, listWords) || containsAny(title, adultWords) {
		return -1
	}
	// a grade in the title (期末考试成绩公示（七年级）) says its people are
	// pupils as 学生 does
	if !containsAny(title, childWords) && !slices.ContainsFunc(fs, func(f pi.Finding) bool {
		return f.Start < end && f.Type == pi.School && f.Attr("kind") == "grade"
	}) {
		return -1
	}
	band := -1
	for i := range fs {
		if fs[i].Start >= end {
			break
		}
		if _, hi, ok := strings.Cut(fs[i].Attr("age_band"), "-"); ok {
			if n, err := strconv.Atoi(hi); err == nil && (band < 0 || n < band) {
				band = n
			}
		}
	}
	return band
}

// signatureBand returns the upper age of the class whose teacher signs the
// text (……——五年级三班班主任 赵老师), or -1: the last line holds a grade
// or class found and then 班主任 or 老师, and the first line a list word
// (成绩, 名单, 公示 …). The people the notice lists are the class's
// pupils; the parents it greets (各位家长好) are not named.
func signatureBand(text []byte, fs []pi.Finding) int {
	body := bytes.TrimRight(text, " \t\r\n\u3000")
	start := bytes.LastIndexByte(body, '\n') + 1
	first := bytes.IndexByte(text, '\n')
	if start == 0 || first < 0 || !containsAny(text[:first], listWords) {
		return -1
	}
	for i := len(fs) - 1; i >= 0 && fs[i].Start >= start; i-- {
		x := &fs[i]
		if x.Type != pi.School || x.Attr("kind") != "grade" || x.End > len(body) {
			continue
		}
		if !bytes.HasPrefix(body[x.End:], []byte("班主任")) && !bytes.HasPrefix(body[x.End:], []byte("老师")) {
			continue
		}
		if _, hi, ok := strings.Cut(x.Attr("age_band"), "-"); ok {
			if n, err := strconv.Atoi(hi); err == nil {
				return n
			}
		}
	}
	return -1
}

// patientLabelled reports whether the first name of g follows a word for
// the patient (患者：周某某, 确诊病例王某): the record a report is about.
func patientLabelled(text []byte, g []*pi.Finding) bool {
	for _, x := range g {
		if !isName(x.Type) {
			continue
		}
		before := bytes.TrimRight(text[max(0, x.Start-15):x.Start], " \t　：:")
		for _, w := range []string{"患者", "病例", "患儿", "感染者", "病人"} {
			if bytes.HasSuffix(before, []byte(w)) {
				return true
			}
		}
		return false
	}
	return false
}

// itineraryWords head the part of a patient's report that tells where the
// patient went and how the illness went.
var itineraryWords = byteWords("活动轨迹", "行动轨迹", "行程轨迹", "活动情况", "行程情况", "流行病学史", "发病及就诊", "就诊经过", "发病经过", "诊疗经过")

// itineraryHeading reports whether a unit is such a heading: a short line
// holding one of itineraryWords (二、活动轨迹, 患者活动轨迹如下：).
func itineraryHeading(b []byte) bool {
	b = bytes.TrimSpace(b)
	return utf8.RuneCount(b) <= 24 && !bytes.ContainsRune(b, '\n') && containsAny(b, itineraryWords)
}

// blankLine reports whether b holds an empty line (two line breaks with
// only white space between them).
func blankLine(b []byte) bool {
	first := bytes.IndexByte(b, '\n')
	return first >= 0 && len(bytes.TrimSpace(b[first+1:])) == 0 && bytes.IndexByte(b[first+1:], '\n') >= 0
}

// paragraphBreak reports whether b, the text between two sentences, starts
// a new paragraph: a line break, a tab, or an indent of two spaces (news
// pages flattened to one line keep their 　　 indents).
func paragraphBreak(b []byte) bool {
	return lineBreak(b) || bytes.IndexByte(b, '\t') >= 0 || bytes.Contains(b, []byte("　　")) ||
		bytes.Contains(b, []byte("  "))
}

// lineBreak reports whether b breaks a line other than between a
// transcript's question and answer (问：你儿子现在情况如何？\n答：…住院, 左腿骨
// 折: the answer goes on the exchange about the person).
func lineBreak(b []byte) bool {
	for i := 0; ; {
		k := bytes.IndexByte(b[i:], '\n')
		if k < 0 {
			return false
		}
		i += k + 1
		if i < len(b) && !transcriptTurn(b[i:]) {
			return true // a line break at b's end is judged with what follows it
		}
	}
}

// transcriptTurn reports whether b opens a transcript's turn (问：, 答：).
func transcriptTurn(b []byte) bool {
	for _, w := range []string{"问：", "答：", "问:", "答:"} {
		if bytes.HasPrefix(b, []byte(w)) {
			return true
		}
	}
	return false
}

// trimSpaceBefore returns i moved back over the white space before it: a
// unit keeps the line break that ends it, which is the break before the
// next one.
func trimSpaceBefore(text []byte, i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRune(text[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// speaksOf reports whether unit u speaks of someone as 他 or 她 at the
// start of a clause, with a sex that agrees with sex ("" agrees with both).
func speaksOf(text []byte, u Unit, sex string) bool {
	for _, p := range pronouns(text, u) {
		if sex == "" || sex == p.sex {
			return true
		}
	}
	return patientNounAt(text, u)
}

// kinSpoken reports whether a unit speaks of a person by the relation the
// person was named with (我儿子孙乐乐 … 你儿子现在情况如何？): the relation
// word of the group's name found after one (rule:relative-named).
func kinSpoken(text []byte, u Unit, g []*pi.Finding) bool {
	for _, x := range g {
		if isName(x.Type) && x.Evidence.Validator == "rule:relative-named" && len(x.Evidence.Context) > 0 {
			kin := x.Evidence.Context[0]
			return utf8.RuneCountInString(kin) >= 2 && bytes.Contains(text[u.Start:u.End], []byte(kin))
		}
	}
	return false
}

// patientNouns name the person a medical or case record is about without
// naming them (患儿因发热入院, 该患者既往体健).
var patientNouns = []string{"患儿", "患者", "病人", "病患", "该患者", "该患儿", "该病人", "该病例", "该生", "该童", "该女童", "该男童"}

// patientNounAt reports whether a sentence opens with a patient noun: it
// speaks of the person of the record before it, whatever the sex.
func patientNounAt(text []byte, u Unit) bool {
	b := bytes.TrimLeft(text[u.Start:u.End], " \t\r\n　")
	for _, w := range patientNouns {
		if bytes.HasPrefix(b, []byte(w)) {
			return true
		}
	}
	return false
}

// sexOf returns the sex known of subjects[i] or of an earlier subject with
// the same name (小芳 named twice, her sex said once).
func sexOf(subjects []subjectGroup, i int) string {
	if s := subjects[i].facts.Sex; s != "" || subjects[i].key == "" {
		return s
	}
	for j := i - 1; j >= 0; j-- {
		if subjects[j].key == subjects[i].key && subjects[j].facts.Sex != "" {
			return subjects[j].facts.Sex
		}
	}
	return ""
}

// record reports whether a group reads as a record about its person: a
// name with a sex or an age beside it.
func record(g []*pi.Finding) bool {
	for _, x := range g {
		if x.Type == pi.Gender || x.Type == pi.Age {
			return true
		}
	}
	return false
}

// personIn reports whether a finding of fs (sorted) inside u is about a
// person (a name, an age, a sex, an identity document …).
func personIn(fs []pi.Finding, u Unit) bool {
	for i := range fs {
		if fs[i].Start >= u.End {
			break
		}
		if fs[i].Start >= u.Start && personTypes[fs[i].Type] {
			return true
		}
	}
	return false
}

// bylineOpens open a report's byline: the reporter's name and words.
var bylineOpens = byteWords("（记者", "(记者", "（本报记者", "(本报记者", "（通讯员", "(通讯员", "（实习生", "(实习生",
	"（见习记者", "(见习记者", "（特约记者", "(特约记者")

// bylines returns the spans of u's bylines ((记者 王磊), (通讯员 李某 记者
// 张某)), from the bracket to its end.
func bylines(text []byte, u Unit) [][2]int {
	s := text[u.Start:u.End]
	if bytes.IndexByte(s, '(') < 0 && !bytes.Contains(s, []byte("（")) {
		return nil
	}
	var out [][2]int
	for _, w := range bylineOpens {
		for from := 0; ; {
			i := bytes.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			rest := s[i:min(len(s), i+90)]
			end := bytes.IndexAny(rest, ")）")
			if end < 0 {
				continue
			}
			if rest[end] != ')' {
				end += len("）") - 1
			}
			out = append(out, [2]int{u.Start + i, u.Start + i + end + 1})
		}
	}
	return out
}

// spanAt returns the index of the span of spans holding i, -1 if none.
func spanAt(spans [][2]int, i int) int {
	for k, sp := range spans {
		if sp[0] <= i && i < sp[1] {
			return k
		}
	}
	return -1
}

// unitFindings returns the findings of fs (sorted) inside u.
func unitFindings(fs []pi.Finding, u Unit) []*pi.Finding {
	var out []*pi.Finding
	for i := range fs {
		if fs[i].Start >= u.End {
			break
		}
		if fs[i].Start >= u.Start {
			out = append(out, &fs[i])
		}
	}
	return out
}

// labelsOnly reports whether the findings of fs (sorted) inside u that are
// about a person are all labels (留守儿童, 低保户): they say what a person
// is, not who, and in a record's paragraph they are the record's person's
// (患儿现由外婆抚养，系留守儿童) unless a relation word brings in another (其子
// 为留守儿童).
func labelsOnly(fs []pi.Finding, u Unit) bool {
	for i := range fs {
		if fs[i].Start >= u.End {
			break
		}
		if fs[i].Start >= u.Start && personTypes[fs[i].Type] && fs[i].Type != pi.SpecialIdentity {
			return false
		}
	}
	return true
}

// kinOpenWords are the relatives a sentence may be about from its first
// word (奶奶患有糖尿病，长期服药。).
var kinOpenWords = byteWords("父亲", "母亲", "丈夫", "妻子", "儿子", "女儿", "其父", "其母", "其夫", "其妻", "其子", "其女",
	"爷爷", "奶奶", "外公", "外婆", "祖父", "祖母", "外祖父", "外祖母", "哥哥", "姐姐", "弟弟", "妹妹", "配偶", "老公", "老婆",
	"爱人", "公公", "婆婆", "岳父", "岳母", "姑姑", "舅舅", "叔叔", "伯伯", "阿姨", "姨妈", "继父", "继母", "养父", "养母")

// elderLabel returns the text right before a name at i that may end with
// an elder's word: without a colon and a 姓名 after the word, and no space
// (@张浩然爸爸 浩然: the handle's father is not the child's name's label).
func elderLabel(text []byte, i int) []byte {
	before := bytes.TrimRight(text[max(0, i-15):i], "：:")
	return bytes.TrimSuffix(before, []byte("姓名"))
}

// elderWords name a child's elders: the person named right after one (家长
// 刘强, 父亲刘建军, 监护人孙伟) is an adult.
var elderWords = byteWords("家长", "监护人", "父亲", "母亲", "爸爸", "妈妈", "爷爷", "奶奶", "外公", "外婆", "祖父", "祖母",
	"外祖父", "外祖母", "其父", "其母", "继父", "继母", "养父", "养母")

// kinOpens reports whether unit u opens with a relative (奶奶患有糖尿病):
// what it says is the relative's, not the record's person's it follows.
func kinOpens(text []byte, u Unit) bool {
	s := text[u.Start:u.End]
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') {
		s = s[1:]
	}
	s = bytes.TrimPrefix(s, []byte("\u3000"))
	if r, _ := utf8.DecodeRune(s); !kinOpenFirst[r] {
		return false // one lookup for most sentences
	}
	return startsWithWord(s, kinOpenWords)
}

// kinOpenFirst holds the first characters of kinOpenWords.
var kinOpenFirst = func() map[rune]bool {
	m := map[rune]bool{}
	for _, w := range kinOpenWords {
		r, _ := utf8.DecodeRune(w)
		m[r] = true
	}
	return m
}()

// startsWithWord reports whether b starts with one of ws.
func startsWithWord(b []byte, ws [][]byte) bool {
	for _, w := range ws {
		if bytes.HasPrefix(b, w) {
			return true
		}
	}
	return false
}

// personFacts reports whether g holds facts about a person (a sex, an
// age, an identifier …).
func personFacts(g []*pi.Finding) bool {
	for _, x := range g {
		if personTypes[x.Type] {
			return true
		}
	}
	return false
}

// nameBefore reports whether a name finding of fs, from index k on, starts
// before end.
func nameBefore(fs []pi.Finding, k, end int) bool {
	for j := k; j < len(fs) && fs[j].Start < end; j++ {
		if isName(fs[j].Type) {
			return true
		}
	}
	return false
}

// namedIn reports whether a name finding of g reads name.
func namedIn(text []byte, g []*pi.Finding, name string) bool {
	for _, x := range g {
		if isName(x.Type) && string(text[x.Start:x.End]) == name {
			return true
		}
	}
	return false
}

// subjectGroup is the findings of one person in one unit, with their facts
// and the full name that ties them to the same person elsewhere ("" when
// none).
type subjectGroup struct {
	fs    []*pi.Finding
	facts Facts
	key   string
}

// nameKey returns the first full name of a group — a person name of two
// characters or more, or a masked name that keeps a given name's character
// (刘某强), not a bare masked one (a bulletin's many 李某 are not one
// person) — or "".
func nameKey(text []byte, g []*pi.Finding) string {
	for _, x := range g {
		s := text[x.Start:x.End]
		if x.Type == pi.PersonName && utf8.RuneCount(s) >= 2 || x.Type == pi.MaskedName && keepsGivenName(s) {
			return string(s)
		}
	}
	return ""
}

// maskedPrefix marks the keys of bare masked names (see maskedKey).
const maskedPrefix = "某\x00"

// maskedKey returns the key of a group's first bare masked name (赵某,
// 李某某) in a text that is no bulletin: a news story or a judgment calls
// one person 赵某 throughout. Groups with such a key are one person only
// while their facts agree (applySubjects): 患者李某某，女性，37岁 and 患者李某某，
// 男性，23岁 are two.
func maskedKey(text []byte, g []*pi.Finding) string {
	for _, x := range g {
		if x.Type == pi.MaskedName {
			return maskedPrefix + string(text[x.Start:x.End])
		}
	}
	return ""
}

// agree reports whether two groups' facts may be one person's: no
// different sexes, no ages more than a year apart.
func agree(a, b Facts) bool {
	if a.Sex != "" && b.Sex != "" && a.Sex != b.Sex {
		return false
	}
	return a.Age < 0 || b.Age < 0 || a.Age-b.Age <= 1 && b.Age-a.Age <= 1
}

// keepsGivenName reports whether a masked name keeps a character of the
// given name or an ordinal after its mask (刘某强, 王*明, 孙某甲): such a name is as distinctive
// in a document as a full name, unlike 李某 or 张某某, which a bulletin
// gives many people.
func keepsGivenName(s []byte) bool {
	r, _ := utf8.DecodeLastRune(s)
	return utf8.RuneCount(s) >= 3 && unicode.Is(unicode.Han, r) && !strings.ContainsRune("某○×", r)
}

// applySubjects applies each group's facts. Groups that name the same
// person (小刚 in one sentence, 小刚 again in the next) are one subject:
// they share the first group's id and everything any of them says (his age
// makes the next sentence's diagnosis a child's).
func applySubjects(text []byte, subjects []subjectGroup) {
	first := map[string]int{}
	fullOf := map[string]string{} // a given name → the full name of three characters it came after (小雨 → 张小雨)
	merged := make([]Facts, len(subjects))
	owner := make([]int, len(subjects))
	for i, sg := range subjects {
		owner[i] = i
		if sg.key == "" {
			merged[i] = sg.facts
			continue
		}
		key := sg.key
		if full, ok := fullOf[key]; ok {
			key = full // the given name alone is the person named before
		}
		j, ok := first[key]
		if ok && strings.HasPrefix(key, maskedPrefix) && !agree(merged[j], sg.facts) {
			ok = false // another person of the same masked name
		}
		if !ok {
			first[key] = i
			merged[i] = sg.facts
			if given, ok := givenNameOf(key); ok {
				if _, taken := fullOf[given]; !taken {
					fullOf[given] = key
				}
			}
			continue
		}
		owner[i] = j
		merged[j] = mergeFacts(merged[j], sg.facts)
	}
	for i, sg := range subjects {
		o := owner[i]
		apply(text, sg.fs, merged[o], strconv.Itoa(subjects[o].fs[0].Start))
		if merged[o].Person {
			confirm(sg.fs)
		}
	}
}

// givenNameOf returns the given name of a full name of three characters
// with a one-character surname (张小雨 → 小雨).
func givenNameOf(name string) (string, bool) {
	r, n := utf8.DecodeRuneInString(name)
	if utf8.RuneCountInString(name) != 3 || !unicode.Is(unicode.Han, r) {
		return "", false
	}
	if _, ok := zh.Surname(name[:n]); !ok {
		return "", false
	}
	return name[n:], true
}

// mergeFacts combines what two groups say about one person: the lowest
// age, the first sex and name.
func mergeFacts(a, b Facts) Facts {
	if b.Age >= 0 && (a.Age < 0 || b.Age < a.Age) {
		a.Age = b.Age
	}
	if b.AgeMax >= 0 && (a.AgeMax < 0 || b.AgeMax < a.AgeMax) {
		a.AgeMax = b.AgeMax
	}
	if a.Sex == "" {
		a.Sex = b.Sex
	}
	if a.Name == "" {
		a.Name = b.Name
	}
	a.Person = a.Person || b.Person
	a.StatedMinor = a.StatedMinor || b.StatedMinor
	a.StatedU14 = a.StatedU14 || b.StatedU14
	return a
}

// ApplyRecord treats the findings of one table row or JSON object as one
// record: the facts of all its cells apply to all of them. id names the
// record ("row 12").
func ApplyRecord(fs []*pi.Finding, id string) {
	if len(fs) == 0 {
		return
	}
	f := gather(nil, fs)
	apply(nil, fs, f, id)
	if f.Person {
		confirm(fs) // 高血压 under 备注 is the row's person's
	}
}

// relationColumns are the first words of the column names that hold
// another person's data than the row's own: a pupil's guardian, an
// employee's emergency contact, a guest's companion, the staff member who
// filled in or looks after the record (家长姓名, 监护人电话, 紧急联系人, 同住人,
// 接送人, 帮扶责任人, 经办人, guardian_phone).
var relationColumns = []string{"家长", "监护人", "父亲", "母亲", "父母", "爸爸", "妈妈", "紧急联系人", "联系人", "配偶",
	"丈夫", "妻子", "亲属", "家属", "子女", "法定代理人", "代理人", "担保人", "同住人", "同行人", "随行人", "陪同人", "接送人",
	// the staff a form names beside its person: a poverty list's 帮扶责任人
	"帮扶责任人", "帮扶人", "责任人", "包保人", "网格员", "经办人", "审核人", "审批人", "填表人", "录入人", "调查人", "走访人",
	// …and a patient's or a pupil's (主治医生 of an inpatient list: the
	// doctor is not the patient, nor a child in a child's row)
	"主治医生", "主治医师", "经治医生", "管床医生", "接诊医生", "签约医生", "责任医生", "医生", "医师", "责任护士", "护士",
	"班主任", "辅导员", "任课教师", "教师", "老师",
	"guardian", "parent", "father", "mother", "emergency", "spouse", "companion", "doctor", "physician", "nurse", "teacher"}

// relationOf returns the relation word a column name starts with, "" for
// the row's own person's columns.
func relationOf(column string) string { return relationMemo.Get(column) }

// relationMemo answers relationOf once per column name: a register asks it
// of every cell.
var relationMemo = memo.New(relationOfColumn)

func relationOfColumn(column string) string {
	for _, w := range relationColumns {
		if len(column) >= len(w) && strings.EqualFold(column[:len(w)], w) {
			return w
		}
	}
	// …or ends with (接送家长, 第一监护人): the Chinese words only, as
	// English names end with name, phone …; not a question about the row's
	// person (是否独生子女, 是否军人家属)
	if strings.HasPrefix(column, "是否") || strings.HasPrefix(column, "有无") {
		return ""
	}
	for _, w := range relationColumns {
		if w[0] >= 0x80 && strings.HasSuffix(column, w) {
			return w
		}
	}
	return ""
}

// CellOwner returns the column name under which a table cell's findings
// are grouped into subjects: the column's, or the label the cell opens
// with (备注 "监护人：儿子王强 135…" is the guardian's, as a column 监护人
// would be).
func CellOwner(column string, cell []byte) string {
	for _, colon := range []string{"：", ":"} {
		if i := bytes.Index(cell, []byte(colon)); i > 0 && utf8.RuneCount(cell[:i]) <= 6 {
			return string(bytes.TrimSpace(cell[:i]))
		}
	}
	return column
}

// ApplyRow is ApplyRecord for a table's row whose findings sit in columns:
// columns[i] is the name of fs[i]'s column. The columns of a relative or a
// contact (家长姓名, 家长电话; 紧急联系人) are that person's subject, id and
// the relation word ("row 3 家长"), and take none of the row's facts: a
// pupil's age does not make the parent a child. A row that names no person
// of its own (a supplier list's 联系人) is that person's record.
func ApplyRow(fs []*pi.Finding, columns []string, id string) {
	owners := make([]string, len(fs))
	own := false // the row names its own person
	for i, x := range fs {
		owners[i] = relationOf(columns[i])
		own = own || owners[i] == "" && isName(x.Type)
	}
	if !own {
		// a list of contacts (公司名称, 联系人, 联系电话): the contact is the
		// row's person
		ApplyRecord(fs, id)
		return
	}
	applyOwned(fs, owners, id)
}

// applyOwned applies the facts of each owner's findings to them: owners[i]
// names the person fs[i] belongs to, "" the record's own (subject id), any
// other the subject id+" "+owner.
func applyOwned(fs []*pi.Finding, owners []string, id string) {
	groups := map[string][]*pi.Finding{}
	var order []string
	for i, x := range fs {
		o := owners[i]
		if _, ok := groups[o]; !ok {
			order = append(order, o)
		}
		groups[o] = append(groups[o], x)
	}
	for _, o := range order {
		if o == "" {
			ApplyRecord(groups[o], id)
		} else {
			ApplyRecord(groups[o], id+" "+o)
		}
	}
}

// ApplyNested is ApplyRecord for a JSON record whose values sit at paths:
// paths[i] is the JSON path of the value fs[i] was found in. A nested
// object that names a person of its own (a guardian inside a pupil's
// record: $.students[0].guardian.name) is a subject of its own, with the
// values below it; the record's other values are one subject, id.
func ApplyNested(fs []*pi.Finding, paths []string, id string) {
	if len(fs) == 0 {
		return
	}
	// the objects holding a name directly: the path without its last key;
	// a staff member's name (a visit's doctor) makes no object a person's
	named := map[string]bool{}
	for i, x := range fs {
		if isName(x.Type) && !staffKey(lastKey(paths[i])) {
			named[objectOf(paths[i])] = true
		}
	}
	// the shallowest named object is the record's own person, one that is
	// no relative's ($.user before $.guardian) first
	top := ""
	better := func(o string) bool {
		if top == "" {
			return true
		}
		if ro, rt := relationOf(lastKey(o)) != "", relationOf(lastKey(top)) != ""; ro != rt {
			return !ro
		}
		return len(o) < len(top) || len(o) == len(top) && o < top
	}
	for o := range named {
		if better(o) {
			top = o
		}
	}
	owners := make([]string, len(fs))
	for i := range fs {
		for o := objectOf(paths[i]); o != ""; o = objectOf(o) {
			if named[o] && o != top {
				owners[i] = o
				break
			}
		}
		// a relative's key beside the person's own (parentName,
		// parentPhone in a pupil's object) is the relative's, as a
		// table's 家长电话 column is; a staff member's (a visit's doctor)
		// is the staff member's
		if k := lastKey(paths[i]); staffKey(k) {
			owners[i] = paths[i]
		} else if owners[i] == "" {
			if r := relationOf(k); r != "" {
				owners[i] = objectOf(paths[i]) + " " + r
			}
		}
	}
	applyOwned(fs, owners, id)
}

// eventKeys are the words of the keys of arrays whose elements are events
// of the record's person — visits, prescriptions, trips, tests — not
// other people: an element of such an array belongs to the record around
// it (a patient's $.visits[0].diagnosis is the patient's).
var eventKeys = []string{"visit", "record", "history", "event", "log", "order", "trip", "itinerar", "prescription", "diagnos",
	"medication", "drug", "step", "tag", "test", "result", "exam", "lab", "payment", "transaction", "location", "track",
	"就诊", "记录", "轨迹", "行程", "处方", "诊断", "检查", "化验", "检验", "用药", "订单", "病历"}

// EventArray reports whether a JSON key names an array of the record's
// person's events (visits, prescriptions, 就诊记录).
func EventArray(key string) bool {
	k := strings.ToLower(key)
	for _, w := range eventKeys {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// RecordPath returns the JSON record a value at path belongs to: the
// innermost array element that is not an event of the record around it
// ($.patients[2].visits[0].diagnosis belongs to $.patients[2]) nor a
// value of a list inside a record ($.patients[2].chronic[0]), "$" when
// none is.
func RecordPath(path string) string {
	p := path
	// a value of a list of values inside a record ($.list[1].chronic[0]:
	// 高血压) is the record's, as its other keys are; a top-level list of
	// values ($.names[0]) stays a record per value
	if strings.HasSuffix(p, "]") {
		if open := strings.LastIndexByte(p, '['); open > 0 && strings.Contains(p[:open], "]") {
			p = p[:open]
		}
	}
	for {
		i := strings.LastIndexByte(p, ']')
		if i < 0 {
			return "$"
		}
		open := strings.LastIndexByte(p[:i], '[')
		if open < 0 {
			return "$"
		}
		if !EventArray(lastKey(p[:open])) {
			return p[:i+1]
		}
		p = p[:open]
	}
}

// staffKeys are the keys whose values are the staff who served the
// record's person (a visit's doctor, a form's clerk), lower-cased.
var staffKeys = []string{"doctor", "physician", "nurse", "teacher", "operator", "staff", "handler", "clerk", "reviewer",
	"医生", "医师", "护士", "老师", "教师", "经办人", "操作员", "审核人", "接诊", "主治"}

// staffKey reports whether a JSON key names a staff member (doctor,
// doctorName, 主治医生).
func staffKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range staffKeys {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// lastKey returns the last key of a JSON path ($.a[0].parentName →
// parentName), "" when it ends with an index.
func lastKey(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 || path[i] == '[' {
		return ""
	}
	return path[i+1:]
}

// objectOf returns the path of the object or array holding the value at
// path ($.a[0].b.c → $.a[0].b), "" for the root.
func objectOf(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i <= 0 {
		return ""
	}
	return path[:i]
}

// personCues are words that say a sentence is about a person even when no
// finding names them.
var personCues = []string{"患者", "病例", "确诊", "感染者", "密切接触者", "密接", "该生", "孩子", "学生", "儿童",
	"男子", "女子", "老人", "本人", "其父", "其母", "家属", "居民", "市民", "乘客", "租户", "业主"}

func cue(b []byte) bool {
	s := string(b)
	for _, c := range personCues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// relationWords introduce another person: a relative, a companion.
var relationWords = [...]string{"其父", "其母", "父亲", "母亲", "父母", "丈夫", "妻子", "儿子", "女儿", "其夫", "其妻", "其子", "其女",
	"爷爷", "奶奶", "外公", "外婆", "祖父", "祖母", "外祖父", "外祖母", "哥哥", "姐姐", "弟弟", "妹妹", "同事", "朋友",
	"监护人", "家长", "联系人", "配偶", "家属", "陪同人员", "同行人员",
	// the other people a form names beside its person (捡拾人：赵大勇, 经办人：…)
	"捡拾人", "经办人", "填表人", "送养人", "报告人", "记录人"}

// alongWith are the prepositions before a relative the person goes or is
// with (随父母居家隔离, 跟奶奶生活): what follows is still the person's.
// A relative named after them (和母亲李某某) is someone else by the name.
const alongWith = "随跟同陪"

// relationStarts maps the first rune of each relation word to 1 + the
// index of its group in relationGroups (0: no relation word starts so).
var relationStarts, relationGroups = func() (*[0x10000]uint8, [][]int) {
	var starts [0x10000]uint8
	var groups [][]int
	for i, w := range relationWords {
		r, _ := utf8.DecodeRuneInString(w)
		if starts[r] == 0 {
			groups = append(groups, nil)
			starts[r] = uint8(len(groups))
		}
		groups[starts[r]-1] = append(groups[starts[r]-1], i)
	}
	return &starts, groups
}()

// relations returns the byte offsets in unit u where a relation word
// starts, sorted: for each word, its occurrences from left to right that do
// not overlap the previous one of the same word, except after 的 (病例1的
// 妻子 describes the person, it introduces no one). One pass over the
// runes.
func relations(text []byte, u Unit) []int {
	var out []int
	s := text[u.Start:u.End]
	var next [len(relationWords)]int // per word: where its next occurrence may start
	for p := 0; p < len(s); {
		r, size := utf8.DecodeRune(s[p:])
		if r < 0x10000 {
			if g := relationStarts[r]; g != 0 {
				for _, w := range relationGroups[g-1] {
					rw := relationWords[w]
					if p >= next[w] && len(s)-p >= len(rw) && string(s[p:p+len(rw)]) == rw {
						next[w] = p + len(rw)
						// X的妻子 says who the person described is (系病例1
						// 的妻子): no one else is introduced; nor does a
						// relation in brackets after a name (赵小红（女儿，在读
						// 大学）: the name's)
						if a := ageBefore(s, p); a >= 0 {
							// 她和70岁的奶奶: the age is the relative's
							out = append(out, u.Start+a)
						} else if r0, _ := utf8.DecodeLastRune(s[:p]); r0 != '的' && r0 != '（' && r0 != '(' && !strings.ContainsRune(alongWith, r0) {
							out = append(out, u.Start+p)
						}
					}
				}
			}
		}
		if r == '其' {
			// 其孙女, 其8岁孙儿: after 其 the grandchild is someone else
			q := p + size
			q = ageEnd(s, q)
			for _, w := range qiKin {
				if bytes.HasPrefix(s[q:], []byte(w)) {
					out = append(out, u.Start+p)
					break
				}
			}
		}
		p += size
	}
	slices.Sort(out)
	return out
}

// ageBefore returns where an age written right before byte p of s starts
// (70岁的|奶奶, 8岁|孙儿, 其8岁|孙儿 from 其), or -1.
func ageBefore(s []byte, p int) int {
	q := p
	q -= len(suffixOf(s[:q], "的"))
	if !bytes.HasSuffix(s[:q], []byte("岁")) {
		return -1
	}
	q -= len("岁")
	q -= len(suffixOf(s[:q], "周"))
	a := q
	for a > 0 {
		r, n := utf8.DecodeLastRune(s[:a])
		if !(r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十百两", r)) {
			break
		}
		a -= n
	}
	if a == q {
		return -1
	}
	a -= len(suffixOf(s[:a], "其"))
	return a
}

// ageEnd returns where an age written at byte q of s ends (8岁, 十二岁的),
// or q.
func ageEnd(s []byte, q int) int {
	a := q
	for a < len(s) {
		r, n := utf8.DecodeRune(s[a:])
		if !(r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十百两", r)) {
			break
		}
		a += n
	}
	if a == q {
		return q
	}
	if bytes.HasPrefix(s[a:], []byte("周岁")) {
		a += len("周岁")
	} else if bytes.HasPrefix(s[a:], []byte("岁")) {
		a += len("岁")
	} else {
		return q
	}
	if bytes.HasPrefix(s[a:], []byte("的")) {
		a += len("的")
	}
	return a
}

// suffixOf returns w when s ends with it, else nil.
func suffixOf(s []byte, w string) []byte {
	if bytes.HasSuffix(s, []byte(w)) {
		return []byte(w)
	}
	return nil
}

// spouseWords are more relatives a pronoun may own (她老公); they do not
// split a sentence as relation words do (接送孙女, 病例22婆婆 describe the
// person the sentence is about).
var spouseWords = []string{"老公", "老婆", "爱人", "儿媳", "女婿", "公公", "婆婆", "岳父", "岳母", "孙子", "孙女", "外孙"}

// qiKin are the relatives that, after 其, introduce another person: the
// spouse words and the rest of the family (其8岁孙儿, 其侄子).
var qiKin = append(slices.Clone(spouseWords), "孙儿", "侄子", "侄女", "外甥", "舅舅", "姑姑", "姨妈")

// relationAt reports whether b starts with a relation word (女儿, 父亲,
// 老公 …).
func relationAt(b []byte) bool {
	for _, ws := range [][]string{relationWords[:], spouseWords} {
		for _, w := range ws {
			if bytes.HasPrefix(b, []byte(w)) {
				return true
			}
		}
	}
	return false
}

// pronoun is a 他 or 她 opening a clause, at byte offset at, with the sex
// it implies.
type pronoun struct {
	at  int
	sex string
}

// pronouns returns the clauses of unit u that open with 他 or 她 (，他和奶奶
// 住在…), in order; 他们, 她们 speak of several people and 她的, 她女儿 of
// someone else, and are left out.
func pronouns(text []byte, u Unit) []pronoun {
	var out []pronoun
	if !bytes.Contains(text[u.Start:u.End], []byte("他")) && !bytes.Contains(text[u.Start:u.End], []byte("她")) {
		return nil
	}
	for p := u.Start; p < u.End; {
		r, size := utf8.DecodeRune(text[p:u.End])
		if r == '他' || r == '她' {
			prev, _ := utf8.DecodeLastRune(text[:p])
			next, _ := utf8.DecodeRune(text[p+size : u.End])
			if (p == u.Start || strings.ContainsRune("，,；;。\n", prev)) && next != '们' && next != '的' && !relationAt(text[p+size:u.End]) {
				sex := "male"
				if r == '她' {
					sex = "female"
				}
				out = append(out, pronoun{p, sex})
			}
		}
		p += size
	}
	return out
}

// countIn counts the findings of fs (sorted) that start inside u.
func countIn(fs []pi.Finding, u Unit) int {
	n := 0
	for i := range fs {
		if fs[i].Start >= u.End {
			break
		}
		if fs[i].Start >= u.Start {
			n++
		}
	}
	return n
}

func hasPlace(groups [][]*pi.Finding) bool { return hasType(groups, pi.Place) }

func hasType(groups [][]*pi.Finding, t pi.Type) bool {
	for _, g := range groups {
		for _, x := range g {
			if x.Type == t {
				return true
			}
		}
	}
	return false
}

// sensitiveFacts are the types whose recognizers score lower when their
// own window shows no person; inside a subject they are that person's.
var sensitiveFacts = map[pi.Type]bool{pi.Health: true, pi.Religion: true, pi.SexualOrientation: true,
	pi.CriminalRecord: true, pi.Biometric: true, pi.Financial: true, pi.Occupation: true, pi.School: true, pi.MaritalStatus: true,
	pi.Political: true, pi.Ethnicity: true, pi.Nationality: true, pi.AcademicRecord: true}

// confirm raises the sensitive facts (and the school) of a subject with a
// person to 0.85: a bulletin entry's later sentences (核酸检测结果呈阳性)
// speak of the patient named at its start, and 就读于石桥村小学 after a
// child's name is that child's school.
func confirm(g []*pi.Finding) {
	for _, x := range g {
		if sensitiveFacts[x.Type] && x.Score < 0.85 {
			x.Score = 0.85
			x.Evidence.Reason = "about the subject of the entry"
		}
	}
}
