package risk

// tupleIndex finds the class of a tuple of value ids. It is an
// open-addressing hash table whose slots hold class numbers; the tuples
// themselves stay in the table's flat tuple array, so a class costs a few
// bytes of index and no allocation (a map with string keys costs a string
// per class, which with a million classes is most of the memory and of the
// garbage collector's work).
type tupleIndex struct {
	slots []int32 // class + 1; 0 is empty
	n     int
}

// hashTuple mixes the ids of a tuple (FNV-1a over 32-bit words, then a
// final avalanche so the low bits depend on every id).
func hashTuple(ids []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, v := range ids {
		h ^= uint64(v)
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// find returns the class whose tuple in tuples (q ids each) equals ids,
// or -1.
func (x *tupleIndex) find(tuples []uint32, q int, ids []uint32) int32 {
	if len(x.slots) == 0 {
		return -1
	}
	mask := uint64(len(x.slots) - 1)
	for i := hashTuple(ids) & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return -1
		}
		c := int(s - 1)
		if equalIDs(tuples[c*q:c*q+q], ids) {
			return int32(c)
		}
	}
}

// add records that class c (whose tuple is ids) is new.
func (x *tupleIndex) add(tuples []uint32, q int, ids []uint32, c int32) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow(tuples, q)
	}
	mask := uint64(len(x.slots) - 1)
	i := hashTuple(ids) & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = c + 1
	x.n++
}

func (x *tupleIndex) grow(tuples []uint32, q int) {
	size := max(64, 2*len(x.slots))
	old := x.slots
	x.slots = make([]int32, size)
	mask := uint64(size - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		c := int(s - 1)
		i := hashTuple(tuples[c*q:c*q+q]) & mask
		for x.slots[i] != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

func equalIDs(a, b []uint32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
