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
	"strings"

	"github.com/loupeqc/loupe/inspection/photo"
)

// InstallPhotos copies the originals into the photo store; content already
// there is kept. Each file is hashed again while it is copied (the zip may
// have changed since Read) and appears under its final name only when whole.
// It returns how many files were added.
func (b *Bundle) InstallPhotos(store Originals) (int, error) {
	added := 0
	for _, p := range b.Dossier.Photos {
		ext := strings.ToLower(p.Ext)
		dest := store.Original(p.SHA256, ext)
		if _, err := os.Stat(dest); err == nil {
			continue
		}
		if err := b.extract(b.entries[PhotoEntry(p.SHA256, ext)], dest); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

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

// Install copies the originals into the photo store, then makes their
// working copies and thumbnails, which bundles do not carry (they can always
// be made again; the originals are the evidence). prepared, if set, hears of
// each photo before it is prepared. It returns how many files were added.
func (b *Bundle) Install(files photo.Files, prepared func(i, n int)) (int, error) {
	added, err := b.InstallPhotos(files)
	if err != nil {
		return added, err
	}
	for i, p := range b.Dossier.Photos {
		if prepared != nil {
			prepared(i, len(b.Dossier.Photos))
		}
		if err := files.Rebuild(p.SHA256, p.Ext); err != nil {
			return added, err
		}
	}
	return added, nil
}
