package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

const testCols = `id, inspection_id, position, kind, name, sample_size, result, notes, expected, observed`

// PutTest inserts or replaces an on-site test.
func (db *DB) PutTest(ctx context.Context, t *inspection.Test) error {
	return db.write(ctx, func(tx *sql.Tx) error { return putTest(ctx, tx, t) })
}

func putTest(ctx context.Context, tx *sql.Tx, t *inspection.Test) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := claim(ctx, tx, "tests", "test", t.ID, t.InspectionID); err != nil {
		return err
	}
	return audited(ctx, tx, recordOf("tests", "test", t.InspectionID, t.ID), func() error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO tests (`+testCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET position = excluded.position, kind = excluded.kind,
				name = excluded.name, sample_size = excluded.sample_size, result = excluded.result,
				notes = excluded.notes, expected = excluded.expected, observed = excluded.observed`,
			t.ID.String(), t.InspectionID.String(), t.Position, string(t.Kind), t.Name, t.SampleSize,
			string(t.Result), t.Notes, t.Expected, t.Observed)
		return err
	})
}

// DeleteTest removes a test and its photo links.
func (db *DB) DeleteTest(ctx context.Context, id inspection.ID) error {
	return db.deleteChild(ctx, "tests", "test", inspection.LinkTest, id, nil)
}

// Tests lists an inspection's tests by position.
func (db *DB) Tests(ctx context.Context, inspectionID inspection.ID) ([]inspection.Test, error) {
	var out []inspection.Test
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryTests(ctx, tx, inspectionID)
		return err
	})
	return out, err
}

func queryTests(ctx context.Context, tx *sql.Tx, inspectionID inspection.ID) ([]inspection.Test, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+testCols+` FROM tests WHERE inspection_id = ? ORDER BY position, id`, inspectionID.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Test
	for rows.Next() {
		var t inspection.Test
		if err := rows.Scan(&t.ID, &t.InspectionID, &t.Position, &t.Kind, &t.Name, &t.SampleSize,
			&t.Result, &t.Notes, &t.Expected, &t.Observed); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
