package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestTestsRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	want := []inspection.Test{
		{ID: inspection.NewID(), InspectionID: f.in.ID, Position: 1, Kind: inspection.TestBarcode, Name: "EAN on gift box",
			SampleSize: 5, Result: inspection.Pass, Expected: "4006381333931", Observed: "4006381333931"},
		{ID: inspection.NewID(), InspectionID: f.in.ID, Position: 2, Kind: inspection.TestDrop, Name: "Carton drop",
			SampleSize: 1, Result: inspection.Fail, Notes: "外箱破损"},
	}
	for i := range want {
		must(t, db.PutTest(ctx, &want[i]))
	}
	got, err := db.Tests(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tests =\n%+v\nwant\n%+v", got, want)
	}
	must(t, db.DeleteTest(ctx, want[0].ID))
	wantCode(t, db.DeleteTest(ctx, want[0].ID), inspection.ENOTFOUND)
}
