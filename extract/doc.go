// Package extract turns an input — a file, stdin, any io.Reader — into
// fragments of UTF-8 text, each with a locator saying where it came from
// (line, rune column, byte offset, table row and column, JSON path). It is the
// first stage of the pipeline: detect looks for personal information in the
// fragments, and the locators let every later stage point back into the
// input.
//
// # Streaming
//
// Read streams: memory stays bounded whatever the input size, so multi-GB
// files and endless pipes work. The bounds are a few times Options.MaxFragment
// for text and HTML (a longer HTML token, such as a huge <pre> or an image
// inlined in an attribute, is read in pieces; an HTML table keeps at most
// 32 KiB of column names, and up to 256 KiB of fragments wait while a
// table's first row may still be its header), maxRecord (8 MiB) for a CSV
// record, the largest single JSON string or number for JSON
// (encoding/json holds one token at a time), and a workbook's shared-string
// table for XLSX. XLSX and DOCX are zip archives, read in place from a file
// and spooled to a temporary file from any other reader.
//
// # Encodings
//
// Input is decoded to UTF-8 before anything else: a BOM (UTF-8, UTF-16LE,
// UTF-16BE) decides; otherwise the first 64 KiB must be valid UTF-8 or the
// input is read as GB18030 (a superset of GBK and GB2312, which Chinese
// government files are often in). Input with NUL bytes in its first 64 KiB
// and no UTF-16 shape is binary: it is reported and skipped unless
// Options.Encoding forces an encoding. All positions (Locator.Offset, Line,
// Col) refer to the decoded UTF-8 text, without the BOM. Invalid byte
// sequences become U+FFFD (one per bad byte for UTF-8 input) and are reported
// once per line; the scan goes on.
//
// # Formats
//
// Text is cut into runs of whole lines; CSV and TSV give one fragment per
// non-empty cell; JSON and JSONL give one fragment per non-empty string or
// number value, and one per object key that is not a plain ASCII field name
// (ScannedKey: {"13800138000": …} is keyed by personal information), with
// the path of its object followed by KeySuffix (".*~"). HTML gives the text a
// reader sees, entities decoded, trimmed: text runs on across inline tags
// ("张<b>三</b>" is one fragment) and stops at block tags, table cells
// included; script and style content (unless the script is JSON data),
// comments and doctypes are skipped. The text of a table cell is located
// like a CSV cell: Path "table[N]" (tables numbered in document order from
// 1, nested ones too; a cell belongs to its innermost table), Row and
// Column. The first row is the header if it is in a <thead> or all its
// cells are <th>: its cells get Row 0 and their own text as Column, and
// name the columns (colspan counted). Other rows are data rows numbered
// from 1 in document order; a data cell's Column is the name of the header
// cell over it, or its 1-based column index when there is none (colspan
// and rowspan are counted). Text outside cells has no Row, Column or Path.
// The values of the attributes alt, title, placeholder, value, content and
// aria-label, and tel:, mailto: and sms: links, are fragments of their own
// with Path "@alt", "@title", … (Row and Column stay empty, in a table
// too). XLSX workbooks give one fragment per
// non-empty cell, like CSV, with the cell address as Path ("名单!C5"); DOCX
// documents give runs of lines (paragraphs; a table row is one line, its
// cells separated by tabs) per part; both give their document properties
// (author, last editor …); see office.go. An archive has no text offsets:
// there, Offset counts the text emitted before the fragment. The format
// comes from Options.Format, else from the file extension, else (stdin, no
// extension) from the first bytes.
//
// A fragment's text is normally the decoded input at Locator.Offset, so a
// finding at bytes [s, e) of the fragment is at [Offset+s, Offset+e) of the
// input. Exceptions: a JSON string with escapes ("\n", "\u4e2d") is
// emitted decoded, a quoted CSV cell with "" or CRLF inside is emitted
// unquoted with LF, and HTML text has its entities decoded and, within a
// run, its tags removed. For those, the locator points at the first
// character (in HTML, at the entity when the text starts with one) and
// positions further inside are approximate.
//
// # Bad input
//
// Bad input never stops a batch: Read reports each bad piece to the problem
// callback as a *Problem with file, line and column, and goes on. Read
// returns an error only when it cannot go on: emit failed, the context was
// cancelled, or reading the input failed. Nothing is silently dropped: the
// text of a CSV row or JSONL line that cannot be parsed, and the rest of a
// JSON document after a syntax error, are still emitted as plain-text
// fragments (with Row set and Column/Path empty), so detection still sees
// them. HTML is read leniently, as browsers do; a <script> or <style> left
// open to the end of the input (its code swallowed the rest) is reported.
//
// Problems are reported as soon as they are seen, which can be a little
// before the fragments of the same stretch of input are emitted (the reader
// works a buffer ahead; in HTML, the fragments of a table's first row wait
// until it is known whether the row is the header).
package extract
