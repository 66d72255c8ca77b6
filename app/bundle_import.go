package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
	"github.com/loupeqc/loupe/report/delivery"
)

// importBundle asks for a .loupe file and merges it.
func (d *Desk) importBundle() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			d.showError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		d.importFile(path)
	}, d.Window)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".loupe"}))
	d.fileDialogAt(open, d.reportDir())
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// importFile is `loupe import` with progress: check every entry, copy the
// originals, render working copies, merge by ID.
func (d *Desk) importFile(path string) {
	d.flush()
	db := d.Store
	p := d.showProgress("Importing bundle")
	ctx := d.ctx()
	d.background(func() {
		rep, photos, err := d.merge(ctx, db, path, p)
		fyne.Do(func() {
			p.dlg.Hide()
			if err != nil {
				d.showError(fmt.Errorf("nothing was imported: %w", err))
				return
			}
			d.imported(rep, photos)
		})
	})
}

func (d *Desk) merge(ctx context.Context, db importStore, path string, p *progress) (sqlite.MergeReport, int, error) {
	p.set("Checking every file in the bundle…", 0, 1)
	b, err := bundle.Read(path, bundle.Limits{})
	if err != nil {
		return sqlite.MergeReport{}, 0, err
	}
	defer b.Close()
	received, err := d.receivedReports(b, path)
	if err != nil {
		return sqlite.MergeReport{}, 0, err
	}
	n := len(b.Dossier.Photos)
	p.set(fmt.Sprintf("Checking %d original photos…", n), 1, n+3)
	var rep sqlite.MergeReport
	added, err := b.Import(workspace.StagingDir(d.Data), d.Photos, func() (err error) {
		p.set("Merging the records…", 2, n+3)
		rep, err = db.MergeWith(ctx, b.Dossier, b.Finalized, sqlite.MergeOptions{Reports: received})
		return err
	}, func(i, n int) {
		p.set(fmt.Sprintf("Preparing photo %d of %d…", i+1, n), i+3, n+3)
	})
	return rep, added, err
}

// receivedReports are the bundle's PDFs that print exactly its data, to
// record with the merge so `loupe verify` knows them; one that does not is
// a note of the merge.
func (d *Desk) receivedReports(b *bundle.Bundle, path string) ([]inspection.ReportFile, error) {
	dir, err := d.Work.TempDir()
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	checked, err := delivery.CheckBundled(b, dir, filepath.Base(path))
	return delivery.Received(checked), err
}

// imported says what the import did; conflicts lead to their screen.
func (d *Desk) imported(rep sqlite.MergeReport, photos int) {
	if d.Home != nil && d.Editor == nil && d.outbox == nil {
		d.Home.Reload()
	}
	msg := fmt.Sprintf("%d records added, %d already here and identical, %d photo files added.", len(rep.Added), rep.Skipped, photos)
	if len(rep.Added) == 0 && len(rep.Conflicts) == 0 {
		msg = "Nothing new: this bundle was already imported. " + msg
	}
	body := container.NewVBox(wrapLabel(msg))
	if len(rep.Notes) > 0 {
		body.Add(wrapLabel("Notes:\n• " + strings.Join(rep.Notes, "\n• ")))
	}
	open := widget.NewButton("Open inspection", func() { d.showError(d.OpenInspection(rep.InspectionID)) })
	if len(rep.Conflicts) == 0 {
		dlg := dialog.NewCustom("Bundle imported", "Close", body, d.Window)
		open.OnTapped = func() { dlg.Hide(); d.showError(d.OpenInspection(rep.InspectionID)) }
		body.Add(container.NewHBox(open))
		dlg.Resize(fyne.NewSize(520, 0))
		dlg.Show()
		return
	}
	n := fmt.Sprintf("%d records differ", len(rep.Conflicts))
	if len(rep.Conflicts) == 1 {
		n = "1 record differs"
	}
	warn := wrapLabel(n + " between this laptop and the bundle. Neither was overwritten: compare them and choose which to keep.")
	warn.Importance = widget.WarningImportance
	body.Add(warn)
	dlg := dialog.NewCustomConfirm("Bundle imported with conflicts", "Review conflicts", "Later", body, func(ok bool) {
		if ok {
			d.ShowConflicts()
		}
	}, d.Window)
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}
