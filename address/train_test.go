package address

import (
	"bytes"
	"testing"

	"github.com/custos-project/custos/eval"
)

// smallCorpus is a handful of addresses in the corpus's format.
const smallCorpus = `浙 B-prov
江 I-prov
省 I-prov
杭 B-city
州 I-city
市 I-city
西 B-district
湖 I-district
区 I-district
文 B-road
三 I-road
路 I-road
90 B-roadno
号 I-roadno

郫 B-district
都 I-district
区 I-district
犀 B-town
浦 I-town
镇 I-town
某 B-poi
小 I-poi
区 I-poi
3 B-houseno
栋 I-houseno
2 B-cellno
单 I-cellno
元 I-cellno

东 B-town
风 I-town
街 I-town
道 I-town
瑞 B-poi
泰 I-poi
心 I-poi
里 I-poi
城 I-poi
4 B-houseno
栋 I-houseno
`

func TestTrainDeterministic(t *testing.T) {
	docs, err := eval.ParseCorpus(eval.FormatAddress, bytes.NewReader([]byte(smallCorpus)), "small")
	if err != nil {
		t.Fatal(err)
	}
	opt := TrainOptions{Epochs: 3, Seed: 7, MinCount: 1, Prose: []string{"北京市场监管部门今天发布通知。", "他说这个小区的居民都很好。"}}
	var models [2][]byte
	for i := range models {
		m, err := Train(docs, opt)
		if err != nil {
			t.Fatal(err)
		}
		if models[i], err = m.MarshalBinary(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two trainings with the same seed gave different models")
	}
	m, err := Load(models[0])
	if err != nil {
		t.Fatal(err)
	}
	// the model has learned its training data
	if got := elementsString(m.Parse("东风街道瑞泰心里城4栋").Elements); got != "town=东风街道 poi=瑞泰心里城 houseno=4栋" {
		t.Errorf("trained model parses its own example as %s", got)
	}
}
