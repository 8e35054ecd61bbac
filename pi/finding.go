package pi

import (
	"cmp"
	"slices"
)

// Attr is one derived fact attached to a finding, such as the birth date
// of a resident ID or the bank of a card number. Values are strings so the
// list stays cheap to build on the hot path and renders the same in every
// output format.
type Attr struct {
	Key   string
	Value string
}

// Attribute keys shared by several recognizers and by later pipeline stages.
const (
	AttrBirthDate  = "birth_date" // YYYY-MM-DD
	AttrAge        = "age"        // whole years at the reference date
	AttrSex        = "sex"        // "male" | "female"
	AttrRegion     = "region"     // GB/T 2260 region name
	AttrRegionCode = "region_code"
	AttrMinor      = "minor" // "true" when the subject is under 18
	AttrBank       = "bank"
	AttrCardType   = "card_type"
	AttrCarrier    = "carrier"
	AttrProvince   = "province"
	AttrCity       = "city"
	AttrNormalized = "normalized" // canonical form of the value
	AttrFormat     = "format"     // sub-format, e.g. "18-digit", "15-digit"
	AttrMasked     = "masked"     // "true": an identifier printed with * in place of digits
)

// Evidence says why a finding was reported.
type Evidence struct {
	// Validator names the check that was run ("iso7064-mod11-2", "luhn" …).
	Validator string `json:"validator,omitempty"`
	// Valid is true when the validator passed.
	Valid bool `json:"valid"`
	// Context lists the context words seen near the value.
	Context []string `json:"context,omitempty"`
	// Reason explains a lowered score: the near miss or the missing context.
	Reason string `json:"reason,omitempty"`
}

// Finding is one piece of personal information found in a fragment of text.
// Start and End are byte offsets into the fragment (End exclusive).
type Finding struct {
	Type     Type
	Category Category
	// Extra holds further categories that apply to this finding, such as
	// PI.MINOR_U14 when the ID number says the holder is under 14.
	Extra      []Category
	Start, End int
	Score      float64
	Evidence   Evidence
	Attrs      []Attr
	// Source names the recognizer that produced the finding.
	Source string
}

// Attr returns the value of the attribute key, or "".
func (f *Finding) Attr(key string) string {
	for _, a := range f.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// SetAttr sets or replaces an attribute.
func (f *Finding) SetAttr(key, value string) {
	for i := range f.Attrs {
		if f.Attrs[i].Key == key {
			f.Attrs[i].Value = value
			return
		}
	}
	if f.Attrs == nil {
		f.Attrs = make([]Attr, 0, 8) // one allocation for the usual handful
	}
	f.Attrs = append(f.Attrs, Attr{key, value})
}

// DropAttr removes the attribute key, if the finding has it.
func (f *Finding) DropAttr(key string) {
	f.Attrs = slices.DeleteFunc(f.Attrs, func(a Attr) bool { return a.Key == key })
}

// DropCategory removes c from the extras, if it is one of them.
func (f *Finding) DropCategory(c Category) {
	f.Extra = slices.DeleteFunc(f.Extra, func(e Category) bool { return e == c })
}

// HasCategory reports whether c is the finding's category or one of its extras.
func (f *Finding) HasCategory(c Category) bool {
	if f.Category == c {
		return true
	}
	for _, e := range f.Extra {
		if e == c {
			return true
		}
	}
	return false
}

// AddCategory adds c to the extras unless the finding already has it.
func (f *Finding) AddCategory(c Category) {
	if !f.HasCategory(c) {
		f.Extra = append(f.Extra, c)
	}
}

// Sensitive reports whether any category of the finding is PIPL-sensitive.
func (f *Finding) Sensitive() bool {
	if f.Category.Sensitive() {
		return true
	}
	for _, e := range f.Extra {
		if e.Sensitive() {
			return true
		}
	}
	return false
}

// Locator says where a fragment of text came from. Line and Col are the
// position of the fragment's first character: Line 1-based, Col a 0-based
// rune column. Offset is the byte offset of the fragment in the UTF-8 text
// of the whole input (after decoding from GBK and the like).
type Locator struct {
	File   string
	Line   int
	Col    int
	Offset int64
	// Row is the 1-based data row of a table (CSV, worksheet, HTML table;
	// header excluded, header cells have Row 0), 0 otherwise.
	Row int
	// Column is the table column name (or 1-based index when there is no
	// header), "" otherwise.
	Column string
	// Path is the JSON field path ("$.patients[2].phone"), the cell of a
	// worksheet ("名单!C5"), the part of a DOCX document
	// ("word/header1.xml") or of its properties ("docProps/core.xml#creator"),
	// the table of an HTML table cell ("table[2]", tables numbered in
	// document order from 1) or the attribute of an HTML element ("@alt");
	// "" otherwise.
	Path string
}

// SortByStart sorts findings by start offset, the longer first when two
// start together, keeping the order of findings with the same span.
func SortByStart(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(b.End, a.End)
	})
}
