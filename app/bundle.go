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
	"github.com/loupeqc/loupe/report"
	"github.com/loupeqc/loupe/report/delivery"
)

// currentInspection is what File > Export bundle exports: the open
// inspection, else the one selected in the list.
func (d *Desk) currentInspection() (inspection.ID, string, error) {
	if d.Editor != nil {
		return d.Editor.in.ID, reportFileName(d.Editor.in), nil
	}
	if h := d.Home; h != nil && h.selected >= 0 && h.selected < len(h.rows) {
		r := h.rows[h.selected]
		return r.ID, reportFileName(&inspection.Inspection{ID: r.ID, ReportNo: r.ReportNo}), nil
	}
	return inspection.NilID, "", fmt.Errorf("select an inspection in the list, or open one, then export its bundle")
}

// progress is a modal step label and bar for work done in the background.
type progress struct {
	dlg  dialog.Dialog
	step *widget.Label
	bar  *widget.ProgressBar
}

func (d *Desk) showProgress(title string) *progress {
	p := &progress{step: widget.NewLabel("Starting…"), bar: widget.NewProgressBar()}
	p.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.step, p.bar), d.Window)
	p.dlg.Resize(fyne.NewSize(460, 0))
	p.dlg.Show()
	return p
}

// set is safe from any goroutine.
func (p *progress) set(step string, done, total int) {
	fyne.Do(func() {
		p.step.SetText(step)
		if total > 0 {
			p.bar.SetValue(float64(done) / float64(total))
		}
	})
}

func (d *Desk) fileDialogAt(dlg interface{ SetLocation(fyne.ListableURI) }, dir string) {
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		dlg.SetLocation(l)
	}
}

// exportBundle asks where to save the .loupe file.
func (d *Desk) exportBundle() {
	id, pdfName, err := d.currentInspection()
	if err != nil {
		d.showError(err)
		return
	}
	dir := d.reportDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		d.showError(fmt.Errorf("cannot create %s for the bundle: %w", dir, err))
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			d.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // bundle.WriteFile creates it only once complete
		if !strings.HasSuffix(path, ".loupe") {
			path += ".loupe"
		}
		d.writeBundle(id, path)
	}, d.Window)
	save.SetFileName(strings.TrimSuffix(pdfName, ".pdf") + ".loupe")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".loupe"}))
	d.fileDialogAt(save, dir)
	save.Resize(fyne.NewSize(800, 560))
	save.Show()
}

// writeBundle writes the report and the bundle off the UI goroutine; done
// (for tests) runs on the UI goroutine afterwards.
func (d *Desk) writeBundle(id inspection.ID, path string) {
	d.flush()
	db := d.Store
	p := d.showProgress("Exporting bundle")
	ctx := d.ctx()
	d.background(func() {
		err := d.bundleTo(ctx, db, id, path, p)
		fyne.Do(func() {
			p.dlg.Hide()
			if err != nil {
				d.showError(fmt.Errorf("the bundle was not written: %w", err))
				return
			}
			d.notify("Bundle written: " + path + ". Import it into another Loupe with File > Import bundle….")
		})
	})
}

// bundleTo is `loupe export`: the data, original photos, signatures and a
// freshly written report, with the finalize manifest when there is one.
func (d *Desk) bundleTo(ctx context.Context, db Store, id inspection.ID, path string, p *progress) error {
	dos, err := db.Dossier(ctx, id)
	if err != nil {
		return err
	}
	if err := d.Work.Sweep(filepath.Dir(path)); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(path), ".loupe-export-")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), err)
	}
	defer os.RemoveAll(tmp)
	opt := report.Options{Progress: func(r report.Progress) { p.set("Report: "+r.Step, r.Done, 2*max(r.Total, 1)) }}
	res, err := delivery.Write(ctx, db, d.Photos, dos, filepath.Join(tmp, reportFileName(&dos.Inspection)), opt)
	if err != nil {
		return err
	}
	bo := bundle.Options{PDF: res.Files[0].Path}
	if len(res.Files) > 1 {
		bo.Annex = res.Files[1].Path
	}
	if dos.Inspection.Status == inspection.Finalized {
		if bo.Finalized, err = db.Manifest(ctx, id); err != nil && inspection.ErrorCode(err) != inspection.ENOTFOUND {
			return err
		}
	}
	p.set(fmt.Sprintf("Packing data and %d original photos…", len(dos.Photos)), 3, 4)
	return bundle.WriteFile(ctx, path, dos, d.Photos, bo)
}
