package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestDossier(t *testing.T) {
	db := open(t)
	f := seed(t, db)

	boundary := inspection.Sample{ID: inspection.NewID(), ProductID: f.product.ID, Kind: inspection.Boundary, Code: "BS-1", Version: 1}
	must(t, db.PutSample(ctx, &boundary))
	otherProduct := inspection.Product{ID: inspection.NewID(), SKU: "X-1"}
	must(t, db.PutProduct(ctx, &otherProduct))
	foreign := inspection.Sample{ID: inspection.NewID(), ProductID: otherProduct.ID, Kind: inspection.Boundary, Code: "BS-X", Version: 1}
	unrelated := inspection.Sample{ID: inspection.NewID(), ProductID: otherProduct.ID, Kind: inspection.Golden, Code: "GS-X", Version: 1}
	must(t, db.PutSample(ctx, &foreign))
	must(t, db.PutSample(ctx, &unrelated))

	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Major,
		Description: "Scratch", Quantity: 1, SampleID: foreign.ID}
	must(t, db.PutFinding(ctx, &finding))
	section := inspection.Section{InspectionID: f.in.ID, Kind: inspection.SectionPacking, Result: inspection.Pass}
	must(t, db.PutSection(ctx, &section))
	item := inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: f.in.ID, Section: inspection.SectionPacking, Text: "count"}
	must(t, db.PutChecklistItem(ctx, &item))
	m := inspection.Measurement{ID: inspection.NewID(), InspectionID: f.in.ID, Characteristic: "Height", Values: []float64{1}}
	must(t, db.PutMeasurement(ctx, &m))
	test := inspection.Test{ID: inspection.NewID(), InspectionID: f.in.ID, Kind: inspection.TestOdour, Name: "odour"}
	must(t, db.PutTest(ctx, &test))
	sig := inspection.Signature{ID: inspection.NewID(), InspectionID: f.in.ID, Role: inspection.SignerInspector, Name: "Li Wei"}
	must(t, db.PutSignature(ctx, &sig))

	own := newPhoto(f.in.ID, 'a', 2)
	libLinked := newPhoto(inspection.NilID, 'b', 1)
	libOther := newPhoto(inspection.NilID, 'c', 1)
	for _, p := range []*inspection.Photo{&own, &libLinked, &libOther} {
		must(t, db.PutPhoto(ctx, p))
	}
	links := []inspection.PhotoLink{
		{PhotoID: own.ID, Kind: inspection.LinkFinding, Target: finding.ID.String()},
		{PhotoID: libLinked.ID, Kind: inspection.LinkSample, Target: foreign.ID.String()},
		{PhotoID: libOther.ID, Kind: inspection.LinkSample, Target: unrelated.ID.String()},
	}
	for _, l := range links {
		must(t, db.LinkPhoto(ctx, l))
	}

	d, err := db.Dossier(ctx, f.in.ID)
	must(t, err)
	in, err := db.Inspection(ctx, f.in.ID)
	must(t, err)
	want := inspection.Dossier{
		Inspection: *in, Client: f.client, Supplier: f.supplier, Factory: f.factory, Product: f.product,
		Samples:      []inspection.Sample{boundary, foreign, f.golden},
		Sections:     []inspection.Section{section},
		Checklist:    []inspection.ChecklistItem{item},
		Findings:     []inspection.Finding{finding},
		Measurements: []inspection.Measurement{m},
		Tests:        []inspection.Test{test},
		Photos:       []inspection.Photo{own, libLinked},
		Links:        []inspection.PhotoLink{links[0], links[1]},
		Signatures:   []inspection.Signature{sig},
	}
	if want.Links[0].PhotoID.String() > want.Links[1].PhotoID.String() {
		want.Links[0], want.Links[1] = want.Links[1], want.Links[0]
	}
	if !reflect.DeepEqual(*d, want) {
		t.Errorf("Dossier =\n%+v\nwant\n%+v", *d, want)
	}
	if got := d.PhotosOf(inspection.LinkFinding, finding.ID.String()); len(got) != 1 || got[0].ID != own.ID {
		t.Errorf("PhotosOf(finding) = %+v", got)
	}
}
