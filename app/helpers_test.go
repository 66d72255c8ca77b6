package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// walkDrawn visits every visible object of a tree with its position in
// the window, parents before children, as the window draws them.
func walkDrawn(o fyne.CanvasObject, at fyne.Position, fn func(o fyne.CanvasObject, abs fyne.Position)) {
	if o == nil || !o.Visible() {
		return
	}
	abs := at.Add(o.Position())
	fn(o, abs)
	var kids []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		kids = c.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(c).Objects()
	}
	for _, k := range kids {
		walkDrawn(k, abs, fn)
	}
}

// windowPos is where an object is drawn in the window.
func windowPos(t *testing.T, w fyne.Window, target fyne.CanvasObject) fyne.Position {
	t.Helper()
	var pos fyne.Position
	found := false
	walkDrawn(w.Canvas().Content(), fyne.Position{}, func(o fyne.CanvasObject, abs fyne.Position) {
		if o == target {
			pos, found = abs, true
		}
	})
	if !found {
		t.Fatalf("%T is not drawn in the window", target)
	}
	return pos
}

// centre is the middle of an object in window coordinates.
func centre(t *testing.T, w fyne.Window, o fyne.CanvasObject) fyne.Position {
	t.Helper()
	return windowPos(t, w, o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}
