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
