package zh

// The embedded tables under data/ are generated from the raw reference
// tables in the shared data folder (../../shared relative to this
// directory) and, for the common words and the traditional characters,
// from the data of two Go modules (github.com/go-ego/gse,
// github.com/longbridgeapp/opencc) that refgen fetches through the Go
// module proxy; they are committed, so a clone builds without either. Run
// `go generate ./zh` after the reference tables change.

//go:generate go run ../internal/refgen -src ../../shared/data/reference -out data
