package detect

import (
	"bytes"
	"slices"
	"strings"

	"github.com/custos-project/custos/pi"
)

// Hospitals number their patients: an admission, medical-record or
// outpatient number leads to the whole record, so it is health information
// (PIPL Art 28) wherever it is printed. The numbers have no national
// format; the label written right before one (住院号：2026031178), or the
// column or key it sits under, is the only evidence.

// medicalLabels are the labels of a hospital's patient numbers (lower
// case: the context automaton and labelBefore fold ASCII case).
var medicalLabels = []string{"住院号", "住院号码", "住院编号", "病历号", "病历号码", "病历编号", "病案号", "病案号码",
	"门诊号", "门诊号码", "急诊号", "就诊号", "就诊卡号", "就诊卡", "诊疗卡号", "诊疗号", "登记号", "患者id", "病人id",
	"患者编号", "病人编号", "mrn",
	// the birth certificate a maternity hospital issues (a letter and nine
	// digits): it names the child, the mother and the birth
	"出生医学证明编号", "出生医学证明号", "出生医学证明号码", "出生证编号", "出生证号", "出生证号码", "出生证明编号"}

// personLabels are the labels of the numbers a school, an employer, an
// exam or an insurer gives a person (lower case, as medicalLabels).
var personLabels = []string{"学号", "学生证号", "学籍号", "学生编号", "工号", "员工号", "员工编号", "职工号", "职工编号",
	"工作证号", "警号", "准考证号", "准考证", "考生号", "考号", "会员号", "会员卡号", "会员编号", "社保卡号", "社会保障卡号",
	"社保号", "医保卡号", "医保号", "医保编号", "健保卡号", "健保号", "健保卡號", "校园卡号", "一卡通号", "借书证号", "读者证号"}

// maxLabelGap is how far a label may end before its number: its
// punctuation and a space or two (住院号码：, 病历号 #).
const maxLabelGap = 8

// labelBefore reports whether a label of labels ends right before start,
// or the fragment's label (a column 住院号, 学号) is one: group is the
// labels' context group.
func (s *scanner) labelBefore(start int, labels []string, group ctxGroup) bool {
	if s.label&group.bit() != 0 {
		return true
	}
	if start == 0 {
		return false
	}
	b := s.text[max(0, start-maxLabelGap-maxLabelLen):start]
	trimmed := bytes.TrimRight(b, " \t：:#=")
	if len(b)-len(trimmed) > maxLabelGap {
		return false
	}
	trimmed = bytes.TrimSuffix(trimmed, []byte("为"))
	for _, w := range labels {
		if len(trimmed) >= len(w) && strings.EqualFold(bstr(trimmed[len(trimmed)-len(w):]), w) {
			return true
		}
	}
	return false
}

// maxLabelLen is the longest label's length in bytes.
var maxLabelLen = func() int {
	n := 0
	for _, w := range append(slices.Clone(medicalLabels), personLabels...) {
		n = max(n, len(w))
	}
	return n
}()

// numberKind is a kind of number known by the label before it.
type numberKind struct {
	typ               pi.Type
	cat               pi.Category
	labels            []string
	group             ctxGroup
	minLen, maxLen    int // characters
	minDigits         int
	validator, source string
}

var (
	// a hospital's number for a patient (5-18 characters)
	medicalNumbers = numberKind{typ: pi.MedicalRecordNumber, cat: pi.CatHealth, labels: medicalLabels, group: ctxMedical,
		minLen: 5, maxLen: 18, minDigits: 5, validator: "digits after a medical label", source: "medical_record"}
	// a school's, an employer's, an exam's or an insurer's number for a
	// person (4-20 characters)
	personNumbers = numberKind{typ: pi.PersonNumber, cat: pi.CatID, labels: personLabels, group: ctxPersonNumber,
		minLen: 4, maxLen: 20, minDigits: 4, validator: "digits after a label", source: "person_number"}
)

// labelled reports a number of kind k at [start, end) after its label:
// digits, or up to three letters before digits (MZ00123456, 工号 A10086).
func (s *scanner) labelled(start, end int, k *numberKind) bool {
	n := end - start
	if n < k.minLen || n > k.maxLen || !s.e.on(k.typ) || !labelledNumber(s.text[start:end], k.minDigits) ||
		!s.labelBefore(start, k.labels, k.group) {
		return false
	}
	s.context(start, end) // for the evidence's words
	s.add(pi.Finding{Type: k.typ, Category: k.cat, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: k.validator, Valid: true, Context: s.words(k.group)}, Source: k.source})
	return true
}

// labelledNumber reports whether w is digits, or up to three letters and
// at least minDigits digits.
func labelledNumber(w []byte, minDigits int) bool {
	k := 0
	for k < len(w) && k < 3 && isLetter(w[k]) {
		k++
	}
	if len(w)-k < minDigits {
		return false
	}
	for _, c := range w[k:] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// medicalRecord reports a hospital's patient number after its label.
func (s *scanner) medicalRecord(start, end int) bool { return s.labelled(start, end, &medicalNumbers) }

// personNumber reports a number an organization gives a person after its
// label (学号：20230512, 工号 A10086).
func (s *scanner) personNumber(start, end int) bool { return s.labelled(start, end, &personNumbers) }
