package app

import (
	"context"
	"fmt"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// Column widths of the measurement grid: delete, characteristic (takes
// what is left), unit, nominal, −tol, +tol, CTQ, capability, then one
// column per sample. Delete comes first and capability before the values,
// so both stay in view however many samples; five samples fit a
// 1366-pixel screen, more scroll (and follow the cursor).
const (
	mwName, mwUnit, mwNum, mwCTQ, mwValue, mwCpk = -150, 60, 76, 52, 72, 130
)

// measurementsPanel is a grid: one row per characteristic, one column per
// measured sample, out-of-tolerance cells tinted, Cpk for CTQ rows.
type measurementsPanel struct {
	e      *Editor
	view   fyne.CanvasObject
	list   []*inspection.Measurement
	grid   *fyne.Container
	scroll *container.Scroll
	extra  int // sample columns added beyond the longest row
}

func newMeasurementsPanel(e *Editor) (*measurementsPanel, error) {
	p := &measurementsPanel{e: e, grid: container.NewVBox()}
	ms, err := e.d.Store.Measurements(e.d.ctx(), e.in.ID)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		p.list = append(p.list, &ms[i])
	}
	add := widget.NewButtonWithIcon("Add characteristic", theme.ContentAddIcon(), p.add)
	col := widget.NewButtonWithIcon("Add sample column", theme.ContentAddIcon(), func() { p.extra++; p.rebuild() })
	p.rebuild()
	top := container.NewVBox(heading("Measurements"), wrapLabel(fmt.Sprintf(
		"Cells outside nominal ± tolerance are tinted red. Cp/Cpk is computed from %d values on; the usual target is Cpk ≥ %.2f.",
		inspection.MinCapabilityValues, inspection.CpkTarget)), container.NewHBox(add, col))
	bottom := container.NewVBox(widget.NewSeparator(), sectionBox(e, inspection.SectionMeasurements))
	p.scroll = container.NewScroll(p.grid)
	p.view = container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, wheelScrolls(p.scroll))
	e.lock(p.view)
	return p, nil
}

func (p *measurementsPanel) columns() int {
	n := 5
	for _, m := range p.list {
		n = max(n, len(m.Values)+1)
	}
	return n + p.extra
}

func (p *measurementsPanel) widths() columns {
	w := columns{newTapIcon(theme.DeleteIcon(), nil).MinSize().Width, mwName, mwUnit, mwNum, mwNum, mwNum, mwCTQ, mwCpk}
	for range p.columns() {
		w = append(w, mwValue)
	}
	return w
}

func (p *measurementsPanel) rebuild() {
	p.grid.Objects = nil
	w := p.widths()
	head := []fyne.CanvasObject{widget.NewLabel(""), boldLabel("Characteristic"), boldLabel("Unit"), boldLabel("Nominal"), boldLabel("− tol"), boldLabel("+ tol"), boldLabel("CTQ"), boldLabel("Capability")}
	for i := range p.columns() {
		head = append(head, boldLabel(fmt.Sprintf("#%d", i+1)))
	}
	p.grid.Add(container.New(w, head...))
	for _, m := range p.list {
		p.grid.Add(p.row(m, w))
	}
	if len(p.list) == 0 {
		p.grid.Add(widget.NewLabel("No characteristic yet: add one, then type the value measured on each sample."))
	}
	p.grid.Refresh()
	p.e.lock(p.grid)
}

func (p *measurementsPanel) row(m *inspection.Measurement, w columns) fyne.CanvasObject {
	name := p.text(m, m.Characteristic, "e.g. Height", func(s string) { m.Characteristic = s })
	unit := p.text(m, m.Unit, "mm", func(s string) { m.Unit = s })
	cpk := widget.NewLabel("")
	var cells []*valueCell
	recolour := func() {
		for _, c := range cells {
			c.colour(m)
		}
		showCapability(cpk, m)
	}
	nom := p.number(m, m.Nominal, func(v float64) { m.Nominal = v }, recolour)
	minus := p.number(m, m.TolMinus, func(v float64) { m.TolMinus = v }, recolour)
	plus := p.number(m, m.TolPlus, func(v float64) { m.TolPlus = v }, recolour)
	ctq := widget.NewCheck("", func(b bool) { m.CTQ = b; p.save(m); recolour() })
	ctq.Checked = m.CTQ
	// Not a button: Tab goes from a row's last value to the next row,
	// never onto delete.
	del := newTapIcon(theme.DeleteIcon(), func() { p.remove(m) })
	objs := []fyne.CanvasObject{del, name, unit, nom, minus, plus, ctq, cpk}
	for i := range p.columns() {
		c := newValueCell(m, i, func() {
			m.Values = collect(cells)
			p.save(m)
			recolour()
		}, p.follow)
		cells = append(cells, c)
		objs = append(objs, c.view)
	}
	recolour()
	return container.New(w, objs...)
}

func (p *measurementsPanel) text(m *inspection.Measurement, v, placeholder string, set func(string)) *widget.Entry {
	en := widget.NewEntry()
	en.SetText(v)
	en.SetPlaceHolder(placeholder)
	en.OnChanged = func(s string) { set(s); p.save(m) }
	return en
}

func (p *measurementsPanel) number(m *inspection.Measurement, v float64, set func(float64), after func()) *widget.Entry {
	en := widget.NewEntry()
	en.SetText(ftoa(v))
	en.OnChanged = func(s string) {
		if f, ok := parseFloat(s); ok || s == "" {
			set(f)
			p.save(m)
			after()
		}
	}
	return en
}

func showCapability(l *widget.Label, m *inspection.Measurement) {
	out := m.OutCount()
	c, ok := m.Capability()
	text := ""
	switch {
	case ok && m.CTQ:
		text = fmt.Sprintf("Cpk %.2f", c.Cpk)
	case m.CTQ:
		text = fmt.Sprintf("Cpk: %d/%d values", c.N, inspection.MinCapabilityValues)
	}
	if out > 0 {
		text = fmt.Sprintf("%d out · %s", out, text)
	}
	l.Importance = widget.MediumImportance
	if out > 0 || ok && m.CTQ && c.Cpk < inspection.CpkTarget {
		l.Importance = widget.DangerImportance
	}
	l.SetText(text)
}

// save stores a measurement shortly after the last change.
func (p *measurementsPanel) save(m *inspection.Measurement) {
	if p.e.readOnly {
		return
	}
	snap := *m
	snap.Values = slices.Clone(m.Values)
	later(p.e.d, "measurement "+m.ID.String(), snap, p.e.d.Store.PutMeasurement)
}

func (p *measurementsPanel) add() {
	m := &inspection.Measurement{ID: inspection.NewID(), InspectionID: p.e.in.ID, Position: len(p.list)}
	if p.e.readOnly || !p.e.d.write(func(ctx context.Context) error { return p.e.d.Store.PutMeasurement(ctx, m) }) {
		return
	}
	p.list = append(p.list, m)
	p.rebuild()
}

func (p *measurementsPanel) remove(m *inspection.Measurement) {
	if !p.e.d.write(func(ctx context.Context) error { return p.e.d.Store.DeleteMeasurement(ctx, m.ID) }) {
		return
	}
	for i, x := range p.list {
		if x == m {
			p.list = append(p.list[:i], p.list[i+1:]...)
			break
		}
	}
	p.rebuild()
}

// valueCell is one sample's value, tinted when out of tolerance. The tint
// lies over the entry: rectangles take no input, so typing still works.
type valueCell struct {
	entry *cellEntry
	tint  *canvas.Rectangle
	view  fyne.CanvasObject
}

func newValueCell(m *inspection.Measurement, i int, changed func(), focused func(fyne.CanvasObject)) *valueCell {
	c := &valueCell{entry: newCellEntry(), tint: canvas.NewRectangle(color.Transparent)}
	c.entry.onFocus = func() { focused(c.view) }
	c.tint.CornerRadius = theme.InputRadiusSize()
	if i < len(m.Values) {
		c.entry.SetText(ftoa(m.Values[i]))
	}
	c.entry.OnChanged = func(string) { changed() }
	c.view = container.NewStack(c.entry, c.tint)
	return c
}

func (c *valueCell) colour(m *inspection.Measurement) {
	v, ok := parseFloat(c.entry.Text)
	if ok && m.OutOfTolerance(v) {
		c.tint.FillColor = colourOutTol
	} else {
		c.tint.FillColor = color.Transparent
	}
	c.tint.Refresh()
}

// collect reads the cells in order, skipping blanks.
func collect(cells []*valueCell) []float64 {
	var vs []float64
	for _, c := range cells {
		if v, ok := parseFloat(c.entry.Text); ok {
			vs = append(vs, v)
		}
	}
	return vs
}

// follow scrolls the grid to the cell the cursor went to: Tab through ten
// samples must not type into columns off the screen's edge.
func (p *measurementsPanel) follow(cell fyne.CanvasObject) {
	if p.scroll != nil {
		scrollIntoView(p.scroll, cell)
	}
}

// cellEntry is a value cell's entry; it tells the grid when it gets the
// cursor, so the grid can bring it into view.
type cellEntry struct {
	widget.Entry
	onFocus func()
}

func newCellEntry() *cellEntry {
	e := &cellEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained brings the cell into view.
func (e *cellEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}
