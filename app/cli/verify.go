package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// Verify runs `loupe verify FILE.pdf|FILE.loupe [--data DIR]`. A bundle is
// checked against its own manifest, its finalization manifest and, when the
// inspection is in the database, the database's data; the report it
// carries against the bundle's data. A report is checked by recomputing
// from the database the content hash it carries (in its footer for people,
// in its document information for Verify).
// Exit 0 when everything matches, 1 with the list of differences.
func Verify(args []string, stdout, stderr io.Writer) int {
	cmd := newCommand("verify", stderr)
	rest, ok := cmd.parse(args)
	if !ok {
		return ExitUsage
	}
	if len(rest) != 1 {
		return fail(stderr, usagef("usage: loupe verify FILE.pdf|FILE.loupe [--data DIR]"))
	}
	file := rest[0]
	return cmd.withData(func(ctx context.Context, ws *workspace.Workspace) int {
		var diffs []string
		var err error
		if strings.EqualFold(file[max(0, len(file)-4):], ".pdf") {
			diffs, err = verifyPDF(ctx, ws.Store, file, stdout)
		} else {
			diffs, err = verifyBundle(ctx, ws.Store, ws.Work, file, stdout)
		}
		if err != nil {
			return fail(stderr, err)
		}
		if len(diffs) == 0 {
			fmt.Fprintf(stdout, "OK: %s matches\n", file)
			return ExitOK
		}
		fmt.Fprintf(stdout, "MISMATCH: %s\n", file)
		for _, d := range diffs {
			fmt.Fprintf(stdout, "  - %s\n", d)
		}
		return ExitError
	})
}

func verifyBundle(ctx context.Context, store *sqlite.DB, work *inflight.Record, file string, stdout io.Writer) ([]string, error) {
	b, err := bundle.Read(file, bundle.Limits{})
	if inspection.ErrorCode(err) == inspection.EINVALID {
		return []string{err.Error()}, nil // a tampered bundle is a finding, not a failure to run
	}
	if err != nil {
		return nil, err
	}
	defer b.Close()
	fmt.Fprintf(stdout, "bundle manifest: %d entries match their SHA-256\n", len(b.Files))
	diffs, err := bundleReports(b, file, work, stdout)
	if err != nil {
		return nil, err
	}
	if b.Finalized != nil {
		got, err := b.Finalized.Recompute(b.Dossier)
		if err != nil {
			return nil, err
		}
		for _, d := range b.Finalized.Diff(got) {
			diffs = append(diffs, "bundle vs its finalization: "+d)
		}
	}
	local, err := store.Dossier(ctx, b.Dossier.Inspection.ID)
	if inspection.ErrorCode(err) == inspection.ENOTFOUND {
		fmt.Fprintf(stdout, "inspection %s is not in this database: checked against the bundle's own manifest only\n", b.Dossier.Inspection.ID)
		return diffs, nil
	}
	if err != nil {
		return nil, err
	}
	return append(diffs, inspection.DiffDossiers(local, b.Dossier, "DB", "file")...), nil
}

// verifyPDF reads which inspection and data the report claims from its
// document information (see reportIdentity), recomputes the content hash
// from the database, and looks the file's bytes up among the reports
// written here. Nothing outside Loupe is needed.
func verifyPDF(ctx context.Context, store *sqlite.DB, file string, stdout io.Writer) ([]string, error) {
	rec, err := inspection.NewReportFile(file, inspection.NilID, "")
	if err != nil {
		return nil, err
	}
	known, err := store.ReportBySHA(ctx, rec.SHA256)
	if inspection.ErrorCode(err) == inspection.ENOTFOUND {
		known, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	meta, diffs, err := reportIdentity(file, known, stdout)
	if err != nil || meta.Inspection == inspection.NilID {
		return diffs, err
	}
	d, err := store.Dossier(ctx, meta.Inspection)
	if err != nil {
		return nil, err
	}
	want, err := inspection.ContentHash(d)
	if err != nil {
		return nil, err
	}
	same, err := inspection.MatchesContentHash(d, meta.ContentSHA256)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "%s of inspection %s, SHA-256 %s\n", meta.Part, meta.Inspection, meta.ContentSHA256)
	if known == nil {
		diffs = append(diffs, fmt.Sprintf("the file's bytes (SHA-256 %s) match no report written here: it was altered after it was written, or comes from another database (verify its bundle instead)", rec.SHA256))
	} else {
		fmt.Fprintf(stdout, "the file is byte for byte the report recorded here on %s as %s\n", known.CreatedAt.Format("2006-01-02 15:04 MST"), known.Name)
	}
	if !same {
		diffs = append(diffs, fmt.Sprintf("the report's SHA-256 %s does not match the database's data (%s): the report or the data changed since it was written", meta.ContentSHA256, want))
		diffs = append(diffs, sinceFinalized(ctx, store, d)...)
	}
	return diffs, nil
}

// sinceFinalized says which parts of a finalized inspection differ from
// what was finalized, so a mismatch names what changed, not only that
// something did.
func sinceFinalized(ctx context.Context, store *sqlite.DB, d *inspection.Dossier) []string {
	stored, err := store.Manifest(ctx, d.Inspection.ID)
	if err != nil {
		return nil // a draft has no finalization to compare with
	}
	now, err := stored.Recompute(d)
	if err != nil {
		return nil
	}
	var out []string
	for _, diff := range stored.Diff(now) {
		out = append(out, "database since finalization: "+diff)
	}
	return out
}
