package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestSamplesRoundTripAndSupersede(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	boundary := inspection.Sample{ID: inspection.NewID(), ProductID: f.product.ID, Kind: inspection.Boundary,
		Code: "BS-4471-02", Version: 2, Date: day(2026, 2, 1), Limit: "scratch up to 2 mm on side B", Notes: "封样"}
	must(t, db.PutSample(ctx, &boundary))

	next := inspection.Sample{Kind: inspection.Golden, Code: "GS-4471-A", Date: day(2026, 3, 1), Notes: "new glaze"}
	must(t, db.SupersedeSample(ctx, f.golden.ID, &next))
	if next.ID == inspection.NilID || next.Version != 2 || next.ProductID != f.product.ID {
		t.Fatalf("SupersedeSample did not fill in the new version: %+v", next)
	}
	old := f.golden
	old.SupersededBy = next.ID

	got, err := db.Samples(ctx, f.product.ID)
	must(t, err)
	want := []inspection.Sample{boundary, next, old} // by code, newest version first
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Samples =\n%+v\nwant\n%+v", got, want)
	}

	// Superseding an old version again is a mistake the user must hear about.
	wantCode(t, db.SupersedeSample(ctx, f.golden.ID, &inspection.Sample{}), inspection.ECONFLICT)
	wantCode(t, db.SupersedeSample(ctx, inspection.NewID(), &inspection.Sample{}), inspection.ENOTFOUND)
}
