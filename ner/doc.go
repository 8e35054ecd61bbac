// Package ner finds names of people, organizations and places in Chinese
// text with the statistical tagger (package tagger) and the embedded model
// trained on the shared corpora, and turns its spans into findings.
//
// The model (model/ner.bin) has one head per class — person_name,
// organization, place — each trained only on the corpora that annotate that
// class; the lexicon (surnames, GB/T 2260 place names, forms of address,
// suffix characters) comes from package zh. Train builds the model from
// ../shared/data/train with a fixed seed; `custos train` is the command.
// model/MODEL_CARD.md records the data, licences and scores.
package ner
