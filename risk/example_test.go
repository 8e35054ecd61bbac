package risk_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/custos-project/custos/risk"
)

func ExampleReadTable() {
	csv := `年龄,性别,区县,诊断
31,女,锦江区,流感
34,女,锦江区,肺炎
36,女,青羊区,流感
38,女,青羊区,胃炎
52,男,郫都区,流感
57,男,郫都区,肺炎
`
	t, err := risk.ReadTable(context.Background(), strings.NewReader(csv), risk.TableOptions{Name: "cases.csv"})
	if err != nil {
		panic(err)
	}
	rep, err := t.Analyze(risk.AnalyzeOptions{Target: risk.Target{K: 2}, Search: true})
	if err != nil {
		panic(err)
	}
	fmt.Println("quasi-identifiers:", strings.Join(t.QuasiIdentifiers(), ", "))
	fmt.Println("k as given:", rep.Before.K)
	fmt.Println("generalization:", strings.Join(rep.Search.Levels, ", "))
	fmt.Println("k after:", rep.After.K, "ℓ after:", rep.After.Sensitive[0].LDistinct)
	// Output:
	// quasi-identifiers: 年龄, 性别, 区县
	// k as given: 1
	// generalization: 10-year, value, county
	// k after: 2 ℓ after: 2
}

func ExampleParseDate() {
	for _, s := range []string{"2020年12月2日19时30分", "2020/12/2", "2020-12"} {
		d, ok := risk.ParseDate(s)
		fmt.Println(d, ok)
	}
	// Output:
	// 2020-12-02 19:30 true
	// 2020-12-02 true
	// 2020-12 true
}

func ExampleRegionLabels() {
	// 510124 (郫县) was renamed 郫都区 (510117) in 2016; resident IDs issued
	// before keep the old code
	for _, code := range []string{"510117", "510124", "110105"} {
		n, _ := risk.RegionLabels(code)
		fmt.Println(n.County, "→", n.City, "→", n.Province)
	}
	// Output:
	// 四川省成都市郫都区 → 四川省成都市 → 四川省
	// 四川省成都市郫县 → 四川省成都市 → 四川省
	// 北京市朝阳区 → 北京市 → 北京市
}
