package sqlite_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

func sha(c byte) string { return strings.Repeat(string(c), 64) }

func newPhoto(inspectionID inspection.ID, content byte, pos int) inspection.Photo {
	return inspection.Photo{ID: inspection.NewID(), InspectionID: inspectionID, SHA256: sha(content), Ext: ".jpg",
		OriginalName: "IMG_00" + string(content) + ".JPG", Width: 1600, Height: 1200, Size: 2_345_678, Position: pos,
		CreatedAt: time.Date(2026, 3, 4, 10, 0, pos, 0, time.UTC)}
}

func TestPhotosRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	p1 := newPhoto(f.in.ID, 'a', 1)
	p1.Caption, p1.TakenAt, p1.Annotations = "划痕特写", time.Date(2026, 3, 4, 10, 12, 0, 0, time.UTC), `[{"kind":"arrow","x1":0.1,"y1":0.2,"x2":0.3,"y2":0.4}]`
	p2 := newPhoto(f.in.ID, 'b', 2)
	lib := newPhoto(inspection.NilID, 'a', 1) // same content in the library is fine
	for _, p := range []*inspection.Photo{&p2, &p1, &lib} {
		must(t, db.PutPhoto(ctx, p))
	}

	got, err := db.Photos(ctx, f.in.ID)
	must(t, err)
	if !reflect.DeepEqual(got, []inspection.Photo{p1, p2}) {
		t.Errorf("Photos =\n%+v\nwant\n%+v", got, []inspection.Photo{p1, p2})
	}
	got, err = db.Photos(ctx, inspection.NilID)
	must(t, err)
	if !reflect.DeepEqual(got, []inspection.Photo{lib}) {
		t.Errorf("library Photos = %+v", got)
	}
	one, err := db.Photo(ctx, p1.ID)
	must(t, err)
	if !reflect.DeepEqual(*one, p1) {
		t.Errorf("Photo = %+v, want %+v", *one, p1)
	}
	for _, tc := range []struct {
		in   inspection.ID
		want inspection.ID
	}{{f.in.ID, p1.ID}, {inspection.NilID, lib.ID}} {
		p, err := db.PhotoBySHA(ctx, tc.in, sha('a'))
		must(t, err)
		if p.ID != tc.want {
			t.Errorf("PhotoBySHA(%s) = %s, want %s", tc.in, p.ID, tc.want)
		}
	}
	_, err = db.PhotoBySHA(ctx, inspection.NilID, sha('b'))
	wantCode(t, err, inspection.ENOTFOUND)

	// One row per content per inspection, the library included.
	for _, dup := range []inspection.Photo{newPhoto(f.in.ID, 'a', 3), newPhoto(inspection.NilID, 'a', 3)} {
		wantCode(t, db.PutPhoto(ctx, &dup), inspection.ECONFLICT)
	}

	// Links: idempotent, listed, removed with the photo.
	links := []inspection.PhotoLink{
		{PhotoID: p1.ID, Kind: inspection.LinkFinding, Target: inspection.NewID().String()},
		{PhotoID: p1.ID, Kind: inspection.LinkSection, Target: string(inspection.SectionWorkmanship)},
	}
	for _, l := range append(links, links...) {
		must(t, db.LinkPhoto(ctx, l))
	}
	gotLinks, err := db.PhotoLinks(ctx, p1.ID)
	must(t, err)
	if !reflect.DeepEqual(gotLinks, links) {
		t.Errorf("PhotoLinks = %+v, want %+v", gotLinks, links)
	}
	must(t, db.UnlinkPhoto(ctx, links[1]))
	must(t, db.UnlinkPhoto(ctx, links[1]))
	wantCode(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: p1.ID, Kind: "wall"}), inspection.EINVALID)
	wantCode(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: inspection.NewID(), Kind: inspection.LinkTest, Target: "x"}), inspection.ENOTFOUND)

	inUse := func(c byte) bool {
		ok, err := db.SHAInUse(ctx, sha(c))
		must(t, err)
		return ok
	}
	must(t, db.DeletePhoto(ctx, p1.ID))
	gotLinks, err = db.PhotoLinks(ctx, p1.ID)
	must(t, err)
	if len(gotLinks) != 0 {
		t.Errorf("links survived DeletePhoto: %+v", gotLinks)
	}
	if !inUse('a') {
		t.Error("SHAInUse(a) = false while the library still holds it")
	}
	must(t, db.DeletePhoto(ctx, lib.ID))
	if inUse('a') || !inUse('b') {
		t.Errorf("SHAInUse after deletes: a=%v b=%v, want false true", inUse('a'), inUse('b'))
	}
	wantCode(t, db.DeletePhoto(ctx, lib.ID), inspection.ENOTFOUND)
}

func TestPhotoCreatedAtDefault(t *testing.T) {
	db := open(t)
	p := newPhoto(inspection.NilID, 'c', 1)
	p.CreatedAt = time.Time{}
	must(t, db.PutPhoto(ctx, &p))
	if p.CreatedAt.IsZero() {
		t.Fatal("CreatedAt not set")
	}
	got, err := db.Photo(ctx, p.ID)
	must(t, err)
	if !got.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("CreatedAt = %v, want %v", got.CreatedAt, p.CreatedAt)
	}
}

func TestAddPhotoKeepsContentAndPositionsUnique(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	first := newPhoto(f.in.ID, 'a', 0)
	if dup, err := db.AddPhoto(ctx, &first); err != nil || dup != nil {
		t.Fatalf("AddPhoto: %v %v", dup, err)
	}
	// Another process computed the same next position for other content.
	second := newPhoto(f.in.ID, 'b', 0)
	if dup, err := db.AddPhoto(ctx, &second); err != nil || dup != nil {
		t.Fatalf("AddPhoto: %v %v", dup, err)
	}
	if second.Position != 1 {
		t.Errorf("a photo given a taken position went to %d, want 1 (after the last)", second.Position)
	}
	// And imported the same content as the first.
	again := newPhoto(f.in.ID, 'a', 7)
	dup, err := db.AddPhoto(ctx, &again)
	must(t, err)
	if dup == nil || dup.ID != first.ID {
		t.Fatalf("same content again: %+v, want photo %s", dup, first.ID)
	}
	photos, err := db.Photos(ctx, f.in.ID)
	must(t, err)
	if len(photos) != 2 {
		t.Errorf("%d photos, want 2", len(photos))
	}
}
