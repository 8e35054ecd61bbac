package address

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/custos-project/custos/eval"
)

// sharedTrain is the shared training data, relative to this package.
const sharedTrain = "../../shared/data/train"

// newsProse returns CLUENER news sentences (or, without the shared data,
// a built-in paragraph repeated) as one text of at least 1 MB.
func newsProse(b *testing.B) []byte {
	var buf bytes.Buffer
	if docs, err := eval.ReadCorpus(eval.FormatCLUENER, filepath.Join(sharedTrain, "cluener2020", "train.json")); err == nil {
		for _, d := range docs {
			buf.WriteString(d.Text)
			buf.WriteByte('\n')
		}
		return buf.Bytes()
	}
	para := "记者从浙江省杭州市获悉，该市今年GDP增长，北京市场监管部门今天发布通知，上海楼市回暖。" +
		"道路交通安全法规定，区别对待各类情况，他说这个小区的居民都很好。" +
		"患者张某，男，45岁，现住成都市武侯区簇锦街道双凤路12号，1月20日发病。\n"
	for buf.Len() < 1<<20 {
		buf.WriteString(para)
	}
	return buf.Bytes()
}

// BenchmarkFind measures Find on news prose (CLUENER 2020, about a fifth of
// whose sentences name a place).
func BenchmarkFind(b *testing.B) {
	text := newsProse(b)
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	dst := m.Find(text, nil)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		dst = m.Find(text, dst[:0])
	}
}

// BenchmarkFindBulletin measures Find on an epidemic bulletin, dense with
// addresses.
func BenchmarkFindBulletin(b *testing.B) {
	data, err := os.ReadFile("../examples/bulletin.txt")
	if err != nil {
		b.Skip(err)
	}
	m, _ := Default()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		m.Find(data, nil)
	}
}

// BenchmarkParse measures Parse on one address.
func BenchmarkParse(b *testing.B) {
	s := "北京市朝阳区建国路88号SOHO现代城5号楼1203室"
	m, _ := Default()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		m.Parse(s)
	}
}
