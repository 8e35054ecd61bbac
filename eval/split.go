package eval

import (
	"encoding/binary"
	"hash/fnv"
)

// Split deterministically divides docs into a train and a dev part, keeping
// their order. A document goes to dev when a hash of the seed and its text
// falls below devFraction, so the split does not depend on the order or the
// ids of the documents, and identical texts, which corpora do repeat, land
// on the same side instead of leaking from train into dev.
func Split(docs []Doc, devFraction float64, seed uint64) (train, dev []Doc) {
	for _, d := range docs {
		if splitPoint(d.Text, seed) < devFraction {
			dev = append(dev, d)
		} else {
			train = append(train, d)
		}
	}
	return train, dev
}

// InDev reports whether Split puts a document with this text in the dev
// part, for selecting raw corpus records.
func InDev(text string, devFraction float64, seed uint64) bool {
	return splitPoint(text, seed) < devFraction
}

// splitPoint maps a text to a point in [0, 1).
func splitPoint(text string, seed uint64) float64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(text))
	// FNV's high bits mix poorly for short inputs; finish with splitmix64.
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}
