// Package atomicfile writes files that appear whole or not at all, and stay
// on disk once they have appeared: the data goes into a temporary file in
// the destination's folder, which is synced, renamed over the destination,
// and the folder synced. A crash leaves at most a hidden temporary file,
// never a truncated report, photo, backup or bundle under its real name,
// and a database row written afterwards never points at a file the disk
// lost.
//
// It is written here rather than taken from a library because the common
// one (google/renameio) does not support Windows, Loupe's main platform.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// tempPattern names temporary files: hidden, and recognisable as ours.
const tempPattern = ".loupe-tmp-*"

// Write makes path hold what write produces, atomically and durably, with
// permissions perm. When write fails nothing changes at path.
func Write(path string, perm fs.FileMode, write func(io.Writer) error) (err error) {
	f, err := Create(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w (is the disk full?)", path, err)
	}
	return f.Commit(path, perm)
}

// Copy copies src to dst atomically and durably.
func Copy(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return Write(dst, perm, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// File is a temporary file in its destination's folder, for writers that
// need the file itself (to hash it as it is written, or to render several
// candidates and keep one). Commit puts it in place; Abort throws it away.
type File struct {
	*os.File
}

// Create opens a new temporary file in dir, creating dir if needed.
func Create(dir string) (*File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder %s: %w (is the disk full or read-only?)", dir, err)
	}
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	return &File{f}, nil
}

// Commit syncs the file, closes it, gives it perm and renames it to path
// (replacing what was there), then syncs the folder.
func (f *File) Commit(path string, perm fs.FileMode) error {
	if err := f.Sync(); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w (is the disk full?)", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return Install(f.Name(), path, perm)
}

// Abort closes and removes the temporary file.
func (f *File) Abort() {
	f.Close()
	os.Remove(f.Name())
}

// Install puts a finished file that is already closed (a database copy
// SQLite wrote, a rendered report) in place: it syncs it, gives it perm,
// renames it to path in the same folder and syncs the folder. On error the
// finished file is removed.
func Install(finished, path string, perm fs.FileMode) error {
	if err := syncFile(finished); err != nil {
		os.Remove(finished)
		return fmt.Errorf("write %s: %w (is the disk full?)", path, err)
	}
	if err := os.Chmod(finished, perm); err != nil {
		os.Remove(finished)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(finished, path); err != nil {
		os.Remove(finished)
		return fmt.Errorf("store %s: %w", path, err)
	}
	return SyncDir(filepath.Dir(path))
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SyncDir makes renames and removals in dir durable. Windows cannot open a
// folder for syncing and journals renames itself (NTFS), so there it is a
// no-op.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) {
		return fmt.Errorf("sync the folder %s: %w", dir, err)
	}
	return nil
}
