// Package detect finds personal information in text: the Engine, its
// recognizers for Chinese identifiers, their validators and context words,
// and the one set of rules that resolves overlapping findings.
//
// The hot path is a prefilter over bytes (scan.go): Chinese text is skipped
// eight bytes at a time, and each run of ASCII letters, digits and joiners
// goes, by its shape (length, letters, joiners), only to the recognizers
// that could accept it (digits.go). Validators come first — check digits,
// GB/T 2260 regions, calendars, BIN and segment tables — and context words
// are looked up last, in a rune window bounded by the sentence, with one
// Aho-Corasick automaton whose outputs are bit sets of context groups
// (keywords.go, context.go). Every finding carries its evidence.
//
// One file per recognizer family: idcard.go (resident ID, derived age and
// minor flags), phone.go, card.go, documents.go (passports, permits, HK and
// Taiwan IDs, USCC), vehicle.go (plates, VIN), netaddr.go (email, URL, IP,
// MAC), account.go (QQ, WeChat, IMEI), gps.go, date.go, travel.go (trains,
// flights, seats). rules.go adds users' recognizers, allow- and deny-lists
// from YAML; width.go folds full-width digits and letters.
//
// An Engine is immutable and safe for concurrent use.
package detect
