package app

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/loupeqc/loupe/app/firstframe"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// AppID must match FyneApp.toml: preferences and storage are keyed by it.
const AppID = "com.loupeqc.loupe"

// ScreenEnv opens a given screen at start ("home", "editor", "photos",
// "samples"), so the screenshot script can photograph each one.
const ScreenEnv = "LOUPE_SCREEN"

// Run opens the window on the data directory and returns when it is closed.
func Run(dataDir string) error {
	data, err := datadir.Resolve(dataDir)
	if err != nil {
		return err
	}
	ws, err := workspace.Open(data)
	if err != nil {
		return err
	}
	defer ws.Close()
	store := ws.Store
	a := fyneapp.NewWithID(AppID)
	applyTheme(a)
	w := a.NewWindow("Loupe")
	saved, haveSaved := savedWindowSize(a)
	w.Resize(fitWindow(saved, haveSaved, fyne.Size{}))
	a.Lifecycle().SetOnStarted(func() { fitToScreen(a, w) })
	d := NewDesk(a, w, store, data)
	d.Work = ws.Work
	d.Team = &Team{
		Sync: func(ctx context.Context, progress func(exchange.Progress)) (exchange.Result, error) {
			return exchange.SyncNamed(ctx, exchange.Workspace{Data: ws.Dir.Path(), Store: ws.Store, Photos: ws.Photos, Staging: ws.StagingDir()}, "", progress)
		},
		Pending: func(ctx context.Context, remote string) (sqlite.SyncPending, error) {
			return exchange.Pending(ctx, ws.Store, remote)
		},
	}
	switch firstframe.Mode() {
	case firstframe.Window:
		w.Canvas().Overlays().Add(firstframe.Marker(a.Quit))
	case firstframe.List:
		d.firstPageShown = func() { w.Canvas().Overlays().Add(firstframe.Marker(a.Quit)) }
	}
	defer d.Close() // before the store closes: what was typed last is written
	d.Start()
	if ws.Unrecovered != nil {
		d.warn("Loupe could not finish cleaning up after it stopped unexpectedly last time (%v). Your data is safe; it tries again at the next start.", ws.Unrecovered)
	}
	defer d.backupDaily(firstBackupCheck, backupCheckEvery)()
	d.sendSoon()
	d.sendPeriodically(5 * time.Minute)
	w.SetCloseIntercept(func() {
		rememberWindowSize(a, w.Canvas().Size())
		d.flush()
		w.Close()
	})
	d.openScreen(os.Getenv(ScreenEnv))
	w.ShowAndRun()
	return nil
}

// Start installs the menu, the drop target and the home screen.
func (d *Desk) Start() {
	d.Window.SetMainMenu(d.mainMenu())
	d.Window.SetOnDropped(d.dropped)
	d.ShowHome()
}

// The daily backup is first checked a while after the window opens, never
// on its way up, then every hour it stays open.
const (
	firstBackupCheck = 2 * time.Minute
	backupCheckEvery = time.Hour
)

// backupDaily keeps a daily copy of the database while the window is
// open: at each check it backs up only when the last backup is a day old
// and the data changed since (sqlite.DailyBackup). It runs beside the
// window, and a failed backup is worth a notice, not a stop. The returned
// function stops it, cancelling a copy in progress, so closing the window
// never waits for one.
func (d *Desk) backupDaily(first, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(d.ctx())
	store := d.Store
	d.background(func() {
		wait := first
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = every
			if _, err := store.DailyBackup(ctx, time.Now()); err != nil && ctx.Err() == nil {
				fyne.Do(func() {
					d.warn("The daily backup failed: %v. Your work is saved, but free disk space in %s; Loupe tries again within the hour.", err, store.BackupDir())
				})
			}
		}
	})
	return cancel
}

// backupNow is File > Back up now: the same rotating backup, on demand.
func (d *Desk) backupNow() {
	d.flush() // the backup holds what was typed a moment ago
	db := d.Store
	ctx := d.ctx()
	d.background(func() {
		path, err := db.RotateBackups(ctx, "", sqlite.DefaultKeep)
		fyne.Do(func() {
			if err != nil {
				d.showError(fmt.Errorf("the backup failed: %w (free disk space, then try again)", err))
				return
			}
			d.notify("Database backed up to " + path + ".")
		})
	})
}

// openScreen jumps to a screen for the screenshots; the editor screens open
// the newest inspection.
func (d *Desk) openScreen(name string) {
	switch name {
	case "", "home":
	case "samples":
		d.ShowSamples()
	case "outbox":
		d.ShowOutbox()
	case "conflicts":
		d.ShowConflicts()
	case "review":
		d.ShowReview()
	default: // "editor" or a tab: "header", "findings", "measurements", "photos", …
		latest, err := d.Store.Latest(d.ctx())
		if err != nil {
			d.showError(err)
			return
		}
		if err := d.OpenInspection(latest.ID); err != nil {
			d.showError(err)
			return
		}
		tab := name
		if name == "editor" {
			tab = "sampling"
		}
		d.Editor.selectTab(tab)
	}
}

// dropped routes files dragged onto the window to the open inspection's photos.
func (d *Desk) dropped(_ fyne.Position, uris []fyne.URI) {
	if d.Editor == nil {
		d.showError(fmt.Errorf("open an inspection first, then drop its photos on the window"))
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	d.Editor.selectTab("photos")
	d.Editor.photos.importPaths(paths)
}
