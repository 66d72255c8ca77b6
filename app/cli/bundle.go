package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/report"
)

func photoFiles(dir datadir.Dir) photo.Files { return photo.Files{Dir: dir.Photos()} }

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
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		return fail(stderr, usagef("unexpected argument %q (usage: loupe export --inspection ID|latest --out FILE.loupe [--pdf FILE] [--annex FILE] [--data DIR])", rest[0]))
	}
	if *out == "" || filepath.Ext(*out) != ".loupe" {
		return fail(stderr, usagef("--out FILE.loupe is required"))
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
	id := d.Inspection.ID
	if err := ws.Work.Sweep(filepath.Dir(*out)); err != nil {
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
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	store := ws.Store
	ctx, stop := commandContext()
	defer stop()
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
	case len(rest) != 1:
		return fail(stderr, usagef("usage: loupe import FILE.loupe [--data DIR]"))
	}
	b, err := bundle.Read(rest[0], bundle.Limits{})
	if err != nil {
		return fail(stderr, err)
	}
	defer b.Close()
	var rep sqlite.MergeReport
	n, err := b.Import(ws.StagingDir(), ws.Photos, func() (err error) {
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
