package photo

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
)

// Rebuild makes the working copy and thumbnail of an original already in
// the store, as after a bundle import, which carries originals only (the
// evidence; the renditions can always be made again). The original must
// still hash to sha: a store file that changed is reported, not rendered.
func (f Files) Rebuild(sha, ext string) error {
	if f.complete(sha, ext) {
		return nil
	}
	path := f.Original(sha, ext)
	file, err := openRegular(path)
	if err != nil {
		return fmt.Errorf("the original photo %s is missing from the photo store (%v): import the bundle or the photo again", filepath.Base(path), err)
	}
	defer file.Close()
	ctx := context.Background()
	src, err := inspect(ctx, file, filepath.Base(path))
	if err != nil {
		return err
	}
	if src.sha != sha {
		return inspection.Errorf(inspection.EINVALID, "the original photo %s no longer matches its SHA-256: the file was altered on disk", path)
	}
	defer contentLocks.lock(f.Working(sha))()
	im := &Importer{Files: f}
	_, _, err = im.storeFiles(ctx, file, src, readMetadata(file, src.format).orientation)
	return err
}
