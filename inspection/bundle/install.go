package bundle

import (
	"archive/zip"
	"crypto/sha256"
	"fmt"
	"io"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection/atomicfile"
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
