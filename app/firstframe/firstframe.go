// Package firstframe tells a benchmark when a window has drawn its first
// frame: the window's start-up time is measured from outside the process,
// from its start to the line this package prints.
package firstframe

import (
	"fmt"
	"image"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Env, when set, asks Loupe's window (and the benchmark's minimal window)
// to print Line on stdout once it has drawn its first frame, and then to
// quit: with Window, the first frame of all; with List, the first that
// shows the home list's first page.
const Env = "LOUPE_FIRST_FRAME"

// The values of Env.
const (
	Window = "window"
	List   = "list"
)

// Line is what is printed.
const Line = "first frame"

// Mode is Env's value: "" (off), Window or List.
func Mode() string { return os.Getenv(Env) }

// Marker is a transparent 1×1 object to lay over a window's content once
// that content is in place. A raster's pixels are made while the frame
// that shows it is painted, so the first call is that frame: Marker prints
// Line then, and quits the app once the frame is done.
func Marker(quit func()) fyne.CanvasObject {
	var once sync.Once
	r := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() {
			fmt.Println(Line)
			go fyne.Do(quit)
		})
		return image.NewNRGBA(image.Rect(0, 0, w, h))
	})
	r.Resize(fyne.NewSize(1, 1))
	return container.NewWithoutLayout(r)
}
