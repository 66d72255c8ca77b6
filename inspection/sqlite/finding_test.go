package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestFindingsRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	want := []inspection.Finding{
		{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Major, Description: "Glaze scratch",
			Location: "side B, near handle", Quantity: 2, Units: []int{4, 17}, SampleID: f.golden.ID, Position: 1},
		{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Description: "杯底有黑点",
			Quantity: 1, Position: 2},
		{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Critical, Description: "Sharp edge",
			Quantity: 1, Units: []int{}, Position: 3},
	}
	for i := range want {
		must(t, db.PutFinding(ctx, &want[i]))
	}
	got, err := db.Findings(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Findings =\n%+v\nwant\n%+v", got, want)
	}

	must(t, db.DeleteFinding(ctx, want[1].ID))
	got, err = db.Findings(ctx, f.in.ID)
	must(t, err)
	if len(got) != 2 {
		t.Errorf("after delete %d findings, want 2", len(got))
	}
	wantCode(t, db.DeleteFinding(ctx, want[1].ID), inspection.ENOTFOUND)
}

func TestFindingValidation(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	for name, fd := range map[string]inspection.Finding{
		"class":    {Class: "cosmetic", Quantity: 1},
		"quantity": {Class: inspection.Minor, Quantity: -1},
		"unit":     {Class: inspection.Minor, Units: []int{0}},
	} {
		fd.ID, fd.InspectionID = inspection.NewID(), f.in.ID
		t.Run(name, func(t *testing.T) { wantCode(t, db.PutFinding(ctx, &fd), inspection.EINVALID) })
	}
	missing := inspection.Finding{ID: inspection.NewID(), InspectionID: inspection.NewID(), Class: inspection.Minor}
	wantCode(t, db.PutFinding(ctx, &missing), inspection.ENOTFOUND)

	// A finding cannot hop to another inspection (it could leave a finalized one).
	fd := inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 1}
	must(t, db.PutFinding(ctx, &fd))
	other := newInspection(f, "LP-2", day(2026, 3, 6))
	must(t, db.PutInspection(ctx, other))
	fd.InspectionID = other.ID
	wantCode(t, db.PutFinding(ctx, &fd), inspection.ECONFLICT)
}
