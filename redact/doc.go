// Package redact de-identifies documents and tables to a profile: it
// decides, for each finding, which operator of package deid applies and
// why (a profile line citing a rule of the catalogue), rewrites text, CSV/TSV,
// JSON/JSONL, XLSX workbooks and DOCX documents keeping their format,
// encoding and structure, and records
// every change for the review page a person reads before a bulletin is
// published.
//
// Profiles are data: YAML files, embedded defaults (epidemic-bulletin,
// minor-protection, display, share, research-release) and users' own,
// validated when loaded with every problem reported by file and line.
package redact
