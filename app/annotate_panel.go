package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/report"
)

// annotateTools is the preview's "Annotate" mode: a tool, a colour, the label
// text, Undo and Clear. Every change is stored at once, like any other edit.
type annotateTools struct {
	p      *photosPanel
	toggle *widget.Button
	tools  *fyne.Container
	tool   *widget.RadioGroup
	label  *widget.Entry
	pane   *fyne.Container // holds tools: re-laid out when they show or hide
}

var toolKinds = map[string]inspection.MarkKind{"Arrow": inspection.MarkArrow, "Circle": inspection.MarkCircle, "Text": inspection.MarkText}

var toolHints = map[inspection.MarkKind]string{
	inspection.MarkArrow:  "Drag on the photo: the arrow points where you let go",
	inspection.MarkCircle: "Drag across the defect to ring it",
	inspection.MarkText:   "Type a short label, then click the photo",
}

func newAnnotateTools(p *photosPanel) *annotateTools {
	t := &annotateTools{p: p}
	t.tool = widget.NewRadioGroup([]string{"Arrow", "Circle", "Text"}, t.pick)
	t.tool.Horizontal = true
	t.tool.Required = true
	t.label = widget.NewEntry()
	p.annot.Label = func() string { return t.label.Text }
	colour := widget.NewSelect(colorNames(), func(s string) { p.annot.Color = colorHex(s) })
	colour.SetSelected(markColors[0].name)
	undo := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), p.annot.Undo)
	clear := widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), p.annot.Clear)
	// One row of tools and the label, the hint in the label's placeholder:
	// the preview must keep most of its height on a 768-pixel laptop screen.
	t.tools = container.NewVBox(container.NewHBox(t.tool, colour, undo, clear), t.label)
	t.tools.Hide()
	t.toggle = widget.NewButtonWithIcon("Annotate", theme.DocumentCreateIcon(), t.switchMode)
	t.tool.SetSelected("Arrow")
	p.annot.Tool = ""
	if p.e.readOnly {
		t.toggle.Disable()
	}
	return t
}

func (t *annotateTools) pick(name string) {
	if !t.tools.Visible() {
		return
	}
	t.p.annot.Tool = toolKinds[name]
	t.label.SetPlaceHolder(toolHints[t.p.annot.Tool])
}

// switchMode turns annotating on and off; off, a drag on the photo does nothing.
func (t *annotateTools) switchMode() {
	if t.tools.Visible() {
		t.tools.Hide()
		t.p.info.Show()
		t.p.annot.Tool = ""
		t.toggle.SetText("Annotate")
		t.toggle.Importance = widget.MediumImportance
	} else {
		if t.p.selected < 0 || t.p.e.readOnly {
			return
		}
		t.tools.Show()
		t.p.info.Hide()
		t.pick(t.tool.Selected)
		t.toggle.SetText("Done annotating")
		t.toggle.Importance = widget.HighImportance
	}
	t.toggle.Refresh()
	t.pane.Refresh() // the toolbar and the button changed size: lay the pane out again
}

// saveMarks stores the selected photo's layer.
func (p *photosPanel) saveMarks(marks []inspection.Mark) {
	if p.selected < 0 || p.e.readOnly {
		return
	}
	ph := &p.list[p.selected]
	layer, err := inspection.MarshalMarks(marks)
	if err != nil {
		p.e.d.saved(err)
	} else {
		ph.Annotations = layer
		saveNow(p.e.d, "photo "+ph.ID.String(), *ph, p.e.d.Store.PutPhoto)
	}
	p.showDetail(*ph)
	p.grid.RefreshItem(p.selected) // the grid shows the marks too
}

// ReportPhotos is the photo source for the PDF: the annotated rendering of
// each photo that has marks, the working copy of the others.
func (d *Desk) ReportPhotos() report.PhotoSource {
	return report.PhotoFunc(d.Photos.Annotated)
}
