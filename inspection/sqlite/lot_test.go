package sqlite_test

import (
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
	"github.com/loupeqc/loupe/inspection/sqlite/sqlitetest"
)

func TestLotHistory(t *testing.T) {
	db := open(t)
	f := seed(t, db) // a draft: not a lot yet
	otherProduct := inspection.Product{ID: inspection.NewID(), SKU: "HB-9"}
	must(t, db.PutProduct(ctx, &otherProduct))

	// Lot 3200 at level II: 125 units, majors rejected at 8. A packing
	// failure fails the report but not the sampling plan.
	finalize := func(reportNo string, d int, sev aql.Severity, packing inspection.Result, majors int, product inspection.ID) {
		t.Helper()
		in := newInspection(f, reportNo, day(2026, 2, d))
		in.Severity, in.ProductID = sev, product
		must(t, db.PutInspection(ctx, in))
		must(t, db.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: inspection.SectionPacking, Result: packing}))
		if majors > 0 {
			must(t, db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Major, Description: "dent", Quantity: majors}))
		}
		sqlitetest.Finalize(t, db, in.ID)
	}
	// Stored out of date order; listed oldest first.
	finalize("3", 20, aql.Tightened, inspection.Fail, 0, f.product.ID)
	finalize("1", 1, aql.Normal, inspection.Pass, 3, f.product.ID)
	finalize("2", 10, aql.Normal, inspection.Pass, 8, f.product.ID)
	finalize("4", 21, aql.Normal, inspection.Pending, 0, f.product.ID)
	finalize("x", 5, aql.Normal, inspection.Pass, 20, otherProduct.ID)

	lots, err := db.LotHistory(ctx, f.supplier.ID, f.product.ID)
	must(t, err)
	want := []struct {
		accepted bool
		severity aql.Severity
	}{{true, aql.Normal}, {false, aql.Normal}, {true, aql.Tightened}, {true, aql.Normal}}
	if len(lots) != len(want) {
		t.Fatalf("LotHistory = %+v, want %d lots", lots, len(want))
	}
	for i, w := range want {
		if lots[i].Accepted != w.accepted || lots[i].Severity != w.severity {
			t.Errorf("lot %d = %+v, want accepted=%v severity=%v", i, lots[i], w.accepted, w.severity)
		}
	}
}
