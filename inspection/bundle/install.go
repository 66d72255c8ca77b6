package bundle

import (
	"archive/zip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection/atomicfile"
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

func (b *Bundle) extract(f *zip.File, dest string) error {
	tmp, err := atomicfile.Create(filepath.Dir(dest))
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := b.copy(io.MultiWriter(tmp, h), f, b.limits.Entry); err != nil {
		tmp.Abort()
		return err
	}
	if got := sum(h); got != b.Files[f.Name] {
		tmp.Abort()
		return refuse("entry %q changed while it was being imported (SHA-256 %s): import the file again", f.Name, got)
	}
	return tmp.Commit(dest, 0o600)
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
