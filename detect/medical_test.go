package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
)

func TestMedicalRecordNumber(t *testing.T) {
	cases := []detectCase{
		{name: "admission number", text: "姓名：陈小雨  住院号：2020012345  科室：儿科",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "2020012345", min: 0.9, cat: pi.CatHealth, context: "住院号"}}},
		{name: "outpatient number with letters", text: "门诊号 MZ00123456",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "MZ00123456", min: 0.9}}},
		{name: "record number, ASCII colon", text: "病案号:A123456",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "A123456", min: 0.9}}},
		{name: "patient ID in capitals", text: "患者ID：88812345",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "88812345", min: 0.9}}},
		{name: "为 between", text: "其住院号码为 2020012345。",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "2020012345", min: 0.9}}},
		{name: "eleven digits after the label are no phone", text: "住院号：13907391234",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "13907391234", min: 0.9}}, none: []pi.Type{pi.MobilePhone}},
		{name: "birth certificate", text: "新生儿出生医学证明编号：O440123456，母亲姓名：王芳",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "O440123456", min: 0.9}}},
		{name: "column", label: "住院号", text: "2020012345",
			want: []expect{{typ: pi.MedicalRecordNumber, span: "2020012345", min: 0.9, context: "(label)"}}},

		{name: "order number", text: "订单号2020012345", none: []pi.Type{pi.MedicalRecordNumber}},
		{name: "label too far", text: "住院号请到窗口查询，电话2020012345", none: []pi.Type{pi.MedicalRecordNumber}},
		{name: "too short", text: "住院号：1234", none: []pi.Type{pi.MedicalRecordNumber}},
		{name: "too many letters", text: "门诊号：ABCD12345", none: []pi.Type{pi.MedicalRecordNumber}},
		{name: "days in hospital", text: "住院12345天", none: []pi.Type{pi.MedicalRecordNumber}},
	}
	runCases(t, defaultEngine, cases)
}

// TestPersonNumber: a number a school, an employer or an exam gives a
// person, after its label or under its column; a number of a known shape
// (a phone) stays what it is, and a label far from a number or a count is
// none.
func TestPersonNumber(t *testing.T) {
	cases := []detectCase{
		{name: "student number", text: "本校高二（5）班学生，学号20230512，家住本市。",
			want: []expect{{typ: pi.PersonNumber, span: "20230512", min: 0.9, cat: pi.CatID, context: "学号"}}},
		{name: "staff number with a letter", text: "员工工号：A10086，部门：财务。",
			want: []expect{{typ: pi.PersonNumber, span: "A10086", min: 0.9}}},
		{name: "exam ticket", text: "准考证号 202612345678",
			want: []expect{{typ: pi.PersonNumber, span: "202612345678", min: 0.9}}},
		{name: "Taiwan health insurance card", text: "病患姓名：林怡君　健保卡號：000012345678",
			want: []expect{{typ: pi.PersonNumber, span: "000012345678", min: 0.9, cat: pi.CatID}}},
		{name: "column", label: "学号", text: "2023010123",
			want: []expect{{typ: pi.PersonNumber, span: "2023010123", min: 0.9, context: "(label)"}}},
		{name: "a phone stays a phone", text: "学号：13800138000", none: []pi.Type{pi.PersonNumber}},
		{name: "a count", text: "共有学生500人，学号从1001开始，请到窗口查询", none: []pi.Type{pi.PersonNumber}},
	}
	runCases(t, defaultEngine, cases)
}
