package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// dateFormat is the one way dates are shown and typed: ISO 8601, the same
// in the editor, the list, its filters and the report, whatever the locale.
const dateFormat = "2006-01-02"

// Badge colours. They are chosen to read on light and dark themes alike,
// with white text, because a verdict must never depend on the theme.
var (
	colourPass    = color.NRGBA{R: 0x1e, G: 0x8e, B: 0x3e, A: 0xff}
	colourFail    = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	colourPending = color.NRGBA{R: 0xd9, G: 0x7a, B: 0x00, A: 0xff}
	colourNone    = color.NRGBA{R: 0x75, G: 0x75, B: 0x75, A: 0xff}
	colourOutTol  = color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0x66}
)

// Badge is a coloured pill with a word: verdicts and results.
type Badge struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
	pad  fyne.Layout
}

func newBadge() *Badge {
	b := &Badge{bg: canvas.NewRectangle(colourNone), text: canvas.NewText("", color.White), pad: layout.NewCustomPaddedLayout(2, 2, 8, 8)}
	b.bg.CornerRadius = 4
	b.text.TextStyle.Bold = true
	b.text.Alignment = fyne.TextAlignCenter
	b.ExtendBaseWidget(b)
	return b
}

// Set changes the word and colour.
func (b *Badge) Set(word string, c color.Color) {
	b.text.Text, b.bg.FillColor = word, c
	b.Refresh()
}

// large makes the badge read from arm's length: the editor's verdict.
func (b *Badge) large() {
	b.text.TextSize = theme.TextSubHeadingSize()
	b.pad = layout.NewCustomPaddedLayout(10, 10, 14, 14)
	b.Refresh()
}

// Text is the badge's word, for tests and accessibility.
func (b *Badge) Text() string { return b.text.Text }

// CreateRenderer draws the pill with padding around the word.
func (b *Badge) CreateRenderer() fyne.WidgetRenderer {
	pad := container.New(b.pad, b.text)
	return widget.NewSimpleRenderer(container.NewStack(b.bg, pad))
}

// verdictBadge shows a verdict in the words and colours the report uses.
func verdictBadge(b *Badge, v inspection.Verdict) {
	switch v {
	case inspection.VerdictPass:
		b.Set(v.Word(), colourPass)
	case inspection.VerdictFail:
		b.Set(v.Word(), colourFail)
	case inspection.VerdictPending:
		b.Set(v.Word(), colourPending)
	default:
		b.Set(v.Word(), colourNone)
	}
}

// columns lays children out in a row: fixed widths, and 0 (or -min) for
// columns that share what is left (at least 60, or min, pixels). A list
// and its header use the same widths, so they line up.
type columns []float32

// flexMin is the narrowest a sharing column gets before the row overflows.
func (c columns) flexMin(i int) float32 {
	if i < len(c) && c[i] < 0 {
		return -c[i]
	}
	return 60
}

func (c columns) fixed(i int) bool { return i < len(c) && c[i] > 0 }

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		if c.fixed(i) {
			w += c[i]
		} else {
			w += c.flexMin(i)
		}
		w += theme.Padding()
	}
	return fyne.NewSize(w, h)
}

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := float32(0), 0
	for i := range objs {
		if c.fixed(i) {
			fixed += c[i]
		} else {
			flex++
		}
	}
	share := float32(0)
	if flex > 0 {
		share = max(0, (size.Width-fixed-pad*float32(len(objs)-1))/float32(flex))
	}
	x := float32(0)
	for i, o := range objs {
		w := max(share, c.flexMin(i))
		if c.fixed(i) {
			w = c[i]
		}
		h := min(o.MinSize().Height, size.Height)
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

// twoLineLabel is a label in a container two lines high: it wraps its text
// and cuts what does not fit with an ellipsis, for list rows where a
// product's whole name matters.
func twoLineLabel() *fyne.Container {
	l := widget.NewLabel("")
	l.Wrapping, l.Truncation = fyne.TextWrapWord, fyne.TextTruncateEllipsis
	return container.New(minHeight(linesHeight(2)), l)
}

// minHeight lays its children over each other at least h high.
type minHeight float32

func (h minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, float32(h))
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (h minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func truncLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

func heading(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// fixedWidth keeps small inputs (quantities, values) from stretching.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func parseInt(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(s, ",", "")))
	return n, err == nil
}

func parseFloat(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(s, ",", ".")), 64)
	return v, err == nil
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// resultOptions are what the inspector can set a section or check to.
var resultOptions = []string{"pass", "fail", "pending", "n/a"}

func resultSelect(r inspection.Result, onChange func(inspection.Result)) *widget.RadioGroup {
	rg := widget.NewRadioGroup(resultOptions, nil)
	rg.Horizontal = true
	rg.SetSelected(string(r))
	rg.OnChanged = func(s string) { onChange(inspection.Result(s)) }
	return rg
}

// tapIcon is a small icon button that Tab skips: a row's delete button
// must not sit between the last value of one row and the first of the
// next, where a quick Tab and Space would delete the row.
type tapIcon struct {
	widget.DisableableWidget
	icon  *widget.Icon
	bg    *canvas.Rectangle
	onTap func()
}

func newTapIcon(res fyne.Resource, onTap func()) *tapIcon {
	t := &tapIcon{icon: widget.NewIcon(res), bg: canvas.NewRectangle(color.Transparent), onTap: onTap}
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the icon on a background that shows on hover.
func (t *tapIcon) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.bg, container.NewPadded(t.icon)))
}

// MinSize is a button's height, square.
func (t *tapIcon) MinSize() fyne.Size {
	s := theme.IconInlineSize() + 2*theme.InnerPadding()
	return fyne.NewSize(s, s)
}

// Tapped runs the action unless disabled.
func (t *tapIcon) Tapped(*fyne.PointEvent) {
	if !t.Disabled() && t.onTap != nil {
		t.onTap()
	}
}

// MouseIn shows it can be clicked.
func (t *tapIcon) MouseIn(*desktop.MouseEvent) {
	if !t.Disabled() {
		t.bg.FillColor = theme.Color(theme.ColorNameHover)
		t.bg.Refresh()
	}
}

// MouseMoved does nothing more.
func (t *tapIcon) MouseMoved(*desktop.MouseEvent) {}

// MouseOut clears the hover background.
func (t *tapIcon) MouseOut() {
	t.bg.FillColor = color.Transparent
	t.bg.Refresh()
}

// Disable greys the icon.
func (t *tapIcon) Disable() {
	t.DisableableWidget.Disable()
	t.icon.SetResource(theme.NewDisabledResource(t.icon.Resource))
}
