package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// maxJSONDepth stops pathological nesting from growing the path stack
// without bound.
const maxJSONDepth = 10000

// readJSON reads a stream of JSON values (one document, or several one after
// another like the CLUENER corpus). Row is the 1-based index of the
// top-level value. After a syntax error the document cannot be
// resynchronized: the error is reported and the rest of the input, from the
// end of the last good token, is emitted as plain text.
func (rd *reader) readJSON(src io.Reader) error {
	w := newWindow(src)
	jw := &jsonWalker{rd: rd, w: w}
	last, bad, err := jw.walk(&windowReader{w: w}, pos{line: 1})
	if err != nil || !bad {
		return err
	}
	ch := rd.chunker(jw.row)
	_, err = ch.run(&windowReader{w: w, pos: last.off, release: true}, last)
	return err
}

// readJSONL reads one JSON value per line. Row is the 1-based number of the
// record (non-blank line). A malformed line is reported, the rest of it
// (from the end of the last good token) is emitted as plain text, and
// reading goes on with the next line.
func (rd *reader) readJSONL(src io.Reader) error {
	w := newWindow(src)
	jw := &jsonWalker{rd: rd, w: w, lines: true}
	at := pos{line: 1}
	for {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		lr := &windowReader{w: w, pos: at.off, oneLine: true}
		last, bad, err := jw.walk(lr, at)
		if err != nil {
			return err
		}
		rest := &windowReader{w: w, pos: last.off, oneLine: true, release: true}
		if bad {
			at, err = rd.chunker(jw.row).run(rest, last)
			if err != nil {
				return err
			}
		} else {
			// Only ASCII blanks (and the newline) are left on the line.
			if _, err := io.Copy(io.Discard, rest); err != nil {
				return err
			}
			at = pos{off: rest.pos, line: last.line + 1}
			if !rest.done {
				at = pos{off: rest.pos, line: last.line, col: last.col + int(rest.pos-last.off)}
			}
		}
		if !rest.done {
			return nil // the input ended without a newline
		}
	}
}

// jsonWalker walks the tokens of JSON values and emits their strings and
// numbers with paths and positions.
type jsonWalker struct {
	rd    *reader
	w     *window
	lines bool // JSONL: one value per walk, row per line
	row   int
	stack []jsonFrame
}

// jsonFrame is an open object or array.
type jsonFrame struct {
	path    string // the container's own path
	array   bool
	index   int    // array: index of the next element
	key     string // object: key of the current member
	wantKey bool   // object: the next string is a key
}

// walk reads JSON from r, whose first byte is at start. It returns the
// position after the last good token and whether it stopped at bad input
// (already reported); err is set only when reading must stop altogether.
func (j *jsonWalker) walk(r io.Reader, start pos) (last pos, bad bool, err error) {
	rd := j.rd
	dec := json.NewDecoder(r)
	dec.UseNumber()
	j.stack = j.stack[:0]
	cur := start // positions are counted up to here
	first := true
	for tokens := 0; ; tokens++ {
		if tokens&1023 == 1023 {
			if err := rd.ctx.Err(); err != nil {
				return cur, false, err
			}
		}
		prevEnd := cur.off
		tok, err := dec.Token()
		if err == io.EOF && len(j.stack) == 0 {
			return cur, false, nil
		}
		if err != nil {
			var ie *errInput
			if errors.As(err, &ie) {
				return cur, false, err
			}
			if (first && j.lines) || (len(j.stack) == 0 && !j.lines) {
				j.row++ // the bad input starts a new record
			}
			j.syntaxError(err, dec, start, cur)
			return cur, true, nil
		}
		end := start.off + dec.InputOffset()
		if first {
			first = false
			if j.lines {
				j.row++
			}
		}
		if len(j.stack) == 0 {
			if j.lines && tokens > 0 {
				at := cur
				b := j.w.slice(cur.off, end)
				at.advance(b[:len(b)-len(bytes.TrimLeft(b, " \t\r"))])
				j.problem(at, "more than one JSON value on the line, the rest kept as plain text", nil)
				return cur, true, nil
			}
			if !j.lines {
				j.row++
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(j.stack) >= maxJSONDepth {
					j.problem(cur, fmt.Sprintf("JSON nested deeper than %d levels, the rest kept as plain text", maxJSONDepth), nil)
					return cur, true, nil
				}
				j.stack = append(j.stack, jsonFrame{path: j.valuePath(), array: t == '[', wantKey: t == '{'})
			default:
				j.stack = j.stack[:len(j.stack)-1]
				j.valueDone()
			}
		case string:
			if n := len(j.stack); n > 0 && j.stack[n-1].wantKey {
				if ScannedKey(t) {
					// a key that is not a plain field name is scanned
					// too ({"13800138000": …}); its path names the
					// object, not the key
					q := bytes.IndexByte(j.w.slice(prevEnd, end), '"')
					if err := j.emitAt(&cur, prevEnd+int64(q)+1, t, j.stack[n-1].path+KeySuffix); err != nil {
						return cur, false, err
					}
				}
				j.stack[n-1].key = t
				j.stack[n-1].wantKey = false
				break
			}
			if t != "" {
				q := bytes.IndexByte(j.w.slice(prevEnd, end), '"')
				if err := j.emitValue(&cur, prevEnd+int64(q)+1, t); err != nil {
					return cur, false, err
				}
			}
			j.valueDone()
		case json.Number:
			q := bytes.IndexAny(j.w.slice(prevEnd, end), "-0123456789")
			if err := j.emitValue(&cur, prevEnd+int64(q), string(t)); err != nil {
				return cur, false, err
			}
			j.valueDone()
		default: // bool, nil
			j.valueDone()
		}
		cur.advance(j.w.slice(cur.off, end))
		j.w.release(end)
	}
}

// ScannedKey reports whether an object key is scanned for personal
// information: every key but plain ASCII field names (name, phone_number,
// idCard2), which never are; so 13800138000, a@b.cn, 张三 and 身份证号 are.
func ScannedKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || i > 0 && c >= '0' && c <= '9') {
			return true
		}
	}
	return false
}

// KeySuffix ends the path of a fragment that is an object's key: the path
// of the object, then ".*~" (JSONPath-Plus for "the names of its
// members"), so that the key itself never appears in its own path.
const KeySuffix = ".*~"

// emitValue emits the value v whose content starts at offset at.
func (j *jsonWalker) emitValue(cur *pos, at int64, v string) error {
	return j.emitAt(cur, at, v, j.valuePath())
}

// emitAt emits text v, whose content starts at offset at, with path.
func (j *jsonWalker) emitAt(cur *pos, at int64, v, path string) error {
	cur.advance(j.w.slice(cur.off, at))
	return j.rd.emit(Fragment{
		Text: []byte(v),
		Loc: pi.Locator{
			File: j.rd.name, Line: cur.line, Col: cur.col, Offset: cur.off,
			Row: j.row, Path: path,
		},
	})
}

// syntaxError reports err, a decoding error after the token ending at cur.
//
// json.SyntaxError.Offset is not reliable in Token mode (it is sometimes
// relative to the token, sometimes not), so the position is found another
// way: Decoder.InputOffset is at the start of the bad token, and the message
// names the offending byte ("invalid character 'x' …"), looked for from
// there on. The message names a byte as if it were a rune, which garbles
// non-ASCII characters; it is rewritten with the real character.
func (j *jsonWalker) syntaxError(err error, dec *json.Decoder, start, cur pos) {
	end := j.w.end()
	at := min(max(start.off+dec.InputOffset(), cur.off), end)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		// io.EOF: containers left open, point after the last byte;
		// io.ErrUnexpectedEOF: InputOffset is at the unfinished token.
		if errors.Is(err, io.EOF) {
			at = min(max(start.off+dec.InputOffset(), cur.off), end)
			for at > cur.off && isJSONSpace(j.w.slice(at-1, at)[0]) {
				at--
			}
		}
		err = errors.New("unexpected end of input")
		if j.lines {
			err = errors.New("unexpected end of line")
		}
	} else if quoted, c, ok := offendingByte(err.Error()); ok {
		if i := bytes.IndexByte(j.w.slice(at, min(at+256, end)), c); i >= 0 {
			at += int64(i)
			if c >= utf8.RuneSelf {
				r, _ := utf8.DecodeRune(j.w.slice(at, end))
				err = errors.New(strings.Replace(err.Error(), quoted, strconv.QuoteRune(r), 1))
			}
		}
	}
	for at > cur.off && !utf8.RuneStart(j.w.slice(at, at+1)[0]) {
		at--
	}
	msg := "malformed JSON, rest of the input kept as plain text"
	if j.lines {
		msg = "malformed JSON, rest of the line kept as plain text"
	}
	p := cur
	p.advance(j.w.slice(cur.off, at))
	j.problem(p, msg, err)
}

// offendingByte parses "invalid character 'x' …", as encoding/json writes
// it, and returns the quoted part and the byte.
func offendingByte(msg string) (quoted string, c byte, ok bool) {
	const prefix = "invalid character "
	if !strings.HasPrefix(msg, prefix) {
		return "", 0, false
	}
	rest := msg[len(prefix):]
	if strings.HasPrefix(rest, `'\''`) {
		return `'\''`, '\'', true
	}
	if len(rest) < 3 || rest[0] != '\'' {
		return "", 0, false
	}
	i := strings.Index(rest[2:], "'")
	if i < 0 {
		return "", 0, false
	}
	quoted = rest[:i+3]
	r, _, tail, err := strconv.UnquoteChar(quoted[1:len(quoted)-1], '\'')
	if err != nil || tail != "" || r > 0xFF {
		return "", 0, false
	}
	return quoted, byte(r), true
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (j *jsonWalker) problem(at pos, msg string, err error) {
	j.rd.problem(&Problem{
		File: j.rd.name, Line: at.line, Col: at.col + 1, Row: j.row,
		Path: j.valuePath(), Msg: msg, Err: err,
	})
}

// valueDone moves the innermost container past a finished value.
func (j *jsonWalker) valueDone() {
	if n := len(j.stack); n > 0 {
		f := &j.stack[n-1]
		if f.array {
			f.index++
		} else {
			f.wantKey = true
		}
	}
}

// valuePath is the path of the value being read: "$" at the top level,
// then ".key" for identifier keys (letters, digits, '_', not starting with a
// digit; Chinese keys such as 姓名 count as letters), `["key"]` for others,
// and "[i]" for array elements.
func (j *jsonWalker) valuePath() string {
	n := len(j.stack)
	if n == 0 {
		return "$"
	}
	f := &j.stack[n-1]
	if f.array {
		return f.path + "[" + strconv.Itoa(f.index) + "]"
	}
	return f.path + PathSegment(f.key)
}

// PathSegment is how a JSON path names the member key of an object:
// ".key" for identifier keys, `["key"]` for others.
func PathSegment(key string) string {
	if isIdent(key) {
		return "." + key
	}
	return "[" + quoteKey(key) + "]"
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// quoteKey quotes s as a JSON string.
func quoteKey(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
