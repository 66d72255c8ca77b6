package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

const measurementCols = `id, inspection_id, position, characteristic, unit, nominal, tol_minus, tol_plus,
	ctq, vals, instrument, calibrated_on`

// PutMeasurement inserts or replaces a measurement.
func (db *DB) PutMeasurement(ctx context.Context, m *inspection.Measurement) error {
	return db.write(ctx, func(tx *sql.Tx) error { return putMeasurement(ctx, tx, m) })
}

func putMeasurement(ctx context.Context, tx *sql.Tx, m *inspection.Measurement) error {
	if err := m.Validate(); err != nil {
		return err
	}
	vals, err := encJSON(m.Values)
	if err != nil {
		return err
	}
	if err := claim(ctx, tx, "measurements", "measurement", m.ID, m.InspectionID); err != nil {
		return err
	}
	return audited(ctx, tx, recordOf("measurements", "measurement", m.InspectionID, m.ID), func() error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO measurements (`+measurementCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET position = excluded.position,
				characteristic = excluded.characteristic, unit = excluded.unit, nominal = excluded.nominal,
				tol_minus = excluded.tol_minus, tol_plus = excluded.tol_plus, ctq = excluded.ctq,
				vals = excluded.vals, instrument = excluded.instrument, calibrated_on = excluded.calibrated_on`,
			m.ID.String(), m.InspectionID.String(), m.Position, m.Characteristic, m.Unit, m.Nominal,
			m.TolMinus, m.TolPlus, boolInt(m.CTQ), vals, m.Instrument, encTime(m.CalibratedOn))
		return err
	})
}

// DeleteMeasurement removes a measurement and its photo links.
func (db *DB) DeleteMeasurement(ctx context.Context, id inspection.ID) error {
	return db.deleteChild(ctx, "measurements", "measurement", inspection.LinkMeasurement, id, nil)
}

// Measurements lists an inspection's measurements by position.
func (db *DB) Measurements(ctx context.Context, inspectionID inspection.ID) ([]inspection.Measurement, error) {
	var out []inspection.Measurement
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryMeasurements(ctx, tx, inspectionID)
		return err
	})
	return out, err
}

func queryMeasurements(ctx context.Context, tx *sql.Tx, inspectionID inspection.ID) ([]inspection.Measurement, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+measurementCols+` FROM measurements WHERE inspection_id = ? ORDER BY position, id`, inspectionID.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Measurement
	for rows.Next() {
		var m inspection.Measurement
		if err := rows.Scan(&m.ID, &m.InspectionID, &m.Position, &m.Characteristic, &m.Unit, &m.Nominal,
			&m.TolMinus, &m.TolPlus, &m.CTQ, jsonCol{&m.Values}, &m.Instrument, timeCol{&m.CalibratedOn}); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
