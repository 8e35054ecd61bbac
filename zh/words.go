package zh

// EachWord calls f with each common word of two characters or more from the
// embedded word list (words.txt.gz: jieba's dictionary without person,
// place and organization names, frequency 10 or more; see internal/refgen
// buildWords), in byte order. The list is decoded on each call and not
// kept: its one user, the entity tagger's lexicon, builds its own index.
func EachWord(f func(word string)) {
	eachLine(load("words.txt.gz"), func(_ int, line string) {
		if line != "" {
			f(line)
		}
	})
}
