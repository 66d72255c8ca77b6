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
	dc.setY(y)
	dc.paraAt(x, w, "Golden sample "+s.Code+", version "+itoa(s.Version), 10, ink, true, 2)
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
	dc.setY(max(dc.y(), y+h) + 2)
}

// comparison prints a finding's photo beside the sample photo it was
// judged against: the evidence a client trusts most.
func (dc *doc) comparison(n int, c comparison) {
	const capH = 9.0
	dc.room(7 + pairBox.h + capH)
	f := c.finding
	head := fmt.Sprintf("%d. %s: %s", n, classWord(f.Class), f.Description)
	if f.Location != "" {
		head += " (" + f.Location + ")"
	}
	dc.font(bodySize, ink, true)
	dc.text(marginX, dc.y(), contentW, dc.m.fit(head, contentW), "L")
	dc.plain()
	y := dc.y() + 5.5
	right := marginX + contentW - pairBox.w
	dc.framedPhoto(c.defect, c.hasDefect, marginX, y, "Production unit", dc.photoLabel(c.defect, c.hasDefect))
	label := "Sample not in this report"
	limit := ""
	if c.known {
		label, limit = c.sample.Label(), c.sample.Limit
	}
	dc.framedPhoto(c.reference, c.hasRefPhoto, right, y, label, limit)
	dc.setY(y + pairBox.h + capH)
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

// framedPhoto draws a photo (or a placeholder) in pairBox with a two-line
// caption under it.
func (dc *doc) framedPhoto(p inspection.Photo, ok bool, x, y float64, title, sub string) {
	if ok {
		dc.photo(p, x, y, pairBox)
	} else {
		dc.plain()
		dc.fill(softPlain)
		dc.pdf.Rect(x, y, pairBox.w, pairBox.h, "F")
		dc.font(8, muted, false)
		dc.text(x, y+pairBox.h/2-2, pairBox.w, "No photo", "C")
	}
	dc.font(7.5, ink, true)
	dc.text(x, y+pairBox.h+0.8, pairBox.w, dc.m.fit(title, pairBox.w), "C")
	if sub != "" {
		dc.font(6.8, muted, false)
		dc.text(x, y+pairBox.h+4.2, pairBox.w, dc.m.fit(sub, pairBox.w), "C")
	}
	dc.plain()
}
