package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// Dossier loads an inspection with everything it refers to, from one
// snapshot of the database.
func (db *DB) Dossier(ctx context.Context, id inspection.ID) (*inspection.Dossier, error) {
	var d inspection.Dossier
	err := db.read(ctx, func(tx *sql.Tx) error { return loadDossier(ctx, tx, id, &d) })
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func loadDossier(ctx context.Context, tx *sql.Tx, id inspection.ID, d *inspection.Dossier) error {
	in, err := getInspection(ctx, tx, id)
	if err != nil {
		return err
	}
	d.Inspection = *in
	if d.Client, err = getClient(ctx, tx, in.ClientID); err != nil {
		return err
	}
	if d.Supplier, err = getSupplier(ctx, tx, in.SupplierID); err != nil {
		return err
	}
	if d.Factory, err = getFactory(ctx, tx, in.FactoryID); err != nil {
		return err
	}
	if d.Product, err = getProduct(ctx, tx, in.ProductID); err != nil {
		return err
	}
	if d.Sections, err = querySections(ctx, tx, id); err != nil {
		return err
	}
	if d.Checklist, err = queryChecklist(ctx, tx, id); err != nil {
		return err
	}
	if d.Findings, err = queryFindings(ctx, tx, id); err != nil {
		return err
	}
	if d.Measurements, err = queryMeasurements(ctx, tx, id); err != nil {
		return err
	}
	if d.Tests, err = queryTests(ctx, tx, id); err != nil {
		return err
	}
	if d.Signatures, err = querySignatures(ctx, tx, id); err != nil {
		return err
	}
	// The golden sample, the samples findings were judged against, and every
	// version of the product's samples, so the report can show what changed.
	d.Samples, err = querySamples(ctx, tx, `
		WHERE id = ?1
			OR id IN (SELECT sample_id FROM findings WHERE inspection_id = ?2)
			OR (?3 IS NOT NULL AND product_id = ?3)
		ORDER BY code, version DESC, id`, ref(in.GoldenSampleID), id.String(), ref(in.ProductID))
	if err != nil {
		return err
	}
	sampleIDs := make([]string, len(d.Samples))
	for i, s := range d.Samples {
		sampleIDs[i] = s.ID.String()
	}
	samples, err := encJSON(sampleIDs)
	if err != nil {
		return err
	}
	// Library photos of those samples; a photo of another inspection linked
	// to one of them stays that inspection's, or an edit there would change
	// this inspection's report and, finalized, its seal.
	d.Photos, err = queryPhotos(ctx, tx, `
		WHERE inspection_id = ?1
			OR inspection_id IS NULL AND id IN (SELECT photo_id FROM photo_links WHERE kind = ?2 AND target IN (SELECT value FROM json_each(?3)))
		ORDER BY inspection_id IS NULL, position, id`, id.String(), string(inspection.LinkSample), samples)
	if err != nil {
		return err
	}
	photoIDs := make([]string, len(d.Photos))
	for i, p := range d.Photos {
		photoIDs[i] = p.ID.String()
	}
	photos, err := encJSON(photoIDs)
	if err != nil {
		return err
	}
	d.Links, err = queryLinks(ctx, tx, `WHERE photo_id IN (SELECT value FROM json_each(?)) ORDER BY photo_id, kind, target`, photos)
	return err
}

// The orders loadDossier's queries read an inspection's records in, for a
// dossier put together from what a merge has just written (see
// merger.asWritten): its manifest must be the one loadDossier would give.

func findingOrder(a, b inspection.Finding) int {
	return positionThenID(a.Position, b.Position, a.ID, b.ID)
}

func checklistOrder(a, b inspection.ChecklistItem) int {
	return positionThenID(a.Position, b.Position, a.ID, b.ID)
}

func measurementOrder(a, b inspection.Measurement) int {
	return positionThenID(a.Position, b.Position, a.ID, b.ID)
}

func testOrder(a, b inspection.Test) int { return positionThenID(a.Position, b.Position, a.ID, b.ID) }

func photoOrder(a, b inspection.Photo) int {
	return positionThenID(a.Position, b.Position, a.ID, b.ID)
}

func signatureOrder(a, b inspection.Signature) int {
	return cmp.Or(strings.Compare(encTime(a.SignedAt), encTime(b.SignedAt)), idOrder(a.ID, b.ID))
}

func linkOrder(a, b inspection.PhotoLink) int {
	return cmp.Or(idOrder(a.PhotoID, b.PhotoID), strings.Compare(string(a.Kind), string(b.Kind)), strings.Compare(a.Target, b.Target))
}

func sampleOrder(a, b inspection.Sample) int {
	return cmp.Or(strings.Compare(a.Code, b.Code), cmp.Compare(b.Version, a.Version), idOrder(a.ID, b.ID))
}

func positionThenID(pa, pb int, a, b inspection.ID) int {
	return cmp.Or(cmp.Compare(pa, pb), idOrder(a, b))
}

// idOrder is the order of IDs stored as text: a UUID's text is its bytes
// in fixed-width lower-case hex, so it sorts as the bytes do.
func idOrder(a, b inspection.ID) int { return bytes.Compare(a[:], b[:]) }

// inStoredOrder is a sorted copy of xs, nil when empty, as a query returns it.
func inStoredOrder[T any](xs []T, order func(a, b T) int) []T {
	if len(xs) == 0 {
		return nil
	}
	out := slices.Clone(xs)
	slices.SortStableFunc(out, order)
	return out
}
