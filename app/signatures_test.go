package app

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/inspection"
)

// inkIn counts dark pixels of a window capture inside an object's area.
func inkIn(t *testing.T, w fyne.Window, o fyne.CanvasObject) int {
	t.Helper()
	img := w.Canvas().Capture()
	scale := float32(img.Bounds().Dx()) / w.Canvas().Size().Width
	pos := windowPos(t, w, o)
	r := image.Rect(int(pos.X*scale)+3, int(pos.Y*scale)+3, int((pos.X+o.Size().Width)*scale)-3, int((pos.Y+o.Size().Height)*scale)-3)
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr < 0x4000 && cg < 0x4000 && cb < 0x4000 {
				n++
			}
		}
	}
	return n
}

// drawStroke moves the pen across the pad in small steps, as a mouse
// drag arrives, without lifting it.
func drawStroke(pad *SignPad, from, to fyne.Position, steps int) {
	prev := from
	for i := 1; i <= steps; i++ {
		p := fyne.NewPos(from.X+(to.X-from.X)*float32(i)/float32(steps), from.Y+(to.Y-from.Y)*float32(i)/float32(steps))
		pad.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
}

func TestSignatureInkShowsWhileDrawing(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.Window.Resize(laptop)
	e.selectTab("signatures")
	pad := e.signatures.pads[inspection.SignerFactory]
	scrollIntoView(e.signatures.page.scroll, pad)
	if n := inkIn(t, d.Window, pad); n != 0 {
		t.Fatalf("the blank pad shows %d dark pixels", n)
	}
	drawStroke(pad, fyne.NewPos(20, 30), fyne.NewPos(300, 100), 12)
	mid := inkIn(t, d.Window, pad)
	if mid < 200 {
		t.Fatalf("mid-stroke, before the pen is lifted, the pad shows %d dark pixels: the signer signs blind", mid)
	}
	pad.DragEnd()
	drawStroke(pad, fyne.NewPos(40, 110), fyne.NewPos(280, 20), 8) // a second stroke
	if n := inkIn(t, d.Window, pad); n <= mid {
		t.Errorf("the second stroke added no ink: %d dark pixels, %d before", n, mid)
	}
	pad.DragEnd()
	if pad.Empty() {
		t.Error("the pad reports empty after two strokes")
	}
}

func TestInspectorNameFollowsHeader(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	name := e.signatures.inspectorName
	if name.Text != "" {
		t.Fatalf("no inspector yet, the signature name is %q", name.Text)
	}
	e.selectTab("header")
	var inspector = e.header.inspector
	test.Type(inspector, "Li Wei")
	if name.Text != "Li Wei" {
		t.Errorf("header says Li Wei, the inspector's signature name is %q", name.Text)
	}
	name.SetText("Li Wei (QA)")
	test.Type(inspector, " Jr")
	if name.Text != "Li Wei (QA)" {
		t.Errorf("a name typed at the signature was overwritten by the header: %q", name.Text)
	}

	// A new inspection starts with the remembered inspector, signature too.
	next := openNew(t, d)
	if got := next.signatures.inspectorName.Text; got != "Li Wei Jr" {
		t.Errorf("the next inspection's signature name is %q, want the remembered Li Wei Jr", got)
	}
}
