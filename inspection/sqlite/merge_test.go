package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// TestConcurrentEditsConflict: two copies of one draft change the same
// finding; importing one into the other keeps both versions and reports it.
func TestConcurrentEditsConflict(t *testing.T) {
	a := bundletest.Seed(t, t.TempDir())
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	must(t, a.DB.Backup(ctx, copyPath))
	b := openAt(t, copyPath)

	edit := func(db *sqlite.DB, qty int) {
		fs, err := db.Findings(ctx, a.ID)
		must(t, err)
		fs[0].Quantity = qty
		must(t, db.PutFinding(ctx, &fs[0]))
	}
	edit(a.DB, 4)
	edit(b, 5)
	added := inspection.Finding{ID: inspection.NewID(), InspectionID: a.ID, Class: inspection.Major, Description: "Crack", Quantity: 1}
	must(t, a.DB.PutFinding(ctx, &added))

	incoming, err := a.DB.Dossier(ctx, a.ID)
	must(t, err)
	rep, err := b.Merge(ctx, incoming, nil)
	must(t, err)
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Entity != "finding" || rep.Conflicts[0].EntityID != a.Finding.String() {
		t.Fatalf("conflicts %+v, want one on finding %s", rep.Conflicts, a.Finding)
	}
	if len(rep.Added) != 1 {
		t.Errorf("added %v, want the new finding only", rep.Added)
	}
	quantity := func() int {
		fs, err := b.Findings(ctx, a.ID)
		must(t, err)
		for _, f := range fs {
			if f.ID == a.Finding {
				return f.Quantity
			}
		}
		return -1
	}
	if q := quantity(); q != 5 {
		t.Fatalf("local finding overwritten: quantity %d, want 5", q)
	}

	again, err := b.Merge(ctx, incoming, nil)
	must(t, err)
	open, err := b.Conflicts(ctx, false)
	must(t, err)
	if len(again.Added) != 0 || len(open) != 1 {
		t.Fatalf("second import: added %v, %d open conflicts; want nothing new", again.Added, len(open))
	}
	must(t, b.ResolveConflict(ctx, open[0].ID, "incoming"))
	if q := quantity(); q != 4 {
		t.Errorf("after keeping incoming: quantity %d, want 4", q)
	}
	wantCode(t, b.ResolveConflict(ctx, open[0].ID, "local"), inspection.ECONFLICT)
	if rep, _ := b.Merge(ctx, incoming, nil); len(rep.Conflicts) != 0 {
		t.Errorf("resolved conflict reported again: %+v", rep.Conflicts)
	}
}

// TestMergeIntoFinalized: a finalized inspection takes nothing; a different
// record becomes a conflict that cannot be applied.
func TestMergeIntoFinalized(t *testing.T) {
	a := bundletest.Seed(t, t.TempDir())
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	must(t, a.DB.Backup(ctx, copyPath))
	b := openAt(t, copyPath)
	must(t, b.Finalize(ctx, a.ID, "Li Wei"))
	fs, _ := a.DB.Findings(ctx, a.ID)
	fs[0].Description = "Deep scratch"
	must(t, a.DB.PutFinding(ctx, &fs[0]))

	incoming, _ := a.DB.Dossier(ctx, a.ID)
	rep, err := b.Merge(ctx, incoming, nil)
	must(t, err)
	var finding *sqlite.Conflict
	for i, c := range rep.Conflicts {
		if c.Entity == "finding" {
			finding = &rep.Conflicts[i]
		}
	}
	if finding == nil {
		t.Fatalf("no finding conflict in %+v", rep.Conflicts)
	}
	wantCode(t, b.ResolveConflict(ctx, finding.ID, "incoming"), inspection.EREADONLY)
	must(t, b.ResolveConflict(ctx, finding.ID, "local"))
}
