package sqlite_test

import (
	"math"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestEveryPutValidates sends each Put a record its Validate refuses and
// checks the store refuses it with EINVALID and keeps what it had.
func TestEveryPutValidates(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	id := f.in.ID
	before, err := db.Dossier(ctx, id)
	must(t, err)
	for name, put := range map[string]func() error{
		"PutInspection lot size": func() error { c := *f.in; c.LotSize = -1; return db.PutInspection(ctx, &c) },
		"PutInspection AQL":      func() error { c := *f.in; c.AQLMajor = math.Inf(1); return db.PutInspection(ctx, &c) },
		"PutInspection status":   func() error { c := *f.in; c.Status = "approved"; return db.PutInspection(ctx, &c) },
		"PutFinding class": func() error {
			return db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: id, Class: "ugly", Quantity: 1})
		},
		"PutSection kind": func() error {
			return db.PutSection(ctx, &inspection.Section{InspectionID: id, Kind: "roof", Result: inspection.Pass})
		},
		"PutChecklistItem result": func() error {
			return db.PutChecklistItem(ctx, &inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: id, Section: inspection.SectionPacking, Result: "ok"})
		},
		"PutMeasurement tolerance": func() error {
			return db.PutMeasurement(ctx, &inspection.Measurement{ID: inspection.NewID(), InspectionID: id, TolPlus: -1})
		},
		"PutTest sample size": func() error {
			return db.PutTest(ctx, &inspection.Test{ID: inspection.NewID(), InspectionID: id, Kind: inspection.TestDrop, SampleSize: -3})
		},
		"PutPhoto extension": func() error { p := newPhoto(id, 'c', 9); p.Ext = ".exe"; return db.PutPhoto(ctx, &p) },
		"PutSignature role": func() error {
			return db.PutSignature(ctx, &inspection.Signature{ID: inspection.NewID(), InspectionID: id, Role: "buyer"})
		},
		"PutSample kind":  func() error { return db.PutSample(ctx, &inspection.Sample{ID: inspection.NewID(), Kind: "silver"}) },
		"PutClient no ID": func() error { return db.PutClient(ctx, &inspection.Client{Name: "x"}) },
		"LinkPhoto kind": func() error {
			return db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: inspection.NewID(), Kind: "poster", Target: "x"})
		},
	} {
		if err := put(); inspection.ErrorCode(err) != inspection.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
	after, err := db.Dossier(ctx, id)
	must(t, err)
	if diff := inspection.DiffDossiers(before, after, "before", "after"); len(diff) > 0 {
		t.Errorf("refused writes changed the inspection: %v", diff)
	}
}
