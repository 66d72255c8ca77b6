package sqlite_test

import (
	"encoding/json"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
)

// TestLibraryCannotTakeAnInspectionsPhoto: a library published by another
// Loupe that carries, as a library photo, the ID of a photo of an
// inspection here, draft or finalized, is refused whole, and nothing is
// written: merged as a conflict, "keep incoming" would move the photo out
// of its inspection, and its link would hang it on the library's sample.
func TestLibraryCannotTakeAnInspectionsPhoto(t *testing.T) {
	for _, finalized := range []bool{false, true} {
		fx := bundletest.Seed(t, t.TempDir())
		if finalized {
			must(t, fx.DB.Finalize(ctx, fx.ID, "Li Wei"))
		}
		libraryTakes(t, fx)
	}
}

func libraryTakes(t *testing.T, fx *bundletest.Fixture) {
	d, err := fx.DB.Dossier(ctx, fx.ID)
	must(t, err)
	var own inspection.Photo
	for _, p := range d.Photos {
		if p.InspectionID == fx.ID {
			own = p
		}
	}
	if own.ID == inspection.NilID {
		t.Fatal("the fixture has no photo of its own")
	}
	sample := inspection.Sample{ID: inspection.NewID(), Kind: inspection.Golden, Code: "GS-9", Version: 1}
	stolen := own
	stolen.InspectionID = inspection.NilID
	stolen.Caption = "now the library's"
	lib := &inspection.Library{Samples: []inspection.Sample{sample}, Photos: []inspection.Photo{stolen},
		Links: []inspection.PhotoLink{{PhotoID: stolen.ID, Kind: inspection.LinkSample, Target: sample.ID.String()}}}
	before := dossierOf(t, fx)
	libBefore, err := fx.DB.Library(ctx)
	must(t, err)
	_, err = fx.DB.MergeLibrary(ctx, lib, nil, nil)
	wantCode(t, err, inspection.EINVALID)
	if after := dossierOf(t, fx); after != before {
		t.Errorf("the finalized inspection changed")
	}
	if libAfter, _ := fx.DB.Library(ctx); mustJSON(t, libAfter) != mustJSON(t, libBefore) {
		t.Errorf("the library changed")
	}
	if cs, _ := fx.DB.Conflicts(ctx, false); len(cs) != 0 {
		t.Errorf("conflicts recorded: %+v", cs)
	}
}

func dossierOf(t *testing.T, fx *bundletest.Fixture) string {
	t.Helper()
	d, err := fx.DB.Dossier(ctx, fx.ID)
	must(t, err)
	return mustJSON(t, d)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err)
	return string(b)
}
