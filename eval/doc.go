// Package eval is Custos's accuracy harness: it reads annotated corpora into
// documents with gold spans, maps each corpus's labels to Custos finding
// types, runs a predictor over the texts and scores the predictions with
// precision, recall and F1 per type, both for exact spans and for overlaps.
//
// The harness knows nothing about the detection engine: a Predictor is any
// function from a text to labelled byte spans, so recognizers, taggers and
// whole pipelines are measured the same way.
//
// # Corpora
//
// ReadCorpus and ParseCorpus understand the formats of the shared training
// corpora (see Formats) and Custos's own synthetic format. All offsets are
// converted to byte offsets into Doc.Text with End exclusive, whatever the
// corpus used (rune offsets, end-inclusive spans, one character per line).
// A bad line or object is reported as "file:line: problem"; the document it
// belongs to is dropped and reading goes on, so one call returns every
// document that could be read together with all the problems.
//
// # Derived spans
//
// Some corpus labels mix what a recognizer can find with what it cannot: an
// ECR-COVID-19 "Vehicle" is as often 出租车 as G1234次列车, a "Date" as often
// 现在 as 1月22日. For these the reader keeps the original span and adds
// derived spans labelled "Label/kind", cut to the identifier inside:
//
//	ecr   Vehicle/train     train number inside a Vehicle span (G4731, K-1276)
//	ecr   Vehicle/flight    flight number (CA1378, 9C8574)
//	ecr   Vehicle/plate     licence plate (吉JG4666, 豫Q D8125)
//	ecr   Vehicle/seat      seat (13车2F座, 10号车厢01中铺, 39B in a flight span)
//	ecr   Date/calendar     calendar date (with its time of day) inside a Date span (1月23日9时 of 1月23日9时到10时)
//	ecr   EndDate/calendar  the same for EndDate
//	bmes  PAT/name          a PAT span that is a name (李某某), not 确诊病例 or 病例3
//	bmes  ADDRESS           a run of touching PROVINCE/CITY/DISTRCT/COUNTY/TOWN spans
//	address address         the whole address: first to last element, leaving out
//	                        person, assist, redundant and otherinfo at either end
//
// The default mappings score the derived labels and ignore the mixed ones;
// ParseMapping can change that.
//
// # Parts of a prediction
//
// A predictor may report parts of a finding besides the finding, where a
// corpus annotates those parts and not the whole: an address finding's
// parsed elements as address_<level>, its administrative divisions
// (province down to township) as AddressAdmin and the rest (community,
// road, compound, building …) as AddressLocal. The COVID-trajectory corpus
// marks an address that way (CITY, DISTRCT … and PLACE), so its PLACE
// scores venues and AddressLocal, and each run of its division labels
// AddressAdmin. A place that names divisions alone (武汉) is reported as
// "place:division" and not as a place: ECR-COVID-19 marks it Location,
// the trajectory corpus CITY. Likewise a name written as a surname with a
// form of address (陈 of 陈女士, title 女士) is "person_name:titled": the
// corpora that mark such names accept it with the names, CLUENER, which
// leaves 125 of its 129 unmarked, does not score it.
//
// # Kinds
//
// A mapping may target a kind of a type, "type:kind" (KindLabel), where a
// corpus marks only that kind: the COVID-trajectory corpus marks DATE on
// the day symptoms began and on almost no other date, so its DATE scores
// "date:onset". A predictor reports a finding with a "kind" attribute under
// its type and under "type:kind"; Options.Types "date" selects "date:onset"
// too.
//
// # Scoring
//
// A Mapping turns gold labels into Custos types. Only types that some gold
// label maps to are scored: a corpus that does not annotate phone numbers
// cannot say a predicted phone number is wrong, so such predictions are
// ignored rather than counted as false positives.
//
// Exact matching pairs a prediction with a gold span of the same offsets and
// an accepted type. Overlap matching pairs spans that share at least one byte,
// greedily by the size of the shared part (largest first). In both modes a
// gold span and a prediction are used at most once; unmatched gold spans are
// false negatives of their type, unmatched predictions false positives of
// theirs. Totals are micro averages over the scored types.
//
// Split divides a corpus deterministically into train and dev parts so that
// training code and reported scores use the same documents.
package eval
