package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// findingsPanel is the defect list per class. Counting must be fast: a
// stepper per defect and shortcuts (Ctrl+1/2/3 add, Ctrl+Up/Down count) so
// the inspector keeps the unit in one hand.
type findingsPanel struct {
	e       *Editor
	view    fyne.CanvasObject
	page    *page
	list    []inspection.Finding
	last    inspection.ID // the finding the count shortcuts act on
	boxes   map[aql.Class]*fyne.Container
	titles  map[aql.Class]*widget.Card
	qty     map[inspection.ID]*widget.Entry
	samples []inspection.Sample

	samplesHint *widget.Label // why "Judged against" offers nothing
}

// judgedWidth fits a sample label such as "Boundary BS-KT1750-02 v2".
const judgedWidth = 250

func newFindingsPanel(e *Editor) (*findingsPanel, error) {
	f := &findingsPanel{e: e, boxes: map[aql.Class]*fyne.Container{}, titles: map[aql.Class]*widget.Card{}, qty: map[inspection.ID]*widget.Entry{}}
	f.samplesHint = wrapLabel("")
	f.samplesHint.Importance = widget.LowImportance
	var err error
	if f.list, err = e.d.Store.Findings(e.d.ctx(), e.in.ID); err != nil {
		return nil, err
	}
	f.loadSamples()
	hint := widget.NewLabel("Ctrl+1 / Ctrl+2 / Ctrl+3 add a critical / major / minor defect; Ctrl+↑ / Ctrl+↓ count one unit more / less on the last defect touched.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	body := []fyne.CanvasObject{heading("Workmanship"), hint, f.samplesHint}
	if prev := f.previous(); prev != nil {
		body = append(body, prev)
	}
	for _, c := range aql.Classes {
		f.boxes[c] = container.NewVBox()
		add := widget.NewButtonWithIcon("Add "+string(c)+" defect", theme.ContentAddIcon(), func() { f.add(c) })
		f.titles[c] = widget.NewCard(c.Title()+" defects", "", container.NewVBox(f.boxes[c], container.NewHBox(add)))
		body = append(body, f.titles[c])
		f.rebuild(c)
	}
	body = append(body, widget.NewSeparator(), boldLabel("Workmanship result"),
		wrapLabel("The AQL numbers decide pass or fail; mark the section pending when the client must decide, or failed for reasons outside the count."),
		sectionBox(e, inspection.SectionWorkmanship))
	f.page = newPage(container.NewVBox(body...), wideFormWidth)
	f.view = f.page.view
	e.lock(f.view)
	return f, nil
}

// loadSamples lists the product's golden and boundary samples, says where
// they come from when there are none, and offers them on every defect row.
func (f *findingsPanel) loadSamples() {
	f.samples = nil
	if f.e.in.ProductID != inspection.NilID {
		all, err := f.e.d.Store.Samples(f.e.d.ctx(), f.e.in.ProductID)
		if err != nil {
			f.e.d.showError(err)
		}
		f.samples = all
	}
	f.samplesHint.Show()
	switch {
	case f.e.in.ProductID == inspection.NilID:
		f.samplesHint.SetText("Choose the product in the header to judge defects against its golden and boundary samples.")
	case len(f.samples) == 0:
		f.samplesHint.SetText("This product has no golden or boundary sample yet: add them in the Sample library (Ctrl+L) to say which one each defect was judged against.")
	default:
		f.samplesHint.Hide()
	}
	for c, box := range f.boxes {
		if box != nil {
			f.rebuild(c)
		}
	}
}

// previous shows what the earlier inspection found, so a re-inspection
// checks the same defects again.
func (f *findingsPanel) previous() fyne.CanvasObject {
	if f.e.in.ReinspectionOf == inspection.NilID {
		return nil
	}
	old, err := f.e.d.Store.Findings(f.e.d.ctx(), f.e.in.ReinspectionOf)
	if err != nil || len(old) == 0 {
		return nil
	}
	box := container.NewVBox()
	for _, o := range old {
		box.Add(truncLabel(fmt.Sprintf("%s · %s · %d unit(s)%s", o.Class.Title(), o.Description, o.Quantity, prefix(" at ", o.Location))))
	}
	return widget.NewCard("Defects found at the previous inspection", "Check each of them again", box)
}

func prefix(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

func (f *findingsPanel) rebuild(c aql.Class) {
	box := f.boxes[c]
	box.Objects = nil
	n := 0
	for i := range f.list {
		if f.list[i].Class == c {
			if n == 0 {
				box.Add(f.columnHeads())
			}
			box.Add(f.row(f.list[i].ID))
			n++
		}
	}
	if n == 0 {
		box.Add(widget.NewLabel("No " + string(c) + " defect recorded."))
	}
	box.Refresh()
	f.e.lock(box)
}

func (f *findingsPanel) find(id inspection.ID) *inspection.Finding {
	for i := range f.list {
		if f.list[i].ID == id {
			return &f.list[i]
		}
	}
	return nil
}

func (f *findingsPanel) row(id inspection.ID) fyne.CanvasObject {
	fd := f.find(id)
	desc := widget.NewEntry()
	desc.SetText(fd.Description)
	desc.SetPlaceHolder("Defect, e.g. scratch on lid")
	desc.OnChanged = func(s string) { f.edit(id, func(x *inspection.Finding) { x.Description = s }) }
	loc := widget.NewEntry()
	loc.SetText(fd.Location)
	loc.SetPlaceHolder("Location")
	loc.OnChanged = func(s string) { f.edit(id, func(x *inspection.Finding) { x.Location = s }) }
	qty := widget.NewEntry()
	qty.SetText(strconv.Itoa(fd.Quantity))
	qty.OnChanged = func(s string) {
		if n, ok := parseInt(s); ok && n >= 0 {
			f.edit(id, func(x *inspection.Finding) { x.Quantity = n })
		}
	}
	f.qty[id] = qty
	minus := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.last = id; f.step(-1) })
	plus := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { f.last = id; f.step(+1) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { f.remove(id) })
	stepper := container.NewHBox(minus, fixedWidth(56, qty), plus)
	right := container.NewHBox(fixedWidth(judgedWidth, f.sampleSelect(id)), stepper, del)
	return container.NewBorder(nil, nil, nil, right, container.NewGridWithColumns(2, desc, loc))
}

// columnHeads labels the columns of the defect rows: a filled entry shows
// no placeholder, and "Lid hinge" alone does not say whether it is the
// defect or where it is.
func (f *findingsPanel) columnHeads() fyne.CanvasObject {
	button := widget.NewButtonWithIcon("", theme.ContentAddIcon(), nil).MinSize().Width
	pad := theme.Padding()
	units := 2*button + 56 + 2*pad
	head := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.TextStyle.Italic = true
		l.Importance = widget.LowImportance
		return l
	}
	right := container.NewHBox(fixedWidth(judgedWidth, head("Judged against")), fixedWidth(units, head("Defective units")), fixedWidth(button, head("")))
	return container.NewBorder(nil, nil, nil, right, container.NewGridWithColumns(2, head("Defect"), head("Location")))
}

// sampleSelect links a finding to the golden or boundary sample it was judged against.
func (f *findingsPanel) sampleSelect(id inspection.ID) *widget.Select {
	s := widget.NewSelect(nil, nil)
	fill(s, len(f.samples), func(i int) (inspection.ID, string) { return f.samples[i].ID, f.samples[i].Label() },
		f.find(id).SampleID, func(sid inspection.ID) { f.edit(id, func(x *inspection.Finding) { x.SampleID = sid }) })
	s.PlaceHolder = "Judged against…"
	if len(f.samples) == 0 {
		s.PlaceHolder = "No sample yet" // the hint above says where samples come from
		s.Disable()
	}
	return s
}

// edit changes a finding, shows the new verdict and stores it shortly
// after the last change.
func (f *findingsPanel) edit(id inspection.ID, change func(*inspection.Finding)) {
	fd := f.find(id)
	if fd == nil || f.e.readOnly {
		return
	}
	f.last = id
	change(fd)
	snap := *fd
	snap.Units = slices.Clone(fd.Units)
	later(f.e.d, "finding "+id.String(), snap, f.e.d.Store.PutFinding)
	f.e.refresh()
}

// add records a new defect of a class with one unit and puts the cursor in
// its description.
func (f *findingsPanel) add(c aql.Class) *inspection.Finding {
	if f.e.readOnly {
		return nil
	}
	fd := inspection.Finding{ID: inspection.NewID(), InspectionID: f.e.in.ID, Class: c, Quantity: 1, Position: len(f.list)}
	if !f.e.d.write(func(ctx context.Context) error { return f.e.d.Store.PutFinding(ctx, &fd) }) {
		return nil
	}
	f.list = append(f.list, fd)
	f.last = fd.ID
	f.rebuild(c)
	f.e.refresh()
	f.e.selectTab("findings")
	if row := f.boxes[c].Objects[len(f.boxes[c].Objects)-1]; row != nil {
		f.focusFirstEntry(row)
		scrollIntoView(f.page.scroll, f.titles[c]) // the whole card if it fits, else from its top
		scrollIntoView(f.page.scroll, row)
	}
	return f.find(fd.ID)
}

func (f *findingsPanel) focusFirstEntry(o fyne.CanvasObject) {
	if en, ok := o.(*widget.Entry); ok {
		f.e.d.Window.Canvas().Focus(en)
		return
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			f.focusFirstEntry(child)
			if f.e.d.Window.Canvas().Focused() != nil {
				return
			}
		}
	}
}

// step counts one unit more or less on the last defect touched.
func (f *findingsPanel) step(delta int) {
	fd := f.find(f.last)
	if fd == nil {
		return
	}
	n := max(fd.Quantity+delta, 0)
	if q, ok := f.qty[fd.ID]; ok {
		q.SetText(strconv.Itoa(n)) // OnChanged stores it
		return
	}
	f.edit(fd.ID, func(x *inspection.Finding) { x.Quantity = n })
}

func (f *findingsPanel) remove(id inspection.ID) {
	fd := f.find(id)
	if fd == nil || !f.e.d.write(func(ctx context.Context) error { return f.e.d.Store.DeleteFinding(ctx, id) }) {
		return
	}
	c := fd.Class
	for i := range f.list {
		if f.list[i].ID == id {
			f.list = append(f.list[:i], f.list[i+1:]...)
			break
		}
	}
	delete(f.qty, id)
	f.rebuild(c)
	f.e.refresh()
}
