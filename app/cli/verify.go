package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Verify runs `loupe verify FILE.pdf|FILE.loupe [--data DIR]`. A bundle is
// checked against its own manifest, its finalization manifest and, when the
// inspection is in the database, the database's data. A report is checked
// by recomputing the content hash its footer prints from the database.
// Exit 0 when everything matches, 1 with the list of differences.
func Verify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) != 1 {
		return fail(stderr, usagef("usage: loupe verify FILE.pdf|FILE.loupe [--data DIR]"))
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	store := ws.Store
	file := rest[0]
	ctx, stop := commandContext()
	defer stop()
	var diffs []string
	if strings.EqualFold(file[max(0, len(file)-4):], ".pdf") {
		diffs, err = verifyPDF(ctx, store, file, stdout)
	} else {
		diffs, err = verifyBundle(ctx, store, file, stdout)
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
}

func verifyBundle(ctx context.Context, store *sqlite.DB, file string, stdout io.Writer) ([]string, error) {
	b, err := bundle.Read(file, bundle.Limits{})
	if inspection.ErrorCode(err) == inspection.EINVALID {
		return []string{err.Error()}, nil // a tampered bundle is a finding, not a failure to run
	}
	if err != nil {
		return nil, err
	}
	defer b.Close()
	fmt.Fprintf(stdout, "bundle manifest: %d entries match their SHA-256\n", len(b.Files))
	var diffs []string
	if b.Finalized != nil {
		got, err := inspection.NewManifest(b.Dossier)
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

var (
	footerID   = regexp.MustCompile(`Inspection ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
	footerHash = regexp.MustCompile(`SHA-256 ([0-9a-f]{64})`)
)

// verifyPDF reads the footer with pdftotext (poppler): the report prints
// the inspection ID and inspection.ContentHash on every page.
func verifyPDF(ctx context.Context, store *sqlite.DB, file string, stdout io.Writer) ([]string, error) {
	out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("cannot read the text of %s with pdftotext (install poppler-utils): %w", file, err)
	}
	text := string(out)
	id, hash := footerID.FindStringSubmatch(text), footerHash.FindStringSubmatch(text)
	if id == nil || hash == nil {
		return []string{"the PDF carries no Loupe footer (inspection ID and SHA-256): it is not a Loupe report or was altered"}, nil
	}
	d, err := store.Dossier(ctx, inspection.ID(mustParse(id[1])))
	if err != nil {
		return nil, err
	}
	want, err := inspection.ContentHash(d)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for _, h := range footerHash.FindAllStringSubmatch(text, -1) {
		if h[1] != hash[1] {
			diffs = append(diffs, "pages carry different SHA-256 values: pages were swapped in from another report")
			break
		}
	}
	fmt.Fprintf(stdout, "report of inspection %s, SHA-256 %s\n", id[1], hash[1])
	rec, err := inspection.NewReportFile(file, d.Inspection.ID, hash[1])
	if err != nil {
		return nil, err
	}
	switch known, err := store.ReportBySHA(ctx, rec.SHA256); {
	case inspection.ErrorCode(err) == inspection.ENOTFOUND:
		diffs = append(diffs, fmt.Sprintf("the file's bytes (SHA-256 %s) match no report written or imported here: it was altered after it was written, or comes from another database (verify its bundle instead)", rec.SHA256))
	case err != nil:
		return nil, err
	default:
		fmt.Fprintf(stdout, "the file is byte for byte the report written on %s as %s\n", known.CreatedAt.Format("2006-01-02 15:04 MST"), known.Name)
	}
	if hash[1] != want {
		diffs = append(diffs, fmt.Sprintf("the report's SHA-256 %s does not match the database's data (%s): the report or the data changed since it was written", hash[1], want))
		diffs = append(diffs, sinceFinalized(ctx, store, d)...)
	}
	return diffs, nil
}

func mustParse(s string) inspection.ID {
	id, _ := inspection.ParseID(s)
	return id
}

// sinceFinalized says which parts of a finalized inspection differ from
// what was finalized, so a mismatch names what changed, not only that
// something did.
func sinceFinalized(ctx context.Context, store *sqlite.DB, d *inspection.Dossier) []string {
	stored, err := store.Manifest(ctx, d.Inspection.ID)
	if err != nil {
		return nil // a draft has no finalization to compare with
	}
	now, err := inspection.NewManifest(d)
	if err != nil {
		return nil
	}
	var out []string
	for _, diff := range stored.Diff(now) {
		out = append(out, "database since finalization: "+diff)
	}
	return out
}
