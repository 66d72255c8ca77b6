package bundle

import (
	"archive/zip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ExtractPDF copies the report (ReportEntry) or its annex to dest.
func (b *Bundle) ExtractPDF(name, dest string) error {
	f, ok := b.entries[name]
	if !ok {
		return fmt.Errorf("the bundle carries no %s", name)
	}
	return b.extract(f, dest)
}

// Open returns a reader over an entry, limited to the entry size limit.
func (b *Bundle) Open(name string) (io.ReadCloser, error) {
	f, ok := b.entries[name]
	if !ok {
		return nil, fmt.Errorf("the bundle carries no %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, b.limits.Entry), rc}, nil
}

func (b *Bundle) extract(f *zip.File, dest string) (err error) {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	if _, err := b.copy(io.MultiWriter(tmp, h), f, b.limits.Entry); err != nil {
		return err
	}
	if got := sum(h); got != b.Files[f.Name] {
		return refuse("entry %q changed while it was being imported (SHA-256 %s): import the file again", f.Name, got)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w (is the disk full?)", dest, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", dest, err)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store %s: %w", dest, err)
	}
	return nil
}
