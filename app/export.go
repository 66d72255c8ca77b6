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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/report"
	"github.com/loupeqc/loupe/report/delivery"
)

// reportDir is where reports go by default: beside the data, so they are
// found again offline, in a folder the inspector can open and attach from.
func (d *Desk) reportDir() string {
	if home, err := os.UserHomeDir(); err == nil {
		if docs := filepath.Join(home, "Documents"); isDir(docs) {
			return filepath.Join(docs, "Loupe reports")
		}
	}
	return d.Data.Reports()
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
	e.d.flush()
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
	opt := report.Options{Progress: func(p report.Progress) {
		fyne.Do(func() {
			step.SetText(p.Step)
			if p.Total > 0 {
				bar.SetValue(float64(p.Done) / float64(p.Total))
			}
		})
	}}
	e.d.background(func() {
		res, err := e.d.writeReport(dos, path, opt)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				e.d.showError(fmt.Errorf("the report was not written: %w", err))
				return
			}
			e.exported(res)
		})
	})
}

// writeReport writes and records a report the way `loupe report` does, so
// `loupe verify` recognises files exported from the window.
func (d *Desk) writeReport(dos *inspection.Dossier, path string, opt report.Options) (report.Result, error) {
	db := d.Store
	if err := d.Work.Sweep(filepath.Dir(path)); err != nil {
		return report.Result{}, err
	}
	return delivery.Write(d.ctx(), db, d.Photos, dos, path, opt)
}

// exportedDialog is what the window shows once a report is written.
type exportedDialog struct {
	dlg            dialog.Dialog
	email, mailApp *widget.Button
	mail           *mailDialog // the last one opened from here
}

// exported says what was written and offers to open it or send it.
func (e *Editor) exported(res report.Result) *exportedDialog {
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
		return nil
	}
	x := &exportedDialog{}
	files := widget.NewLabel(strings.Join(paths, "\n"))
	files.Wrapping = fyne.TextWrapBreak
	openPDF := widget.NewButtonWithIcon("Open PDF", theme.FileApplicationIcon(), func() { e.d.openPath(paths[0]) })
	openDir := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() { e.d.openPath(filepath.Dir(paths[0])) })
	openPDF.Importance = widget.HighImportance
	x.email = widget.NewButtonWithIcon("Send by email…", theme.MailSendIcon(), func() { x.dlg.Hide(); x.mail = e.composeMail(paths, false) })
	x.mailApp = widget.NewButtonWithIcon("Open in mail client…", theme.MailComposeIcon(), func() { x.dlg.Hide(); x.mail = e.composeMail(paths, true) })
	body := container.NewVBox(widget.NewLabel(msg), files, container.NewHBox(openPDF, openDir), widget.NewSeparator())
	if e.in.Status != inspection.Finalized {
		hint := wrapLabel("This is a draft report: finalize the inspection before sending it to the client.")
		hint.Importance = widget.WarningImportance
		body.Add(hint)
	}
	body.Add(container.NewHBox(x.email, x.mailApp))
	x.dlg = dialog.NewCustom("Report written", "Close", body, e.d.Window)
	x.dlg.Resize(fyne.NewSize(620, 0))
	x.dlg.Show()
	return x
}

// openPath opens a file or folder with the system's program for it. Where
// there is none (no PDF viewer, no file manager), it says where the file
// is, with the path ready to copy, instead of the opener's own error.
func (d *Desk) openPath(p string) dialog.Dialog {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
	open := d.openURL
	if open == nil {
		open = d.App.OpenURL
	}
	if err := open(u); err == nil {
		return nil
	}
	what := "this file"
	if isDir(p) {
		what = "this folder"
	}
	where := widget.NewEntry()
	where.SetText(p)
	where.OnChanged = func(string) { where.SetText(p) } // selectable, not editable
	var dlg dialog.Dialog
	copyPath := widget.NewButtonWithIcon("Copy path", theme.ContentCopyIcon(), func() {
		d.App.Clipboard().SetContent(p)
		dlg.Hide()
	})
	body := container.NewVBox(
		wrapLabel("No program on this computer opens "+what+". It is saved here:"),
		where,
		container.NewHBox(copyPath))
	dlg = dialog.NewCustom("Saved in "+filepath.Base(filepath.Dir(p)), "Close", body, d.Window)
	dlg.Resize(fyne.NewSize(dialogWidth+100, 0))
	dlg.Show()
	return dlg
}
