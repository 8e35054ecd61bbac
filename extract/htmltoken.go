package extract

import (
	"bytes"
	"errors"
	"io"
	"slices"

	"golang.org/x/net/html"
)

// Long tokens: what readHTML (html.go) does with a token longer than the
// tokenizer's buffer limit, and the scanner that reads a long tag's
// attributes the way the tokenizer would.

// longToken handles a text, comment or doctype token the buffer limit cut
// short; the tokenizer cannot go on after it.
func (h *htmlReader) longToken(tt html.TokenType, raw []byte) error {
	if tt != html.TextToken {
		// A comment, a doctype, "<?…>", "</ …>": skipped to its end.
		step := func(c byte) bool { return c == '>' }
		k := 2
		if bytes.HasPrefix(raw, []byte("<!--")) {
			k = 4
			step = commentEnd()
		}
		h.cur.advance(raw[:k])
		h.rawElem = ""
		if _, err := h.finishToken(raw[k:], step); err != nil {
			return err
		}
		h.attach("")
		return nil
	}
	// Text: cut it where the next tokenizer can go on. The cut token may
	// end in the first bytes of a tag ("<", "<a") or of the end tag of a
	// raw text element ("</scr"), in an entity or inside a rune.
	c := len(raw) - incompleteTail(raw)
	window := 2
	if h.rawElem != "" {
		window = len(h.rawElem) + 3
	}
	from := max(0, len(raw)-window)
	if i := bytes.LastIndexByte(raw[from:], '<'); i >= 0 {
		c = min(c, from+i)
	}
	if h.rawElem == "" || h.rawElem == "title" || h.rawElem == "textarea" {
		// An entity the cut may have left unfinished ("&am", "&#2001")
		// is read again.
		j := len(raw)
		for j > 0 && (isAlnum(raw[j-1]) || raw[j-1] == '#') {
			j--
		}
		if j > 1 && raw[j-1] == '&' {
			c = min(c, j-1)
		}
	}
	if c == 0 {
		c = len(raw) // cannot happen: raw is much longer than the window
	}
	if err := h.text(raw[:c], h.cur); err != nil {
		return err
	}
	h.cur.advance(raw[:c])
	h.detach(raw[c:])
	h.attach(h.rawElem)
	return nil
}

// longTag handles a tag the buffer limit cut short: raw is its beginning.
func (h *htmlReader) longTag(raw []byte) error {
	end := len(raw) >= 2 && raw[1] == '/'
	if len(raw) < 2 || raw[0] != '<' || (end && len(raw) < 3) {
		// Not a tag: cannot happen. Keep the bytes as text and go on.
		if err := h.text(raw, h.cur); err != nil {
			return err
		}
		h.cur.advance(raw)
		h.detach(nil)
		h.attach("")
		return nil
	}
	at := h.cur
	k := 1
	if end {
		k = 2
	}
	h.cur.advance(raw[:k])
	var ts tagScanner
	if end {
		if _, err := h.finishToken(raw[k:], func(c byte) bool { return ts.step(c)&tagEnd != 0 }); err != nil {
			return err
		}
		h.attach("")
		return h.endTag(ts.nameBytes())
	}

	// A start tag: keep the values of the attributes to emit, the type of
	// a script and the span of a table cell.
	span := cellSpan{col: 1, row: 1}
	var (
		attrs  []htmlAttr
		val    []byte
		valPos pos
		quote  byte // of the value: '"', '\'' or 0
		inVal  bool
		keep   bool
		cut    bool
		typ    []byte
		seen   = map[string]bool{}
	)
	step := func(c byte) bool {
		f := ts.step(c)
		if f&tagAttrEnd != 0 {
			key := ts.lastKeyString()
			if keep {
				if cut {
					val = val[:len(val)-incompleteTail(val)]
				}
				dec := decodeAttr(val, quote)
				switch {
				case key == "type":
					typ = dec
				case isSpanAttr(key):
					span.set(key, dec)
				case wantAttr([]byte(key), dec):
					if !isBlank(dec) {
						attrs = append(attrs, htmlAttr{key: key, val: dec, p: valPos, raw: bytes.Clone(val)})
					}
					if cut {
						h.rd.problem(&Problem{
							File: h.rd.name, Line: valPos.line, Col: valPos.col + 1, Path: "@" + key,
							Msg: "attribute value longer than 4×MaxFragment, the rest skipped",
						})
					}
				}
			}
			if key == "type" || wantAttrName(key) || isSpanAttr(key) {
				seen[key] = true // the first attribute of a name counts
			}
			keep, inVal = false, false
		}
		if f&tagKeyStart != 0 {
			keep, inVal, cut, val = false, false, false, val[:0]
		}
		if f&tagValue != 0 {
			if !inVal {
				key := ts.keyString()
				inVal, valPos, quote = true, h.cur, 0
				if ts.st == tsQuoted {
					quote = ts.quote
				}
				keep = !seen[key] && (key == "type" || wantAttrName(key) || isSpanAttr(key))
			}
			if keep && len(val) < h.limit {
				val = append(val, c)
			} else if keep {
				cut = true
			}
		}
		return f&tagEnd != 0
	}
	ended, err := h.finishToken(raw[k:], step)
	if err != nil {
		return err
	}
	h.attach("")
	if !ended {
		return nil // the tokenizer drops a tag the input ends in, too
	}
	jsonType := bytes.Contains(bytes.ToLower(typ), []byte("json"))
	elem, err := h.startTag(ts.nameBytes(), at, attrs, jsonType, span)
	if err != nil {
		return err
	}
	switch elem {
	case "iframe", "noembed", "noframes", "noscript", "":
		h.rawElem = ""
	default:
		// The new tokenizer starts after the tag: put it back in the raw
		// text state the tag starts.
		h.detach(nil)
		h.attach(elem)
	}
	return nil
}

// decodeAttr decodes the raw value of an attribute, quoted with quote (0
// for none), the way the tokenizer does (entities are decoded a little
// differently in attributes): by having it read the value in a small tag.
func decodeAttr(val []byte, quote byte) []byte {
	tag := make([]byte, 0, len(val)+8)
	tag = append(tag, "<a v="...)
	if quote != 0 {
		tag = append(tag, quote)
	}
	tag = append(tag, val...)
	if quote != 0 {
		tag = append(tag, quote)
	}
	tag = append(tag, '>')
	z := html.NewTokenizer(bytes.NewReader(tag))
	z.Next()
	_, v, _ := z.TagAttr()
	return v
}

// finishToken reads the rest of a token the buffer limit cut short: first
// rest (the part the tokenizer returned, after what was handled already),
// then what the tokenizer had read ahead, then the input. step sees each
// byte, with h.cur at its position, and says whether the token ends with
// it. finishToken reports whether the token ended before the input did.
// The caller then attaches a new tokenizer, which starts after the token.
func (h *htmlReader) finishToken(rest []byte, step func(c byte) bool) (ended bool, err error) {
	h.detach(rest)
	if h.scratch == nil {
		h.scratch = make([]byte, 4096)
	}
	for empty := 0; ; {
		if err := h.rd.ctx.Err(); err != nil {
			return false, err
		}
		var buf []byte
		if len(h.src.pre) > 0 {
			buf, h.src.pre = h.src.pre, nil
		} else {
			n, err := h.src.Read(h.scratch)
			buf = h.scratch[:n]
			if n == 0 {
				switch {
				case err == io.EOF:
					return false, nil // the token runs to the end of the input
				case err != nil:
					var ie *errInput
					if !errors.As(err, &ie) {
						err = &errInput{err}
					}
					return false, err
				}
				if empty++; empty > 100 {
					return false, &errInput{io.ErrNoProgress}
				}
				continue
			}
			empty = 0
		}
		for i, c := range buf {
			end := step(c)
			h.cur.off++
			if c == '\n' {
				h.cur.line++
				h.cur.col = 0
			} else if c&0xC0 != 0x80 {
				h.cur.col++
			}
			if end {
				h.src.pre = buf[i+1:]
				return true, nil
			}
		}
	}
}

// commentEnd returns a step function for finishToken that finds the end of
// a comment the way the tokenizer does: "-->", "--!>", or "<!-->" and
// "<!--->" at the start.
func commentEnd() func(c byte) bool {
	dashes, begin, bang := 0, true, false
	return func(c byte) bool {
		if bang {
			bang = false
			switch c {
			case '>':
				return true
			case '-':
				dashes, begin = 1, false
				return false
			}
			dashes, begin = 0, false
			return false
		}
		switch c {
		case '-':
			dashes++
			return false
		case '>':
			if dashes >= 2 || begin {
				return true
			}
		case '!':
			if dashes >= 2 {
				bang = true
				return false
			}
		}
		dashes, begin = 0, false
		return false
	}
}

// Tag scanning.

// tagScanner follows a tag byte by byte, after its "<" or "</", the way the
// tokenizer reads tags: it finds the tag name, the attribute names and
// where their values are. It is used to find the position of attribute
// values in a tag (the tokenizer does not give them) and to read tags too
// long for the tokenizer's buffer.
type tagScanner struct {
	st      uint8
	quote   byte
	name    [16]byte
	nameLen int // bytes of the name read; only the first 16 are kept
	key     [16]byte
	keyLen  int
	last    [16]byte // the name of the attribute that ended last
	lastLen int
}

// tagScanner states.
const (
	tsName = iota
	tsBetween
	tsKey
	tsAfterKey
	tsBeforeValue
	tsQuoted
	tsUnquoted
	tsDone
)

// What tagScanner.step saw. When an attribute ends and another starts at
// the same byte, tagAttrEnd is about the first one (named by lastKeyString)
// and tagKeyStart about the second.
const (
	tagKeyStart = 1 << iota // an attribute name starts at this byte
	tagValue                // this byte is part of an attribute value
	tagAttrEnd              // the attribute ends (at or before this byte)
	tagEnd                  // this byte is the '>' ending the tag
)

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// step reads c. It follows the tokenizer's readTag, readTagName,
// readTagAttrKey and readTagAttrVal.
func (s *tagScanner) step(c byte) (f int) {
	for {
		switch s.st {
		case tsName:
			switch {
			case isHTMLSpace(c):
				s.st = tsBetween
				return f
			case c == '/' || c == '>':
				s.st = tsBetween
				continue
			}
			if s.nameLen < len(s.name) {
				s.name[s.nameLen] = lowerASCII(c)
			}
			s.nameLen++
			return f
		case tsBetween:
			switch {
			case isHTMLSpace(c):
				return f
			case c == '>':
				s.st = tsDone
				return f | tagEnd
			}
			s.st, s.keyLen = tsKey, 0
			f |= tagKeyStart
			if c == '=' { // '=' first is part of the name
				s.addKey(c)
				return f
			}
			continue
		case tsKey:
			if c == '=' || c == '/' || c == '>' || isHTMLSpace(c) {
				s.st = tsAfterKey
				continue
			}
			s.addKey(c)
			return f
		case tsAfterKey:
			switch {
			case isHTMLSpace(c):
				return f
			case c == '/':
				s.st = tsBetween
				return f | s.attrEnd()
			case c == '=':
				s.st = tsBeforeValue
				return f
			}
			s.st = tsBetween
			f |= s.attrEnd()
			continue
		case tsBeforeValue:
			switch {
			case isHTMLSpace(c):
				return f
			case c == '>':
				s.st = tsBetween
				f |= s.attrEnd()
				continue
			case c == '"' || c == '\'':
				s.st, s.quote = tsQuoted, c
				return f
			}
			s.st = tsUnquoted
			return f | tagValue
		case tsQuoted:
			if c == s.quote {
				s.st = tsBetween
				return f | s.attrEnd()
			}
			return f | tagValue
		case tsUnquoted:
			switch {
			case isHTMLSpace(c):
				s.st = tsBetween
				return f | s.attrEnd()
			case c == '>':
				s.st = tsBetween
				f |= s.attrEnd()
				continue
			}
			return f | tagValue
		default: // tsDone
			return f | tagEnd
		}
	}
}

func (s *tagScanner) addKey(c byte) {
	if s.keyLen < len(s.key) {
		s.key[s.keyLen] = lowerASCII(c)
	}
	s.keyLen++
}

// attrEnd ends the current attribute.
func (s *tagScanner) attrEnd() int {
	s.last, s.lastLen = s.key, s.keyLen
	return tagAttrEnd
}

// keyString is the lower-cased name of the current attribute, "" when too
// long to be one readHTML looks for.
func (s *tagScanner) keyString() string {
	if s.keyLen > len(s.key) {
		return ""
	}
	return string(s.key[:s.keyLen])
}

// lastKeyString is keyString for the attribute that ended last.
func (s *tagScanner) lastKeyString() string {
	if s.lastLen > len(s.last) {
		return ""
	}
	return string(s.last[:s.lastLen])
}

// nameBytes is the lower-cased tag name, nil when too long to be one
// readHTML knows.
func (s *tagScanner) nameBytes() []byte {
	if s.nameLen > len(s.name) {
		return nil
	}
	return s.name[:s.nameLen]
}

// maxHTMLAttrs is how many attribute values attrSpans locates, at least
// the number of names wantAttr accepts.
const maxHTMLAttrs = 8

// attrSpan is where an attribute value is in a raw tag.
type attrSpan struct {
	key        string
	start, end int
}

// attrSpans finds the values of the attributes readHTML may emit in raw, a
// whole start tag: the value of the first attribute of each name, which is
// the one the tokenizer keeps.
func attrSpans(raw []byte) *[maxHTMLAttrs]attrSpan {
	var spans [maxHTMLAttrs]attrSpan
	n := 0
	var s tagScanner
	var seen [maxHTMLAttrs]string
	nseen := 0
	start, end := -1, -1
	for i := 1; i < len(raw); i++ {
		f := s.step(raw[i])
		if f&tagAttrEnd != 0 {
			key := s.lastKeyString()
			if wantAttrName(key) && !slices.Contains(seen[:nseen], key) && nseen < len(seen) {
				seen[nseen] = key
				nseen++
				if start >= 0 {
					spans[n] = attrSpan{key: key, start: start, end: end}
					n++
				}
			}
		}
		if f&(tagAttrEnd|tagKeyStart) != 0 {
			start, end = -1, -1
		}
		if f&tagValue != 0 {
			if start < 0 {
				start = i
			}
			end = i + 1
		}
		if f&tagEnd != 0 {
			break
		}
	}
	return &spans
}
