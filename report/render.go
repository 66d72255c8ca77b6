package report

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
)

// job is one call of Write: it renders, checks the budget and commits files.
type job struct {
	ctx   context.Context
	d     *inspection.Dossier
	paths map[inspection.ID]string
	opt   Options
	hash  string
	out   string
}

// rendered is a finished temporary file.
type rendered struct {
	tmp        string
	size       int64
	pages      int
	photoBytes int64
	warnings   []string
}

// run renders once at full quality and, only when the file is over budget,
// again with smaller photos, then split in two. Most reports take one pass.
func (j *job) run() (Result, error) {
	q := bestQuality
	r, err := j.render(partAll, q, "")
	if err != nil {
		return Result{}, err
	}
	if r.size > j.opt.MaxBytes && r.size-r.photoBytes >= j.opt.MaxBytes && r.photoBytes*10 < r.size {
		// The text alone is over budget and the photos are a small part
		// of the file (a huge description from a bundle): smaller photos
		// or a separate annex cannot bring it under, and rendering again
		// would only double the time.
		return j.commit(q, []rendered{r}, []string{j.out})
	}
	if r.size > j.opt.MaxBytes {
		if next, ok := shrink(q, r, j.opt.MaxBytes); ok {
			os.Remove(r.tmp)
			q = next
			if r, err = j.render(partAll, q, ""); err != nil {
				return Result{}, err
			}
		}
	}
	if r.size <= j.opt.MaxBytes {
		return j.commit(q, []rendered{r}, []string{j.out})
	}
	os.Remove(r.tmp)
	return j.split(q)
}

// split writes the report without its annex and the annex on its own. The
// report keeps full-quality photos when it fits; the annex uses the smallest
// setting tried, since it alone was too big.
func (j *job) split(annexQ quality) (Result, error) {
	annexOut := AnnexPath(j.out)
	q := bestQuality
	main, err := j.render(partMain, q, filepath.Base(annexOut))
	if err != nil {
		return Result{}, err
	}
	if main.size > j.opt.MaxBytes {
		os.Remove(main.tmp)
		q = floorQuality
		if main, err = j.render(partMain, q, filepath.Base(annexOut)); err != nil {
			return Result{}, err
		}
	}
	annex, err := j.render(partAnnex, annexQ, "")
	if err != nil {
		os.Remove(main.tmp)
		return Result{}, err
	}
	return j.commit(annexQ, []rendered{main, annex}, []string{j.out, annexOut})
}

// shrink picks smaller photos for a file that came out too big: photo bytes
// grow with pixel count, the square of the resolution. ok is false when the
// floor was already in use.
func shrink(q quality, r rendered, budget int64) (quality, bool) {
	if q == floorQuality {
		return q, false
	}
	fixed := r.size - r.photoBytes
	target := float64(budget)*0.92 - float64(fixed)
	if target <= 0 || r.photoBytes == 0 {
		return floorQuality, true
	}
	ratio := target / float64(r.photoBytes)
	next := quality{dpi: q.dpi * math.Sqrt(ratio), jpeg: q.jpeg}
	if next.dpi < 110 {
		// Lower JPEG quality (about 0.7× the bytes) before resolution drops
		// so far that text on labels becomes unreadable.
		next = quality{dpi: q.dpi * math.Sqrt(ratio/0.7), jpeg: 60}
	}
	next.dpi = math.Max(floorQuality.dpi, math.Min(next.dpi, q.dpi))
	if next.dpi == floorQuality.dpi {
		next.jpeg = floorQuality.jpeg
	}
	return next, true
}

// publish moves a finished file into place, synced and readable by others:
// a report is meant to be shared, unlike the owner-only temporary file.
func publish(tmp, name string) error {
	return atomicfile.Install(tmp, name, 0o644)
}

// commit renames finished temporary files into place, all or none.
func (j *job) commit(q quality, rs []rendered, names []string) (Result, error) {
	res := Result{DPI: math.Round(q.dpi), Quality: q.jpeg, Split: len(rs) > 1, SHA256: j.hash}
	for i, r := range rs {
		if err := publish(r.tmp, names[i]); err != nil {
			for _, done := range res.Files {
				os.Remove(done.Path)
			}
			for _, rest := range rs[i:] {
				os.Remove(rest.tmp)
			}
			return Result{}, fmt.Errorf("save the report as %s: %w", names[i], err)
		}
		res.Files = append(res.Files, File{Path: names[i], Pages: r.pages, Size: r.size})
		res.Size += r.size
		res.Pages += r.pages
		res.OverBudget = res.OverBudget || r.size > j.opt.MaxBytes
		for _, w := range r.warnings {
			if !slices.Contains(res.Warnings, w) {
				res.Warnings = append(res.Warnings, w)
			}
		}
	}
	if !res.Split {
		// An annex left by an earlier, bigger version of this report would
		// be mistaken for this one's.
		os.Remove(AnnexPath(j.out))
	}
	return res, nil
}

// render writes one part to a temporary file beside out; on error the file
// is gone.
func (j *job) render(pt part, q quality, annexName string) (r rendered, err error) {
	dir := filepath.Dir(j.out)
	f, err := atomicfile.Create(dir)
	if err != nil {
		return r, fmt.Errorf("%w (choose another --out)", err)
	}
	r.tmp = f.Name()
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	dc, err := newDoc(j.d, pt, j.hash, j.opt.Now)
	if dc != nil {
		dc.reviews = j.opt.Reviews
	}
	if err != nil {
		return r, err
	}
	dc.annexFile = annexName
	uses := planPhotos(j.d, pt)
	pipe := startPipeline(j.ctx, uses, j.paths, q)
	defer pipe.stop()
	dc.photos = &photoSet{ctx: j.ctx, pdf: dc.pdf, pipe: pipe, paths: j.paths, q: q,
		registered: map[inspection.ID]bool{}, opt: j.opt, total: len(uses), d: j.d}
	dc.build()
	if err = dc.pdf.Error(); err != nil {
		return r, renderError(err)
	}
	r.pages = dc.pdf.PageNo()
	progress(j.opt, "Writing PDF", 0, 1)
	w := bufio.NewWriterSize(f, 1<<20)
	if err = dc.pdf.Output(w); err != nil {
		return r, fmt.Errorf("write the PDF: %w", err)
	}
	if err = w.Flush(); err != nil {
		return r, fmt.Errorf("write the PDF: %w", err)
	}
	if err = f.Close(); err != nil {
		return r, fmt.Errorf("write the PDF: %w", err)
	}
	fi, err := os.Stat(r.tmp)
	if err != nil {
		return r, err
	}
	r.size, r.photoBytes, r.warnings = fi.Size(), dc.photos.bytes, dc.m.warnings()
	progress(j.opt, "Writing PDF", 1, 1)
	return r, nil
}

func renderError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("render the report: %w", err)
}

// build lays out the pages of one part in the industry's order.
func (dc *doc) build() {
	if dc.pt == partAnnex {
		dc.newPage()
		dc.annex()
		return
	}
	dc.newPage()
	dc.summary()
	dc.newPage()
	dc.quantity()
	dc.samplingPlan()
	dc.workmanship()
	dc.conformity()
	dc.measurements()
	dc.tests()
	for _, k := range []inspection.SectionKind{inspection.SectionPacking, inspection.SectionMarking, inspection.SectionClient} {
		dc.section(k)
		dc.sectionBody(k)
	}
	if dc.pt == partAll {
		dc.annex()
	} else {
		dc.annexPointer()
	}
	dc.signatures()
}
