package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// VerdictBar is always on screen while editing: the verdict, per class
// found / allowed and how far the lot is from rejection, so the inspector
// never has to work out Ac/Re by hand, and which sections still have no
// result. It shows inspection.Evaluate's outcome and derives nothing.
//
// It is drawn with tight padding: on a 768-pixel laptop screen every line
// it takes is a line less of the form above it.
type VerdictBar struct {
	view    fyne.CanvasObject
	Badge   *Badge
	Classes map[aql.Class]*widget.Label // "Major: 4 found, 7 allowed"
	Words   map[aql.Class]*widget.Label // "4 more major defects reject the lot."
	Note    *widget.RichText            // the plan, or what it lacks; the sections still open
}

func newVerdictBar() *VerdictBar {
	v := &VerdictBar{Badge: newBadge(), Classes: map[aql.Class]*widget.Label{}, Words: map[aql.Class]*widget.Label{}, Note: widget.NewRichText()}
	v.Note.Truncation = fyne.TextTruncateEllipsis
	v.Badge.large()
	cells := []fyne.CanvasObject{}
	for _, c := range aql.Classes {
		l, w := boldLabel(""), truncLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		w.SizeName = theme.SizeNameCaptionText
		v.Classes[c], v.Words[c] = l, w
		cells = append(cells, container.NewVBox(l, w))
	}
	grid := container.NewGridWithColumns(3, cells...)
	badge := container.New(layout.NewCustomPaddedLayout(0, 0, 4, 8), container.NewCenter(v.Badge))
	body := container.NewBorder(nil, nil, badge, nil, container.NewVBox(grid, v.Note))
	v.view = container.NewVBox(widget.NewSeparator(), container.NewThemeOverride(body, compactTheme{}))
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
		v.showNote("Enter the lot size (Quantity & sampling) to get the sampling plan.", o)
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
	v.showNote(fmt.Sprintf("Sample %d units (code letter %s, level %s, %s).", o.Plan.SampleSize, o.Plan.UsedCodeLetter, o.Plan.Level, o.Plan.Severity), o)
}

// showNote says the plan and names the sections still without a result:
// the verdict cannot be a pass while one is open, and the inspector must
// know which to go to.
func (v *VerdictBar) showNote(plan string, o inspection.Outcome) {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: plan, Style: widget.RichTextStyleInline}}
	if missing := o.Unjudged(); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, k := range missing {
			names[i] = k.Title()
		}
		open := widget.RichTextStyleInline
		open.ColorName = theme.ColorNameWarning
		segs = append(segs, &widget.TextSegment{Text: " Still without a result: " + strings.Join(names, ", ") + ".", Style: open})
	}
	v.Note.Segments = segs
	v.Note.Refresh()
}

// NoteText is the note as plain text, for tests.
func (v *VerdictBar) NoteText() string { return v.Note.String() }

// compactTheme is the app's theme with tight padding, for the verdict bar.
// It asks the app for the theme on every call, so a change of light or
// dark in the preferences reaches it too.
type compactTheme struct{}

func (compactTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameInnerPadding:
		return 2
	case theme.SizeNamePadding:
		return 2
	}
	return fyne.CurrentApp().Settings().Theme().Size(n)
}

func (compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}

func (compactTheme) Font(s fyne.TextStyle) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Font(s)
}

func (compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Icon(n)
}
