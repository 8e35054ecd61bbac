package tagger

// table maps 64-bit feature keys to row numbers with open addressing and
// linear probing. Key 0 marks an empty slot, so the hash never produces 0.
type table struct {
	keys []uint64
	rows []int32
	mask uint64
	n    int
}

func newTable(capacity int) *table {
	size := 1
	for size < capacity*2 {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1)}
}

// get returns the row of key, or -1.
func (t *table) get(key uint64) int32 {
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		k := t.keys[i]
		if k == key {
			return t.rows[i]
		}
		if k == 0 {
			return -1
		}
	}
}

// put inserts key with row (or overwrites it), growing when half full.
func (t *table) put(key uint64, row int32) {
	if (t.n+1)*2 > len(t.keys) {
		t.grow()
	}
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case key:
			t.rows[i] = row
			return
		case 0:
			t.keys[i], t.rows[i] = key, row
			t.n++
			return
		}
	}
}

func (t *table) grow() {
	old := *t
	*t = *newTable(len(old.keys))
	for i, k := range old.keys {
		if k != 0 {
			t.put(k, old.rows[i])
		}
	}
}
