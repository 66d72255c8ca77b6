package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// sectionTab is where each section's result is set in the editor.
var sectionTab = map[inspection.SectionKind]string{
	inspection.SectionQuantity:     "sampling",
	inspection.SectionWorkmanship:  "findings",
	inspection.SectionMeasurements: "measurements",
	inspection.SectionTests:        "tests",
	inspection.SectionConformity:   "checks",
	inspection.SectionPacking:      "checks",
	inspection.SectionMarking:      "checks",
	inspection.SectionClient:       "checks",
}

// finalizeDialog is the "Finalize…" dialog: what is still missing, or a
// confirmation with an optional signature waiver.
type finalizeDialog struct {
	e       *Editor
	dlg     dialog.Dialog
	waiver  *widget.Entry // nil unless signatures are missing
	confirm *widget.Button
}

// finalize opens the dialog. Unjudged sections cannot be waived: the
// inspector goes to them. Missing signatures can, with a reason the report
// prints.
func (e *Editor) finalize() *finalizeDialog {
	e.d.flush()
	dos, err := e.d.Store.Dossier(e.d.ctx(), e.in.ID)
	if err != nil {
		e.d.showError(err)
		return nil
	}
	r := inspection.CheckFinalize(dos)
	if len(r.Unjudged) > 0 {
		e.showUnjudged(r)
		return nil
	}
	f := &finalizeDialog{e: e}
	verdict := strings.ToUpper(string(dos.Outcome().Verdict))
	intro := wrapLabel(fmt.Sprintf("Verdict: %s. After finalizing, %s is read-only and its data and photos are sealed with a SHA-256 manifest. Corrections go in a new revision; both stay.",
		verdict, firstNonEmpty(e.in.ReportNo, "this inspection")))
	body := container.NewVBox(intro)
	f.confirm = widget.NewButtonWithIcon("Finalize", theme.ConfirmIcon(), f.run)
	f.confirm.Importance = widget.HighImportance
	if len(r.MissingSignatures) > 0 {
		f.waiver = widget.NewEntry()
		f.waiver.SetPlaceHolder("e.g. factory manager left before the end of the inspection")
		f.waiver.OnChanged = func(s string) { f.enable() }
		f.waiver.OnSubmitted = func(string) { f.run() }
		body.Add(widget.NewSeparator())
		body.Add(wrapLabel("Not signed: " + roles(r.MissingSignatures) + ". Have them sign on the Sign & export tab, or finalize without their signatures and say why (the report prints the reason):"))
		body.Add(widget.NewForm(widget.NewFormItem("Reason", f.waiver)))
		f.confirm.SetText("Finalize without signatures")
	}
	f.enable()
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.confirm)
	f.dlg = dialog.NewCustomWithoutButtons("Finalize "+firstNonEmpty(e.in.ReportNo, "inspection"), container.NewVBox(body, buttons), e.d.Window)
	f.dlg.Resize(fyne.NewSize(560, 0))
	f.dlg.Show()
	if f.waiver != nil {
		e.d.Window.Canvas().Focus(f.waiver)
	}
	return f
}

func (f *finalizeDialog) enable() {
	if f.waiver != nil && strings.TrimSpace(f.waiver.Text) == "" {
		f.confirm.Disable()
		return
	}
	f.confirm.Enable()
}

func roles(rs []inspection.SignerRole) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = "the " + string(r)
	}
	return strings.Join(s, " and ")
}

func (e *Editor) finalizeOrCorrect() {
	if e.readOnly {
		e.correct()
		return
	}
	e.finalize()
}

// showUnjudged lists the sections without a result, each with a button
// that goes there.
func (e *Editor) showUnjudged(r inspection.Readiness) {
	var dlg dialog.Dialog
	rows := container.NewVBox(wrapLabel("Every section needs a result (pass, fail, pending or n/a) before the report can be finalized. Still open:"))
	for _, k := range r.Unjudged {
		tab := sectionTab[k]
		rows.Add(container.NewBorder(nil, nil, nil, widget.NewButton("Go there", func() { dlg.Hide(); e.selectTab(tab) }),
			widget.NewLabel("• "+k.Title())))
	}
	if len(r.MissingSignatures) > 0 {
		rows.Add(container.NewBorder(nil, nil, nil, widget.NewButton("Go there", func() { dlg.Hide(); e.selectTab("signatures") }),
			widget.NewLabel("• Signatures: "+roles(r.MissingSignatures)+" (or waive them when finalizing)")))
	}
	dlg = dialog.NewCustom("Not ready to finalize", "Close", rows, e.d.Window)
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}

// run stores the waiver, finalizes and backs up off the UI goroutine, then
// reopens the inspection read-only.
func (f *finalizeDialog) run() {
	if f.confirm.Disabled() {
		return
	}
	e := f.e
	db := e.d.Store
	if f.waiver != nil {
		e.in.SignatureWaiver = strings.TrimSpace(f.waiver.Text)
	}
	// What is on screen is what gets sealed: every pending edit first.
	if err := saveNow(e.d, "inspection "+e.in.ID.String(), inspectionSnapshot(e.in), e.d.Store.PutInspection); err != nil {
		e.d.showError(fmt.Errorf("the inspection was not finalized: %w", err))
		return
	}
	f.confirm.Disable()
	f.dlg.Hide()
	prog := dialog.NewCustomWithoutButtons("Finalizing", container.NewVBox(widget.NewLabel("Sealing the data and backing up the database…"), widget.NewProgressBarInfinite()), e.d.Window)
	prog.Show()
	id, who, ctx := e.in.ID, firstNonEmpty(prefInspector(e.d.App), e.in.Inspector), e.d.ctx()
	e.d.background(func() {
		backup, err := workspace.FinalizeAndBackup(ctx, db, e.d.Work, id, who)
		fyne.Do(func() {
			prog.Hide()
			e.finalized(id, backup, err)
		})
	})
}

func (e *Editor) finalized(id inspection.ID, backup string, err error) {
	var berr *sqlite.BackupError
	if err != nil && !errors.As(err, &berr) {
		e.d.showError(fmt.Errorf("the inspection was not finalized: %w", err))
		return
	}
	if oerr := e.d.OpenInspection(id); oerr != nil {
		e.d.showError(oerr)
		return
	}
	if berr != nil {
		e.d.warn("Finalized, but %v. Free disk space and use File > Back up now… (or `loupe backup`).", berr)
		return
	}
	e.d.notify("Finalized and backed up to " + backup + ".")
}

// correctDialog asks why a finalized inspection needs a revision, then
// opens the new draft.
type correctDialog struct {
	dlg    dialog.Dialog
	reason *widget.Entry
}

func (e *Editor) correct() *correctDialog {
	c := &correctDialog{reason: widget.NewEntry()}
	c.reason.SetPlaceHolder("e.g. wrong PO number; factory sent the signed copy")
	form := widget.NewForm(widget.NewFormItem("Reason", c.reason))
	body := container.NewVBox(
		wrapLabel("The finalized report stays as signed. A new draft revision ("+
			firstNonEmpty(inspection.RevisionReportNo(e.in.ReportNo), "new report")+
			") copies its data for you to correct; it must be signed and finalized again."),
		form)
	c.dlg = dialog.NewCustomConfirm("Correct "+firstNonEmpty(e.in.ReportNo, "inspection"), "Create revision", "Cancel", body, func(ok bool) {
		if ok {
			e.revise(c.reason.Text)
		}
	}, e.d.Window)
	c.dlg.Resize(fyne.NewSize(560, 0))
	c.dlg.Show()
	e.d.Window.Canvas().Focus(c.reason)
	return c
}

func (e *Editor) revise(reason string) {
	e.d.flush()
	db := e.d.Store
	rev, err := db.Revise(e.d.ctx(), e.in.ID, reason, firstNonEmpty(prefInspector(e.d.App), e.in.Inspector))
	if err != nil {
		e.d.showError(err)
		return
	}
	if err := e.d.OpenInspection(rev.ID); err != nil {
		e.d.showError(err)
		return
	}
	e.d.notify(fmt.Sprintf("Revision %s created: %s. Correct it, then sign and finalize it.", firstNonEmpty(rev.ReportNo, rev.ID.String()), rev.RevisionReason))
}
