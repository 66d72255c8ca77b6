package bundle

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
)

// Options say what goes into a bundle besides the data and photos.
type Options struct {
	PDF       string               // the report; "" for none
	Annex     string               // the photo annex when the report was split; "" for none
	Finalized *inspection.Manifest // the manifest Finalize stored, for finalized inspections
}

// WriteFile writes the bundle to path atomically: the file appears whole or
// not at all.
func WriteFile(ctx context.Context, path string, d *inspection.Dossier, photos Originals, opt Options) error {
	err := atomicfile.Write(path, 0o600, func(w io.Writer) error { return Write(ctx, w, d, photos, opt) })
	if err != nil {
		return fmt.Errorf("write bundle %s: %w", path, err)
	}
	return nil
}

// Write streams the bundle to w. Every original is hashed as it is copied
// and must still match the SHA-256 recorded at import: a photo changed on
// disk is evidence tampered with, and is refused rather than exported.
func Write(ctx context.Context, w io.Writer, d *inspection.Dossier, photos Originals, opt Options) error {
	zw := zip.NewWriter(w)
	bw := &writer{zw: zw, sums: map[string]string{}}
	if err := bw.dossier(d, opt.Finalized); err != nil {
		return err
	}
	if err := bw.signatures(d); err != nil {
		return err
	}
	if err := bw.photos(ctx, d, photos); err != nil {
		return err
	}
	for _, f := range [][2]string{{ReportEntry, opt.PDF}, {AnnexEntry, opt.Annex}} {
		if f[1] == "" {
			continue
		}
		if err := bw.file(f[0], f[1], ""); err != nil {
			return err
		}
	}
	if err := bw.manifest(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

type writer struct {
	zw   *zip.Writer
	sums map[string]string
}

// entry opens an entry whose SHA-256 is recorded when done is called.
func (bw *writer) entry(name string, method uint16) (io.Writer, func(), error) {
	w, err := bw.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	if err != nil {
		return nil, nil, fmt.Errorf("write bundle entry %s: %w", name, err)
	}
	h := sha256.New()
	return io.MultiWriter(w, h), func() { bw.sums[name] = sum(h) }, nil
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

func (bw *writer) bytes(name string, b []byte) error {
	w, done, err := bw.entry(name, zip.Deflate)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write bundle entry %s: %w", name, err)
	}
	done()
	return nil
}

func (bw *writer) dossier(d *inspection.Dossier, fin *inspection.Manifest) error {
	c := *d
	c.Signatures = nil // nil stays nil: the finalization manifest hashed it so
	for _, s := range d.Signatures {
		s.PNG = nil
		c.Signatures = append(c.Signatures, s)
	}
	b, err := json.MarshalIndent(document{Schema: Schema, Dossier: &c, Finalized: fin}, "", "\t")
	if err != nil {
		return fmt.Errorf("encode the inspection for the bundle: %w", err)
	}
	return bw.bytes(DossierEntry, b)
}

func (bw *writer) signatures(d *inspection.Dossier) error {
	for _, s := range d.Signatures {
		if len(s.PNG) == 0 {
			continue
		}
		if err := bw.bytes(signatureEntry(s.ID), s.PNG); err != nil {
			return err
		}
	}
	return nil
}

func (bw *writer) photos(ctx context.Context, d *inspection.Dossier, photos Originals) error {
	for _, p := range d.Photos {
		if err := ctx.Err(); err != nil {
			return err
		}
		ext := strings.ToLower(p.Ext)
		if !hexSHA.MatchString(p.SHA256) || !safeExt.MatchString(ext) {
			return inspection.Errorf(inspection.EINVALID, "photo %s has SHA-256 %q and extension %q, which a bundle cannot carry: re-import the photo", p.ID, p.SHA256, p.Ext)
		}
		name := PhotoEntry(p.SHA256, ext)
		if _, done := bw.sums[name]; done {
			continue // the same content linked twice is stored once
		}
		if err := bw.file(name, photos.Original(p.SHA256, ext), p.SHA256); err != nil {
			return err
		}
	}
	return nil
}

// file copies a file into the bundle; want, when set, is the SHA-256 the
// content must have.
func (bw *writer) file(name, path, want string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot add %s to the bundle: %w", name, err)
	}
	defer f.Close()
	method := zip.Store // photos and PDFs are compressed already
	w, done, err := bw.entry(name, method)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("cannot add %s to the bundle: %w", path, err)
	}
	done()
	if want != "" && bw.sums[name] != want {
		return inspection.Errorf(inspection.ECONFLICT, "the original photo %s no longer has the SHA-256 recorded at import (%s, now %s): the file was changed on disk; restore it from a backup before exporting", path, want, bw.sums[name])
	}
	return nil
}

func (bw *writer) manifest() error {
	m := manifest{Schema: Schema, Files: bw.sums}
	b, err := json.MarshalIndent(m, "", "\t") // map keys are sorted by encoding/json
	if err != nil {
		return err
	}
	w, err := bw.zw.CreateHeader(&zip.FileHeader{Name: ManifestEntry, Method: zip.Deflate})
	if err != nil {
		return fmt.Errorf("write bundle manifest: %w", err)
	}
	_, err = w.Write(b)
	return err
}
