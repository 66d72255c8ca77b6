package sqlite_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// twoCopies is one draft on two laptops, and the version they last shared.
func twoCopies(t *testing.T) (a *bundletest.Fixture, b *sqlite.DB, base *inspection.Dossier) {
	t.Helper()
	a = bundletest.Seed(t, t.TempDir())
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	must(t, a.DB.Backup(ctx, copyPath))
	b = openAt(t, copyPath)
	base, err := a.DB.Dossier(ctx, a.ID)
	must(t, err)
	return a, b, base
}

// TestMergeOnBaseTakesTheirEdits: a copy unchanged since the shared
// version takes every edit of the other side, additions and deletions
// included, and ends equal to it, with no conflict.
func TestMergeOnBaseTakesTheirEdits(t *testing.T) {
	a, b, base := twoCopies(t)
	fs, _ := a.DB.Findings(ctx, a.ID)
	fs[0].Quantity = 7
	must(t, a.DB.PutFinding(ctx, &fs[0]))
	added := inspection.Finding{ID: inspection.NewID(), InspectionID: a.ID, Class: inspection.Major, Description: "Crack", Quantity: 1}
	must(t, a.DB.PutFinding(ctx, &added))
	ms, _ := a.DB.Measurements(ctx, a.ID)
	must(t, a.DB.DeleteMeasurement(ctx, ms[0].ID))
	in, _ := a.DB.Inspection(ctx, a.ID)
	in.Comments = "Lot re-counted"
	must(t, a.DB.PutInspection(ctx, in))

	incoming, err := a.DB.Dossier(ctx, a.ID)
	must(t, err)
	rep, err := b.MergeWith(ctx, incoming, nil, sqlite.MergeOptions{Base: base})
	must(t, err)
	if len(rep.Conflicts) != 0 {
		t.Fatalf("conflicts %+v, want none: only one side edited", rep.Conflicts)
	}
	if q := bundletest.Quantity(t, b, a.ID, a.Finding); q != 7 {
		t.Errorf("finding quantity %d, want 7", q)
	}
	if len(rep.Deleted) != 1 || len(rep.Added) != 1 {
		t.Errorf("added %v, deleted %v; want the new finding and the measurement", rep.Added, rep.Deleted)
	}
	want, _ := a.DB.Dossier(ctx, a.ID)
	got, _ := b.Dossier(ctx, a.ID)
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) {
		t.Errorf("the copies differ after the merge:\n  A %s\n  B %s", wj, gj)
	}
	// Merging the same version again changes nothing.
	again, err := b.MergeWith(ctx, incoming, nil, sqlite.MergeOptions{Base: base})
	must(t, err)
	if len(again.Added)+len(again.Updated)+len(again.Deleted)+len(again.Conflicts) != 0 {
		t.Errorf("second merge did something: %+v", again)
	}
}

// TestMergeOnBaseBothEdit: records each side changed alone are kept or
// taken; the record both changed is a conflict with both versions, and
// neither is overwritten; a record deleted there and edited here is a
// conflict whose "keep incoming" deletes it.
func TestMergeOnBaseBothEdit(t *testing.T) {
	a, b, base := twoCopies(t)
	// A: the finding to 4, the test deleted, the checklist item edited.
	fs, _ := a.DB.Findings(ctx, a.ID)
	fs[0].Quantity = 4
	must(t, a.DB.PutFinding(ctx, &fs[0]))
	ts, _ := a.DB.Tests(ctx, a.ID)
	must(t, a.DB.DeleteTest(ctx, ts[0].ID))
	cs, _ := a.DB.Checklist(ctx, a.ID)
	cs[0].Text = "Count cartons"
	must(t, a.DB.PutChecklistItem(ctx, &cs[0]))
	// B: the finding to 5, the test edited, the measurement edited.
	bf, _ := b.Findings(ctx, a.ID)
	bf[0].Quantity = 5
	must(t, b.PutFinding(ctx, &bf[0]))
	bt, _ := b.Tests(ctx, a.ID)
	bt[0].Notes = "dropped from 80 cm"
	must(t, b.PutTest(ctx, &bt[0]))
	bm, _ := b.Measurements(ctx, a.ID)
	bm[0].Values = []float64{100.1}
	must(t, b.PutMeasurement(ctx, &bm[0]))

	incoming, _ := a.DB.Dossier(ctx, a.ID)
	rep, err := b.MergeWith(ctx, incoming, nil, sqlite.MergeOptions{Base: base})
	must(t, err)
	var entities []string
	for _, c := range rep.Conflicts {
		entities = append(entities, c.Entity)
	}
	slices.Sort(entities)
	if !slices.Equal(entities, []string{"finding", "test"}) {
		t.Fatalf("conflicts on %v, want the finding (both edited) and the test (deleted there, edited here)", entities)
	}
	if q := bundletest.Quantity(t, b, a.ID, a.Finding); q != 5 {
		t.Errorf("B's finding overwritten: %d", q)
	}
	if got, _ := b.Checklist(ctx, a.ID); got[0].Text != "Count cartons" {
		t.Errorf("A's checklist edit not taken: %q", got[0].Text)
	}
	if got, _ := b.Measurements(ctx, a.ID); len(got) != 1 || len(got[0].Values) != 1 {
		t.Errorf("B's measurement edit lost: %+v", got)
	}
	if got, _ := b.Tests(ctx, a.ID); len(got) != 1 || got[0].Notes != "dropped from 80 cm" {
		t.Errorf("B's edited test deleted: %+v", got)
	}
	for _, c := range rep.Conflicts {
		if c.Entity == "test" {
			if string(c.Incoming) != "null" {
				t.Errorf("deletion conflict incoming = %s, want null", c.Incoming)
			}
			must(t, b.ResolveConflict(ctx, c.ID, "incoming"))
		}
	}
	if got, _ := b.Tests(ctx, a.ID); len(got) != 0 {
		t.Errorf("keeping the incoming deletion left %+v", got)
	}
}

// TestMergeOnBaseFinalizes: the other side finalized; a copy unchanged
// since the shared draft becomes the finalized inspection, sealed with the
// other side's manifest. A copy edited meanwhile stays a draft with its
// edits, and the finalization is a conflict.
func TestMergeOnBaseFinalizes(t *testing.T) {
	a, b, base := twoCopies(t)
	copyPath := filepath.Join(t.TempDir(), "edited.db")
	must(t, b.Backup(ctx, copyPath))
	edited := openAt(t, copyPath)
	must(t, a.DB.Finalize(ctx, a.ID, "Li Wei"))
	fin, err := a.DB.Manifest(ctx, a.ID)
	must(t, err)
	incoming, _ := a.DB.Dossier(ctx, a.ID)

	rep, err := b.MergeWith(ctx, incoming, fin, sqlite.MergeOptions{Base: base})
	must(t, err)
	if len(rep.Conflicts) != 0 {
		t.Fatalf("conflicts %+v", rep.Conflicts)
	}
	got, _ := b.Inspection(ctx, a.ID)
	if got.Status != inspection.Finalized || got.FinalizedBy != "Li Wei" {
		t.Fatalf("B: status %s by %q, want finalized by Li Wei", got.Status, got.FinalizedBy)
	}
	have, err := b.Manifest(ctx, a.ID)
	must(t, err)
	if d := have.Diff(*fin); len(d) != 0 {
		t.Errorf("B's manifest differs: %v", d)
	}

	fs, _ := edited.Findings(ctx, a.ID)
	fs[0].Quantity = 9
	must(t, edited.PutFinding(ctx, &fs[0]))
	rep, err = edited.MergeWith(ctx, incoming, fin, sqlite.MergeOptions{Base: base})
	must(t, err)
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Entity != "inspection" {
		t.Fatalf("conflicts %+v, want the finalization", rep.Conflicts)
	}
	if in, _ := edited.Inspection(ctx, a.ID); in.Status != inspection.Draft {
		t.Errorf("an edited copy was finalized")
	}
	if q := bundletest.Quantity(t, edited, a.ID, a.Finding); q != 9 {
		t.Errorf("the local edit was lost: %d", q)
	}
}

// TestMergeBaseOfAnotherInspection: a base must be of the same inspection.
func TestMergeBaseOfAnotherInspection(t *testing.T) {
	a, b, _ := twoCopies(t)
	other := bundletest.Seed(t, t.TempDir())
	wrong, _ := other.DB.Dossier(ctx, other.ID)
	incoming, _ := a.DB.Dossier(ctx, a.ID)
	_, err := b.MergeWith(ctx, incoming, nil, sqlite.MergeOptions{Base: wrong})
	wantCode(t, err, inspection.EINVALID)
}
