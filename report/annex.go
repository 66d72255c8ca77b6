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
	annexRowH = 64 + annexCapH + 3 // with a one-line caption; a longer one grows the row
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
		var cols []captioned
		for j, p := range ps[i:min(i+annexCols, len(ps))] {
			x := marginX + float64(j)*(annexBox.w+annexGapX)
			cols = append(cols, captioned{
				name:    fmt.Sprintf("Photo %d", dc.numbers[p.ID]),
				x:       x,
				picture: func(y float64) float64 { _, h := dc.photo(p, x, y, annexBox); return h },
				caption: dc.annexCaption(p),
			})
		}
		dc.pictureRow(cols, annexBox.w, annexBox.h, 1, annexRowH)
	}
}

// annexCaption is the text under an annex photo, whole: number and
// caption, then what it documents, when it was taken and the camera's name.
func (dc *doc) annexCaption(p inspection.Photo) []textBlock {
	head := fmt.Sprintf("Photo %d", dc.numbers[p.ID])
	if p.Caption != "" {
		head += " · " + p.Caption
	}
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
	return []textBlock{
		dc.block(head, annexBox.w, 7.8, ink, true, 3.6, "L"),
		dc.block(strings.Join(sub, " · "), annexBox.w, 6.8, muted, false, 3.1, "L"),
	}
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
	roles := []inspection.SignerRole{inspection.SignerInspector, inspection.SignerFactory}
	boxes := make([]sigBox, len(roles))
	h := 42.0
	for i, role := range roles {
		boxes[i] = dc.sigBox(role)
		h = max(h, boxes[i].height())
	}
	for _, b := range boxes {
		for _, s := range b.aside {
			dc.para(marginX, contentW, s, bodySize, ink, false)
			dc.gap(2)
		}
	}
	dc.room(h + 2)
	y := dc.y()
	for i, b := range boxes {
		dc.signatureBox(b, marginX+float64(i)*(contentW-sigBoxW), y, sigBoxW, h)
	}
	dc.setY(y + h + 2)
}

const sigBoxW = 86.0

// sigBox is what one signature box holds, wrapped to its width. A name or
// waiver reason too long for a box is printed whole above the boxes instead
// (aside), and the box points there.
type sigBox struct {
	role   inspection.SignerRole
	sig    inspection.Signature
	signed bool
	reason []string // waiver reason lines, 8 pt
	name   []string // signer's name lines, 8.5 pt bold
	aside  []string // paragraphs printed above the boxes
}

const (
	maxSigReasonLines = 10
	maxSigNameLines   = 3
	sigReasonLH       = 3.6
	sigNameLH         = 3.8
)

func (dc *doc) sigBox(role inspection.SignerRole) sigBox {
	b := sigBox{role: role}
	b.sig, b.signed = dc.signature(role)
	if !b.signed {
		return b
	}
	w := sigBoxW - 6
	if b.sig.Waived {
		dc.font(8, ink, false)
		b.reason = dc.m.wrap(b.sig.WaiverReason, w)
	}
	dc.font(8.5, ink, true)
	b.name = dc.m.wrap(b.sig.Name, w)
	if len(b.reason) > maxSigReasonLines || len(b.name) > maxSigNameLines {
		who := "Inspector"
		if role == inspection.SignerFactory {
			who = "Factory representative"
		}
		b.aside = []string{who + ": " + b.sig.Name}
		b.name = []string{"(name above the signatures)"}
		if b.sig.Waived {
			b.aside = append(b.aside, who+"'s signature waived: "+b.sig.WaiverReason)
			b.reason = []string{"(reason above the signatures)"}
		}
	}
	return b
}

// ruleY is where the line above the name goes, from the box's top.
func (b sigBox) ruleY() float64 {
	return max(31, 17+float64(len(b.reason))*sigReasonLH+3.2)
}

func (b sigBox) height() float64 {
	if !b.signed {
		return 0
	}
	return b.ruleY() + 1 + float64(len(b.name))*sigNameLH + 0.4 + 5.8
}

func (dc *doc) signatureBox(b sigBox, x, y, w, h float64) {
	dc.plain()
	dc.stroke(rule, 0.3)
	dc.pdf.RoundedRect(x, y, w, h, 1.5, "1234", "D")
	label := "INSPECTOR"
	if b.role == inspection.SignerFactory {
		label = "FACTORY REPRESENTATIVE"
	}
	dc.font(6.5, muted, false)
	dc.text(x+3, y+2, w-6, label, "L")
	s := b.sig
	switch {
	case !b.signed:
		dc.font(8.5, muted, false)
		dc.text(x+3, y+h/2-2, w-6, "Not signed", "C")
		dc.plain()
		return
	case s.Waived:
		dc.font(8.5, pendCol, true)
		dc.text(x+3, y+12, w-6, "Signature waived", "L")
		dc.font(8, ink, false)
		for i, l := range b.reason {
			dc.text(x+3, y+17+float64(i)*sigReasonLH, w-6, l, "L")
		}
	default:
		if len(s.PNG) > 0 {
			dc.signatureImage(s, x+3, y+7, w-6, 20)
		}
	}
	ry := y + b.ruleY()
	dc.stroke(rule, 0.25)
	dc.pdf.Line(x+3, ry, x+w-3, ry)
	dc.font(8.5, ink, true)
	for i, l := range b.name {
		dc.text(x+3, ry+1+float64(i)*sigNameLH, w-6, l, "L")
	}
	dc.font(6.8, muted, false)
	dc.text(x+3, ry+1+float64(len(b.name))*sigNameLH+0.4, w-6, "Signed "+clock(s.SignedAt), "L")
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
