package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
)

// demoIDs returns the demo data set's finalized inspection and its latest
// draft.
func demoIDs(t *testing.T, dir string) (final, draft inspection.ID) {
	t.Helper()
	ctx := context.Background()
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	list, err := store.ListInspections(ctx, inspection.Filter{Status: inspection.Finalized})
	if err != nil || len(list) == 0 {
		t.Fatalf("no finalized demo inspection: %v", err)
	}
	latest, err := store.Latest(ctx)
	if err != nil || latest.Status == inspection.Finalized {
		t.Fatalf("the latest demo inspection is not a draft: %v", err)
	}
	return list[0].ID, latest.ID
}

// TestVerifyPDFNeedsNoOtherProgram: with an empty PATH (as on a Windows
// laptop with nothing installed) a report still verifies, and one whose
// data changed still fails.
func TestVerifyPDFNeedsNoOtherProgram(t *testing.T) {
	dir := seedDemo(t)
	final, _ := demoIDs(t, dir)
	pdf := filepath.Join(t.TempDir(), "final.pdf")
	mustRun(t, Report, "--data", dir, "--inspection", final.String(), "--out", pdf)
	t.Setenv("PATH", "")
	code, out := run(t, Verify, pdf, "--data", dir)
	if code != ExitOK || !strings.Contains(out, "byte for byte") || !strings.Contains(out, "report of inspection "+final.String()) {
		t.Fatalf("verify with an empty PATH: %d\n%s", code, out)
	}
}

// TestVerifyReportWithoutIdentity: a report as earlier Loupe versions wrote
// them (no keywords) is checked through the record of its bytes when it
// was written here, and is a clear "cannot be checked" otherwise.
func TestVerifyReportWithoutIdentity(t *testing.T) {
	ctx := context.Background()
	dir := seedDemo(t)
	final, _ := demoIDs(t, dir)
	tmp := t.TempDir()
	pdf := filepath.Join(tmp, "final.pdf")
	mustRun(t, Report, "--data", dir, "--inspection", final.String(), "--out", pdf)
	raw, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	// Renaming the key keeps every offset: a valid PDF without keywords.
	old := bytes.Replace(raw, []byte("/Keywords ("), []byte("/Xeywords ("), 1)
	if bytes.Equal(old, raw) {
		t.Fatal("the report has no /Keywords to remove")
	}
	oldPDF := filepath.Join(tmp, "old.pdf")
	if err := os.WriteFile(oldPDF, old, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := run(t, Verify, oldPDF, "--data", dir)
	if code != ExitError || !strings.Contains(out, "no Loupe identity") || !strings.Contains(out, "nothing in it can be checked") {
		t.Fatalf("verify of an unrecorded report without identity: %d\n%s", code, out)
	}

	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := store.Dossier(ctx, final)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := inspection.ContentHash(d)
	rec, err := inspection.NewReportFile(oldPDF, final, sum)
	if err == nil {
		err = store.RecordReport(ctx, rec) // as an earlier Loupe did when it wrote the file
	}
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out = run(t, Verify, oldPDF, "--data", dir)
	if code != ExitOK || !strings.Contains(out, "taken from the record") || !strings.Contains(out, "byte for byte") {
		t.Fatalf("verify of a recorded report without identity: %d\n%s", code, out)
	}
}

// TestVerifyBundleChecksItsReport: a bundle whose manifest is right but
// whose report shows another inspection, another version of the data, or
// is no Loupe report at all does not verify.
func TestVerifyBundleChecksItsReport(t *testing.T) {
	ctx := context.Background()
	dir := seedDemo(t)
	final, draft := demoIDs(t, dir)
	tmp := t.TempDir()
	at := func(name string) string { return filepath.Join(tmp, name) }
	mustRun(t, Report, "--data", dir, "--inspection", final.String(), "--out", at("final.pdf"))
	mustRun(t, Report, "--data", dir, "--inspection", draft.String(), "--out", at("stale.pdf"))

	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := store.Findings(ctx, draft)
	if err != nil || len(fs) == 0 {
		t.Fatalf("the draft has no findings to change: %v", err)
	}
	fs[0].Quantity++
	err = store.PutFinding(ctx, &fs[0])
	store.Close()
	if err != nil {
		t.Fatal(err)
	}

	plain := gofpdf.New("P", "mm", "A4", "")
	plain.AddPage()
	if err := plain.OutputFileAndClose(at("plain.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(at("junk.pdf"), []byte("%PDF-1.4 a stand-in, not a PDF"), 0o600); err != nil {
		t.Fatal(err)
	}

	other := t.TempDir() // a database that has never seen the inspection
	cases := []struct {
		name, pdf string
		code      int
		want      string
	}{
		{"fresh report", "", ExitOK, "report.pdf: the report of the bundle's data"},
		{"another inspection's report", at("final.pdf"), ExitError, "report.pdf is the report of inspection " + final.String() + ", not of the bundle's inspection " + draft.String()},
		{"report of earlier data", at("stale.pdf"), ExitError, "report.pdf prints other data than the bundle carries"},
		{"not a Loupe report", at("plain.pdf"), ExitError, "report.pdf carries no Loupe identity"},
		{"not a PDF", at("junk.pdf"), ExitError, "report.pdf: not a readable PDF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bundle := filepath.Join(t.TempDir(), "draft.loupe")
			args := []string{"--data", dir, "--inspection", draft.String(), "--out", bundle}
			if c.pdf != "" {
				args = append(args, "--pdf", c.pdf)
			}
			mustRun(t, Export, args...)
			for _, db := range []string{dir, other} {
				code, out := run(t, Verify, bundle, "--data", db)
				if code != c.code || !strings.Contains(out, c.want) {
					t.Errorf("verify against %s: exit %d, want %d with %q\n%s", filepath.Base(db), code, c.code, c.want, out)
				}
			}
		})
	}
}

// TestReceivedReportVerifies: the office imports a laptop's bundle, then
// gets its report.pdf by mail. Verify knows the file byte for byte,
// because the import recorded the bundle's report once it had checked it
// prints exactly the bundle's data; a bundle whose report prints other
// data is imported with a note, and that report stays unknown.
func TestReceivedReportVerifies(t *testing.T) {
	dir := seedDemo(t)
	final, draft := demoIDs(t, dir)
	tmp := t.TempDir()
	at := func(name string) string { return filepath.Join(tmp, name) }
	mustRun(t, Export, "--data", dir, "--inspection", final.String(), "--out", at("final.loupe"))
	mustRun(t, Report, "--data", dir, "--inspection", draft.String(), "--out", at("stale.pdf"))
	edit := func() {
		store, err := OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		fs, err := store.Findings(context.Background(), draft)
		if err != nil || len(fs) == 0 {
			t.Fatalf("the draft has no findings to change: %v", err)
		}
		fs[0].Quantity++
		if err := store.PutFinding(context.Background(), &fs[0]); err != nil {
			t.Fatal(err)
		}
	}
	edit()
	mustRun(t, Export, "--data", dir, "--inspection", draft.String(), "--out", at("draft.loupe"), "--pdf", at("stale.pdf"))
	extract := func(bundleFile, out string) {
		b, err := bundle.Read(bundleFile, bundle.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.ExtractPDF(bundle.ReportEntry, out); err != nil {
			t.Fatal(err)
		}
	}
	extract(at("final.loupe"), at("mailed.pdf"))

	office := t.TempDir()
	mustRun(t, Import, at("final.loupe"), "--data", office)
	code, out := run(t, Verify, at("mailed.pdf"), "--data", office)
	if code != ExitOK || !strings.Contains(out, "byte for byte") || !strings.Contains(out, "report.pdf in final.loupe") {
		t.Errorf("verify of the received report: exit %d\n%s", code, out)
	}
	flipped, err := os.ReadFile(at("mailed.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	flipped[len(flipped)/2] ^= 1
	if err := os.WriteFile(at("altered.pdf"), flipped, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := run(t, Verify, at("altered.pdf"), "--data", office); code != ExitError || !strings.Contains(out, "match no report") {
		t.Errorf("verify of an altered copy: exit %d\n%s", code, out)
	}

	code, out = run(t, Import, at("draft.loupe"), "--data", office)
	if code != ExitOK || !strings.Contains(out, "prints other data than the bundle carries") || !strings.Contains(out, "not recorded") {
		t.Errorf("import of a bundle with a stale report: exit %d\n%s", code, out)
	}
	if code, out := run(t, Verify, at("stale.pdf"), "--data", office); code != ExitError || !strings.Contains(out, "match no report") {
		t.Errorf("the stale report was recorded: exit %d\n%s", code, out)
	}
}
