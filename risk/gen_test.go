package risk

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/custos-project/custos/zh"
)

// synthColumns are the columns of the synthetic tables the benchmark and
// the streaming test read: a record key, six quasi-identifiers and a
// diagnosis.
var synthColumns = []string{"序号", "年龄", "性别", "区县", "就诊日期", "职业", "民族", "诊断"}

var (
	synthJobs = []string{"教师", "医生", "护士", "工人", "农民", "司机", "销售", "厨师", "学生", "退休", "公务员", "工程师",
		"会计", "律师", "个体经营", "快递员", "保安", "服务员", "程序员", "无业"}
	synthEthnic    = []string{"汉族", "藏族", "彝族", "羌族", "回族", "苗族", "土家族", "蒙古族"}
	synthDiagnoses = []string{"新冠肺炎", "流感", "肺结核", "乙肝", "高血压", "糖尿病", "支气管炎", "胃炎", "骨折", "抑郁症", "艾滋病", "手足口病"}
)

// sichuanCounties returns the names of Sichuan's county-level divisions.
func sichuanCounties() []string {
	var out []string
	for _, d := range zh.Divisions() {
		if d.Level == 3 && strings.HasPrefix(d.Code, "51") {
			out = append(out, d.Name)
		}
	}
	return out
}

// writeSynth writes a synthetic CSV of n rows: ages 0-99, a skewed choice
// among counties, dates in 2020, occupations, ethnic groups, diagnoses.
func writeSynth(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 7))
	counties := sichuanCounties()
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintln(bw, strings.Join(synthColumns, ","))
	for i := 1; i <= n; i++ {
		age := int(r.NormFloat64()*20 + 42)
		age = min(max(age, 0), 99)
		sex := "男"
		if r.IntN(2) == 0 {
			sex = "女"
		}
		c := counties[min(int(r.ExpFloat64()*20), len(counties)-1)]
		day := 1 + r.IntN(365)
		m, d := dayToDate(day)
		eth := synthEthnic[0]
		if r.IntN(100) < 7 {
			eth = synthEthnic[1+r.IntN(len(synthEthnic)-1)]
		}
		fmt.Fprintf(bw, "%d,%d,%s,%s,2020-%02d-%02d,%s,%s,%s\n", i, age, sex, c, m, d,
			synthJobs[r.IntN(len(synthJobs))], eth, synthDiagnoses[r.IntN(len(synthDiagnoses))])
	}
	return bw.Flush()
}

// dayToDate turns a day of 2020 (1-366) into month and day.
func dayToDate(day int) (int, int) {
	lengths := []int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	for m, l := range lengths {
		if day <= l {
			return m + 1, day
		}
		day -= l
	}
	return 12, 31
}

// synthReader streams a synthetic table without holding it.
func synthReader(n int, seed uint64) io.Reader {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeSynth(pw, n, seed)) }()
	return pr
}
