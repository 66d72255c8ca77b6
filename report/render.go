package report

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
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

// run renders the report once, at the photo quality its size budget
// allows (see sizing), and once more only if that render came out over
// budget after all: one or two encodes of each photo. When even the
// smallest photos cannot fit, the photo annex goes to a second file.
func (j *job) run() (Result, error) {
	budget := float64(j.opt.MaxBytes)
	q, made := bestQuality, map[inspection.ID][]byte{}
	s, err := newSizing(j.ctx, planPhotos(j.d, partAll), j.paths)
	if err != nil {
		return Result{}, err
	}
	if s.upperBound(bestQuality) > 0.8*budget {
		fixed, err := j.fixedBytes(partAll, "")
		if err != nil {
			return Result{}, err
		}
		room := 0.95*budget - fixed
		if room <= 0 {
			// The text alone is over budget. Photos that are a real part of
			// the file still go to an annex of their own; a few thumbnails
			// beside a huge description (from a bundle) stay.
			photos, err := s.predict(bestQuality, j.paths)
			if err != nil {
				return Result{}, err
			}
			if photos*10 >= photos+fixed {
				return j.split()
			}
		} else {
			chosen, fits, err := s.choose(room, j.paths)
			if err != nil {
				return Result{}, err
			}
			if !fits {
				return j.split()
			}
			q, made = chosen, s.made(chosen)
		}
	}
	r, err := j.render(partAll, q, "", encodeAt(j.paths, q, made))
	if err != nil {
		return Result{}, err
	}
	fixed := float64(r.size - r.photoBytes)
	if r.size <= j.opt.MaxBytes || q == floorQuality || r.photoBytes == 0 || fixed >= 0.95*budget {
		// Within budget; or nothing smaller is left to try, or the text
		// alone is over (a huge description from a bundle): the file is
		// committed as it is and the result says so.
		return j.commit(q, []rendered{r}, []string{j.out})
	}
	// The prediction missed: correct it from this render's exact bytes.
	os.Remove(r.tmp)
	q = toward(q, (0.92*budget-fixed)/float64(r.photoBytes))
	if r, err = j.render(partAll, q, "", encodeAt(j.paths, q, nil)); err != nil {
		return Result{}, err
	}
	return j.commit(q, []rendered{r}, []string{j.out})
}

// split writes the report without its annex and the annex on its own,
// each at the best photo quality its own budget allows.
func (j *job) split() (Result, error) {
	annexOut := AnnexPath(j.out)
	main, _, err := j.renderWithin(partMain, filepath.Base(annexOut))
	if err != nil {
		return Result{}, err
	}
	annex, annexQ, err := j.renderWithin(partAnnex, "")
	if err != nil {
		os.Remove(main.tmp)
		return Result{}, err
	}
	return j.commit(annexQ, []rendered{main, annex}, []string{j.out, annexOut})
}

// renderWithin renders a part at the best photo quality predicted to fit
// the budget (the floor when none does).
func (j *job) renderWithin(pt part, annexName string) (rendered, quality, error) {
	s, err := newSizing(j.ctx, planPhotos(j.d, pt), j.paths)
	if err != nil {
		return rendered{}, bestQuality, err
	}
	q, made := bestQuality, map[inspection.ID][]byte{}
	budget := float64(j.opt.MaxBytes)
	if s.upperBound(bestQuality) > 0.8*budget {
		fixed, err := j.fixedBytes(pt, annexName)
		if err != nil {
			return rendered{}, q, err
		}
		if q, _, err = s.choose(0.95*budget-fixed, j.paths); err != nil {
			return rendered{}, q, err
		}
		made = s.made(q)
	}
	r, err := j.render(pt, q, annexName, encodeAt(j.paths, q, made))
	if err != nil {
		return r, q, err
	}
	fixed := float64(r.size - r.photoBytes)
	if r.size <= j.opt.MaxBytes || q == floorQuality || r.photoBytes == 0 || fixed >= 0.95*budget {
		return r, q, nil
	}
	os.Remove(r.tmp) // the prediction missed: once more, from exact bytes
	q = toward(q, (0.92*budget-fixed)/float64(r.photoBytes))
	r, err = j.render(pt, q, annexName, encodeAt(j.paths, q, nil))
	return r, q, err
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
func (j *job) render(pt part, q quality, annexName string, encode encoder) (r rendered, err error) {
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
	w := bufio.NewWriterSize(f, 1<<20)
	if r.pages, r.photoBytes, r.warnings, err = j.write(w, pt, q, annexName, encode); err != nil {
		return r, err
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
	r.size = fi.Size()
	progress(j.opt, "Writing PDF", 1, 1)
	return r, nil
}

// write lays out one part and writes the PDF to w.
func (j *job) write(w io.Writer, pt part, q quality, annexName string, encode encoder) (pages int, photoBytes int64, warnings []string, err error) {
	dc, err := newDoc(j.d, pt, j.hash, j.opt.Now)
	if err != nil {
		return 0, 0, nil, err
	}
	dc.reviews = j.opt.Reviews
	dc.annexFile = annexName
	uses := planPhotos(j.d, pt)
	pipe := startPipeline(j.ctx, uses, encode)
	defer pipe.stop()
	dc.photos = &photoSet{ctx: j.ctx, pdf: dc.pdf, pipe: pipe, encode: encode, q: q,
		registered: map[inspection.ID]bool{}, opt: j.opt, total: len(uses), d: j.d}
	dc.build()
	if err = dc.pdf.Error(); err != nil {
		return 0, 0, nil, renderError(err)
	}
	progress(j.opt, "Writing PDF", 0, 1)
	if err = dc.pdf.Output(w); err != nil {
		return 0, 0, nil, fmt.Errorf("write the PDF: %w", err)
	}
	return dc.pdf.PageNo(), dc.photos.bytes, dc.m.warnings(), nil
}

// fixedBytes is what a part weighs without its photos: it is laid out and
// written, uncounted, with a tiny stand-in of the same shape for every
// photo, so pages and text come out as in the real render. Each stand-in
// differs, as the photos do: the PDF writes identical images once.
func (j *job) fixedBytes(pt part, annexName string) (float64, error) {
	var n int
	encode := func(u use) ([]byte, error) {
		w, h, err := jpegSize(j.paths[u.photo.ID])
		if err != nil {
			return nil, err
		}
		n++
		key := aspect(w, h)
		return standIn(key[0], key[1], n)
	}
	var size countingWriter
	_, photoBytes, _, err := j.write(&size, pt, bestQuality, annexName, encode)
	if err != nil {
		return 0, err
	}
	return float64(int64(size) - photoBytes), nil
}

// aspect reduces a size to a small image of the same shape (at most 32
// pixels a side).
func aspect(w, h int) [2]int {
	if w <= 0 || h <= 0 {
		return [2]int{1, 1}
	}
	s := 32.0 / float64(max(w, h))
	return [2]int{max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))}
}

// standIn is a colour JPEG of w×h pixels, the n-th of its kind: colour,
// as the photos are (the PDF describes colour at more length), and unlike
// every other, as the PDF writes identical images once. n is written in
// black and white 8×8 blocks, which JPEG keeps apart.
func standIn(w, h, n int) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	blocks := (w + 7) / 8
	for y := range h {
		for x := range w {
			v := uint8(0)
			if k := y/8*blocks + x/8; k < 63 && n>>k&1 == 1 {
				v = 255
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, v, v, 255
		}
	}
	var buf bytes.Buffer
	err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 50})
	return buf.Bytes(), err
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
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
