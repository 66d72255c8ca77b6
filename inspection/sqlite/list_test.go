package sqlite_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite/sqlitetest"
)

func TestListInspections(t *testing.T) {
	db := open(t)
	f := seed(t, db) // 2026-03-04
	must(t, db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 3}))
	must(t, db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 1}))

	other := inspection.Supplier{ID: inspection.NewID(), Name: "Foshan Ceramics"}
	must(t, db.PutSupplier(ctx, &other))
	march5 := newInspection(f, "B", time.Date(2026, 3, 5, 23, 30, 0, 0, time.UTC))
	march5.SupplierID, march5.FactoryID, march5.ProductID = other.ID, inspection.NilID, inspection.NilID
	must(t, db.PutInspection(ctx, march5))
	sameDay := newInspection(f, "C", day(2026, 3, 5)) // same day, earlier hour
	must(t, db.PutInspection(ctx, sameDay))
	undated := &inspection.Inspection{ID: inspection.NewID(), ReportNo: "D", Status: inspection.Draft}
	must(t, db.PutInspection(ctx, undated))
	judgeAll(t, db, f.in.ID)
	sqlitetest.Finalize(t, db, f.in.ID)

	all, err := db.ListInspections(ctx, inspection.Filter{})
	must(t, err)
	wantOrder := []inspection.ID{march5.ID, sameDay.ID, f.in.ID, undated.ID}
	if !sameIDs(all, wantOrder) {
		t.Fatalf("order = %v, want %v", ids(all), wantOrder)
	}
	want := inspection.Summary{ID: f.in.ID, ReportNo: f.in.ReportNo, Type: inspection.PSI, Status: inspection.Finalized,
		Date: f.in.Date, Supplier: f.supplier.Name, SupplierID: f.supplier.ID, Product: "HB-4471 — Ceramic mug 350 ml",
		POs: f.in.POs, Inspector: "Li Wei", Verdict: inspection.VerdictPass, Findings: 2}
	if !reflect.DeepEqual(all[2], want) {
		t.Errorf("summary =\n%+v\nwant\n%+v", all[2], want)
	}
	if all[0].Supplier != "Foshan Ceramics" || all[0].Product != "" {
		t.Errorf("summary without product = %+v", all[0])
	}

	shanghai := time.FixedZone("CST", 8*3600)
	for name, tc := range map[string]struct {
		f    inspection.Filter
		want []inspection.ID
	}{
		"supplier":   {inspection.Filter{SupplierID: other.ID}, []inspection.ID{march5.ID}},
		"status":     {inspection.Filter{Status: inspection.Finalized}, []inspection.ID{f.in.ID}},
		"verdict":    {inspection.Filter{Verdict: inspection.VerdictIncomplete, Status: inspection.Draft}, []inspection.ID{march5.ID, sameDay.ID, undated.ID}},
		"limit":      {inspection.Filter{Limit: 2}, []inspection.ID{march5.ID, sameDay.ID}},
		"one day":    {inspection.Filter{From: day(2026, 3, 5), To: day(2026, 3, 5)}, []inspection.ID{march5.ID, sameDay.ID}},
		"from":       {inspection.Filter{From: day(2026, 3, 5)}, []inspection.ID{march5.ID, sameDay.ID}},
		"to":         {inspection.Filter{To: day(2026, 3, 4)}, []inspection.ID{f.in.ID}},
		"to evening": {inspection.Filter{To: time.Date(2026, 3, 4, 18, 0, 0, 0, time.UTC)}, []inspection.ID{f.in.ID}},
		"time zone":  {inspection.Filter{From: time.Date(2026, 3, 6, 0, 0, 0, 0, shanghai)}, []inspection.ID{march5.ID}},
		"nothing":    {inspection.Filter{From: day(2027, 1, 1)}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := db.ListInspections(ctx, tc.f)
			must(t, err)
			if !sameIDs(got, tc.want) {
				t.Errorf("ListInspections(%+v) = %v, want %v", tc.f, ids(got), tc.want)
			}
		})
	}
}
