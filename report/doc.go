// Package report turns findings into what people and programs read: it
// places each finding in its input (file, line, rune columns, byte offset,
// table row and column, JSON path), masks values so that a scanner's report
// does not become a new leak, and writes the table, JSON, JSONL and SARIF
// formats. The machine formats follow the versioned schema in
// docs/schema.md.
package report
