package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// seedDraft stores a draft with the given sections judged, in dir.
func seedDraft(t *testing.T, dir string, judged ...inspection.SectionKind) inspection.ID {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	in := inspection.NewInspection(inspection.PSI, time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))
	in.ReportNo, in.Inspector, in.LotSize = "LP-2026-0042", "Li Wei", 3200
	if err := store.PutInspection(ctx, in); err != nil {
		t.Fatal(err)
	}
	for _, k := range judged {
		if err := store.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: k, Result: inspection.Pass}); err != nil {
			t.Fatal(err)
		}
	}
	return in.ID
}

func runCmd(cmd func([]string, io.Writer, io.Writer) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := cmd(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestFinalizeCommand(t *testing.T) {
	dir := t.TempDir()
	id := seedDraft(t, dir, inspection.Sections[:6]...)

	code, _, stderr := runCmd(Finalize, "--inspection", "latest", "--data", dir, "--waive-signatures", "factory left")
	if code != ExitError || !strings.Contains(stderr, `section "Marking and labeling" has no result`) ||
		!strings.Contains(stderr, "the factory has not signed") || !strings.Contains(stderr, "--waive-signatures") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	store, err := sqlite.Open(filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if in, _ := store.Inspection(context.Background(), id); in.SignatureWaiver != "" {
		t.Errorf("a refused finalize stored the waiver %q", in.SignatureWaiver)
	}
	for _, k := range inspection.Sections[6:] {
		if err := store.PutSection(context.Background(), &inspection.Section{InspectionID: id, Kind: k, Result: inspection.NA}); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()

	code, stdout, stderr := runCmd(Finalize, "--inspection", id.String(), "--data", dir, "--waive-signatures", "factory left")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Finalized LP-2026-0042", "by Li Wei", "Verdict: PASS", "Signatures waived: factory left", "Backup: " + filepath.Join(dir, "backups", "loupe-")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCmd(Finalize, "--inspection", "latest", "--data", dir); code != ExitError || !strings.Contains(stderr, "already finalized") {
		t.Errorf("second finalize: exit %d, %s", code, stderr)
	}
}
