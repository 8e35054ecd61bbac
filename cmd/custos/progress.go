package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// progressPrinter draws one self-overwriting status line on stderr:
// bytes done, total when known, and throughput.
type progressPrinter struct {
	mu     sync.Mutex
	w      io.Writer
	total  int64
	start  time.Time
	last   time.Time
	done   int64
	drawn  bool
	closed bool
}

// newProgress returns a printer, or nil when progress is off: mode "never",
// or "auto" with stderr not a terminal.
func newProgress(w io.Writer, mode string, paths []string) *progressPrinter {
	switch mode {
	case "never":
		return nil
	case "always":
	default:
		if !isTerminal(w) {
			return nil
		}
	}
	return &progressPrinter{w: w, total: totalSize(paths), start: time.Now()}
}

func totalSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0
		}
		filepath.WalkDir(p, func(_ string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if info, err := d.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
}

func (p *progressPrinter) update(done int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = done
	now := time.Now()
	if p.closed || now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	p.draw(now)
}

func (p *progressPrinter) draw(now time.Time) {
	secs := now.Sub(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.done) / secs / 1e6
	}
	if p.total > 0 {
		pct := min(100, float64(p.done)*100/float64(p.total))
		fmt.Fprintf(p.w, "\r\033[Kscanning %s of %s (%.0f%%), %.0f MB/s", human(p.done), human(p.total), pct, rate)
	} else {
		fmt.Fprintf(p.w, "\r\033[Kscanning %s, %.0f MB/s", human(p.done), rate)
	}
	p.drawn = true
}

func (p *progressPrinter) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func (p *progressPrinter) finish() {
	p.clear()
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
}

func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
