package cli

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/report"
)

func run(t *testing.T, cmd func([]string, io.Writer, io.Writer) int, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cmd(args, &out, &errb)
	return code, out.String() + errb.String()
}

func TestExportImportVerify(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := bundletest.Seed(t, dir)
	file := filepath.Join(t.TempDir(), "LP-1.loupe")
	if code, out := run(t, Export, "--data", dir, "--inspection", f.ID.String(), "--out", file); code != 0 {
		t.Fatalf("export: %d %s", code, out)
	}
	if code, out := run(t, Verify, file, "--data", dir); code != 0 {
		t.Fatalf("verify of an untouched bundle: %d %s", code, out)
	}

	other := t.TempDir()
	if code, out := run(t, Import, file, "--data", other); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	d, err := f.DB.Dossier(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Photos { // bundles carry originals; import makes the renditions
		if _, err := os.Stat(photoFiles(datadir.Dir(other)).Working(p.SHA256)); err != nil {
			t.Errorf("imported photo has no working copy: %v", err)
		}
	}
	if code, out := run(t, Import, file, "--data", other); code != 0 || !strings.Contains(out, "0 records added") {
		t.Fatalf("second import: %d %s", code, out)
	}

	// A changed finding in the database.
	fs, _ := f.DB.Findings(ctx, f.ID)
	fs[0].Quantity = 4
	if err := f.DB.PutFinding(ctx, &fs[0]); err != nil {
		t.Fatal(err)
	}
	code, out := run(t, Verify, file, "--data", dir)
	if want := "finding " + f.Finding.String() + ": quantity 4 in DB, 3 in file"; code != 1 || !strings.Contains(out, want) {
		t.Fatalf("verify after a DB change: %d\n%s\nwant %q", code, out, want)
	}

	// A changed byte inside the bundle.
	raw, _ := os.ReadFile(file)
	i := bytes.Index(raw, []byte("IDAT")) // inside a stored photo
	raw[i+8] ^= 0xff
	bad := filepath.Join(t.TempDir(), "bad.loupe")
	os.WriteFile(bad, raw, 0o600)
	if code, out := run(t, Verify, bad, "--data", other); code != 1 || !strings.Contains(out, "altered") {
		t.Fatalf("verify of a changed byte: %d %s", code, out)
	}
}

func TestVerifyPDF(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := bundletest.Seed(t, dir)
	d, err := f.DB.Dossier(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Photos {
		if err := photoFiles(datadir.Dir(dir)).Rebuild(p.SHA256, p.Ext); err != nil {
			t.Fatal(err)
		}
	}
	pdf := filepath.Join(t.TempDir(), "LP-1.pdf")
	if _, err := WriteReport(ctx, f.DB, datadir.Dir(dir), d, pdf, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if code, out := run(t, Verify, pdf, "--data", dir); code != 0 || !strings.Contains(out, "byte for byte") {
		t.Fatalf("verify of a fresh report: %d %s", code, out)
	}

	// One changed byte that leaves the text (and so the footer) intact.
	raw, _ := os.ReadFile(pdf)
	i := bytes.Index(raw, []byte("/Producer"))
	if i < 0 {
		i = bytes.Index(raw, []byte("/CreationDate"))
	}
	raw[i+1] ^= 0x20 // "/producer": a different file, the same words on the page
	edited := filepath.Join(t.TempDir(), "edited.pdf")
	if err := os.WriteFile(edited, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := run(t, Verify, edited, "--data", dir); code != 1 || !strings.Contains(out, "match no report") {
		t.Fatalf("verify of a changed byte: %d %s", code, out)
	}

	fs, _ := f.DB.Findings(ctx, f.ID)
	fs[0].Quantity = 4
	if err := f.DB.PutFinding(ctx, &fs[0]); err != nil {
		t.Fatal(err)
	}
	if code, out := run(t, Verify, pdf, "--data", dir); code != 1 || !strings.Contains(out, "does not match") {
		t.Fatalf("verify after a DB change: %d %s", code, out)
	}
}

// TestVerifyBundleOfWaivedSignatures: an inspection finalized with no
// signatures at all (waived) exports to a bundle that verifies against its
// own finalization and the database.
func TestVerifyBundleOfWaivedSignatures(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if code, out := run(t, Demo, "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, out)
	}
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	in, err := store.Latest(ctx) // a draft nobody has signed yet
	if err != nil {
		t.Fatal(err)
	}
	if sigs, _ := store.Signatures(ctx, in.ID); len(sigs) != 0 {
		t.Fatalf("the latest demo inspection has %d signatures; the test needs none", len(sigs))
	}
	for _, k := range inspection.Sections {
		if err := store.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: k, Result: inspection.Pass}); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	if code, out := run(t, Finalize, "--data", dir, "--inspection", "latest", "--waive-signatures", "factory manager absent"); code != 0 {
		t.Fatalf("finalize: %d %s", code, out)
	}
	file := filepath.Join(t.TempDir(), "w.loupe")
	if code, out := run(t, Export, "--data", dir, "--inspection", "latest", "--out", file); code != 0 {
		t.Fatalf("export: %d %s", code, out)
	}
	if code, out := run(t, Verify, file, "--data", dir); code != 0 {
		t.Fatalf("verify of a fresh bundle with waived signatures: %d %s", code, out)
	}
}

// TestVerifyPDFNamesWhatChangedSinceFinalization: a finalized inspection
// edited behind Loupe's back (straight in the database file) no longer
// matches its report, and verify says which part changed.
func TestVerifyPDFNamesWhatChangedSinceFinalization(t *testing.T) {
	dir := t.TempDir()
	if code, out := run(t, Demo, "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, out)
	}
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := store.ListInspections(context.Background(), inspection.Filter{Status: inspection.Finalized})
	store.Close()
	if err != nil || len(list) == 0 {
		t.Fatalf("no finalized demo inspection: %v", err)
	}
	id := list[0].ID
	pdf := filepath.Join(t.TempDir(), "final.pdf")
	if code, out := run(t, Report, "--data", dir, "--inspection", id.String(), "--out", pdf); code != 0 {
		t.Fatalf("report: %d %s", code, out)
	}
	raw, err := sql.Open("sqlite", filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE findings SET quantity = quantity + 1 WHERE inspection_id = ?`, id.String()); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out := run(t, Verify, pdf, "--data", dir)
	if code != ExitError || !strings.Contains(out, "database since finalization: findings") {
		t.Fatalf("verify after tampering: %d\n%s", code, out)
	}
}
