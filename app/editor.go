package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// Editor is one inspection open for work: a sidebar of sections in report
// order, and the verdict bar that stays visible whatever the section.
type Editor struct {
	d        *Desk
	in       *inspection.Inspection
	sections map[inspection.SectionKind]*inspection.Section
	readOnly bool

	view  fyne.CanvasObject
	title *widget.Label
	tabs  *container.AppTabs
	named map[string]*container.TabItem

	verdict      *VerdictBar
	header       *headerPanel
	sampling     *samplingPanel
	findings     *findingsPanel
	measurements *measurementsPanel
	tests        *testsPanel
	checks       *checklistPanel
	photos       *photosPanel
	signatures   *signaturesPanel
}

func newEditor(d *Desk, id inspection.ID) (*Editor, error) {
	ctx := d.ctx()
	in, err := d.Store.Inspection(ctx, id)
	if err != nil {
		return nil, err
	}
	e := &Editor{d: d, in: in, readOnly: in.ReadOnly(), sections: map[inspection.SectionKind]*inspection.Section{}}
	secs, err := d.Store.Sections(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := range secs {
		e.sections[secs[i].Kind] = &secs[i]
	}
	e.known() // as loaded, before the panels apply proposals to it
	e.verdict = newVerdictBar()
	if err := e.buildPanels(); err != nil {
		return nil, err
	}
	e.view = container.NewBorder(e.topBar(), e.verdict.view, nil, nil, e.tabs)
	e.refresh()
	return e, nil
}

func (e *Editor) buildPanels() error {
	var err error
	steps := []func() error{
		func() error { e.header, err = newHeaderPanel(e); return err },
		func() error { e.sampling, err = newSamplingPanel(e); return err },
		func() error { e.findings, err = newFindingsPanel(e); return err },
		func() error { e.measurements, err = newMeasurementsPanel(e); return err },
		func() error { e.tests, err = newTestsPanel(e); return err },
		func() error { e.checks, err = newChecklistPanel(e); return err },
		func() error { e.photos, err = newPhotosPanel(e); return err },
		func() error { e.signatures, err = newSignaturesPanel(e); return err },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	e.named = map[string]*container.TabItem{
		"header":       container.NewTabItem("Header", e.header.view),
		"sampling":     container.NewTabItem("Quantity & sampling", e.sampling.view),
		"findings":     container.NewTabItem("Workmanship", e.findings.view),
		"measurements": container.NewTabItem("Measurements", e.measurements.view),
		"tests":        container.NewTabItem("On-site tests", e.tests.view),
		"checks":       container.NewTabItem("Checklists", e.checks.view),
		"photos":       container.NewTabItem("Photos", e.photos.view),
		"signatures":   container.NewTabItem("Sign & export", e.signatures.view),
	}
	e.tabs = container.NewAppTabs()
	for _, k := range []string{"header", "sampling", "findings", "measurements", "tests", "checks", "photos", "signatures"} {
		e.tabs.Append(e.named[k])
	}
	e.tabs.SetTabLocation(container.TabLocationLeading)
	e.tabs.OnSelected = func(t *container.TabItem) {
		if t == e.named["photos"] {
			e.photos.reload()
		}
	}
	return nil
}

func (e *Editor) topBar() fyne.CanvasObject {
	back := widget.NewButtonWithIcon("Inspections", theme.NavigateBackIcon(), e.d.ShowHome)
	e.title = boldLabel("")
	e.title.Truncation = fyne.TextTruncateEllipsis
	export := widget.NewButtonWithIcon("Export PDF", theme.DocumentPrintIcon(), e.exportPDF)
	export.Importance = widget.HighImportance
	right := container.NewHBox(e.d.Saved.Label, e.closeButton(), export)
	bar := container.NewBorder(nil, nil, back, right, e.title)
	top := container.NewVBox(bar)
	if e.in.RevisionOf != inspection.NilID {
		rev := widget.NewLabel("Revision: " + e.in.RevisionReason)
		rev.Wrapping = fyne.TextWrapWord
		top.Add(rev)
	}
	if e.readOnly {
		msg := fmt.Sprintf("Finalized on %s by %s: read-only. Corrections go in a new revision.",
			e.in.FinalizedAt.Local().Format("2006-01-02 15:04"), e.in.FinalizedBy)
		banner := widget.NewLabel(msg)
		banner.Importance = widget.WarningImportance
		top.Add(banner)
	}
	top.Add(widget.NewSeparator())
	return top
}

// closeButton finalizes a draft, or starts the correction of a finalized
// inspection.
func (e *Editor) closeButton() *widget.Button {
	if e.readOnly {
		return widget.NewButtonWithIcon("Correct (new revision)…", theme.DocumentCreateIcon(), func() { e.correct() })
	}
	return widget.NewButtonWithIcon("Finalize…", theme.ConfirmIcon(), func() { e.finalize() })
}

func (e *Editor) selectTab(name string) {
	if t, ok := e.named[name]; ok {
		e.tabs.Select(t)
		if name == "photos" {
			e.photos.reload()
		}
	}
}

// section returns the stored result of a section, creating it on first use.
func (e *Editor) section(k inspection.SectionKind) *inspection.Section {
	s, ok := e.sections[k]
	if !ok {
		s = &inspection.Section{InspectionID: e.in.ID, Kind: k}
		e.sections[k] = s
	}
	return s
}

func (e *Editor) sectionList() []inspection.Section {
	out := make([]inspection.Section, 0, len(e.sections))
	for _, k := range inspection.Sections {
		if s, ok := e.sections[k]; ok {
			out = append(out, *s)
		}
	}
	return out
}

// Outcome is the live verdict of what is on screen.
func (e *Editor) Outcome() inspection.Outcome {
	return inspection.Evaluate(e.in, e.findings.list, e.sectionList())
}

// refresh recomputes everything derived from the inspection: title, plan
// words and verdict bar.
func (e *Editor) refresh() {
	if e.findings == nil || e.sampling == nil || e.verdict == nil {
		return // still being built: the first refresh comes once it is
	}
	if e.title != nil {
		e.title.SetText(e.header.titleText())
	}
	o := e.Outcome()
	e.sampling.showPlan(o)
	e.verdict.show(o)
}

// lock disables every input of a read-only inspection.
func (e *Editor) lock(o fyne.CanvasObject) {
	if e.readOnly {
		disableAll(o)
	}
}

func disableAll(o fyne.CanvasObject) {
	if f, ok := o.(*widget.Form); ok {
		// Form.Disable only greys its (absent) submit button, and panics
		// before the form is first drawn: disable the fields themselves.
		for _, it := range f.Items {
			disableAll(it.Widget)
		}
		return
	}
	if d, ok := o.(fyne.Disableable); ok {
		d.Disable()
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			disableAll(child)
		}
	case *container.Scroll:
		disableAll(c.Content)
	}
}
