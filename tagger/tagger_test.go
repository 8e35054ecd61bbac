package tagger

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// toy data: names are 张/李/王 + one or two characters before 说.
func toyExamples() []Example {
	var exs []Example
	names := []string{"张三", "李四", "王小明", "张伟", "李娜", "王芳", "张建国", "李秀英"}
	tails := []string{"说今天下雨了。", "认为这个办法好。", "表示同意。"}
	for i := 0; i < 60; i++ {
		n := names[i%len(names)]
		text := "据报道，" + n + tails[i%len(tails)]
		r := []rune(text)
		s := len([]rune("据报道，"))
		exs = append(exs, Example{Text: r, Spans: []Span{{Start: s, End: s + len([]rune(n)), Head: 0}}, Annotated: []bool{true, false}})
	}
	// a text for head 1 only; head 0 must not learn from it
	for i := 0; i < 20; i++ {
		text := "他在北京工作，张三不在。"
		exs = append(exs, Example{Text: []rune(text), Spans: []Span{{Start: 2, End: 4, Head: 1}}, Annotated: []bool{false, true}})
	}
	return exs
}

func TestTrainTagRoundTrip(t *testing.T) {
	m, err := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := m.TagString("据报道，王伟说明天开会。", nil)
	if len(got) != 1 || got[0].Head != 0 || got[0].Start != len("据报道，") || got[0].End != len("据报道，王伟") {
		t.Errorf("spans %+v", got)
	}
	if got[0].Score <= 0 || got[0].Score >= 1 {
		t.Errorf("score %v", got[0].Score)
	}
	// serialization round trip gives the same tags
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"据报道，王伟说明天开会。", "他在北京工作。", "", "李"} {
		a, b := m.TagString(s, nil), m2.TagString(s, nil)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: %v vs %v after Load", s, a, b)
		}
	}
	data2, _ := m2.MarshalBinary()
	if !bytes.Equal(data, data2) {
		t.Error("marshal(load(marshal(m))) differs from marshal(m)")
	}
}

func TestTrainDeterministic(t *testing.T) {
	a, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 3, Seed: 7})
	b, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 3, Seed: 7})
	da, _ := a.MarshalBinary()
	db, _ := b.MarshalBinary()
	if !bytes.Equal(da, db) {
		t.Error("the same seed gave different models")
	}
}

type fakeLex struct{ name string }

func (l fakeLex) Name() string { return l.name }
func (l fakeLex) Mark(text []rune, marks []uint32) {
	for i, r := range text {
		if strings.ContainsRune("张李王", r) {
			marks[i] = 1
		}
	}
}

func TestLexiconMismatch(t *testing.T) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 2, Lexicon: fakeLex{"a/1"}})
	data, _ := m.MarshalBinary()
	if _, err := Load(data, fakeLex{"b/1"}); err == nil || !strings.Contains(err.Error(), "a/1") {
		t.Errorf("err %v", err)
	}
	if _, err := Load(data, fakeLex{"a/1"}); err != nil {
		t.Error(err)
	}
}

func TestBIOESConstraints(t *testing.T) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 3})
	for _, s := range []string{"张", "张三说", "据报道，张三说今天下雨了。张三说", strings.Repeat("李四说。", 50)} {
		for _, sp := range m.TagString(s, nil) {
			if sp.Start >= sp.End || sp.End > len(s) {
				t.Errorf("%q: bad span %+v", s, sp)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 1})
	data, _ := m.MarshalBinary()
	f.Add(data)
	f.Add([]byte{})
	f.Add([]byte("CUSTAG2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(b, nil)
		if err == nil {
			m.TagString("据报道，王伟说明天开会。", nil)
		}
	})
}

func FuzzTag(f *testing.F) {
	m, _ := Train(toyExamples(), TrainOptions{Heads: []string{"person", "place"}, Epochs: 2})
	f.Add("据报道，王伟说明天开会。")
	f.Add("\xff\xfe张")
	f.Fuzz(func(t *testing.T, s string) {
		for _, sp := range m.TagString(s, nil) {
			if sp.Start < 0 || sp.Start >= sp.End || sp.End > len(s) {
				t.Fatalf("%q: span %+v", s, sp)
			}
		}
	})
}
