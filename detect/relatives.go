package detect

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/terms"
	"github.com/custos-project/custos/zh"
)

// relationLabels introduce a relative's line in a form (母亲：吉克阿依，39岁).
var relationLabels = [][]byte{[]byte("父亲"), []byte("母亲"), []byte("爷爷"), []byte("奶奶"), []byte("外公"), []byte("外婆"),
	[]byte("祖父"), []byte("祖母"), []byte("监护人"), []byte("配偶"), []byte("丈夫"), []byte("妻子"), []byte("儿子"), []byte("女儿"),
	[]byte("哥哥"), []byte("姐姐"), []byte("弟弟"), []byte("妹妹"), []byte("家长"), []byte("联系人")}

// relativesNamed adds the name of a relative written as a form's field
// before the relative's age or sex (母亲：吉克阿依，39岁; 父亲：买买提·艾力，男):
// the structure says it is a name where the tagger, trained on Han names,
// misses one of the minorities' (Yi, Uyghur, Tibetan). fs need not be
// sorted.
func relativesNamed(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	cov := coverage{fs: &fs, size: len(text)}
	n := len(fs)
	for i := 0; i < n; i++ {
		if t := fs[i].Type; t != pi.Age && t != pi.Gender {
			continue
		}
		before := text[:fs[i].Start]
		end := len(before)
		switch {
		case bytes.HasSuffix(before, []byte("，")):
			end -= len("，")
		case bytes.HasSuffix(before, []byte(",")):
			end--
		default:
			continue
		}
		start, runes := end, 0
		for start > 0 && runes <= 12 {
			r, size := utf8.DecodeLastRune(text[:start])
			if !unicode.Is(unicode.Han, r) && r != '·' && r != '•' {
				break
			}
			start -= size
			runes++
		}
		if runes < 2 || runes > 12 || runes > 4 && !bytes.ContainsAny(text[start:end], "·•") {
			continue
		}
		label := bytes.TrimRight(text[:start], " \t")
		if !bytes.HasSuffix(label, []byte("：")) && !bytes.HasSuffix(label, []byte(":")) {
			continue
		}
		label = bytes.TrimSuffix(bytes.TrimSuffix(label, []byte("：")), []byte(":"))
		if !hasAnySuffix(label, relationLabels) {
			continue
		}
		if !cov.free(start, end) {
			// the model's name cut short (艾力 of 买买提·艾力): the field is
			// the name
			for j := range fs[:n] {
				if f := &fs[j]; isPersonName(f.Type) && f.End == end && f.Start > start && cov.free(start, f.Start) {
					f.Start = start
				}
			}
			continue
		}
		name := string(text[start:end])
		if common != nil && common(name) || hasAnyPrefix(text[start:end], columnWords) {
			continue // 母亲：务农，
		}
		fs = append(fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.85, Source: terms.Source,
			Evidence: pi.Evidence{Validator: "rule:relative-named", Valid: true, Context: []string{string(suffixOf(label, relationLabels))}}})
	}
	return fs
}

// kinLabels are the relations after which a surname and a given name are
// the relative's name (其妻孙丽, 父亲 欧阳建国, 母亲：韩冰, 房东李国强):
// relationLabels and the words of a record's prose and a register's notes.
var kinLabels = slices.Concat(relationLabels, [][]byte{[]byte("其妻"), []byte("其夫"), []byte("其子"), []byte("其女"), []byte("其父"),
	[]byte("其母"), []byte("其兄"), []byte("其弟"), []byte("其姐"), []byte("其妹"), []byte("爱人"), []byte("老公"), []byte("老婆"),
	[]byte("户主"), []byte("房东"), []byte("代理人"), []byte("继父"), []byte("继母"), []byte("养父"), []byte("养母"), []byte("岳父"),
	[]byte("岳母"), []byte("公公"), []byte("婆婆"), []byte("舅舅"), []byte("姑姑"), []byte("叔叔"), []byte("伯伯"), []byte("孙女"),
	[]byte("侄子"), []byte("侄女"), []byte("同住人"), []byte("婚生子"), []byte("婚生女"), []byte("长子"), []byte("长女"),
	[]byte("次子"), []byte("次女"), []byte("养子"), []byte("养女"), []byte("继子"), []byte("继女")}, personFieldLabels)

// personFieldLabels name the person a register's or a form's field is about
// (来访人：蒋文博, 参保人：冯建军, 收件人 王芳).
var personFieldLabels = [][]byte{[]byte("来访人"), []byte("访客"), []byte("被访人"), []byte("参保人"), []byte("被保险人"),
	[]byte("投保人"), []byte("申请人"), []byte("登记人"), []byte("当事人"), []byte("报告人"), []byte("就诊人"), []byte("承租人"),
	[]byte("出租人"), []byte("收件人"), []byte("寄件人"), []byte("服务对象"), []byte("救助对象"), []byte("负责人"),
	[]byte("法定代表人"), []byte("法人代表"), []byte("业主"), []byte("车主"), []byte("经办人"), []byte("填表人"), []byte("审核人"),
	[]byte("签收人"), []byte("报案人"), []byte("举报人"), []byte("被害人"), []byte("受害人"), []byte("借款人"), []byte("担保人"),
	[]byte("委托人")}

// kinEnd maps a character to 1 + the index in kinGroups of the labels of
// kinLabels that end with it, 0 for none: the scan for them looks at a
// label only where one can end, in one table lookup (every character of
// every text passes here).
var kinEnd, kinGroups = func() (*[1 << 16]uint8, [][][]byte) {
	var end [1 << 16]uint8
	var groups [][][]byte
	for _, l := range kinLabels {
		r, _ := utf8.DecodeLastRune(l)
		if end[r] == 0 {
			groups = append(groups, nil)
			end[r] = uint8(len(groups))
		}
		groups[end[r]-1] = append(groups[end[r]-1], l)
	}
	return &end, groups
}()

// kinNames adds the name right after a relation or a field's person
// (其妻孙丽，患有抑郁症; 紧急联系人 父亲 欧阳建国; 母亲：韩冰; 来访人：蒋文博): a
// surname and one to three characters that end a run of Chinese
// characters. After a colon or a space the relation is a form's label: any
// surname will do (but a rare one and one character is a word: 家长：好的),
// and the tagger's name cut short there is the field (蒋文 of 蒋文博). Run
// straight into the relation, the name is two or three characters with a
// common surname, neither it nor its given name a common word (女儿高考,
// 父亲和朋友; a doubled pet name is one: 儿子孙乐乐), and the relation does
// not end inside a word with a rare surname (父母亲戚共10人). The tagger
// misses such names when the word before them is not one it saw in
// training. fs need not be sorted.
func kinNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	cov := coverage{fs: &fs, size: len(text)}
	var family map[string]bool // the surnames of the full names found: the family's (黄志勇, 黄可馨)
	familyOf := func(name []byte) bool {
		if family == nil {
			family = map[string]bool{}
			for _, f := range fs {
				if v := text[f.Start:f.End]; f.Type == pi.PersonName && utf8.RuneCount(v) >= 3 {
					if sl := zh.SurnameAt(string(v)); sl > 0 {
						family[string(v[:sl])] = true
					}
				}
			}
		}
		sl := zh.SurnameAt(string(name))
		return sl > 0 && family[string(name[:sl])]
	}
	for i := 0; i < len(text); {
		// three-byte characters decoded in place: this loop sees every
		// character of every text
		c := text[i]
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(text) {
			i++
			continue
		}
		r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
		i += 3
		g := kinEnd[r]
		if g == 0 {
			continue
		}
		label := suffixOf(text[:i], kinGroups[g-1])
		if label == nil {
			continue
		}
		start, delimited := i, false
		for start < len(text) {
			d, n := utf8.DecodeRune(text[start:])
			if d != '：' && d != ':' && d != ' ' && d != '\u3000' && d != '\t' {
				break
			}
			start, delimited = start+n, true
		}
		if !delimited && bytes.HasPrefix(text[start:], []byte("为")) {
			start += len("为") // 法定代表人为张国栋: the label's copula
		}
		end, runes := start, 0
		for end < len(text) && runes <= 4 {
			h, n := utf8.DecodeRune(text[end:])
			if !unicode.Is(unicode.Han, h) {
				break
			}
			end, runes = end+n, runes+1
		}
		pet := false // a pet name run into the words after it
		if !delimited && runes > 3 {
			// a child's pet name run into what is said of them (儿子马小龙在
			// 县一中读高二): a surname, 小 or 阿 and one character, then a
			// function word or a verb of a person; or a full name so run
			// (姑姑马玉梅抚养, 父亲马占福于2018年)
			if end = petNameEnd(text, start); end > start {
				runes, pet = 3, true
			} else {
				end, runes = fullNameRunEnd(text, start, common, familyOf(text[start:min(len(text), start+6)])), 3
			}
		}
		if runes < 2 || runes > 4 || end == start {
			continue
		}
		name := text[start:end]
		sl := zh.SurnameAt(string(name))
		if sl == 0 {
			continue
		}
		if freq, _ := zh.Surname(string(name[:sl])); !delimited && common != nil && freq < 1000 {
			// the relation's last character and a rare surname make a
			// word (父母亲戚共10人: 亲戚; 其父母家: 父母): no relation there
			// (妻子孙丽 has 子孙 too, but 孙 is a common surname)
			lr, _ := utf8.DecodeLastRune(label)
			fr, _ := utf8.DecodeRune(name)
			if common(string(lr) + string(fr)) {
				continue
			}
		}
		if given := utf8.RuneCount(name[sl:]); given < 1 || given > 2 {
			continue
		}
		kin := familyOf(name) // 儿子黄可乐 beside 黄志勇: a given name may be a word
		if freq, _ := zh.Surname(string(name[:sl])); !delimited && (freq < 100 || common != nil && common(string(name[sl:])) && !doubled(name[sl:]) && !pet && !petGiven(string(name[sl:])) && !kin) {
			continue // 父亲和朋友; but 儿子孙乐乐: a pet name doubled
		}
		if _, g1 := utf8.DecodeRune(name[sl:]); !delimited && !pet && !kin && common != nil && common(string(name[:sl+g1])) {
			continue // 丈夫为解放军: the surname starts a word
		}
		if last, _ := utf8.DecodeLastRune(name); !delimited && strings.ContainsRune("的了着过地得们", last) {
			continue // 业主张贴的: no name ends with a particle
		}
		if common != nil && common(string(name)) || bytes.HasPrefix(name, []byte("姓名")) || hasAnyPrefix(name, columnWords) {
			continue
		}
		if freq, _ := zh.Surname(string(name[:sl])); delimited && runes == 2 && freq < 100 {
			continue // 家长：好的 — a rare surname and one character is a word
		}
		if !cov.free(start, end) {
			if delimited && extendNameAt(fs, start, end, &cov) {
				cov, i = coverage{fs: &fs, size: len(text)}, end
				continue
			}
			// the tagger's place or organization of the given name (父亲
			// 欧阳建国: 建国) gives way; any other finding stands
			if !overTaggerPlaces(fs, start, end) {
				continue
			}
			fs = slices.DeleteFunc(fs, func(f pi.Finding) bool { return f.Start < end && f.End > start })
			cov = coverage{fs: &fs, size: len(text)}
		}
		fs = append(fs, pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.8, Source: terms.Source,
			Evidence: pi.Evidence{Validator: "rule:relative-named", Valid: true, Context: []string{string(label)}}})
		i = end
	}
	return fs
}

// petNameEnd returns where a surname of one character and a pet given
// name (小龙, 阿明) starting at start end, when a function word or a verb of
// a person follows them (see givenFollow), or start.
func petNameEnd(text []byte, start int) int {
	g, ok := commonSurnameAt(text, start)
	if !ok {
		return start
	}
	_, b := utf8.DecodeRune(text[g:])
	_, c := utf8.DecodeRune(text[g+b:])
	end := g + b + c
	if !petGiven(string(text[g:end])) {
		return start
	}
	if next, _ := utf8.DecodeRune(text[end:]); !givenFollow[next] {
		return start
	}
	return end
}

// commonSurnameAt reports whether a surname of one character that a
// thousand in a million people or more bear starts at start, and where
// the given name after it starts.
func commonSurnameAt(text []byte, start int) (int, bool) {
	_, a := utf8.DecodeRune(text[start:])
	freq, ok := zh.Surname(string(text[start : start+a]))
	return start + a, ok && freq >= 1000
}

// runFollow holds the characters after which a full name run into the
// words after a relation ends (父亲马占福于2018年, 由姑姑马玉梅抚养): the
// function words and verbs of givenFollow and a few of a record's.
var runFollow = func() map[rune]bool {
	m := maps.Clone(givenFollow)
	for _, r := range "于因由抚帮陪带送接等及、" {
		m[r] = true
	}
	return m
}()

// fullNameRunEnd returns where a full name starting at start ends when it
// runs into the words after it: a surname of one character a thousand in
// a million people or more bear, two characters that are no common word,
// then a character of runFollow; neither the surname with the first of
// them (高考, 马上) nor the last with what follows (福于) may be a word.
// For a surname of the family's (kin) the given name may be one (可乐).
// It returns start when there is no such name.
func fullNameRunEnd(text []byte, start int, common func(string) bool, kin bool) int {
	g, ok := commonSurnameAt(text, start)
	if common == nil || !ok {
		return start
	}
	_, b := utf8.DecodeRune(text[g:])
	c, cn := utf8.DecodeRune(text[g+b:])
	end := g + b + cn
	next, nn := utf8.DecodeRune(text[end:])
	// a relative of the family's surname may run into any word (妹妹陶小花
	// 相依为命, 父亲陶光明三年前): the checks below still part the words
	if !unicode.Is(unicode.Han, c) || !runFollow[next] && !kin {
		return start
	}
	// a relative of the family's surname may bear a word for a given name
	// (儿子黄可乐在读: 可乐)
	if !kin && (common(string(text[g:end])) || common(string(text[start:g+b]))) || common(string(text[start:end])) ||
		common(string(c)+string(next)) || common(string(text[g+b:end+nn])) {
		return start
	}
	return end
}

// fullNameAt reports whether text[start:end] reads as a full name: a
// common surname (a hundred in a million people or more) and one to three
// characters.
func fullNameAt(text []byte, start, end int) bool {
	name := text[start:end]
	sl := zh.SurnameAt(string(name))
	if sl == 0 {
		return false
	}
	if freq, _ := zh.Surname(string(name[:sl])); freq < 100 {
		return false
	}
	n := utf8.RuneCount(name[sl:])
	return n >= 1 && n <= 3
}

// extendNameAt extends the person's name of fs that starts at start and
// ends before end over the free rest of [start, end), reporting whether
// there was one; a surname with its form of address (李 of 李先生) is whole
// as it is.
func extendNameAt(fs []pi.Finding, start, end int, cov *coverage) bool {
	for i := range fs {
		if f := &fs[i]; isPersonName(f.Type) && f.Start == start && f.End < end && f.Attr("title") == "" && cov.free(f.End, end) {
			f.End = end
			return true
		}
	}
	return false
}

// titledNames drops the tagger's names that end at the surname of a
// surname and a form of address the term lists found (罗|先生, 藏友孙|先生,
// 但李|先生): the rule checked what stands before the surname, and its
// finding carries the title (a name so written says less than a full
// name: 罗先生 is someone called Luo). It drops as well the tagger's names
// that overlap a name of an ethnic minority's name parts (江·吐尔 of
// 买买提江·吐尔逊): the model knows those parts less than the list. fs need
// not be sorted. A full name of the tagger's that ends at the rule's
// surname (刘向|宁先生: 向 may stand before a surname) is the name, and the
// rule's finding goes.
func titledNames(text []byte, fs []pi.Finding) []pi.Finding {
	var titled, tagged []int
	for i := range fs {
		if v := fs[i].Evidence.Validator; v == "rule:surname-title" || v == "rule:minority-name" {
			titled = append(titled, i)
		} else if fs[i].Source == "ner" && fs[i].Type == pi.PersonName {
			tagged = append(tagged, i)
		}
	}
	if len(titled) == 0 || len(tagged) == 0 {
		return fs
	}
	// the tagger's names by start, each titled name compared with those
	// that may reach it only (a long register has many of both)
	slices.SortFunc(tagged, func(a, b int) int { return fs[a].Start - fs[b].Start })
	const reach = 64 // bytes: longer than any name
	drop := map[int]bool{}
	for _, k := range titled {
		t := fs[k]
		from, _ := slices.BinarySearchFunc(tagged, t.Start-reach, func(i, start int) int { return fs[i].Start - start })
		for _, i := range tagged[from:] {
			f := fs[i]
			if f.Start >= t.End {
				break
			}
			switch {
			case t.Evidence.Validator == "rule:minority-name" && f.Start < t.End && f.End > t.Start:
				drop[i] = true
			case f.End == t.End && f.Start == t.Start:
				drop[i] = true // the tagger's surname alone (罗|先生)
			case f.End == t.End && f.Start < t.Start:
				if fullNameAt(text, f.Start, f.End) {
					drop[k] = true // 刘向宁先生: the full name, not 宁先生
				} else {
					drop[i] = true // 藏友孙先生, 但李先生
				}
			}
		}
	}
	if len(drop) == 0 {
		return fs
	}
	out := fs[:0]
	for i, f := range fs {
		if !drop[i] {
			out = append(out, f)
		}
	}
	return out
}

// dropCountryNames drops the tagger's names that are a country's
// (黎巴嫩防空部队: the model read a transliteration as a person's) or a
// classical relation (之父).
func dropCountryNames(text []byte, fs []pi.Finding) []pi.Finding {
	return slices.DeleteFunc(fs, func(f pi.Finding) bool {
		return f.Type == pi.PersonName && f.Source == "ner" && (terms.Country(string(text[f.Start:f.End])) || ofKin(text[f.Start:f.End]))
	})
}

// ofKin reports a relation written the classical way (之父, 之母, 之妻: 系
// 被告人之父), which the tagger may take for a name.
func ofKin(b []byte) bool {
	rest, ok := bytes.CutPrefix(b, []byte("之"))
	if !ok || utf8.RuneCount(rest) != 1 {
		return false
	}
	r, _ := utf8.DecodeRune(rest)
	return strings.ContainsRune("父母子女妻夫兄弟姐妹孙", r)
}

// suffixOf returns the word of words b ends with, nil if none.
func suffixOf(b []byte, words [][]byte) []byte {
	for _, w := range words {
		if bytes.HasSuffix(b, w) {
			return w
		}
	}
	return nil
}

// overTaggerPlaces reports whether every finding overlapping [start, end)
// is a place or organization of the tagger's that lies within it.
func overTaggerPlaces(fs []pi.Finding, start, end int) bool {
	for _, f := range fs {
		if f.Start < end && f.End > start && (f.Source != "ner" || f.Type != pi.Place && f.Type != pi.Organization || f.Start < start || f.End > end) {
			return false
		}
	}
	return true
}
