package terms

import (
	"testing"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// FuzzFind: no panics; findings sorted, inside the text, on rune
// boundaries, with a known category and a score in (0, 1]; the same result
// twice; PersonContext never panics either; FindDates finds Find's dates.
func FuzzFind(f *testing.F) {
	for _, c := range bulletinCases {
		f.Add(c)
	}
	for _, s := range []string{
		"", "某", "李某", "李某某某某", "王*", "X", "岁", "45岁", "十几岁", "几十岁", "1.5岁", ".岁", "个月", "6个月大",
		"旬", "八旬", "年龄：", "年龄：45", "性别：", "民族：", "民族：汉", "国籍：", "国籍：美国籍", "病例3：", "患者，",
		"医院", "某小学", "小学三年级", "初二(", "初二(3", "初二（3）班", "体温", "体温38.", "体温38.5℃",
		"\xe5\xb2", "李\xff某", "某\x00某", "，，，男，，，", "中华人民共和国", "汉族自治", "土家族苗族",
		"北京大学法学院大三学生", "永辉超市平旺院区呼吸科科", "姓名,性别\n张三,男,45\n",
		"二〇二〇年三月五日", "出生于一九九〇年十二月二十三日", "三月五日；十二月二十三号", "\x88\x9c\x88月",
		"主裁判阿特金森", "画家塞尚、莫奈和", "总统·", "部长佩尔··施泰", "历任技术员、主任、",
		"1. 三年级（2）班 刘子涵 孤儿", "姓刘的", "姓", "他姓欧阳，", "编剧CoreyMay", "总裁A B-", "董事长Tim Cook-", "a b 王 c", " 欧阳 欧阳娜娜 \t王\t", "姓名 年龄 体温\n王 9 37.8\n某 200 99",
		"微博账号“小赵", "昵称：", "抖音号为", "网名叫「」", "初中在读", "就读小学", "张某某系某中学",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		fs := Find(text, nil)
		check(t, text, fs)
		again := Find(text, nil)
		if formatFindings(text, fs) != formatFindings(text, again) {
			t.Fatal("Find is not deterministic")
		}
		for _, p := range []int{0, len(text) / 2, len(text)} {
			PersonContext(text, p)
		}
		for _, label := range []string{"年龄", "民族", "体温"} {
			check(t, text, FindLabeled(text, label, nil))
		}
		// FindDates finds exactly Find's dates
		var dates []pi.Finding
		for _, f := range fs {
			if f.Type == pi.Date {
				dates = append(dates, f)
			}
		}
		if got := FindDates(text, nil); formatFindings(text, got) != formatFindings(text, dates) {
			t.Fatalf("FindDates\n%s\nFind\n%s", formatFindings(text, got), formatFindings(text, dates))
		}
	})
}

func check(t *testing.T, text []byte, fs []pi.Finding) {
	t.Helper()
	// Rune boundaries as a decoder sees them (an invalid byte is a rune of
	// its own).
	boundary := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		boundary[i] = true
		_, n := utf8.DecodeRune(text[i:])
		i += n
	}
	boundary[len(text)] = true
	last := 0
	for _, f := range fs {
		if f.Start < last {
			t.Fatalf("not sorted: %d after %d", f.Start, last)
		}
		last = f.Start
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			t.Fatalf("bad span [%d,%d) of %d bytes", f.Start, f.End, len(text))
		}
		if !boundary[f.Start] || !boundary[f.End] {
			t.Fatalf("span [%d,%d) not on rune boundaries in %q", f.Start, f.End, text)
		}
		if !f.Category.Valid() || f.Score <= 0 || f.Score > 1 || f.Source != Source || f.Type == "" {
			t.Fatalf("bad finding %+v", f)
		}
		for _, c := range f.Extra {
			if !c.Valid() {
				t.Fatalf("bad extra category %q", c)
			}
		}
	}
}
