package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/report"
)

func photoFiles(dir string) photo.Files { return photo.Files{Dir: filepath.Join(dir, "photos")} }

// reportName names a report file after its report number, which is what
// the office files it under.
func reportName(d *inspection.Dossier) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, d.Inspection.ReportNo)
	if name == "" {
		name = d.Inspection.ID.String()
	}
	return name + ".pdf"
}

// Export runs `loupe export --inspection ID --out FILE.loupe [--pdf FILE]
// [--annex FILE] [--data DIR]`: one file with the data, original photos,
// signatures, the report and a SHA-256 manifest.
func Export(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	ref := fs.String("inspection", "", "inspection ID or \"latest\"")
	out := fs.String("out", "", "bundle file to write (.loupe)")
	pdf := fs.String("pdf", "", "the report PDF to include (default: write it now)")
	annex := fs.String("annex", "", "the photo annex PDF to include")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if *out == "" || filepath.Ext(*out) != ".loupe" {
		return fail(stderr, usagef("--out FILE.loupe is required"))
	}
	dd, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer dd.Close()
	dir, store := dd.Path, dd.Store
	ctx := context.Background()
	d, err := openDossier(ctx, store, *ref)
	if err != nil {
		return fail(stderr, err)
	}
	id := d.Inspection.ID
	if err := dd.Work.Sweep(filepath.Dir(*out)); err != nil {
		return fail(stderr, err)
	}
	opt := bundle.Options{PDF: *pdf, Annex: *annex}
	if opt.PDF == "" { // the office wants the report with the data: write it now
		tmp, err := os.MkdirTemp(filepath.Dir(*out), ".loupe-export-")
		if err != nil {
			return fail(stderr, err)
		}
		defer os.RemoveAll(tmp)
		res, err := WriteReport(ctx, store, dir, d, filepath.Join(tmp, reportName(d)), report.Options{})
		if err != nil {
			return fail(stderr, err)
		}
		opt.PDF = res.Files[0].Path
		if len(res.Files) > 1 {
			opt.Annex = res.Files[1].Path
		}
	}
	if d.Inspection.Status == inspection.Finalized {
		if opt.Finalized, err = store.Manifest(ctx, id); err != nil && inspection.ErrorCode(err) != inspection.ENOTFOUND {
			return fail(stderr, err)
		}
	}
	if err := bundle.WriteFile(ctx, *out, d, photoFiles(dir), opt); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Wrote %s: inspection %s with %d photos\n", *out, id, len(d.Photos))
	return ExitOK
}

// Import runs `loupe import FILE.loupe [--data DIR]`, and `loupe import
// --conflicts` / `--keep local|incoming --conflict N` to settle conflicts.
// Exit 1 when the import left open conflicts.
func Import(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	list := fs.Bool("conflicts", false, "list open import conflicts")
	keep := fs.String("keep", "", "resolve --conflict N keeping \"local\" or \"incoming\"")
	conflict := fs.Int64("conflict", 0, "conflict number to resolve")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitUsage
	}
	dd, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer dd.Close()
	store := dd.Store
	ctx := context.Background()
	switch {
	case *keep != "":
		if err := store.ResolveConflict(ctx, *conflict, *keep); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "Conflict %d resolved: kept %s\n", *conflict, *keep)
		return ExitOK
	case *list:
		cs, err := store.Conflicts(ctx, false)
		if err != nil {
			return fail(stderr, err)
		}
		for _, c := range cs {
			fmt.Fprintf(stdout, "%d\t%s %s\n\tlocal:    %s\n\tincoming: %s\n", c.ID, c.Entity, c.EntityID, c.Local, c.Incoming)
		}
		return ExitOK
	case fs.NArg() != 1:
		return fail(stderr, usagef("usage: loupe import FILE.loupe [--data DIR]"))
	}
	b, err := bundle.Read(fs.Arg(0), bundle.Limits{})
	if err != nil {
		return fail(stderr, err)
	}
	defer b.Close()
	var rep sqlite.MergeReport
	n, err := b.Import(dd.StagingDir(), dd.Photos, func() (err error) {
		rep, err = store.Merge(ctx, b.Dossier, b.Finalized)
		return err
	}, nil)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Imported inspection %s: %d records added, %d unchanged, %d photo files added\n", rep.InspectionID, len(rep.Added), rep.Skipped, n)
	for _, note := range rep.Notes {
		fmt.Fprintf(stdout, "note: %s\n", note)
	}
	if len(rep.Conflicts) == 0 {
		return ExitOK
	}
	fmt.Fprintf(stdout, "%d records differ here and were NOT overwritten:\n", len(rep.Conflicts))
	for _, c := range rep.Conflicts {
		fmt.Fprintf(stdout, "  conflict %d: %s %s\n", c.ID, c.Entity, c.EntityID)
	}
	fmt.Fprintf(stdout, "Compare with `loupe import --conflicts`, then `loupe import --conflict N --keep local|incoming`.\n")
	return ExitError
}

// reorder puts flags before positional arguments, so `loupe import FILE
// --data DIR` works: the flag package stops at the first non-flag.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(append(flags, args[i:]...), rest...)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if !strings.Contains(a, "=") && valueFlags[strings.TrimLeft(a, "-")] && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}

// valueFlags are the flags of import, verify and outbox that take a value.
var valueFlags = map[string]bool{"data": true, "keep": true, "conflict": true, "dir": true, "inspection": true,
	"to": true, "pdf": true, "annex": true, "max-mb": true, "smtp-host": true, "smtp-port": true,
	"smtp-user": true, "from": true, "smtp-security": true, "out": true}
