package photo

import (
	"context"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
)

// Prepare stores a photo file in the store (original, working copy,
// thumbnail) and returns its row without ID, inspection or position, for
// callers that write rows themselves, in one transaction with the rest of
// an inspection (the demo data; see sqlite's Merge). Files stored for a row
// that is never written are harmless: the content is found and reused by
// the next import of the same bytes.
func (f Files) Prepare(ctx context.Context, path string) (inspection.Photo, error) {
	if err := ctx.Err(); err != nil {
		return inspection.Photo{}, cancelled(path, err)
	}
	file, err := openRegular(path)
	if err != nil {
		return inspection.Photo{}, err
	}
	defer file.Close()
	src, err := inspect(ctx, file, filepath.Base(path))
	if err != nil {
		return inspection.Photo{}, err
	}
	defer contentLocks.lock(f.Working(src.sha))()
	meta := readMetadata(file, src.format)
	im := &Importer{Files: f}
	w, h, err := im.storeFiles(ctx, file, src, meta.orientation)
	if err != nil {
		return inspection.Photo{}, err
	}
	return inspection.Photo{SHA256: src.sha, Ext: src.format.ext, OriginalName: src.name,
		TakenAt: meta.takenAt, Width: w, Height: h, Size: src.size}, nil
}
