package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Hong Kong addresses are often written without 香港 and without a district
// (九龍旺角彌敦道123號): the address tagger, trained on mainland addresses,
// starts them at the road. In a document in traditional characters, the
// region and the area written right before an address's road belong to it.

// hkRegions are Hong Kong's three regions (simplified forms: the engine
// reads traditional text simplified).
var hkRegions = []string{"香港岛", "港岛", "九龙", "新界", "离岛"}

// hkAreas are the areas a Hong Kong address names before its road.
var hkAreas = []string{"旺角", "尖沙咀", "尖东", "油麻地", "佐敦", "太子", "大角咀", "深水埗", "长沙湾", "荔枝角", "美孚",
	"九龙塘", "何文田", "红磡", "土瓜湾", "九龙城", "黄大仙", "钻石山", "慈云山", "新蒲岗", "彩虹", "牛头角", "九龙湾",
	"观塘", "蓝田", "油塘", "将军澳", "西贡", "中环", "上环", "西环", "西营盘", "坚尼地城", "薄扶林", "半山", "金钟",
	"湾仔", "铜锣湾", "跑马地", "天后", "北角", "鲗鱼涌", "太古", "筲箕湾", "柴湾", "小西湾", "香港仔", "鸭脷洲",
	"黄竹坑", "赤柱", "浅水湾", "沙田", "大围", "火炭", "马鞍山", "大埔", "粉岭", "上水", "元朗", "天水围", "屯门",
	"荃湾", "葵涌", "葵芳", "青衣", "东涌", "马湾", "愉景湾", "长洲"}

// hkAddressPrefixes extends the addresses of a traditional-character text
// over the Hong Kong region and area written right before them.
func hkAddressPrefixes(text []byte, fs []pi.Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Type != pi.Address {
			continue
		}
		start := f.Start
		area := suffixWord(text, start, hkAreas)
		if area != "" {
			start -= len(area)
		}
		region := suffixWord(text, start, hkRegions)
		if region != "" {
			start -= len(region)
		}
		if start == f.Start || region == "" && f.Attr("road") == "" {
			continue // an area alone before something that is no street address
		}
		if r, _ := utf8.DecodeLastRune(text[:start]); start > 0 && unicode.Is(unicode.Han, r) && region == "" && !strings.ContainsRune("在住于到往至从经近位是及和与", r) {
			continue // the area is the end of a longer word
		}
		f.Start = start
		if region != "" && f.Attr("city") == "" {
			f.SetAttr("city", region)
		}
		if area != "" && f.Attr("town") == "" {
			f.SetAttr("town", area)
		}
	}
}

// suffixWord returns the word of words that ends text[:i], longest first,
// or "".
func suffixWord(text []byte, i int, words []string) string {
	best := ""
	for _, w := range words {
		if len(w) > len(best) && hasSuffixAt(text, i, w) {
			best = w
		}
	}
	return best
}
