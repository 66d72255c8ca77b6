// Command minimal is the baseline of the window start-up benchmark:
// the smallest Fyne window, one label, built like Loupe's, that prints the
// first frame the way Loupe does (see package firstframe).
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/app/firstframe"
)

func main() {
	a := app.NewWithID("com.loupeqc.loupe.minimal")
	w := a.NewWindow("Minimal")
	w.Resize(fyne.NewSize(1366, 768))
	w.SetContent(container.NewStack(widget.NewLabel("Inspections"), firstframe.Marker(a.Quit)))
	w.ShowAndRun()
}
