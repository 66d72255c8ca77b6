package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// VerdictBar is always on screen while editing: per class found / allowed
// and how far the lot is from rejection, so the inspector never has to
// work out Ac/Re by hand.
type VerdictBar struct {
	view    fyne.CanvasObject
	Badge   *Badge
	Classes map[aql.Class]*widget.Label // "Major: 4 found, 7 allowed"
	Words   map[aql.Class]*widget.Label // "4 more major defects reject the lot."
	Note    *widget.Label
}

func newVerdictBar() *VerdictBar {
	v := &VerdictBar{Badge: newBadge(), Classes: map[aql.Class]*widget.Label{}, Words: map[aql.Class]*widget.Label{}, Note: widget.NewLabel("")}
	v.Note.Truncation = fyne.TextTruncateEllipsis
	cells := []fyne.CanvasObject{}
	for _, c := range aql.Classes {
		l, w := boldLabel(""), widget.NewLabel("")
		l.Truncation, w.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
		v.Classes[c], v.Words[c] = l, w
		cells = append(cells, container.NewVBox(l, w))
	}
	grid := container.NewGridWithColumns(3, cells...)
	badge := container.NewVBox(boldLabel("Verdict"), v.Badge)
	v.view = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, container.NewPadded(badge), nil, container.NewVBox(grid, v.Note)))
	return v
}

func (v *VerdictBar) show(o inspection.Outcome) {
	verdictBadge(v.Badge, o.Verdict)
	if o.PlanErr != nil {
		for _, c := range aql.Classes {
			v.Classes[c].SetText(c.Title() + ": no plan yet")
			v.Words[c].SetText("")
			v.Classes[c].Importance = widget.MediumImportance
			v.Classes[c].Refresh()
		}
		v.Note.SetText("Enter the lot size (Quantity & sampling) to get the sampling plan and the AQL verdict.")
		return
	}
	for _, cv := range o.AQL.Classes {
		l := v.Classes[cv.Class]
		l.SetText(fmt.Sprintf("%s: %d found, %d allowed", cv.Class.Title(), cv.Found, cv.Accept))
		v.Words[cv.Class].SetText(cv.Words())
		switch {
		case cv.Rejected:
			l.Importance = widget.DangerImportance
		case cv.ToReject == 1 && cv.Found > 0:
			l.Importance = widget.WarningImportance
		default:
			l.Importance = widget.MediumImportance
		}
		l.Refresh()
	}
	v.Note.SetText(fmt.Sprintf("Sample %d units (code letter %s, level %s, %s).", o.Plan.SampleSize, o.Plan.UsedCodeLetter, o.Plan.Level, o.Plan.Severity) + unjudgedNote(o))
}

func unjudgedNote(o inspection.Outcome) string {
	missing := o.Unjudged()
	if len(missing) == 0 {
		return ""
	}
	if o.Verdict == inspection.VerdictIncomplete {
		return fmt.Sprintf(" Nothing failed so far; %d section(s) still without a result.", len(missing))
	}
	return fmt.Sprintf(" %d section(s) still without a result.", len(missing))
}
