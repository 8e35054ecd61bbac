package deid

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/custos-project/custos/pi"
)

// attrSubject is the finding attribute that ties a finding to the person
// it is about (package subject sets it: "@offset", "row N").
const attrSubject = "subject"

// dateShiftOp moves dates by a secret number of days, the same for every
// date of one subject in one document, so intervals between a person's
// dates (onset, test, admission) survive while the dates themselves do
// not. The offset is derived from the key, the document's identity and
// the subject (the document alone for dates with no subject), and is
// never zero.
type dateShiftOp struct{ days int }

func buildDateShift(p Params) (Operator, error) {
	n, err := paramInt(p, "days", 30, 1, 3650)
	if err != nil {
		return nil, err
	}
	return dateShiftOp{days: n}, nil
}

func (dateShiftOp) Name() string { return "date_shift" }

// Apply shifts the date in v, keeping its written form.
func (o dateShiftOp) Apply(c *Context, f *pi.Finding, v string) (string, error) {
	if c == nil {
		return "", ErrNoKey
	}
	if c.keyErr != nil {
		return "", c.keyErr
	}
	f = finding(f)
	h := c.mac(keyShift, c.docIdentity(), f.Attr(attrSubject))
	return shiftDate(c.ref, f, clean(v), offsetDays(h[:], o.days))
}

// offsetDays draws a shift in [-days, -1] ∪ [1, days] from a digest.
func offsetDays(h []byte, days int) int {
	x := binary.BigEndian.Uint64(h[:8])
	off := 1 + int(x%uint64(days))
	if h[8]&1 == 1 {
		off = -off
	}
	return off
}

var errUnreadableDate = errors.New("cannot read the date (expected 2020-01-02, 20200102, 2020年1月2日, 1月2日 or 2日)")

// shiftDate moves the date written in v by off days. A date the text
// parser cannot read but whose normalized attribute it can is written back
// in the normalized (ISO) form.
func shiftDate(ref time.Time, f *pi.Finding, v string, off int) (string, error) {
	s := foldWidth(v)
	if w, ok := parseDate(s); ok {
		if w.ys.ok() && !w.ms.ok() && !w.ds.ok() && !w.compact {
			// A year alone: shift the middle of the year, keeping the form.
			t := time.Date(w.y, 7, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, off*6)
			return w.write(s, t), nil
		}
		return w.write(s, w.resolve(ref).AddDate(0, 0, off)), nil
	}
	if n := f.Attr(pi.AttrNormalized); n != "" {
		if t, form, ok := parseNormalized(n); ok {
			return t.AddDate(0, 0, off).Format(form), nil
		}
	}
	return "", fmt.Errorf("%s: %w", f.Type, errUnreadableDate)
}

// parseNormalized reads the date recognizer's normalized forms
// (2020-01-02, 2020-01) and returns the layout to write them back.
func parseNormalized(n string) (time.Time, string, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, n); err == nil {
			return t, layout, true
		}
	}
	if strings.HasPrefix(n, "--") && len(n) == 7 {
		m, err1 := strconv.Atoi(n[2:4])
		d, err2 := strconv.Atoi(n[5:7])
		if err1 == nil && err2 == nil && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(2000, m) {
			return time.Date(2000, time.Month(m), d, 0, 0, 0, 0, time.UTC), "--01-02", true
		}
	}
	return time.Time{}, "", false
}
