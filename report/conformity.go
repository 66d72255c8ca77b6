package report

import (
	"fmt"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

func (dc *doc) conformity() {
	dc.section(inspection.SectionConformity)
	dc.goldenSample()
	cs := comparisons(dc.d)
	if len(cs) > 0 {
		dc.subheadingGap("Defects beside the sample they were judged against")
		for i, c := range cs {
			dc.comparison(i+1, c)
		}
	}
	dc.sectionBody(inspection.SectionConformity)
}

// goldenSample prints the approved reference unit the lot was compared with.
func (dc *doc) goldenSample() {
	s, ok := dc.d.Sample(dc.d.Inspection.GoldenSampleID)
	if !ok {
		dc.para(marginX, contentW, "No golden sample recorded for this inspection.", bodySize, muted, false)
		dc.gap(2)
		return
	}
	p, hasPhoto := goldenPhoto(dc.d)
	h := 16.0
	if hasPhoto {
		h = goldenBox.h + 2
	}
	dc.room(h)
	y := dc.y()
	x := marginX
	if hasPhoto {
		dc.photo(p, marginX, y, goldenBox)
		x += goldenBox.w + 6
	}
	w := pageW - marginX - x
	page := dc.pdf.PageNo()
	dc.setY(y)
	dc.font(10, ink, true)
	dc.lines(x, w, dc.m.wrap("Golden sample "+s.Code+", version "+itoa(s.Version), w), 10, ink, true, 4.5)
	dc.setY(dc.y() + 1)
	state := "Current version"
	if !s.Current() {
		state = "Superseded since; this inspection used the version shown"
	}
	dc.keyValue(x, w, 22, "Approved", day(s.Date))
	dc.keyValue(x, w, 22, "Status", state)
	if s.Notes != "" {
		dc.keyValue(x, w, 22, "Notes", s.Notes)
	}
	dc.below(page, y+h)
	dc.setY(dc.y() + 2)
}

// comparison prints a finding's photo beside the sample photo it was
// judged against: the evidence a client trusts most.
func (dc *doc) comparison(n int, c comparison) {
	const capH = 9.0
	f := c.finding
	head := fmt.Sprintf("%d. %s: %s", n, classWord(f.Class), f.Description)
	if f.Location != "" {
		head += " (" + f.Location + ")"
	}
	dc.font(bodySize, ink, true)
	lines := dc.m.wrap(head, contentW)
	if len(lines) <= 3 {
		dc.room(float64(len(lines))*lineH + 1.2 + pairBox.h + capH)
	}
	dc.lines(marginX, contentW, lines, bodySize, ink, true, lineH)
	dc.setY(dc.y() + 1.2)
	label := "Sample not in this report"
	limit := ""
	if c.known {
		label, limit = c.sample.Label(), c.sample.Limit
	}
	right := marginX + contentW - pairBox.w
	ref := dc.framedPhoto(c.reference, c.hasRefPhoto, right, label, limit)
	ref.name = "Reference sample"
	dc.pictureRow([]captioned{
		dc.framedPhoto(c.defect, c.hasDefect, marginX, "Production unit", dc.photoLabel(c.defect, c.hasDefect)),
		ref,
	}, pairBox.w, pairBox.h, 0.8, pairBox.h+capH)
}

func (dc *doc) photoLabel(p inspection.Photo, ok bool) string {
	if !ok {
		return ""
	}
	var parts []string
	if n := dc.numbers[p.ID]; n > 0 {
		parts = append(parts, fmt.Sprintf("photo %d", n))
	}
	if p.Caption != "" {
		parts = append(parts, p.Caption)
	}
	return strings.Join(parts, " · ")
}

// framedPhoto is a photo (or a placeholder) in pairBox with its title and
// caption, centred under it, for a picture row.
func (dc *doc) framedPhoto(p inspection.Photo, ok bool, x float64, title, sub string) captioned {
	caption := []textBlock{dc.block(title, pairBox.w, 7.5, ink, true, 3.4, "C")}
	if sub != "" {
		caption = append(caption, dc.block(sub, pairBox.w, 6.8, muted, false, 3.1, "C"))
	}
	return captioned{name: title, x: x, caption: caption, picture: func(y float64) float64 {
		if ok {
			dc.photo(p, x, y, pairBox)
		} else {
			dc.plain()
			dc.fill(softPlain)
			dc.pdf.Rect(x, y, pairBox.w, pairBox.h, "F")
			dc.font(8, muted, false)
			dc.text(x, y+pairBox.h/2-2, pairBox.w, "No photo", "C")
		}
		return pairBox.h
	}}
}
