package app

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// cartonPicker draws the cartons to open at random, so the factory cannot
// steer the inspector to the good ones, and records which were opened.
type cartonPicker struct {
	e      *Editor
	view   fyne.CanvasObject
	total  *widget.Entry
	count  *widget.Entry
	opened *widget.Entry
	hint   *widget.Label
}

func newCartonPicker(e *Editor) *cartonPicker {
	c := &cartonPicker{e: e, total: widget.NewEntry(), count: widget.NewEntry(), opened: widget.NewEntry(), hint: widget.NewLabel("")}
	c.total.SetText(itoa(e.in.Cartons))
	c.total.SetPlaceHolder("cartons in the lot")
	c.total.OnChanged = func(s string) {
		if n, ok := parseInt(s); ok || s == "" {
			e.in.Cartons = n
			e.saveInspection()
		}
	}
	c.count.SetPlaceHolder("√n rule")
	c.opened.SetText(joinInts(e.in.CartonsOpened))
	c.opened.SetPlaceHolder("carton numbers, e.g. 4, 17, 33")
	c.opened.OnChanged = func(s string) {
		e.in.CartonsOpened = parseInts(s)
		e.saveInspection()
	}
	pick := widget.NewButtonWithIcon("Pick at random", theme.ViewRefreshIcon(), c.pick)
	form := widget.NewForm(
		widget.NewFormItem("Cartons in lot", c.total),
		widget.NewFormItem("Cartons to open", container.NewBorder(nil, nil, nil, pick, c.count)),
		widget.NewFormItem("Opened", c.opened),
	)
	c.view = container.NewVBox(form, c.hint)
	return c
}

func (c *cartonPicker) update() {
	n := inspection.CartonsToOpen(c.e.in.Cartons)
	if n == 0 {
		c.hint.SetText("Enter the cartons in the lot to draw the cartons to open.")
		return
	}
	c.hint.SetText(fmt.Sprintf("√%d rule: open %d cartons. %d recorded as opened.", c.e.in.Cartons, n, len(c.e.in.CartonsOpened)))
}

func (c *cartonPicker) pick() {
	total := c.e.in.Cartons
	if total <= 0 {
		c.e.d.showError(fmt.Errorf("enter the number of cartons in the lot first"))
		return
	}
	n, ok := parseInt(c.count.Text)
	if !ok || n <= 0 {
		n = inspection.CartonsToOpen(total)
	}
	picked := inspection.PickCartons(total, n, rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())))
	c.opened.SetText(joinInts(picked)) // OnChanged records and saves them
	if p := c.e.sampling; p != nil && p.page != nil {
		scrollIntoView(p.page.scroll, c.view)
	}
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

func parseInts(s string) []int {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}
