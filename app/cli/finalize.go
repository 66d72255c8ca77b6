package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// Finalize runs `loupe finalize --inspection ID|latest [--waive-signatures
// REASON] [--by NAME] [--data DIR]`.
func Finalize(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("finalize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	ref := fs.String("inspection", "", "inspection ID or \"latest\"")
	waive := fs.String("waive-signatures", "", "finalize without the missing signatures, for this reason")
	by := fs.String("by", "", "who finalizes (default: the inspection's inspector)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "loupe finalize: unexpected argument %q\n", rest[0])
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
	d, err := openDossier(ctx, store, *ref)
	if err != nil {
		return fail(stderr, err)
	}
	id := d.Inspection.ID
	who := strings.TrimSpace(*by)
	if who == "" {
		who = d.Inspection.Inspector
	}
	ctx = inspection.WithActor(ctx, who)
	if err := applyWaiver(ctx, store, d, strings.TrimSpace(*waive)); err != nil {
		return fail(stderr, err)
	}
	if r := inspection.CheckFinalize(d); !r.Ready() {
		explain(stderr, d, r)
		return ExitError
	}
	backup, err := workspace.FinalizeAndBackup(ctx, store, ws.Work, id, who)
	var berr *sqlite.BackupError
	if err != nil && !errors.As(err, &berr) {
		return fail(stderr, err)
	}
	printFinalized(ctx, stdout, store, id, backup)
	if berr != nil {
		fmt.Fprintf(stderr, "loupe: warning: the inspection is finalized, but %v\n", berr)
	}
	return ExitOK
}

// applyWaiver stores the waiver only when signatures are missing and the
// rest is complete, so a refused finalize leaves the inspection unchanged.
func applyWaiver(ctx context.Context, store *sqlite.DB, d *inspection.Dossier, reason string) error {
	if reason == "" || d.Inspection.ReadOnly() || len(inspection.CheckFinalize(d).MissingSignatures) == 0 {
		return nil
	}
	with := *d
	with.Inspection.SignatureWaiver = reason
	if !inspection.CheckFinalize(&with).Ready() {
		return nil
	}
	d.Inspection.SignatureWaiver = reason
	return store.PutInspection(ctx, &d.Inspection)
}

func explain(w io.Writer, d *inspection.Dossier, r inspection.Readiness) {
	name := d.Inspection.ReportNo
	if name == "" {
		name = d.Inspection.ID.String()
	}
	fmt.Fprintf(w, "loupe finalize: %s cannot be finalized yet:\n", name)
	for _, k := range r.Unjudged {
		fmt.Fprintf(w, "  - section %q has no result: set pass, fail, pending or n/a\n", k.Title())
	}
	for _, role := range r.MissingSignatures {
		fmt.Fprintf(w, "  - the %s has not signed: have them sign in Loupe, or pass --waive-signatures REASON\n", role)
	}
}

func printFinalized(ctx context.Context, w io.Writer, store *sqlite.DB, id inspection.ID, backup string) {
	in, err := store.Inspection(ctx, id)
	if err != nil {
		return
	}
	fmt.Fprintf(w, "Finalized %s (%s) by %s.\n", in.ReportNo, in.ID, in.FinalizedBy)
	if m, err := store.Manifest(ctx, id); err == nil {
		fmt.Fprintf(w, "Verdict: %s\nContent SHA-256 (printed on every report page): %s\nPhotos in the manifest: %d\n", m.Verdict.Word(), m.ContentSHA256, len(m.Photos))
	}
	if in.SignatureWaiver != "" {
		fmt.Fprintf(w, "Signatures waived: %s\n", in.SignatureWaiver)
	}
	if backup != "" {
		fmt.Fprintf(w, "Backup: %s\n", backup)
	}
}
