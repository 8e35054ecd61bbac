package redact

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/custos-project/custos/pi"
)

// A DOCX document is rewritten part by part: the body, headers, footers,
// footnotes, endnotes and comments are read as one text each (a paragraph
// a line, text boxes included), de-identified as a text file is, and each
// replacement is written into the run that held the start of what it
// replaces, the rest of that text taken out of the runs it spanned: the
// formatting of every run stays. Comment authors, the people of the
// document, hyperlinks' external targets and the document's properties are
// rewritten too; every other part is copied byte for byte.
//
// A document with tracked changes is refused (their deleted text and their
// authors' names would stay): accept or reject them first. So is one with
// parts Custos does not rewrite (embedded objects, charts, SmartArt,
// custom XML with data); images are copied and reported.

// refusedDocxParts are the part-name prefixes of a document's data that
// is not rewritten.
var refusedDocxParts = []struct{ prefix, what string }{
	{"word/embeddings/", "an embedded object (a workbook, a document) holds data of its own"},
	{"word/charts/", "a chart's cache holds a copy of the values it plots"},
	{"word/diagrams/", "a SmartArt diagram holds text of its own"},
}

// docxTextPart reports the parts read as text.
func docxTextPart(n string) bool {
	if n == "word/document.xml" || n == "word/footnotes.xml" || n == "word/endnotes.xml" || n == "word/comments.xml" ||
		n == "word/glossary/document.xml" {
		return true
	}
	for _, p := range []string{"word/header", "word/footer"} {
		if strings.HasPrefix(n, p) && strings.HasSuffix(n, ".xml") && !strings.Contains(n[len(p):], "/") {
			return true
		}
	}
	return false
}

// redactDOCX de-identifies a document read from r into w.
func redactDOCX(ctx context.Context, name string, r io.Reader, w io.Writer, opt Options, res *Result) error {
	zr, cleanup, err := openZip(name, r, "DOCX document")
	if err != nil {
		return err
	}
	defer cleanup()
	x := &officeWriter{ctx: ctx, name: name, opt: opt, res: res}
	found := false
	var refused []string
	for _, f := range zr.File {
		n := strings.TrimPrefix(f.Name, "/")
		found = found || n == "word/document.xml"
		for _, p := range refusedDocxParts {
			if strings.HasPrefix(n, p.prefix) {
				refused = append(refused, n+" ("+p.what+")")
			}
		}
		switch {
		case strings.HasPrefix(n, "customXml/"):
			if why, err := customXMLData(f); err != nil {
				return fmt.Errorf("%s: %s: %w", name, n, err)
			} else if why != "" {
				refused = append(refused, n+" ("+why+")")
			}
		case strings.HasPrefix(n, "word/media/"):
			res.Warnings = append(res.Warnings, n+": an image, copied as it is: a portrait or a scanned document is personal information Custos cannot judge")
		case docxTextPart(n) && n != "word/comments.xml":
			b, err := readPart(f)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", name, n, err)
			}
			if bytes.Contains(b, []byte("w:author=")) {
				refused = append(refused, n+" (tracked changes, with their authors' names and deleted text: accept or reject them first)")
			}
		}
	}
	if !found {
		return fmt.Errorf("%s: not a DOCX document (it has no word/document.xml)", name)
	}
	if len(refused) > 0 {
		return fmt.Errorf("%s: the document holds parts Custos cannot rewrite yet: %s; nothing was written", name, strings.Join(refused, "; "))
	}
	// the body first, whatever the archive's order: the minors it names are
	// minors in the headers, footers and notes too
	x.minorNames = map[string]bool{}
	body := map[string][]byte{}
	for _, f := range zr.File {
		if n := strings.TrimPrefix(f.Name, "/"); n == "word/document.xml" {
			b, err := readPart(f)
			if err == nil {
				b, err = x.docxText(b, n)
			}
			if err != nil {
				return fmt.Errorf("%s: %s: %w", name, n, err)
			}
			body[f.Name] = b
		}
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := strings.TrimPrefix(f.Name, "/")
		switch {
		case body[f.Name] != nil:
			var fw io.Writer
			if fw, err = newPart(zw, f); err == nil {
				_, err = fw.Write(body[f.Name])
			}
		case docxTextPart(n):
			err = x.rewrite(zw, f, x.whole(func(b []byte) ([]byte, error) { return x.docxText(b, n) }))
		case n == "word/people.xml":
			err = x.rewrite(zw, f, x.whole(func(b []byte) ([]byte, error) {
				return x.personAttr(b, "w15:person", "w15:author", "people")
			}))
		case strings.HasPrefix(n, "word/_rels/"):
			err = x.rewrite(zw, f, x.whole(x.rels))
		default:
			err = x.otherPart(zw, f, n)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// customXMLData says why a custom XML part holds data, "" when it holds
// none (its properties, an empty bibliography, as Word writes them).
func customXMLData(f *zip.File) (string, error) {
	n := f.Name
	if strings.Contains(n, "itemProps") || strings.Contains(n, "/_rels/") {
		return "", nil
	}
	b, err := readPart(f)
	if err != nil {
		return "", err
	}
	if bytes.Contains(b, []byte("Sources")) && !bytes.Contains(b, []byte("<b:Source>")) && !bytes.Contains(b, []byte("<b:Source ")) {
		return "", nil
	}
	return "custom XML data", nil
}

// docxNode is a piece of a part's text: the content of a <w:t> (or
// <w:instrText>) element at [start, end) of the XML, or a tab or a break
// (fixed: it is never rewritten).
type docxNode struct {
	para       int
	start, end int
	text       string
	fixed      bool
	at         int // offset of text in the part's whole text
}

// docxText de-identifies the text of a part: its paragraphs are read as
// one text, a line each, and the replacements written back into the runs.
func (x *officeWriter) docxText(b []byte, part string) ([]byte, error) {
	nodes, paras := docxNodes(b)
	if len(nodes) == 0 {
		return b, nil
	}
	paraStart := make([]int, len(paras))
	for i, p := range paras {
		paraStart[i] = p.start
	}
	// the text: paragraphs in the order they start, a line each
	order := make([]int, len(paraStart))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, c int) int { return paraStart[a] - paraStart[c] })
	byPara := make([][]int, len(paraStart))
	for i, nd := range nodes {
		byPara[nd.para] = append(byPara[nd.para], i)
	}
	var text strings.Builder
	for k, p := range order {
		if k > 0 {
			// a table's row is one line, its cells apart by tabs, as the
			// scan reads it: a register's row is one record
			prev := paras[order[k-1]]
			switch {
			case paras[p].row == 0 || paras[p].row != prev.row:
				text.WriteByte('\n')
			case paras[p].cell == prev.cell:
				text.WriteByte(' ')
			default:
				text.WriteByte('\t')
			}
		}
		for _, i := range byPara[p] {
			nodes[i].at = text.Len()
			text.WriteString(nodes[i].text)
		}
	}
	t := []byte(text.String())
	fs := x.opt.Engine.Detect(t, nil)
	x.knownMinors(t, fs)
	_, changes, err := x.opt.Profile.Apply(x.opt.Context, t, fs)
	if err != nil {
		return nil, err
	}
	for k := range changes {
		changes[k].Path = part
	}
	x.res.Changes = append(x.res.Changes, changes...)
	var reps []Change
	for _, c := range changes {
		if !c.Kept {
			reps = append(reps, c)
		}
	}
	if len(reps) == 0 {
		return b, nil
	}
	// each node's new text: the replacement in the node holding the start
	// of what it replaces (the first one that can take text), the rest
	// taken out
	newText := make([]string, len(nodes))
	changed := make([]bool, len(nodes))
	placed := make([]bool, len(reps))
	for i := range nodes {
		nd := &nodes[i]
		if nd.fixed {
			continue
		}
		a, e := nd.at, nd.at+len(nd.text)
		var s strings.Builder
		pos := a
		for k, c := range reps {
			if c.End <= a || c.Start >= e {
				continue
			}
			if c.Start > pos {
				s.WriteString(string(t[pos:min(c.Start, e)]))
			}
			if !placed[k] {
				s.WriteString(c.After)
				placed[k] = true
			}
			pos = max(pos, min(c.End, e))
			changed[i] = true
		}
		if !changed[i] {
			continue
		}
		if pos < e {
			s.WriteString(string(t[pos:e]))
		}
		newText[i] = s.String()
	}
	var o bytes.Buffer
	o.Grow(len(b))
	pos := 0
	for i, nd := range nodes {
		if !changed[i] {
			continue
		}
		// the start tag, given xml:space="preserve": the text may now start
		// or end with a space
		tagStart := bytes.LastIndexByte(b[:nd.start], '<')
		o.Write(b[pos:tagStart])
		tag := b[tagStart:nd.start]
		if !bytes.Contains(tag, []byte("xml:space")) {
			o.Write(tag[:len(tag)-1])
			o.WriteString(` xml:space="preserve">`)
		} else {
			o.Write(tag)
		}
		xml.EscapeText(&o, []byte(newText[i]))
		pos = nd.end
	}
	o.Write(b[pos:])
	out := o.Bytes()
	if part == "word/comments.xml" {
		return x.personAttr(out, "w:comment", "w:author", "comments")
	}
	return out, nil
}

// knownMinors records the names of the minors a part's findings show
// (the body is read first), and marks the same names in the other parts,
// which may not say the person's age (a footer: 王子涵家访记录).
func (x *officeWriter) knownMinors(t []byte, fs []pi.Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Type != pi.PersonName && f.Type != pi.MaskedName {
			continue
		}
		name := string(t[f.Start:f.End])
		switch u14, seen := x.minorNames[name]; {
		case f.Attr(pi.AttrMinor) == "true":
			x.minorNames[name] = u14 || f.HasCategory(pi.CatMinorU14)
		case seen:
			f.SetAttr(pi.AttrMinor, "true")
			if u14 {
				f.AddCategory(pi.CatMinorU14)
			}
		}
	}
}

// docxPara is where a paragraph starts in a part, and the table row and
// cell holding it (numbered in document order from 1; 0 outside a table).
type docxPara struct{ start, row, cell int }

// docxNodes returns the text pieces of a part in document order, each in
// the innermost paragraph holding it, and the paragraphs (paragraph 0
// holds any text outside a paragraph).
func docxNodes(b []byte) ([]docxNode, []docxPara) {
	var nodes []docxNode
	paras := []docxPara{{start: -1}}
	var stack []int
	var rows, cells []int // the open table rows and cells, innermost last
	rowN, cellN := 0, 0
	innermost := func(s []int) int {
		if len(s) == 0 {
			return 0
		}
		return s[len(s)-1]
	}
	cur := func() int {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1]
	}
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		gt := bytes.IndexByte(b[lt:], '>')
		if gt < 0 {
			break
		}
		gt += lt
		tag := b[lt+1 : gt]
		i = gt + 1
		closing := len(tag) > 0 && tag[0] == '/'
		self := len(tag) > 0 && tag[len(tag)-1] == '/'
		name := tag
		if closing {
			name = name[1:]
		}
		if k := bytes.IndexAny(name, " \t\r\n/"); k >= 0 {
			name = name[:k]
		}
		switch n := string(name); n {
		case "w:tr", "w:tc":
			open, num := &rows, &rowN
			if n == "w:tc" {
				open, num = &cells, &cellN
			}
			switch {
			case closing:
				if len(*open) > 0 {
					*open = (*open)[:len(*open)-1]
				}
			case !self:
				*num++
				*open = append(*open, *num)
			}
		case "w:p":
			switch {
			case closing:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case !self:
				stack = append(stack, len(paras))
				paras = append(paras, docxPara{start: lt, row: innermost(rows), cell: innermost(cells)})
			}
		case "w:t", "w:instrText":
			if closing || self {
				continue
			}
			end := bytes.Index(b[i:], []byte("</"+n+">"))
			if end < 0 {
				continue
			}
			end += i
			p := cur()
			node := docxNode{para: p, start: i, end: end, text: unescapeText(b[i:end])}
			if n == "w:instrText" {
				// a field's code (HYPERLINK "mailto:…"): apart from the
				// words around it
				nodes = append(nodes, docxNode{para: p, start: i, end: i, text: "\n", fixed: true}, node,
					docxNode{para: p, start: end, end: end, text: "\n", fixed: true})
			} else {
				nodes = append(nodes, node)
			}
			i = end
		case "w:tab":
			if !closing {
				nodes = append(nodes, docxNode{para: cur(), start: lt, end: lt, text: "\t", fixed: true})
			}
		case "w:br", "w:cr":
			if !closing {
				nodes = append(nodes, docxNode{para: cur(), start: lt, end: lt, text: "\n", fixed: true})
			}
		}
	}
	return nodes, paras
}

// personAttr de-identifies the value of attribute attr of every <elem> of
// b, read as a person's name (a comment's author).
func (x *officeWriter) personAttr(b []byte, elem, attr, where string) ([]byte, error) {
	return replaceAttr(b, elem, attr, func(element) bool { return true },
		func(v string) (string, error) { return x.value(v, "姓名", where) })
}
