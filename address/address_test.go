package address

import (
	"fmt"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// elementsString renders elements as "level=text level=text …".
func elementsString(els []Element) string {
	var b strings.Builder
	for i, e := range els {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%s", e.Level, e.Text)
	}
	return b.String()
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // elements
		finest   string
		region   string
		code     string
	}{
		{"full chain to the unit", "四川省成都市郫都区犀浦镇某小区3栋2单元",
			"province=四川省 city=成都市 district=郫都区 town=犀浦镇 poi=某小区 houseno=3栋 cellno=2单元",
			LevelCellNo, "四川省成都市郫都区犀浦街道", "510117006"},
		{"municipality to the room", "北京市朝阳区建国路88号SOHO现代城5号楼1203室",
			"city=北京市 district=朝阳区 road=建国路 roadno=88号 poi=SOHO现代城 houseno=5号楼 roomno=1203室",
			LevelRoomNo, "北京市朝阳区", "110105"},
		{"street and compound without a county", "东风街道瑞泰心里城4栋",
			"town=东风街道 poi=瑞泰心里城 houseno=4栋", LevelHouseNo, "", ""},
		{"city district road number", "杭州市西湖区文三路90号",
			"city=杭州市 district=西湖区 road=文三路 roadno=90号", LevelRoadNo, "浙江省杭州市西湖区", "330106"},
		{"community between street and road", "广东省深圳市南山区粤海街道科技园社区科苑路15号",
			"province=广东省 city=深圳市 district=南山区 town=粤海街道 community=科技园社区 road=科苑路 roadno=15号",
			LevelRoadNo, "广东省深圳市南山区粤海街道", "440305007"},
		{"lane number after the road", "上海市静安区共和新路街道柳营路669弄14号1102室",
			"city=上海市 district=静安区 town=共和新路街道 road=柳营路 roadno=669弄 houseno=14号 roomno=1102室",
			LevelRoomNo, "上海市静安区共和新路街道", "310106018"},
		{"poi after the number", "湖北省武汉市洪山区珞喻路1037号华中科技大学",
			"province=湖北省 city=武汉市 district=洪山区 road=珞喻路 roadno=1037号 poi=华中科技大学",
			LevelPOI, "湖北省武汉市洪山区", "420111"},
		{"floor", "重庆市渝中区解放碑街道民权路28号英利国际金融中心32楼",
			"city=重庆市 district=渝中区 town=解放碑街道 road=民权路 roadno=28号 poi=英利国际金融中心 floorno=32楼",
			LevelFloorNo, "重庆市渝中区解放碑街道", "500103003"},
		{"street level", "成都市锦江区春熙路", "city=成都市 district=锦江区 road=春熙路", LevelRoad, "四川省成都市锦江区", "510104"},
		{"compound alone", "幸福花园", "poi=幸福花园", LevelPOI, "", ""},
		{"village and group", "沿山村5组6号", "community=沿山村 road=5组 roadno=6号", LevelRoadNo, "", ""},
		{"township resolves its county", "张庆乡北胡乔村", "town=张庆乡 community=北胡乔村", LevelCommunity, "山西省晋中市榆次区张庆乡", "140702201"},
		{"empty", "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Parse(tt.in)
			if got := elementsString(a.Elements); got != tt.want {
				t.Errorf("Parse(%q) elements\n got %s\nwant %s", tt.in, got, tt.want)
			}
			if a.Finest != tt.finest || a.Region != tt.region || a.Code != tt.code {
				t.Errorf("Parse(%q) = finest %q region %q code %q, want %q %q %q", tt.in, a.Finest, a.Region, a.Code, tt.finest, tt.region, tt.code)
			}
			checkAddress(t, tt.in, a)
		})
	}
}

// checkAddress checks the invariants of a parsed address of text.
func checkAddress(t *testing.T, text string, a Address) {
	t.Helper()
	if len(a.Elements) == 0 {
		if a.Start != 0 || a.End != 0 || a.Finest != "" {
			t.Errorf("no elements but span [%d,%d) finest %q", a.Start, a.End, a.Finest)
		}
		return
	}
	prevEnd := a.Start
	for _, e := range a.Elements {
		if e.Start < prevEnd || e.End <= e.Start || e.End > a.End {
			t.Errorf("element %s=%q [%d,%d) out of order or outside the address [%d,%d)", e.Level, e.Text, e.Start, e.End, a.Start, a.End)
			return
		}
		if !onBoundary(text, e.Start) || !onBoundary(text, e.End) || text[e.Start:e.End] != e.Text {
			t.Errorf("element %s [%d,%d) not on rune boundaries or text %q differs", e.Level, e.Start, e.End, e.Text)
		}
		if levelRank(e.Level) < 0 {
			t.Errorf("element level %q unknown", e.Level)
		}
		prevEnd = e.End
	}
	if a.Start != a.Elements[0].Start || a.End != a.Elements[len(a.Elements)-1].End {
		t.Errorf("address [%d,%d) is not its elements' span", a.Start, a.End)
	}
}

func onBoundary(s string, i int) bool {
	return i == len(s) || i >= 0 && i < len(s) && (s[i] < 0x80 || s[i] >= 0xC0)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string          // the addresses found
		attrs    map[string]string // attributes of the first
	}{
		{"bulletin, home context", "现住郫都区犀浦镇某小区3栋2单元。",
			[]string{"郫都区犀浦镇某小区3栋2单元"},
			map[string]string{"district": "郫都区", "town": "犀浦镇", "poi": "某小区", "houseno": "3栋", "cellno": "2单元", "level": "cellno", "region_code": "510117006"}},
		{"case report", "患者张某，男，45岁，现住成都市武侯区簇锦街道双凤路12号，1月20日发病。",
			[]string{"成都市武侯区簇锦街道双凤路12号"},
			map[string]string{"city": "成都市", "road": "双凤路", "roadno": "12号", "level": "roadno", "region": "四川省成都市武侯区簇锦街道"}},
		{"compound and building", "1月26日，病例到东风街道瑞泰心里城4栋探望亲属。",
			[]string{"东风街道瑞泰心里城4栋"}, map[string]string{"poi": "瑞泰心里城", "houseno": "4栋", "level": "houseno"}},
		{"district in a home context", "患者3：女，56岁，现住海曙区，与确诊病例有密切接触。",
			[]string{"海曙区"}, map[string]string{"district": "海曙区", "region_code": "330203"}},
		{"native place", "患者1，女，57岁，西安市新城区人，与1月29日确诊病例有接触。",
			[]string{"西安市新城区"}, map[string]string{"level": "district", "region_code": "610102"}},
		{"native place read from the gazetteer", "第一例：男，72岁，武汉市人。1月18号从武汉乘坐火车。",
			[]string{"武汉市"}, map[string]string{"city": "武汉市", "region_code": "420100"}},
		{"native place before a home context", "病例2：李某，男，45岁，湖北孝感人，现住蚌埠市禹会区张公山街道张公山六村613栋。",
			[]string{"湖北孝感", "蚌埠市禹会区张公山街道张公山六村613栋"}, map[string]string{"province": "湖北", "city": "孝感", "region_code": "420900"}},
		{"short forms after a home context", "41岁男性患者，常住湖北黄冈。",
			[]string{"湖北黄冈"}, map[string]string{"province": "湖北", "city": "黄冈", "region_code": "421100"}},
		{"a journey's two places are two addresses", "1月15日从昆明市自驾返回六盘水市盘州市亦资街道居家隔离。",
			[]string{"六盘水市盘州市亦资街道"}, map[string]string{"city": "六盘水市", "town": "亦资街道", "region_code": "520281001"}},
		{"a journey's verb is no compound", "1月20日从湖北省京山县自驾车返回新蔡县龙口镇家中。",
			[]string{"新蔡县龙口镇"}, map[string]string{"district": "新蔡县", "town": "龙口镇", "level": "town"}},
		{"a compound's gate", "站点：幸福里小区东门",
			[]string{"幸福里小区东门"}, map[string]string{"poi": "幸福里小区", "subpoi": "东门"}},
		{"a township's street after the township", "14点48分在庆城县卅铺镇柳树湾街道（蔡家庙沟口）小摊位",
			[]string{"庆城县卅铺镇柳树湾街道"}, map[string]string{"district": "庆城县"}},
		{"a neighbourhood's name opening with 和", "邮购方式：汇款15.8元至北京市朝阳区和平里东土城路8号a座22层a室，注明书名。",
			[]string{"北京市朝阳区和平里东土城路8号a座22层a室"}, map[string]string{"district": "朝阳区", "road": "东土城路", "roomno": "a室"}},
		{"a long address runs past its window", "请寄到四川省成都市锦江区春熙路街道红星路三段1号IFS国际金融中心二号办公楼3201，谢谢。",
			[]string{"四川省成都市锦江区春熙路街道红星路三段1号IFS国际金融中心二号办公楼3201"}, map[string]string{"roomno": "3201"}},
		{"masked name after a village is not a poi", "患者马某某，现住同心县韦州镇庆华村马某某家。",
			[]string{"同心县韦州镇庆华村"}, map[string]string{"level": "community"}},
		{"a masked village after a district", "11岁的小雨是贵州省毕节市七星关区某村的留守儿童。",
			[]string{"贵州省毕节市七星关区某村"}, map[string]string{"community": "某村", "level": "community", "region_code": "520502"}},
		{"a masked township after a masked county", "他来自四川省某县某镇。",
			[]string{"四川省某县某镇"}, map[string]string{"town": "某镇", "level": "town"}},
		{"register row", "姓名：李某 住址：杭州市西湖区文三路90号 电话：138****0000",
			[]string{"杭州市西湖区文三路90号"}, map[string]string{"road": "文三路"}},
		{"compound alone in a sentence", "他家住在金色家园小区，离学校很近。", []string{"金色家园小区"}, map[string]string{"level": "poi"}},
		{"native place after 籍贯", "籍贯：湖南邵阳　　宗教信仰：无", []string{"湖南邵阳"}, map[string]string{"province": "湖南", "city": "邵阳"}},
		{"birthplace after 出生地", "出生地：四川省成都市，现居北京。", []string{"四川省成都市", "北京"}, map[string]string{"level": "city"}},
		{"birthplace after 出生于, a numeral in its name", "出生于四川省南充市。", []string{"四川省南充市"}, map[string]string{"city": "南充市"}},
		{"a native place's short form before a form's next field", "籍贯：甘肃临夏　　宗教信仰：伊斯兰教", []string{"甘肃临夏"}, map[string]string{"city": "临夏"}},
		{"a flat named by building, unit and room alone", "12栋3单元502的王女士今天核酸阳性了", []string{"12栋3单元502"}, map[string]string{"level": "roomno", "houseno": "12栋"}},
		{"an address ends at a form's wide space", "住址：青秀区凤岭北路8号　学区内", []string{"青秀区凤岭北路8号"}, map[string]string{"level": "roadno"}},
		{"…before the next field's label", "家住青秀区凤岭北路8号　学校：凤岭小学", []string{"青秀区凤岭北路8号"}, map[string]string{"roadno": "8号"}},
		{"a record's 生于", "个人史：生于四川省南充市，长期居住于成都市武侯区。", []string{"四川省南充市", "成都市武侯区"}, nil},
		{"no birthplace in a date", "出生于二〇一〇年三月，事故发生于二〇二〇年。", nil, nil},
		{"village named alone after a home context", "记者获悉，家住柳溪村的留守儿童小华今年9岁。",
			[]string{"柳溪村"}, map[string]string{"community": "柳溪村", "level": "community"}},
		{"compound after 住 opening a field", "病例1：男，45岁，住幸福小区，1月20日发病。",
			[]string{"幸福小区"}, map[string]string{"poi": "幸福小区", "level": "poi"}},
		{"two addresses", "从浙江省杭州市西湖区文三路90号搬到静安区柳营路669弄14号1102室。",
			[]string{"浙江省杭州市西湖区文三路90号", "静安区柳营路669弄14号1102室"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := Find([]byte(tt.in), nil)
			var got []string
			for _, f := range fs {
				got = append(got, tt.in[f.Start:f.End])
				checkFinding(t, tt.in, f)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("Find(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for k, v := range tt.attrs {
				if g := fs[0].Attr(k); g != v {
					t.Errorf("attr %s = %q, want %q (all: %v)", k, g, v, fs[0].Attrs)
				}
			}
		})
	}
}

// checkFinding checks the invariants of an address finding in text.
func checkFinding(t *testing.T, text string, f pi.Finding) {
	t.Helper()
	if f.Type != pi.Address || f.Category != pi.CatAddress || f.Source != "address" || f.Evidence.Validator != Validator {
		t.Errorf("finding %+v: wrong type, category, source or validator", f)
	}
	if f.Start < 0 || f.End > len(text) || f.Start >= f.End || !onBoundary(text, f.Start) || !onBoundary(text, f.End) {
		t.Errorf("finding [%d,%d) out of the text or not on rune boundaries", f.Start, f.End)
	}
	if f.Score <= 0 || f.Score >= 1 {
		t.Errorf("score %v out of (0,1)", f.Score)
	}
	if levelRank(f.Attr(AttrLevel)) < 0 {
		t.Errorf("level attribute %q", f.Attr(AttrLevel))
	}
}

func TestFindNegatives(t *testing.T) {
	for _, s := range []string{
		"北京市场监管部门今天发布通知，上海楼市回暖。",
		"道路交通安全法规定，区别对待各类情况。",
		"记者从浙江省杭州市获悉，该市今年GDP增长。",
		"北京、上海、广州、深圳的房价继续上涨。",
		"朝阳区教育局召开会议。",
		"他说这个小区的居民都很好，楼市也在回暖。",
		"一路走来，他始终坚持自己的思路。",
		"地铁5号线延长线直达小区门口。",
		"3月3号，他在3号楼前等了一层楼的人。",
		"编号12-3-502的设备已于3单元处理。",
		"你一进小区就可以看到一个中央花坛。",
		"埃及政府采取了建卫星城经济型住宅、建青年公寓等措施。",
		"这是每一个大城市都会有维多利亚花园。",
		"《爱情公寓》第三季开播。",
		"更上一层楼，他住院了三天。",
		"四川、湖北、湖南等省份的农村地区。",
		"区别在于市区和郊区的街道宽度。",
		"他家住农村，住本小区的人不多。",
		"在婆家居住十一天后返回。",
		"住院治疗后出院，住上了新房。",
		"记住村里的路，住宿费自理。",
		"他出生于2010年5月，出生日期是五月。",
		"籍贯、出生地等信息须如实填写。",
		"XX镇2025年第三季度城乡低保动态管理审批表",
		"朝阳区和海淀区的居民都很好。",
	} {
		if fs := Find([]byte(s), nil); len(fs) > 0 {
			var got []string
			for _, f := range fs {
				got = append(got, s[f.Start:f.End])
			}
			t.Errorf("Find(%q) = %q, want nothing", s, got)
		}
	}
}

func TestFindAppendsSorted(t *testing.T) {
	text := []byte("现住郫都区犀浦镇某小区3栋2单元，后搬至杭州市西湖区文三路90号。")
	dst := []pi.Finding{{Type: pi.Email}}
	fs := Find(text, dst)
	if len(fs) != 3 || fs[0].Type != pi.Email {
		t.Fatalf("Find appended %d findings after the existing one: %+v", len(fs)-1, fs)
	}
	if fs[1].Start >= fs[2].Start {
		t.Errorf("findings not sorted: %d, %d", fs[1].Start, fs[2].Start)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		els        []Element
		code, name string
	}{
		{[]Element{{Level: LevelDistrict, Text: "朝阳区"}}, "", ""}, // Beijing or Changchun
		{[]Element{{Level: LevelCity, Text: "北京市"}, {Level: LevelDistrict, Text: "朝阳区"}}, "110105", "北京市朝阳区"},
		{[]Element{{Level: LevelCity, Text: "长春"}, {Level: LevelDistrict, Text: "朝阳"}}, "220104", "吉林省长春市朝阳区"},
		{[]Element{{Level: LevelProvince, Text: "四川"}, {Level: LevelCity, Text: "成都"}}, "510100", "四川省成都市"},
		{[]Element{{Level: LevelDistrict, Text: "郫都区"}, {Level: LevelTown, Text: "犀浦镇"}}, "510117006", "四川省成都市郫都区犀浦街道"},
		{[]Element{{Level: LevelTown, Text: "东风街道"}}, "", ""}, // a dozen of them
		// inconsistent: the town is not in the district, the district stands
		{[]Element{{Level: LevelCity, Text: "杭州市"}, {Level: LevelDistrict, Text: "西湖区"}, {Level: LevelTown, Text: "犀浦镇"}}, "330106", "浙江省杭州市西湖区"},
		{[]Element{{Level: LevelCity, Text: "不存在市"}}, "", ""},
	}
	for _, tt := range tests {
		a := Address{Elements: tt.els}
		resolve(&a)
		if a.Code != tt.code || a.Region != tt.name {
			t.Errorf("resolve(%s) = %q %q, want %q %q", elementsString(tt.els), a.Code, a.Region, tt.code, tt.name)
		}
	}
}

func TestShortForm(t *testing.T) {
	tests := []struct {
		name  string
		level int
		want  string
	}{
		{"四川省", gazProvince, "四川"},
		{"北京市", gazProvince, "北京"},
		{"广西壮族自治区", gazProvince, "广西"},
		{"新疆维吾尔自治区", gazProvince, "新疆"},
		{"成都市", gazCity, "成都"},
		{"恩施土家族苗族自治州", gazCity, "恩施"},
		{"朝阳区", gazCounty, "朝阳"},
		{"城区", gazCounty, ""},
		{"犀浦街道", gazTown, "犀浦"},
		{"张庆乡", gazTown, "张庆"},
	}
	for _, tt := range tests {
		if got := shortForm(tt.name, tt.level); got != tt.want {
			t.Errorf("shortForm(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLevels(t *testing.T) {
	if len(levels) != numLevels {
		t.Fatalf("numLevels = %d, len(levels) = %d", numLevels, len(levels))
	}
	for _, h := range tagHeads {
		if levelRank(h) < 0 {
			t.Errorf("head %q is not a level", h)
		}
	}
	for _, l := range Levels() {
		if LevelOfLabel(corpusLabel(l)) != l {
			t.Errorf("level %q does not round-trip through its corpus label", l)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	s := "北京市朝阳区建国路88号SOHO现代城5号楼1203室"
	if a, b := elementsString(m.Parse(s).Elements), elementsString(m2.Parse(s).Elements); a != b {
		t.Errorf("reloaded model parses %s, original %s", b, a)
	}
	if _, err := Load(data[:len(data)/2]); err == nil {
		t.Error("Load accepted a truncated model")
	}
	if _, err := Load([]byte("not a model")); err == nil {
		t.Error("Load accepted garbage")
	}
}

func TestConcurrent(t *testing.T) {
	text := []byte("现住郫都区犀浦镇某小区3栋2单元。北京市朝阳区建国路88号SOHO现代城5号楼1203室")
	want := len(Find(text, nil))
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			n := 0
			for k := 0; k < 20; k++ {
				n = len(Find(text, nil))
				Parse(string(text))
			}
			done <- n
		}()
	}
	for i := 0; i < 4; i++ {
		if n := <-done; n != want {
			t.Errorf("concurrent Find found %d, want %d", n, want)
		}
	}
}

func TestDropRepeats(t *testing.T) {
	el := func(level, text string) Element { return Element{Level: level, Text: text} }
	tests := []struct {
		name string
		in   []Element
		want string
	}{
		{"a repeat after the chain goes", []Element{el(LevelProvince, "浙江省"), el(LevelCity, "杭州市"), el(LevelDistrict, "余杭区"),
			el(LevelCity, "杭州市"), el(LevelDistrict, "余杭区"), el(LevelTown, "闲林街道")}, "浙江省 杭州市 余杭区 闲林街道"},
		{"short and long forms are one", []Element{el(LevelDistrict, "西湖区"), el(LevelDistrict, "西湖"), el(LevelTown, "三墩镇")}, "西湖区 三墩镇"},
		{"a chain written twice keeps the second", []Element{el(LevelProvince, "江苏省"), el(LevelCity, "南通市"), el(LevelDistrict, "海门市"),
			el(LevelCountry, "中国"), el(LevelProvince, "江苏省"), el(LevelCity, "南通市"), el(LevelDistrict, "海门市"), el(LevelPOI, "圩角")},
			"中国 江苏省 南通市 海门市 圩角"},
		{"different divisions stay", []Element{el(LevelProvince, "浙江省"), el(LevelCity, "金华市"), el(LevelDistrict, "义乌市"),
			el(LevelRoad, "春晗路"), el(LevelRoad, "春晗路")}, "浙江省 金华市 义乌市 春晗路 春晗路"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range dropRepeats(tt.in) {
				got = append(got, e.Text)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

// TestFindLabeled: under an address label a cell is read as if the label
// stood before it; under another label, or none, a village alone is not an
// address.
func TestFindLabeled(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		cell, label, want string
	}{
		{"东风村", "家庭住址", "东风村"},
		{"柳溪村3组", "现住址", "柳溪村3组"},
		{"海曙区", "户籍地", "海曙区"},
		{"青山村", "所在村", "青山村"},
		{"新华社区", "村（社区）", "新华社区"},
		{"东风村", "备注", ""},
		{"东风村", "IP地址", ""},
		{"东风村", "邮箱地址", ""},
		{"东风村", "", ""},
		// a long cell is read whole: the tower and room after thirty runes
		{"四川省成都市锦江区春熙路街道红星路三段1号IFS国际金融中心二号办公楼3201", "收货地址",
			"四川省成都市锦江区春熙路街道红星路三段1号IFS国际金融中心二号办公楼3201"},
	} {
		got := ""
		for _, f := range m.FindLabeled([]byte(tt.cell), tt.label, nil) {
			checkFinding(t, tt.cell, f)
			got = tt.cell[f.Start:f.End]
			if tt.label != "" && f.Attr("level") == "" {
				t.Errorf("%s under %s: no level", tt.cell, tt.label)
			}
		}
		if got != tt.want {
			t.Errorf("%s under %q: %q, want %q", tt.cell, tt.label, got, tt.want)
		}
	}
}

// TestRelabel: the second poi, road and road number are sub-elements, a
// lane after a road is its number, a number after a road number is the
// house's, and a village's name is a compound's before a building number
// and the village's before a road number.
func TestRelabel(t *testing.T) {
	els := func(spec ...string) []Element {
		var out []Element
		at := 0
		for i := 0; i+1 < len(spec); i += 2 {
			out = append(out, Element{Level: spec[i], Text: spec[i+1], Start: at, End: at + len(spec[i+1])})
			at += len(spec[i+1])
		}
		return out
	}
	for _, tt := range []struct {
		in   []Element
		want []string
	}{
		{els(LevelRoad, "海关北路", LevelRoadNo, "1266弄", LevelRoadNo, "103号"), []string{LevelRoad, LevelRoadNo, LevelHouseNo}},
		{els(LevelRoad, "柳营路", LevelRoad, "669弄", LevelRoadNo, "14号"), []string{LevelRoad, LevelRoadNo, LevelHouseNo}},
		{els(LevelRoad, "文三路", LevelRoadNo, "90号", LevelRoad, "学院路", LevelRoadNo, "12号"), []string{LevelRoad, LevelRoadNo, LevelSubroad, LevelSubroadNo}},
		{els(LevelPOI, "万象城", LevelPOI, "L1"), []string{LevelPOI, LevelSubPOI}},
		// a village before a building's number is the compound named after it
		{els(LevelTown, "廿三里街道", LevelCommunity, "后乐村", LevelHouseNo, "130幢"), []string{LevelTown, LevelPOI, LevelHouseNo}},
		// and before a road number the village itself
		{els(LevelTown, "濮院镇", LevelPOI, "红晓新村", LevelRoadNo, "116号"), []string{LevelTown, LevelCommunity, LevelRoadNo}},
		// a compound not named 村 keeps its level
		{els(LevelPOI, "东方花园", LevelRoadNo, "8号"), []string{LevelPOI, LevelRoadNo}},
		{els(LevelCommunity, "后乐村", LevelPOI, "阳光花园", LevelHouseNo, "3幢"), []string{LevelCommunity, LevelPOI, LevelHouseNo}},
		// a room number between a building's and a floor is the unit's
		{els(LevelHouseNo, "237幢", LevelRoomNo, "11号", LevelFloorNo, "三楼"), []string{LevelHouseNo, LevelCellNo, LevelFloorNo}},
		{els(LevelHouseNo, "237幢", LevelRoomNo, "1101"), []string{LevelHouseNo, LevelRoomNo}},
	} {
		relabel(tt.in)
		var got []string
		for _, e := range tt.in {
			got = append(got, e.Level)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%v: got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDivision(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		finest string
		code   string
	}{
		{"武汉", true, LevelCity, "420100"},
		{"武汉市", true, LevelCity, "420100"},
		{"北京", true, LevelCity, "110000"}, // a municipality is a city in an address
		{"阜南县", true, LevelDistrict, "341225"},
		{"湖北孝感", true, LevelCity, "420900"},
		{"北京市朝阳区", true, LevelDistrict, "110105"},
		{"湖北", true, LevelProvince, "420000"},
		{"朝阳", true, LevelCity, ""}, // 朝阳市, and several 朝阳区 and 朝阳县
		{"孝感湖北", false, "", ""},
		{"武汉孝感", false, "", ""},
		{"高砂", false, "", ""},
		{"武汉站", false, "", ""},
		{"家", false, "", ""},
		{"", false, "", ""},
	}
	for _, tt := range tests {
		a, ok := Division(tt.in)
		if ok != tt.ok || a.Finest != tt.finest || a.Code != tt.code {
			t.Errorf("Division(%q) = %v, finest %q, code %q; want %v, %q, %q", tt.in, ok, a.Finest, a.Code, tt.ok, tt.finest, tt.code)
		}
	}
}

func TestDivisionEnd(t *testing.T) {
	tests := []struct {
		text, place, want string
	}{
		{"从湖北省十堰市返回驿城区", "湖北", "湖北省十堰市"},     // stopped inside a name with more after it
		{"从湖北省十堰市返回驿城区", "湖北省", "湖北省十堰市"},    // stopped before the finer one
		{"1月16日从武汉市到西安市", "武汉", "武汉"},        // the suffix alone: as the corpus marks it
		{"从湖北十堰返回", "湖北", "湖北"},              // short forms are not read on
		{"从湖北省孝感市孝南区出发", "湖北省", "湖北省孝感市孝南区"}, // down to the county
		{"来自广东省", "广东省", "广东省"},
	}
	for _, tt := range tests {
		text := []byte(tt.text)
		i := strings.Index(tt.text, tt.place)
		if got := tt.text[i:DivisionEnd(text, i, i+len(tt.place))]; got != tt.want {
			t.Errorf("DivisionEnd(%q, %q) reads %q, want %q", tt.text, tt.place, got, tt.want)
		}
	}
}
