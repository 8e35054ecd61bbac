package terms

import (
	"sync"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Foreign names are written in Chinese with a small set of transliteration
// characters (阿特金森, 凯萨琳·希尔, 卡维纳吉). The entity model misses many of
// them: its features are single characters and pairs, and these names are
// long and rare. Right after a position (主裁判阿特金森, 法国画家塞尚、莫奈,
// 主教练科比什利卸任) a maximal run of such characters is a name.

// transliteration holds the characters of the Xinhua News Agency's
// transliteration tables for personal names that are common in news;
// characters that end many Chinese words as well (京 of 普京) are left out,
// since a run stops at the first character outside the set.
var transliteration = newRuneSet("阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜顿多厄恩尔" +
	"法凡菲费芬丰弗伏夫福富盖甘冈戈格根贡古瓜圭哈海汉豪赫亨洪胡华惠霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎昆" +
	"拉莱赖兰朗劳勒雷蕾里利莉丽莲林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅蒙孟米明莫姆穆默纳娜奈南内尼妮涅纽努诺欧帕潘" +
	"佩彭皮珀普奇齐契恰乔切钦琼丘萨塞赛桑瑟森莎沙尚舍什施史斯松苏索塔泰坦汤唐特滕提廷图托瓦万旺威韦维温沃乌伍" +
	"西希锡夏谢辛休雅亚扬耶伊因尤约泽扎詹祖佐兹茨济琪翰摩佛汀娃姬丝黛露薇吕")

// notForeignNames are words of transliteration characters that follow a
// position without being a name (选手比赛, 球员加盟 is cut by 盟 already).
var notForeignNames = newWordSet("比赛", "本科", "沙龙", "摩托", "雷达", "马达", "巴士", "伊斯兰", "基金", "海外", "海南", "东南亚",
	"西南", "东北", "西北", "华东", "华南", "华北", "西方", "东方", "南方", "北方", "中东", "欧洲", "亚洲", "非洲", "美洲")

// foreignNameEnd returns the end of a foreign name at t[i:end]: two to
// twelve transliteration characters, parts joined by single middle dots,
// neither a country nor an administrative division nor a word of
// notForeignNames; or -1.
func foreignNameEnd(t []byte, i, end int) int {
	j, n, dot := i, 0, false
	for j < end {
		r, size := utf8.DecodeRune(t[j:end])
		switch {
		case transliteration[r]:
			n++
			dot = false
		case r == '·' && n > 0 && !dot:
			dot = true
		default:
			goto done
		}
		j += size
	}
done:
	if dot {
		j -= len("·")
	}
	if n < 2 || n > 12 {
		return -1
	}
	word := string(t[i:j])
	if countrySet()[word] || placeNames()[word] || notForeignNames.prefix(t, i, j) == j-i {
		return -1
	}
	return j
}

// latinNameEnd returns the end of a name in Latin letters at t[i:end]
// after a position: two to four capitalized words, run together as news
// text often writes them (FrankPearce, CoreyMay) or apart by one space or a
// hyphen (Frank Pearce, Min-Liang Tan); or -1. One capitalized word alone
// (CEO, Apple) is not taken for a name.
func latinNameEnd(t []byte, i, end int) int {
	words, j := 0, i
	for j < end && words < 4 {
		if t[j] < 'A' || t[j] > 'Z' {
			break
		}
		k := j + 1
		for k < end && t[k] >= 'a' && t[k] <= 'z' {
			k++
		}
		if k-j < 2 {
			break // an initial or an acronym
		}
		words++
		j = k
		if j+1 < end && (t[j] == ' ' || t[j] == '-') && t[j+1] >= 'A' && t[j+1] <= 'Z' {
			j++
		}
	}
	if words < 2 {
		return -1
	}
	if t[j-1] == ' ' || t[j-1] == '-' {
		j--
	}
	if j < end && (t[j] >= 'a' && t[j] <= 'z' || t[j] >= 'A' && t[j] <= 'Z' || t[j] >= '0' && t[j] <= '9') {
		return -1 // part of a longer token (CryEngine3, iPhoneX)
	}
	return j
}

// foreignNames adds the foreign name at t[i:] after a position and the
// names listed after it with 、 or 和 (画家塞尚、莫奈等), and returns the end
// of the last, or -1 when there is none.
func (s *scan) foreignNames(i int) int {
	last := -1
	for {
		j := foreignNameEnd(s.text, i, s.sentEnd)
		if j < 0 {
			j = latinNameEnd(s.text, i, s.sentEnd)
		}
		if j < 0 || i < s.nameEnd {
			return last
		}
		s.add(pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: i, End: j, Score: 0.75,
			Evidence: pi.Evidence{Validator: "rule:foreign-name", Context: []string{"position"}}})
		s.nameEnd, last = j, j
		s.setCtx("name")
		r, size := utf8.DecodeRune(s.text[j:s.sentEnd])
		if r != '、' && r != '和' {
			return last
		}
		i = j + size
	}
}

// Country reports whether name is a country of the nationality list
// (黎巴嫩, 新西兰): a tagger that reads one as a person's name is wrong.
func Country(name string) bool { return countrySet()[name] }

// countrySet holds the country names of the nationality list.
var countrySet = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range countries() {
		m[c] = true
	}
	return m
})
