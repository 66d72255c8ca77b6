package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// CreateInspection stores a new draft inspection with the records that come
// with it (sections, checklist, findings, measurements, tests, photos and
// their links) in one transaction, as inspection.Template and
// inspection.Reinspection make them: either the whole copy is there or
// nothing is.
func (db *DB) CreateInspection(ctx context.Context, d *inspection.Dossier) error {
	if err := validInspection(&d.Inspection); err != nil {
		return err
	}
	now := time.Now().UTC().Round(0)
	return db.write(ctx, func(tx *sql.Tx) error { return putNew(ctx, tx, d, now) })
}

// putNew writes a new draft with its records, for CreateInspection and
// Revise.
func putNew(ctx context.Context, tx *sql.Tx, d *inspection.Dossier, now time.Time) error {
	in := &d.Inspection
	var exists int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM inspections WHERE id = ?`, in.ID.String()).Scan(&exists)
	if err != nil {
		return err
	}
	if exists > 0 {
		return inspection.Errorf(inspection.ECONFLICT, "inspection %s exists already: a new inspection needs a new ID", in.ID)
	}
	if in.Status != inspection.Draft {
		return inspection.Errorf(inspection.EINVALID, "a new inspection starts as a draft, not %q: finalize it with Finalize once it is complete", in.Status)
	}
	created, err := putInspection(ctx, tx, in, now)
	if err != nil {
		return err
	}
	in.CreatedAt, in.UpdatedAt = created, now
	for i := range d.Sections {
		if err := putSection(ctx, tx, &d.Sections[i]); err != nil {
			return err
		}
	}
	for i := range d.Checklist {
		if err := putChecklistItem(ctx, tx, &d.Checklist[i]); err != nil {
			return err
		}
	}
	for i := range d.Findings {
		if err := putFinding(ctx, tx, &d.Findings[i]); err != nil {
			return err
		}
	}
	for i := range d.Measurements {
		if err := putMeasurement(ctx, tx, &d.Measurements[i]); err != nil {
			return err
		}
	}
	for i := range d.Tests {
		if err := putTest(ctx, tx, &d.Tests[i]); err != nil {
			return err
		}
	}
	for i := range d.Photos {
		p := &d.Photos[i]
		if p.CreatedAt.IsZero() {
			p.CreatedAt = now
		}
		if err := putPhoto(ctx, tx, p, p.CreatedAt); err != nil {
			return err
		}
	}
	for _, l := range d.Links {
		if err := linkPhoto(ctx, tx, l); err != nil {
			return err
		}
	}
	return touched(ctx, tx, in.ID)
}
