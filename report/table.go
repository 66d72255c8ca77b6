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
// repeated header. A row taller than a page is split between its lines and
// continues on the next pages, so long text prints whole.
func (t *table) add(cells ...cell) {
	dc := t.dc
	r := row{cells: cells, lines: make([][]string, len(cells)), mains: make([]int, len(cells))}
	dc.font(tableSize, ink, false)
	for i, c := range cells {
		w := t.cols[i].w - 2*padX
		if c.custom != nil {
			r.custom = max(r.custom, c.custom.height(dc, w)+2*padY)
			continue
		}
		r.lines[i] = dc.m.wrap(c.text, w)
		r.mains[i] = len(r.lines[i])
		if c.small != "" {
			dc.font(6.8, muted, false)
			r.lines[i] = append(r.lines[i], dc.m.wrap(c.small, w)...)
			dc.font(tableSize, ink, false)
		}
		r.most = max(r.most, len(r.lines[i]))
	}
	h := r.height(0, r.most)
	head := 0.0
	if !t.started {
		head = headH
	}
	switch {
	case dc.y()+head+h <= bottomY:
	case h <= bottomY-contentY-headH || dc.y()+head+r.height(0, 3) > bottomY:
		// Whole on the next page, or at least the first lines there.
		dc.newPage()
		t.started = false
	}
	for from := 0; ; {
		if !t.started {
			t.header()
			t.started = true
		}
		n := max(1, int((bottomY-dc.y()-2*padY)/tableLH))
		to := min(r.most, from+n)
		t.drawRow(r, from, to)
		if from = to; from >= r.most {
			return
		}
		dc.newPage()
		t.started = false
	}
}

// row is a table row measured for drawing, possibly over several pages.
type row struct {
	cells  []cell
	lines  [][]string // wrapped text of each text cell
	mains  []int      // lines before the small second text
	most   int        // lines in the longest cell
	custom float64    // height of the tallest drawn cell, padding included
}

// height is the height of the part of the row holding lines [from, to);
// drawn cells are in the first part.
func (r row) height(from, to int) float64 {
	h := float64(min(to, r.most)-from)*tableLH + 2*padY
	if from == 0 {
		h = max(h, r.custom)
	}
	return h
}

// drawRow draws lines [from, to) of a row at the current position.
func (t *table) drawRow(r row, from, to int) {
	dc := t.dc
	h := r.height(from, to)
	y := dc.y()
	x := marginX
	for i, c := range r.cells {
		col := t.cols[i]
		if c.fill != nil {
			dc.fill(*c.fill)
			dc.pdf.Rect(x, y, col.w, h, "F")
		}
		switch {
		case c.custom == nil:
			t.drawText(c, r.lines[i], r.mains[i], from, to, x, y, col)
		case from == 0:
			c.custom.draw(dc, x+padX, y+padY, col.w-2*padX, h-2*padY)
		}
		dc.plain()
		x += col.w
	}
	dc.stroke(rule, 0.2)
	dc.pdf.Line(marginX, y+h, marginX+t.width(), y+h)
	dc.plain()
	if from == 0 {
		t.rows++
	}
	dc.setY(y + h)
}

// drawText draws lines [from, to) of a text cell; lines from main on are
// the small second text.
func (t *table) drawText(c cell, lines []string, main, from, to int, x, y float64, col column) {
	dc := t.dc
	colour := ink
	if c.colour != nil {
		colour = *c.colour
	}
	dc.font(tableSize, colour, c.bold)
	for j := from; j < min(to, len(lines)); j++ {
		if j >= main {
			dc.font(6.8, muted, false)
		}
		dc.text(x+padX, y+padY+float64(j-from)*tableLH-0.25, col.w-2*padX, lines[j], col.align)
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
