package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/loupeqc/loupe/inspection/aql"
)

// Aql runs `loupe aql --lot N [--level II] --aql A
// [--inspection normal|tightened|reduced] [--json]`: the standard's plan for
// one AQL, headless, on the same engine the window uses.
func Aql(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("aql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lotText := fs.String("lot", "", "lot size: units presented for inspection (at least 2)")
	levelText := fs.String("level", "II", "inspection level: S-1, S-2, S-3, S-4, I, II, III")
	aqlText := fs.String("aql", "", "AQL: a column of ISO 2859-1 (0.010 … 1000) or 0")
	sevText := fs.String("inspection", "normal", "severity: normal, tightened or reduced")
	asJSON := fs.Bool("json", false, "print one JSON object")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	usage := func(err error) int {
		fmt.Fprintf(stderr, "loupe aql: %v\n", err)
		return ExitUsage
	}
	if len(rest) > 0 {
		return usage(fmt.Errorf("unexpected argument %q: give the lot with --lot N and the AQL with --aql A", rest[0]))
	}
	lot, err := parseLot(*lotText)
	if err != nil {
		return usage(err)
	}
	level, err := aql.ParseLevel(*levelText)
	if err != nil {
		return usage(err)
	}
	if *aqlText == "" {
		return usage(fmt.Errorf("--aql is required: 0 (nothing allowed) or a column of ISO 2859-1 such as 2.5"))
	}
	a, err := aql.ParseAQL(*aqlText)
	if err != nil {
		return usage(err)
	}
	sev, err := aql.ParseSeverity(*sevText)
	if err != nil {
		return usage(err)
	}
	plan, err := aql.Lookup(lot, level, a, sev)
	if err != nil {
		return usage(err)
	}
	if *asJSON {
		if err := json.NewEncoder(stdout).Encode(plan); err != nil {
			return fail(stderr, err)
		}
		return ExitOK
	}
	printPlan(stdout, plan)
	return ExitOK
}

func parseLot(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("--lot is required: the number of units presented for inspection, at least %d", aql.MinLot)
	}
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), "_", ""))
	if err != nil {
		return 0, fmt.Errorf("lot size %q is not a whole number: give the number of units, e.g. --lot 3200", s)
	}
	if n < aql.MinLot || n > aql.MaxLot {
		return 0, fmt.Errorf("lot size %d is out of range: give a number of units from %d to %d", n, aql.MinLot, aql.MaxLot)
	}
	return n, nil
}

func printPlan(w io.Writer, p aql.Plan) {
	fmt.Fprintf(w, "Lot %d, level %s, %s inspection, AQL %s\n", p.LotSize, p.Level, p.Severity, aql.FormatAQL(p.AQL))
	fmt.Fprintf(w, "Code letter %s", p.CodeLetter)
	if p.PlanCodeLetter != p.CodeLetter {
		fmt.Fprintf(w, " → plan of letter %s (the table's arrow)", p.PlanCodeLetter)
	}
	fmt.Fprintln(w)
	if p.FullInspection {
		fmt.Fprintf(w, "Inspect all %d units (the sample size reaches the lot size)\n", p.SampleSize)
	} else {
		fmt.Fprintf(w, "Sample %d units\n", p.SampleSize)
	}
	fmt.Fprintf(w, "Accept up to %d, reject at %d\n", p.Accept, p.Reject)
}
