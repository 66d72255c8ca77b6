package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestImportReinspectionBeforeItsOriginal: a re-inspection imported before
// the lot it re-inspects loses the link for the moment; once the original
// is imported, importing the re-inspection again restores it instead of
// reporting a conflict nobody made.
func TestImportReinspectionBeforeItsOriginal(t *testing.T) {
	ctx := context.Background()
	a, b := t.TempDir(), t.TempDir()
	if code, out := run(t, Demo, "--data", a); code != 0 {
		t.Fatalf("demo: %d %s", code, out)
	}
	store, err := OpenStore(a)
	if err != nil {
		t.Fatal(err)
	}
	var re *inspection.Inspection
	list, _ := store.ListInspections(ctx, inspection.Filter{})
	for _, s := range list {
		if in, _ := store.Inspection(ctx, s.ID); in.ReinspectionOf != inspection.NilID {
			re = in
		}
	}
	store.Close()
	if re == nil {
		t.Fatal("the demo has no re-inspection")
	}
	files := t.TempDir()
	reFile, origFile := filepath.Join(files, "re.loupe"), filepath.Join(files, "orig.loupe")
	for id, file := range map[inspection.ID]string{re.ID: reFile, re.ReinspectionOf: origFile} {
		if code, out := run(t, Export, "--data", a, "--inspection", id.String(), "--out", file); code != 0 {
			t.Fatalf("export: %d %s", code, out)
		}
	}
	if code, out := run(t, Import, reFile, "--data", b); code != 0 || !strings.Contains(out, "link was left out") {
		t.Fatalf("first import: %d %s", code, out)
	}
	if code, out := run(t, Import, origFile, "--data", b); code != 0 {
		t.Fatalf("import of the original: %d %s", code, out)
	}
	if code, out := run(t, Import, reFile, "--data", b); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("second import of the re-inspection: %d %s", code, out)
	}
	got, err := OpenStore(b)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	in, _ := got.Inspection(ctx, re.ID)
	if in.ReinspectionOf != re.ReinspectionOf {
		t.Errorf("link not restored: %v, want %v", in.ReinspectionOf, re.ReinspectionOf)
	}
	if code, out := run(t, Import, reFile, "--data", b); code != 0 || !strings.Contains(out, "0 records added") {
		t.Errorf("third import changed something: %d %s", code, out)
	}
}
