package report

import (
	"bytes"
	"context"
	"fmt"

	"github.com/jung-kurt/gofpdf"

	"github.com/loupeqc/loupe/inspection"
)

// photoSet registers prepared photos with the PDF just before a page places
// them, draining the pipeline in plan order. gofpdf keeps each encoded JPEG
// until the file is written, so what stays in memory is the print-size
// photos (bounded by the size budget), never decoded images.
type photoSet struct {
	ctx        context.Context
	pdf        *gofpdf.Fpdf
	pipe       *pipeline
	encode     encoder
	q          quality
	registered map[inspection.ID]bool
	bytes      int64 // encoded photo bytes in the PDF
	opt        Options
	total      int
	d          *inspection.Dossier
}

func imageName(id inspection.ID) string { return "photo-" + id.String() }

// ensure registers the photo (and every photo planned before it) and
// returns its image name.
func (s *photoSet) ensure(p inspection.Photo) (string, error) {
	name := imageName(p.ID)
	for !s.registered[p.ID] {
		r, ok, err := s.pipe.take(s.ctx)
		if err != nil {
			return "", err
		}
		if !ok { // not planned: a layout change the plan missed; prepare it now
			r = prepared{id: p.ID}
			r.data, r.err = s.encode(use{photo: p, box: annexBox})
		}
		if err := s.register(r); err != nil {
			return "", err
		}
	}
	return name, nil
}

func (s *photoSet) register(r prepared) error {
	if r.err != nil {
		p, _ := s.photo(r.id)
		return fmt.Errorf("%s: %w", photoName(s.d, p), r.err)
	}
	s.pdf.RegisterImageOptionsReader(imageName(r.id), gofpdf.ImageOptions{ImageType: "jpg"}, bytes.NewReader(r.data))
	if err := s.pdf.Error(); err != nil {
		return fmt.Errorf("add photo to the PDF: %w", err)
	}
	s.bytes += int64(len(r.data))
	s.registered[r.id] = true
	progress(s.opt, "Preparing photos", len(s.registered), s.total)
	return nil
}

func (s *photoSet) photo(id inspection.ID) (inspection.Photo, bool) {
	for _, p := range s.d.Photos {
		if p.ID == id {
			return p, true
		}
	}
	return inspection.Photo{}, false
}

// photo draws p fitted into b at (x, y), centred horizontally, with a hairline
// frame, and returns the drawn size. A failure stops the document.
func (dc *doc) photo(p inspection.Photo, x, y float64, b box) (w, h float64) {
	name, err := dc.photos.ensure(p)
	if err != nil {
		dc.pdf.SetError(err)
		return 0, 0
	}
	info := dc.pdf.GetImageInfo(name)
	iw, ih := info.Width(), info.Height()
	scale := min(b.w/iw, b.h/ih)
	w, h = iw*scale, ih*scale
	x += (b.w - w) / 2
	dc.pdf.ImageOptions(name, x, y, w, h, false, gofpdf.ImageOptions{ImageType: "jpg"}, 0, "")
	dc.stroke(rule, 0.2)
	dc.pdf.Rect(x, y, w, h, "D")
	dc.plain()
	return w, h
}

// photoCell is a thumbnail in a table cell, with its annex number below.
type photoCell struct{ p inspection.Photo }

func (c photoCell) height(*doc, float64) float64 { return thumbBox.h + 3.4 }

func (c photoCell) draw(dc *doc, x, y, w, h float64) {
	b := box{min(w, thumbBox.w), thumbBox.h}
	dc.photo(c.p, x+(w-b.w)/2, y, b)
	if n := dc.numbers[c.p.ID]; n > 0 {
		dc.font(6.3, muted, false)
		dc.text(x, y+thumbBox.h+0.2, w, fmt.Sprintf("photo %d", n), "C")
	}
}
