package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

const sampleCols = `id, product_id, kind, code, version, date, limit_text, notes, superseded_by`

func scanSample(sc interface{ Scan(...any) error }) (s inspection.Sample, err error) {
	err = sc.Scan(&s.ID, &s.ProductID, &s.Kind, &s.Code, &s.Version, timeCol{&s.Date}, &s.Limit, &s.Notes, &s.SupersededBy)
	return s, err
}

// PutSample inserts or replaces a sample.
func (db *DB) PutSample(ctx context.Context, s *inspection.Sample) error {
	return db.write(ctx, func(tx *sql.Tx) error { return putSample(ctx, tx, s) })
}

func putSample(ctx context.Context, tx *sql.Tx, s *inspection.Sample) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := changingSample(ctx, tx, s); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO samples (`+sampleCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET product_id = excluded.product_id, kind = excluded.kind,
			code = excluded.code, version = excluded.version, date = excluded.date,
			limit_text = excluded.limit_text, notes = excluded.notes, superseded_by = excluded.superseded_by`,
		s.ID.String(), ref(s.ProductID), string(s.Kind), s.Code, s.Version, encTime(s.Date), s.Limit, s.Notes, ref(s.SupersededBy))
	return err
}

// Samples lists every version of a product's samples (NilID: all samples),
// newest version first.
func (db *DB) Samples(ctx context.Context, productID inspection.ID) ([]inspection.Sample, error) {
	var out []inspection.Sample
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = querySamples(ctx, tx, `WHERE ?1 IS NULL OR product_id = ?1 ORDER BY code, version DESC, date DESC, id DESC`, ref(productID))
		return err
	})
	return out, err
}

func querySamples(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]inspection.Sample, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+sampleCols+` FROM samples `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Sample
	for rows.Next() {
		s, err := scanSample(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SupersedeSample stores next as the new version of old and marks old
// superseded, in one transaction. An unset next.ID or ProductID is filled in
// (fresh ID, old's product), and a Version not above old's becomes old's + 1.
func (db *DB) SupersedeSample(ctx context.Context, oldID inspection.ID, next *inspection.Sample) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := scanSample(tx.QueryRowContext(ctx, `SELECT `+sampleCols+` FROM samples WHERE id = ?`, oldID.String()))
		if err == sql.ErrNoRows {
			return inspection.Errorf(inspection.ENOTFOUND, "sample %s does not exist: pick a sample from the library", oldID)
		} else if err != nil {
			return err
		}
		if !old.Current() {
			return inspection.Errorf(inspection.ECONFLICT, "sample %s is already superseded by %s: supersede the newest version", old.Label(), old.SupersededBy)
		}
		if next.ID == inspection.NilID {
			next.ID = inspection.NewID()
		}
		if next.ID == oldID {
			return inspection.Errorf(inspection.EINVALID, "the new version of sample %s needs its own ID", old.Label())
		}
		if next.ProductID == inspection.NilID {
			next.ProductID = old.ProductID
		}
		if next.Version <= old.Version {
			next.Version = old.Version + 1
		}
		next.SupersededBy = inspection.NilID
		if err := putSample(ctx, tx, next); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE samples SET superseded_by = ? WHERE id = ?`, next.ID.String(), oldID.String())
		return err
	})
}
