package report

import (
	"fmt"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// header prints the identification block every page carries, so a single
// page forwarded on its own still says which lot and order it is about.
func (dc *doc) header() {
	in := dc.d.Inspection
	head := dc.runningHead()
	heading := title(dc.d)
	if dc.pt == partAnnex {
		heading = "Photo annex"
	}
	dc.font(14, accent, true)
	dc.text(marginX, 9, 120, heading, "L")
	if in.Status != inspection.Finalized {
		// A draft may be printed for review; it must never pass for the
		// report the factory signed.
		dc.font(8, failCol, true)
		dc.text(marginX, 14.2, 120, "DRAFT · not finalized, may still change", "L")
	} else if word, colour := dc.reviewMark(); word != "" {
		dc.font(8, colour, true)
		dc.text(marginX, 14.2, 120, word, "L")
	}
	dc.font(12.5, ink, true)
	dc.text(pageW-marginX-reportNoW, 9, reportNoW, head.reportNo, "R")
	dc.font(6.5, muted, false)
	dc.text(pageW-marginX-reportNoW, 14, reportNoW, "REPORT NO.", "R")
	dc.plain()
	dc.fill(accent)
	dc.pdf.Rect(marginX, 18.6, contentW, 0.7, "F")
	dc.fields(20, head.rows[0])
	dc.fields(28.5, head.rows[1])
	dc.stroke(rule, 0.25)
	dc.pdf.Line(marginX, 37.3, pageW-marginX, 37.3)
	dc.plain()
}

const reportNoW = 60.0

type field struct {
	label, value string
	w            float64
}

// runningHead is the page header's text, fitted once per document as it
// repeats on every page.
type runningHead struct {
	reportNo string
	rows     [2][]field
	cuts     [][2]string // label and whole value of each value shortened to fit
}

// runningHead fits the header's values to their slots. A value shortened
// there is listed in cuts, for the summary to print whole.
func (dc *doc) runningHead() *runningHead {
	if dc.head != nil {
		return dc.head
	}
	in := dc.d.Inspection
	h := &runningHead{rows: [2][]field{{
		{"CLIENT", dc.d.Client.Name, 62},
		{"SUPPLIER", inspection.DisplayName(dc.d.Supplier.Name, dc.d.Supplier.NameLocal), contentW - 62},
	}, {
		{"PO", in.POList(), 62},
		{"INSPECTION TYPE", typeName(in.Type), 42},
		{"DATE", day(in.Date), 38},
		{"INSPECTOR", in.Inspector, contentW - 142},
	}}}
	fit := func(label, v string, w float64) string {
		if strings.TrimSpace(v) == "" {
			return "–"
		}
		if dc.m.fits(clean(v), w) {
			return v
		}
		h.cuts = append(h.cuts, [2]string{label, v})
		return dc.m.fit(v, w)
	}
	dc.font(12.5, ink, true)
	h.reportNo = fit("Report no.", in.ReportNo, reportNoW)
	dc.font(8.5, ink, false)
	for _, row := range h.rows {
		for i, f := range row {
			label := f.label // "PO" stays as it is
			if len(label) > 2 {
				label = label[:1] + strings.ToLower(label[1:])
			}
			row[i].value = fit(label, f.value, f.w-3)
		}
	}
	dc.head = h
	return h
}

// fields prints a row of small captions with a one-line value under each.
func (dc *doc) fields(y float64, fs []field) {
	x := marginX
	for _, f := range fs {
		dc.font(6.3, muted, false)
		dc.text(x, y, f.w-3, f.label, "L")
		dc.font(8.5, ink, false)
		dc.text(x, y+3.6, f.w-3, f.value, "L")
		x += f.w
	}
}

// footer prints the page number and what lets a reader verify the report:
// the inspection's ID and the content hash (see inspection.ContentHash).
func (dc *doc) footer() {
	dc.plain()
	dc.stroke(rule, 0.25)
	dc.pdf.Line(marginX, 281, pageW-marginX, 281)
	dc.plain()
	dc.font(6.3, muted, false)
	dc.text(marginX, 282, 150, fmt.Sprintf("Inspection %s  ·  generated %s by Loupe", dc.d.Inspection.ID, dc.now.Format("2006-01-02 15:04 MST")), "L")
	dc.text(marginX, 285.2, 150, "SHA-256 "+dc.hash, "L")
	dc.font(8, ink, false)
	// The total is substituted when the file is closed, after widths are
	// measured: measure with two digits, the usual report length.
	right := pageW - marginX
	label := fmt.Sprintf("Page %d of ", dc.pdf.PageNo())
	w := dc.m.width(label + "00")
	dc.text(right-w, 283.2, w+10, label+"{nb}", "L")
}

func typeName(t inspection.Type) string {
	switch t {
	case inspection.PSI:
		return "PSI · pre-shipment"
	case inspection.DUPRO:
		return "DUPRO · during production"
	case inspection.IPC:
		return "IPC · initial production"
	case inspection.FAI:
		return "FAI · first article"
	case inspection.CLC:
		return "CLC · container loading"
	}
	return string(t)
}
