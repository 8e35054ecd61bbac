package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestTravelCells: a cell under a column that says where the person came
// from or went (a sign-in register's 来自, 出发地, 14天内旅居史) is read as
// places: divisions alone as places of kind=division with their region,
// anything finer as an address the person went to; answers that name no
// place give nothing, and other columns are not read so.
func TestTravelCells(t *testing.T) {
	for _, tt := range []struct {
		label, cell string
		want        string // type value kind region_code; …
	}{
		{"来自", "武汉", "place 武汉 division 420100"},
		{"来自", "湖北孝感", "place 湖北孝感 division 420900"},
		{"来自何地", "湖北省武汉市", "place 湖北省武汉市 division 420100"},
		{"出发地", "武汉市江汉区", "place 武汉市江汉区 division 420103"},
		{"来自", "武汉、孝感", "place 武汉 division 420100; place 孝感 division 420900"},
		{"途经城市", "北京→上海", "place 北京 division 110000; place 上海 division 310000"},
		{"14天内旅居史", " 黄冈 ", "place 黄冈 division 421100"},
		{"出发地", "温州市鹿城区五马街道解放街123号", "address 温州市鹿城区五马街道解放街123号 visit 330302006"},
		{"14天内旅居史", "无", ""},
		{"来自", "本地", ""},
		{"来自", "天津市和平区", "place 天津市和平区 division 120101"},
		{"备注", "武汉", ""},                 // not a travel column: a bare city is nobody's whereabouts
		{"到访时间", "2020-02-03 09:15", ""}, // nor one that asks when
		{"是否去过武汉", "是", ""},
		// an app's English key, and a cell the tagger reads as a government
		{"returnFrom", "新疆乌鲁木齐市", "place 新疆乌鲁木齐市 division 650000"},
		{"came_from", "武汉", "place 武汉 division 420100"},
		{"returnDate", "2022-10-02", ""},
	} {
		var got []string
		for _, f := range allEngine.DetectLabeled([]byte(tt.cell), tt.label, nil) {
			if f.Type == pi.Place || f.Type == pi.Address {
				got = append(got, fmt.Sprintf("%s %s %s %s", f.Type, tt.cell[f.Start:f.End], f.Attr("kind"), f.Attr(pi.AttrRegionCode)))
			}
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s: %s: got %q, want %q", tt.label, tt.cell, g, tt.want)
		}
	}
}

// TestRegisterTravel: the same in a register typed as text, where the row's
// person is the subject of the places.
func TestRegisterTravel(t *testing.T) {
	text := []byte("序号 姓名 电话 来自 体温\n1 林小燕 13812345678 武汉 37.6\n2 王大明 13912345678 湖北孝感 36.5\n")
	fs := allEngine.Detect(text, nil)
	var got []string
	subj := map[string]string{}
	for _, f := range fs {
		if f.Type == pi.PersonName {
			subj[f.Attr("subject")] = string(text[f.Start:f.End])
		}
	}
	for _, f := range fs {
		if f.Type == pi.Place {
			got = append(got, subj[f.Attr("subject")]+" "+string(text[f.Start:f.End])+" "+f.Attr(pi.AttrRegionCode))
		}
	}
	if g := strings.Join(got, ", "); g != "林小燕 武汉 420100, 王大明 湖北孝感 420900" {
		t.Errorf("places %q", g)
	}
}
