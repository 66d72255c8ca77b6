package report

// textBlock is text wrapped to a column and set in one style.
type textBlock struct {
	lines  []string
	size   float64
	colour rgb
	bold   bool
	lh     float64 // line spacing, mm
	align  string
}

// block wraps s to w in the given style.
func (dc *doc) block(s string, w, size float64, c rgb, bold bool, lh float64, align string) textBlock {
	dc.font(size, c, bold)
	return textBlock{lines: dc.m.wrap(s, w), size: size, colour: c, bold: bold, lh: lh, align: align}
}

func blocksHeight(bs []textBlock) float64 {
	h := 0.0
	for _, b := range bs {
		h += float64(len(b.lines)) * b.lh
	}
	return h
}

// drawBlocks prints blocks from (x, y) down to the footer and returns what
// did not fit there.
func (dc *doc) drawBlocks(x, y, w float64, bs []textBlock) []textBlock {
	for i, b := range bs {
		dc.font(b.size, b.colour, b.bold)
		for j, l := range b.lines {
			if y+b.lh > bottomY {
				rest := b
				rest.lines = b.lines[j:]
				return append([]textBlock{rest}, bs[i+1:]...)
			}
			dc.text(x, y, w, l, b.align)
			y += b.lh
		}
	}
	dc.plain()
	return nil
}

// flowBlocks prints blocks in the column at x from the current position,
// continuing at the top of the next page when one is full.
func (dc *doc) flowBlocks(x, w float64, bs []textBlock) {
	for _, b := range bs {
		for _, l := range b.lines {
			dc.room(b.lh)
			dc.font(b.size, b.colour, b.bold)
			y := dc.y()
			dc.text(x, y, w, l, b.align)
			dc.setY(y + b.lh)
		}
	}
	dc.plain()
}

// captioned is one column of a picture row: a picture with text under it.
type captioned struct {
	name    string // names the caption where it continues on another page
	x       float64
	picture func(y float64) float64 // draws the picture at y and returns its height
	caption []textBlock
}

// pictureRow prints pictures (at most boxH high) side by side, each with
// its caption gap below it, and moves below the row (at least minH, and
// 3 mm below the longest caption). A row
// that fits on a page is kept together; caption text too long for that
// continues column by column on the following pages, so nothing is cut.
func (dc *doc) pictureRow(cols []captioned, w, boxH, gap, minH float64) {
	tallest := 0.0
	for _, c := range cols {
		tallest = max(tallest, blocksHeight(c.caption))
	}
	rowH := max(minH, boxH+gap+tallest+3)
	if rowH <= bottomY-contentY {
		dc.room(rowH)
	} else {
		dc.room(boxH + gap + 12) // the picture and the caption's first lines
	}
	y := dc.y()
	rests := make([][]textBlock, len(cols))
	for i, c := range cols {
		h := c.picture(y)
		rests[i] = dc.drawBlocks(c.x, y+h+gap, w, c.caption)
	}
	dc.setY(min(y+rowH, bottomY))
	for i, rest := range rests {
		if len(rest) > 0 {
			note := dc.block(cols[i].name+", continued:", w, 6.8, muted, false, 3.1, "L")
			dc.flowBlocks(cols[i].x, w, append([]textBlock{note}, rest...))
		}
	}
}
