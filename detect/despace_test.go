package detect

import (
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestDespace: the gaps of a spaced label and of a padded two-character
// name are closed, and every byte of the result knows its place; other
// gaps stay.
func TestDespace(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"姓  名：张  三　　性  别：男", "姓名：张三　　性别：男"},
		{"1　王　芳　女　45", "1　王芳　女　45"},
		{"王强 李娜 张伟", "王强 李娜 张伟"}, // whole names apart
		{"性别 男 女", "性别 男 女"},     // no surname
		{"他说 我 在", "他说 我 在"},
		{"", ""},
	} {
		if out, _ := despace([]byte(tt.in)); string(out) != tt.want {
			t.Errorf("despace(%q) = %q, want %q", tt.in, out, tt.want)
		}
		checkCut(t, tt.in, despace)
	}
}

// TestSpacedForm: the engine reads a form typed with spaces and reports
// the name at its place, padding and all.
func TestSpacedForm(t *testing.T) {
	text := "姓  名：张  三　　性  别：男　　民  族：汉族\n序号　姓名　性别　年龄\n1　王　芳　女　45\n"
	got := map[string]pi.Type{}
	for _, f := range allEngine.Detect([]byte(text), nil) {
		got[text[f.Start:f.End]] = f.Type
	}
	for v, typ := range map[string]pi.Type{"张  三": pi.PersonName, "男": pi.Gender, "汉族": pi.Ethnicity, "王　芳": pi.PersonName, "45": pi.Age} {
		if got[v] != typ {
			t.Errorf("%q: %q, want %s (all: %v)", v, got[v], typ, got)
		}
	}
}

// FuzzDespace: every byte of the result comes from the byte of the input
// its offset names, in order, and the last offset is the input's length.
func FuzzDespace(f *testing.F) {
	for _, s := range []string{"姓  名：张  三　　性  别：男", "1　王　芳　女", "张 王 李", "王\u3000", " 王", "王 \xe3\x80", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkCut(t, s, despace) })
}
