// Package photo is Loupe's photo pipeline: it stores inspection photos by
// content, keeps the original as evidence, renders an upright working copy
// and a thumbnail, reads capture time and orientation from EXIF, and imports
// whole camera folders on a bounded worker pool.
package photo

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/ctxio"
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

// copyOriginal stores the original bytes unless that content is already
// there. A cancellation stops the copy and leaves no temporary file.
func (f Files) copyOriginal(ctx context.Context, src io.ReadSeeker, sha, ext string) error {
	dst := f.Original(sha, ext)
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return writeAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, ctxio.Reader(ctx, src))
		return err
	})
}

// openRegular opens a file to import only if it is a regular file: a named
// pipe given a photo's name would block the import forever, and a device
// would never end. It names the kind of file it refuses.
func openRegular(path string) (*os.File, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, inspection.Errorf(inspection.EINVALID, "cannot open %s: %v", Printable(path), unwrapPath(err))
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = notRegular(path, st.Mode())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// notRegular explains why a path that is not a plain file is not imported.
func notRegular(path string, mode fs.FileMode) error {
	if mode.IsDir() {
		return inspection.Errorf(inspection.EINVALID, "%s is a folder: import it as a batch to take the photos inside", Printable(filepath.Base(path)))
	}
	kind := "a special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	}
	return inspection.Errorf(inspection.EINVALID, "%s is %s, not a photo file: Loupe reads only regular files; copy the photo into a folder and import it from there", Printable(path), kind)
}
