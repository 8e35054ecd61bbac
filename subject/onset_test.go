package subject

import (
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

func TestOnsets(t *testing.T) {
	tests := []struct {
		text    string
		symptom []string // symptom findings after the date
		onset   bool
	}{
		{"1月25日，出现发热咳嗽。", []string{"发热", "咳嗽"}, true},
		{"2月4日，发病。", nil, true},
		{"1月19日，上午感觉不适，自测体温38.5℃。", nil, true},
		{"2月12日，出现鼻塞、流涕等症状，因亲属确诊。", []string{"鼻塞", "流涕"}, true},
		{"1月28日，确诊为新型冠状病毒肺炎，患者发病后到医院。", nil, false},
		{"2月6日，患者发病前在奥运村街道活动。", nil, false},
		{"1月31日，上午到楠杆卫生院发热门诊就诊。", []string{"发热"}, false},
		{"1月23日，再次出现发热等症状。", []string{"发热"}, false},
		{"2月7日，咳嗽加重且浑身无力。", []string{"咳嗽"}, false},
		{"2月2日，上午妻子咳嗽症状明显加重，患者驾车陪同前往医院。", []string{"咳嗽"}, false},
		{"1月20日，乘坐G123次列车返回成都；出现发热症状。", []string{"发热"}, false}, // another clause
		{"1月20日到超市购物，1月22日出现发热。", []string{"发热"}, false},       // another date's
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			date, _, _ := strings.Cut(tt.text, "，")
			date = date[:strings.Index(date, "日")+len("日")]
			fs := []pi.Finding{finding(tt.text, date, pi.Date)}
			if i := strings.Index(tt.text, "1月22日"); i >= 0 {
				fs = append(fs, pi.Finding{Type: pi.Date, Start: i, End: i + len("1月22日"), Score: 0.9})
			}
			for _, s := range tt.symptom {
				fs = append(fs, finding(tt.text, s, pi.Health, "kind", "symptom"))
			}
			pi.SortByStart(fs)
			Onsets([]byte(tt.text), fs)
			if got := fs[0].Attr("kind") == "onset"; got != tt.onset {
				t.Errorf("%s: onset %v, want %v", date, got, tt.onset)
			}
		})
	}
}
