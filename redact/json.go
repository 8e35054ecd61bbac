package redact

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
)

// JSON is rewritten in place: a small scanner walks the raw bytes, keeps
// every space and punctuation as it was, and replaces only the string and
// number values, and the object keys (other than plain ASCII field names,
// see extract.ScannedKey), that the profile transforms. A key holds
// personal information in documents keyed by phone or ID number; it is
// transformed like a value, with the path of its object followed by ".*~"
// (override it with --path '$.contacts.*~=hash'), and keys that would
// collide after the transformation are an error, not a silent merge. A
// JSONL file is read line by line (each line a record); a JSON document is
// read whole.

// jsonValue is one string or number value of a document.
type jsonValue struct {
	start, end int    // raw bytes, quotes included
	text       string // decoded value
	path       string
	key        string // the last key on the path, the value's label
	number     bool
	isKey      bool   // an object key; path is the object's + ".*~"
	object     int    // keys: the object they belong to (its start byte)
	record     string // the innermost array element it belongs to
	fs         []pi.Finding
}

func redactJSON(ctx context.Context, name string, r io.Reader, w io.Writer, opt Options, res *Result, lines bool) error {
	if !lines {
		doc, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		out, changes, err := rewriteJSON(opt, doc, 0)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		res.Changes = append(res.Changes, changes...)
		_, err = w.Write(out)
		return err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			body := bytes.TrimRight(line, "\r\n")
			out := line
			if len(bytes.TrimSpace(body)) > 0 {
				o, changes, rerr := rewriteJSON(opt, body, n)
				if rerr != nil {
					return fmt.Errorf("%s:%d: %w (nothing was written)", name, n, rerr)
				}
				for i := range changes {
					changes[i].Row, changes[i].Line = n, n
				}
				res.Changes = append(res.Changes, changes...)
				out = append(o, line[len(body):]...)
			}
			if _, werr := w.Write(out); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// rewriteJSON de-identifies one JSON value (a document or a JSONL line).
func rewriteJSON(opt Options, doc []byte, line int) ([]byte, []Change, error) {
	vals, err := scanJSON(doc)
	if err != nil {
		return nil, nil, err
	}
	// detect, then apply the facts of each record to all its values
	byRecord := map[string][]*pi.Finding{}
	paths := map[string][]string{}
	for i := range vals {
		v := &vals[i]
		v.fs = valueFindings(opt.Engine, []byte(v.text), v.key)
		for k := range v.fs {
			byRecord[v.record] = append(byRecord[v.record], &v.fs[k])
			paths[v.record] = append(paths[v.record], v.path)
		}
	}
	for rec, fs := range byRecord {
		subject.ApplyNested(fs, paths[rec], "record "+rec)
	}
	var out []byte
	var changes []Change
	keys := map[int]map[string]string{} // object → new key → old key
	pos := 0
	for i := range vals {
		v := &vals[i]
		override := overrideFor(opt.Paths, v.path)
		if override == nil {
			override = overrideFor(opt.Paths, anyIndex.ReplaceAllString(v.path, "[*]"))
		}
		nv, ch, err := applyValue(opt, []byte(v.text), v.fs, override)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", v.path, err)
		}
		for k := range ch {
			ch[k].Path = v.path
		}
		changes = append(changes, ch...)
		if v.isKey {
			if keys[v.object] == nil {
				keys[v.object] = map[string]string{}
			}
			if old, dup := keys[v.object][string(nv)]; dup && old != v.text {
				return nil, nil, fmt.Errorf("%s: keys %q and %q both become %q: give the keys an operator that keeps them apart (pseudonym, hash, tokenize) with --path '%s=OPERATOR'",
					v.path, old, v.text, nv, anyIndex.ReplaceAllString(v.path, "[*]"))
			}
			keys[v.object][string(nv)] = v.text
		}
		if string(nv) == v.text {
			continue // unchanged: the raw bytes stay, escapes and all
		}
		out = append(out, doc[pos:v.start]...)
		if _, err := strconv.ParseFloat(string(nv), 64); v.number && !v.isKey && err == nil && json.Valid(nv) {
			out = append(out, nv...)
		} else {
			b, _ := marshalString(string(nv))
			out = append(out, b...)
		}
		pos = v.end
	}
	out = append(out, doc[pos:]...)
	return out, changes, nil
}

var anyIndex = regexp.MustCompile(`\[[0-9]+\]`)

// marshalString writes s as a JSON string without HTML escaping.
func marshalString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

type frame struct {
	array  bool
	index  int
	key    string
	expect bool // object: a key comes next
	start  int  // byte where the object or array starts
}

// scanJSON lists the string and number values of doc with their paths. It
// checks the syntax as it goes and reports the first error with its line.
func scanJSON(doc []byte) ([]jsonValue, error) {
	if !json.Valid(doc) {
		var v any
		err := json.Unmarshal(doc, &v)
		if se, ok := err.(*json.SyntaxError); ok {
			l := 1 + bytes.Count(doc[:min(int(se.Offset), len(doc))], []byte("\n"))
			return nil, fmt.Errorf("line %d: malformed JSON: %v", l, se)
		}
		return nil, fmt.Errorf("malformed JSON: %v", err)
	}
	var vals []jsonValue
	var stack []frame
	path := func() (string, string, string) {
		var b strings.Builder
		b.WriteString("$")
		rec := "$"
		key := ""
		for _, f := range stack {
			if f.array {
				fmt.Fprintf(&b, "[%d]", f.index)
				if !subject.EventArray(key) {
					rec = b.String() // an event's element ($.visits[0]) stays its record's
				}
			} else {
				if isIdent(f.key) {
					b.WriteString("." + f.key)
				} else {
					k, _ := marshalString(f.key)
					b.WriteString("[" + string(k) + "]")
				}
				key = f.key
			}
		}
		return b.String(), key, rec
	}
	value := func(start, end int, text string, number bool) {
		p, key, rec := path()
		vals = append(vals, jsonValue{start: start, end: end, text: text, path: p, key: key, number: number, record: rec})
	}
	for i := 0; i < len(doc); {
		c := doc[i]
		switch {
		case c == '{':
			stack = append(stack, frame{expect: true, start: i})
			i++
		case c == '[':
			stack = append(stack, frame{array: true, start: i})
			i++
		case c == '}' || c == ']':
			stack = stack[:len(stack)-1]
			i++
		case c == ',':
			if n := len(stack); n > 0 {
				if stack[n-1].array {
					stack[n-1].index++
				} else {
					stack[n-1].expect = true
				}
			}
			i++
		case c == '"':
			j := endOfString(doc, i)
			s, err := strconv.Unquote(jsonToGoQuoted(doc[i:j]))
			if err != nil {
				return nil, fmt.Errorf("bad string at byte %d: %v", i, err)
			}
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].expect {
				if extract.ScannedKey(s) {
					stack[n-1].key = "" // the path of the object itself
					p, key, rec := path()
					vals = append(vals, jsonValue{start: i, end: j, text: s, path: trimEmptyKey(p) + extract.KeySuffix,
						key: key, isKey: true, object: stack[n-1].start, record: rec})
				}
				stack[n-1].key, stack[n-1].expect = s, false
			} else {
				value(i, j, s, false)
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(doc) && strings.IndexByte("0123456789+-.eE", doc[j]) >= 0 {
				j++
			}
			value(i, j, string(doc[i:j]), true)
			i = j
		default: // spaces, colons, true/false/null
			i++
		}
	}
	return vals, nil
}

// trimEmptyKey drops the `[""]` the path of an object's own member list
// ends with while its next key is being read.
func trimEmptyKey(p string) string { return strings.TrimSuffix(p, `[""]`) }

func endOfString(doc []byte, i int) int {
	j := i + 1
	for j < len(doc) {
		switch doc[j] {
		case '\\':
			j += 2
			continue
		case '"':
			return j + 1
		}
		j++
	}
	return len(doc)
}

// jsonToGoQuoted turns a JSON string literal into one strconv.Unquote
// reads: JSON's \/ and \u surrogate pairs need care.
func jsonToGoQuoted(b []byte) string {
	var v string
	if err := json.Unmarshal(b, &v); err == nil {
		return strconv.Quote(v)
	}
	return string(b)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 && r != utf8.RuneError || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
