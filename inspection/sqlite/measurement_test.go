package sqlite_test

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

func TestMeasurementsRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	want := []inspection.Measurement{
		{ID: inspection.NewID(), InspectionID: f.in.ID, Position: 1, Characteristic: "Height", Unit: "mm",
			Nominal: 95, TolMinus: 0.5, TolPlus: 0.5, CTQ: true, Values: []float64{95.1, 94.8, 0.1 + 0.2, 1e-300, -0.0},
			Instrument: "Caliper #7", CalibratedOn: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)},
		{ID: inspection.NewID(), InspectionID: f.in.ID, Position: 2, Characteristic: "口径", Unit: "mm"},
	}
	for i := range want {
		must(t, db.PutMeasurement(ctx, &want[i]))
	}
	got, err := db.Measurements(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Measurements =\n%+v\nwant\n%+v", got, want)
	}
	must(t, db.DeleteMeasurement(ctx, want[1].ID))
	got, err = db.Measurements(ctx, f.in.ID)
	must(t, err)
	if len(got) != 1 {
		t.Errorf("after delete %d measurements, want 1", len(got))
	}

	bad := inspection.Measurement{ID: inspection.NewID(), InspectionID: f.in.ID, Values: []float64{math.NaN()}}
	wantCode(t, db.PutMeasurement(ctx, &bad), inspection.EINVALID)
}
