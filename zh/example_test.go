package zh_test

import (
	"fmt"

	"github.com/custos-project/custos/zh"
)

func ExampleLookupRegion() {
	// The first six digits of a resident ID number are the region of
	// first registration; old numbers carry codes no longer in use.
	for _, code := range []string{"110101", "110103"} {
		r, ok := zh.LookupRegion(code)
		fmt.Println(code, ok, r.Name, r.Current, r.LastYear)
	}
	// Output:
	// 110101 true 北京市东城区 true 2020
	// 110103 true 北京市崇文区 false 2009
}

func ExampleLookupMobile() {
	info, ok := zh.LookupMobile("13800138000")
	fmt.Println(ok, info.Province, info.City, info.Carrier, info.AreaCode)
	fmt.Println(zh.MobileSegment("13800138000"), zh.MobileSegment("12000138000"))
	// Output:
	// true 北京 北京 移动 010
	// true false
}

func ExampleAreaCodeAt() {
	number := "075512345678"
	n := zh.AreaCodeAt(number)
	city, _ := zh.LookupAreaCode(number[:n])
	fmt.Println(number[:n], number[n:], city)
	// Output: 0755 12345678 深圳
}

func ExampleLookupBIN() {
	info, ok := zh.LookupBIN("6228 4800 1234 5678 901")
	fmt.Println(ok, info.Bank, info.CardType, info.Length)
	// Output: true 中国农业银行 debit 19
}

func ExampleSurnameAt() {
	for _, name := range []string{"欧阳修", "王小明"} {
		n := zh.SurnameAt(name)
		fmt.Println(name[:n], name[n:])
	}
	// Output:
	// 欧阳 修
	// 王 小明
}

func ExamplePlateRegion() {
	p, _ := zh.ProvinceAbbrev('粤')
	issuer, _ := zh.PlateRegion("粤B12345")
	fmt.Println(p, issuer)
	// Output: 广东省 深圳市
}
