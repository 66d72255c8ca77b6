package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// Bundle is a .loupe file that passed every check of Read. Its photo and PDF
// entries stay in the zip until InstallPhotos or ExtractPDF copy them out.
type Bundle struct {
	Dossier   *inspection.Dossier
	Finalized *inspection.Manifest // nil unless the inspection was finalized
	Files     map[string]string    // the manifest: entry name → SHA-256

	entries map[string]*zip.File
	limits  Limits
	closer  io.Closer
}

// Close releases the file.
func (b *Bundle) Close() error {
	if b.closer == nil {
		return nil
	}
	return b.closer.Close()
}

// Has reports whether the bundle carries an entry, e.g. ReportEntry.
func (b *Bundle) Has(name string) bool { _, ok := b.entries[name]; return ok }

// Read opens and checks a bundle: names, types and sizes of every entry,
// then each entry's SHA-256 against the manifest, then the schema and the
// data. Nothing is written anywhere; a hostile file is refused with an
// EINVALID error saying what is wrong with it.
func Read(file string, l Limits) (*Bundle, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	b, err := ReadFrom(f, st.Size(), l)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	b.closer = f
	return b, nil
}

// ReadFrom is Read over any random-access source.
func ReadFrom(r io.ReaderAt, size int64, l Limits) (*Bundle, error) {
	l = l.orDefault()
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // insecure names get a precise message below
		return nil, refuse("it is not a Loupe bundle (not a readable zip file: %v)", err)
	}
	b := &Bundle{entries: map[string]*zip.File{}, limits: l}
	if err := b.checkEntries(zr.File); err != nil {
		return nil, err
	}
	if err := b.checkManifest(); err != nil {
		return nil, err
	}
	doc, err := b.checkContent()
	if err != nil {
		return nil, err
	}
	if err := b.load(doc); err != nil {
		return nil, err
	}
	return b, nil
}

// refuse is the error of a bundle that must not be imported.
func refuse(format string, args ...any) error {
	return inspection.Errorf(inspection.EINVALID, "bundle refused: "+format, args...)
}

// checkEntries looks at the central directory only: no byte is
// decompressed before every name, type and declared size is acceptable.
func (b *Bundle) checkEntries(files []*zip.File) error {
	if len(files) > b.limits.Entries {
		return refuse("it has %d entries, more than the %d allowed", len(files), b.limits.Entries)
	}
	var total uint64
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return err
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return refuse("entry %q is a symbolic link, which could point outside the data folder", f.Name)
		}
		if !f.Mode().IsRegular() {
			return refuse("entry %q is not a regular file (%v)", f.Name, f.Mode().Type())
		}
		if _, dup := b.entries[f.Name]; dup {
			return refuse("entry %q appears twice: which copy is meant is ambiguous", f.Name)
		}
		if f.UncompressedSize64 > uint64(b.limits.Entry) {
			return refuse("entry %q declares %d bytes, more than the %d allowed per entry", f.Name, f.UncompressedSize64, b.limits.Entry)
		}
		total += f.UncompressedSize64
		if total > uint64(b.limits.Total) {
			return refuse("its entries declare more than the %d bytes allowed in total", b.limits.Total)
		}
		b.entries[f.Name] = f
	}
	return nil
}

// checkName refuses names that could land outside the target folder on any
// operating system, then anything a Loupe bundle does not contain.
func checkName(name string) error {
	switch {
	case name == "":
		return refuse("an entry has no name")
	case strings.ContainsAny(name, "\\\x00"):
		return refuse("entry %q contains a backslash or NUL, which Windows reads as a path separator", name)
	case strings.HasPrefix(name, "/") || len(name) >= 2 && name[1] == ':':
		return refuse("entry %q is an absolute path", name)
	case strings.Contains("/"+name+"/", "/../") || path.Clean(name) != name:
		return refuse("entry %q escapes the bundle's folder (zip slip)", name)
	}
	switch {
	case name == DossierEntry, name == ManifestEntry, name == ReportEntry, name == AnnexEntry:
	case photoName.MatchString(name), signatureName.MatchString(name):
	default:
		return refuse("entry %q is not part of a Loupe bundle", name)
	}
	return nil
}

func (b *Bundle) checkManifest() error {
	f, ok := b.entries[ManifestEntry]
	if !ok {
		return refuse("it has no %s, so its content cannot be checked", ManifestEntry)
	}
	raw, _, err := b.read(f, b.limits.JSON)
	if err != nil {
		return err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return refuse("%s is not valid JSON: %v", ManifestEntry, err)
	}
	if err := checkSchema(ManifestEntry, m.Schema); err != nil {
		return err
	}
	for name, want := range m.Files {
		if _, ok := b.entries[name]; !ok {
			return refuse("%s lists %q, which is missing", ManifestEntry, name)
		}
		if !hexSHA.MatchString(want) {
			return refuse("%s gives %q as the SHA-256 of %q", ManifestEntry, want, name)
		}
	}
	for name := range b.entries {
		if _, ok := m.Files[name]; !ok && name != ManifestEntry {
			return refuse("entry %q is not in %s", name, ManifestEntry)
		}
	}
	b.Files = m.Files
	return nil
}

func checkSchema(entry string, v int) error {
	switch {
	case v == Schema:
		return nil
	case v > Schema:
		return refuse("%s has schema %d, newer than this Loupe reads (%d): update Loupe", entry, v, Schema)
	}
	return refuse("%s has schema %d, which no Loupe writes", entry, v)
}

// checkContent decompresses every entry once, with the size limits
// enforced on the real bytes, and compares it with the manifest. It keeps
// dossier.json.
func (b *Bundle) checkContent() ([]byte, error) {
	var total int64
	var doc []byte
	for name, f := range b.entries {
		if name == ManifestEntry {
			continue
		}
		limit := b.limits.Entry
		if name == DossierEntry {
			limit = b.limits.JSON
		}
		raw, n, err := b.hash(f, limit, name == DossierEntry)
		if err != nil {
			return nil, err
		}
		if total += n; total > b.limits.Total {
			return nil, refuse("its entries hold more than the %d bytes allowed in total", b.limits.Total)
		}
		if raw != nil {
			doc = raw
		}
	}
	if doc == nil {
		return nil, refuse("it has no %s", DossierEntry)
	}
	return doc, nil
}

// hash checks one entry's content against the manifest and, for photos,
// against the SHA-256 in its name.
func (b *Bundle) hash(f *zip.File, limit int64, keep bool) ([]byte, int64, error) {
	h := sha256.New()
	var buf *bytes.Buffer
	var w io.Writer = h
	if keep {
		buf = &bytes.Buffer{}
		w = io.MultiWriter(h, buf)
	}
	n, err := b.copy(w, f, limit)
	if err != nil {
		return nil, n, err
	}
	got := sum(h)
	if want := b.Files[f.Name]; got != want {
		return nil, n, refuse("entry %q has SHA-256 %s but the manifest says %s: the file was altered or damaged", f.Name, got, want)
	}
	if m := photoName.FindStringSubmatch(f.Name); m != nil && m[1] != got {
		return nil, n, refuse("photo %q does not hold the content its name promises (SHA-256 %s)", f.Name, got)
	}
	if buf == nil {
		return nil, n, nil
	}
	return buf.Bytes(), n, nil
}

func (b *Bundle) read(f *zip.File, limit int64) ([]byte, int64, error) {
	var buf bytes.Buffer
	n, err := b.copy(&buf, f, limit)
	return buf.Bytes(), n, err
}

// copy decompresses at most limit bytes: the declared size is only a claim.
func (b *Bundle) copy(w io.Writer, f *zip.File, limit int64) (int64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, refuse("entry %q cannot be read: %v", f.Name, err)
	}
	defer rc.Close()
	n, err := io.Copy(w, io.LimitReader(rc, limit+1))
	switch {
	case n > limit:
		return n, refuse("entry %q expands to more than %d bytes (zip bomb?)", f.Name, limit)
	case errors.Is(err, zip.ErrChecksum):
		return n, refuse("entry %q was altered or damaged: its checksum does not match", f.Name)
	case err != nil:
		return n, refuse("entry %q is damaged or larger than it declares: %v", f.Name, err)
	}
	return n, nil
}
