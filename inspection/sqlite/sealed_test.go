package sqlite_test

import (
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestLibraryMovesOnWithoutUnsealing: the office adds and supersedes
// samples every season; a finalized inspection must keep verifying, and the
// sample version it used can no longer change under it.
func TestLibraryMovesOnWithoutUnsealing(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	boundary := inspection.Sample{ID: inspection.NewID(), ProductID: f.product.ID, Kind: inspection.Boundary,
		Code: "BS-4471-02", Version: 1, Date: day(2026, 2, 1), Limit: "scratch up to 2 mm"}
	must(t, db.PutSample(ctx, &boundary))
	libPhoto := newPhoto(inspection.NilID, 'b', 1)
	must(t, db.PutPhoto(ctx, &libPhoto))
	must(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: libPhoto.ID, Kind: inspection.LinkSample, Target: boundary.ID.String()}))

	finding := complete(t, db, f.in)
	finding.SampleID = boundary.ID
	must(t, db.PutFinding(ctx, &finding))
	must(t, db.Finalize(ctx, f.in.ID, "Li Wei"))
	sealed, err := db.Manifest(ctx, f.in.ID)
	must(t, err)
	d, err := db.Dossier(ctx, f.in.ID)
	must(t, err)
	printed, err := inspection.ContentHash(d)
	must(t, err)

	// The library moves on: new versions, a new sample, a photo of the new version.
	nextGolden := inspection.Sample{Kind: inspection.Golden, Code: "GS-4471-A", Date: day(2026, 6, 1), Notes: "new glaze"}
	must(t, db.SupersedeSample(ctx, f.golden.ID, &nextGolden))
	nextBoundary := inspection.Sample{Kind: inspection.Boundary, Code: "BS-4471-02", Date: day(2026, 6, 1), Limit: "scratch up to 1 mm"}
	must(t, db.SupersedeSample(ctx, boundary.ID, &nextBoundary))
	other := inspection.Sample{ID: inspection.NewID(), ProductID: f.product.ID, Kind: inspection.Boundary, Code: "BS-4471-03", Version: 1, Date: day(2026, 6, 2)}
	must(t, db.PutSample(ctx, &other))
	newPhotoOfNext := newPhoto(inspection.NilID, 'c', 2)
	must(t, db.PutPhoto(ctx, &newPhotoOfNext))
	must(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: newPhotoOfNext.ID, Kind: inspection.LinkSample, Target: nextBoundary.ID.String()}))

	d, err = db.Dossier(ctx, f.in.ID)
	must(t, err)
	now, err := sealed.Recompute(d)
	must(t, err)
	if diffs := sealed.Diff(now); len(diffs) > 0 {
		t.Errorf("superseding samples changed a finalized inspection: %v", diffs)
	}
	if ok, err := inspection.MatchesContentHash(d, printed); err != nil || !ok {
		t.Errorf("the report printed before the library moved on no longer verifies (%v)", err)
	}

	// The versions it used are frozen; the new ones are not.
	edited := boundary
	edited.SupersededBy = nextBoundary.ID
	edited.Limit = "scratch up to 3 mm"
	wantCode(t, db.PutSample(ctx, &edited), inspection.EREADONLY)
	same := edited
	same.Limit = boundary.Limit
	must(t, db.PutSample(ctx, &same)) // written again unchanged, as a merge does
	extra := newPhoto(inspection.NilID, 'd', 3)
	must(t, db.PutPhoto(ctx, &extra))
	wantCode(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: extra.ID, Kind: inspection.LinkSample, Target: boundary.ID.String()}), inspection.EREADONLY)
	wantCode(t, db.DeletePhoto(ctx, libPhoto.ID), inspection.EREADONLY)
	wantCode(t, db.UnlinkPhoto(ctx, inspection.PhotoLink{PhotoID: libPhoto.ID, Kind: inspection.LinkSample, Target: boundary.ID.String()}), inspection.EREADONLY)
	must(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: libPhoto.ID, Kind: inspection.LinkSample, Target: boundary.ID.String()})) // already there: nothing changes
	recaptioned := libPhoto
	recaptioned.Caption = "another scratch"
	wantCode(t, db.PutPhoto(ctx, &recaptioned), inspection.EREADONLY)
	must(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: extra.ID, Kind: inspection.LinkSample, Target: nextBoundary.ID.String()}))
	nextBoundary.Notes = "approved by the client"
	must(t, db.PutSample(ctx, &nextBoundary))

	d, err = db.Dossier(ctx, f.in.ID)
	must(t, err)
	if now, _ = sealed.Recompute(d); len(sealed.Diff(now)) > 0 {
		t.Errorf("work on the new versions changed the finalized inspection: %v", sealed.Diff(now))
	}
}
