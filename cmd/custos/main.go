// Command custos finds, judges and de-identifies personal information under
// China's Personal Information Protection Law. See the README for the
// commands; `custos help` lists them.
//
// Exit codes: 0 nothing found, 1 personal information found, 2 usage or
// input error.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	// A soft memory limit keeps the heap near what the embedded models and
	// tables need (about 45 MiB) plus the fragments in flight, instead of
	// letting the garbage collector double it; GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(96 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
