package terms

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Platform handles: the name a person goes by on a social platform, after
// the word for it (微博账号“小赵爱旅行”, 抖音号：xiaozhao2024, 网名叫“夜空中最亮
// 的星”, 昵称：小熊饼干). Published with the rest of a story they find the
// person as a name does (the bullied patient of the seeds was found through
// her account), so they are names with nickname=true and the platform.

// handleLabels are the words for a handle, with their platform ("" when
// the word names none).
var handleLabels = []struct{ word, platform string }{
	{"微博账号", "微博"}, {"微博昵称", "微博"}, {"微博名", "微博"}, {"微博号", "微博"}, {"微博ID", "微博"},
	{"抖音账号", "抖音"}, {"抖音昵称", "抖音"}, {"抖音号", "抖音"}, {"快手账号", "快手"}, {"快手号", "快手"},
	{"小红书账号", "小红书"}, {"小红书号", "小红书"}, {"B站账号", "哔哩哔哩"}, {"b站账号", "哔哩哔哩"},
	{"微信昵称", "微信"}, {"微信名", "微信"}, {"QQ昵称", "QQ"}, {"游戏昵称", ""}, {"网名", ""}, {"昵称", ""},
	{"抖音ID", "抖音"}, {"快手ID", "快手"}, {"小红书ID", "小红书"}, {"B站ID", "哔哩哔哩"}, {"b站ID", "哔哩哔哩"},
	// a platform and an @mention (去她微博@琪琪不是七七 下面骂她)
	{"微博@", "微博"}, {"抖音@", "抖音"}, {"快手@", "快手"}, {"小红书@", "小红书"}, {"B站@", "哔哩哔哩"}, {"b站@", "哔哩哔哩"},
}

// handleOpeners maps an opening quote to its closing one.
var handleOpeners = map[rune]rune{'“': '”', '"': '"', '「': '」', '『': '』', '《': '》', '‘': '’'}

// maxHandle bounds a handle, in bytes.
const maxHandle = 48

// maxMention bounds a handle after @, in characters: a sentence run into
// the mention is longer (@今日咸阳该不该维护维护呢).
const maxMention = 10

// handle reads the platform handle after the word for it at h.
func (s *scan) handle(h hit, e *entry) {
	if h.start < s.handleEnd {
		return // 昵称 of 微博昵称
	}
	mention := strings.HasSuffix(e.term, "@")
	if mention && bytes.HasSuffix(s.text[:h.start], []byte("官方")) {
		return // 官方微博@剑网3客户服务: an organization's account
	}
	start, end := handleValue(s.text, h.end, s.sentEnd, mention)
	if start >= end || mention && utf8.RuneCount(s.text[start:end]) > maxMention {
		return
	}
	f := pi.Finding{Type: pi.PersonName, Category: pi.CatName, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "rule:platform-handle", Context: []string{e.term}},
		Attrs:    []pi.Attr{{Key: "nickname", Value: "true"}}}
	if e.label != "" {
		f.SetAttr("platform", e.label)
	}
	s.add(f)
	s.handleEnd = end
	s.nameEnd = max(s.nameEnd, end)
	s.setCtx("handle")
}

// handleValue returns the handle written at t[at:b] after its label: in
// quotes, or after a colon, an @ (mention) or a verb of naming up to the
// next delimiter.
func handleValue(t []byte, at, b int, mention bool) (start, end int) {
	// colon: anything up to a delimiter follows; verb: a quoted handle or
	// one of letters and digits (网名叫“…”, 抖音号为xz2024, not 微博名为平安
	// 成都的账号发布通报)
	colon, verb := mention, false
	for n := 0; n < 2; n++ {
		r, size := utf8.DecodeRune(t[at:b])
		switch {
		case r == '：' || r == ':' || r == ' ':
			colon = true
			at += size
			continue
		case r == '为' || r == '是' || r == '叫':
			verb = true
			at += size
			continue
		}
		break
	}
	r, size := utf8.DecodeRune(t[at:b])
	if closer, ok := handleOpeners[r]; ok {
		k := bytes.IndexRune(t[at+size:min(b, at+size+maxHandle)], closer)
		if k <= 0 {
			return 0, 0
		}
		return at + size, at + size + k
	}
	if !colon && !verb {
		return 0, 0 // 昵称很多, 网名的含义: the word, not a handle
	}
	end = at
	for end < b && end-at < maxHandle {
		r, size := utf8.DecodeRune(t[end:b])
		if r == utf8.RuneError || strings.ContainsRune("，。；、,;!?！？（）()【】[]“”\"' \t\n\u3000", r) {
			break
		}
		if !colon && !(r < utf8.RuneSelf && (isASCIIAlnum(r) || r == '_' || r == '.' || r == '-')) {
			if r < utf8.RuneSelf || !isHan(r) || end == at {
				return 0, 0
			}
			break // 抖音号为xz_2024的用户
		}
		end += size
	}
	if end-at >= maxHandle {
		return 0, 0
	}
	return at, end
}
