package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

const findingCols = `id, inspection_id, class, description, location, quantity, units, sample_id, position`

// PutFinding inserts or replaces a finding and refreshes the inspection's verdict.
func (db *DB) PutFinding(ctx context.Context, f *inspection.Finding) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := putFinding(ctx, tx, f); err != nil {
			return err
		}
		return touched(ctx, tx, f.InspectionID)
	})
}

func putFinding(ctx context.Context, tx *sql.Tx, f *inspection.Finding) error {
	if err := f.Validate(); err != nil {
		return err
	}
	units, err := encJSON(f.Units)
	if err != nil {
		return err
	}
	if err := claim(ctx, tx, "findings", "finding", f.ID, f.InspectionID); err != nil {
		return err
	}
	return audited(ctx, tx, recordOf("findings", "finding", f.InspectionID, f.ID), func() error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO findings (`+findingCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET class = excluded.class, description = excluded.description,
				location = excluded.location, quantity = excluded.quantity, units = excluded.units,
				sample_id = excluded.sample_id, position = excluded.position`,
			f.ID.String(), f.InspectionID.String(), string(f.Class), f.Description, f.Location, f.Quantity,
			units, ref(f.SampleID), f.Position)
		return err
	})
}

// DeleteFinding removes a finding and its photo links, and refreshes the verdict.
func (db *DB) DeleteFinding(ctx context.Context, id inspection.ID) error {
	return db.deleteChild(ctx, "findings", "finding", inspection.LinkFinding, id, func(tx *sql.Tx, owner inspection.ID) error {
		return touched(ctx, tx, owner)
	})
}

// Findings lists an inspection's findings by position.
func (db *DB) Findings(ctx context.Context, inspectionID inspection.ID) ([]inspection.Finding, error) {
	var out []inspection.Finding
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryFindings(ctx, tx, inspectionID)
		return err
	})
	return out, err
}

func queryFindings(ctx context.Context, tx *sql.Tx, inspectionID inspection.ID) ([]inspection.Finding, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+findingCols+` FROM findings WHERE inspection_id = ? ORDER BY position, id`, inspectionID.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Finding
	for rows.Next() {
		var f inspection.Finding
		if err := rows.Scan(&f.ID, &f.InspectionID, &f.Class, &f.Description, &f.Location, &f.Quantity,
			jsonCol{&f.Units}, &f.SampleID, &f.Position); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
