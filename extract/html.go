package extract

import (
	"bytes"
	"errors"
	"io"
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
// Tables: the text of a table cell (<td>, <th>) is located like a CSV
// cell, with Path "table[N]", Row and Column; see tableStart for the rules.
//
// Memory: the tokenizer holds one token at a time, but a token has no size
// limit of its own (a <pre> of a gigabyte is one text token), so the
// tokenizer's buffer is capped at 4×MaxFragment. A longer token is handled
// here: text is cut and read on, script and style content is skipped as it
// streams by, comments are skipped to their end, and a tag is scanned to
// its end by tagScanner, keeping only the attribute values above (at most
// 4×MaxFragment bytes each; a longer one is cut and reported) and a cell's
// colspan and rowspan. After such a token a fresh tokenizer goes on where
// the old one stopped. Tables add little: per open table (at most
// maxTableDepth are followed) the names of its first maxTableCols columns,
// maxHeaderText bytes in all, and the rowspans over them; and the
// fragments held back while a first row may be a header, maxHeld at most.
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

	// tables are the open tables, the innermost last; tableCount counts
	// the tables so far, tableSkip the open ones nested too deep to follow.
	tables     []*htmlTable
	tableCount int
	tableSkip  int
	// held are the fragments waiting for a table to decide whether its
	// first row is its header, and those after them; heldLen their size.
	held    []heldFragment
	heldLen int
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
	span := cellSpan{col: 1, row: 1}
	for more {
		var key, val []byte
		key, val, more = h.z.TagAttr()
		switch string(key) {
		case "type":
			if string(name) == "script" {
				jsonType = bytes.Contains(bytes.ToLower(val), []byte("json"))
			}
		case "colspan", "rowspan":
			span.set(string(key), val)
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
	elem, err := h.startTag(name, h.cur, attrs, jsonType, span)
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
// attribute values to emit and, for a table cell, its span. It returns the
// name of the raw text element the tokenizer reads next, "" if none.
func (h *htmlReader) startTag(name []byte, at pos, attrs []htmlAttr, jsonType bool, span cellSpan) (string, error) {
	h.rawElem = ""
	if isBlock(name) {
		if err := h.flush(); err != nil {
			return "", err
		}
		if err := h.tableStart(name, span); err != nil {
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
		if err := h.flush(); err != nil {
			return err
		}
		return h.tableEnd(name)
	}
	return nil
}

// finish ends the input: the last run is emitted, the tables left open are
// ended, and a script or style left open, whose content swallowed the rest
// of the input, is reported.
func (h *htmlReader) finish() error {
	if err := h.flush(); err != nil {
		return err
	}
	h.tableSkip = 0
	for len(h.tables) > 0 {
		if err := h.tableEnd([]byte("table")); err != nil {
			return err
		}
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
		return h.emit(f)
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
		if err := h.emit(f); err != nil {
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
	return h.emit(f)
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
