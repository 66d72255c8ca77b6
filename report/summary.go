package report

import (
	"fmt"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// summary is the first page: what a client reads before anything else.
func (dc *doc) summary() {
	dc.verdictBlock()
	dc.gap(7)
	dc.subheading("Result per section")
	t := dc.newTable([]column{{"Section", 48, "L"}, {"Result", 30, "L"}, {"Remarks", contentW - 78, "L"}})
	for _, k := range inspection.Sections {
		r := dc.o.Sections[k]
		t.add(cell{text: k.Title(), bold: true}, cell{custom: resultPill(resultWord(r), resultColour(r))}, cell{text: dc.sectionRemark(k)})
	}
	dc.gap(7)
	dc.remarksBlock()
}

// verdictBlock prints the coloured verdict badge beside the key facts.
func (dc *doc) verdictBlock() {
	y := dc.y()
	v := dc.o.Verdict
	word, colour, note := v.Word(), verdictColour(v), dc.verdictNote()
	const bw, bh = 50.0, 30.0
	dc.plain()
	dc.fill(colour)
	dc.pdf.RoundedRect(marginX, y, bw, bh, 2.5, "1234", "F")
	dc.font(6.8, white, false)
	dc.text(marginX, y+3.2, bw, "OVERALL RESULT", "C")
	dc.font(24, white, true)
	if v == inspection.VerdictIncomplete {
		dc.font(17, white, true)
	}
	dc.textH(marginX, y+9, bw, 12, word, "C")
	dc.font(6.8, white, false)
	dc.text(marginX, y+22.5, bw, note, "C")
	dc.plain()

	x := marginX + bw + 7
	w := pageW - marginX - x
	page := dc.pdf.PageNo()
	dc.setY(y)
	p := dc.d.Product
	dc.para(x, w, strings.TrimSpace(p.SKU+"  "+p.Description), 10.5, ink, true)
	dc.setY(dc.y() + 1)
	in := dc.d.Inspection
	facts := [][2]string{
		{"Factory", factoryLine(dc.d.Factory)},
		{"Visit", visitLine(in)},
		{"References", refLine(dc.d)},
	}
	if in.ReinspectionOf != inspection.NilID {
		facts = append(facts, [2]string{"Re-inspection of", in.ReinspectionOf.String()})
	}
	for _, r := range dc.reviews {
		facts = append(facts, [2]string{"Office review", reviewLine(r)})
	}
	// What the page header had to shorten, whole.
	facts = append(facts, dc.runningHead().cuts...)
	for _, f := range facts {
		dc.keyValue(x, w, 24, f[0], f[1])
	}
	dc.below(page, y+bh)
}

// verdictNote says in a few words what the verdict rests on.
func (dc *doc) verdictNote() string {
	switch dc.o.Verdict {
	case inspection.VerdictPass:
		return "every section conforms"
	case inspection.VerdictFail:
		return "at least one section failed"
	case inspection.VerdictIncomplete:
		return fmt.Sprintf("%d of %d sections not checked", len(dc.o.Unjudged()), len(inspection.Sections))
	}
	return "client decision needed"
}

func factoryLine(f inspection.Factory) string {
	s := inspection.DisplayName(f.Name, f.NameLocal)
	if f.Address != "" {
		s += ", " + f.Address
	}
	return s
}

func visitLine(in inspection.Inspection) string {
	s := day(in.Date)
	if !in.StartedAt.IsZero() && !in.FinishedAt.IsZero() {
		s += fmt.Sprintf(", %s–%s", in.StartedAt.Format("15:04"), in.FinishedAt.Format("15:04"))
	}
	if in.Inspector != "" {
		s += ", inspector " + in.Inspector
	}
	return s
}

func refLine(d *inspection.Dossier) string {
	var parts []string
	if d.Inspection.SpecRevision != "" {
		parts = append(parts, d.Inspection.SpecRevision)
	} else if d.Product.SpecRef != "" {
		parts = append(parts, d.Product.SpecRef)
	}
	if s, ok := d.Sample(d.Inspection.GoldenSampleID); ok {
		parts = append(parts, s.Label())
	}
	return strings.Join(parts, "; ")
}

// keyValue prints a muted label and the value wrapped beside it.
func (dc *doc) keyValue(x, w, labelW float64, label, value string) {
	const size = 8.5
	dc.room(size * 0.45)
	y := dc.y()
	dc.font(7.5, muted, false)
	dc.text(x, y, labelW, label, "L")
	dc.setY(y)
	dc.font(size, ink, false)
	dc.lines(x+labelW, w-labelW, dc.m.wrap(orDash(value), w-labelW), size, ink, false, size*0.45)
	dc.setY(dc.y() + 0.6)
}

// sectionRemark is the one-line reason beside a section's result.
func (dc *doc) sectionRemark(k inspection.SectionKind) string {
	if k == inspection.SectionWorkmanship {
		if dc.o.PlanErr != nil {
			return "Not judged: " + dc.o.PlanErr.Error()
		}
		var parts []string
		for _, v := range dc.o.AQL.Classes {
			parts = append(parts, fmt.Sprintf("%s %d found, %d allowed", classWord(v.Class), v.Found, v.Accept))
		}
		s := strings.Join(parts, "; ")
		if n := sectionNotes(dc.d, k); n != "" {
			s += ". " + n
		}
		return s
	}
	if n := sectionNotes(dc.d, k); n != "" {
		return n
	}
	if dc.o.Sections[k] == inspection.Unjudged {
		return "No result recorded by the inspector."
	}
	return ""
}

// remarksBlock lists what the client must decide, with photo evidence.
func (dc *doc) remarksBlock() {
	rs := remarks(dc.d, dc.o)
	dc.subheading("Remarks needing a client decision")
	if len(rs) == 0 {
		dc.para(marginX, contentW, "None. No section, check or test is waiting for a client decision.", bodySize, muted, false)
		return
	}
	for i, r := range rs {
		need := 10.0
		if len(r.photos) > 0 {
			need += remarkBox.h + 5
		}
		dc.room(need)
		dc.font(bodySize, pendCol, true)
		dc.text(marginX, dc.y(), 7, fmt.Sprintf("%d.", i+1), "L")
		dc.plain()
		dc.para(marginX+7, contentW-7, r.title, bodySize, ink, true)
		if r.notes != "" {
			dc.para(marginX+7, contentW-7, r.notes, bodySize, ink, false)
		}
		if len(r.photos) > 0 {
			dc.room(remarkBox.h + 5)
			dc.photoRow(marginX+7, r.photos, remarkBox)
		}
		dc.gap(2.5)
	}
}

// photoRow prints photos side by side with their annex numbers.
func (dc *doc) photoRow(x float64, ps []inspection.Photo, b box) {
	y := dc.y() + 1
	for _, p := range ps {
		dc.photo(p, x, y, b)
		if n := dc.numbers[p.ID]; n > 0 {
			dc.font(6.3, muted, false)
			dc.text(x, y+b.h+0.3, b.w, fmt.Sprintf("photo %d", n), "C")
		}
		x += b.w + 4
	}
	dc.setY(y + b.h + 4.5)
}

// subheading is a small heading inside a section, kept with a table header
// and a first row.
func (dc *doc) subheading(s string) { dc.subheadingKeep(s, 6+headH+12) }

// subheadingKeep is subheading kept with need mm of what follows.
func (dc *doc) subheadingKeep(s string, need float64) {
	dc.room(need)
	dc.font(9.5, accent, true)
	dc.text(marginX, dc.y(), contentW, s, "L")
	dc.plain()
	dc.setY(dc.y() + 6)
}

// heading opens a report section with its result, keeping it with the
// first lines of its content.
func (dc *doc) heading(s string, r inspection.Result, judged bool) {
	dc.gap(8)
	dc.room(30)
	y := dc.y()
	dc.font(13, accent, true)
	dc.text(marginX, y, 140, s, "L")
	if judged {
		p := resultPill(resultWord(r), resultColour(r))
		dc.font(6.8, white, true)
		pw := dc.m.width(p.label) + 4
		p.draw(dc, pageW-marginX-pw, y+0.2, pw, 4.2)
	}
	dc.plain()
	dc.stroke(accent, 0.35)
	dc.pdf.Line(marginX, y+6.3, pageW-marginX, y+6.3)
	dc.plain()
	dc.setY(y + 9)
}
