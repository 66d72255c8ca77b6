package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/loupeqc/loupe/inspection"
)

// List runs `loupe list [--data DIR] [--search TEXT] [--json]`.
func List(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	search := fs.String("search", "", "full-text search over inspections and findings (prefix words)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "loupe list: unexpected argument %q (to search, use --search %q)\n", rest[0], rest[0])
		return ExitUsage
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	store := ws.Store
	rows, err := store.ListInspections(context.Background(), inspection.Filter{Search: *search})
	if err != nil {
		return fail(stderr, err)
	}
	if *asJSON {
		if rows == nil {
			rows = []inspection.Summary{}
		}
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(rows); err != nil {
			return fail(stderr, err)
		}
		return ExitOK
	}
	printSummaries(stdout, rows, *search)
	return ExitOK
}

func printSummaries(w io.Writer, rows []inspection.Summary, search string) {
	if len(rows) == 0 {
		if search != "" {
			fmt.Fprintf(w, "No inspection matches %q.\n", search)
		} else {
			fmt.Fprintln(w, "No inspections yet. Run `loupe demo` for a demo data set, or open the window to start one.")
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTYPE\tVERDICT\tSTATUS\tSUPPLIER\tPRODUCT\tPO\tID")
	for _, r := range rows {
		po := ""
		if len(r.POs) > 0 {
			po = r.POs[0]
			if len(r.POs) > 1 {
				po += fmt.Sprintf(" +%d", len(r.POs)-1)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Date.Format("2006-01-02"), r.Type,
			r.Verdict.Word(), r.Status, r.Supplier, r.Product, po, r.ID)
	}
	tw.Flush()
}
