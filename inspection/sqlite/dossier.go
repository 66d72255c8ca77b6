package sqlite

import (
	"context"
	"database/sql"

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
