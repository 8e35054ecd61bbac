package subject

import (
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

func TestOnsets(t *testing.T) {
	tests := []struct {
		text    string
		dates   []string // date findings in order; the first is checked
		symptom []string // symptom findings after it
		onset   bool
	}{
		{"1月25日，出现发热咳嗽。", []string{"1月25日"}, []string{"发热", "咳嗽"}, true},
		{"2月4日，发病。", []string{"2月4日"}, nil, true},
		{"1月19日，上午感觉不适，自测体温38.5℃。", []string{"1月19日"}, nil, true},
		{"2月12日，出现鼻塞、流涕等症状，因亲属确诊。", []string{"2月12日"}, []string{"鼻塞", "流涕"}, true},
		{"2月5日，无明显诱因出现发热。", []string{"2月5日"}, []string{"发热"}, true},
		{"2月5日，发病后立即在本院隔离。", []string{"2月5日"}, nil, true},
		{"1月26日，病情发作。", []string{"1月26日"}, nil, true},
		{"2月2日-4日，患者因自感不适，在家休息。", []string{"2月2日", "4日"}, nil, true}, // a stretch starts on its first day
		{"1月28日，确诊为新型冠状病毒肺炎，患者发病后到医院。", []string{"1月28日"}, nil, false},
		{"2月6日，患者发病前在奥运村街道活动。", []string{"2月6日"}, nil, false},
		{"1月31日，上午到楠杆卫生院发热门诊就诊。", []string{"1月31日"}, []string{"发热"}, false},
		{"1月23日，再次出现发热等症状。", []string{"1月23日"}, []string{"发热"}, false},
		{"2月7日，咳嗽加重且浑身无力。", []string{"2月7日"}, []string{"咳嗽"}, false},
		{"2月2日，上午妻子咳嗽症状明显加重，患者驾车陪同前往医院。", []string{"2月2日"}, []string{"咳嗽"}, false},
		{"2月5日，未发热，上午在家。", []string{"2月5日"}, []string{"发热"}, false},
		{"2月3日，到肇后无不适症状。", []string{"2月3日"}, nil, false},
		{"1月20日，乘坐G123次列车返回成都；出现发热症状。", []string{"1月20日"}, []string{"发热"}, false},    // another clause
		{"1月20日到超市购物，1月22日出现发热。", []string{"1月20日", "1月22日"}, []string{"发热"}, false}, // another date's
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var fs []pi.Finding
			from := 0
			for _, d := range tt.dates {
				i := from + strings.Index(tt.text[from:], d)
				fs = append(fs, pi.Finding{Type: pi.Date, Start: i, End: i + len(d), Score: 0.9})
				from = i + len(d)
			}
			for _, s := range tt.symptom {
				fs = append(fs, finding(tt.text, s, pi.Health, "kind", "symptom"))
			}
			pi.SortByStart(fs)
			Onsets([]byte(tt.text), fs)
			if got := fs[0].Attr("kind") == "onset"; got != tt.onset {
				t.Errorf("%s: onset %v, want %v", tt.dates[0], got, tt.onset)
			}
			// the last day of a stretch is not its onset
			if strings.Contains(tt.text, "-") && fs[1].Attr("kind") == "onset" {
				t.Errorf("%s marked onset", tt.dates[1])
			}
		})
	}
}
