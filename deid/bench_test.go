package deid_test

import (
	"testing"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

// benchValues are typical findings of a case bulletin or a register.
var benchValues = []struct {
	typ   pi.Type
	value string
}{
	{pi.ResidentID, "510117195112310021"},
	{pi.MobilePhone, "+86 138-1234-5678"},
	{pi.BankCard, "6222 0212 3456 7890 128"},
	{pi.PersonName, "欧阳小明"},
	{pi.Address, "四川省成都市郫都区犀浦镇百草路12号3栋"},
	{pi.Email, "zhang.san88@163.com"},
	{pi.Date, "2020年1月2日19时"},
}

// benchOp runs one operator over the values; b.SetBytes counts the bytes
// of the values transformed, so MB/s is the operator's throughput and
// ns/op the cost of one call.
func benchOp(b *testing.B, name string, p deid.Params, types ...pi.Type) {
	c := deid.NewContext(testKey, testRef)
	op, err := deid.NewOperator(name, p)
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range benchValues {
		if len(types) > 0 && !containsType(types, v.typ) {
			continue
		}
		f := &pi.Finding{Type: v.typ}
		if _, err := op.Apply(c, f, v.value); err != nil {
			continue
		}
		b.Run(string(v.typ), func(b *testing.B) {
			b.SetBytes(int64(len(v.value)))
			b.ReportAllocs()
			for b.Loop() {
				op.Apply(c, f, v.value)
			}
		})
	}
}

func containsType(ts []pi.Type, t pi.Type) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

func BenchmarkMask(b *testing.B)      { benchOp(b, "mask", nil) }
func BenchmarkHash(b *testing.B)      { benchOp(b, "hash", nil) }
func BenchmarkTokenize(b *testing.B)  { benchOp(b, "tokenize", nil) }
func BenchmarkSurrogate(b *testing.B) { benchOp(b, "surrogate", nil) }
func BenchmarkPseudonym(b *testing.B) { benchOp(b, "pseudonym", nil, pi.PersonName) }
func BenchmarkReplace(b *testing.B)   { benchOp(b, "replace", nil, pi.PersonName) }
func BenchmarkDateShift(b *testing.B) { benchOp(b, "date_shift", nil) }
func BenchmarkGeneralize(b *testing.B) {
	benchOp(b, "generalize", deid.Params{"to": "district"}, pi.Address)
}

func BenchmarkDetokenize(b *testing.B) {
	c := deid.NewContext(testKey, testRef)
	op, _ := deid.NewOperator("tokenize", nil)
	tk := op.(*deid.Tokenizer)
	tok, _ := tk.Apply(c, &pi.Finding{Type: pi.MobilePhone}, "13812345678")
	b.SetBytes(int64(len(tok)))
	for b.Loop() {
		tk.Detokenize(c, pi.MobilePhone, tok)
	}
}

func BenchmarkFF1(b *testing.B) {
	f, _ := deid.NewFF1(make([]byte, 32), 10)
	x := []uint16{1, 3, 8, 1, 2, 3, 4, 5, 6, 7, 8}
	b.SetBytes(int64(len(x)))
	for b.Loop() {
		f.Encrypt(x, []byte("tweak"))
	}
}
