package report

// Table layout in mm.
const (
	padX      = 1.6
	padY      = 1.4
	tableSize = 8.3 // pt
	tableLH   = 3.8
	headH     = 6.2
)

type column struct {
	title string
	w     float64
	align string // "L", "C" or "R"
}

// cell is one table cell: wrapped text by default, or a drawer for pills,
// photos and measured values.
type cell struct {
	text   string
	colour *rgb
	bold   bool
	fill   *rgb
	small  string // a second, smaller muted line (instrument, sample code)
	custom drawer
}

// drawer is a cell that draws itself.
type drawer interface {
	height(dc *doc, w float64) float64
	draw(dc *doc, x, y, w, h float64)
}

// table prints rows that break across pages with the header repeated.
type table struct {
	dc      *doc
	cols    []column
	rows    int
	started bool // header printed; deferred so it never ends a page alone
}

// newTable starts a table; its header prints with the first row.
func (dc *doc) newTable(cols []column) *table {
	return &table{dc: dc, cols: cols}
}

func (t *table) header() {
	dc := t.dc
	y := dc.y()
	dc.plain()
	dc.fill(headFill)
	dc.pdf.Rect(marginX, y, t.width(), headH, "F")
	x := marginX
	for _, c := range t.cols {
		dc.font(7, accent, true)
		dc.text(x+padX, y+(headH-lineH)/2, c.w-2*padX, c.title, c.align)
		x += c.w
	}
	dc.plain()
	dc.setY(y + headH)
}

func (t *table) width() float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.w
	}
	return w
}

// add prints a row; a row that does not fit moves to the next page under a
// repeated header. Text too long for a whole page is cut with an ellipsis.
func (t *table) add(cells ...cell) {
	dc := t.dc
	maxH := bottomY - contentY - headH
	lines := make([][]string, len(cells))
	mains := make([]int, len(cells)) // lines before the small second text
	h := 0.0
	dc.font(tableSize, ink, false)
	for i, c := range cells {
		w := t.cols[i].w - 2*padX
		var ch float64
		if c.custom != nil {
			ch = c.custom.height(dc, w) + 2*padY
		} else {
			lines[i] = dc.m.wrap(c.text, w)
			mains[i] = len(lines[i])
			if c.small != "" {
				dc.font(6.8, muted, false)
				lines[i] = append(lines[i], dc.m.wrap(c.small, w)...)
				dc.font(tableSize, ink, false)
			}
			if limit := int((maxH - 2*padY) / tableLH); len(lines[i]) > limit {
				lines[i] = append(lines[i][:limit-1], "…")
			}
			ch = float64(len(lines[i]))*tableLH + 2*padY
		}
		h = max(h, ch)
	}
	need := h
	if !t.started {
		need += headH
	}
	if dc.room(need) || !t.started {
		t.header()
		t.started = true
	}
	t.drawRow(cells, lines, mains, h)
}

func (t *table) drawRow(cells []cell, lines [][]string, mains []int, h float64) {
	dc := t.dc
	y := dc.y()
	x := marginX
	for i, c := range cells {
		col := t.cols[i]
		if c.fill != nil {
			dc.fill(*c.fill)
			dc.pdf.Rect(x, y, col.w, h, "F")
		}
		if c.custom != nil {
			c.custom.draw(dc, x+padX, y+padY, col.w-2*padX, h-2*padY)
		} else {
			t.drawText(c, lines[i], mains[i], x, y, col)
		}
		dc.plain()
		x += col.w
	}
	dc.stroke(rule, 0.2)
	dc.pdf.Line(marginX, y+h, marginX+t.width(), y+h)
	dc.plain()
	t.rows++
	dc.setY(y + h)
}

func (t *table) drawText(c cell, lines []string, main int, x, y float64, col column) {
	dc := t.dc
	colour := ink
	if c.colour != nil {
		colour = *c.colour
	}
	dc.font(tableSize, colour, c.bold)
	for j, line := range lines {
		if j == main {
			dc.font(6.8, muted, false)
		}
		dc.text(x+padX, y+padY+float64(j)*tableLH-0.25, col.w-2*padX, line, col.align)
	}
}

// pill draws a result as a small coloured label.
type pill struct {
	label  string
	colour rgb
}

func resultPill(word string, c rgb) pill { return pill{label: word, colour: c} }

func (p pill) height(*doc, float64) float64 { return 4.2 }

func (p pill) draw(dc *doc, x, y, w, h float64) {
	dc.font(6.8, white, true)
	pw := dc.m.width(p.label) + 4
	dc.plain()
	dc.fill(p.colour)
	dc.pdf.RoundedRect(x, y, pw, 4.2, 1.1, "1234", "F")
	dc.font(6.8, white, true)
	dc.text(x, y+(4.2-lineH)/2, pw, p.label, "C")
}
