package sqlite_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

func TestSignaturesRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	want := []inspection.Signature{
		{ID: inspection.NewID(), InspectionID: f.in.ID, Role: inspection.SignerInspector, Name: "Li Wei",
			SignedAt: time.Date(2026, 3, 4, 16, 0, 0, 0, time.UTC), PNG: []byte("\x89PNG\r\n\x1a\n...")},
		{ID: inspection.NewID(), InspectionID: f.in.ID, Role: inspection.SignerFactory, Name: "王经理",
			SignedAt: time.Date(2026, 3, 4, 16, 5, 0, 0, time.UTC), Waived: true, WaiverReason: "manager left site"},
	}
	for i := range want {
		must(t, db.PutSignature(ctx, &want[i]))
	}
	got, err := db.Signatures(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Signatures =\n%+v\nwant\n%+v", got, want)
	}
}
