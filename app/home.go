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

// Columns of the list: verdict, date, type, report no, supplier, product,
// PO, status. The verdict and report number columns are sized to their
// contents, so "INCOMPLETE" and same-day numbers (LP-2026-1202-1504,
// LP-2026-1202-1517) are never cut; supplier and product share the rest.
const colVerdict, colReport = 0, 3

func newHomeCols() columns { return columns{0: 96, 96, 76, 130, 0, 0, 130, 90} }

// Home is the list of inspections with search and filters.
type Home struct {
	d    *Desk
	view fyne.CanvasObject

	search    *widget.Entry
	supplier  *widget.Select
	verdict   *widget.Select
	status    *widget.Select
	from, to  *dateEntry
	list      *widget.List
	count     *widget.Label
	detail    *widget.Label // the selected inspection in full: cells truncate
	actions   []*widget.Button
	del       *widget.Button
	cols      columns // shared by the header and every row: widened in place
	header    *fyne.Container
	rows      []inspection.Summary
	suppliers []inspection.Supplier
	selected  int
	loader    *homeLoader // queries, off the UI goroutine
	sync      *syncBar
}

func newHome(d *Desk) *Home {
	h := &Home{d: d, selected: -1, cols: newHomeCols()}
	h.cols[colVerdict] = badgeWidth()
	h.loader = &homeLoader{h: h}
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder("Search supplier, product, PO, defect… (Ctrl+F)")
	h.search.OnChanged = func(string) { h.loader.load(searchPause) }
	h.supplier = widget.NewSelect(nil, func(string) { h.Reload() })
	h.supplier.PlaceHolder = "Any supplier"
	h.verdict = widget.NewSelect(verdictOptions(), func(string) { h.Reload() })
	h.verdict.PlaceHolder = "Any verdict"
	h.status = widget.NewSelect([]string{"Any status", "draft", "finalized"}, func(string) { h.Reload() })
	h.status.PlaceHolder = "Any status"
	h.from, h.to = newDateEntry(), newDateEntry()
	h.from.SetPlaceHolder("From (YYYY-MM-DD)")
	h.to.SetPlaceHolder("To (YYYY-MM-DD)")
	h.from.OnChanged = func(*time.Time) { h.Reload() }
	h.to.OnChanged = func(*time.Time) { h.Reload() }
	h.count = widget.NewLabel("")
	h.detail = wrapLabel("")
	h.list = widget.NewList(func() int { return len(h.rows) }, h.newRow, h.updateRow)
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
	h.del = widget.NewButtonWithIcon("Delete draft…", theme.DeleteIcon(), func() { h.withSelected(h.deleteDraft) })
	h.actions = []*widget.Button{open, dup, re}
	h.enableActions()
	lib := widget.NewButtonWithIcon("Sample library", theme.StorageIcon(), h.d.ShowSamples)
	title := heading("Inspections")
	h.sync = newSyncBar(h.d)
	bar := container.NewBorder(nil, nil, title, container.NewHBox(h.d.Saved.Label, lib), h.search)
	clear := widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), h.clearFilters)
	filters := container.NewGridWithColumns(6, h.supplier, h.verdict, h.status, h.from, h.to, clear)
	actions := container.NewHBox(newBtn, open, dup, re, h.del, h.count)
	h.header = container.New(h.cols, boldLabel("Verdict"), boldLabel("Date"), boldLabel("Type"), boldLabel("Report"),
		boldLabel("Supplier"), boldLabel("Product"), boldLabel("PO"), boldLabel("Status"))
	return container.NewVBox(bar, filters, actions, h.sync.view, h.detail, widget.NewSeparator(), h.header)
}

// badgeWidth fits the longest verdict word in a badge.
func badgeWidth() float32 {
	b := newBadge()
	w := float32(0)
	for _, v := range inspection.Verdicts {
		verdictBadge(b, v)
		w = max(w, b.MinSize().Width)
	}
	return w
}

// fitReportColumn widens the report number column to the longest number
// listed (within reason: the detail line shows any number whole).
func (h *Home) fitReportColumn() {
	w := fyne.MeasureText("Report", theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	for _, r := range h.rows {
		w = max(w, fyne.MeasureText(r.ReportNo, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	h.cols[colReport] = min(w+2*theme.InnerPadding()+2, 260)
}

// verdictOptions are the verdict filter's choices: any, then each verdict.
func verdictOptions() []string {
	opts := []string{"Any verdict"}
	for _, v := range inspection.Verdicts {
		opts = append(opts, string(v))
	}
	return opts
}

// homeRow is one line of the list. A single click selects it, a double
// click opens the inspection, as in every file list. The row takes both
// clicks itself: a widget that only handles double clicks would swallow the
// single click the list needs to select.
type homeRow struct {
	widget.BaseWidget
	cells  *fyne.Container
	tapped func()
	opened func()
}

func (h *Home) newRow() fyne.CanvasObject {
	r := &homeRow{cells: container.New(h.cols, newBadge(), truncLabel(""), truncLabel(""), truncLabel(""),
		truncLabel(""), truncLabel(""), truncLabel(""), truncLabel(""))}
	r.ExtendBaseWidget(r)
	return r
}

func (r *homeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.cells) }

// Tapped selects the row.
func (r *homeRow) Tapped(*fyne.PointEvent) {
	if r.tapped != nil {
		r.tapped()
	}
}

// DoubleTapped opens the row's inspection.
func (r *homeRow) DoubleTapped(*fyne.PointEvent) {
	if r.opened != nil {
		r.opened()
	}
}

func (h *Home) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	h.loader.near(id)
	if id >= len(h.rows) {
		return
	}
	r := h.rows[id]
	row := o.(*homeRow)
	row.tapped = func() { h.list.Select(id) }
	row.opened = func() { h.list.Select(id); h.open(r) }
	objs := row.cells.Objects
	verdictBadge(objs[0].(*Badge), r.Verdict)
	texts := []string{r.Date.Format(dateFormat), string(r.Type), r.ReportNo, r.Supplier, r.Product, strings.Join(r.POs, ", "), string(r.Status)}
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

// Reload asks the store again, in the background (see homeLoader): the
// list shows the answer's first page when it comes.
func (h *Home) Reload() { h.loader.load(0) }

// show puts the first page of an answer in the list.
func (h *Home) show(rows []inspection.Summary) {
	h.rows = rows
	h.selected = -1
	h.list.UnselectAll()
	h.enableActions()
	h.fitReportColumn()
	h.header.Refresh()
	h.list.Refresh()
}

// appendRows adds the next page of an answer to the list.
func (h *Home) appendRows(rows []inspection.Summary) {
	h.rows = append(h.rows, rows...)
	h.fitReportColumn()
	h.header.Refresh()
	h.list.Refresh()
}

// Rows are the inspections the list shows: the pages loaded so far.
func (h *Home) Rows() []inspection.Summary { return h.rows }

// setSuppliers fills the supplier filter's choices.
func (h *Home) setSuppliers(ss []inspection.Supplier) {
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
		enable(b, h.selected >= 0)
	}
	sel, ok := h.current()
	enable(h.del, ok && sel.Status == inspection.Draft)
	h.showDetail()
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// current is the selected inspection.
func (h *Home) current() (inspection.Summary, bool) {
	if h.selected < 0 || h.selected >= len(h.rows) {
		return inspection.Summary{}, false
	}
	return h.rows[h.selected], true
}

// showDetail says the selected inspection whole, since the list's cells
// cut long supplier and product names.
func (h *Home) showDetail() {
	r, ok := h.current()
	if !ok {
		h.detail.Importance = widget.LowImportance
		h.detail.SetText("Click an inspection to select it; double-click to open it.")
		return
	}
	parts := []string{r.ReportNo, string(r.Type), r.Date.Format(dateFormat), r.Supplier, r.Product}
	if len(r.POs) > 0 {
		parts = append(parts, "PO "+strings.Join(r.POs, ", "))
	}
	if r.Inspector != "" {
		parts = append(parts, "inspector "+r.Inspector)
	}
	parts = append(parts, fmt.Sprintf("%s, %s", r.Verdict.Word(), r.Status))
	h.detail.Importance = widget.MediumImportance
	h.detail.SetText(strings.Join(nonEmpty(parts), " · "))
}

func (h *Home) withSelected(fn func(inspection.Summary)) {
	r, ok := h.current()
	if !ok {
		h.d.showError(fmt.Errorf("select an inspection in the list first"))
		return
	}
	fn(r)
}

func (h *Home) open(s inspection.Summary) { h.d.OpenInspectionBusy(s.ID, s.ReportNo, nil) }

func (h *Home) duplicate(s inspection.Summary) {
	in, err := duplicateInspection(h.d, s.ID, false)
	if err != nil {
		h.d.showError(err)
		return
	}
	h.d.OpenInspectionBusy(in.ID, in.ReportNo, nil)
}

func (h *Home) reinspect(s inspection.Summary) {
	in, err := duplicateInspection(h.d, s.ID, true)
	if err != nil {
		h.d.showError(err)
		return
	}
	h.d.OpenInspectionBusy(in.ID, in.ReportNo, nil)
}

func (h *Home) deleteDraft(s inspection.Summary) {
	h.d.confirmDeleteDraft(s.ID, h.Reload)
}
