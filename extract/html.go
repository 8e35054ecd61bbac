package extract

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"unicode"

	"golang.org/x/net/html"

	"github.com/custos-project/custos/pi"
)

// readHTML reads an HTML document with the streaming tokenizer of
// golang.org/x/net/html (no tree is built) and emits the text a reader
// sees, plus the values of a few attributes that people read or fill in.
//
// Text: the text between tags, entities decoded, CRs and whitespace kept as
// in the source. Text that is not rendered is skipped: the content of
// <script> and <style> (but a <script> whose type mentions "json", such as
// application/ld+json, is data and is emitted), comments, doctypes and
// processing instructions. The fallback content of <noscript>, <noframes>,
// <noembed> and <iframe> is read as HTML and emitted, like <template>
// content: users without scripts, or scripts, show it.
//
// Joining: text runs on across inline tags (<b>, <span>, <a>, unknown tags,
// comments…) and is cut at block-level tags (see isBlock): "张<b>三</b>" is
// one fragment "张三", and every table cell is a fragment of its own, so
// the digits of two cells are never glued into one number. A run is cut
// like a text line (after its last newline once it passes MaxFragment, at a
// good split point once it passes 4×MaxFragment); leading and trailing
// whitespace is trimmed and whitespace-only runs are not emitted.
//
// Attributes: the values of alt, title, placeholder, value, content and
// aria-label, and of href when it is a tel:, mailto: or sms: link, are
// fragments of their own with Path "@alt", "@title", … They are emitted
// after the text run they sit in, so fragments stay in input order.
//
// Memory: the tokenizer holds one token at a time, but a token has no size
// limit of its own (a <pre> of a gigabyte is one text token), so the
// tokenizer's buffer is capped at 4×MaxFragment. A longer token is handled
// here: text is cut and read on, script and style content is skipped as it
// streams by, comments are skipped to their end, and a tag is scanned to
// its end by tagScanner, keeping only the attribute values above (at most
// 4×MaxFragment bytes each; a longer one is cut and reported). After such a
// token a fresh tokenizer goes on where the old one stopped.
func (rd *reader) readHTML(r io.Reader) error {
	h := &htmlReader{
		rd:     rd,
		src:    &prefixReader{r: r},
		target: rd.opt.MaxFragment,
		limit:  4 * rd.opt.MaxFragment,
		cur:    pos{line: 1},
	}
	h.attach("")
	for tokens := 0; ; tokens++ {
		if tokens&1023 == 1023 {
			if err := rd.ctx.Err(); err != nil {
				return err
			}
		}
		tt := h.z.Next()
		raw := h.z.Raw()
		if h.synthetic {
			// The start tag put in front of the input to resume a raw
			// text element: not part of the input.
			h.synthetic = false
			continue
		}
		if tt == html.ErrorToken {
			err := h.z.Err()
			switch {
			case err == io.EOF:
				return h.finish()
			case errors.Is(err, html.ErrBufferExceeded):
				if err := h.longTag(raw); err != nil {
					return err
				}
				continue
			}
			var ie *errInput
			if !errors.As(err, &ie) {
				err = &errInput{err}
			}
			return err
		}
		if len(raw) >= h.limit {
			// The buffer limit cut the token short: only text, comments
			// and doctypes come back cut (a cut tag is an ErrorToken).
			if err := h.longToken(tt, raw); err != nil {
				return err
			}
			continue
		}
		var err error
		switch tt {
		case html.TextToken:
			err = h.text(raw, h.cur)
		case html.StartTagToken, html.SelfClosingTagToken:
			err = h.startTagToken(raw)
		case html.EndTagToken:
			name, _ := h.z.TagName()
			err = h.endTag(name)
		default: // comments, doctypes: not shown, and no break in the text
			h.rawElem = ""
		}
		if err != nil {
			return err
		}
		h.cur.advance(raw)
	}
}

// htmlReader is the state of readHTML.
type htmlReader struct {
	rd            *reader
	src           *prefixReader // what the tokenizer reads
	z             *html.Tokenizer
	target, limit int
	cur           pos // position of the next token
	synthetic     bool

	// rawElem is the raw text element (script, style, title, textarea, xmp,
	// plaintext) whose content the next text token is.
	rawElem string
	// jsonScript: the current <script> holds JSON data, emitted.
	jsonScript bool
	// skipElem is the open <script> or <style> whose content is skipped,
	// skipFrom its position, skipped how many bytes of it were skipped;
	// reported when the input ends before the element does.
	skipElem string
	skipFrom pos
	skipped  int64

	run     htmlRun
	pending []Fragment // attribute values waiting for the run to be emitted
	pendLen int
	scratch []byte
}

// prefixReader reads pre, then r. Errors from r are sticky, so no error is
// lost when a tokenizer is replaced.
type prefixReader struct {
	pre []byte
	r   io.Reader
	err error
}

func (p *prefixReader) Read(b []byte) (int, error) {
	if len(p.pre) > 0 {
		n := copy(b, p.pre)
		p.pre = p.pre[n:]
		return n, nil
	}
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.r.Read(b)
	if err != nil {
		p.err = err
	}
	return n, err
}

// detach gives up the tokenizer: reconsume and the bytes it had read ahead
// go back in front of the input.
func (h *htmlReader) detach(reconsume []byte) {
	ahead := h.z.Buffered()
	pre := make([]byte, 0, len(reconsume)+len(ahead)+len(h.src.pre))
	pre = append(append(append(pre, reconsume...), ahead...), h.src.pre...)
	h.src.pre = pre
	h.z = nil
}

// attach starts a tokenizer on what is left of the input. A raw text
// element (script, title…) being read is resumed by putting its start tag in
// front, since a tokenizer cannot be started in that state otherwise.
func (h *htmlReader) attach(elem string) {
	if elem != "" {
		h.src.pre = append([]byte("<"+elem+">"), h.src.pre...)
		h.synthetic = true
	}
	h.z = html.NewTokenizer(h.src)
	h.z.SetMaxBuf(h.limit)
}

// text handles a text token whose raw bytes start at p.
func (h *htmlReader) text(raw []byte, p pos) error {
	unescape := true
	switch h.rawElem {
	case "", "title", "textarea":
	case "script", "style":
		if !(h.rawElem == "script" && h.jsonScript) {
			h.skipped += int64(len(raw))
			return nil
		}
		unescape = false
	default: // xmp, plaintext
		unescape = false
	}
	for len(raw) > 0 {
		n := h.run.add(raw, p, unescape, maxRunPieces+1-len(h.run.segs))
		p.advance(raw[:n])
		raw = raw[n:]
		if err := h.cut(); err != nil {
			return err
		}
	}
	return nil
}

// startTagToken handles a whole start tag.
func (h *htmlReader) startTagToken(raw []byte) error {
	name, more := h.z.TagName()
	var attrs []htmlAttr
	var spans *[maxHTMLAttrs]attrSpan
	jsonType := false
	for more {
		var key, val []byte
		key, val, more = h.z.TagAttr()
		if string(key) == "type" && string(name) == "script" {
			jsonType = bytes.Contains(bytes.ToLower(val), []byte("json"))
		}
		if !wantAttr(key, val) || isBlank(val) {
			continue
		}
		if spans == nil {
			spans = attrSpans(raw)
		}
		a := htmlAttr{key: string(key), val: val, p: h.cur}
		for i := range spans {
			if s := &spans[i]; s.key == a.key && s.end > 0 {
				a.p.advance(raw[:s.start])
				a.raw = raw[s.start:s.end]
				break
			}
		}
		attrs = append(attrs, a)
	}
	elem, err := h.startTag(name, h.cur, attrs, jsonType)
	if err != nil {
		return err
	}
	switch elem {
	case "iframe", "noembed", "noframes", "noscript":
		// Fallback content: read it as HTML.
		h.z.NextIsNotRawText()
		h.rawElem = ""
	}
	return nil
}

// startTag handles a start tag named name at position at, with the
// attribute values to emit. It returns the name of the raw text element
// the tokenizer reads next, "" if none.
func (h *htmlReader) startTag(name []byte, at pos, attrs []htmlAttr, jsonType bool) (string, error) {
	h.rawElem = ""
	if isBlock(name) {
		if err := h.flush(); err != nil {
			return "", err
		}
	}
	for _, a := range attrs {
		if err := h.attr(a); err != nil {
			return "", err
		}
	}
	elem := rawTextElem(name)
	h.rawElem = elem
	switch elem {
	case "script", "style":
		h.jsonScript = elem == "script" && jsonType
		h.skipElem, h.skipFrom, h.skipped = elem, at, 0
		if h.jsonScript {
			h.skipElem = ""
		}
	}
	return elem, nil
}

func (h *htmlReader) endTag(name []byte) error {
	h.rawElem = ""
	switch string(name) {
	case "script", "style":
		h.skipElem = ""
	}
	if isBlock(name) {
		return h.flush()
	}
	return nil
}

// finish ends the input: the last run is emitted, and a script or style
// left open, whose content swallowed the rest of the input, is reported.
func (h *htmlReader) finish() error {
	if err := h.flush(); err != nil {
		return err
	}
	if h.skipElem != "" && h.skipped > 0 {
		h.rd.problem(&Problem{
			File: h.rd.name, Line: h.skipFrom.line, Col: h.skipFrom.col + 1,
			Msg: "unclosed <" + h.skipElem + ">: the rest of the input was skipped with it",
		})
	}
	return nil
}

// htmlAttr is an attribute value to emit; p is the position of its first
// byte in the input, raw its bytes there (nil when unknown).
type htmlAttr struct {
	key string
	val []byte
	p   pos
	raw []byte
}

// wantAttr says whether an attribute value is emitted.
func wantAttr(key, val []byte) bool {
	if string(key) == "href" {
		v := bytes.TrimLeft(val, " \t\n\r\f")
		return hasPrefixFold(v, "tel:") || hasPrefixFold(v, "mailto:") || hasPrefixFold(v, "sms:")
	}
	return wantAttrName(string(key))
}

// wantAttrName says whether values of attributes named key may be emitted.
func wantAttrName(key string) bool {
	switch key {
	case "alt", "title", "placeholder", "value", "content", "aria-label", "href":
		return true
	}
	return false
}

func isBlank(b []byte) bool {
	return len(bytes.TrimFunc(b, unicode.IsSpace)) == 0
}

// attr emits an attribute value, or keeps it until the text run around it
// is emitted.
func (h *htmlReader) attr(a htmlAttr) error {
	v := bytes.TrimRightFunc(a.val, unicode.IsSpace)
	t := bytes.TrimLeftFunc(v, unicode.IsSpace)
	if len(t) == 0 {
		return nil
	}
	// Leading spaces in the value are spaces in the source, unless they
	// come from entities; then the position is the first entity's.
	if b := bytes.TrimLeftFunc(a.raw, unicode.IsSpace); len(t) < len(v) && len(b) > 0 {
		a.p.advance(a.raw[:len(a.raw)-len(b)])
	}
	f := Fragment{
		Text: bytes.Clone(t),
		Loc:  pi.Locator{File: h.rd.name, Line: a.p.line, Col: a.p.col, Offset: a.p.off, Path: "@" + a.key},
	}
	if !h.run.hasText && len(h.pending) == 0 {
		return h.rd.emit(f)
	}
	h.pending = append(h.pending, f)
	h.pendLen += len(f.Text)
	if h.pendLen > h.target || len(h.pending) > 256 {
		return h.flush()
	}
	return nil
}

// flush emits the text run and the attribute values waiting for it.
func (h *htmlReader) flush() error {
	if err := h.emitRun(len(h.run.text)); err != nil {
		return err
	}
	return h.emitPending(-1)
}

// emitPending emits the waiting attribute values before offset before, all
// of them when before < 0.
func (h *htmlReader) emitPending(before int64) error {
	n := 0
	for _, f := range h.pending {
		if before >= 0 && f.Loc.Offset >= before {
			break
		}
		if err := h.rd.emit(f); err != nil {
			return err
		}
		h.pendLen -= len(f.Text)
		n++
	}
	rest := copy(h.pending, h.pending[n:])
	clear(h.pending[rest:])
	h.pending = h.pending[:rest]
	return nil
}

// cut emits the front of a text run that has grown long, the way text is
// cut into fragments: after the last newline once it reaches target bytes,
// at a split point inside the line once it reaches 4×target. So no
// fragment is longer than 4×target.
//
// A run of many small pieces (short text between tags, entities) is cut
// earlier, at maxRunPieces pieces, to bound the memory their positions take.
func (h *htmlReader) cut() error {
	for len(h.run.text) >= h.target || len(h.run.segs) > maxRunPieces {
		t := h.run.text
		end := min(len(t), h.limit)
		var n int
		if nl := bytes.LastIndexByte(t[h.run.searched:end], '\n'); nl >= 0 {
			n = h.run.searched + nl + 1
		} else if h.run.searched = end; len(t) >= h.limit || len(h.run.segs) > maxRunPieces {
			b := t[:end]
			n = splitPoint(b[:len(b)-incompleteTail(b)])
		} else {
			return nil
		}
		if err := h.emitRun(n); err != nil {
			return err
		}
		h.run.searched = max(0, end-n) // t[n:end] has no newline
		// The rest starts a fragment later on: what waits before it goes.
		before := int64(-1)
		if h.run.hasText {
			t := h.run.text
			before = h.run.posAt(len(t) - len(bytes.TrimLeftFunc(t, unicode.IsSpace))).off
		}
		if err := h.emitPending(before); err != nil {
			return err
		}
	}
	return nil
}

// emitRun emits the first n bytes of the run, trimmed, and drops them.
func (h *htmlReader) emitRun(n int) error {
	run := &h.run
	b := bytes.TrimRightFunc(run.text[:n], unicode.IsSpace)
	t := bytes.TrimLeftFunc(b, unicode.IsSpace)
	var f Fragment
	if len(t) > 0 {
		p := run.posAt(len(b) - len(t))
		f = Fragment{
			Text: bytes.Clone(t),
			Loc:  pi.Locator{File: h.rd.name, Line: p.line, Col: p.col, Offset: p.off},
		}
	}
	run.drop(n)
	if len(t) == 0 {
		return nil
	}
	return h.rd.emit(f)
}

// maxRunPieces is the number of pieces (see htmlRun) a text run may have
// before it is cut; a variable so tests can lower it.
var maxRunPieces = 1 << 14

// htmlRun is text gathered across inline tags, with what is needed to find
// the input position of any byte in it: one segment per piece of a text
// token, a new piece starting at each '&'. The decoded text of a piece ends
// with a copy of the end of its raw bytes (all of them when nothing was
// decoded); before that copy there is at most one decoded entity, whose raw
// bytes are ASCII without a newline. So positions are exact except inside a
// decoded entity.
type htmlRun struct {
	text     []byte
	segs     []htmlSeg
	hasText  bool // text has a non-space rune
	searched int  // text[:searched] has no newline
}

type htmlSeg struct {
	at             int // offset in text
	p              pos // position of the raw piece
	rawLen, decLen int
	same           int // the last same bytes of the decoded and raw piece are equal
}

// add appends the front of a text token whose raw bytes start at p,
// decoding entities when unescape is set: at least one piece, at most
// maxPieces. It returns how many raw bytes it took.
func (r *htmlRun) add(raw []byte, p pos, unescape bool, maxPieces int) int {
	if len(r.text) == 0 && len(bytes.TrimLeft(raw, " \t\r\n\f")) == 0 {
		return len(raw) // blank between blocks
	}
	i := len(raw)
	if unescape {
		i = bytes.IndexByte(raw, '&')
		if i < 0 {
			i = len(raw)
		}
	}
	pieces := 0
	if i > 0 {
		r.addPiece(raw[:i], raw[:i], p)
		p.advance(raw[:i])
		pieces++
	}
	for i < len(raw) && pieces < max(maxPieces, 1) {
		j := bytes.IndexByte(raw[i+1:], '&')
		if j < 0 {
			j = len(raw)
		} else {
			j += i + 1
		}
		piece := raw[i:j]
		r.addPiece(piece, []byte(html.UnescapeString(string(piece))), p)
		p.advance(piece)
		pieces++
		i = j
	}
	return i
}

func (r *htmlRun) addPiece(raw, dec []byte, p pos) {
	same := 0
	for same < len(raw) && same < len(dec) && raw[len(raw)-1-same] == dec[len(dec)-1-same] {
		same++
	}
	r.segs = append(r.segs, htmlSeg{at: len(r.text), p: p, rawLen: len(raw), decLen: len(dec), same: same})
	r.text = append(r.text, dec...)
	if !r.hasText {
		r.hasText = bytes.IndexFunc(dec, notSpace) >= 0
	}
}

func notSpace(r rune) bool { return !unicode.IsSpace(r) }

// posAt is the input position of byte k of the run (k on a rune boundary).
func (r *htmlRun) posAt(k int) pos {
	i := len(r.segs) - 1
	for i > 0 && r.segs[i].at > k {
		i--
	}
	if i < 0 {
		return pos{}
	}
	s := r.segs[i]
	d := k - s.at
	lit := s.decLen - s.same // decoded bytes before the copy of the raw bytes
	p := s.p
	if d < lit {
		return p // inside a decoded entity: approximate
	}
	n := s.rawLen - s.same // ASCII entity bytes, no newline
	p.off += int64(n)
	p.col += n
	p.advance(r.text[s.at+lit : k])
	return p
}

// drop removes the first n bytes of the run.
func (r *htmlRun) drop(n int) {
	if n >= len(r.text) {
		r.text, r.segs, r.hasText, r.searched = r.text[:0], r.segs[:0], false, 0
		return
	}
	i := len(r.segs) - 1
	for i > 0 && r.segs[i].at > n {
		i--
	}
	s := r.segs[i]
	d := n - s.at
	if lit := s.decLen - s.same; d >= lit {
		// The rest of the piece is a copy of its raw bytes.
		p := r.posAt(n)
		s = htmlSeg{p: p, rawLen: s.decLen - d, decLen: s.decLen - d, same: s.decLen - d}
	} else {
		s.decLen -= d
		s.same = min(s.same, s.decLen)
	}
	s.at = 0
	r.segs[i] = s
	k := copy(r.segs, r.segs[i:])
	r.segs = r.segs[:k]
	for j := 1; j < k; j++ {
		r.segs[j].at -= n
	}
	r.text = r.text[:copy(r.text, r.text[n:])]
	r.hasText = bytes.IndexFunc(r.text, notSpace) >= 0
}

// rawTextElem returns the name of a start tag after which the tokenizer
// reads raw text (up to the end tag), "" for other tags.
func rawTextElem(name []byte) string {
	switch string(name) {
	case "script":
		return "script"
	case "style":
		return "style"
	case "title":
		return "title"
	case "textarea":
		return "textarea"
	case "xmp":
		return "xmp"
	case "plaintext":
		return "plaintext"
	case "iframe":
		return "iframe"
	case "noembed":
		return "noembed"
	case "noframes":
		return "noframes"
	case "noscript":
		return "noscript"
	}
	return ""
}

// isBlock says whether a tag ends the text run before it: elements
// displayed as blocks, table cells and rows, list items, line breaks, form
// controls and the elements whose content is not shown. Other tags (b, i,
// span, a, em, strong, font, u, sub, sup, img, unknown tags…) are inline.
func isBlock(name []byte) bool {
	switch string(name) {
	case "address", "article", "aside", "blockquote", "body", "br", "button",
		"caption", "center", "col", "colgroup", "dd", "details", "dialog",
		"dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
		"footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
		"h6", "head", "header", "hgroup", "hr", "html", "iframe", "input",
		"legend", "li", "listing", "main", "menu", "nav", "noembed",
		"noframes", "noscript", "ol", "optgroup", "option", "p", "plaintext",
		"pre", "script", "search", "section", "select", "style", "summary",
		"table", "tbody", "td", "template", "textarea", "tfoot", "th",
		"thead", "title", "tr", "ul", "xmp":
		return true
	}
	return false
}

// Long tokens.

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

	// A start tag: keep the values of the attributes to emit, and the
	// type of a script.
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
			if key == "type" || wantAttrName(key) {
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
				keep = !seen[key] && (key == "type" || wantAttrName(key))
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
	elem, err := h.startTag(ts.nameBytes(), at, attrs, jsonType)
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
