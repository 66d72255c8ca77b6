package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// homeCols: verdict, date, type, report no, supplier, product, PO, status.
var homeCols = columns{108, 96, 76, 130, 0, 0, 130, 90}

// Home is the list of inspections with search and filters.
type Home struct {
	d    *Desk
	view fyne.CanvasObject

	search    *widget.Entry
	supplier  *widget.Select
	verdict   *widget.Select
	status    *widget.Select
	from, to  *widget.DateEntry
	list      *widget.List
	count     *widget.Label
	actions   []*widget.Button
	rows      []inspection.Summary
	suppliers []inspection.Supplier
	selected  int
}

func newHome(d *Desk) *Home {
	h := &Home{d: d, selected: -1}
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder("Search supplier, product, PO, defect… (Ctrl+F)")
	h.search.OnChanged = func(string) { h.Reload() }
	h.supplier = widget.NewSelect(nil, func(string) { h.Reload() })
	h.supplier.PlaceHolder = "Any supplier"
	h.verdict = widget.NewSelect(verdictOptions(), func(string) { h.Reload() })
	h.verdict.PlaceHolder = "Any verdict"
	h.status = widget.NewSelect([]string{"Any status", "draft", "finalized"}, func(string) { h.Reload() })
	h.status.PlaceHolder = "Any status"
	h.from, h.to = widget.NewDateEntry(), widget.NewDateEntry()
	h.from.SetPlaceHolder("From date")
	h.to.SetPlaceHolder("To date")
	h.from.OnChanged = func(*time.Time) { h.Reload() }
	h.to.OnChanged = func(*time.Time) { h.Reload() }
	h.count = widget.NewLabel("")
	h.list = widget.NewList(func() int { return len(h.rows) }, newHomeRow, h.updateRow)
	h.list.OnSelected = func(id widget.ListItemID) { h.selected = id; h.enableActions() }
	h.list.OnUnselected = func(widget.ListItemID) { h.selected = -1; h.enableActions() }
	h.view = container.NewBorder(h.top(), nil, nil, nil, h.list)
	return h
}

func (h *Home) top() fyne.CanvasObject {
	newBtn := widget.NewButtonWithIcon("New inspection", theme.ContentAddIcon(), h.d.newInspection)
	newBtn.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon("Open", theme.DocumentIcon(), func() { h.withSelected(h.open) })
	dup := widget.NewButtonWithIcon("Duplicate as template", theme.ContentCopyIcon(), func() { h.withSelected(h.duplicate) })
	re := widget.NewButtonWithIcon("Re-inspect", theme.ViewRefreshIcon(), func() { h.withSelected(h.reinspect) })
	h.actions = []*widget.Button{open, dup, re}
	h.enableActions()
	lib := widget.NewButtonWithIcon("Sample library", theme.StorageIcon(), h.d.ShowSamples)
	title := heading("Inspections")
	bar := container.NewBorder(nil, nil, title, container.NewHBox(h.d.Saved.Label, lib), h.search)
	clear := widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), h.clearFilters)
	filters := container.NewGridWithColumns(6, h.supplier, h.verdict, h.status, h.from, h.to, clear)
	actions := container.NewHBox(newBtn, open, dup, re, h.count)
	header := container.New(homeCols, boldLabel("Verdict"), boldLabel("Date"), boldLabel("Type"), boldLabel("Report"),
		boldLabel("Supplier"), boldLabel("Product"), boldLabel("PO"), boldLabel("Status"))
	return container.NewVBox(bar, filters, actions, widget.NewSeparator(), header)
}

// verdictOptions are the verdict filter's choices: any, then each verdict.
func verdictOptions() []string {
	opts := []string{"Any verdict"}
	for _, v := range inspection.Verdicts {
		opts = append(opts, string(v))
	}
	return opts
}

// homeRow is one line of the list. A double click opens the inspection, as
// in every file list; a single click still just selects it.
type homeRow struct {
	widget.BaseWidget
	cells  *fyne.Container
	opened func()
}

func newHomeRow() fyne.CanvasObject {
	r := &homeRow{cells: container.New(homeCols, newBadge(), truncLabel(""), truncLabel(""), truncLabel(""),
		truncLabel(""), truncLabel(""), truncLabel(""), truncLabel(""))}
	r.ExtendBaseWidget(r)
	return r
}

func (r *homeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.cells) }

func (r *homeRow) DoubleTapped(*fyne.PointEvent) {
	if r.opened != nil {
		r.opened()
	}
}

func (h *Home) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.rows) {
		return
	}
	r := h.rows[id]
	row := o.(*homeRow)
	row.opened = func() { h.list.Select(id); h.open(r) }
	objs := row.cells.Objects
	verdictBadge(objs[0].(*Badge), r.Verdict)
	texts := []string{r.Date.Format("2006-01-02"), string(r.Type), r.ReportNo, r.Supplier, r.Product, strings.Join(r.POs, ", "), string(r.Status)}
	for i, t := range texts {
		objs[i+1].(*widget.Label).SetText(t)
	}
}

// Filter is what the search box and filter widgets ask for.
func (h *Home) Filter() inspection.Filter {
	f := inspection.Filter{Search: strings.TrimSpace(h.search.Text)}
	if i := h.supplier.SelectedIndex(); i > 0 && i-1 < len(h.suppliers) {
		f.SupplierID = h.suppliers[i-1].ID
	}
	if i := h.verdict.SelectedIndex(); i > 0 {
		f.Verdict = inspection.Verdict(h.verdict.Selected)
	}
	if i := h.status.SelectedIndex(); i > 0 {
		f.Status = inspection.Status(h.status.Selected)
	}
	if h.from.Date != nil {
		f.From = *h.from.Date
	}
	if h.to.Date != nil {
		f.To = *h.to.Date
	}
	return f
}

// Reload queries the store again; the FTS index answers in milliseconds,
// so searching as the inspector types needs no background work.
func (h *Home) Reload() {
	h.loadSuppliers()
	rows, err := h.d.Store.ListInspections(h.d.ctx(), h.Filter())
	if err != nil {
		// A half-typed search ("kettle AND") must not pop up dialogs.
		h.count.SetText("Search: " + err.Error())
		return
	}
	h.rows = rows
	h.selected = -1
	h.list.UnselectAll()
	h.enableActions()
	h.list.Refresh()
	switch n := len(rows); {
	case n == 0 && h.search.Text != "":
		h.count.SetText(fmt.Sprintf("No inspection matches %q", h.search.Text))
	case n == 0:
		h.count.SetText("No inspections yet: start one with New inspection")
	default:
		h.count.SetText(fmt.Sprintf("%d inspections", n))
	}
}

// Rows are the inspections the list shows.
func (h *Home) Rows() []inspection.Summary { return h.rows }

func (h *Home) loadSuppliers() {
	ss, err := h.d.Store.Suppliers(h.d.ctx())
	if err != nil {
		return
	}
	h.suppliers = ss
	opts := []string{"Any supplier"}
	for _, s := range ss {
		opts = append(opts, inspection.DisplayName(s.Name, s.NameLocal))
	}
	h.supplier.Options = opts
}

func (h *Home) clearFilters() {
	h.supplier.ClearSelected()
	h.verdict.ClearSelected()
	h.status.ClearSelected()
	h.from.SetDate(nil)
	h.to.SetDate(nil)
	h.search.SetText("")
	h.Reload()
}

func (h *Home) enableActions() {
	for _, b := range h.actions {
		if h.selected >= 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (h *Home) withSelected(fn func(inspection.Summary)) {
	if h.selected < 0 || h.selected >= len(h.rows) {
		h.d.showError(fmt.Errorf("select an inspection in the list first"))
		return
	}
	fn(h.rows[h.selected])
}

func (h *Home) open(s inspection.Summary) { h.d.showError(h.d.OpenInspection(s.ID)) }

func (h *Home) duplicate(s inspection.Summary) {
	in, err := duplicateInspection(h.d, s.ID, false)
	if err == nil {
		err = h.d.OpenInspection(in.ID)
	}
	h.d.showError(err)
}

func (h *Home) reinspect(s inspection.Summary) {
	in, err := duplicateInspection(h.d, s.ID, true)
	if err == nil {
		err = h.d.OpenInspection(in.ID)
	}
	h.d.showError(err)
}
