package photo

import (
	"context"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

var grey = color.RGBA{128, 128, 128, 255}

func greyImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = grey.R, grey.G, grey.B, 255
	}
	return img
}

var markRed = color.RGBA{0xe0, 0, 0, 255}

// at reads the colour at a fraction of the image.
func at(img image.Image, fx, fy float64) color.Color {
	b := img.Bounds()
	return img.At(b.Min.X+int(fx*float64(b.Dx())), b.Min.Y+int(fy*float64(b.Dy())))
}

func TestAnnotateDrawsMarksWhereTheyAre(t *testing.T) {
	src := greyImage(800, 600)
	marks := []inspection.Mark{
		{Kind: inspection.MarkArrow, X1: 0.1, Y1: 0.2, X2: 0.6, Y2: 0.2},
		{Kind: inspection.MarkCircle, X1: 0.5, Y1: 0.5, X2: 0.9, Y2: 0.9},
		{Kind: inspection.MarkText, X1: 0.05, Y1: 0.6, Text: "划痕 scratch"},
	}
	out := Annotate(src, marks)
	for _, c := range []struct {
		fx, fy float64
		want   color.RGBA
		what   string
	}{
		{0.3, 0.2, markRed, "arrow shaft"},
		{0.595, 0.2, markRed, "arrow head near the tip"},
		{0.3, 0.3, grey, "beside the arrow"},
		{0.9, 0.7, markRed, "right edge of the circle"},
		{0.7, 0.9, markRed, "bottom of the circle"},
		{0.7, 0.7, grey, "inside the circle"},
		{0.1, 0.95, grey, "below the label"},
	} {
		if got := at(out, c.fx, c.fy); !near(got, c.want) {
			t.Errorf("%s at (%.2f,%.2f) = %v, want %v", c.what, c.fx, c.fy, got, c.want)
		}
	}
	if n := countRed(out, image.Rect(40, 360, 400, 420)); n < 200 {
		t.Errorf("label: %d red pixels in its box, want its letters", n)
	}
	if got := at(src, 0.3, 0.2); got != grey {
		t.Errorf("Annotate changed its source: %v", got)
	}
}

func countRed(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(img.At(x, y), markRed) {
				n++
			}
		}
	}
	return n
}

func TestAnnotatedFileFollowsTheLayer(t *testing.T) {
	im, db, inID := newImporter(t)
	ctx := context.Background()
	dir := t.TempDir()
	res := im.ImportFile(ctx, inID, writeFile(t, dir, "grey.jpg", encodeTestJPEG(t, greyImage(640, 480))))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	p, err := db.Photo(ctx, res.Photo.ID)
	if err != nil {
		t.Fatal(err)
	}
	if path, err := im.Files.Annotated(*p); err != nil || path != im.Files.Working(p.SHA256) {
		t.Fatalf("no marks: %q, %v; want the working copy", path, err)
	}
	work, _ := os.ReadFile(im.Files.Working(p.SHA256))
	p.Annotations, _ = inspection.MarshalMarks([]inspection.Mark{{Kind: inspection.MarkArrow, X1: 0.1, Y1: 0.5, X2: 0.9, Y2: 0.5}})
	first, err := im.Files.Annotated(*p)
	if err != nil {
		t.Fatal(err)
	}
	if got := at(loadJPEG(t, first), 0.5, 0.5); !near(got, markRed) {
		t.Fatalf("annotated copy at the arrow = %v, want red", got)
	}
	p.Annotations, _ = inspection.MarshalMarks([]inspection.Mark{{Kind: inspection.MarkCircle, X1: 0.2, Y1: 0.2, X2: 0.8, Y2: 0.8}})
	second, err := im.Files.Annotated(*p)
	if err != nil || second == first {
		t.Fatalf("edited layer = %q, %v; want a new file", second, err)
	}
	if _, err := os.Stat(first); !os.IsNotExist(err) {
		t.Errorf("the rendering of the old layer is still there: %v", err)
	}
	if after, _ := os.ReadFile(im.Files.Working(p.SHA256)); string(after) != string(work) {
		t.Error("annotating changed the working copy")
	}
	if filepath.Base(filepath.Dir(second)) != "annotated" {
		t.Errorf("annotated copy at %s, want it under photos/annotated", second)
	}
	thumb, err := im.Files.AnnotatedThumbnail(*p)
	if err != nil || thumb == im.Files.Thumbnail(p.SHA256) {
		t.Fatalf("annotated thumbnail = %q, %v", thumb, err)
	}
	if b := loadJPEG(t, thumb).Bounds(); max(b.Dx(), b.Dy()) != ThumbnailEdge {
		t.Errorf("annotated thumbnail is %v, want the thumbnail's size", b)
	}
	if _, err := os.Stat(second); err != nil {
		t.Errorf("rendering the thumbnail removed the layer's full rendering: %v", err)
	}
	if err := db.PutPhoto(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := im.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{second, thumb} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("deleting the photo left %s: %v", f, err)
		}
	}
}
