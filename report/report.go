// Package report writes an inspection's PDF report: the document the client
// pays for. It prints a Dossier in the industry's order (summary, quantity,
// sampling plan, workmanship, conformity, measurements, tests, packing,
// marking, client requirements, photos, signatures), embeds a CJK font so
// Chinese names print, and re-encodes photos so the file fits in an email.
//
// It knows nothing of the database or the UI: callers hand it a Dossier and a
// PhotoSource.
package report

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// DefaultMaxBytes is the size budget when Options.MaxBytes is zero: common
// mail servers refuse attachments between 12 and 25 MB.
const DefaultMaxBytes = 10 << 20

// PhotoSource finds the working copy (upright JPEG, long edge ≤ 2048 px) of a
// photo. The report never reads originals: they are too big to print and may
// be sideways.
type PhotoSource interface {
	Working(p inspection.Photo) (path string, err error)
}

// PhotoFunc adapts a function to PhotoSource.
type PhotoFunc func(p inspection.Photo) (string, error)

// Working calls f.
func (f PhotoFunc) Working(p inspection.Photo) (string, error) { return f(p) }

// Options tune a report run. The zero value is usable.
type Options struct {
	MaxBytes int64          // size budget per file; DefaultMaxBytes when 0
	Progress func(Progress) // called from the writing goroutine; may be nil
	Now      time.Time      // printed as the generation time; time.Now() when zero
	// Reviews are the office's decisions on the report, oldest first: the
	// newest says on every page whether it is issued to the client
	// (approved) or back with the inspector (returned), and the first
	// page lists them all, with who and when.
	Reviews []inspection.Review
}

// Progress is one step of the work, for a progress bar.
type Progress struct {
	Step        string // "Checking photos", "Preparing photos", "Writing PDF", ...
	Done, Total int
}

// Result says what was written.
type Result struct {
	Files      []File  // the report, then the photo annex when it had to be split off
	Pages      int     // pages over all files
	Size       int64   // bytes over all files
	DPI        float64 // resolution photos were printed at
	Quality    int     // JPEG quality photos were encoded with
	Split      bool    // the photo annex went into its own file
	OverBudget bool    // even the smallest setting left a file above MaxBytes
	SHA256     string  // content hash printed in the footer (see inspection.ContentHash)
	// Warnings say what was printed otherwise than written (characters no
	// embedded font has, shown as U+FFFD), for the caller to show the user.
	Warnings []string
}

// Write renders the dossier's report to out. Photos come from src. When the
// file exceeds the budget it is rendered again with smaller photos; when even
// that does not fit, the photo annex goes to "<name>-photos.pdf" beside it.
// Files appear only when complete: nothing partial is left on error.
func Write(ctx context.Context, d *inspection.Dossier, src PhotoSource, out string, opt Options) (Result, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return Result{}, inspection.Errorf(inspection.EINVALID, "report file %q must end in .pdf", out)
	}
	sum, err := inspection.ContentHash(d)
	if err != nil {
		return Result{}, err
	}
	paths, err := checkPhotos(d, src, opt)
	if err != nil {
		return Result{}, err
	}
	j := &job{ctx: ctx, d: d, paths: paths, opt: opt, hash: sum, out: out}
	return j.run()
}

// File is one PDF written.
type File struct {
	Path  string
	Pages int
	Size  int64
}

// AnnexPath is the file the photo annex goes to when the report is split.
func AnnexPath(out string) string {
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "-photos" + ext
}

// checkPhotos resolves every photo the report prints before any work starts,
// so a missing file is reported at once with the photo's name.
func checkPhotos(d *inspection.Dossier, src PhotoSource, opt Options) (map[inspection.ID]string, error) {
	uses := planPhotos(d, partAll)
	paths := make(map[inspection.ID]string, len(uses))
	var missing []string
	for i, u := range uses {
		progress(opt, "Checking photos", i, len(uses))
		path, err := src.Working(u.photo)
		if err == nil {
			_, err = os.Stat(path)
		}
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s: %v", photoName(d, u.photo), err))
			continue
		}
		paths[u.photo.ID] = path
	}
	if len(missing) > 0 {
		return nil, inspection.Errorf(inspection.ENOTFOUND,
			"%d photo(s) of the report have no working copy: %s. Re-import these photos or remove them from the inspection, then write the report again",
			len(missing), strings.Join(missing, "; "))
	}
	return paths, nil
}

// photoName identifies a photo for a person: its number in the annex, the
// camera file name and the caption.
func photoName(d *inspection.Dossier, p inspection.Photo) string {
	s := "photo"
	if n := photoNumber(d, p.ID); n > 0 {
		s = fmt.Sprintf("photo %d", n)
	}
	if p.OriginalName != "" {
		s += fmt.Sprintf(" %q", p.OriginalName)
	}
	if p.Caption != "" {
		s += fmt.Sprintf(" (%s)", p.Caption)
	}
	return s
}

func progress(opt Options, step string, done, total int) {
	if opt.Progress != nil {
		opt.Progress(Progress{Step: step, Done: done, Total: total})
	}
}

// Note says how the photos were printed when they had to shrink to fit the
// size budget, and names any file still over it, with the resolution and
// JPEG quality actually used; "" when the photos are at their best and
// every file fits.
func (r Result) Note(budget int64) string {
	if budget <= 0 {
		budget = DefaultMaxBytes
	}
	used := fmt.Sprintf("photos at %g dpi, JPEG quality %d", r.DPI, r.Quality)
	if r.DPI == math.Round(floorQuality.dpi) && r.Quality == floorQuality.jpeg {
		used += " (the smallest Loupe prints)"
	}
	var over []string
	for _, f := range r.Files {
		if f.Size > budget {
			over = append(over, fmt.Sprintf("%s is %.1f MB", filepath.Base(f.Path), float64(f.Size)/(1<<20)))
		}
	}
	switch {
	case len(over) > 0:
		return fmt.Sprintf("%s, over the %s budget, with %s: raise the budget or remove photos", strings.Join(over, " and "), mb(budget), used)
	case r.DPI < bestQuality.dpi || r.Quality < bestQuality.jpeg:
		return fmt.Sprintf("To fit %s, %s (best: %g dpi, quality %d)", mb(budget), used, bestQuality.dpi, bestQuality.jpeg)
	}
	return ""
}

func mb(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'g', 4, 64) + " MB" }
