package subject

import (
	"bytes"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// onsetWindow bounds, in bytes, how far after a date its symptoms may be
// told (about 25 characters: "1月30日，上午感觉不适", "2月10日，患者出现咳嗽").
const onsetWindow = 75

// onsetWords say that illness began without naming a symptom.
var onsetWords = [][]byte{[]byte("发病"), []byte("不适"), []byte("症状"), []byte("发作")}

// notOnset words before the symptoms make the date something else: the
// day of a diagnosis, of symptoms that came back or went on (再次发热,
// 仍有咳嗽, 咳嗽加重), of no symptoms (无发热, 未发热), or of someone else's
// illness (妻子咳嗽…，患者驾车陪同).
var notOnset = [][]byte{[]byte("确诊"), []byte("发病前"), []byte("陪同"), []byte("妻子"),
	[]byte("丈夫"), []byte("儿子"), []byte("女儿"), []byte("父亲"), []byte("母亲"), []byte("家属"), []byte("亲属"),
	[]byte("再次"), []byte("仍"), []byte("又"), []byte("反复"), []byte("持续"), []byte("未好转")}

// negations shortly before the sign of illness (within the four characters
// before it: 无发热, 未出现发热, 无明显不适) say there was none; 无明显诱因出现
// 发热 is an onset.
var negations = [][]byte{[]byte("无"), []byte("未"), []byte("没有"), []byte("否认")}

// rangeWords join two dates into one stretch of days (2月2日-4日, 1月18日至
// 2月1日): the stretch starts on the first.
var rangeWords = [][]byte{[]byte("-"), []byte("－"), []byte("—"), []byte("~"), []byte("～"), []byte("至"), []byte("到")}

// Onsets marks the dates on which a person fell ill — the date of symptom
// onset that case reports give ("1月25日，出现发热咳嗽", "2月4日，发病") —
// with kind=onset. With the symptoms it is health information about the
// person, and the date epidemiologists count cases by. A date is an onset
// when a symptom (a health finding of kind symptom) or an onset word
// (发病, 不适, 症状) follows it in the same clause before any other date,
// and nothing before that makes it the day of a diagnosis, of no symptoms
// or of someone else's illness. Of a stretch of days (2月2日-4日，患者因
// 自感不适) the first is marked. fs are the findings of text sorted by
// Start.
func Onsets(text []byte, fs []pi.Finding) {
	rangeEnd := -1 // index of a date that ends the previous date's stretch
	for i := range fs {
		d := &fs[i]
		if d.Type != pi.Date || d.Attr("kind") != "" || i == rangeEnd {
			continue
		}
		from := d.End
		limit := min(nextClauseEnd(text, d.End, len(text)), d.End+onsetWindow, len(text))
		for j := i + 1; j < len(fs) && fs[j].Start < limit; j++ {
			if fs[j].Type != pi.Date || fs[j].Start < d.End {
				continue
			}
			if j == i+1 && isRange(text[d.End:fs[j].Start]) {
				// the stretch's symptoms follow its last day
				rangeEnd, from = j, fs[j].End
				limit = min(nextClauseEnd(text, from, len(text)), from+onsetWindow, len(text))
				continue
			}
			limit = fs[j].Start
			break
		}
		limit = max(limit, from)
		if at := onsetSign(text, fs, i, from, limit); at >= 0 && !containsAny(text[from:at], notOnset) && !negated(text, from, at) {
			d.SetAttr("kind", "onset")
		}
	}
}

// negated reports whether a negation lies within the four characters
// before at (and after from).
func negated(text []byte, from, at int) bool {
	start := at
	for k := 0; k < 4 && start > from; k++ {
		_, n := utf8.DecodeLastRune(text[from:start])
		start -= n
	}
	return containsAny(text[start:at], negations)
}

// isRange reports whether b, the text between two dates, joins them into a
// stretch.
func isRange(b []byte) bool {
	b = bytes.TrimSpace(b)
	for _, w := range rangeWords {
		if bytes.Equal(b, w) {
			return true
		}
	}
	return false
}

// onsetSign returns where in text[from:limit] the first sign of illness
// is: an onset word or a symptom finding (fs from index i on), or -1.
func onsetSign(text []byte, fs []pi.Finding, i, from, limit int) int {
	at := -1
	for _, w := range onsetWords {
		for k0 := from; k0 < limit; {
			k := bytes.Index(text[k0:limit], w)
			if k < 0 {
				break
			}
			k += k0
			k0 = k + len(w)
			// 发病前 and symptoms that grow worse (症状加重) do not date
			// the onset
			rest := text[k0:]
			if bytes.HasPrefix(rest, []byte("前")) || bytes.HasPrefix(rest, []byte("加重")) {
				continue
			}
			if at < 0 || k < at {
				at = k
			}
			break
		}
	}
	for j := i + 1; j < len(fs) && fs[j].Start < limit; j++ {
		x := &fs[j]
		if x.Type != pi.Health || x.Attr("kind") != "symptom" || x.Start < from {
			continue
		}
		// 发热门诊 is a clinic, not a fever; 咳嗽加重 began earlier
		rest := text[x.End:]
		if bytes.HasPrefix(rest, []byte("门诊")) || bytes.HasPrefix(rest, []byte("加重")) || bytes.HasPrefix(rest, []byte("症状加重")) {
			continue
		}
		if at < 0 || x.Start < at {
			at = x.Start
		}
		break
	}
	return at
}

func containsAny(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}
