// Package memo caches the answers of predicates over column names and
// JSON keys. A register asks the same question of every cell (is this
// column an address's, a salary's?), and its labels repeat row after row:
// the answer is computed once per label.
package memo

import (
	"sync"
	"sync/atomic"
)

// maxEntries bounds a cache: a file with more distinct labels than this
// (JSON keys made of data) has the rest computed each time.
const maxEntries = 4096

// Labels caches f's answers by label; safe for concurrent use.
type Labels[T any] struct {
	f func(string) T
	m sync.Map
	n atomic.Int32
}

// New returns a cache of f.
func New[T any](f func(string) T) *Labels[T] { return &Labels[T]{f: f} }

// Get returns f(label), computed once per label while the cache has room.
func (c *Labels[T]) Get(label string) T {
	if v, ok := c.m.Load(label); ok {
		return v.(T)
	}
	v := c.f(label)
	if c.n.Load() < maxEntries {
		if _, loaded := c.m.LoadOrStore(label, v); !loaded {
			c.n.Add(1)
		}
	}
	return v
}
