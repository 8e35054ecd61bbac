package deid_test

import (
	"testing"
	"unicode/utf8"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

// fuzzParams are the parameter sets the fuzzer picks from, by operator.
var fuzzParams = map[string][]deid.Params{
	"replace":    {nil, {"label": "某"}, {"template": "[{category}]"}, {"template": "{type}-{label}"}},
	"mask":       {nil, {"keep": "last4"}, {"char": "×"}, {"level": "city"}, {"level": "town"}, {"keep": "none"}},
	"hash":       {nil, {"length": "8", "prefix": "H"}},
	"pseudonym":  {nil, {"style": "某{sex}"}, {"style": "{surname}某{n}"}, {"scope": "key", "style": "病例{i}"}},
	"surrogate":  {nil, {"keep": "birth_year+region"}, {"keep": "segment+surname+domain"}, {"keep": "city", "days": "7"}},
	"tokenize":   {nil, {"keep": "segment"}, {"keep": "surname"}},
	"generalize": {{"to": "band10"}, {"to": "band:0-13,14-17,18-59,60+"}, {"to": "month"}, {"to": "week"}, {"to": "half-day"}, {"to": "district"}, {"to": "town"}, {"to": "poi"}, {"to": "birth_year+region+age_band"}, {"to": "grid:0.01"}, {"to": "level"}, {"to": "venue"}, {"to": "carrier"}, {"to": "bank"}},
	"date_shift": {nil, {"days": "365"}},
}

var fuzzAttrs = [][]pi.Attr{
	nil,
	{{Key: pi.AttrNormalized, Value: "2020-01-02"}},
	{{Key: pi.AttrSex, Value: "female"}, {Key: "surname", Value: "欧阳"}, {Key: "subject", Value: "@3"}},
	{{Key: "province", Value: "四川省"}, {Key: "district", Value: "郫都区"}, {Key: pi.AttrRegionCode, Value: "510117"}},
	{{Key: "years", Value: "250"}, {Key: "level", Value: "primary"}, {Key: "venue", Value: "超市"}},
	{{Key: pi.AttrBirthDate, Value: "1990-13-45"}, {Key: pi.AttrAge, Value: "-3"}, {Key: pi.AttrNormalized, Value: "\xff"}},
}

func FuzzOperators(f *testing.F) {
	f.Add(uint8(2), uint8(0), "13812345678", uint8(1), uint8(0))
	f.Add(uint8(7), uint8(5), "四川省成都市郫都区犀浦镇百草路12号", uint8(27), uint8(3))
	f.Add(uint8(6), uint8(1), "11010519491231002X", uint8(0), uint8(0))
	f.Add(uint8(5), uint8(0), "欧阳小明", uint8(25), uint8(2))
	f.Add(uint8(8), uint8(0), "2020年1月2日19时", uint8(17), uint8(1))
	f.Add(uint8(7), uint8(1), "七十多岁", uint8(32), uint8(4))
	f.Add(uint8(7), uint8(8), "30.657421,104.065735", uint8(16), uint8(0))
	f.Add(uint8(6), uint8(0), "\xff\xfe张", uint8(9), uint8(5))
	ops := deid.Operators()
	types := pi.Types()
	c := deid.NewContext(testKey, testRef)
	f.Fuzz(func(t *testing.T, opIdx, paramIdx uint8, value string, typIdx, attrIdx uint8) {
		info := ops[int(opIdx)%len(ops)]
		var p deid.Params
		if ps := fuzzParams[info.Name]; len(ps) > 0 {
			p = ps[int(paramIdx)%len(ps)]
		}
		op, err := deid.NewOperator(info.Name, p)
		if err != nil {
			t.Fatal(err)
		}
		typ := pi.Type("custom_type")
		if int(typIdx) < len(types) {
			typ = types[typIdx].Type
		}
		fd := &pi.Finding{Type: typ, Attrs: append([]pi.Attr(nil), fuzzAttrs[int(attrIdx)%len(fuzzAttrs)]...)}
		out, err := op.Apply(c, fd, value)
		if err != nil {
			if out != "" {
				t.Errorf("%s: output %q with error %v", info.Name, out, err)
			}
			return
		}
		if !utf8.ValidString(out) {
			t.Errorf("%s %v %s %q: invalid UTF-8 %q", info.Name, p, typ, value, out)
		}
		if tk, ok := op.(*deid.Tokenizer); ok {
			back, err := tk.Detokenize(c, typ, out)
			if err != nil {
				t.Errorf("detokenize %s %q (token of %q): %v", typ, out, value, err)
			} else if again, err := tk.Apply(c, fd, back); err != nil || again != out {
				t.Errorf("%s %q → %q → %q → %q (%v)", typ, value, out, back, again, err)
			}
		}
	})
}

func FuzzDetokenize(f *testing.F) {
	f.Add(uint8(0), uint8(0), "013960102392653665")
	f.Add(uint8(1), uint8(1), "+86 102-0003-4501")
	f.Add(uint8(25), uint8(2), "欧阳袋眺")
	f.Add(uint8(11), uint8(0), "75h6n.awgs6@163.com")
	f.Add(uint8(13), uint8(0), "4d28:1761:34d2:6173:54a3:ab1d:6d39:a73d")
	f.Add(uint8(9), uint8(0), "川A·MT08E")
	f.Add(uint8(3), uint8(0), "6222 0212 3456 7890 128")
	types := pi.Types()
	keeps := []string{"", "segment", "surname"}
	c := deid.NewContext(testKey, testRef)
	f.Fuzz(func(t *testing.T, typIdx, keepIdx uint8, token string) {
		typ := types[int(typIdx)%len(types)].Type
		p := deid.Params{}
		if k := keeps[int(keepIdx)%len(keeps)]; k != "" {
			p["keep"] = k
		}
		op, _ := deid.NewOperator("tokenize", p)
		tk := op.(*deid.Tokenizer)
		v, err := tk.Detokenize(c, typ, token)
		if err != nil {
			return
		}
		if !utf8.ValidString(v) {
			t.Fatalf("invalid UTF-8 %q", v)
		}
		// Whatever the token, the value it stands for tokenizes and comes
		// back.
		tok, err := tk.Apply(c, &pi.Finding{Type: typ}, v)
		if err != nil {
			t.Fatalf("%s: %q detokenized to %q, which does not tokenize: %v", typ, token, v, err)
		}
		if back, err := tk.Detokenize(c, typ, tok); err != nil || back != v {
			t.Fatalf("%s: %q → %q → %q → %q (%v)", typ, token, v, tok, back, err)
		}
	})
}
