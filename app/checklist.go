package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// checklistSections are the sections judged by ticking checks rather than
// by counting or measuring.
var checklistSections = []inspection.SectionKind{
	inspection.SectionConformity, inspection.SectionPacking, inspection.SectionMarking, inspection.SectionClient,
}

// Default checks for an empty section, so a new inspection is a checklist
// to walk through rather than a blank page.
var defaultChecks = map[inspection.SectionKind][]string{
	inspection.SectionConformity: {"Colour matches the golden sample", "Material and finish match the specification", "Logo and artwork match the approved artwork", "Assembly and function as the golden sample"},
	inspection.SectionPacking:    {"Export carton strength and condition", "Inner / retail packing as specified", "Quantity per carton as the packing list", "Assortment as the PO"},
	inspection.SectionMarking:    {"Shipping marks as the PO", "UPC / EAN labels present and readable", "Care, origin and warning labels present"},
	inspection.SectionClient:     {"Client special requirements checked"},
}

// sectionBox is a section's own result and remarks. The inspector judges
// every section; the verdict is pending until a client decides.
func sectionBox(e *Editor, k inspection.SectionKind) fyne.CanvasObject {
	s := e.section(k)
	notes := widget.NewMultiLineEntry()
	notes.SetText(s.Notes)
	notes.Wrapping = fyne.TextWrapWord
	notes.SetMinRowsVisible(2)
	notes.SetPlaceHolder("Remarks on " + k.Title())
	notes.OnChanged = func(t string) { s.Notes = t; e.saveSection(k) }
	result := resultSelect(s.Result, func(r inspection.Result) { s.Result = r; e.saveSection(k) })
	if k == inspection.SectionWorkmanship {
		result.Options = []string{"fail", "pending"}
		return widget.NewForm(widget.NewFormItem("Override", result), widget.NewFormItem("Remarks", notes))
	}
	return widget.NewForm(widget.NewFormItem(k.Title()+" result", result), widget.NewFormItem("Remarks", notes))
}

// checklistPanel shows conformity, packing, marking and client
// requirements, each a list of checks with pass / fail / pending and notes.
type checklistPanel struct {
	e     *Editor
	view  fyne.CanvasObject
	items map[inspection.SectionKind][]*inspection.ChecklistItem
	boxes map[inspection.SectionKind]*fyne.Container
}

func newChecklistPanel(e *Editor) (*checklistPanel, error) {
	c := &checklistPanel{e: e, items: map[inspection.SectionKind][]*inspection.ChecklistItem{}, boxes: map[inspection.SectionKind]*fyne.Container{}}
	all, err := e.d.Store.Checklist(e.d.ctx(), e.in.ID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		c.items[all[i].Section] = append(c.items[all[i].Section], &all[i])
	}
	var body []fyne.CanvasObject
	for _, k := range checklistSections {
		c.boxes[k] = container.NewVBox()
		c.rebuild(k)
		add := widget.NewButtonWithIcon("Add check", theme.ContentAddIcon(), func() { c.add(k, "", inspection.Unjudged) })
		card := widget.NewCard(k.Title(), "", container.NewVBox(sectionBox(e, k), c.boxes[k], container.NewHBox(add)))
		body = append(body, card)
	}
	c.view = newPage(container.NewVBox(body...), wideFormWidth).view
	e.lock(c.view)
	return c, nil
}

func (c *checklistPanel) rebuild(k inspection.SectionKind) {
	box := c.boxes[k]
	box.Objects = nil
	for _, it := range c.items[k] {
		box.Add(c.row(k, it))
	}
	if sug := c.suggestions(k); len(sug) > 0 {
		hint := widget.NewLabel("Suggested: each is recorded once you answer it")
		hint.TextStyle.Italic = true
		hint.Importance = widget.LowImportance
		box.Add(hint)
		for _, text := range sug {
			box.Add(c.suggestion(k, text))
		}
	}
	box.Refresh()
	c.e.lock(box)
}

// suggestions are the default checks of a section not yet among its
// stored checks. They stay on offer after the first is answered: the
// inspector walks through all of them, and each answered one becomes a
// stored check in its place.
func (c *checklistPanel) suggestions(k inspection.SectionKind) []string {
	stored := map[string]bool{}
	for _, it := range c.items[k] {
		stored[strings.TrimSpace(it.Text)] = true
	}
	var out []string
	for _, text := range defaultChecks[k] {
		if !stored[text] {
			out = append(out, text)
		}
	}
	return out
}

// suggestion is a default check not stored until the inspector judges it.
func (c *checklistPanel) suggestion(k inspection.SectionKind, text string) fyne.CanvasObject {
	result := resultSelect("", func(r inspection.Result) { c.add(k, text, r) })
	return container.NewBorder(nil, nil, nil, result, wrapLabel(text))
}

func (c *checklistPanel) row(k inspection.SectionKind, it *inspection.ChecklistItem) fyne.CanvasObject {
	text := widget.NewEntry()
	text.SetText(it.Text)
	text.SetPlaceHolder("What is checked")
	text.OnChanged = func(s string) { it.Text = s; c.save(it) }
	notes := widget.NewEntry()
	notes.SetText(it.Notes)
	notes.SetPlaceHolder("Notes")
	notes.OnChanged = func(s string) { it.Notes = s; c.save(it) }
	result := resultSelect(it.Result, func(r inspection.Result) { it.Result = r; c.save(it) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { c.remove(k, it) })
	return container.NewGridWithColumns(2, text, container.NewBorder(nil, nil, nil, container.NewHBox(result, del), notes))
}

func (c *checklistPanel) add(k inspection.SectionKind, text string, r inspection.Result) *inspection.ChecklistItem {
	it := &inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: c.e.in.ID, Section: k, Position: len(c.items[k]), Text: text, Result: r}
	if c.e.readOnly || !c.e.d.write(func(ctx context.Context) error { return c.e.d.Store.PutChecklistItem(ctx, it) }) {
		return nil
	}
	c.items[k] = append(c.items[k], it)
	c.rebuild(k)
	return it
}

// save stores a check shortly after the last change.
func (c *checklistPanel) save(it *inspection.ChecklistItem) {
	if c.e.readOnly {
		return
	}
	later(c.e.d, "checklist "+it.ID.String(), *it, c.e.d.Store.PutChecklistItem)
}

func (c *checklistPanel) remove(k inspection.SectionKind, it *inspection.ChecklistItem) {
	if !c.e.d.write(func(ctx context.Context) error { return c.e.d.Store.DeleteChecklistItem(ctx, it.ID) }) {
		return
	}
	items := c.items[k]
	for i, x := range items {
		if x == it {
			c.items[k] = append(items[:i], items[i+1:]...)
			break
		}
	}
	c.rebuild(k)
}
