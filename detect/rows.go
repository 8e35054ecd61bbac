package detect

import "strings"

// Table rows. A register with a column of the document's type (证件类型:
// 护照, 港澳通行证) beside a column of its number (证件号码) says what each
// row's number is: the type's cell is read as context of the number's
// cell. Every reader of tables (scan, redact) labels cells the same way
// through CellLabel, so that what a scan finds is what de-identification
// changes.

var (
	docTypeColumns  = []string{"证件类型", "证件种类", "证件名称", "证照类型", "证件类别", "idtype", "id_type", "doctype", "doc_type", "documenttype", "document_type"}
	idNumberColumns = []string{"证件号", "证照号", "idno", "id_no", "idnumber", "id_number", "docno", "doc_no", "documentno", "document_number"}
)

// DocTypeColumn reports whether a column's cells name the type of the
// row's identity document (证件类型, id_type).
func DocTypeColumn(column string) bool {
	// every such name holds 证 or "type" (a register asks this of every
	// cell: the quick test first)
	if !strings.Contains(column, "证") && !strings.Contains(column, "type") && !strings.Contains(column, "Type") && !strings.Contains(column, "TYPE") {
		return false
	}
	return containsFold(column, docTypeColumns)
}

// RowDocType returns the document type a row gives in its type column,
// given its cells and their columns, "" when it has none (or a long cell:
// a note, not a type).
func RowDocType(columns, cells []string) string {
	for i, c := range cells {
		if i < len(columns) && DocTypeColumn(columns[i]) && len(c) <= 30 {
			return strings.TrimSpace(c)
		}
	}
	return ""
}

// CellLabel returns the label a table cell is detected under: its column,
// and for a column of document numbers the row's document type after it
// (证件号码 护照: a passport's number, though its format is another
// country's).
func CellLabel(column, docType string) string {
	if docType != "" && column != "" && containsFold(column, idNumberColumns) && !DocTypeColumn(column) {
		return column + " " + docType
	}
	return column
}

// containsFold reports whether s holds one of words, ASCII case folded.
func containsFold(s string, words []string) bool {
	s = strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
