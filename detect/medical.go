package detect

import (
	"bytes"
	"strings"

	"github.com/custos-project/custos/pi"
)

// Hospitals number their patients: an admission, medical-record or
// outpatient number leads to the whole record, so it is health information
// (PIPL Art 28) wherever it is printed. The numbers have no national
// format; the label written right before one (住院号：2026031178), or the
// column or key it sits under, is the only evidence.

// medicalLabels are the labels of a hospital's patient numbers (lower
// case: the context automaton and medicalLabelBefore fold ASCII case).
var medicalLabels = []string{"住院号", "住院号码", "住院编号", "病历号", "病历号码", "病历编号", "病案号", "病案号码",
	"门诊号", "门诊号码", "急诊号", "就诊号", "就诊卡号", "就诊卡", "诊疗卡号", "诊疗号", "登记号", "患者id", "病人id",
	"患者编号", "病人编号", "mrn",
	// the birth certificate a maternity hospital issues (a letter and nine
	// digits): it names the child, the mother and the birth
	"出生医学证明编号", "出生医学证明号", "出生医学证明号码", "出生证编号", "出生证号", "出生证号码", "出生证明编号"}

// maxMedicalLabel is the longest label's length in bytes.
var maxMedicalLabel = func() int {
	n := 0
	for _, w := range medicalLabels {
		n = max(n, len(w))
	}
	return n
}()

// maxMedicalLabelGap is how far a label may end before its number: its
// punctuation and a space or two (住院号码：, 病历号 #).
const maxMedicalLabelGap = 8

// medicalLabelBefore reports whether a medical label ends right before
// start, or the fragment's label (a column 住院号) is one.
func (s *scanner) medicalLabelBefore(start int) bool {
	if s.label&ctxMedical.bit() != 0 {
		return true
	}
	if start == 0 || !s.e.on(pi.MedicalRecordNumber) {
		return false
	}
	b := s.text[max(0, start-maxMedicalLabelGap-maxMedicalLabel):start]
	trimmed := bytes.TrimRight(b, " \t：:#=")
	if len(b)-len(trimmed) > maxMedicalLabelGap {
		return false
	}
	trimmed = bytes.TrimSuffix(trimmed, []byte("为"))
	for _, w := range medicalLabels {
		if len(trimmed) >= len(w) && strings.EqualFold(bstr(trimmed[len(trimmed)-len(w):]), w) {
			return true
		}
	}
	return false
}

// medicalRecord reports a hospital's patient number at [start, end) after
// its label: 5-18 characters, digits or up to three letters before digits
// (MZ00123456, A123456).
func (s *scanner) medicalRecord(start, end int) bool {
	n := end - start
	if n < 5 || n > 18 || !s.medicalLabelBefore(start) {
		return false
	}
	w := s.text[start:end]
	k := 0
	for k < len(w) && k < 3 && isLetter(w[k]) {
		k++
	}
	if len(w)-k < 5 {
		return false
	}
	for _, c := range w[k:] {
		if !isDigit(c) {
			return false
		}
	}
	s.context(start, end) // for the evidence's words
	s.add(pi.Finding{Type: pi.MedicalRecordNumber, Category: pi.CatHealth, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: "digits after a medical label", Valid: true, Context: s.words(ctxMedical)},
		Source:   "medical_record"})
	return true
}
