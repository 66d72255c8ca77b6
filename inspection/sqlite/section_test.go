package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestSectionsAndChecklistRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	// Stored out of order; read back in report order.
	want := []inspection.Section{
		{InspectionID: f.in.ID, Kind: inspection.SectionQuantity, Result: inspection.Pass},
		{InspectionID: f.in.ID, Kind: inspection.SectionPacking, Result: inspection.Pending, Notes: "客户确认"},
		{InspectionID: f.in.ID, Kind: inspection.SectionClient, Result: inspection.NA},
	}
	for _, i := range []int{2, 0, 1} {
		must(t, db.PutSection(ctx, &want[i]))
	}
	got, err := db.Sections(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sections =\n%+v\nwant\n%+v", got, want)
	}
	// Put replaces by (inspection, kind).
	want[1].Result = inspection.Pass
	must(t, db.PutSection(ctx, &want[1]))
	got, err = db.Sections(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after update Sections =\n%+v\nwant\n%+v", got, want)
	}
	wantCode(t, db.PutSection(ctx, &inspection.Section{InspectionID: f.in.ID, Kind: inspection.SectionMarking, Result: "ok"}), inspection.EINVALID)

	items := []inspection.ChecklistItem{
		{ID: inspection.NewID(), InspectionID: f.in.ID, Section: inspection.SectionMarking, Position: 1,
			Text: "Shipping marks match the PO", Result: inspection.Pass},
		{ID: inspection.NewID(), InspectionID: f.in.ID, Section: inspection.SectionPacking, Position: 2,
			Text: "6 mugs per inner box", Result: inspection.Fail, Notes: "5 in carton 17"},
	}
	for i := range items {
		must(t, db.PutChecklistItem(ctx, &items[i]))
	}
	gotItems, err := db.Checklist(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(gotItems, items) {
		t.Errorf("Checklist =\n%+v\nwant\n%+v", gotItems, items)
	}
	must(t, db.DeleteChecklistItem(ctx, items[0].ID))
	gotItems, err = db.Checklist(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(gotItems, items[1:]) {
		t.Errorf("after delete Checklist = %+v", gotItems)
	}
}
