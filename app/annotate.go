package app

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// minMark is the smallest arrow or circle kept, as a fraction of the photo:
// anything shorter is a slipped click, not a mark.
const minMark = 0.01

// Annotator shows a photo with its annotation layer on top and, when a tool
// is chosen, turns drags into arrows and circles and taps into labels. The
// layer is drawn with canvas lines and text, never into the image: the photo
// files stay as imported, and the report renders the same marks itself.
type Annotator struct {
	widget.BaseWidget
	Image *canvas.Image

	overlay *fyne.Container
	marks   []inspection.Mark
	imgW    int // pixel size of the upright working copy, for its aspect ratio
	imgH    int

	Tool  inspection.MarkKind // "" while not annotating: drags and taps do nothing
	Color string              // "#rrggbb" of new marks
	Label func() string       // text of the next label

	dragging   bool
	start, cur fyne.Position

	OnChanged func(marks []inspection.Mark) // after each mark added, undone or cleared
	OnError   func(error)
}

func newAnnotator() *Annotator {
	a := &Annotator{Image: canvas.NewImageFromImage(nil), overlay: container.NewWithoutLayout(), Color: inspection.DefaultMarkColor}
	a.Image.FillMode = canvas.ImageFillContain
	a.ExtendBaseWidget(a)
	return a
}

// SetPhoto shows the marks of a photo of w×h pixels (the file is set on Image).
func (a *Annotator) SetPhoto(w, h int, marks []inspection.Mark) {
	a.imgW, a.imgH, a.marks, a.dragging = w, h, marks, false
	a.redraw()
}

// Marks returns the layer as drawn.
func (a *Annotator) Marks() []inspection.Mark { return a.marks }

// Undo removes the last mark.
func (a *Annotator) Undo() {
	if len(a.marks) == 0 {
		return
	}
	a.marks = a.marks[:len(a.marks)-1]
	a.changed()
}

// Clear removes every mark.
func (a *Annotator) Clear() {
	if len(a.marks) == 0 {
		return
	}
	a.marks = nil
	a.changed()
}

func (a *Annotator) changed() {
	a.redraw()
	if a.OnChanged != nil {
		a.OnChanged(a.marks)
	}
}

// CreateRenderer stacks the photo and the layer; the layer is rebuilt on
// every resize because marks are stored relative to the photo.
func (a *Annotator) CreateRenderer() fyne.WidgetRenderer {
	return &annotatorRenderer{a: a, objects: []fyne.CanvasObject{a.Image, a.overlay}}
}

// MinSize leaves room to aim at a defect.
func (a *Annotator) MinSize() fyne.Size { return fyne.NewSize(240, 160) }

// Dragged draws the arrow or circle being dragged.
func (a *Annotator) Dragged(e *fyne.DragEvent) {
	if a.Tool != inspection.MarkArrow && a.Tool != inspection.MarkCircle || a.imgW == 0 {
		return
	}
	if !a.dragging {
		a.dragging, a.start = true, e.Position.Subtract(e.Dragged)
	}
	a.cur = e.Position
	a.redraw()
}

// DragEnd keeps the mark unless it is too small to be meant.
func (a *Annotator) DragEnd() {
	if !a.dragging {
		return
	}
	a.dragging = false
	x1, y1 := a.toRel(a.start)
	x2, y2 := a.toRel(a.cur)
	if math.Hypot(x2-x1, y2-y1) < minMark {
		a.redraw()
		return
	}
	a.add(inspection.Mark{Kind: a.Tool, X1: x1, Y1: y1, X2: x2, Y2: y2, Color: a.Color})
}

// Tapped places a label where the photo was clicked.
func (a *Annotator) Tapped(e *fyne.PointEvent) {
	if a.Tool != inspection.MarkText || a.imgW == 0 {
		return
	}
	text := ""
	if a.Label != nil {
		text = strings.TrimSpace(a.Label())
	}
	x, y := a.toRel(e.Position)
	a.add(inspection.Mark{Kind: inspection.MarkText, X1: x, Y1: y, Text: text, Color: a.Color})
}

func (a *Annotator) add(m inspection.Mark) {
	if err := m.Validate(); err != nil {
		if a.OnError != nil {
			a.OnError(err)
		}
		return
	}
	a.marks = append(a.marks, m)
	a.changed()
}

// photoRect is where ImageFillContain puts the photo inside the widget.
func (a *Annotator) photoRect() (fyne.Position, fyne.Size) {
	s := a.Size()
	if a.imgW == 0 || a.imgH == 0 || s.Width <= 0 || s.Height <= 0 {
		return fyne.Position{}, s
	}
	scale := min(s.Width/float32(a.imgW), s.Height/float32(a.imgH))
	w, h := float32(a.imgW)*scale, float32(a.imgH)*scale
	return fyne.NewPos((s.Width-w)/2, (s.Height-h)/2), fyne.NewSize(w, h)
}

func (a *Annotator) toRel(p fyne.Position) (float64, float64) {
	o, s := a.photoRect()
	clamp := func(v float64) float64 { return math.Round(min(1, max(0, v))*10000) / 10000 }
	return clamp(float64((p.X - o.X) / s.Width)), clamp(float64((p.Y - o.Y) / s.Height))
}

func (a *Annotator) toPos(x, y float64) fyne.Position {
	o, s := a.photoRect()
	return fyne.NewPos(o.X+float32(x)*s.Width, o.Y+float32(y)*s.Height)
}

// redraw rebuilds the layer: a handful of lines per mark, cheap enough to
// redo on every drag event.
func (a *Annotator) redraw() {
	var objs []fyne.CanvasObject
	marks := a.marks
	if a.dragging {
		x1, y1 := a.toRel(a.start)
		x2, y2 := a.toRel(a.cur)
		marks = append(marks[:len(marks):len(marks)], inspection.Mark{Kind: a.Tool, X1: x1, Y1: y1, X2: x2, Y2: y2, Color: a.Color})
	}
	_, s := a.photoRect()
	sw := max(2, 0.008*max(s.Width, s.Height))
	for _, m := range marks {
		objs = append(objs, a.draw(m, sw)...)
	}
	a.overlay.Objects = objs
	a.overlay.Refresh()
}

func (a *Annotator) draw(m inspection.Mark, sw float32) []fyne.CanvasObject {
	r, g, b := m.RGB()
	ink := color.NRGBA{r, g, b, 0xff}
	p1, p2 := a.toPos(m.X1, m.Y1), a.toPos(m.X2, m.Y2)
	switch m.Kind {
	case inspection.MarkArrow:
		return arrowLines(p1, p2, sw, ink)
	case inspection.MarkCircle:
		return ellipseLines(p1, p2, sw, ink)
	case inspection.MarkText:
		_, s := a.photoRect()
		return labelObjects(p1, m.Text, max(9, 0.035*max(s.Width, s.Height)), ink)
	}
	return nil
}

func line(a, b fyne.Position, sw float32, c color.Color) *canvas.Line {
	l := canvas.NewLine(c)
	l.StrokeWidth = sw
	l.Position1, l.Position2 = a, b
	return l
}

// arrowLines is the shaft and two barbs at about 29° from it, like the
// printed arrowhead.
func arrowLines(a, b fyne.Position, sw float32, c color.Color) []fyne.CanvasObject {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	l := math.Hypot(dx, dy)
	if l < 1 {
		return nil
	}
	objs := []fyne.CanvasObject{line(a, b, sw, c)}
	hl := math.Min(4.5*float64(sw), l)
	for _, turn := range []float64{-0.5, 0.5} {
		sin, cos := math.Sincos(math.Atan2(dy, dx) + math.Pi + turn)
		objs = append(objs, line(b, fyne.NewPos(b.X+float32(cos*hl), b.Y+float32(sin*hl)), sw, c))
	}
	return objs
}

// ellipseLines approximates the ellipse in the box a–b: canvas.Circle only
// draws circles, and a defect is rarely round.
func ellipseLines(a, b fyne.Position, sw float32, c color.Color) []fyne.CanvasObject {
	const n = 48
	cx, cy := float64(a.X+b.X)/2, float64(a.Y+b.Y)/2
	rx, ry := math.Abs(float64(b.X-a.X))/2, math.Abs(float64(b.Y-a.Y))/2
	at := func(i int) fyne.Position {
		sin, cos := math.Sincos(2 * math.Pi * float64(i) / n)
		return fyne.NewPos(float32(cx+rx*cos), float32(cy+ry*sin))
	}
	objs := make([]fyne.CanvasObject, 0, n)
	for i := range n {
		objs = append(objs, line(at(i), at(i+1), sw, c))
	}
	return objs
}

// labelObjects is the text on a light box, like the printed label.
func labelObjects(p fyne.Position, text string, size float32, c color.Color) []fyne.CanvasObject {
	t := canvas.NewText(text, c)
	t.TextSize = size
	ts := fyne.MeasureText(text, size, t.TextStyle)
	pad := size * 0.25
	bg := canvas.NewRectangle(color.NRGBA{0xff, 0xff, 0xff, 0xd7})
	bg.Move(p)
	bg.Resize(fyne.NewSize(ts.Width+2*pad, ts.Height+2*pad))
	t.Move(p.AddXY(pad, pad))
	t.Resize(ts)
	return []fyne.CanvasObject{bg, t}
}

type annotatorRenderer struct {
	a       *Annotator
	objects []fyne.CanvasObject
}

func (r *annotatorRenderer) Layout(s fyne.Size) {
	r.a.Image.Resize(s)
	r.a.overlay.Resize(s)
	r.a.redraw()
}

func (r *annotatorRenderer) MinSize() fyne.Size           { return r.a.MinSize() }
func (r *annotatorRenderer) Refresh()                     { r.a.Image.Refresh(); r.a.redraw() }
func (r *annotatorRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *annotatorRenderer) Destroy()                     {}

// markColors are the colours offered for new marks: red for defects, yellow
// and white when the product itself is red or dark.
var markColors = []struct{ name, hex string }{
	{"Red", inspection.DefaultMarkColor},
	{"Yellow", "#ffd400"},
	{"White", "#ffffff"},
}

func colorNames() []string {
	names := make([]string, len(markColors))
	for i, c := range markColors {
		names[i] = c.name
	}
	return names
}

func colorHex(name string) string {
	for _, c := range markColors {
		if c.name == name {
			return c.hex
		}
	}
	return inspection.DefaultMarkColor
}

// markSummary says what a layer holds, for the detail line.
func markSummary(marks []inspection.Mark) string {
	switch len(marks) {
	case 0:
		return ""
	case 1:
		return " · 1 mark"
	}
	return " · " + strconv.Itoa(len(marks)) + " marks"
}
