package subject

import (
	"bytes"

	"github.com/custos-project/custos/pi"
)

// onsetWindow bounds, in bytes, how far after a date its symptoms may be
// told (about 25 characters: "1月30日，上午感觉不适", "2月10日，患者出现咳嗽").
const onsetWindow = 75

// onsetWords say that illness began without naming a symptom.
var onsetWords = [][]byte{[]byte("发病"), []byte("不适"), []byte("症状")}

// notOnset words before the symptoms make the date something else: the
// day of a diagnosis, of symptoms that came back or went on (再次发热,
// 仍有咳嗽, 咳嗽加重), or of someone else's illness (妻子咳嗽…，患者驾车陪同).
var notOnset = [][]byte{[]byte("确诊"), []byte("发病前"), []byte("发病后"), []byte("陪同"), []byte("妻子"),
	[]byte("丈夫"), []byte("儿子"), []byte("女儿"), []byte("父亲"), []byte("母亲"), []byte("家属"), []byte("亲属"),
	[]byte("再次"), []byte("仍"), []byte("又"), []byte("反复"), []byte("持续"), []byte("未好转")}

// Onsets marks the dates on which a person fell ill — the date of symptom
// onset that case reports give ("1月25日，出现发热咳嗽", "2月4日，发病") —
// with kind=onset. With the symptoms it is health information about the
// person, and the date epidemiologists count cases by. A date is an onset
// when a symptom (a health finding of kind symptom) or an onset word
// (发病, 不适, 症状) follows it in the same clause before any other date,
// and nothing before that makes it the day of a diagnosis or of someone
// else's illness. fs are the findings of text sorted by Start.
func Onsets(text []byte, fs []pi.Finding) {
	for i := range fs {
		d := &fs[i]
		if d.Type != pi.Date || d.Attr("kind") != "" {
			continue
		}
		limit := min(nextClauseEnd(text, d.End, len(text)), d.End+onsetWindow, len(text))
		for j := i + 1; j < len(fs) && fs[j].Start < limit; j++ {
			if fs[j].Type == pi.Date && fs[j].Start >= d.End {
				limit = fs[j].Start
				break
			}
		}
		limit = max(limit, d.End)
		// the first sign of illness after the date
		at := -1
		for _, w := range onsetWords {
			for from := d.End; from < limit; {
				k := bytes.Index(text[from:limit], w)
				if k < 0 {
					break
				}
				k += from
				from = k + len(w)
				// 发病前, 发病后 and symptoms that grow worse (症状加重) do
				// not date the onset
				rest := text[from:]
				if bytes.HasPrefix(rest, []byte("前")) || bytes.HasPrefix(rest, []byte("后")) || bytes.HasPrefix(rest, []byte("加重")) {
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
			if x.Type != pi.Health || x.Attr("kind") != "symptom" || x.Start < d.End {
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
		if at >= 0 && !containsAny(text[d.End:at], notOnset) {
			d.SetAttr("kind", "onset")
		}
	}
}

func containsAny(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}
