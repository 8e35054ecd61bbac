package detect

import (
	"bytes"
	"slices"
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

// macaoAreas are the parishes and areas a Macao address names after 澳门
// (simplified forms), longest first where one holds another.
var macaoAreas = []string{"花地玛堂区", "圣安多尼堂区", "望德堂区", "风顺堂区", "嘉模堂区", "圣方济各堂区", "花王堂区", "大堂区",
	"澳门半岛", "路氹城", "氹仔", "路环", "路氹", "新口岸", "南湾", "西湾", "下环", "沙梨头", "筷子基", "台山", "黑沙环", "祐汉",
	"望厦", "高士德", "荷兰园", "水坑尾", "青洲", "关闸"}

// macaoGap is how many characters may stand between 澳门 and its area and
// the start of the address the tagger found (澳门氹仔柯维|纳马路251号: the
// tagger, trained on mainland addresses, starts at a road suffix it knows).
const macaoGap = 4

// macaoAddresses extends an address that follows 澳门 and a Macao area
// (澳门氹仔柯维纳马路251号, 澳门新口岸宋玉生广场258号) back over them: the
// tagger knows no Macao area and cuts such an address into 澳门 and a
// street without a region, or starts it inside the area's name. The
// element the tagger started at the old start takes the characters
// between (柯维纳马路, not 纳马路; 宋玉生广场, not 岸宋玉生广场), and a lone
// 澳门 before it goes. fs need not be sorted.
func macaoAddresses(text []byte, fs []pi.Finding) []pi.Finding {
	const macao = "澳门"
	// the addresses, listed again after each merge: a text with many
	// findings and many 澳门 is read in one pass over the addresses each
	var addrs []int
	list := func() {
		addrs = addrs[:0]
		for i := range fs {
			if fs[i].Type == pi.Address {
				addrs = append(addrs, i)
			}
		}
	}
	list()
	for from := 0; len(addrs) > 0; {
		k := bytes.Index(text[from:], []byte(macao))
		if k < 0 {
			return fs
		}
		p := from + k
		q := p + len(macao)
		from = q
		q += len(prefixWord(text, q, []string{"特别行政区"}))
		area := prefixWord(text, q, macaoAreas)
		areaEnd := q + len(area)
		best := -1
		for _, i := range addrs {
			f := &fs[i]
			if f.Start <= p || f.Start >= areaEnd+macaoGap*3+1 || f.End <= areaEnd {
				continue
			}
			if best < 0 || f.Start < fs[best].Start {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		f := &fs[best]
		gapFrom := min(areaEnd, f.Start)
		gap := text[gapFrom:f.Start]
		if area == "" && len(gap) > 2*3 || !allHan(gap) || utf8.RuneCount(gap) > macaoGap {
			continue
		}
		if f.Start < areaEnd || len(gap) > 0 {
			// the element the tagger started the address with gets the
			// characters of the area's end or of the gap right
			for j := range f.Attrs {
				a := &f.Attrs[j]
				if (a.Key == "road" || a.Key == "poi" || a.Key == "community") && a.Value != "" && bytes.HasPrefix(text[f.Start:], []byte(a.Value)) {
					if end := f.Start + len(a.Value); end > areaEnd {
						a.Value = string(text[areaEnd:end])
					}
					break
				}
			}
		}
		old := f.Start
		f.Start = p
		// more elements and a resolved region make it more certain, as
		// address scoring has it (0.07 an element, 0.05 the region)
		added := 1
		if area != "" {
			added++
		}
		if !f.Evidence.Valid {
			f.Score += 0.05
		}
		f.Score = min(0.99, f.Score+0.07*float64(added))
		f.SetAttr("province", "澳门")
		f.SetAttr("region", "澳门特别行政区")
		f.SetAttr("region_code", "820000")
		if area != "" {
			f.SetAttr("town", area)
		}
		f.Evidence.Valid = true
		// the lone 澳门 before it gives its context (现住址：) and score
		for _, g := range fs {
			if g.Type == pi.Address && g.Start >= p && g.End <= old {
				if len(f.Evidence.Context) == 0 {
					f.Evidence.Context = g.Evidence.Context
				}
				if k := g.Attr("kind"); k != "" && f.Attr("kind") == "" {
					f.SetAttr("kind", k)
				}
			}
		}
		// …and what the tagger read in the street or building's name
		// without the address around it (宋玉生广场: a square, not a
		// person) goes too
		elem, elemEnd := -1, -1
		if v := f.Attr("poi"); v != "" {
			if i := bytes.Index(text[p:f.End], []byte(v)); i >= 0 {
				elem, elemEnd = p+i, p+i+len(v)
			}
		}
		end := f.End
		fs = slices.DeleteFunc(fs, func(g pi.Finding) bool {
			return g.Type == pi.Address && g.Start >= p && g.End <= old ||
				g.Type == pi.Place && g.Start >= p && g.End <= end ||
				g.Type == pi.PersonName && g.Source == "ner" && g.Start >= elem && g.End <= elemEnd
		})
		list()
		from = max(from, old)
	}
	return fs
}

// prefixWord returns the longest word of words that text[i:] starts with,
// or "".
func prefixWord(text []byte, i int, words []string) string {
	best := ""
	for _, w := range words {
		if len(w) > len(best) && bytes.HasPrefix(text[i:], []byte(w)) {
			best = w
		}
	}
	return best
}

// allHan reports whether b holds only Chinese characters.
func allHan(b []byte) bool {
	for _, r := range string(b) {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
