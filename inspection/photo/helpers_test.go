package photo

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// inspectionDay is the date of the test inspection.
var inspectionDay = time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC)

// newImporter opens a real database and photo store in a temporary folder
// and creates one draft inspection.
func newImporter(t testing.TB) (*Importer, *sqlite.DB, inspection.ID) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	in := inspection.NewInspection(inspection.PSI, inspectionDay)
	in.ReportNo = "TEST-001"
	if err := db.PutInspection(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return &Importer{Store: db, Files: Files{Dir: filepath.Join(dir, "photos")}}, db, in.ID
}

// Quadrant colours of the upright test picture.
var (
	red    = color.RGBA{220, 20, 20, 255}
	green  = color.RGBA{20, 200, 20, 255}
	blue   = color.RGBA{20, 20, 220, 255}
	yellow = color.RGBA{230, 220, 20, 255}
)

// quadrants draws an upright picture wider than tall whose four corners
// differ, so any wrong turn or mirror shows.
func quadrants(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := red
			switch {
			case x >= w/2 && y < h/2:
				c = green
			case x < w/2 && y >= h/2:
				c = blue
			case x >= w/2 && y >= h/2:
				c = yellow
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func encodeTestJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exifAPP1 builds a minimal little-endian EXIF segment: IFD0 with the
// Orientation tag and, when taken is set, an Exif IFD with DateTimeOriginal
// ("2006:01:02 15:04:05").
func exifAPP1(orientation int, taken string) []byte {
	le := binary.LittleEndian
	entry := func(b []byte, tag, typ uint16, count, value uint32) []byte {
		b = le.AppendUint16(b, tag)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint32(b, count)
		return le.AppendUint32(b, value)
	}
	n := uint16(1)
	if taken != "" {
		n = 2
	}
	exifIFD := uint32(8 + 2 + 12*int(n) + 4)
	tiff := []byte("II*\x00")
	tiff = le.AppendUint32(tiff, 8)
	tiff = le.AppendUint16(tiff, n)
	tiff = entry(tiff, 0x0112, 3, 1, uint32(orientation)) // SHORT, left-justified in the value field
	if taken != "" {
		tiff = entry(tiff, 0x8769, 4, 1, exifIFD)
	}
	tiff = le.AppendUint32(tiff, 0)
	if taken != "" {
		tiff = le.AppendUint16(tiff, 1)
		tiff = entry(tiff, 0x9003, 2, 20, exifIFD+2+12+4)
		tiff = le.AppendUint32(tiff, 0)
		tiff = append(tiff, taken+"\x00"...)
	}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	return append(seg, payload...)
}

// withEXIF inserts an APP1 segment right after the JPEG's SOI marker.
func withEXIF(jpg, app1 []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	return append(out, jpg[2:]...)
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadJPEG(t testing.TB, path string) image.Image {
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

// near tolerates JPEG's colour error.
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, w uint8) int { return max(int(a>>8)-int(w), int(w)-int(a>>8)) }
	return d(r, want.R) < 48 && d(g, want.G) < 48 && d(b, want.B) < 48
}

// checkUpright samples the middle of each quadrant.
func checkUpright(t *testing.T, label string, img image.Image) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() <= b.Dy() {
		t.Errorf("%s: %d×%d, want wider than tall", label, b.Dx(), b.Dy())
	}
	for _, q := range []struct {
		fx, fy float64
		want   color.RGBA
		name   string
	}{{0.25, 0.25, red, "top left red"}, {0.75, 0.25, green, "top right green"}, {0.25, 0.75, blue, "bottom left blue"}, {0.75, 0.75, yellow, "bottom right yellow"}} {
		x, y := b.Min.X+int(q.fx*float64(b.Dx())), b.Min.Y+int(q.fy*float64(b.Dy()))
		if c := img.At(x, y); !near(c, q.want) {
			t.Errorf("%s: want %s, got %v at (%d,%d)", label, q.name, c, x, y)
		}
	}
}
