package deid_test

import (
	"fmt"
	"time"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

// A case bulletin under EPI-BULLETIN-1: the patient becomes 患者A in
// every place, the age a ten-year band, the address its district, the
// phone number is masked and the venue is kept.
func Example() {
	ctx := deid.NewContext(nil, time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC))
	ops := map[pi.Type]deid.Operator{}
	for typ, line := range map[pi.Type]struct {
		op     string
		params deid.Params
	}{
		pi.PersonName:  {"pseudonym", deid.Params{"style": "患者{n}"}},
		pi.Age:         {"generalize", deid.Params{"to": "band10"}},
		pi.Address:     {"generalize", deid.Params{"to": "district"}},
		pi.MobilePhone: {"mask", nil},
		pi.Place:       {"keep", nil},
	} {
		op, err := deid.NewOperator(line.op, line.params)
		if err != nil {
			fmt.Println(err)
			return
		}
		ops[typ] = op
	}
	findings := []struct {
		typ   pi.Type
		value string
	}{
		{pi.PersonName, "张三"},
		{pi.Age, "45岁"},
		{pi.Address, "四川省成都市郫都区犀浦镇百草路12号3栋"},
		{pi.MobilePhone, "13812345678"},
		{pi.Place, "永辉超市"},
		{pi.PersonName, "张三"},
	}
	for _, f := range findings {
		out, err := ops[f.typ].Apply(ctx, &pi.Finding{Type: f.typ}, f.value)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s → %s\n", f.value, out)
	}
	// Output:
	// 张三 → 患者A
	// 45岁 → 40-49岁
	// 四川省成都市郫都区犀浦镇百草路12号3栋 → 四川省成都市郫都区
	// 13812345678 → 138****5678
	// 永辉超市 → 永辉超市
	// 张三 → 患者A
}

// Tokens are reversible with the key; digits stay digits and an ID
// number's token still passes its check.
func ExampleTokenizer_Detokenize() {
	key := []byte("0123456789abcdef0123456789abcdef") // use KeyFromFile or KeyFromEnv
	ctx := deid.NewContext(key, time.Time{})
	op, _ := deid.NewOperator("tokenize", deid.Params{"keep": "segment"})
	tk := op.(*deid.Tokenizer)
	token, _ := tk.Apply(ctx, &pi.Finding{Type: pi.MobilePhone}, "138-1234-5678")
	value, _ := tk.Detokenize(ctx, pi.MobilePhone, token)
	fmt.Println(token[:4], len(token), value)
	// Output: 138- 13 138-1234-5678
}

// Suppress drops the whole sentence or record that holds the value.
func ExampleContext_TakeSuppressed() {
	ctx := deid.NewContext(nil, time.Time{})
	suppress, _ := deid.NewOperator("suppress", nil)
	for _, sentence := range []string{"患者于1月2日到永辉超市购物。", "其HIV检测结果为阳性。"} {
		if sentence == "其HIV检测结果为阳性。" {
			suppress.Apply(ctx, &pi.Finding{Type: pi.Health}, "HIV检测结果为阳性")
		}
		if ctx.TakeSuppressed() {
			continue
		}
		fmt.Println(sentence)
	}
	// Output: 患者于1月2日到永辉超市购物。
}
