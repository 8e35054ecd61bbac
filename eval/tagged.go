package eval

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// parseTagged reads the token-per-line formats: bmes/bio, conll and address.
//
// Decoding is lenient about the tag scheme because the corpora are: B, I, M,
// E, S, O plus BILOU's L and U are accepted; an I or M that does not continue
// an entity of the same label starts one, an E that does not close one is a
// single-token entity. Tokens are concatenated without separators, as the
// corpora are Chinese text split into characters.
func parseTagged(format string, data []byte, p *parser) []Doc {
	var (
		docs  []Doc
		s     sentence
		first int // line of the sentence's first token
	)
	flush := func() {
		if s.text.Len() > 0 && !s.bad {
			s.close()
			d := Doc{ID: fmt.Sprintf("%s:%d", p.name, first), Text: s.text.String(), Gold: s.gold}
			switch format {
			case FormatAddress:
				deriveAddress(&d)
			case FormatBMES, FormatBIO:
				deriveTrajectory(&d)
			}
			docs = append(docs, d)
		}
		s = sentence{}
	}
	for lineNo := 1; len(data) > 0; lineNo++ {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		line = bytes.TrimRight(line, "\r")
		if len(bytes.Trim(line, " \t")) == 0 {
			flush()
			continue
		}
		if s.text.Len() == 0 && !s.bad {
			first = lineNo
		}
		if s.bad {
			continue // the rest of a dropped sentence
		}
		tok, tag, err := splitTokenLine(string(line), format)
		if err != nil {
			p.errorf(lineNo, "%v", err)
			s.bad = true
			continue
		}
		if err := s.add(tok, tag); err != nil {
			p.errorf(lineNo, "%v", err)
			s.bad = true
		}
	}
	flush()
	return docs
}

// splitTokenLine splits "token tag": the tag is the last field, separated
// by ASCII spaces or tabs (never by other white space, since U+3000 is a
// character of the text).
func splitTokenLine(line, format string) (tok, tag string, err error) {
	line = strings.Trim(line, " \t")
	i := strings.LastIndexAny(line, " \t")
	if i < 0 {
		return "", "", fmt.Errorf("want token and tag, got %q", line)
	}
	tok, tag = strings.TrimRight(line[:i], " \t"), line[i+1:]
	if !utf8.ValidString(tok) {
		return "", "", fmt.Errorf("token is not valid UTF-8")
	}
	if format == FormatCoNLL {
		if tok, err = stripSegDigits(tok); err != nil {
			return "", "", err
		}
	}
	if format == FormatAddress && len(tag) > 2 {
		// The corpus spells some labels both ways (devZone, subroadno).
		tag = tag[:2] + strings.ToLower(tag[2:])
	}
	return tok, tag, nil
}

// stripSegDigits removes the word-position digits Weibo NER appends to each
// character: "科0" → "科", "a12" → "a", "812" → "8" (a digit character at
// position 12). The character is normally one rune; when the rest is not
// all digits (a damaged emoji stored as two U+FFFD) the trailing digit run
// is stripped instead.
func stripSegDigits(tok string) (string, error) {
	_, n := utf8.DecodeRuneInString(tok)
	if n < len(tok) && allDigits(tok[n:]) {
		return tok[:n], nil
	}
	end := len(tok)
	for end > 0 && tok[end-1] >= '0' && tok[end-1] <= '9' {
		end--
	}
	if end == len(tok) || end == 0 {
		return "", fmt.Errorf("token %q has no segmentation digit after the character", tok)
	}
	return tok[:end], nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// sentence accumulates the tokens of one document.
type sentence struct {
	text  strings.Builder
	gold  []Span
	label string // label of the open entity, "" when none
	start int    // byte offset where the open entity starts
	bad   bool
}

func (s *sentence) close() {
	if s.label != "" {
		s.gold = append(s.gold, Span{Start: s.start, End: s.text.Len(), Label: s.label})
		s.label = ""
	}
}

func (s *sentence) open(label string) {
	s.close()
	s.label, s.start = label, s.text.Len()
}

func (s *sentence) add(tok, tag string) error {
	if tag == "O" {
		s.close()
		s.text.WriteString(tok)
		return nil
	}
	if len(tag) < 3 || (tag[1] != '-' && tag[1] != '_') {
		return fmt.Errorf("bad tag %q (want O or B-, I-, M-, E-, S- and a label)", tag)
	}
	label := tag[2:]
	switch tag[0] {
	case 'B':
		s.open(label)
		s.text.WriteString(tok)
	case 'I', 'M':
		if s.label != label {
			s.open(label)
		}
		s.text.WriteString(tok)
	case 'E', 'L':
		if s.label != label {
			s.open(label)
		}
		s.text.WriteString(tok)
		s.close()
	case 'S', 'U':
		s.open(label)
		s.text.WriteString(tok)
		s.close()
	default:
		return fmt.Errorf("bad tag %q (want O or B-, I-, M-, E-, S- and a label)", tag)
	}
	return nil
}
