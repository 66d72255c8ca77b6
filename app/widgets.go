package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

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
}

func newBadge() *Badge {
	b := &Badge{bg: canvas.NewRectangle(colourNone), text: canvas.NewText("", color.White)}
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

// Text is the badge's word, for tests and accessibility.
func (b *Badge) Text() string { return b.text.Text }

// CreateRenderer draws the pill with padding around the word.
func (b *Badge) CreateRenderer() fyne.WidgetRenderer {
	pad := container.New(layout.NewCustomPaddedLayout(2, 2, 8, 8), b.text)
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

// columns lays children out in a row: fixed widths, and 0 for columns that
// share what is left. A list and its header use the same widths, so they line up.
type columns []float32

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		if i < len(c) && c[i] > 0 {
			w += c[i]
		} else {
			w += 60
		}
		w += theme.Padding()
	}
	return fyne.NewSize(w, h)
}

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := float32(0), 0
	for i := range objs {
		if i < len(c) && c[i] > 0 {
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
		w := share
		if i < len(c) && c[i] > 0 {
			w = c[i]
		}
		h := min(o.MinSize().Height, size.Height)
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
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
