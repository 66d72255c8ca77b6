// Package app is Loupe's Fyne user interface: one file per screen or panel,
// each a thin layer over the inspection and report packages.
package app

import (
	"context"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/app/autosave"
	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/photo"
)

// Desk is what every screen needs: the window to draw in, the store every
// edit goes to, and where photo files live. Screens receive it instead of
// reaching for globals, so tests can build a Desk on a temporary database.
type Desk struct {
	App    fyne.App
	Window fyne.Window
	Store  Store
	Data   datadir.Dir
	Photos photo.Files
	// Work records temporary files written outside the data directory, so
	// a Loupe killed meanwhile has them removed at its next start; nil in
	// tests, which record nothing.
	Work *inflight.Record
	// Team syncs with the team's remote; nil when the window cannot.
	Team *Team

	Home     *Home
	Editor   *Editor // the open inspection, nil on other screens
	Saved    *SavedIndicator
	autosave *autosave.Saver
	outbox   *OutboxScreen        // while it is shown, so sending can refresh it
	samples  *samplesScreen       // the last sample library shown
	openURL  func(*url.URL) error // the system opener; tests replace it

	// firstPageShown, when set, is called once the home list shows its
	// first answer (the start-up benchmark's mark).
	firstPageShown func()

	content *fyne.Container
	notices *noticeBar     // messages that must not interrupt work
	bg      sync.WaitGroup // background work, so tests can wait for it
}

// NewDesk wires a Desk for a data directory.
func NewDesk(a fyne.App, w fyne.Window, store Store, data datadir.Dir) *Desk {
	d := &Desk{App: a, Window: w, Store: store, Data: data, Photos: photo.Files{Dir: data.Photos()}}
	d.Saved = newSavedIndicator()
	d.autosave = d.newSaver()
	d.content = container.NewStack()
	d.notices = newNoticeBar()
	w.SetContent(container.NewBorder(d.notices.view, nil, nil, nil, d.content))
	return d
}

// ctx carries the inspector's name so the audit trail says who typed what.
func (d *Desk) ctx() context.Context {
	return inspection.WithActor(context.Background(), prefInspector(d.App))
}

// saved reports the outcome of a write made now: a dialog that says what
// to do on failure; on success the indicator, which still says pending or
// failed while the autosaver has edits in that state.
func (d *Desk) saved(err error) bool {
	if err != nil {
		d.Saved.failed()
		d.showError(err)
		return false
	}
	if d.autosave.State() == autosave.Saved {
		d.Saved.ok(time.Now()) // this write just reached the disk
	} else {
		d.showSaving()
	}
	return true
}

// Close writes what is pending and stops saving: the last thing before the
// store closes.
func (d *Desk) Close() error { return d.autosave.Close() }

func (d *Desk) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowError(err, d.Window)
}

func (d *Desk) show(o fyne.CanvasObject) {
	if d.outbox != nil && o != d.outbox.view {
		d.outbox = nil
	}
	d.content.Objects = []fyne.CanvasObject{o}
	d.content.Refresh()
}

// ShowHome switches to the inspection list, reloading it.
func (d *Desk) ShowHome() {
	d.flush()
	d.Editor = nil
	if d.Home == nil {
		d.Home = newHome(d)
	}
	d.show(d.Home.view)
	d.Window.Canvas().Focus(d.Home.search)
	d.Home.Reload() // answered in the background
	d.Home.sync.refresh()
}

// OpenInspection switches to the editor of an inspection.
func (d *Desk) OpenInspection(id inspection.ID) error {
	d.flush()
	e, err := newEditor(d, id)
	if err != nil {
		return err
	}
	d.Editor = e
	d.show(e.view)
	return nil
}

// busyFrame is how long the busy sign is given to be drawn before the UI
// goroutine is taken by building the editor (a few frames).
const busyFrame = 60 * time.Millisecond

// OpenInspectionBusy opens an inspection behind a busy sign: building a
// large inspection's editor takes a moment on a slow laptop, and a window
// that just stops answering looks broken. done, if not nil, runs once the
// editor is shown.
func (d *Desk) OpenInspectionBusy(id inspection.ID, name string, done func()) dialog.Dialog {
	busy := dialog.NewCustomWithoutButtons("Opening "+firstNonEmpty(name, "inspection")+"…", widget.NewProgressBarInfinite(), d.Window)
	busy.Resize(fyne.NewSize(360, 0))
	busy.Show()
	d.background(func() {
		time.Sleep(busyFrame)
		fyne.Do(func() {
			err := d.OpenInspection(id)
			busy.Hide()
			d.showError(err)
			if err == nil && done != nil {
				done()
			}
		})
	})
	return busy
}

// ShowSamples switches to the golden and boundary sample library.
func (d *Desk) ShowSamples() {
	d.flush()
	d.Editor = nil
	d.samples = newSamplesScreen(d)
	d.show(d.samples.view)
}
