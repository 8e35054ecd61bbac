package deid

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// pseudonymOp gives each distinct value one pseudonym. With scope=document
// the values are numbered in the order a document mentions them (人员A,
// 人员B …) and the numbering starts again with each document; with
// scope=key the number is derived from the secret key and the value, so
// the same person is 人员QXMTB in every document (five letters: two values
// share one with a chance of about one in 12 million per pair).
//
// Within a document, a value's pseudonym is remembered and reused, so a
// later mention without the sex attribute still reads 某男; a value seen
// with another sex (a second 李某, female) is another person.
type pseudonymOp struct {
	style   string
	scope   string
	ns      string // namespace of the memo: style and scope
	counted bool   // the style has {n} or {i}
}

func buildPseudonym(p Params) (Operator, error) {
	if err := checkText(p, "style"); err != nil {
		return nil, err
	}
	o := pseudonymOp{style: "人员{n}"}
	if s, ok := p["style"]; ok {
		if strings.TrimSpace(s) == "" {
			return nil, errEmptyStyle
		}
		o.style = s
	}
	if err := checkTemplate(o.style, "n", "i", "surname", "sex", "label"); err != nil {
		return nil, err
	}
	var err error
	if o.scope, err = paramEnum(p, "scope", "document", "document", "key"); err != nil {
		return nil, err
	}
	o.counted = strings.Contains(o.style, "{n}") || strings.Contains(o.style, "{i}")
	o.ns = o.scope + "\x00" + o.style
	return o, nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errEmptyStyle = constError("parameter style: empty")

func (pseudonymOp) Name() string { return "pseudonym" }

// Apply returns the value's pseudonym.
func (o pseudonymOp) Apply(c *Context, f *pi.Finding, v string) (string, error) {
	if c == nil {
		return "", errNilContext
	}
	if o.scope == "key" && c.keyErr != nil {
		return "", c.keyErr
	}
	f = finding(f)
	v = clean(v)
	key := normalize(f, v)

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.names == nil {
		c.names = make(map[string]map[string]string)
	}
	memo := c.names[o.ns]
	if memo == nil {
		memo = make(map[string]string)
		c.names[o.ns] = memo
	}
	// Two people may share a value (a bulletin's 李某, male and female):
	// in a document's numbering the sex, when known, is part of the key,
	// and a mention without it takes the value's latest pseudonym (a keyed
	// pseudonym stays a function of the value alone).
	latest := c.names[o.ns+"\x00latest"]
	if latest == nil {
		latest = make(map[string]string)
		c.names[o.ns+"\x00latest"] = latest
	}
	base := key
	if sex := sexOf(f); sex != "" && o.scope != "key" {
		key += "\x00" + sex
	} else if p, ok := latest[base]; ok {
		return p, nil
	}
	if p, ok := memo[key]; ok {
		latest[base] = p
		return p, nil
	}
	// In a document, a given name alone (小雨) is the person whose full
	// name of three characters came before (张小雨): the same pseudonym.
	given := c.names[o.ns+"\x00given"]
	if o.scope != "key" && f.Type == pi.PersonName {
		if given == nil {
			given = make(map[string]string)
			c.names[o.ns+"\x00given"] = given
		}
		if p, ok := given[v]; ok && utf8.RuneCountInString(v) == 2 {
			latest[base] = p // not in memo: the numbering counts people, not mentions
			return p, nil
		}
		if n := surnameLen(f, v); utf8.RuneCountInString(v) == 3 && utf8.RuneCountInString(v[:n]) == 1 {
			defer func() {
				if _, ok := given[v[n:]]; !ok {
					given[v[n:]] = memo[key]
				}
			}()
		}
	}
	defer func() { latest[base] = memo[key] }()
	var letters, number string
	if o.counted {
		if o.scope == "key" {
			h := c.mac(keyPseudonym, base)
			x := binary.BigEndian.Uint64(h[:8])
			var b [5]byte
			for i := range b {
				b[i] = byte('A' + x%26)
				x /= 26
			}
			letters = string(b[:])
			number = strconv.FormatUint(100000+binary.BigEndian.Uint64(h[8:16])%900000, 10)
		} else {
			n := len(memo) + 1
			letters, number = seqLetters(n), strconv.Itoa(n)
		}
	}
	out := expand(o.style, func(name string) string {
		switch name {
		case "n":
			return letters
		case "i":
			return number
		case "surname":
			if f.Type == pi.PersonName || f.Type == pi.MaskedName {
				return v[:surnameLen(f, v)]
			}
			return ""
		case "sex":
			if f.Attr("title") != "" {
				return "" // 李先生 → 某先生: the title says the person
			}
			switch sexOf(f) {
			case "male":
				return "男"
			case "female":
				return "女"
			}
			return "人"
		}
		return Label(f.Type)
	})
	memo[key] = out
	return out, nil
}

// seqLetters numbers in bijective base 26: 1 → A, 26 → Z, 27 → AA, 28 → AB.
func seqLetters(n int) string {
	var b [16]byte
	i := len(b)
	for n > 0 {
		n--
		i--
		b[i] = byte('A' + n%26)
		n /= 26
	}
	return string(b[i:])
}
