package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, documented in the README.
const (
	exitClean    = 0 // nothing found
	exitFindings = 1 // personal information found
	exitError    = 2 // usage or input error
)

// exitCode is an error that carries the process exit code; commands return
// it to end with a code other than exitError.
type exitCode struct {
	code int
	err  error
}

func (e *exitCode) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// usageError marks a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// Main runs the CLI with the given arguments and streams and returns the
// exit code. main is a thin wrapper, so tests call Main directly.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := &cobra.Command{
		Use:   "custos",
		Short: "Find, judge and de-identify personal information (PIPL)",
		Long: `Custos finds personal information in text, tables and JSON — Chinese identity
numbers, phones, bank cards, travel documents, plates, addresses and more —
and reports it with the PIPL category, a score and the evidence.

Exit codes: 0 nothing found, 1 personal information found, 2 usage or input error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newScanCmd(stdin, stdout, stderr),
		newEvalCmd(stdout, stderr),
		newBenchCmd(stdout, stderr),
		newSynthCmd(stdout),
		newTrainCmd(stdout, stderr),
		newRedactCmd(stdout, stderr),
		newProfilesCmd(stdout),
		newReidentifyCmd(stdin, stdout, stderr),
		newRiskCmd(stdout, stderr),
		newRulesCmd(stdout, stderr),
		newCheckCmd(stdin, stdout, stderr),
		newPIACmd(stdout, stderr),
		newTypesCmd(stdout),
		newVersionCmd(stdout),
	)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err.Error()} })
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitClean
	}
	var ec *exitCode
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintln(stderr, "custos:", ec.err)
		}
		return ec.code
	}
	fmt.Fprintln(stderr, "custos:", err)
	var ue *usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintln(stderr, "Run 'custos help' for usage.")
	}
	return exitError
}

// isCobraUsage recognizes cobra's own argument errors (unknown command,
// wrong number of arguments).
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "accepts ", "requires ", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
