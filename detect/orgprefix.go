package detect

import (
	"bytes"
	"slices"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
)

// Divisions that open the name of an organization are the organization's
// name, not an address: 海南省文昌市昌洒镇 of 海南省文昌市昌洒镇小学教师林洪榜,
// 龙岗区坂田街道 of 原龙岗区坂田街道执法队副队长. The school, the
// organization or the employer finding that holds the name says where it
// is; an address finding beside it would tell of a home or a stay that the
// text does not speak of.

// orgHeads are the words that, right after a division, make it the start
// of an organization's name: offices of government, courts, police,
// schools, clinics.
var orgHeads = byteWords("执法队", "执法大队", "执法中队", "派出所", "办事处", "人民政府", "政府", "党委", "党工委", "纪委", "人大",
	"政协", "人民法院", "法院", "人民检察院", "检察院", "公安局", "公安分局", "分局", "交警大队", "司法所", "财政所", "派出法庭",
	"卫生院", "卫生局", "卫健委", "卫生健康委", "疾控中心", "疾病预防控制中心", "人民医院", "中医院", "妇幼保健院", "教育局",
	"民政局", "人社局", "市场监管局", "城管局", "管委会", "综治办", "综治中心", "人民调解委员会", "人民调解室", "调解委员会",
	"小学", "中学", "中心小学", "中心校", "幼儿园", "中心幼儿园", "职业中学", "实验学校", "第一中学")

// orgPrefixAddresses handles the address findings that name divisions
// only (no community, road or building) and open an organization's name,
// unless a label says they are a home (现居住地江西省南昌国家高新技术产业
// 开发区艾溪湖管理处…: the management office is part of the address).
// When a school, organization or employer finding holds them and goes on
// past their end, they are dropped; when one of orgHeads follows them
// directly and nothing holds them, they become the organization's finding,
// through the head word (龙岗区坂田街道执法队): where the person works is
// still found.
func orgPrefixAddresses(text []byte, fs []pi.Finding) []pi.Finding {
	if !slices.ContainsFunc(fs, func(f pi.Finding) bool { return f.Type == pi.Address }) {
		return fs
	}
	drop := false
	var holders []int // the schools, organizations and employers, found once
	for i := range fs {
		if t := fs[i].Type; t == pi.School || t == pi.Organization || t == pi.Employer {
			holders = append(holders, i)
		}
	}
	for i := range fs {
		a := &fs[i]
		if a.Type != pi.Address || !address.Administrative(a.Attr(address.AttrLevel)) || subject.HomeAddress(text, a) {
			continue
		}
		held := slices.ContainsFunc(holders, func(j int) bool { return fs[j].Start <= a.Start && fs[j].End > a.End })
		if held {
			a.Score, drop = 0, true
			continue
		}
		for _, w := range orgHeads {
			if bytes.HasPrefix(text[a.End:], w) {
				*a = pi.Finding{Type: pi.Organization, Category: pi.CatEduWork, Start: a.Start, End: a.End + len(w), Score: a.Score,
					Evidence: pi.Evidence{Validator: a.Evidence.Validator, Valid: true, Context: []string{string(w)},
						Reason: "divisions opening an organization's name"},
					Attrs: regionAttrs(a), Source: a.Source}
				for j := range fs {
					if o := &fs[j]; j != i && (o.Type == pi.Organization || o.Type == pi.Place) && o.Start >= a.Start && o.End <= a.End {
						o.Score, drop = 0, true // the model's 坂田街道执法队 inside it
					}
				}
				break
			}
		}
	}
	if !drop {
		return fs
	}
	return slices.DeleteFunc(fs, func(f pi.Finding) bool { return f.Score == 0 })
}

// regionAttrs returns the region attributes of an address finding (the
// divisions resolved in GB/T 2260), for a finding made from it.
func regionAttrs(a *pi.Finding) []pi.Attr {
	var out []pi.Attr
	for _, k := range []string{pi.AttrRegion, pi.AttrRegionCode} {
		if v := a.Attr(k); v != "" {
			out = append(out, pi.Attr{Key: k, Value: v})
		}
	}
	return out
}

// schoolAddresses settles, before the overlap rules, the address findings
// that are a school's name: a school finding holds the address (贵阳市花溪区
// 青岩镇中心小学|四年级), or ends where it ends with the address's compound
// for its last word (七星关区|阿市乡中心小学: the parser's poi 中心小学).
// The school takes the address's start, its region and the better of the
// two scores, and the address goes, unless a label says it is a home (家住…).
func schoolAddresses(text []byte, fs []pi.Finding) []pi.Finding {
	if !slices.ContainsFunc(fs, func(f pi.Finding) bool { return f.Type == pi.Address }) {
		return fs
	}
	var schools []int
	for i := range fs {
		if fs[i].Type == pi.School {
			schools = append(schools, i)
		}
	}
	if schools == nil {
		return fs
	}
	drop := false
	for i := range fs {
		a := &fs[i]
		if a.Type != pi.Address || subject.HomeAddress(text, a) {
			continue
		}
		poi := a.Attr(address.LevelPOI)
		for _, j := range schools {
			s := &fs[j]
			if s.End < a.End || s.Start > a.End {
				continue
			}
			holds := s.Start <= a.Start
			named := s.End == a.End && poi != "" && bytes.HasSuffix(text[s.Start:s.End], []byte(poi))
			if !holds && !named {
				continue
			}
			s.Start, s.Score = min(s.Start, a.Start), max(s.Score, a.Score)
			for _, r := range regionAttrs(a) {
				s.SetAttr(r.Key, r.Value)
			}
			a.Score, drop = 0, true
			break
		}
	}
	if !drop {
		return fs
	}
	return slices.DeleteFunc(fs, func(f pi.Finding) bool { return f.Score == 0 })
}
