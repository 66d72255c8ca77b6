// Package app is Loupe's Fyne user interface: one file per screen or panel,
// each a thin layer over the inspection and report packages.
package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

// Desk is what every screen needs: the window to draw in, the store every
// edit goes to, and where photo files live. Screens receive it instead of
// reaching for globals, so tests can build a Desk on a temporary database.
type Desk struct {
	App     fyne.App
	Window  fyne.Window
	Store   inspection.Store
	DataDir string
	Photos  photo.Files
}

// NewDesk wires a Desk for a data directory.
func NewDesk(a fyne.App, w fyne.Window, store inspection.Store, dataDir string) *Desk {
	return &Desk{App: a, Window: w, Store: store, DataDir: dataDir, Photos: photo.Files{Dir: filepath.Join(dataDir, "photos")}}
}
