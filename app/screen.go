package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// The window's content size when nothing better is known: it fits a
// 1366x768 laptop screen once the taskbar and the title bar are taken off.
var defaultWindow = fyne.NewSize(1280, 680)

// roomyWindow caps the first size on large screens: wide enough for every
// column, not so large that the window looks maximised.
var roomyWindow = fyne.NewSize(1600, 960)

// frame is what the window's borders and title bar take around the content.
var frame = fyne.NewSize(16, 48)

// fitWindow is the content size to open at: the saved size (or, without
// one, a roomy default) within the screen's work area, so a size saved on
// a larger screen never hides the right-hand columns or the verdict bar.
// An unknown work area (zero) leaves the saved size, or the laptop default.
func fitWindow(saved fyne.Size, haveSaved bool, area fyne.Size) fyne.Size {
	if area.Width <= 0 || area.Height <= 0 {
		if haveSaved {
			return saved
		}
		return defaultWindow
	}
	room := fyne.NewSize(area.Width-frame.Width, area.Height-frame.Height)
	want := saved
	if !haveSaved {
		want = roomyWindow
	}
	return fyne.NewSize(min(want.Width, room.Width), min(want.Height, room.Height))
}

// workArea is the primary screen's area without the taskbar, in the
// window's units; zero when the platform does not say. It must run on the
// main goroutine once the window exists (Lifecycle.OnStarted).
func workArea(w fyne.Window) (area fyne.Size) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return fyne.Size{}
	}
	nw.RunNative(func(any) {
		defer func() {
			if recover() != nil { // GLFW without a monitor: keep the saved size
				area = fyne.Size{}
			}
		}()
		m := glfw.GetPrimaryMonitor()
		if m == nil {
			return
		}
		_, _, width, height := m.GetWorkarea()
		scale := w.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		area = fyne.NewSize(float32(width)/scale, float32(height)/scale)
	})
	return area
}

// fitToScreen resizes the window into the screen it opened on.
func fitToScreen(a fyne.App, w fyne.Window) {
	saved, haveSaved := savedWindowSize(a)
	size := fitWindow(saved, haveSaved, workArea(w))
	if size != w.Canvas().Size() {
		w.Resize(size)
		w.CenterOnScreen()
	}
}
