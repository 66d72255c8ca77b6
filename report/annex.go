package report

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/loupeqc/loupe/inspection"
)

// Annex grid: two photos across, captions under each.
const (
	annexCols = 2
	annexGapX = contentW - annexCols*86
	annexCapH = 11.5
	annexRowH = 64 + annexCapH + 3
)

// annex prints every inspection photo, numbered, so the report's references
// ("photo 12") lead somewhere.
func (dc *doc) annex() {
	ps := annexPhotos(dc.d)
	if dc.pt == partAnnex {
		dc.para(marginX, contentW, fmt.Sprintf("Annex to report %s: %d photos.", dc.d.Inspection.ReportNo, len(ps)), bodySize, ink, false)
		dc.gap(3)
	} else {
		dc.newPage()
		dc.heading("Photos", "", false)
	}
	if len(ps) == 0 {
		dc.para(marginX, contentW, "No photos were taken.", bodySize, muted, false)
		return
	}
	for i := 0; i < len(ps); i += annexCols {
		dc.room(annexRowH)
		y := dc.y()
		for j, p := range ps[i:min(i+annexCols, len(ps))] {
			dc.annexPhoto(p, marginX+float64(j)*(annexBox.w+annexGapX), y)
		}
		dc.setY(y + annexRowH)
	}
}

func (dc *doc) annexPhoto(p inspection.Photo, x, y float64) {
	_, h := dc.photo(p, x, y, annexBox)
	cy := y + h + 1
	dc.font(7.8, ink, true)
	head := fmt.Sprintf("Photo %d", dc.numbers[p.ID])
	if p.Caption != "" {
		head += " · " + p.Caption
	}
	dc.text(x, cy, annexBox.w, dc.m.fit(head, annexBox.w), "L")
	var sub []string
	if s := dc.photoSubject(p.ID); s != "" {
		sub = append(sub, s)
	}
	if !p.TakenAt.IsZero() {
		sub = append(sub, clock(p.TakenAt))
	}
	if p.OriginalName != "" {
		sub = append(sub, p.OriginalName)
	}
	dc.font(6.8, muted, false)
	dc.text(x, cy+3.6, annexBox.w, dc.m.fit(strings.Join(sub, " · "), annexBox.w), "L")
	dc.plain()
}

// photoSubject says what a photo documents, from its links.
func (dc *doc) photoSubject(id inspection.ID) string {
	for _, l := range dc.d.Links {
		if l.PhotoID != id {
			continue
		}
		switch l.Kind {
		case inspection.LinkFinding:
			for i, f := range dc.d.Findings {
				if f.ID.String() == l.Target {
					return fmt.Sprintf("Defect %d: %s", i+1, f.Description)
				}
			}
		case inspection.LinkSection:
			return inspection.SectionKind(l.Target).Title()
		case inspection.LinkMeasurement:
			for _, m := range dc.d.Measurements {
				if m.ID.String() == l.Target {
					return "Measurement: " + m.Characteristic
				}
			}
		case inspection.LinkTest:
			for _, t := range dc.d.Tests {
				if t.ID.String() == l.Target {
					return "Test: " + t.Name
				}
			}
		}
	}
	return ""
}

// annexPointer replaces the annex in a split report, naming the other file.
func (dc *doc) annexPointer() {
	dc.heading("Photos", "", false)
	n := len(annexPhotos(dc.d))
	dc.callout("Photo annex in a separate file",
		fmt.Sprintf("The %d photos of this inspection are in %s, sent with this report: together they were too large for one e-mail attachment. Photo numbers in this report refer to that file.", n, dc.annexFile))
}

// signatures closes the report with the inspector's conclusion and the
// acknowledgements of both parties.
func (dc *doc) signatures() {
	in := dc.d.Inspection
	dc.heading("Conclusion and signatures", "", false)
	if in.Comments != "" {
		dc.subheading("Inspector's comments")
		dc.para(marginX, contentW, in.Comments, bodySize, ink, false)
		dc.gap(3)
	}
	if in.Recommendation != "" {
		dc.callout("Recommendation", in.Recommendation)
	}
	dc.gap(3)
	const boxW, boxH = 86.0, 42.0
	dc.room(boxH + 2)
	y := dc.y()
	for i, role := range []inspection.SignerRole{inspection.SignerInspector, inspection.SignerFactory} {
		dc.signatureBox(role, marginX+float64(i)*(contentW-boxW), y, boxW, boxH)
	}
	dc.setY(y + boxH + 2)
}

func (dc *doc) signatureBox(role inspection.SignerRole, x, y, w, h float64) {
	dc.plain()
	dc.stroke(rule, 0.3)
	dc.pdf.RoundedRect(x, y, w, h, 1.5, "1234", "D")
	label := "INSPECTOR"
	if role == inspection.SignerFactory {
		label = "FACTORY REPRESENTATIVE"
	}
	dc.font(6.5, muted, false)
	dc.text(x+3, y+2, w-6, label, "L")
	s, ok := dc.signature(role)
	switch {
	case !ok:
		dc.font(8.5, muted, false)
		dc.text(x+3, y+h/2-2, w-6, "Not signed", "C")
	case s.Waived:
		dc.font(8.5, pendCol, true)
		dc.text(x+3, y+12, w-6, "Signature waived", "L")
		dc.setY(y + 17)
		dc.paraAt(x+3, w-6, s.WaiverReason, 8, ink, false, 3)
	default:
		if len(s.PNG) > 0 {
			dc.signatureImage(s, x+3, y+7, w-6, 20)
		}
	}
	if ok {
		dc.stroke(rule, 0.25)
		dc.pdf.Line(x+3, y+h-11, x+w-3, y+h-11)
		dc.font(8.5, ink, true)
		dc.text(x+3, y+h-10, w-6, dc.m.fit(s.Name, w-6), "L")
		dc.font(6.8, muted, false)
		dc.text(x+3, y+h-5.8, w-6, "Signed "+clock(s.SignedAt), "L")
	}
	dc.plain()
}

func (dc *doc) signature(role inspection.SignerRole) (inspection.Signature, bool) {
	for _, s := range dc.d.Signatures {
		if s.Role == role {
			return s, true
		}
	}
	return inspection.Signature{}, false
}

// signatureImage prints a signature PNG fitted into w×h. PNGs are normalised
// through Go's decoder first: gofpdf refuses interlaced and 16-bit files.
func (dc *doc) signatureImage(s inspection.Signature, x, y, w, h float64) {
	img, err := png.Decode(bytes.NewReader(s.PNG))
	if err != nil {
		dc.pdf.SetError(fmt.Errorf("the %s's signature image is damaged (%v): sign again or waive the signature", s.Role, err))
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		dc.pdf.SetError(fmt.Errorf("signature image: %w", err))
		return
	}
	name := "signature-" + s.ID.String()
	opt := gofpdf.ImageOptions{ImageType: "png"}
	info := dc.pdf.RegisterImageOptionsReader(name, opt, &buf)
	if dc.pdf.Err() {
		return
	}
	iw, ih := info.Width(), info.Height()
	scale := min(w/iw, h/ih)
	dc.pdf.ImageOptions(name, x, y+(h-ih*scale)/2, iw*scale, ih*scale, false, opt, 0, "")
}
