package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

func newReidentifyCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var (
		kf      keyFlags
		typ     string
		columns []string
		keep    string
	)
	c := &cobra.Command{
		Use:   "reidentify --key-file K (--type TYPE [TOKEN…] | --column NAME=TYPE < shared.csv)",
		Short: "Turn tokens made by the tokenize operator back into the original values",
		Long: `Reverse format-preserving tokens (FF1, the tokenize operator of the share
profile) with the key they were made with. Give tokens as arguments or one per
line on stdin with --type, or reverse whole columns of a CSV read from stdin
with --column NAME=TYPE (repeatable); the CSV comes out on stdout.

Only the controller who holds the key can do this: keep the key apart from
the shared data.`,
		Example: `  custos reidentify --key-file k.key --type mobile_phone 15285235769
  custos reidentify --key-file k.key --column 身份证号=resident_id --column 手机号=mobile_phone < shared.csv > back.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := kf.key()
			if err != nil {
				return err
			}
			if key == nil {
				return usagef("reidentify needs the key: --key-file or --key-env")
			}
			params := deid.Params{}
			if keep != "" {
				params["keep"] = keep
			}
			op, err := deid.NewOperator("tokenize", params)
			if err != nil {
				return usagef("%v", err)
			}
			tok := op.(*deid.Tokenizer)
			ctx := deid.NewContext(key, time.Now())
			if len(columns) > 0 {
				if typ != "" || len(args) > 0 {
					return usagef("--column reads a CSV from stdin; give no --type or tokens with it")
				}
				return reidentifyCSV(stdin, stdout, tok, ctx, columns)
			}
			if typ == "" {
				return usagef("--type is needed (see `custos types`)")
			}
			if _, ok := pi.LookupType(pi.Type(typ)); !ok {
				return usagef("unknown type %q", typ)
			}
			values := args
			if len(values) == 0 {
				sc := bufio.NewScanner(stdin)
				for sc.Scan() {
					if v := strings.TrimSpace(sc.Text()); v != "" {
						values = append(values, v)
					}
				}
			}
			for _, v := range values {
				orig, err := tok.Detokenize(ctx, pi.Type(typ), v)
				if err != nil {
					return fmt.Errorf("%q: %w", v, err)
				}
				fmt.Fprintln(stdout, orig)
			}
			return nil
		},
	}
	kf.register(c)
	c.Flags().StringVar(&typ, "type", "", "the type the tokens were made as (resident_id, mobile_phone …)")
	c.Flags().StringArrayVar(&columns, "column", nil, "NAME=TYPE: reverse this CSV column (repeatable)")
	c.Flags().StringVar(&keep, "keep", "", "the tokenize operator's keep parameter the tokens were made with")
	return c
}

func reidentifyCSV(r io.Reader, w io.Writer, tok *deid.Tokenizer, ctx *deid.Context, columns []string) error {
	want := map[string]pi.Type{}
	for _, c := range columns {
		name, typ, ok := strings.Cut(c, "=")
		if !ok {
			return usagef("--column %q: want NAME=TYPE", c)
		}
		if _, ok := pi.LookupType(pi.Type(typ)); !ok {
			return usagef("--column %q: unknown type %q", c, typ)
		}
		want[name] = pi.Type(typ)
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cw := csv.NewWriter(w)
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("read CSV header: %w", err)
	}
	cols := map[int]pi.Type{}
	for i, h := range header {
		if t, ok := want[h]; ok {
			cols[i] = t
			delete(want, h)
		}
	}
	for name := range want {
		return usagef("no column %q in the CSV header", name)
	}
	cw.Write(header)
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("CSV: %w", err)
		}
		for i, t := range cols {
			if i < len(rec) && rec[i] != "" {
				v, err := tok.Detokenize(ctx, t, rec[i])
				if err != nil {
					return fmt.Errorf("row %d column %s: %w", row, header[i], err)
				}
				rec[i] = v
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}
