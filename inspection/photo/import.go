package photo

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/ctxio"
)

// Importer adds photo files to an inspection (or, with inspection.NilID, to
// the sample library): files first, database row last.
type Importer struct {
	Store inspection.Store
	Files Files
	// Workers is how many files ImportAll imports at once; 0 means one per
	// core. Memory is bounded by DecodeBudget whatever the count.
	Workers int
}

// Result is the outcome of importing one file.
type Result struct {
	File      string            // the path as given
	Photo     *inspection.Photo // the new photo, or the one that already holds this content
	Duplicate bool              // the content was already in the inspection: nothing was added
	OtherDay  bool              // taken (EXIF) on another calendar day than the inspection's date
	// Reused: the same bytes already belong to another inspection or to
	// the sample library. Stored once all the same; worth a look, as the
	// same photo in two lots' reports is what a padded report looks like.
	Reused bool
	Err    error // why the file was not imported; the message names the file
}

// target is where photos go, loaded once per batch.
type target struct {
	id  inspection.ID
	day time.Time // zero for the library or an undated inspection
}

func (im *Importer) target(ctx context.Context, id inspection.ID) (target, error) {
	if id == inspection.NilID {
		return target{}, nil
	}
	in, err := im.Store.Inspection(ctx, id)
	if err != nil {
		return target{}, err
	}
	if in.ReadOnly() {
		name := in.ReportNo
		if name == "" {
			name = in.ID.String()
		}
		return target{}, inspection.Errorf(inspection.EREADONLY,
			"inspection %s is finalized, so no photo can be added: create a revision of it to add photos", name)
	}
	return target{id: id, day: in.Date}, nil
}

// otherDay compares calendar days, each on its own clock: the camera's wall
// time against the day the inspection was recorded for.
func (t target) otherDay(taken time.Time) bool {
	if t.day.IsZero() || taken.IsZero() {
		return false
	}
	y1, m1, d1 := taken.Date()
	y2, m2, d2 := t.day.Date()
	return y1 != y2 || m1 != m2 || d1 != d2
}

// nextPosition puts new photos after the ones already there.
func (im *Importer) nextPosition(ctx context.Context, id inspection.ID) (int, error) {
	photos, err := im.Store.Photos(ctx, id)
	if err != nil {
		return 0, err
	}
	next := 0
	for _, p := range photos {
		next = max(next, p.Position+1)
	}
	return next, nil
}

// ImportFile imports one photo file into an inspection (NilID: the sample
// library). Importing content the inspection already has adds nothing and
// returns the existing photo with Duplicate set.
func (im *Importer) ImportFile(ctx context.Context, inspectionID inspection.ID, path string) Result {
	t, err := im.target(ctx, inspectionID)
	if err != nil {
		return Result{File: path, Err: err}
	}
	pos, err := im.nextPosition(ctx, inspectionID)
	if err != nil {
		return Result{File: path, Err: err}
	}
	return im.importOne(ctx, t, path, pos)
}

// source is a file that passed the cheap checks: signature, header, size.
type source struct {
	name   string
	format format
	sha    string
	size   int64
	cost   int64 // bytes decoding it takes (decodeCost)
}

func (im *Importer) importOne(ctx context.Context, t target, path string, position int) (res Result) {
	res = Result{File: path}
	defer func() {
		// A step stopped by the cancellation returns the bare context error.
		var said *cancelError
		if err := ctx.Err(); err != nil && errors.Is(res.Err, err) && !errors.As(res.Err, &said) {
			res.Err = cancelled(path, err)
		}
	}()
	if err := ctx.Err(); err != nil {
		res.Err = cancelled(path, err)
		return res
	}
	f, err := openRegular(path)
	if err != nil {
		res.Err = err
		return res
	}
	defer f.Close()
	src, err := inspect(ctx, f, filepath.Base(path))
	if err != nil {
		res.Err = err
		return res
	}
	defer contentLocks.lock(im.Files.Working(src.sha))()
	existing, err := im.Store.PhotoBySHA(ctx, t.id, src.sha)
	switch {
	case err == nil:
		res.Photo, res.Duplicate, res.OtherDay = existing, true, t.otherDay(existing.TakenAt)
		if !im.Files.complete(src.sha, src.format.ext) { // files lost since: restore them from this copy
			_, _, res.Err = im.storeFiles(ctx, f, src, readMetadata(f, src.format).orientation)
		}
		return res
	case inspection.ErrorCode(err) != inspection.ENOTFOUND:
		res.Err = err
		return res
	}
	reused, err := im.Store.SHAInUse(ctx, src.sha)
	if err != nil {
		res.Err = err
		return res
	}
	meta := readMetadata(f, src.format)
	w, h, err := im.storeFiles(ctx, f, src, meta.orientation)
	if err != nil {
		res.Err = err
		return res
	}
	p := &inspection.Photo{
		ID: inspection.NewID(), InspectionID: t.id, SHA256: src.sha, Ext: src.format.ext,
		OriginalName: src.name, TakenAt: meta.takenAt, Width: w, Height: h, Size: src.size, Position: position,
	}
	if err := ctx.Err(); err != nil { // the files stay: harmless, and reused by the next import
		res.Err = cancelled(path, err)
		return res
	}
	existing, err = im.Store.AddPhoto(ctx, p)
	switch {
	case err != nil:
		res.Err = fmt.Errorf("%s: the files are stored but the photo could not be recorded: %w", Printable(src.name), err)
		return res
	case existing != nil: // another Loupe imported the same content meanwhile
		res.Photo, res.Duplicate, res.OtherDay = existing, true, t.otherDay(existing.TakenAt)
		return res
	}
	res.Photo, res.OtherDay, res.Reused = p, t.otherDay(p.TakenAt), reused
	return res
}

// cancelError says a file was not imported because the import was
// cancelled; it unwraps to the context's error.
type cancelError struct {
	path string
	err  error
}

func (e *cancelError) Error() string {
	return fmt.Sprintf("%s was not imported: the import was cancelled (%v)", Printable(filepath.Base(e.path)), e.err)
}

func (e *cancelError) Unwrap() error { return e.err }

func cancelled(path string, err error) error { return &cancelError{path, err} }

// inspect checks signature and dimensions before hashing, so garbage and
// bombs cost a few bytes of reading, not a hash of the whole file.
func inspect(ctx context.Context, f *os.File, name string) (source, error) {
	src := source{name: name}
	st, err := f.Stat()
	if err != nil {
		return src, err
	}
	src.size = st.Size()
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return src, fmt.Errorf("reading %s: %w", Printable(name), err)
	}
	head = head[:n]
	if src.format, err = sniff(name, head); err != nil {
		return src, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return src, err
	}
	cfg, err := checkConfig(name, f, src.format)
	if err != nil {
		return src, err
	}
	var frame jpegFrame
	if src.format == formatJPEG {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return src, err
		}
		frame = readJPEGFrame(f)
	}
	src.cost = decodeCost(cfg, src.format, head, frame)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return src, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, bufio.NewReaderSize(ctxio.Reader(ctx, f), 256<<10)); err != nil {
		if ctx.Err() != nil {
			return src, err
		}
		return src, fmt.Errorf("reading %s: %w", Printable(name), err)
	}
	src.sha = hex.EncodeToString(h.Sum(nil))
	return src, nil
}

// storeFiles makes the original, working copy and thumbnail durable and
// returns the working copy's size. Content already stored (the same photo in
// another inspection) is not rendered again. Decoding waits for its share
// of the process's decode budget.
func (im *Importer) storeFiles(ctx context.Context, f *os.File, src source, orientation int) (w, h int, err error) {
	if im.Files.complete(src.sha, src.format.ext) {
		return workingSize(im.Files.Working(src.sha))
	}
	release, err := decodeBudget.acquire(ctx, src.cost)
	if err != nil {
		return 0, 0, err
	}
	defer release()
	img, err := decode(ctx, src.name, f, src.format)
	if err != nil {
		return 0, 0, err
	}
	r := render(img, orientation) // img is garbage from here: one decoded image per worker
	if err := im.Files.copyOriginal(ctx, f, src.sha, src.format.ext); err != nil {
		return 0, 0, err
	}
	for _, out := range []struct {
		path string
		img  image.Image
	}{{im.Files.Working(src.sha), r.working}, {im.Files.Thumbnail(src.sha), r.thumb}} {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		if err := writeAtomic(out.path, func(w io.Writer) error { return encodeJPEG(w, out.img) }); err != nil {
			return 0, 0, err
		}
	}
	b := r.working.Bounds()
	return b.Dx(), b.Dy(), nil
}

func workingSize(path string) (int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cfg, err := jpeg.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return 0, 0, fmt.Errorf("the stored working copy %s is unreadable (%v): delete it and import the photo again", path, err)
	}
	return cfg.Width, cfg.Height, nil
}
