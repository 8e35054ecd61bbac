package address_test

import (
	"fmt"

	"github.com/custos-project/custos/address"
)

func ExampleParse() {
	a := address.Parse("四川省成都市郫都区犀浦镇某小区3栋2单元")
	for _, e := range a.Elements {
		if e.Code != "" {
			fmt.Printf("%s=%s (%s)\n", e.Level, e.Text, e.Code)
		} else {
			fmt.Printf("%s=%s\n", e.Level, e.Text)
		}
	}
	fmt.Println(a.Finest, a.Region, a.Code)
	// Output:
	// province=四川省 (510000)
	// city=成都市 (510100)
	// district=郫都区 (510117)
	// town=犀浦镇 (510117006)
	// poi=某小区
	// houseno=3栋
	// cellno=2单元
	// cellno 四川省成都市郫都区犀浦街道 510117006
}

func ExampleFind() {
	text := []byte("患者张某，男，45岁，现住成都市武侯区簇锦街道双凤路12号，1月20日发病。北京、上海两地无新增病例。")
	for _, f := range address.Find(text, nil) {
		fmt.Println(string(text[f.Start:f.End]), f.Attr("level"), f.Attr("region_code"), f.Evidence.Context)
	}
	// Output:
	// 成都市武侯区簇锦街道双凤路12号 roadno 510107014 [现住]
}
