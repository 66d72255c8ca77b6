package app

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

// openPhotos opens a new inspection with one imported 800×600 photo, shows
// the photo tab and selects the photo.
func openPhotos(t *testing.T) (*Desk, *photosPanel) {
	t.Helper()
	d := newTestDesk(t)
	d.Window.Resize(fyne.NewSize(1300, 800))
	e := openNew(t, d)
	path := filepath.Join(t.TempDir(), "defect.jpg")
	writeJPEG(t, path, 800, 600)
	im := &photo.Importer{Store: d.Store, Files: d.Photos}
	if r := im.ImportFile(d.ctx(), e.in.ID, path); r.Err != nil {
		t.Fatal(r.Err)
	}
	e.selectTab("photos")
	if len(e.photos.list) != 1 || e.photos.selected != 0 {
		t.Fatalf("photo tab lists %d photos, selected %d; want the imported one selected", len(e.photos.list), e.photos.selected)
	}
	return d, e.photos
}

func writeJPEG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func storedMarks(t *testing.T, d *Desk, id inspection.ID) []inspection.Mark {
	t.Helper()
	ph, err := d.Store.Photo(d.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	marks, err := inspection.ParseMarks(ph.Annotations)
	if err != nil {
		t.Fatal(err)
	}
	return marks
}

func TestDraggingAnArrowStoresAMark(t *testing.T) {
	d, p := openPhotos(t)
	id := p.list[0].ID
	a := p.annot
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(a)
	centre := pos.Add(fyne.NewPos(a.Size().Width/2, a.Size().Height/2))

	test.Drag(d.Window.Canvas(), centre, 80, 0)
	if n := len(storedMarks(t, d, id)); n != 0 {
		t.Fatalf("a drag outside Annotate mode stored %d marks", n)
	}

	test.Tap(p.tools.toggle)
	if w := p.tools.label.Size().Width; w < 200 {
		t.Fatalf("the annotation toolbar was not laid out when shown: label %v wide", w)
	}
	pos = fyne.CurrentApp().Driver().AbsolutePositionForObject(a)
	centre = pos.Add(fyne.NewPos(a.Size().Width/2, a.Size().Height/2))
	test.Drag(d.Window.Canvas(), centre, 80, 0)
	marks := storedMarks(t, d, id)
	if len(marks) != 1 {
		t.Fatalf("stored %d marks after one arrow, want 1", len(marks))
	}
	m := marks[0]
	if m.Kind != inspection.MarkArrow || m.X2 <= m.X1 || m.X2 < 0.45 || m.X2 > 0.55 || m.Y1 != m.Y2 {
		t.Fatalf("arrow = %+v, want a horizontal arrow pointing right at the middle", m)
	}

	p.tools.tool.SetSelected("Circle")
	test.Drag(d.Window.Canvas(), centre, 60, 40)
	p.tools.tool.SetSelected("Text")
	p.tools.label.SetText("scratch 3 mm")
	test.TapCanvas(d.Window.Canvas(), centre)
	marks = storedMarks(t, d, id)
	if len(marks) != 3 || marks[1].Kind != inspection.MarkCircle || marks[2].Text != "scratch 3 mm" {
		t.Fatalf("stored %+v, want arrow, circle, label", marks)
	}

	p.annot.Undo()
	if n := len(storedMarks(t, d, id)); n != 2 {
		t.Fatalf("after Undo %d marks stored, want 2", n)
	}
	p.annot.Clear()
	if n := len(storedMarks(t, d, id)); n != 0 {
		t.Fatalf("after Clear %d marks stored, want none", n)
	}
}

func TestReportPhotosRendersMarks(t *testing.T) {
	d, p := openPhotos(t)
	ph := p.list[0]
	ph.Annotations, _ = inspection.MarshalMarks([]inspection.Mark{{Kind: inspection.MarkArrow, X1: 0.1, Y1: 0.5, X2: 0.9, Y2: 0.5}})
	path, err := d.ReportPhotos().Working(ph)
	if err != nil {
		t.Fatal(err)
	}
	if path == d.Photos.Working(ph.SHA256) {
		t.Fatal("an annotated photo is printed from the bare working copy")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, _, _ := img.At(400, 300).RGBA(); r>>8 < 170 || g>>8 > 80 {
		t.Fatalf("annotated copy at the arrow is %d,%d,…; want red", r>>8, g>>8)
	}
}

func TestWetSignaturePhotoBecomesSmallGreyPNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signed.jpg")
	writeJPEG(t, path, 3000, 2000)
	data, _ := os.ReadFile(path)
	out, err := wetSignaturePNG(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("stored signature is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 667 { // 2000·1000/3000, rounded
		t.Fatalf("signature photo kept at %v, want 1000×667", b)
	}
	if _, ok := img.(*image.Gray); !ok {
		t.Errorf("signature photo is %T, want grey", img)
	}
	if _, err := wetSignaturePNG([]byte("not an image")); err == nil {
		t.Error("a text file was accepted as a signature photo")
	}
}
