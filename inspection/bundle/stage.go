package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/photo"
)

// Staged is a bundle's original photos copied out of the zip and checked,
// waiting in a folder of their own inside the data folder until the data is
// merged. Nothing of a bundle reaches the photo store before its data is in
// the database, so a refused or failed import leaves the store as it was.
type Staged struct {
	dir   string
	files []stagedFile
}

type stagedFile struct{ sha, ext, path string }

// stagedName is a staged original: <sha256><ext>, as in the photo store.
var stagedName = regexp.MustCompile(`^([0-9a-f]{64})(\.[a-z0-9]{1,8})$`)

// Stage copies the originals the inspection refers to into a new folder
// inside parent (a folder of the data folder, on the photo store's disk so
// that installing is a rename). Each file is hashed again as it is copied
// (the zip may have changed since Read) and must be an image of the format
// its extension names. On error the new folder is removed.
func (b *Bundle) Stage(parent string) (_ *Staged, err error) {
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w (is the disk full or read-only?)", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "import-")
	if err != nil {
		return nil, fmt.Errorf("cannot stage the bundle's photos in %s: %w", parent, err)
	}
	s := &Staged{dir: dir}
	defer func() {
		if err != nil {
			s.Discard()
		}
	}()
	if err := s.add(b.Dossier.Photos, func(p inspection.Photo, dest string) error {
		return b.extract(b.entries[PhotoEntry(p.SHA256, strings.ToLower(p.Ext))], dest)
	}, func(err error) error { return refuse("%v", err) }); err != nil {
		return nil, err
	}
	return s, nil
}

// StageWith stages the originals of photos as Stage does, from any source:
// fetch writes the original of p to dest (a new file) and must check that
// its bytes hash to p.SHA256. Each staged file must then be an image of the
// format its extension names. Sync stages the photos it downloads here,
// so they reach the photo store exactly as a bundle's do.
func StageWith(parent string, photos []inspection.Photo, fetch func(p inspection.Photo, dest string) error) (_ *Staged, err error) {
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w (is the disk full or read-only?)", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "import-")
	if err != nil {
		return nil, fmt.Errorf("cannot stage photos in %s: %w", parent, err)
	}
	s := &Staged{dir: dir}
	notPhoto := func(err error) error { return inspection.Errorf(inspection.EINVALID, "refused: %v", err) }
	if err := s.add(photos, fetch, notPhoto); err != nil {
		return nil, errors.Join(err, s.Discard())
	}
	return s, nil
}

// add stages each distinct original once; notPhoto words the refusal of
// a file that is not the image it claims to be.
func (s *Staged) add(photos []inspection.Photo, fetch func(p inspection.Photo, dest string) error, notPhoto func(error) error) error {
	seen := map[string]bool{}
	for _, p := range photos {
		ext := strings.ToLower(p.Ext)
		if seen[p.SHA256+ext] {
			continue
		}
		seen[p.SHA256+ext] = true
		dest := filepath.Join(s.dir, p.SHA256+ext)
		if err := fetch(p, dest); err != nil {
			return err
		}
		if err := photo.CheckOriginal(dest, ext, fmt.Sprintf("photo %s (%q)", p.ID, p.OriginalName)); err != nil {
			return notPhoto(err)
		}
		s.files = append(s.files, stagedFile{sha: p.SHA256, ext: ext, path: dest})
	}
	return nil
}

// Discard removes the staging folder and what it holds.
func (s *Staged) Discard() error { return os.RemoveAll(s.dir) }

// Install moves the staged originals into the photo store (content already
// there is kept), makes their working copies and thumbnails, which bundles
// do not carry, and removes the staging folder. prepared, if set, hears of
// each photo before it is prepared. It returns how many originals were
// added to the store.
func (s *Staged) Install(files photo.Files, prepared func(i, n int)) (int, error) {
	added := 0
	for _, f := range s.files {
		ok, err := install(f.path, files.Original(f.sha, f.ext))
		if err != nil {
			return added, err
		}
		if ok {
			added++
		}
	}
	for i, f := range s.files {
		if prepared != nil {
			prepared(i, len(s.files))
		}
		if err := files.Rebuild(f.sha, f.ext); err != nil {
			return added, err
		}
	}
	return added, s.Discard()
}

// install renames a staged file into the store unless the store has that
// content already; added says whether it did.
func install(staged, dest string) (added bool, err error) {
	if _, err := os.Stat(dest); err == nil {
		return false, os.Remove(staged)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return false, fmt.Errorf("cannot create the photo folder %s: %w", filepath.Dir(dest), err)
	}
	if err := os.Rename(staged, dest); err != nil {
		return false, fmt.Errorf("store %s: %w", dest, err)
	}
	return true, atomicfile.SyncDir(filepath.Dir(dest))
}

// Import stages the bundle's originals in a folder inside staging, then runs merge,
// which must write the data in one transaction, and installs the originals
// only once it has succeeded. On any failure before that, the staging
// folder is removed and the photo store is exactly as it was. A process
// killed after merge leaves the staged originals for RecoverStaged.
func (b *Bundle) Import(staging string, files photo.Files, merge func() error, prepared func(i, n int)) (int, error) {
	s, err := b.Stage(staging)
	if err != nil {
		return 0, err
	}
	if err := merge(); err != nil {
		return 0, errors.Join(err, s.Discard())
	}
	return s.Install(files, prepared)
}

// RecoverStaged finishes or undoes an import that stopped with its
// originals staged in dir: those the database refers to (inUse) go into the
// photo store, as Install would have put them, the others are dropped with
// the folder.
func RecoverStaged(dir string, files photo.Files, inUse func(sha string) (bool, error)) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		m := stagedName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		used, err := inUse(m[1])
		if err != nil {
			return err
		}
		if !used {
			continue
		}
		if _, err := install(filepath.Join(dir, e.Name()), files.Original(m[1], m[2])); err != nil {
			return err
		}
		if err := files.Rebuild(m[1], m[2]); err != nil {
			return err
		}
	}
	return os.RemoveAll(dir)
}
