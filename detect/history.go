package detect

import (
	"bytes"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/terms"
)

// A résumé's or a form's work history lists employers as fields of a line
// (工作经历：2018.07-至今　甘肃日报社　记者), where the tagger, reading no
// sentence, often sees no organization. Under such a label, a field that
// ends as an organization's name does is the person's employer.

// historyLabels open a work history.
var historyLabels = byteWords("工作经历", "工作经验", "工作履历", "任职经历", "工作简历", "主要经历", "工作单位及职务")

// orgEnds end an organization's name.
var orgEnds = byteWords("公司", "集团", "银行", "报社", "杂志社", "出版社", "电视台", "电台", "委员会", "办公室", "派出所",
	"医院", "卫生院", "研究院", "研究所", "事务所", "中心", "局", "厅", "处", "厂", "社", "院", "所", "部", "站", "馆", "店")

// historyEmployers adds the employers of the work-history lines of text:
// the line of a history label and the lines after it up to a blank line
// or another form's label. fs need not be sorted.
func historyEmployers(text []byte, fs []pi.Finding) []pi.Finding {
	// every label holds 经 or 工作: two scans rule most texts out
	if !bytes.Contains(text, []byte("经")) && !bytes.Contains(text, []byte("工作")) {
		return fs
	}
	at := -1
	for _, l := range historyLabels {
		if k := bytes.Index(text, l); k >= 0 && (at < 0 || k < at) {
			at = k
		}
	}
	if at < 0 {
		return fs
	}
	cov := coverage{fs: &fs, size: len(text)}
	for ls := at; ls < len(text); {
		le := bytes.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		line := text[ls:le]
		if ls > at && (len(bytes.TrimSpace(line)) == 0 || otherLabel(line)) {
			break
		}
		for _, fd := range historyFields(line) {
			start, end := ls+fd[0], ls+fd[1]
			n := utf8.RuneCount(text[start:end])
			if n < 3 || n > 20 || !allHan(text[start:end]) || !hasAnySuffix(text[start:end], orgEnds) || !cov.free(start, end) {
				continue
			}
			fs = append(fs, pi.Finding{Type: pi.Employer, Category: pi.CatEduWork, Start: start, End: end, Score: 0.8, Source: terms.Source,
				Evidence: pi.Evidence{Validator: "rule:work-history", Valid: true, Context: []string{"workplace"}}})
		}
		ls = le + 1
	}
	return fs
}

// historyFields returns the fields of a line [start, end): runs apart by
// spaces, tabs, ideographic spaces or the colon after a label.
func historyFields(line []byte) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRune(line[i:])
		sep := r == ' ' || r == '\t' || r == '\u3000' || r == '：' || r == ':' || r == '，' || r == '、' || r == '；'
		switch {
		case sep && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !sep && start < 0:
			start = i
		}
		i += n
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(line)})
	}
	return out
}

// otherLabel reports whether a line opens another of a form's fields (期望
// 薪资：…), which ends the work history.
func otherLabel(line []byte) bool {
	k := bytes.IndexAny(line, ":：")
	return k > 0 && k <= 18 && !bytes.ContainsAny(line[:k], " \t")
}
