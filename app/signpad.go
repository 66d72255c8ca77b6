package app

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	xdraw "golang.org/x/image/draw"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection/photo"
)

// SignPad collects strokes drawn with the mouse or touchpad and renders
// them to a PNG: the signature stored with name and time.
type SignPad struct {
	widget.BaseWidget
	strokes [][]fyne.Position
	lines   *fyne.Container
	bg      *canvas.Rectangle
	OnDrawn func()
}

func newSignPad() *SignPad {
	s := &SignPad{lines: container.NewWithoutLayout(), bg: canvas.NewRectangle(color.White)}
	s.bg.StrokeColor = color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	s.bg.StrokeWidth = 1
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer draws the paper and the ink.
func (s *SignPad) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(s.bg, s.lines))
}

// MinSize leaves room for a full signature.
func (s *SignPad) MinSize() fyne.Size { return fyne.NewSize(360, 140) }

// Dragged extends the current stroke and shows the new ink at once: the
// factory representative must see the signature while signing it.
func (s *SignPad) Dragged(e *fyne.DragEvent) {
	p := e.Position
	if len(s.strokes) == 0 || s.strokes[len(s.strokes)-1] == nil {
		// A new stroke starts where the pen went down, before this move.
		start := fyne.NewPos(p.X-e.Dragged.DX, p.Y-e.Dragged.DY)
		s.strokes = append(s.strokes[:max(len(s.strokes)-1, 0)], []fyne.Position{start})
	}
	last := &s.strokes[len(s.strokes)-1]
	prev := (*last)[len(*last)-1]
	*last = append(*last, p)
	l := canvas.NewLine(color.Black)
	l.StrokeWidth = 2
	l.Position1, l.Position2 = prev, p
	s.lines.Add(l)
	s.lines.Refresh()
}

// DragEnd closes the stroke so the next drag starts a new one.
func (s *SignPad) DragEnd() {
	s.strokes = append(s.strokes, nil)
	if s.OnDrawn != nil {
		s.OnDrawn()
	}
}

// Empty reports whether nothing was drawn.
func (s *SignPad) Empty() bool { return len(s.lines.Objects) == 0 }

// Clear wipes the pad.
func (s *SignPad) Clear() {
	s.strokes = nil
	s.lines.Objects = nil
	s.lines.Refresh()
}

// PNG renders the strokes at twice the on-screen size, black on transparent.
func (s *SignPad) PNG() ([]byte, error) {
	const scale = 2
	size := s.Size()
	if size.Width < 1 {
		size = s.MinSize()
	}
	img := image.NewNRGBA(image.Rect(0, 0, int(size.Width*scale), int(size.Height*scale)))
	for _, o := range s.lines.Objects {
		l := o.(*canvas.Line)
		drawLine(img, l.Position1.X*scale, l.Position1.Y*scale, l.Position2.X*scale, l.Position2.Y*scale)
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// drawLine stamps a small disc along the segment: thick enough to print.
func drawLine(img *image.NRGBA, x0, y0, x1, y1 float32) {
	dx, dy := x1-x0, y1-y0
	steps := int(max(abs32(dx), abs32(dy))) + 1
	for i := 0; i <= steps; i++ {
		t := float32(i) / float32(steps)
		cx, cy := int(x0+dx*t), int(y0+dy*t)
		for oy := -2; oy <= 2; oy++ {
			for ox := -2; ox <= 2; ox++ {
				if ox*ox+oy*oy <= 4 {
					img.SetNRGBA(cx+ox, cy+oy, color.NRGBA{A: 0xff})
				}
			}
		}
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// wetSignatureEdge is the long edge a photo of a signed paper is kept at:
// legible when printed 6 cm wide, small enough to sit in the database.
const wetSignatureEdge = 1000

// wetSignaturePNG turns a phone photo of a signed paper (JPEG or PNG) into
// the PNG a signature holds: upright, at most wetSignatureEdge pixels, in
// grey, because ink on paper needs no colour and grey keeps the PNG small.
// The photo pipeline does the checks, the EXIF turn and the resize.
func wetSignaturePNG(data []byte) ([]byte, error) {
	up, err := photo.Upright("the signature photo", data, wetSignatureEdge)
	if err != nil {
		return nil, fmt.Errorf("%v: attach a PNG or JPEG photo of the signed paper", err)
	}
	grey := image.NewGray(up.Bounds())
	xdraw.Draw(grey, grey.Bounds(), up, image.Point{}, xdraw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, grey); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
