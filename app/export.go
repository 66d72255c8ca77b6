package app

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/report"
)

// reportDir is where reports go by default: beside the data, so they are
// found again offline, in a folder the inspector can open and attach from.
func (d *Desk) reportDir() string {
	if home, err := os.UserHomeDir(); err == nil {
		if docs := filepath.Join(home, "Documents"); isDir(docs) {
			return filepath.Join(docs, "Loupe reports")
		}
	}
	return filepath.Join(d.DataDir, "reports")
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func reportFileName(in *inspection.Inspection) string {
	name := firstNonEmpty(in.ReportNo, in.ID.String())
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	return name + ".pdf"
}

// exportPDF asks where to save, then writes the report in the background.
func (e *Editor) exportPDF() {
	dir := e.d.reportDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.d.showError(fmt.Errorf("cannot create %s for the report: %w", dir, err))
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			e.d.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // report.Write creates it only once complete
		e.writeReport(path)
	}, e.d.Window)
	save.SetFileName(reportFileName(e.in))
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		save.SetLocation(l)
	}
	save.Resize(fyne.NewSize(800, 560))
	save.Show()
}

func (e *Editor) writeReport(path string) {
	dos, err := e.d.Store.Dossier(e.d.ctx(), e.in.ID)
	if err != nil {
		e.d.showError(err)
		return
	}
	bar := widget.NewProgressBar()
	step := widget.NewLabel("Starting…")
	prog := dialog.NewCustomWithoutButtons("Exporting PDF", container.NewVBox(step, bar), e.d.Window)
	prog.Resize(fyne.NewSize(420, 140))
	prog.Show()
	src := report.PhotoFunc(func(p inspection.Photo) (string, error) { return e.d.Photos.Working(p.SHA256), nil })
	opt := report.Options{Progress: func(p report.Progress) {
		fyne.Do(func() {
			step.SetText(p.Step)
			if p.Total > 0 {
				bar.SetValue(float64(p.Done) / float64(p.Total))
			}
		})
	}}
	go func() {
		res, err := report.Write(e.d.ctx(), dos, src, path, opt)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				e.d.showError(fmt.Errorf("the report was not written: %w", err))
				return
			}
			e.exported(res)
		})
	}()
}

// exported says what was written and offers to open it.
func (e *Editor) exported(res report.Result) {
	msg := fmt.Sprintf("%d pages, %.1f MB.", res.Pages, float64(res.Size)/(1<<20))
	if res.Split {
		msg += " The photos did not fit the e-mail budget and went into a second file."
	}
	if res.OverBudget {
		msg += " Still larger than the budget: send it another way."
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	if len(paths) == 0 {
		return
	}
	files := widget.NewLabel(strings.Join(paths, "\n"))
	openPDF := widget.NewButton("Open PDF", func() { e.d.openPath(paths[0]) })
	openDir := widget.NewButton("Open folder", func() { e.d.openPath(filepath.Dir(paths[0])) })
	openPDF.Importance = widget.HighImportance
	body := container.NewVBox(widget.NewLabel(msg), files, container.NewHBox(openPDF, openDir))
	dialog.ShowCustom("Report written", "Close", body, e.d.Window)
}

func (d *Desk) openPath(p string) {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
	d.showError(d.App.OpenURL(u))
}
