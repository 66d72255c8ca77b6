package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// testsPanel lists on-site tests. A barcode test takes the scanner's
// keystrokes in an entry and shows inspection.Test.Judgement, as the
// report does.
type testsPanel struct {
	e    *Editor
	view fyne.CanvasObject
	list []*inspection.Test
	box  *fyne.Container

	barcodeChecks map[inspection.ID]*widget.Label // the check's words per barcode test
}

func newTestsPanel(e *Editor) (*testsPanel, error) {
	p := &testsPanel{e: e, box: container.NewVBox(), barcodeChecks: map[inspection.ID]*widget.Label{}}
	ts, err := e.d.Store.Tests(e.d.ctx(), e.in.ID)
	if err != nil {
		return nil, err
	}
	for i := range ts {
		p.list = append(p.list, &ts[i])
	}
	p.rebuild()
	add := widget.NewButtonWithIcon("Add test", theme.ContentAddIcon(), func() { p.add(inspection.TestFunction) })
	barcode := widget.NewButtonWithIcon("Add barcode test", theme.ContentAddIcon(), func() { p.add(inspection.TestBarcode) })
	body := container.NewVBox(heading("On-site tests"), p.box, container.NewHBox(add, barcode), widget.NewSeparator(), sectionBox(e, inspection.SectionTests))
	p.view = newPage(body, formWidth).view
	e.lock(p.view)
	return p, nil
}

func (p *testsPanel) rebuild() {
	p.box.Objects = nil
	for _, t := range p.list {
		p.box.Add(p.card(t))
	}
	if len(p.list) == 0 {
		p.box.Add(widget.NewLabel("No test yet: add the drop, function, barcode… tests the client asks for."))
	}
	p.box.Refresh()
	p.e.lock(p.box)
}

func (p *testsPanel) card(t *inspection.Test) fyne.CanvasObject {
	kind := widget.NewSelect(testKindNames(), nil)
	kind.Selected = string(t.Kind)
	kind.OnChanged = func(s string) { t.Kind = inspection.TestKind(s); p.save(t); p.rebuild() }
	name := widget.NewEntry()
	name.SetText(t.Name)
	name.SetPlaceHolder("e.g. Carton drop test, 10 drops from 76 cm")
	name.OnChanged = func(s string) { t.Name = s; p.save(t) }
	size := widget.NewEntry()
	size.SetText(itoa(t.SampleSize))
	size.SetPlaceHolder(p.sampleHint())
	size.OnChanged = func(s string) {
		if n, ok := parseInt(s); ok || s == "" {
			t.SampleSize = n
			p.save(t)
		}
	}
	notes := widget.NewEntry()
	notes.SetText(t.Notes)
	notes.SetPlaceHolder("Notes")
	notes.OnChanged = func(s string) { t.Notes = s; p.save(t) }
	result := resultSelect(t.Result, func(r inspection.Result) { t.Result = r; p.save(t) })
	del := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { p.remove(t) })
	items := []*widget.FormItem{
		widget.NewFormItem("Kind", kind), widget.NewFormItem("Test", name),
		widget.NewFormItem("Sample size", size),
	}
	if t.Kind == inspection.TestBarcode {
		items = append(items, p.barcodeItems(t, result)...)
	}
	items = append(items, widget.NewFormItem("Result", container.NewBorder(nil, nil, nil, del, result)), widget.NewFormItem("Notes", notes))
	return widget.NewCard("", "", widget.NewForm(items...))
}

// barcodeItems: the expected code, the scanned one (a USB scanner types it
// and presses Enter) and the judgement with its reason.
func (p *testsPanel) barcodeItems(t *inspection.Test, result *widget.RadioGroup) []*widget.FormItem {
	expected, scanned := widget.NewEntry(), widget.NewEntry()
	expected.SetText(t.Expected)
	expected.SetPlaceHolder("GTIN printed on the artwork / PO")
	scanned.SetText(t.Observed)
	scanned.SetPlaceHolder("Click here and scan the barcode")
	verdict := wrapLabel("")
	p.barcodeChecks[t.ID] = verdict
	judge := func() {
		r, why := t.Judgement()
		verdict.SetText(why)
		switch r { // green only for a code that passed the check
		case inspection.Pass:
			verdict.Importance = widget.SuccessImportance
		case inspection.Fail:
			verdict.Importance = widget.DangerImportance
		default:
			verdict.Importance = widget.LowImportance
		}
		verdict.Refresh()
		if r != inspection.Unjudged && t.Result != r {
			result.SetSelected(string(r)) // stores it through OnChanged
		}
	}
	clicked := result.OnChanged
	result.OnChanged = func(s string) { clicked(s); judge() } // a scanned code's result is the rule's
	expected.OnChanged = func(s string) { t.Expected = s; p.save(t); judge() }
	scanned.OnChanged = func(s string) { t.Observed = s; p.save(t); judge() }
	scanned.OnSubmitted = func(string) { judge() }
	judge()
	return []*widget.FormItem{
		widget.NewFormItem("Expected code", expected),
		widget.NewFormItem("Scanned code", scanned),
		widget.NewFormItem("Check", verdict),
	}
}

func (p *testsPanel) sampleHint() string {
	plan, err := p.e.in.Plan()
	if err != nil {
		return "units tested"
	}
	return "units tested (plan at S-2: " + itoa(plan.Tests.SampleSize) + ")"
}

// save stores a test shortly after the last change.
func (p *testsPanel) save(t *inspection.Test) {
	if p.e.readOnly {
		return
	}
	later(p.e.d, "test "+t.ID.String(), *t, p.e.d.Store.PutTest)
}

func (p *testsPanel) add(kind inspection.TestKind) {
	t := &inspection.Test{ID: inspection.NewID(), InspectionID: p.e.in.ID, Position: len(p.list), Kind: kind}
	if kind == inspection.TestBarcode {
		t.Name = "Barcode scan"
	}
	if p.e.readOnly || !p.e.d.write(func(ctx context.Context) error { return p.e.d.Store.PutTest(ctx, t) }) {
		return
	}
	p.list = append(p.list, t)
	p.rebuild()
}

func (p *testsPanel) remove(t *inspection.Test) {
	if !p.e.d.write(func(ctx context.Context) error { return p.e.d.Store.DeleteTest(ctx, t.ID) }) {
		return
	}
	for i, x := range p.list {
		if x == t {
			p.list = append(p.list[:i], p.list[i+1:]...)
			break
		}
	}
	p.rebuild()
}

func testKindNames() []string {
	out := make([]string, len(inspection.TestKinds))
	for i, k := range inspection.TestKinds {
		out[i] = string(k)
	}
	return out
}
