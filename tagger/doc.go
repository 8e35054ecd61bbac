// Package tagger is a statistical sequence tagger for Chinese text in pure
// Go: linear-chain models over character features, trained as averaged
// perceptrons, decoded with Viterbi.
//
// A Model has one or more heads, one per entity class (person_name,
// organization, address …). Each head is its own BIOES chain, so classes may
// overlap (an organization that contains a place) and each head can be
// trained only on the corpora that annotate its class — a corpus that does
// not mark organizations says nothing about them, and must not teach the
// model that there are none. The heads share the features: a character's
// features are hashed and looked up once for all of them.
//
// Features are the characters around a position (unigrams and bigrams in a
// window of two), their classes (Han, digit, Latin, punctuation), and marks
// from a Lexicon (surnames, place names, suffix characters …) supplied by
// the caller; the lexicon is named in the model so that a model is never
// run with marks it was not trained on.
//
// Training is deterministic for a given seed. A trained model is pruned,
// quantized to int16 and serialized compactly for embedding.
package tagger
