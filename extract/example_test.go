package extract_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/custos-project/custos/extract"
)

// A venue's sign-in register: one fragment per non-empty cell (the header's
// too, as row 0), with its row,
// column, line, rune column and byte offset. The malformed row is reported
// and kept as plain text, and reading goes on.
func ExampleRead() {
	register := "姓名,身份证号,手机号\n" +
		"张伟,110101199003071234,13800138000\n" +
		"李\"强,110101199205061234,13700137000\n" +
		"王芳,,13912345678\n"
	err := extract.Read(context.Background(), "登记表.csv", strings.NewReader(register), extract.Options{},
		func(f extract.Fragment) error {
			l := f.Loc
			fmt.Printf("row %d %-6q line %d col %2d offset %3d: %q\n", l.Row, l.Column, l.Line, l.Col, l.Offset, f.Text)
			return nil
		},
		func(p *extract.Problem) { fmt.Println("problem:", p) })
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// row 0 "姓名"   line 1 col  0 offset   0: "姓名"
	// row 0 "身份证号" line 1 col  3 offset   7: "身份证号"
	// row 0 "手机号"  line 1 col  8 offset  20: "手机号"
	// row 1 "姓名"   line 2 col  0 offset  30: "张伟"
	// row 1 "身份证号" line 2 col  3 offset  37: "110101199003071234"
	// row 1 "手机号"  line 2 col 22 offset  56: "13800138000"
	// problem: 登记表.csv:3:2: row 2: malformed row, kept as plain text: bare " in non-quoted-field
	// row 2 ""     line 3 col  0 offset  68: "李\"强,110101199205061234,13700137000\n"
	// row 3 "姓名"   line 4 col  0 offset 107: "王芳"
	// row 3 "手机号"  line 4 col  4 offset 115: "13912345678"
}

// A patient record: one fragment per string or number value, with its
// JSON path. Phone numbers stored as JSON numbers are fragments too.
func ExampleRead_json() {
	record := `{"patient": {"name": "李明", "phone": 13800138000, "13912345678": ["高血压"]}}`
	_ = extract.Read(context.Background(), "病历.json", strings.NewReader(record), extract.Options{},
		func(f extract.Fragment) error {
			fmt.Printf("%-24s line %d col %2d: %s\n", f.Loc.Path, f.Loc.Line, f.Loc.Col, f.Text)
			return nil
		}, nil)
	// Output:
	// $.patient.name           line 1 col 22: 李明
	// $.patient.phone          line 1 col 36: 13800138000
	// $.patient.*~             line 1 col 50: 13912345678
	// $.patient["13912345678"][0] line 1 col 66: 高血压
}
