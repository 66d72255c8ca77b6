package photo

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite/sqlitetest"
)

func TestCaptureTimeAndOtherDay(t *testing.T) {
	im, _, insp := newImporter(t)
	dir := t.TempDir()
	jpg := encodeTestJPEG(t, quadrants(32, 20))
	same := im.ImportFile(context.Background(), insp, writeFile(t, dir, "same.jpg", withEXIF(jpg, exifAPP1(1, "2026:09:14 10:30:00"))))
	other := im.ImportFile(context.Background(), insp, writeFile(t, dir, "other.jpg", withEXIF(jpg, exifAPP1(1, "2026:09:12 16:05:00"))))
	none := im.ImportFile(context.Background(), insp, writeFile(t, dir, "none.jpg", jpg))
	for _, r := range []Result{same, other, none} {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	if want := time.Date(2026, 9, 14, 10, 30, 0, 0, time.UTC); !same.Photo.TakenAt.Equal(want) || same.OtherDay {
		t.Errorf("same day: taken %v other day %v", same.Photo.TakenAt, same.OtherDay)
	}
	if !other.OtherDay {
		t.Errorf("photo taken on 12 September not flagged for an inspection on 14 September")
	}
	if !none.Photo.TakenAt.IsZero() || none.OtherDay {
		t.Errorf("no EXIF: taken %v other day %v", none.Photo.TakenAt, none.OtherDay)
	}
}

func TestDuplicatesAreStoredOnce(t *testing.T) {
	im, db, insp := newImporter(t)
	ctx := context.Background()
	dir := t.TempDir()
	data := encodeTestJPEG(t, quadrants(40, 30))
	a := writeFile(t, dir, "IMG_0001.JPG", data)
	b := writeFile(t, dir, "copy/IMG_0001 (1).jpeg", data)

	results := im.ImportAll(ctx, insp, []string{a, b, a}, nil)
	imported, dups := 0, 0
	for _, r := range results {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.Duplicate {
			dups++
		} else {
			imported++
		}
	}
	if imported != 1 || dups != 2 || results[0].Photo.ID != results[1].Photo.ID || results[1].Photo.ID != results[2].Photo.ID {
		t.Fatalf("imported %d, duplicates %d, ids %v %v %v", imported, dups, results[0].Photo.ID, results[1].Photo.ID, results[2].Photo.ID)
	}
	if photos, _ := db.Photos(ctx, insp); len(photos) != 1 {
		t.Errorf("%d rows, want 1", len(photos))
	}

	// Another inspection gets its own row but shares the files.
	in2 := inspection.NewInspection(inspection.PSI, inspectionDay)
	if err := db.PutInspection(ctx, in2); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(im.Files.Working(results[0].Photo.SHA256))
	r := im.ImportFile(ctx, in2.ID, b)
	if r.Err != nil || r.Duplicate || r.Photo.Width != 40 || !r.Reused {
		t.Fatalf("second inspection: %+v; want a new row, reported as reused", r)
	}
	if results[0].Reused {
		t.Error("a first import is reported as reused")
	}
	after, _ := os.Stat(im.Files.Working(results[0].Photo.SHA256))
	if !before.ModTime().Equal(after.ModTime()) {
		t.Errorf("working copy rendered again for content already stored")
	}
}

// pngHeader is a valid PNG signature and IHDR claiming w×h, with no pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk...)
}

func TestBadFilesFailAloneAndTheBatchGoesOn(t *testing.T) {
	im, db, insp := newImporter(t)
	dir := t.TempDir()
	good := encodeTestJPEG(t, quadrants(40, 30))
	heic := append([]byte{0, 0, 0, 0x18}, "ftypheic\x00\x00\x00\x00mif1heic"...)
	cases := []struct {
		name string
		data []byte
		want string // in the error; "" for success
	}{
		{"empty.jpg", nil, "empty (0 bytes)"},
		{"truncated.jpg", good[:len(good)/2], "incomplete"},
		{"notes.txt", []byte("shipping marks checked on 12 cartons\n"), "not a photo Loupe can read"},
		{"IMG_4031.HEIC", heic, "Settings > Camera > Formats > Most Compatible"},
		{"bomb.png", pngHeader(20000, 20000), "400 megapixels"},
		{"good.jpg", good, ""},
		{"header-only.jpg", good[:200], "incomplete"},
	}
	var paths []string
	for _, c := range cases {
		paths = append(paths, writeFile(t, dir, c.name, c.data))
	}
	paths = append(paths, filepath.Join(dir, "missing.jpg"))
	results := im.ImportAll(context.Background(), insp, paths, nil)
	if len(results) != len(paths) {
		t.Fatalf("%d results for %d files", len(results), len(paths))
	}
	for i, c := range cases {
		r := results[i]
		if r.File != paths[i] {
			t.Errorf("result %d is for %s, want %s (input order)", i, r.File, paths[i])
		}
		t.Logf("%s: %v", c.name, r.Err)
		switch {
		case c.want == "" && r.Err != nil:
			t.Errorf("%s: %v", c.name, r.Err)
		case c.want != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), c.want)):
			t.Errorf("%s: error %v, want it to say %q", c.name, r.Err, c.want)
		case c.want != "" && !strings.Contains(r.Err.Error(), c.name):
			t.Errorf("%s: error %q does not name the file", c.name, r.Err)
		}
	}
	if r := results[len(cases)]; r.Err == nil {
		t.Errorf("missing file imported")
	}
	if photos, _ := db.Photos(context.Background(), insp); len(photos) != 1 {
		t.Errorf("%d rows, want only the good photo", len(photos))
	}
}

func TestFormats(t *testing.T) {
	im, _, insp := newImporter(t)
	dir := t.TempDir()
	// A transparent PNG must come out on white, not black.
	alpha := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	alpha.Set(1, 1, color.NRGBA{255, 0, 0, 255})
	var pngBuf, gifBuf bytes.Buffer
	if err := png.Encode(&pngBuf, alpha); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gifBuf, quadrants(30, 20), nil); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"transparent.png": writeFile(t, dir, "transparent.png", pngBuf.Bytes()),
		"chart.gif":       writeFile(t, dir, "chart.gif", gifBuf.Bytes()),
		"small.webp":      "testdata/small.webp",
		"progressive.jpg": "testdata/progressive.jpg", // ImageMagick -interlace JPEG
		"cmyk.jpg":        "testdata/cmyk.jpg",        // ImageMagick -colorspace CMYK
	}
	for name, path := range files {
		r := im.ImportFile(context.Background(), insp, path)
		if r.Err != nil {
			t.Errorf("%s: %v", name, r.Err)
			continue
		}
		if _, err := os.Stat(im.Files.Original(r.Photo.SHA256, filepath.Ext(name))); err != nil {
			t.Errorf("%s: original not stored under its format's extension: %v", name, err)
		}
		work := loadJPEG(t, im.Files.Working(r.Photo.SHA256))
		if b := work.Bounds(); b.Dx() != r.Photo.Width || b.Dy() != r.Photo.Height || b.Dx() == 0 {
			t.Errorf("%s: working %v, recorded %d×%d", name, b, r.Photo.Width, r.Photo.Height)
		}
		if name == "transparent.png" && !near(work.At(20, 15), color.RGBA{255, 255, 255, 255}) {
			t.Errorf("transparent PNG: %v where transparent, want white", work.At(20, 15))
		}
		if name == "cmyk.jpg" && !near(work.At(48, 2), color.RGBA{255, 255, 0, 255}) {
			t.Errorf("CMYK JPEG: %v at the yellow end", work.At(48, 2))
		}
	}
}

func TestOriginalIsKeptByteForByte(t *testing.T) {
	im, _, insp := newImporter(t)
	data := withEXIF(encodeTestJPEG(t, quadrants(40, 30)), exifAPP1(6, "2026:09:14 09:00:00"))
	r := im.ImportFile(context.Background(), insp, writeFile(t, t.TempDir(), "IMG_0002.JPG", data))
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	got, err := os.ReadFile(im.Files.Original(r.Photo.SHA256, r.Photo.Ext))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("original differs from the camera file (err %v)", err)
	}
	if r.Photo.OriginalName != "IMG_0002.JPG" || r.Photo.Size != int64(len(data)) || r.Photo.Ext != ".jpg" {
		t.Errorf("row %+v", r.Photo)
	}
	for _, p := range []string{im.Files.Original(r.Photo.SHA256, ".jpg"), im.Files.Working(r.Photo.SHA256), im.Files.Thumbnail(r.Photo.SHA256)} {
		if !filepath.IsAbs(p) {
			t.Errorf("%s is not absolute", p)
		}
	}
}

func TestFoldersAreWalkedAndProgressReported(t *testing.T) {
	im, _, insp := newImporter(t)
	dir := t.TempDir()
	jpg := func(seed uint8) []byte {
		img := quadrants(20, 10)
		img.Pix[0] = seed // distinct content
		return encodeTestJPEG(t, img)
	}
	writeFile(t, dir, "DCIM/100APPLE/IMG_0002.JPG", jpg(2))
	writeFile(t, dir, "DCIM/100APPLE/IMG_0001.JPG", jpg(1))
	writeFile(t, dir, "DCIM/100APPLE/IMG_0001.AAE", []byte("<plist/>"))
	writeFile(t, dir, "DCIM/100APPLE/IMG_0003.MOV", []byte("not a photo"))
	writeFile(t, dir, "DCIM/100APPLE/._IMG_0001.JPG", []byte("macOS resource fork"))
	writeFile(t, dir, "DCIM/.thumbnails/IMG_0001.JPG", jpg(9))
	var got []Progress
	results := im.ImportAll(context.Background(), insp, []string{filepath.Join(dir, "DCIM")}, func(p Progress) { got = append(got, p) })
	if len(results) != 2 || filepath.Base(results[0].File) != "IMG_0001.JPG" || filepath.Base(results[1].File) != "IMG_0002.JPG" {
		t.Fatalf("results %+v", results)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Error(r.Err)
		}
	}
	if results[0].Photo.Position >= results[1].Photo.Position {
		t.Errorf("positions %d, %d do not follow the input order", results[0].Photo.Position, results[1].Photo.Position)
	}
	if len(got) != 2 || got[1].Done != 2 || got[1].Total != 2 || got[0].Current == "" {
		t.Errorf("progress %+v", got)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o700)
	if r := im.ImportAll(context.Background(), insp, []string{empty}, nil); len(r) != 1 || r[0].Err == nil || !strings.Contains(r[0].Err.Error(), "holds no photos") {
		t.Errorf("empty folder: %+v", r)
	}
}

func TestCancellation(t *testing.T) {
	im, db, insp := newImporter(t)
	dir := t.TempDir()
	var paths []string
	for i := range 12 {
		img := quadrants(64, 48)
		// A whole 8×8 block per file, so the JPEGs differ: one changed
		// pixel is quantised away and would make files duplicates.
		for y := range 8 {
			for x := range 8 {
				img.Pix[y*img.Stride+x*4] = uint8(20 * i)
			}
		}
		paths = append(paths, writeFile(t, dir, filepath.Base(t.Name())+string(rune('a'+i))+".jpg", encodeTestJPEG(t, img)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	results := im.ImportAll(ctx, insp, paths, func(Progress) { once.Do(cancel) })
	imported, stopped := 0, 0
	for _, r := range results {
		switch {
		case r.Err == nil:
			imported++
		case errors.Is(r.Err, context.Canceled):
			stopped++
		default:
			t.Errorf("%s: %v", r.File, r.Err)
		}
	}
	if stopped == 0 || imported+stopped != len(paths) {
		t.Errorf("imported %d, cancelled %d of %d", imported, stopped, len(paths))
	}
	photos, _ := db.Photos(context.Background(), insp)
	if len(photos) != imported {
		t.Errorf("%d rows for %d imported files", len(photos), imported)
	}
	assertFilesExist(t, im, photos)
}

func assertFilesExist(t *testing.T, im *Importer, photos []inspection.Photo) {
	t.Helper()
	for _, p := range photos {
		for _, f := range []string{im.Files.Original(p.SHA256, p.Ext), im.Files.Working(p.SHA256), im.Files.Thumbnail(p.SHA256)} {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("row %s points at a missing file: %v", p.ID, err)
			}
		}
	}
}

func TestFinalizedInspectionRefused(t *testing.T) {
	im, db, insp := newImporter(t)
	ctx := context.Background()
	sqlitetest.Finalize(t, db, insp)
	r := im.ImportFile(ctx, insp, writeFile(t, t.TempDir(), "a.jpg", encodeTestJPEG(t, quadrants(8, 8))))
	if inspection.ErrorCode(r.Err) != inspection.EREADONLY || !strings.Contains(r.Err.Error(), "revision") {
		t.Errorf("error %v", r.Err)
	}
}

func TestIsPhotoName(t *testing.T) {
	for name, want := range map[string]bool{
		"IMG_0601.JPG": true, "a.jpeg": true, "scan.PNG": true, "x.webp": true, "iphone.HEIC": true,
		"clip.MOV": false, "IMG_0601.AAE": false, "notes.txt": false, "main.c": false, "jpg": false, "": false,
	} {
		if got := IsPhotoName(name); got != want {
			t.Errorf("IsPhotoName(%q) = %v, want %v", name, got, want)
		}
	}
}
