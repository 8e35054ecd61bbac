package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/pi"
)

func newTypesCmd(stdout io.Writer) *cobra.Command {
	var categories, asJSON bool
	c := &cobra.Command{
		Use:   "types",
		Short: "List the finding types (or, with --categories, the PIPL category taxonomy)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if categories {
					return enc.Encode(pi.Categories())
				}
				return enc.Encode(pi.Types())
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			if categories {
				fmt.Fprintln(tw, "CATEGORY\tPIPL-SENSITIVE\tGB/T-SENSITIVE\tQUASI\tNAME")
				for _, c := range pi.Categories() {
					fmt.Fprintf(tw, "%s\t%v\t%v\t%v\t%s\n", c.ID, yes(c.PIPLSensitive), yes(c.GBTSensitive), yes(c.Quasi), c.Name)
				}
				return tw.Flush()
			}
			fmt.Fprintln(tw, "TYPE\tCATEGORY\tVALIDATOR\tDESCRIPTION")
			for _, t := range pi.Types() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Type, t.Category, t.Validator, t.Description)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&categories, "categories", false, "list the category taxonomy instead")
	c.Flags().BoolVar(&asJSON, "json", false, "JSON output")
	return c
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "-"
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(stdout, "custos", version)
			return err
		},
	}
}
