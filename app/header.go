package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// headerPanel edits who, what and when: parties, POs, type, date, references.
type headerPanel struct {
	e    *Editor
	view fyne.CanvasObject

	clients   []inspection.Client
	suppliers []inspection.Supplier
	factories []inspection.Factory
	products  []inspection.Product
	goldens   []inspection.Sample

	client, supplier, factory, product, golden *widget.Select
	comments, inspector                        *widget.Entry
}

func newHeaderPanel(e *Editor) (*headerPanel, error) {
	h := &headerPanel{e: e}
	if err := h.load(); err != nil {
		return nil, err
	}
	in := e.in
	reportNo := h.entry(in.ReportNo, func(s string) { in.ReportNo = s })
	h.inspector = h.entry(in.Inspector, func(s string) {
		old := in.Inspector
		in.Inspector = s
		setPrefInspector(e.d.App, s)
		e.signatures.inspectorRenamed(old, s)
	})
	pos := h.entry(in.POList(), func(s string) { in.POs = splitList(s) })
	pos.SetPlaceHolder("PO numbers, separated by commas")
	spec := h.entry(in.SpecRevision, func(s string) { in.SpecRevision = s })
	spec.SetPlaceHolder("e.g. SPEC-KT-1750 rev C")
	typ := widget.NewSelect(typeNames(), func(s string) { in.Type = inspection.Type(s); e.saveInspection() })
	typ.Selected = string(in.Type)
	date := newDateEntry()
	if !in.Date.IsZero() {
		d := in.Date
		date.SetDate(&d)
	}
	date.OnChanged = func(t *time.Time) {
		if t != nil {
			in.Date = *t
			e.saveInspection()
		}
	}
	h.comments = h.multi(in.Comments, func(s string) { in.Comments = s })
	recommend := h.multi(in.Recommendation, func(s string) { in.Recommendation = s })
	h.buildPickers()
	form := widget.NewForm(
		widget.NewFormItem("Report no.", reportNo),
		widget.NewFormItem("Type", typ),
		widget.NewFormItem("Inspection date", date),
		widget.NewFormItem("Inspector", h.inspector),
		widget.NewFormItem("Client", h.withNew(h.client, h.newClient)),
		widget.NewFormItem("Supplier", h.withNew(h.supplier, h.newSupplier)),
		widget.NewFormItem("Factory", h.withNew(h.factory, h.newFactory)),
		widget.NewFormItem("Product", h.withNew(h.product, h.newProduct)),
		widget.NewFormItem("PO numbers", pos),
		widget.NewFormItem("Spec revision", spec),
		widget.NewFormItem("Golden sample", h.golden),
		widget.NewFormItem("Comments", h.comments),
		widget.NewFormItem("Recommendation", recommend),
	)
	top := []fyne.CanvasObject{heading("Header")}
	if in.ReinspectionOf != inspection.NilID {
		top = append(top, h.reinspectionNote())
	}
	h.view = newPage(container.NewVBox(append(top, form)...), formWidth).view
	e.lock(h.view)
	return h, nil
}

func (h *headerPanel) load() error {
	ctx := h.e.d.ctx()
	var err error
	if h.clients, err = h.e.d.Store.Clients(ctx); err != nil {
		return err
	}
	if h.suppliers, err = h.e.d.Store.Suppliers(ctx); err != nil {
		return err
	}
	if h.factories, err = h.e.d.Store.Factories(ctx, inspection.NilID); err != nil {
		return err
	}
	if h.products, err = h.e.d.Store.Products(ctx); err != nil {
		return err
	}
	return h.loadGoldens()
}

func (h *headerPanel) loadGoldens() error {
	h.goldens = nil
	if h.e.in.ProductID == inspection.NilID {
		return nil
	}
	all, err := h.e.d.Store.Samples(h.e.d.ctx(), h.e.in.ProductID)
	for _, s := range all {
		if s.Kind == inspection.Golden {
			h.goldens = append(h.goldens, s)
		}
	}
	return err
}

func (h *headerPanel) entry(v string, set func(string)) *widget.Entry {
	w := widget.NewEntry()
	w.SetText(v)
	w.OnChanged = func(s string) { set(strings.TrimSpace(s)); h.e.saveInspection() }
	return w
}

func (h *headerPanel) multi(v string, set func(string)) *widget.Entry {
	w := widget.NewMultiLineEntry()
	w.SetText(v)
	w.Wrapping = fyne.TextWrapWord
	w.SetMinRowsVisible(3)
	w.OnChanged = func(s string) { set(s); h.e.saveInspection() }
	return w
}

func (h *headerPanel) withNew(sel *widget.Select, add func()) fyne.CanvasObject {
	btn := widget.NewButtonWithIcon("New…", theme.ContentAddIcon(), add)
	return container.NewBorder(nil, nil, nil, btn, sel)
}

// buildPickers creates the party selects once; fillPickers refills them.
func (h *headerPanel) buildPickers() {
	h.client, h.supplier, h.factory = widget.NewSelect(nil, nil), widget.NewSelect(nil, nil), widget.NewSelect(nil, nil)
	h.product, h.golden = widget.NewSelect(nil, nil), widget.NewSelect(nil, nil)
	h.fillPickers()
}

func (h *headerPanel) fillPickers() {
	in := h.e.in
	fill(h.client, len(h.clients), func(i int) (inspection.ID, string) { return h.clients[i].ID, h.clients[i].Name }, in.ClientID,
		func(id inspection.ID) { in.ClientID = id; h.e.saveInspection() })
	fill(h.supplier, len(h.suppliers), func(i int) (inspection.ID, string) {
		s := h.suppliers[i]
		return s.ID, inspection.DisplayName(s.Name, s.NameLocal)
	}, in.SupplierID, func(id inspection.ID) {
		in.SupplierID = id
		h.e.saveInspection()
		h.refreshFactories()
		h.e.sampling.propose()
	})
	h.refreshFactories()
	fill(h.product, len(h.products), func(i int) (inspection.ID, string) {
		return h.products[i].ID, h.products[i].SKU + " — " + h.products[i].Description
	}, in.ProductID, func(id inspection.ID) {
		in.ProductID = id
		h.e.saveInspection()
		h.refreshGoldens()
		h.e.sampling.propose()
		h.e.findings.loadSamples()
	})
	h.refreshGoldens()
}

func (h *headerPanel) refreshFactories() {
	in := h.e.in
	var fs []inspection.Factory
	for _, f := range h.factories {
		if in.SupplierID == inspection.NilID || f.SupplierID == in.SupplierID {
			fs = append(fs, f)
		}
	}
	fill(h.factory, len(fs), func(i int) (inspection.ID, string) {
		return fs[i].ID, inspection.DisplayName(fs[i].Name, fs[i].NameLocal)
	},
		in.FactoryID, func(id inspection.ID) { in.FactoryID = id; h.e.saveInspection() })
}

func (h *headerPanel) refreshGoldens() {
	if err := h.loadGoldens(); err != nil {
		h.e.d.showError(err)
	}
	in := h.e.in
	gs := h.goldens
	fill(h.golden, len(gs), func(i int) (inspection.ID, string) { return gs[i].ID, gs[i].Label() }, in.GoldenSampleID,
		func(id inspection.ID) { in.GoldenSampleID = id; h.e.saveInspection() })
	switch {
	case in.ProductID == inspection.NilID:
		h.golden.PlaceHolder = "Choose the product first"
	case len(gs) == 0:
		h.golden.PlaceHolder = "No golden sample: add one in the sample library"
	default:
		h.golden.PlaceHolder = "Choose the golden sample"
	}
	h.golden.Refresh()
}

// fill makes a select choose among records shown by name and stored by ID.
func fill(s *widget.Select, n int, at func(int) (inspection.ID, string), current inspection.ID, set func(inspection.ID)) {
	ids := make([]inspection.ID, n)
	names := make([]string, n)
	for i := range n {
		ids[i], names[i] = at(i)
	}
	s.OnChanged = nil
	s.Options, s.Selected = names, ""
	if s.PlaceHolder == "" || s.PlaceHolder == "(Select one)" {
		s.PlaceHolder = "(none)"
	}
	for i, id := range ids {
		if id == current {
			s.Selected = names[i]
		}
	}
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 {
			set(ids[i])
		}
	}
	s.Refresh()
}

func (h *headerPanel) titleText() string {
	in := h.e.in
	parts := []string{in.ReportNo, string(in.Type)}
	for _, s := range h.suppliers {
		if s.ID == in.SupplierID {
			parts = append(parts, s.Name)
		}
	}
	for _, p := range h.products {
		if p.ID == in.ProductID {
			parts = append(parts, p.SKU)
		}
	}
	if len(in.POs) > 0 {
		parts = append(parts, "PO "+in.POList())
	}
	return strings.Join(nonEmpty(parts), " · ")
}

func (h *headerPanel) reinspectionNote() fyne.CanvasObject {
	l := widget.NewLabel("Re-inspection of an earlier inspection: its defects are listed under Workmanship.")
	l.Importance = widget.HighImportance
	return l
}

func (h *headerPanel) newClient() {
	askName(h.e.d.Window, "New client", func(name string) {
		c := &inspection.Client{ID: inspection.NewID(), Name: name}
		if h.e.d.saved(h.e.d.Store.PutClient(h.e.d.ctx(), c)) {
			h.clients = append(h.clients, *c)
			h.e.in.ClientID = c.ID
			h.resetPickers()
		}
	})
}

func (h *headerPanel) newSupplier() {
	askName(h.e.d.Window, "New supplier", func(name string) {
		s := &inspection.Supplier{ID: inspection.NewID(), Name: name}
		if h.e.d.saved(h.e.d.Store.PutSupplier(h.e.d.ctx(), s)) {
			h.suppliers = append(h.suppliers, *s)
			h.e.in.SupplierID = s.ID
			h.resetPickers()
		}
	})
}

func (h *headerPanel) newFactory() {
	askName(h.e.d.Window, "New factory", func(name string) {
		f := &inspection.Factory{ID: inspection.NewID(), SupplierID: h.e.in.SupplierID, Name: name}
		if h.e.d.saved(h.e.d.Store.PutFactory(h.e.d.ctx(), f)) {
			h.factories = append(h.factories, *f)
			h.e.in.FactoryID = f.ID
			h.resetPickers()
		}
	})
}

func (h *headerPanel) newProduct() {
	sku, desc := requiredEntry("SKU or style number"), widget.NewEntry()
	desc.SetPlaceHolder("e.g. Stainless steel electric kettle 1.7 L")
	items := []*widget.FormItem{widget.NewFormItem("SKU / style", sku), widget.NewFormItem("Description", desc)}
	askForm(h.e.d.Window, "New product", "Add", items, func() {
		p := &inspection.Product{ID: inspection.NewID(), ClientID: h.e.in.ClientID, SKU: strings.TrimSpace(sku.Text), Description: strings.TrimSpace(desc.Text)}
		if h.e.d.saved(h.e.d.Store.PutProduct(h.e.d.ctx(), p)) {
			h.products = append(h.products, *p)
			h.e.in.ProductID = p.ID
			h.resetPickers()
		}
	})
}

// resetPickers saves a party just created and chosen, shows it in the
// selects, and updates what depends on the supplier and product, as
// choosing one from the list does.
func (h *headerPanel) resetPickers() {
	h.e.saveInspection()
	h.fillPickers()
	h.e.sampling.propose()
	h.e.findings.loadSamples()
}

func askName(w fyne.Window, title string, done func(string)) {
	name := requiredEntry("name")
	askForm(w, title, "Add", []*widget.FormItem{widget.NewFormItem("Name", name)}, func() { done(strings.TrimSpace(name.Text)) })
}

func typeNames() []string {
	out := make([]string, len(inspection.Types))
	for i, t := range inspection.Types {
		out[i] = string(t)
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
