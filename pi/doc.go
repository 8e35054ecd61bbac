// Package pi is Custos's vocabulary: the personal-information category
// taxonomy of the rules catalogue (§2), the fixed list of fine-grained finding
// types, and the Finding and Locator types every other package exchanges.
//
// It has no dependencies beyond the standard library, so every layer of the
// pipeline (extract, detect, deid, policy, report) can import it.
package pi
