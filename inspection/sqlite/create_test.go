package sqlite_test

import (
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

func TestCreateInspectionIsOneTransaction(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	must(t, db.PutChecklistItem(ctx, &inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: f.in.ID, Section: inspection.SectionPacking, Text: "5-ply", Result: inspection.Fail}))
	must(t, db.PutTest(ctx, &inspection.Test{ID: inspection.NewID(), InspectionID: f.in.ID, Kind: inspection.TestBarcode, Expected: "96385074", Observed: "96385074"}))
	d, err := db.Dossier(ctx, f.in.ID)
	must(t, err)
	now := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)

	next := inspection.Reinspection(d, now, now, "Zhang San")
	must(t, db.CreateInspection(ctx, next))
	got, err := db.Dossier(ctx, next.Inspection.ID)
	must(t, err)
	if got.Inspection.ReinspectionOf != f.in.ID || len(got.Checklist) != 1 || len(got.Tests) != 1 || got.Checklist[0].Result != inspection.Unjudged {
		t.Fatalf("re-inspection stored as %+v", got)
	}
	if err := db.CreateInspection(ctx, next); inspection.ErrorCode(err) != inspection.ECONFLICT {
		t.Errorf("creating the same inspection twice: %v, want a conflict", err)
	}

	// A record that cannot be stored takes the whole copy with it.
	broken := inspection.Template(d, now, now, "")
	broken.Findings = []inspection.Finding{{ID: inspection.NewID(), InspectionID: broken.Inspection.ID, Class: inspection.Minor, Quantity: 1, SampleID: inspection.NewID()}}
	if err := db.CreateInspection(ctx, broken); err == nil {
		t.Fatal("a finding judged against a sample that does not exist was stored")
	}
	if _, err := db.Inspection(ctx, broken.Inspection.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
		t.Errorf("after the failed copy the inspection is there: %v", err)
	}
	list, err := db.Checklist(ctx, broken.Inspection.ID)
	must(t, err)
	if len(list) != 0 {
		t.Errorf("after the failed copy %d checklist items remain", len(list))
	}

	finalized := inspection.Template(d, now, now, "")
	finalized.Inspection.Status = inspection.Finalized
	if err := db.CreateInspection(ctx, finalized); inspection.ErrorCode(err) != inspection.EINVALID {
		t.Errorf("a new inspection created finalized: %v", err)
	}
}
