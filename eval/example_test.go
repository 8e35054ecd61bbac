package eval_test

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/custos-project/custos/eval"
)

// A toy train-number recognizer scored on two ECR-COVID-19 style reports.
// The gold Vehicle spans are G1234次列车 and 出租车; the harness scores the
// derived train number G1234 and ignores the taxi. K22 is not annotated, so
// it counts as a false positive.
func Example() {
	corpus := `{"doc_id": 1, "text": "1月20日乘G1234次列车返回", "entities": [[0, 5, "Date"], [6, 14, "Vehicle"]]}
{"doc_id": 2, "text": "1月21日乘出租车到医院，K22次", "entities": [[0, 5, "Date"], [6, 9, "Vehicle"]]}
`
	docs, err := eval.ParseCorpus(eval.FormatECR, strings.NewReader(corpus), "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	trains := regexp.MustCompile(`[GDCZTK][0-9]{1,4}`)
	predict := func(text string) []eval.Span {
		var out []eval.Span
		for _, m := range trains.FindAllStringIndex(text, -1) {
			out = append(out, eval.Span{Start: m[0], End: m[1], Label: "train_number"})
		}
		return out
	}
	r := eval.Evaluate(docs, eval.DefaultMapping(eval.FormatECR), predict, eval.Options{Types: []string{"train_number"}})
	for _, s := range r.Types {
		fmt.Printf("%s: gold %d, predicted %d, exact P %.2f R %.2f F1 %.2f\n",
			s.Type, s.Gold, s.Pred, s.Exact.Precision(), s.Exact.Recall(), s.Exact.F1())
	}
	// Output:
	// train_number: gold 1, predicted 2, exact P 0.50 R 1.00 F1 0.67
}

func ExampleParseMapping() {
	m, err := eval.ParseMapping("Vehicle=train_number|flight_number,Location=", eval.DefaultMapping(eval.FormatECR))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Types("Vehicle"), m.Types("Location") == nil, m.Types("Name"))
	// Output:
	// [train_number flight_number] true [person_name masked_name person_name:titled masked_name:titled]
}
