package report

import (
	"fmt"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/loupeqc/loupe/inspection"
)

// Page geometry in mm (A4 portrait).
const (
	pageW     = 210.0
	pageH     = 297.0
	marginX   = 15.0
	contentW  = pageW - 2*marginX
	contentY  = 41.0  // below the header block
	bottomY   = 278.0 // above the footer
	bodySize  = 9.0
	smallSize = 7.5
	lineH     = 4.3 // body line height
)

type rgb struct{ r, g, b int }

// Palette: dark ink for reading, one accent for structure, and the three
// verdict colours clients recognise at a glance.
var (
	ink       = rgb{33, 37, 41}
	muted     = rgb{104, 112, 120}
	accent    = rgb{22, 58, 99}
	rule      = rgb{206, 212, 218}
	headFill  = rgb{232, 237, 243}
	passCol   = rgb{40, 122, 60}
	failCol   = rgb{192, 36, 36}
	pendCol   = rgb{214, 124, 0}
	naCol     = rgb{130, 136, 142}
	white     = rgb{255, 255, 255}
	badFill   = rgb{253, 232, 232}
	softPass  = rgb{232, 244, 235}
	softFail  = rgb{252, 234, 234}
	softPend  = rgb{254, 243, 224}
	softPlain = rgb{240, 242, 245}
)

// doc is one PDF file being written: the gofpdf document plus what every
// page needs (dossier, outcome, hash) and the photo supply.
type doc struct {
	pdf       *gofpdf.Fpdf
	m         *metrics
	d         *inspection.Dossier
	o         inspection.Outcome
	pt        part
	hash      string
	now       time.Time
	annexFile string // base name of the annex file when the report is split
	photos    *photoSet
	numbers   map[inspection.ID]int // photo number in the annex
	colour    rgb                   // of the text being set
	head      *runningHead          // the page header's text, once fitted
	reviews   []inspection.Review   // the office's decisions, oldest first
}

func newDoc(d *inspection.Dossier, pt part, hash string, now time.Time) (*doc, error) {
	if err := loadFaces(); err != nil {
		return nil, err
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	// Fonts before AliasNbPages: gofpdf then keeps digits in the font subset
	// for the page total it substitutes at the end.
	for _, f := range fontFiles() {
		pdf.AddUTF8FontFromBytes(f.f.name, "", f.data)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("load the report fonts: %w", err)
	}
	pdf.AliasNbPages("{nb}")
	pdf.SetMargins(marginX, contentY, marginX)
	pdf.SetAutoPageBreak(false, 0) // every block checks its own room, see room()
	pdf.SetCellMargin(0)
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetProducer("Loupe", true)
	pdf.SetCreator("Loupe", true)
	pdf.SetTitle(title(d)+" "+d.Inspection.ReportNo, true)
	pdf.SetAuthor(d.Inspection.Inspector, true)
	// The identity `loupe verify` reads back; the footer prints it for people.
	pdf.SetKeywords(Meta{Inspection: d.Inspection.ID, ContentSHA256: hash, Part: partName(pt)}.keywords(), false)
	dc := &doc{pdf: pdf, m: newMetrics(), d: d, o: d.Outcome(), pt: pt, hash: hash, now: now}
	dc.numbers = map[inspection.ID]int{}
	for i, p := range annexPhotos(d) {
		dc.numbers[p.ID] = i + 1
	}
	pdf.SetHeaderFunc(dc.header)
	pdf.SetFooterFunc(dc.footer)
	return dc, nil
}

// title names the report after the inspection type, as the industry does.
func title(d *inspection.Dossier) string {
	switch d.Inspection.Type {
	case inspection.PSI:
		return "Pre-shipment inspection report"
	case inspection.DUPRO:
		return "During-production inspection report"
	case inspection.IPC:
		return "Initial production check report"
	case inspection.FAI:
		return "First article inspection report"
	case inspection.CLC:
		return "Container loading check report"
	}
	return "Inspection report"
}

// font sets size, colour and weight for the text that follows.
func (dc *doc) font(size float64, c rgb, bold bool) {
	dc.m.size, dc.m.bold, dc.colour = size, bold, c
	dc.pdf.SetTextColor(c.r, c.g, c.b)
}

// plain resets the line width that drawing expects.
func (dc *doc) plain() { dc.pdf.SetLineWidth(0.2) }

func (dc *doc) fill(c rgb) { dc.pdf.SetFillColor(c.r, c.g, c.b) }

func (dc *doc) stroke(c rgb, w float64) {
	dc.pdf.SetDrawColor(c.r, c.g, c.b)
	dc.pdf.SetLineWidth(w)
}

// text prints one line at (x, y) within w, aligned "L", "C" or "R".
func (dc *doc) text(x, y, w float64, s, align string) { dc.textH(x, y, w, lineH, s, align) }

// textH prints one line in a box h high, switching fonts per run. Bold
// Chinese and Korean are synthesised by stroking the outlines (render mode
// 2): their fonts have no bold face.
func (dc *doc) textH(x, y, w, h float64, s, align string) {
	runs := dc.m.runs(clean(s))
	if dc.m.rtl != "" {
		dc.pdf.SetError(rtlError(dc.m.rtl, dc.m.rtlAt))
		return
	}
	total := 0.0
	for _, r := range runs {
		total += r.w
	}
	switch align {
	case "C":
		x += (w - total) / 2
	case "R":
		x += w - total
	}
	for _, r := range runs {
		dc.pdf.SetFont(r.f.name, "", dc.m.size)
		fake := dc.m.bold && r.f.synthetic()
		if fake {
			dc.pdf.SetDrawColor(dc.colour.r, dc.colour.g, dc.colour.b)
			dc.pdf.SetLineWidth(dc.m.size * 0.0085)
			dc.pdf.SetTextRenderingMode(2)
		}
		dc.pdf.SetXY(x, y)
		dc.pdf.CellFormat(r.w, h, r.text, "", 0, "L", false, 0, "")
		if fake {
			dc.pdf.SetTextRenderingMode(0)
			dc.plain()
		}
		x += r.w
	}
	dc.pdf.SetXY(x, y)
}

// y is the current vertical position.
func (dc *doc) y() float64 { return dc.pdf.GetY() }

func (dc *doc) setY(y float64) { dc.pdf.SetXY(marginX, y) }

// room starts a new page unless h mm fit above the footer. It reports
// whether it broke the page.
func (dc *doc) room(h float64) bool {
	if dc.y()+h <= bottomY {
		return false
	}
	dc.newPage()
	return true
}

func (dc *doc) newPage() {
	dc.plain()
	dc.pdf.AddPage()
	dc.setY(contentY)
}

// gap adds vertical space unless at the top of a page.
func (dc *doc) gap(h float64) {
	if dc.y() > contentY+0.1 {
		dc.setY(dc.y() + h)
	}
}

// para prints wrapped text across width w from x, breaking pages as needed.
func (dc *doc) para(x, w float64, s string, size float64, c rgb, bold bool) {
	dc.font(size, c, bold)
	dc.lines(x, w, dc.m.wrap(s, w), size, c, bold, size*0.48)
}

// lines prints lines already wrapped to w, lh apart, from the current
// position down, continuing at the top of the next page when one is full.
func (dc *doc) lines(x, w float64, lines []string, size float64, c rgb, bold bool, lh float64) {
	dc.font(size, c, bold)
	for _, line := range lines {
		if dc.room(lh) {
			dc.font(size, c, bold)
		}
		y := dc.y()
		dc.textH(x, y, w, lh, line, "L")
		dc.setY(y + lh)
		if dc.pdf.Err() {
			break
		}
	}
	dc.plain()
}

// below moves the position down to y when still on page, as after a block
// beside a picture: the picture's foot, or the text's when it went further.
func (dc *doc) below(page int, y float64) {
	if dc.pdf.PageNo() == page {
		dc.setY(max(dc.y(), y))
	}
}
