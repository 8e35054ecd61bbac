package synth

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/zh"
)

var ref = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestValuesAreValid(t *testing.T) {
	v := NewValues(42, ref)
	for i := 0; i < 500; i++ {
		if id := v.ResidentID(IDOptions{}); !checksum.ResidentID(id) || !zh.ValidRegionCode(id[:6]) {
			t.Fatalf("invalid ID %s", id)
		}
		if id := v.ResidentIDWithX(true); id[17] != 'x' || !checksum.ResidentID(id) {
			t.Fatalf("bad lower-x ID %s", id)
		}
		if id := v.ResidentID15(); len(id) != 15 || !zh.ValidRegionCode(id[:6]) {
			t.Fatalf("bad 15-digit ID %s", id)
		}
		if id := v.NearMissID(); checksum.ResidentID(id) {
			t.Fatalf("near miss %s validates", id)
		}
		if m := v.Mobile(); len(m) != 11 || !zh.MobileSegment(m) {
			t.Fatalf("bad mobile %s", m)
		}
		if c := v.BankCard(); !checksum.Luhn(c) {
			t.Fatalf("card %s fails Luhn", c)
		} else if _, ok := zh.LookupBIN(c); !ok {
			t.Fatalf("card %s has no known BIN", c)
		}
		if c := v.LuhnInvalid(); checksum.Luhn(c) {
			t.Fatalf("%s passes Luhn", c)
		}
		if u := v.USCC(); !checksum.USCC(u) {
			t.Fatalf("bad USCC %s", u)
		}
		if vin := v.VIN(); !checksum.VIN(vin) {
			t.Fatalf("bad VIN %s", vin)
		}
		if tw := v.TaiwanID(); !checksum.TaiwanID(tw) {
			t.Fatalf("bad Taiwan ID %s", tw)
		}
		if imei := v.IMEI(); !checksum.Luhn(imei) {
			t.Fatalf("bad IMEI %s", imei)
		}
		h := v.HKID()
		if !checksum.HKID(h[:7], h[8]) {
			t.Fatalf("bad HKID %s", h)
		}
	}
	child := v.ResidentID(IDOptions{MinAge: 1, MaxAge: 13})
	birth, _ := time.Parse("20060102", child[6:14])
	if age := ref.Year() - birth.Year(); age > 14 {
		t.Errorf("child ID %s is %d years old", child, age)
	}
}

func TestCorpusDeterministicAndWellFormed(t *testing.T) {
	a := Corpus(7, 300, ref)
	b := Corpus(7, 300, ref)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different corpora")
	}
	if reflect.DeepEqual(a, Corpus(8, 300, ref)) {
		t.Fatal("different seeds gave the same corpus")
	}
	types := map[string]int{}
	for _, d := range a {
		for _, g := range d.Gold {
			if g.Start < 0 || g.End > len(d.Text) || g.Start >= g.End {
				t.Fatalf("%s: span %v out of range", d.ID, g)
			}
			types[g.Label]++
		}
	}
	if len(types) < 25 {
		t.Errorf("only %d types in 300 documents: %v", len(types), types)
	}
}

func TestTemplatesUseKnownSlots(t *testing.T) {
	for _, tpl := range templates {
		for rest := tpl; ; {
			i := strings.IndexByte(rest, '{')
			if i < 0 {
				break
			}
			j := strings.IndexByte(rest[i:], '}') + i
			if _, ok := slots[rest[i+1:j]]; !ok {
				t.Errorf("template %q: unknown slot %q", tpl, rest[i+1:j])
			}
			rest = rest[j+1:]
		}
	}
}

func TestProse(t *testing.T) {
	p := Prose(1, 1<<16, ref)
	if len(p) < 1<<16 || len(p) > 1<<16+512 {
		t.Errorf("size %d", len(p))
	}
}
