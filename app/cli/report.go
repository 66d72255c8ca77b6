package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/report"
	"github.com/loupeqc/loupe/report/delivery"
)

// Report runs `loupe report --inspection ID|latest --out FILE.pdf [--max-mb N] [--data DIR]`.
func Report(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	ref := fs.String("inspection", "", `inspection ID, or "latest"`)
	out := fs.String("out", "", "PDF file to write")
	maxMB := fs.Float64("max-mb", float64(report.DefaultMaxBytes)/(1<<20), "size budget per file in MB (photos are shrunk, then split off, to fit)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if err := reportUsage(rest, *out, *maxMB); err != nil {
		fmt.Fprintf(stderr, "loupe report: %v\n", err)
		return ExitUsage
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	dir, store := ws.Dir, ws.Store
	ctx, stop := commandContext()
	defer stop()
	d, err := openDossier(ctx, store, *ref)
	if err != nil {
		return fail(stderr, err)
	}
	if err := ws.Work.Sweep(filepath.Dir(*out)); err != nil { // a killed report leaves no temporary file there
		return fail(stderr, err)
	}
	res, err := WriteReport(ctx, store, dir, d, *out, report.Options{MaxBytes: int64(*maxMB * (1 << 20))})
	if err != nil {
		return fail(stderr, err)
	}
	printReport(stdout, res, *maxMB)
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "loupe report: warning: %s\n", w)
	}
	return ExitOK
}

func reportUsage(rest []string, out string, maxMB float64) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q (usage: loupe report --inspection ID|latest --out FILE.pdf [--max-mb N] [--data DIR])", rest[0])
	case out == "":
		return fmt.Errorf("--out FILE.pdf is required")
	case !strings.EqualFold(filepath.Ext(out), ".pdf"):
		return fmt.Errorf("--out %q must end in .pdf", out)
	case !(maxMB >= minMaxMB && maxMB <= maxMaxMB): // NaN fails both
		return fmt.Errorf("--max-mb must be a size in megabytes from %g to %g (e-mail servers take 10 to 25), not %v", minMaxMB, maxMaxMB, maxMB)
	}
	return nil
}

// The --max-mb range: below 10 KB not even the text fits, and the bytes of
// a budget above 10 GB are nothing a PDF reader or mail server takes.
const minMaxMB, maxMaxMB float64 = 0.01, 10_000

func printReport(w io.Writer, res report.Result, maxMB float64) {
	for _, f := range res.Files {
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			abs = f.Path
		}
		fmt.Fprintf(w, "%s\t%d pages\t%.2f MB\n", abs, f.Pages, float64(f.Size)/(1<<20))
	}
	if res.Split {
		fmt.Fprintf(w, "The photos did not fit in %g MB with the report: they are in the second file. Send both.\n", maxMB)
	}
	if res.OverBudget {
		fmt.Fprintf(w, "Warning: a file is still larger than %g MB even with the smallest photos; raise --max-mb or remove photos.\n", maxMB)
	}
}

// WriteReport writes an inspection's report from the data directory and
// records the files for `loupe verify` (see delivery.Write, which the window
// uses too).
func WriteReport(ctx context.Context, store *sqlite.DB, dir datadir.Dir, d *inspection.Dossier, out string, opt report.Options) (report.Result, error) {
	return delivery.Write(ctx, store, photoFiles(dir), d, out, opt)
}
