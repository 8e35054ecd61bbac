package memo

import (
	"strconv"
	"sync"
	"testing"
)

// TestLabels: the answer is f's, computed once per label, also under
// concurrent use; past the bound it is still right.
func TestLabels(t *testing.T) {
	calls := 0
	var mu sync.Mutex
	c := New(func(s string) int {
		mu.Lock()
		calls++
		mu.Unlock()
		return len(s)
	})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 100; k++ {
				if got := c.Get("住址"); got != len("住址") {
					t.Errorf("Get = %d", got)
				}
			}
		}()
	}
	wg.Wait()
	if calls > 8 {
		t.Errorf("%d calls for one label", calls)
	}
	for i := 0; i < maxEntries+10; i++ {
		s := strconv.Itoa(i)
		if c.Get(s) != len(s) {
			t.Fatalf("label %s", s)
		}
	}
	if n := c.n.Load(); n > maxEntries {
		t.Errorf("%d entries kept", n)
	}
}
