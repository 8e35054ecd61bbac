package address

import (
	"math/rand/v2"

	"github.com/custos-project/custos/tagger"
)

// The address corpus holds bare addresses, one a line: a tagger trained on
// it alone has never seen an address begin after 现住 or end before 的患者,
// nor a sentence without any address, and tags the words around an address
// in running text as elements. Training therefore adds (1) prose without
// addresses, every character outside, and (2) copies of corpus addresses
// set in the words that surround addresses in bulletins and registers, or
// between pieces of prose.

// contextBefore and contextAfter are the words around addresses in case
// bulletins, registers and forms.
var contextBefore = []string{
	"现住", "家住", "住址：", "住址:", "现居住于", "居住于", "户籍地：", "户籍地址：", "地址：", "住",
	"现住址为", "暂住", "位于", "现居", "收货地址：", "住在", "居住在", "常住", "家庭住址：", "详细地址：",
	"男，45岁，现住", "女，32岁，家住", "患者，现住", "确诊病例，居住于", "，", "。", "在", "到", "前往", "途经",
	"系", "其家住", "户籍所在地：", "现住址：", "联系地址：", "工作单位地址：", "寄往", "送至", "籍贯：",
	"，男，62岁，", "，女，", "户籍",
}

var contextAfter = []string{
	"。", "，", "的患者", "，系确诊病例的密切接触者。", "，电话138****5678。", " ", "居住。", "附近", "内",
	"，已隔离。", "；", "）", "的居民", "，邮编310000", "家中", "门口", "一带", "，男，", "等地", "、",
	"人，", "人。", "人",
}

// cut returns ex, or with equal chances the part of it up to the end of a
// random element (成都市郫都区 of a longer address: corpus addresses rarely
// stop at a district, text often does) or from the start of one (瑞泰心里城4栋).
func cut(ex tagger.Example, rng *rand.Rand) tagger.Example {
	if len(ex.Spans) < 2 {
		return ex
	}
	k := rng.IntN(len(ex.Spans))
	switch rng.IntN(3) {
	case 1: // keep up to the end of span k
		end := ex.Spans[k].End
		c := tagger.Example{Text: ex.Text[:end], Annotated: ex.Annotated}
		for _, sp := range ex.Spans {
			if sp.End <= end {
				c.Spans = append(c.Spans, sp)
			}
		}
		return c
	case 2: // keep from the start of span k
		start := ex.Spans[k].Start
		c := tagger.Example{Text: ex.Text[start:], Annotated: ex.Annotated}
		for _, sp := range ex.Spans {
			if sp.Start >= start {
				sp.Start -= start
				sp.End -= start
				c.Spans = append(c.Spans, sp)
			}
		}
		return c
	}
	return ex
}

// shorten returns ex with its province, city and district names in their
// short forms (浙江省杭州市西湖区 → 浙江杭州西湖), as text often writes
// them and the corpus seldom does.
func shorten(ex tagger.Example) tagger.Example {
	g := sharedGazetteer()
	c := tagger.Example{Annotated: ex.Annotated}
	text := make([]rune, 0, len(ex.Text))
	last := 0
	for _, sp := range ex.Spans {
		if sp.Start < last {
			continue
		}
		text = append(text, ex.Text[last:sp.Start]...)
		name := ex.Text[sp.Start:sp.End]
		level := -1
		switch tagHeads[sp.Head] {
		case LevelProvince:
			level = gazProvince
		case LevelCity:
			level = gazCity
		case LevelDistrict:
			level = gazCounty
		}
		if level >= 0 {
			if _, known := g.byName[string(name)]; known {
				if short := shortForm(string(name), level); short != "" {
					name = []rune(short)
				}
			}
		}
		start := len(text)
		text = append(text, name...)
		c.Spans = append(c.Spans, tagger.Span{Start: start, End: len(text), Head: sp.Head})
		last = sp.End
	}
	c.Text = append(text, ex.Text[last:]...)
	return c
}

// augment returns the extra training examples: the prose texts with no
// spans, and each address example once more inside context words or prose
// pieces (with probability frac), in a deterministic order for the seed.
func augment(addrs []tagger.Example, prose []string, frac float64, seed uint64) []tagger.Example {
	rng := rand.New(rand.NewPCG(seed, 0xadd7e55))
	all := func() []bool {
		a := make([]bool, len(tagHeads))
		for i := range a {
			a[i] = true
		}
		return a
	}
	var out []tagger.Example
	proseRunes := make([][]rune, 0, len(prose))
	for _, p := range prose {
		rs := []rune(p)
		if len(rs) == 0 {
			continue
		}
		proseRunes = append(proseRunes, rs)
		out = append(out, tagger.Example{Text: rs, Annotated: all()})
	}
	piece := func(tail bool) []rune {
		if len(proseRunes) == 0 || rng.IntN(2) == 0 {
			var w string
			if tail {
				w = contextAfter[rng.IntN(len(contextAfter))]
			} else {
				w = contextBefore[rng.IntN(len(contextBefore))]
			}
			return []rune(w)
		}
		p := proseRunes[rng.IntN(len(proseRunes))]
		k := rng.IntN(min(len(p), 24) + 1)
		if tail {
			return p[:k]
		}
		return p[len(p)-k:]
	}
	for _, ex := range addrs {
		if rng.Float64() >= frac {
			continue
		}
		ex = cut(ex, rng)
		if rng.IntN(3) == 0 {
			ex = shorten(ex)
		}
		before, after := piece(false), piece(true)
		text := make([]rune, 0, len(before)+len(ex.Text)+len(after))
		text = append(append(append(text, before...), ex.Text...), after...)
		c := tagger.Example{Text: text, Annotated: ex.Annotated}
		for _, sp := range ex.Spans {
			sp.Start += len(before)
			sp.End += len(before)
			c.Spans = append(c.Spans, sp)
		}
		out = append(out, c)
	}
	return out
}
