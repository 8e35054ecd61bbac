package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

const magic = "CUSTAG2\n"

// MarshalBinary serializes the model, gzip-compressed. The output is the
// same for the same model (rows are written in key order, the gzip header
// carries no time or name).
func (m *Model) MarshalBinary() ([]byte, error) {
	var raw bytes.Buffer
	w := bufio.NewWriter(&raw)
	u := func(x uint64) {
		var b [binary.MaxVarintLen64]byte
		w.Write(b[:binary.PutUvarint(b[:], x)])
	}
	str := func(s string) { u(uint64(len(s))); w.WriteString(s) }
	f32 := func(f float32) { binary.Write(w, binary.LittleEndian, math.Float32bits(f)) }
	w.WriteString(magic)
	str(FeatureSet())
	str(m.lexicon)
	u(uint64(len(m.heads)))
	for h, name := range m.heads {
		str(name)
		f32(m.scale[h])
		bias := float32(0)
		if m.bias != nil {
			bias = m.bias[h]
		}
		f32(bias)
		for p := range m.trans[h] {
			for c := range m.trans[h][p] {
				f32(m.trans[h][p][c])
			}
		}
	}
	// rows in key order
	type row struct {
		key uint64
		r   int32
	}
	rows := make([]row, 0, len(m.rowKind))
	for i, k := range m.tab.keys {
		if k != 0 {
			rows = append(rows, row{k, m.tab.rows[i]})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	u(uint64(len(rows)))
	prev := uint64(0)
	for _, r := range rows {
		u(r.key - prev)
		prev = r.key
		w.WriteByte(m.rowKind[r.r])
		blocks := m.w[m.rowStart[r.r]:m.rowStart[r.r+1]]
		u(uint64(len(blocks) / (1 + numTags)))
		for _, v := range blocks {
			binary.Write(w, binary.LittleEndian, v)
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Load reads a model written by MarshalBinary. lex must be the lexicon the
// model was trained with (same Name); pass nil only for a model trained
// without one.
func Load(data []byte, lex Lexicon) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("tagger: model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("tagger: model: %w", err)
	}
	r := bytes.NewReader(raw)
	bad := func(what string) error { return fmt.Errorf("tagger: model: bad %s", what) }
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, bad("magic (not a Custos tagger model)")
	}
	uv := func() (uint64, error) { return binary.ReadUvarint(r) }
	str := func() (string, error) {
		n, err := uv()
		if err != nil || n > 1<<16 {
			return "", errors.New("string")
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b), err
	}
	f32 := func() (float32, error) {
		var x uint32
		err := binary.Read(r, binary.LittleEndian, &x)
		return math.Float32frombits(x), err
	}
	m := &Model{}
	fs, err := str()
	if err != nil {
		return nil, bad("feature set")
	}
	if fs != FeatureSet() {
		return nil, fmt.Errorf("tagger: model was trained with features %q, this build has %q: retrain it", fs, FeatureSet())
	}
	if m.lexicon, err = str(); err != nil {
		return nil, bad("lexicon name")
	}
	want := ""
	if lex != nil {
		want = lex.Name()
	}
	if m.lexicon != want {
		return nil, fmt.Errorf("tagger: model was trained with lexicon %q, given %q", m.lexicon, want)
	}
	nh, err := uv()
	if err != nil || nh == 0 || nh > MaxHeads {
		return nil, bad("head count")
	}
	m.trans = make([][numTags + 1][numTags]float32, nh)
	m.scale = make([]float32, nh)
	m.bias = make([]float32, nh)
	for h := 0; h < int(nh); h++ {
		name, err := str()
		if err != nil {
			return nil, bad("head name")
		}
		m.heads = append(m.heads, name)
		if m.scale[h], err = f32(); err != nil {
			return nil, bad("scale")
		}
		if m.bias[h], err = f32(); err != nil {
			return nil, bad("bias")
		}
		for p := range m.trans[h] {
			for c := range m.trans[h][p] {
				if m.trans[h][p][c], err = f32(); err != nil {
					return nil, bad("transitions")
				}
			}
		}
	}
	nrows, err := uv()
	if err != nil || nrows > uint64(len(raw)) {
		return nil, bad("row count")
	}
	m.tab = newTable(int(nrows))
	m.rowStart = make([]int32, 1, nrows+1)
	m.rowKind = make([]uint8, 0, nrows)
	key := uint64(0)
	for i := 0; i < int(nrows); i++ {
		d, err := uv()
		if err != nil || (i > 0 && d == 0) {
			return nil, bad("row key")
		}
		key += d
		kind, err := r.ReadByte()
		if err != nil || int(kind) >= numKinds {
			return nil, bad("row kind")
		}
		nb, err := uv()
		if err != nil || nb == 0 || nb > uint64(nh)*maxRel || nb >= 1<<slotCountBits {
			return nil, bad("block count")
		}
		for b := 0; b < int(nb)*(1+numTags); b++ {
			var v int16
			if err := binary.Read(r, binary.LittleEndian, &v); err != nil {
				return nil, bad("weights")
			}
			if b%(1+numTags) == 0 && (int(v>>4) >= int(nh) || int(v&15) >= relCount[kind] || v < 0) {
				return nil, bad("block header")
			}
			m.w = append(m.w, v)
		}
		m.tab.put(key, int32(i))
		m.rowKind = append(m.rowKind, kind)
		m.rowStart = append(m.rowStart, int32(len(m.w)))
	}
	if r.Len() != 0 {
		return nil, bad("trailing data")
	}
	if len(m.w)/(1+numTags) >= 1<<slotBlockBits {
		return nil, fmt.Errorf("tagger: model: %d weight blocks, more than this build can index (%d)", len(m.w)/(1+numTags), 1<<slotBlockBits-1)
	}
	m.buildUni()
	return m, nil
}
