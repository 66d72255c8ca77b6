package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// page is a scrolling editor page: padded, no wider than a form can be
// read at (a 1920-pixel screen would otherwise stretch a lot-size entry
// across the whole window), with the mouse wheel scrolling the page
// wherever the pointer is.
type page struct {
	scroll *container.Scroll
	view   fyne.CanvasObject
}

// Page widths: forms of single fields, and rows of several (defects,
// checks, signature pads side by side).
const formWidth, wideFormWidth = 1000, 1240

func newPage(content fyne.CanvasObject, maxWidth float32) *page {
	s := container.NewVScroll(container.NewPadded(container.New(maxWidthLayout(maxWidth), content)))
	return &page{scroll: s, view: wheelScrolls(s)}
}

// maxWidthLayout gives its one child the width available up to a maximum,
// left-aligned.
type maxWidthLayout float32

func (m maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	return objs[0].MinSize()
}

func (m maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := min(size.Width, max(float32(m), o.MinSize().Width))
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

// wheelScrolls lays a transparent wheel catcher over a scroll container.
// Fyne hands a wheel event to the innermost scrollable under the pointer,
// and every text field holds one (to scroll its own text), so over a form
// of fields the wheel did nothing. The catcher is the innermost scrollable
// everywhere on the page and passes the wheel to the page; clicks, typing,
// hovering and dragging reach the fields as before, since it takes none of
// those.
func wheelScrolls(s *container.Scroll) fyne.CanvasObject {
	return container.NewStack(s, newWheelCatcher(s))
}

type wheelCatcher struct {
	widget.BaseWidget
	target fyne.Scrollable
}

func newWheelCatcher(target fyne.Scrollable) *wheelCatcher {
	w := &wheelCatcher{target: target}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled passes the wheel to the page.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) { w.target.Scrolled(ev) }

// CreateRenderer draws nothing.
func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// scrollIntoView scrolls so an object inside the scroll is whole on screen,
// moving as little as possible: a defect row added at the bottom, the
// cartons just drawn, a measurement cell the cursor went to.
func scrollIntoView(s *container.Scroll, o fyne.CanvasObject) {
	s.Refresh() // lay the content out again: o may have just been added
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(s.Content))
	x := reveal(s.Offset.X, s.Size().Width, at.X, o.Size().Width)
	y := reveal(s.Offset.Y, s.Size().Height, at.Y, o.Size().Height)
	if x != s.Offset.X || y != s.Offset.Y {
		s.ScrollToOffset(fyne.NewPos(x, y))
	}
}

// reveal is the offset along one axis that shows [at, at+size) in a view
// of length view now at offset: unchanged when it is shown already, else
// the least move, its start first when it is larger than the view.
func reveal(offset, view, at, size float32) float32 {
	switch {
	case size > view || at < offset:
		return at
	case at+size > offset+view:
		return at + size - view
	}
	return offset
}
