package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// section opens a checklist section with its result.
func (dc *doc) section(k inspection.SectionKind) {
	dc.heading(k.Title(), dc.o.Sections[k], true)
}

// sectionBody prints the inspector's notes, the section's checks and where
// its photos are.
func (dc *doc) sectionBody(k inspection.SectionKind) {
	if n := sectionNotes(dc.d, k); n != "" {
		dc.para(marginX, contentW, n, bodySize, ink, false)
		dc.gap(2)
	}
	var items []inspection.ChecklistItem
	for _, c := range dc.d.Checklist {
		if c.Section == k {
			items = append(items, c)
		}
	}
	if len(items) > 0 {
		t := dc.newTable([]column{{"Check", 92, "L"}, {"Result", 28, "L"}, {"Notes", contentW - 120, "L"}})
		for _, c := range items {
			t.add(cell{text: c.Text}, cell{custom: resultPill(resultWord(c.Result), resultColour(c.Result))}, cell{text: c.Notes})
		}
	} else if sectionNotes(dc.d, k) == "" && checklistOnly(k) {
		dc.para(marginX, contentW, "No checks recorded for this section.", bodySize, muted, false)
	}
	dc.photoRefs(dc.d.PhotosOf(inspection.LinkSection, string(k)))
}

// checklistOnly reports sections whose content is their checks alone, so an
// empty one says so instead of showing a bare heading.
func checklistOnly(k inspection.SectionKind) bool {
	switch k {
	case inspection.SectionPacking, inspection.SectionMarking, inspection.SectionClient:
		return true
	}
	return false
}

// photoRefs points to the annex for photos printed there.
func (dc *doc) photoRefs(ps []inspection.Photo) {
	var ns []string
	for _, p := range ps {
		if n := dc.numbers[p.ID]; n > 0 {
			ns = append(ns, itoa(n))
		}
	}
	if len(ns) == 0 {
		return
	}
	where := "in the photo annex"
	if dc.annexFile != "" {
		where = "in " + dc.annexFile
	}
	label := "Photo "
	if len(ns) > 1 {
		label = "Photos "
	}
	dc.gap(1.5)
	dc.para(marginX, contentW, label+strings.Join(ns, ", ")+" "+where+".", smallSize, muted, false)
}

// tile is a labelled figure in a row of boxes.
type tile struct{ label, value string }

// tiles prints figures three to a row in soft boxes; a value too long for
// one line wraps and the row grows.
func (dc *doc) tiles(ts []tile) {
	const perRow, gapX, valueLH = 3, 4.0, 4.8
	w := (contentW - gapX*(perRow-1)) / perRow
	for i := 0; i < len(ts); i += perRow {
		row := ts[i:min(i+perRow, len(ts))]
		values := make([][]string, len(row))
		most := 1
		dc.font(11, ink, true)
		for j, t := range row {
			values[j] = dc.m.wrap(orDash(t.value), w-6)
			most = max(most, len(values[j]))
		}
		h := 14.0 + float64(most-1)*valueLH
		dc.room(h + 3)
		y := dc.y()
		for j, t := range row {
			x := marginX + float64(j)*(w+gapX)
			dc.plain()
			dc.fill(softPlain)
			dc.pdf.RoundedRect(x, y, w, h, 1.5, "1234", "F")
			dc.font(6.5, muted, false)
			dc.text(x+3, y+1.8, w-6, strings.ToUpper(t.label), "L")
			dc.font(11, ink, true)
			for k, v := range values[j] {
				dc.text(x+3, y+7.2+float64(k)*valueLH, w-6, v, "L")
			}
		}
		dc.plain()
		dc.setY(y + h + 3)
	}
}

func (dc *doc) quantity() {
	in := dc.d.Inspection
	dc.section(inspection.SectionQuantity)
	dc.tiles([]tile{
		{"Ordered", units(in.QtyOrdered)},
		{"Presented for inspection", units(in.LotSize)},
		{"Cartons in lot", itoa0(in.Cartons)},
		{"Produced", pct(in.PctProduced)},
		{"Packed", pct(in.PctPacked)},
		{"Cartons opened", itoa0(len(in.CartonsOpened))},
	})
	dc.sectionBody(inspection.SectionQuantity)
}

func units(n int) string {
	if n == 0 {
		return ""
	}
	return thousands(n) + " units"
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return thousands(n)
}

// thousands groups digits the way order documents print quantities.
func thousands(n int) string {
	s := itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (dc *doc) samplingPlan() {
	in := dc.d.Inspection
	dc.heading("Sampling plan", "", false)
	if dc.o.PlanErr != nil {
		dc.para(marginX, contentW, "No sampling plan: "+dc.o.PlanErr.Error(), bodySize, failCol, false)
		dc.cartons()
		return
	}
	p := dc.o.Plan
	letter := p.CodeLetter
	if p.UsedCodeLetter != "" && p.UsedCodeLetter != p.CodeLetter {
		letter += " (plan of " + p.UsedCodeLetter + " used)"
	}
	sample := thousands(p.SampleSize) + " units"
	if p.FullInspection {
		sample += " (100 %)"
	}
	dc.tiles([]tile{
		{"Standard", "ISO 2859-1, single"},
		{"Inspection level", string(p.Level)},
		{"Severity", string(p.Severity)},
		{"Lot size", units(p.LotSize)},
		{"Code letter", letter},
		{"Sample size", sample},
	})
	t := dc.newTable([]column{{"Defect class", 40, "L"}, {"AQL", 28, "R"}, {"Sample size", 36, "R"}, {"Accept (Ac)", 38, "R"}, {"Reject (Re)", 38, "R"}})
	for _, c := range aql.Classes {
		cp, ok := p.Class(c)
		if !ok {
			continue
		}
		t.add(cell{text: classWord(c), bold: true}, cell{text: aql.FormatAQL(cp.AQL)}, cell{text: thousands(cp.SampleSize)},
			cell{text: itoa(cp.Accept)}, cell{text: itoa(cp.Reject)})
	}
	if in.SeverityReason != "" {
		// Typed by the inspector, so it may be long: a paragraph, not a tile.
		dc.gap(1)
		dc.para(marginX, contentW, "Severity "+string(p.Severity)+" chosen by the inspector: "+in.SeverityReason, smallSize, muted, false)
	}
	dc.gap(3)
	dc.callout("The plan in words", p.Words())
	dc.cartons()
}

// callout prints a text in a soft box: for what readers must not misread.
// A text longer than the page continues in a box on the next.
func (dc *doc) callout(label, s string) {
	const top, foot, topNext = 5.6, 2.9, 2.4
	dc.font(bodySize, ink, false)
	lines := dc.m.wrap(s, contentW-8)
	keep := min(len(lines), 3) // with the label at the foot of a page
	if whole := top + float64(len(lines))*lineH + foot; whole <= bottomY-contentY {
		keep = len(lines)
	}
	dc.room(top + float64(keep)*lineH + foot + 2)
	for first := true; first || len(lines) > 0; first = false {
		pad := top
		if !first {
			dc.newPage()
			pad = topNext
		}
		y := dc.y()
		n := min(len(lines), max(1, int((bottomY-y-pad-foot)/lineH)))
		h := pad + float64(n)*lineH + foot
		dc.plain()
		dc.fill(softPlain)
		dc.pdf.Rect(marginX, y, contentW, h, "F")
		dc.fill(accent)
		dc.pdf.Rect(marginX, y, 1.2, h, "F")
		if first {
			dc.font(6.8, muted, false)
			dc.text(marginX+4, y+1.6, contentW-8, strings.ToUpper(label), "L")
		}
		dc.font(bodySize, ink, false)
		for i, l := range lines[:n] {
			dc.text(marginX+4, y+pad+float64(i)*lineH, contentW-8, l, "L")
		}
		lines = lines[n:]
		dc.setY(y + h + 2)
	}
}

// cartons lists the cartons opened, with the √n rule inspectors follow.
func (dc *doc) cartons() {
	in := dc.d.Inspection
	dc.subheadingGap("Cartons opened")
	if len(in.CartonsOpened) == 0 {
		dc.para(marginX, contentW, "No carton numbers recorded.", bodySize, muted, false)
		return
	}
	ns := slices.Clone(in.CartonsOpened)
	slices.Sort(ns)
	list := make([]string, len(ns))
	for i, n := range ns {
		list[i] = itoa(n)
	}
	s := fmt.Sprintf("%d cartons opened", len(ns))
	if in.Cartons > 0 {
		s = fmt.Sprintf("%d of %d cartons opened, picked at random (usual minimum √%d ≈ %d, at least %d)",
			len(ns), in.Cartons, in.Cartons, inspection.CartonsToOpen(in.Cartons), inspection.MinCartonsToOpen)
	}
	dc.para(marginX, contentW, s+". Carton numbers: "+strings.Join(list, ", ")+".", bodySize, ink, false)
}

func (dc *doc) subheadingGap(s string) {
	dc.gap(3)
	dc.subheading(s)
}

func (dc *doc) workmanship() {
	dc.section(inspection.SectionWorkmanship)
	if dc.o.PlanErr != nil {
		dc.para(marginX, contentW, "Not judged against AQL: "+dc.o.PlanErr.Error(), bodySize, failCol, false)
	} else {
		t := dc.newTable([]column{{"Defect class", 30, "L"}, {"AQL", 16, "R"}, {"Found", 18, "R"}, {"Allowed (Ac)", 24, "R"}, {"Rejects at", 22, "R"}, {"Result", 24, "L"}, {"Margin", contentW - 134, "L"}})
		for _, v := range dc.o.AQL.Classes {
			r := inspection.Pass
			if v.Rejected {
				r = inspection.Fail
			}
			found := cell{text: itoa(v.Found), bold: v.Found > 0}
			if v.Rejected {
				found.colour = &failCol
			}
			t.add(cell{text: classWord(v.Class), bold: true}, cell{text: aql.FormatAQL(v.AQL)}, found,
				cell{text: itoa(v.Accept)}, cell{text: itoa(v.Reject)}, cell{custom: resultPill(resultWord(r), resultColour(r))}, cell{text: v.Words()})
		}
		dc.gap(1)
		dc.para(marginX, contentW, "A unit with several defects counts once, under its most serious defect.", smallSize, muted, false)
	}
	dc.gap(3)
	dc.subheadingKeep("Defects found", 6+headH+thumbBox.h+8)
	dc.defectList()
	dc.gap(2)
	dc.sectionBody(inspection.SectionWorkmanship)
}

func classColour(c inspection.Class) *rgb {
	switch c {
	case inspection.Critical:
		return &failCol
	case inspection.Major:
		return &pendCol
	}
	return &ink
}

func (dc *doc) defectList() {
	if len(dc.d.Findings) == 0 {
		dc.para(marginX, contentW, "No defects found in the sample.", bodySize, ink, false)
		return
	}
	t := dc.newTable([]column{{"#", 9, "R"}, {"Class", 18, "L"}, {"Description", 71, "L"}, {"Qty", 11, "R"}, {"Location", 38, "L"}, {"Photo", 33, "C"}})
	for i, f := range dc.d.Findings {
		ref := ""
		if s, ok := dc.d.Sample(f.SampleID); ok {
			ref = "judged against " + s.Label()
		}
		if len(f.Units) > 0 {
			ref = strings.TrimPrefix(ref+"; units "+joinInts(f.Units), "; ")
		}
		photo := cell{text: ""}
		if p, ok := findingPhoto(dc.d, f); ok {
			photo = cell{custom: photoCell{p}}
		}
		t.add(cell{text: itoa(i + 1)}, cell{text: classWord(f.Class), colour: classColour(f.Class), bold: true},
			cell{text: f.Description, small: ref}, cell{text: itoa(f.Quantity)}, cell{text: f.Location}, photo)
	}
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = itoa(n)
	}
	return strings.Join(s, ", ")
}
