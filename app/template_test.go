package app

import (
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestReinspectCopiesWhatToCheck re-inspects from the list and checks the
// new draft links back, keeps the lot and the checks, and carries no result.
func TestReinspectCopiesWhatToCheck(t *testing.T) {
	d := newTestDesk(t)
	ctx := d.ctx()
	old, err := createInspection(d)
	if err != nil {
		t.Fatal(err)
	}
	old.LotSize, old.POs = 3200, []string{"PO-9"}
	if err := d.Store.PutInspection(ctx, old); err != nil {
		t.Fatal(err)
	}
	item := &inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: old.ID, Section: inspection.SectionMarking, Text: "Shipping marks", Result: inspection.Fail, Notes: "wrong PO"}
	if err := d.Store.PutChecklistItem(ctx, item); err != nil {
		t.Fatal(err)
	}
	d.ShowHome()
	d.Home.reinspect(d.Home.Rows()[0])
	d.bg.Wait() // it opens behind a busy sign
	e := d.Editor
	if e == nil || e.in.ID == old.ID {
		t.Fatal("Re-inspect did not open a new inspection")
	}
	if e.in.ReinspectionOf != old.ID || e.in.LotSize != 3200 || len(e.in.POs) != 1 {
		t.Errorf("re-inspection %+v: want it linked to %s with the lot", e.in, old.ID)
	}
	checks, err := d.Store.Checklist(ctx, e.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 1 || checks[0].Text != "Shipping marks" || checks[0].Result != inspection.Unjudged || checks[0].Notes != "" {
		t.Errorf("checks of the re-inspection = %+v", checks)
	}
}
