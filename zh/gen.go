package zh

// The embedded tables under data/ are generated from the raw reference
// tables in the shared data folder (../../shared relative to this
// directory) and committed, so a clone builds without that folder. Run
// `go generate ./zh` after the reference tables change.

//go:generate go run ../internal/refgen -src ../../shared/data/reference -out data
