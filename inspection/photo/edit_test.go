package photo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestDeleteRefusesLinkedPhotoAndKeepsSharedFiles(t *testing.T) {
	im, db, insp := newImporter(t)
	ctx := context.Background()
	path := writeFile(t, t.TempDir(), "scratch.jpg", encodeTestJPEG(t, quadrants(40, 30)))
	r := im.ImportFile(ctx, insp, path)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	p := r.Photo
	link := inspection.PhotoLink{PhotoID: p.ID, Kind: inspection.LinkSection, Target: "workmanship"}
	if err := db.LinkPhoto(ctx, link); err != nil {
		t.Fatal(err)
	}
	err := im.Delete(ctx, p.ID)
	if inspection.ErrorCode(err) != inspection.ECONFLICT || !strings.Contains(err.Error(), "unlink") {
		t.Fatalf("deleting a linked photo: %v", err)
	}
	if _, err := db.Photo(ctx, p.ID); err != nil {
		t.Fatalf("refused delete removed the row: %v", err)
	}

	// The same content in another inspection keeps the files alive.
	in2 := inspection.NewInspection(inspection.DUPRO, inspectionDay)
	if err := db.PutInspection(ctx, in2); err != nil {
		t.Fatal(err)
	}
	r2 := im.ImportFile(ctx, in2.ID, path)
	if r2.Err != nil {
		t.Fatal(r2.Err)
	}
	if err := db.UnlinkPhoto(ctx, link); err != nil {
		t.Fatal(err)
	}
	if err := im.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(im.Files.Original(p.SHA256, p.Ext)); err != nil {
		t.Fatalf("files of content still used by another inspection were removed: %v", err)
	}
	if err := im.Delete(ctx, r2.Photo.ID); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{im.Files.Original(p.SHA256, p.Ext), im.Files.Working(p.SHA256), im.Files.Thumbnail(p.SHA256)} {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left after the last photo using it was deleted (%v)", f, err)
		}
	}
}

func TestRelinkAndCaption(t *testing.T) {
	im, db, insp := newImporter(t)
	ctx := context.Background()
	r := im.ImportFile(ctx, insp, writeFile(t, t.TempDir(), "a.jpg", encodeTestJPEG(t, quadrants(16, 8))))
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	from := inspection.PhotoLink{PhotoID: r.Photo.ID, Kind: inspection.LinkSection, Target: "packing"}
	to := inspection.PhotoLink{PhotoID: r.Photo.ID, Kind: inspection.LinkSection, Target: "marking"}
	if err := db.LinkPhoto(ctx, from); err != nil {
		t.Fatal(err)
	}
	if err := im.Relink(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	if links, _ := db.PhotoLinks(ctx, r.Photo.ID); len(links) != 1 || links[0] != to {
		t.Errorf("links after relink: %+v", links)
	}
	if err := im.SetCaption(ctx, r.Photo.ID, "  Shipping mark, carton 12  "); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.Photo(ctx, r.Photo.ID); p.Caption != "Shipping mark, carton 12" {
		t.Errorf("caption %q", p.Caption)
	}
}

// crashingStore loses power at the moment the row would be committed.
type crashingStore struct{ inspection.Store }

func (crashingStore) AddPhoto(context.Context, *inspection.Photo) (*inspection.Photo, error) {
	return nil, errors.New("power cut")
}

// orderCheckingStore fails the test if a row is committed before its files.
type orderCheckingStore struct {
	inspection.Store
	t     *testing.T
	files Files
}

func (s orderCheckingStore) AddPhoto(ctx context.Context, p *inspection.Photo) (*inspection.Photo, error) {
	if !s.files.complete(p.SHA256, p.Ext) {
		s.t.Errorf("row for %s committed before its files were stored", p.OriginalName)
	}
	return s.Store.AddPhoto(ctx, p)
}

func TestCrashBetweenFilesAndRow(t *testing.T) {
	im, db, insp := newImporter(t)
	ctx := context.Background()
	path := writeFile(t, t.TempDir(), "IMG_0100.JPG", encodeTestJPEG(t, quadrants(40, 30)))

	crashed := &Importer{Store: crashingStore{db}, Files: im.Files}
	r := crashed.ImportFile(ctx, insp, path)
	if r.Err == nil || !strings.Contains(r.Err.Error(), "power cut") {
		t.Fatalf("crash not reported: %+v", r)
	}
	if photos, _ := db.Photos(ctx, insp); len(photos) != 0 {
		t.Fatalf("a row exists after the crash: %+v", photos)
	}

	// A second crash, in the middle of writing the working copy: the final
	// name never appeared, only a temporary file.
	sum := shaOf(t, path)
	if err := os.Remove(im.Files.Working(sum)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Dir(im.Files.Working(sum)), ".tmp-123456", []byte{0xFF, 0xD8, 0xFF})

	checked := &Importer{Store: orderCheckingStore{db, t, im.Files}, Files: im.Files}
	r = checked.ImportFile(ctx, insp, path)
	if r.Err != nil || r.Duplicate {
		t.Fatalf("import after the crash: %+v", r)
	}
	photos, _ := db.Photos(ctx, insp)
	if len(photos) != 1 {
		t.Fatalf("%d rows", len(photos))
	}
	assertFilesExist(t, im, photos)
	checkUpright(t, "working copy rendered again", loadJPEG(t, im.Files.Working(sum)))
}

func shaOf(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := inspect(context.Background(), f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return src.sha
}
