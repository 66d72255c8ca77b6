package photo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// Delete removes a photo that nothing refers to, and its files once no other
// photo (in another inspection or the library) has the same content. A photo
// still linked to a finding, section, measurement, test or sample is refused:
// it is evidence for that record, so the user unlinks it first, on purpose.
func (im *Importer) Delete(ctx context.Context, photoID inspection.ID) error {
	p, err := im.Store.Photo(ctx, photoID)
	if err != nil {
		return err
	}
	links, err := im.Store.PhotoLinks(ctx, photoID)
	if err != nil {
		return err
	}
	if len(links) > 0 {
		return inspection.Errorf(inspection.ECONFLICT, "photo %s (%s) is still shown with %s: unlink it there first, then delete it",
			p.OriginalName, p.ID, describeLinks(links))
	}
	defer contentLocks.lock(im.Files.Working(p.SHA256))()
	if err := im.Store.DeletePhoto(ctx, photoID); err != nil {
		return err
	}
	return im.forget(ctx, p)
}

// Forget removes the files of photos whose rows are gone (a draft deleted
// with them): their annotated copies, and their content where no other
// row uses it.
func (im *Importer) Forget(ctx context.Context, photos []inspection.Photo) error {
	var errs []error
	for _, p := range photos {
		unlock := contentLocks.lock(im.Files.Working(p.SHA256))
		errs = append(errs, im.forget(ctx, &p))
		unlock()
	}
	return errors.Join(errs...)
}

// forget is Forget of one photo, under its content's lock.
func (im *Importer) forget(ctx context.Context, p *inspection.Photo) error {
	removeStale(im.Files.annotatedDir(), p.ID, "") // its marks went with the row
	inUse, err := im.Store.SHAInUse(ctx, p.SHA256)
	if err != nil || inUse {
		return err
	}
	if err := im.Files.remove(p.SHA256, p.Ext); err != nil {
		return fmt.Errorf("photo %s was deleted but some of its files remain (%w): they are unused and may be removed by hand", p.OriginalName, err)
	}
	return nil
}

func describeLinks(links []inspection.PhotoLink) string {
	parts := make([]string, len(links))
	for i, l := range links {
		parts[i] = fmt.Sprintf("%s %s", l.Kind, l.Target)
	}
	return strings.Join(parts, ", ")
}

// Relink moves a photo from one record to another in two durable steps;
// linking first means a failure leaves the photo on both, never on neither.
func (im *Importer) Relink(ctx context.Context, from, to inspection.PhotoLink) error {
	if from.PhotoID != to.PhotoID {
		return inspection.Errorf(inspection.EINVALID, "relinking moves one photo: %s and %s differ", from.PhotoID, to.PhotoID)
	}
	if err := im.Store.LinkPhoto(ctx, to); err != nil {
		return err
	}
	return im.Store.UnlinkPhoto(ctx, from)
}

// SetCaption changes a photo's caption.
func (im *Importer) SetCaption(ctx context.Context, photoID inspection.ID, caption string) error {
	p, err := im.Store.Photo(ctx, photoID)
	if err != nil {
		return err
	}
	p.Caption = strings.TrimSpace(caption)
	return im.Store.PutPhoto(ctx, p)
}
