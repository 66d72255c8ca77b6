package photo

import (
	"context"
	"fmt"
	"image"
	"testing"
)

// Geometric primitives, written independently of orient: they build what a
// camera stores for each tag from the upright picture.
func remap(src *image.RGBA, w, h int, at func(x, y int) (int, int)) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sx, sy := at(x, y)
			out.Set(x, y, src.At(sx, sy))
		}
	}
	return out
}

func flipH(u *image.RGBA) *image.RGBA {
	w, h := u.Bounds().Dx(), u.Bounds().Dy()
	return remap(u, w, h, func(x, y int) (int, int) { return w - 1 - x, y })
}

func flipV(u *image.RGBA) *image.RGBA {
	w, h := u.Bounds().Dx(), u.Bounds().Dy()
	return remap(u, w, h, func(x, y int) (int, int) { return x, h - 1 - y })
}

func transpose(u *image.RGBA) *image.RGBA {
	w, h := u.Bounds().Dx(), u.Bounds().Dy()
	return remap(u, h, w, func(x, y int) (int, int) { return y, x })
}

// rotCW turns a quarter clockwise: the top-left corner goes top-right.
func rotCW(u *image.RGBA) *image.RGBA {
	h := u.Bounds().Dy()
	return flipH(transpose(u)).SubImage(image.Rect(0, 0, h, u.Bounds().Dx())).(*image.RGBA)
}

func rot180(u *image.RGBA) *image.RGBA { return flipH(flipV(u)) }

// stored returns the sensor pixels a camera writes with tag o for upright u.
func stored(u *image.RGBA, o int) *image.RGBA {
	switch o {
	case 2:
		return flipH(u)
	case 3:
		return rot180(u)
	case 4:
		return flipV(u)
	case 5:
		return transpose(u)
	case 6: // viewer turns clockwise, so the camera stored it anticlockwise
		return rotCW(rot180(u))
	case 7:
		return rot180(transpose(u))
	case 8:
		return rotCW(u)
	}
	return u
}

func TestPrimitives(t *testing.T) {
	u := quadrants(8, 4)
	r := rotCW(u)
	if b := r.Bounds(); b.Dx() != 4 || b.Dy() != 8 || !near(r.At(3, 0), red) || !near(r.At(0, 7), yellow) {
		t.Fatalf("rotCW: %v, top right %v, bottom left %v", b, r.At(3, 0), r.At(0, 7))
	}
}

func TestEveryOrientationIsUpright(t *testing.T) {
	im, _, insp := newImporter(t)
	dir := t.TempDir()
	upright := quadrants(64, 40)
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprint(o), func(t *testing.T) {
			data := withEXIF(encodeTestJPEG(t, stored(upright, o)), exifAPP1(o, ""))
			path := writeFile(t, dir, fmt.Sprintf("o%d.jpg", o), data)
			r := im.ImportFile(context.Background(), insp, path)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if r.Photo.Width != 64 || r.Photo.Height != 40 {
				t.Errorf("recorded %d×%d, want 64×40", r.Photo.Width, r.Photo.Height)
			}
			checkUpright(t, "working", loadJPEG(t, im.Files.Working(r.Photo.SHA256)))
			checkUpright(t, "thumbnail", loadJPEG(t, im.Files.Thumbnail(r.Photo.SHA256)))
		})
	}
}

func TestLargeRotatedPhotoIsScaledAndUpright(t *testing.T) {
	im, _, insp := newImporter(t)
	data := withEXIF(encodeTestJPEG(t, stored(quadrants(2600, 1200), 6)), exifAPP1(6, ""))
	r := im.ImportFile(context.Background(), insp, writeFile(t, t.TempDir(), "big.jpg", data))
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if r.Photo.Width != 2048 || r.Photo.Height != 945 {
		t.Errorf("working copy %d×%d, want 2048×945", r.Photo.Width, r.Photo.Height)
	}
	work := loadJPEG(t, im.Files.Working(r.Photo.SHA256))
	checkUpright(t, "working", work)
	if b := work.Bounds(); b.Dx() != 2048 || b.Dy() != 945 {
		t.Errorf("working file %v", b)
	}
	thumb := loadJPEG(t, im.Files.Thumbnail(r.Photo.SHA256))
	checkUpright(t, "thumbnail", thumb)
	if b := thumb.Bounds(); b.Dx() != 320 || b.Dy() != 148 {
		t.Errorf("thumbnail %v, want 320×148", b)
	}
}
