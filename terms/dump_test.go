package terms

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// formatFindings renders findings one a line, for failure messages and
// the dump below.
func formatFindings(text []byte, fs []pi.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %-18s %q %.2f", f.Type, text[f.Start:f.End], f.Score)
		for _, a := range f.Attrs {
			fmt.Fprintf(&b, " %s=%s", a.Key, a.Value)
		}
		if len(f.Extra) > 0 {
			fmt.Fprintf(&b, " extra=%v", f.Extra)
		}
		fmt.Fprintf(&b, " [%s %v", f.Evidence.Validator, f.Evidence.Context)
		if f.Evidence.Reason != "" {
			fmt.Fprintf(&b, " (%s)", f.Evidence.Reason)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestDump prints the findings in each line of the file named by
// TERMS_DUMP; it is a tool for reading what the rules do, not a test.
func TestDump(t *testing.T) {
	path := os.Getenv("TERMS_DUMP")
	if path == "" {
		t.Skip("set TERMS_DUMP=file to print the findings of each line")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		fmt.Printf("%s\n%s", line, formatFindings(line, Find(line, nil)))
	}
}
