package report

import "github.com/loupeqc/loupe/inspection"

// part says which pages a PDF file carries once the report is split.
type part int

const (
	partAll   part = iota // one file: report and photo annex
	partMain              // the report without the photo annex
	partAnnex             // the photo annex alone
)

// box is the printed area (mm) a photo is fitted into, keeping its aspect.
type box struct{ w, h float64 }

// Printed photo boxes. Photos are encoded once, at the largest box they
// appear in; smaller placements reuse the same image object.
var (
	remarkBox = box{38, 28.5}
	thumbBox  = box{30, 22.5}
	goldenBox = box{56, 42}
	pairBox   = box{85, 64}
	annexBox  = box{86, 64}
)

// use is a photo the report prints and the largest box it is printed in.
type use struct {
	photo inspection.Photo
	box   box
}

// planPhotos lists the photos a part prints, in the order the pages first
// place them, so the preparation pipeline delivers them just in time.
func planPhotos(d *inspection.Dossier, pt part) []use {
	var order []inspection.ID
	uses := map[inspection.ID]*use{}
	add := func(p inspection.Photo, b box) {
		u, ok := uses[p.ID]
		if !ok {
			u = &use{photo: p}
			uses[p.ID] = u
			order = append(order, p.ID)
		}
		u.box.w, u.box.h = max(u.box.w, b.w), max(u.box.h, b.h)
	}
	if pt != partAnnex {
		o := d.Outcome()
		for _, r := range remarks(d, o) {
			for _, p := range r.photos {
				add(p, remarkBox)
			}
		}
		for _, f := range d.Findings {
			if p, ok := findingPhoto(d, f); ok {
				add(p, thumbBox)
			}
		}
		if p, ok := goldenPhoto(d); ok {
			add(p, goldenBox)
		}
		for _, c := range comparisons(d) {
			for _, p := range c.photos() {
				add(p, pairBox)
			}
		}
	}
	if pt != partMain {
		for _, p := range annexPhotos(d) {
			add(p, annexBox)
		}
	}
	out := make([]use, len(order))
	for i, id := range order {
		out[i] = *uses[id]
	}
	return out
}

// annexPhotos are the inspection's own photos (not the sample library's), in
// photo order: the annex prints them all, numbered.
func annexPhotos(d *inspection.Dossier) []inspection.Photo {
	var out []inspection.Photo
	for _, p := range d.Photos {
		if p.InspectionID == d.Inspection.ID {
			out = append(out, p)
		}
	}
	return out
}

// photoNumber is a photo's number in the annex, 0 when it is not there.
func photoNumber(d *inspection.Dossier, id inspection.ID) int {
	for i, p := range annexPhotos(d) {
		if p.ID == id {
			return i + 1
		}
	}
	return 0
}

func firstPhoto(d *inspection.Dossier, kind inspection.LinkKind, target string) (inspection.Photo, bool) {
	ps := d.PhotosOf(kind, target)
	if len(ps) == 0 {
		return inspection.Photo{}, false
	}
	return ps[0], true
}

func findingPhoto(d *inspection.Dossier, f inspection.Finding) (inspection.Photo, bool) {
	return firstPhoto(d, inspection.LinkFinding, f.ID.String())
}

func goldenPhoto(d *inspection.Dossier) (inspection.Photo, bool) {
	if d.Inspection.GoldenSampleID == inspection.NilID {
		return inspection.Photo{}, false
	}
	return firstPhoto(d, inspection.LinkSample, d.Inspection.GoldenSampleID.String())
}

// comparison is a finding judged against a sample: the report prints the
// defect photo beside the sample's photo.
type comparison struct {
	finding     inspection.Finding
	sample      inspection.Sample
	known       bool // the dossier holds the sample
	defect      inspection.Photo
	hasDefect   bool
	reference   inspection.Photo
	hasRefPhoto bool
}

func (c comparison) photos() []inspection.Photo {
	var out []inspection.Photo
	if c.hasDefect {
		out = append(out, c.defect)
	}
	if c.hasRefPhoto {
		out = append(out, c.reference)
	}
	return out
}

func comparisons(d *inspection.Dossier) []comparison {
	var out []comparison
	for _, f := range d.Findings {
		if f.SampleID == inspection.NilID {
			continue
		}
		c := comparison{finding: f}
		c.sample, c.known = d.Sample(f.SampleID)
		c.defect, c.hasDefect = findingPhoto(d, f)
		c.reference, c.hasRefPhoto = firstPhoto(d, inspection.LinkSample, f.SampleID.String())
		out = append(out, c)
	}
	return out
}

// remark is something the client must decide, with its evidence.
type remark struct {
	title  string
	notes  string
	photos []inspection.Photo
}

// maxRemarkPhotos keeps a remark to one row of thumbnails; the annex has the rest.
const maxRemarkPhotos = 4

// remarks lists what needs a client decision: pending sections, checklist
// items and tests, in report order.
func remarks(d *inspection.Dossier, o inspection.Outcome) []remark {
	var out []remark
	for _, k := range inspection.Sections {
		if o.Sections[k] != inspection.Pending {
			continue
		}
		ps := d.PhotosOf(inspection.LinkSection, string(k))
		out = append(out, remark{title: k.Title(), notes: sectionNotes(d, k), photos: ps[:min(len(ps), maxRemarkPhotos)]})
	}
	for _, c := range d.Checklist {
		if c.Result == inspection.Pending {
			out = append(out, remark{title: c.Section.Title() + ": " + c.Text, notes: c.Notes})
		}
	}
	for _, t := range d.Tests {
		if t.Result == inspection.Pending {
			ps := d.PhotosOf(inspection.LinkTest, t.ID.String())
			out = append(out, remark{title: "Test: " + t.Name, notes: t.Notes, photos: ps[:min(len(ps), maxRemarkPhotos)]})
		}
	}
	return out
}

func sectionNotes(d *inspection.Dossier, k inspection.SectionKind) string {
	for _, s := range d.Sections {
		if s.Kind == k {
			return s.Notes
		}
	}
	return ""
}
