package cli

import (
	"context"
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
	"github.com/loupeqc/loupe/inspection/workspace"
	"github.com/loupeqc/loupe/report"
	"github.com/loupeqc/loupe/report/delivery"
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
	cmd := newCommand("export", stderr)
	ref := cmd.String("inspection", "", "inspection ID or \"latest\"")
	out := cmd.String("out", "", "bundle file to write (.loupe)")
	pdf := cmd.String("pdf", "", "the report PDF to include (default: write it now)")
	annex := cmd.String("annex", "", "the photo annex PDF to include")
	rest, ok := cmd.parse(args)
	if !ok {
		return ExitUsage
	}
	if len(rest) > 0 {
		return fail(stderr, usagef("unexpected argument %q (usage: loupe export --inspection ID|latest --out FILE.loupe [--pdf FILE] [--annex FILE] [--data DIR])", rest[0]))
	}
	if *out == "" || filepath.Ext(*out) != ".loupe" {
		return fail(stderr, usagef("--out FILE.loupe is required"))
	}
	return cmd.withData(func(ctx context.Context, ws *workspace.Workspace) int {
		n, id, err := exportBundle(ctx, ws, *ref, *out, bundle.Options{PDF: *pdf, Annex: *annex})
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "Wrote %s: inspection %s with %d photos\n", *out, id, n)
		return ExitOK
	})
}

// exportBundle writes the bundle of the inspection ref names to out, with
// its report written now unless opt names one; it returns how many photos
// went in.
func exportBundle(ctx context.Context, ws *workspace.Workspace, ref, out string, opt bundle.Options) (int, inspection.ID, error) {
	store := ws.Store
	d, err := openDossier(ctx, store, ref)
	if err != nil {
		return 0, inspection.NilID, err
	}
	id := d.Inspection.ID
	if err := ws.Work.Sweep(filepath.Dir(out)); err != nil {
		return 0, id, err
	}
	if opt.PDF == "" { // the office wants the report with the data: write it now
		tmp, err := os.MkdirTemp(filepath.Dir(out), ".loupe-export-")
		if err != nil {
			return 0, id, err
		}
		defer os.RemoveAll(tmp)
		res, err := WriteReport(ctx, store, ws.Dir, d, filepath.Join(tmp, reportName(d)), report.Options{})
		if err != nil {
			return 0, id, err
		}
		opt.PDF = res.Files[0].Path
		if len(res.Files) > 1 {
			opt.Annex = res.Files[1].Path
		}
	}
	if d.Inspection.Status == inspection.Finalized {
		if opt.Finalized, err = store.Manifest(ctx, id); err != nil && inspection.ErrorCode(err) != inspection.ENOTFOUND {
			return 0, id, err
		}
	}
	return len(d.Photos), id, bundle.WriteFile(ctx, out, d, photoFiles(ws.Dir), opt)
}

// Import runs `loupe import FILE.loupe [--data DIR]`, and `loupe import
// --conflicts` / `--keep local|incoming --conflict N` to settle conflicts.
// Exit 1 when the import left open conflicts.
func Import(args []string, stdout, stderr io.Writer) int {
	cmd := newCommand("import", stderr)
	list := cmd.Bool("conflicts", false, "list open import conflicts")
	keep := cmd.String("keep", "", "resolve --conflict N keeping \"local\" or \"incoming\"")
	conflict := cmd.Int64("conflict", 0, "conflict number to resolve")
	rest, ok := cmd.parse(args)
	if !ok {
		return ExitUsage
	}
	return cmd.withData(func(ctx context.Context, ws *workspace.Workspace) int {
		store := ws.Store
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
		return importBundle(ctx, ws, rest[0], stdout, stderr)
	})
}

// importBundle merges a bundle's inspection, photos first, and says what
// it did. Exit 1 when it left open conflicts.
func importBundle(ctx context.Context, ws *workspace.Workspace, file string, stdout, stderr io.Writer) int {
	b, err := bundle.Read(file, bundle.Limits{})
	if err != nil {
		return fail(stderr, err)
	}
	defer b.Close()
	checked, err := checkBundled(b, file, ws.Work)
	if err != nil {
		return fail(stderr, err)
	}
	var rep sqlite.MergeReport
	n, err := b.Import(ws.StagingDir(), ws.Photos, func() (err error) {
		rep, err = ws.Store.MergeWith(ctx, b.Dossier, b.Finalized, sqlite.MergeOptions{Reports: delivery.Received(checked)})
		return err
	}, nil)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Imported inspection %s: %d records added, %d unchanged, %d photo files added\n", rep.InspectionID, len(rep.Added), rep.Skipped, n)
	for _, c := range checked {
		if c.Problem != "" {
			fmt.Fprintf(stdout, "note: %s; it was not recorded as a report of this inspection\n", c.Problem)
		}
	}
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
