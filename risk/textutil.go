package risk

import (
	"io"
	"strings"
	"unicode"
)

// textTable lays out rows in columns for a terminal, counting Chinese
// characters as two cells wide (text/tabwriter counts runes, which puts
// Chinese column names out of line).
type textTable struct {
	indent string
	rows   [][]string
}

func (t *textTable) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *textTable) write(w io.Writer) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		b.Reset()
		b.WriteString(t.indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
		io.WriteString(w, b.String())
	}
}

// displayWidth is the width of s on a terminal: East Asian wide and
// full-width characters take two cells.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x1100:
			n++
		case unicode.Is(unicode.Han, r), r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xAC00 && r <= 0xD7A3, r >= 0x3040 && r <= 0x30FF:
			n += 2
		default:
			n++
		}
	}
	return n
}
