package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// sniffFormat guesses the format of decoded text from its first bytes. head
// is the first sniffSize bytes or the whole input; truncated says there is
// more.
//
// A '{' or '[' as first non-space byte is not enough on its own: a bulletin
// that starts with "[通告]" must stay text, or its whole content would be
// lost to one syntax error. So the head must also tokenize as JSON up to the
// end of the window.
func sniffFormat(head []byte, truncated bool) Format {
	body := bytes.TrimLeft(head, " \t\r\n")
	if looksHTML(body) {
		return FormatHTML
	}
	if len(body) == 0 || (body[0] != '{' && body[0] != '[') {
		return FormatText
	}
	if !jsonPrefixOK(body, truncated) {
		return FormatText
	}
	// JSONL: the first line is a complete value and the next non-blank line
	// starts another one (complete too, unless the window cuts it).
	nl := bytes.IndexByte(body, '\n')
	if nl < 0 || !json.Valid(body[:nl]) {
		return FormatJSON
	}
	rest := body[nl+1:]
	for {
		rest = bytes.TrimLeft(rest, " \t\r")
		if len(rest) > 0 && rest[0] == '\n' {
			rest = rest[1:]
			continue
		}
		break
	}
	if len(rest) == 0 || (rest[0] != '{' && rest[0] != '[') {
		return FormatJSON
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		if !json.Valid(rest[:i]) {
			return FormatJSON
		}
	} else if !truncated && !json.Valid(rest) {
		return FormatJSON
	}
	return FormatJSONL
}

// jsonPrefixOK reports whether b tokenizes as a stream of JSON values, where
// an error caused by the end of a truncated window does not count.
func jsonPrefixOK(b []byte, truncated bool) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	for {
		_, err := dec.Token()
		if err == nil {
			continue
		}
		if err == io.EOF {
			return true
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return truncated
		}
		var se *json.SyntaxError
		if truncated && errors.As(err, &se) && se.Offset >= int64(len(b))-64 {
			return true
		}
		return false
	}
}

// looksHTML reports whether a document starts like HTML: <!DOCTYPE html or
// <html (any case), after an optional XML declaration or comment.
func looksHTML(body []byte) bool {
	for range 4 {
		switch {
		case hasPrefixFold(body, "<!doctype html"), hasPrefixFold(body, "<html"):
			return true
		case bytes.HasPrefix(body, []byte("<?xml")), bytes.HasPrefix(body, []byte("<!--")):
			end := []byte("?>")
			if body[1] == '!' {
				end = []byte("-->")
			}
			i := bytes.Index(body, end)
			if i < 0 {
				return false
			}
			body = bytes.TrimLeft(body[i+len(end):], " \t\r\n")
		default:
			return false
		}
	}
	return false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// isZip reports whether an input starts like a zip archive (XLSX and DOCX
// are zip archives of XML parts).
func isZip(prefix []byte) bool { return bytes.HasPrefix(prefix, []byte("PK\x03\x04")) }
