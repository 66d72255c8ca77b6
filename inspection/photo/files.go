// Package photo is Loupe's photo pipeline: it stores inspection photos by
// content, keeps the original as evidence, renders an upright working copy
// and a thumbnail, reads capture time and orientation from EXIF, and imports
// whole camera folders on a bounded worker pool.
package photo

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection/atomicfile"
)

// Files is the content-addressed photo store under Dir:
//
//	originals/ab/<sha256><ext>   the file as it came from the camera, byte for byte
//	working/ab/<sha256>.jpg      upright, long edge ≤ 2048 px, for screens and reports
//	thumbnails/ab/<sha256>.jpg   upright, long edge ≤ 320 px, for lists
//
// The two-character fan-out keeps directories small enough for every file
// system an inspector's laptop may have. Identical content is stored once
// whichever inspection it belongs to.
type Files struct{ Dir string }

// Original returns the absolute path of an original; ext includes the dot.
func (f Files) Original(sha, ext string) string {
	return f.path("originals", sha, strings.ToLower(ext))
}

// Working returns the absolute path of a working copy.
func (f Files) Working(sha string) string { return f.path("working", sha, ".jpg") }

// Thumbnail returns the absolute path of a thumbnail.
func (f Files) Thumbnail(sha string) string { return f.path("thumbnails", sha, ".jpg") }

func (f Files) path(kind, sha, ext string) string {
	dir, err := filepath.Abs(f.Dir)
	if err != nil { // only when the working directory is gone: keep the path usable
		dir = f.Dir
	}
	fan := "__"
	if len(sha) >= 2 {
		fan = sha[:2]
	}
	return filepath.Join(dir, kind, fan, sha+ext)
}

// complete reports whether every file of a content is on disk. Renames are
// atomic, so a file that exists is whole.
func (f Files) complete(sha, ext string) bool {
	for _, p := range []string{f.Original(sha, ext), f.Working(sha), f.Thumbnail(sha)} {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

// remove deletes the files of a content; missing files are not an error.
func (f Files) remove(sha, ext string) error {
	var errs []error
	for _, p := range []string{f.Original(sha, ext), f.Working(sha), f.Thumbnail(sha)} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// writeAtomic makes path appear whole or not at all, and durable before a
// database row can point at it (see atomicfile).
func writeAtomic(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, 0o600, write)
}

// copyOriginal stores the original bytes unless that content is already there.
func (f Files) copyOriginal(src io.ReadSeeker, sha, ext string) error {
	dst := f.Original(sha, ext)
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return writeAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
}
