package cli

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

// TestReportPrintsAnnotations writes the report of an inspection whose only
// photo is plain grey with a red arrow drawn across its middle, and looks
// for the arrow in the image the PDF carries.
func TestReportPrintsAnnotations(t *testing.T) {
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Skip("pdfimages not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	in := inspection.NewInspection(inspection.PSI, time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))
	in.ReportNo = "ANN-1"
	if err := store.PutInspection(ctx, in); err != nil {
		t.Fatal(err)
	}
	im := &photo.Importer{Store: store, Files: photo.Files{Dir: filepath.Join(dir, "photos")}}
	res := im.ImportFile(ctx, in.ID, greyJPEG(t, filepath.Join(t.TempDir(), "grey.jpg")))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	p := *res.Photo
	p.Annotations, _ = inspection.MarshalMarks([]inspection.Mark{{Kind: inspection.MarkArrow, X1: 0.05, Y1: 0.5, X2: 0.95, Y2: 0.5}})
	if err := store.PutPhoto(ctx, &p); err != nil {
		t.Fatal(err)
	}
	store.Close()

	out := filepath.Join(t.TempDir(), "annotated.pdf")
	var stdout, stderr bytes.Buffer
	if code := Report([]string{"--data", dir, "--inspection", in.ID.String(), "--out", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	imgDir := t.TempDir()
	if b, err := exec.Command("pdfimages", "-j", out, filepath.Join(imgDir, "img")).CombinedOutput(); err != nil {
		t.Fatalf("pdfimages: %v %s", err, b)
	}
	jpgs, _ := filepath.Glob(filepath.Join(imgDir, "*.jpg"))
	if len(jpgs) == 0 {
		t.Fatal("the report carries no JPEG photo")
	}
	for _, j := range jpgs {
		img := decodeJPEG(t, j)
		b := img.Bounds()
		mid := img.At(b.Min.X+b.Dx()/2, b.Min.Y+b.Dy()/2)
		top := img.At(b.Min.X+b.Dx()/2, b.Min.Y+b.Dy()/5)
		if !isRed(mid) || isRed(top) {
			t.Errorf("%s: middle %v, above it %v; want the red arrow across the middle only", filepath.Base(j), mid, top)
		}
	}
}

func greyJPEG(t *testing.T, path string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 128, 128, 128, 255
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func decodeJPEG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 > 170 && g>>8 < 80 && b>>8 < 80
}
