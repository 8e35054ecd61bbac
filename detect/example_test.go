package detect_test

import (
	"fmt"
	"time"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/pi"
)

func ExampleEngine_Detect() {
	e, err := detect.New(detect.Config{
		// Ages derived from ID numbers are computed at this date.
		RefDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	text := []byte("密切接触者李某，身份证号510124201903125515，其父手机 139 8765 4321，" +
		"12月1日乘坐G8512次列车（08车12F）返回。订单号202012070001234567。")
	for _, f := range e.Detect(text, nil) {
		if f.Score < 0.5 {
			continue // near misses and bare look-alikes
		}
		fmt.Printf("%s %q %.2f %s %v\n", f.Type, text[f.Start:f.End], f.Score, f.Category, f.Extra)
		if f.Type == pi.ResidentID {
			fmt.Println("  born", f.Attr(pi.AttrBirthDate), "age", f.Attr(pi.AttrAge), f.Attr(pi.AttrSex))
		}
	}
	// The child's findings carry PI.MINOR_U14 (the ID number says 6 years
	// old); the father's phone, after 其父, does not.
	//
	// Output:
	// masked_name "李某" 0.95 PI.BASIC.NAME [PI.MINOR_U14]
	// resident_id "510124201903125515" 0.99 PI.ID.NUMBER [PI.MINOR_U14]
	//   born 2019-03-12 age 6 male
	// mobile_phone "139 8765 4321" 0.98 PI.BASIC.CONTACT []
	// date "12月1日" 0.85 PI.BASIC.DATE []
	// train_number "G8512" 0.95 PI.LOCATION.TRACK []
	// seat_number "08车12F" 0.90 PI.LOCATION.TRACK []
}

func ExampleEngine_DetectLabeled() {
	e, err := detect.New(detect.Config{RefDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), MinScore: 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A bare number in a cell is a QQ number when its column says so.
	for _, cell := range []struct{ column, value string }{
		{"QQ", "2847561930"},
		{"备注", "2847561930"},
	} {
		fs := e.DetectLabeled([]byte(cell.value), cell.column, nil)
		fmt.Println(cell.column, len(fs))
		for _, f := range fs {
			fmt.Println(" ", f.Type, f.Evidence.Context)
		}
	}
	// Output:
	// QQ 1
	//   qq_number [(label)]
	// 备注 0
}
