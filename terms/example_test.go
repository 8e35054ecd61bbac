package terms_test

import (
	"fmt"

	"github.com/custos-project/custos/terms"
)

func ExampleFind() {
	text := []byte("病例3：李某某，女，45岁，系铁路乘务员。1月20日出现发热症状，到永辉超市购物，现为确诊病例。")
	for _, f := range terms.Find(text, nil) {
		fmt.Printf("%s %s %.2f %s\n", f.Type, text[f.Start:f.End], f.Score, f.Category)
	}
	// Output:
	// masked_name 李某某 0.90 PI.BASIC.NAME
	// gender 女 0.90 PI.BASIC
	// age 45岁 0.90 PI.BASIC.AGE
	// occupation 铁路乘务员 0.85 PI.EDU_WORK
	// health 发热 0.80 PI.HEALTH
	// place 永辉超市 0.85 PI.LOCATION
	// health 确诊病例 0.80 PI.HEALTH.INFECTIOUS
}

func ExamplePersonContext() {
	text := []byte("医生提醒广大市民做好防护。该生，男，13岁，就读于初二。")
	fmt.Println(terms.PersonContext(text, 0).Person)
	fmt.Println(terms.PersonContext(text, len("医生提醒广大市民做好防护。")))
	// Output:
	// false
	// {true false 该生}
}
