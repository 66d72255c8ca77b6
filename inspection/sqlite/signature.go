package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

const signatureCols = `id, inspection_id, role, name, signed_at, png, waived, waiver_reason`

// PutSignature inserts or replaces a signature. An empty PNG is stored as
// NULL and comes back nil.
func (db *DB) PutSignature(ctx context.Context, s *inspection.Signature) error {
	return db.write(ctx, func(tx *sql.Tx) error { return putSignature(ctx, tx, s) })
}

func putSignature(ctx context.Context, tx *sql.Tx, s *inspection.Signature) error {
	if err := s.Validate(); err != nil {
		return err
	}
	var png any
	if len(s.PNG) > 0 {
		png = s.PNG
	}
	if err := claim(ctx, tx, "signatures", "signature", s.ID, s.InspectionID); err != nil {
		return err
	}
	return audited(ctx, tx, recordOf("signatures", "signature", s.InspectionID, s.ID), func() error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO signatures (`+signatureCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET role = excluded.role, name = excluded.name,
				signed_at = excluded.signed_at, png = excluded.png, waived = excluded.waived,
				waiver_reason = excluded.waiver_reason`,
			s.ID.String(), s.InspectionID.String(), string(s.Role), s.Name, encTime(s.SignedAt), png,
			boolInt(s.Waived), s.WaiverReason)
		return err
	})
}

// Signatures lists an inspection's signatures in signing order.
func (db *DB) Signatures(ctx context.Context, inspectionID inspection.ID) ([]inspection.Signature, error) {
	var out []inspection.Signature
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = querySignatures(ctx, tx, inspectionID)
		return err
	})
	return out, err
}

func querySignatures(ctx context.Context, tx *sql.Tx, inspectionID inspection.ID) ([]inspection.Signature, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+signatureCols+` FROM signatures WHERE inspection_id = ? ORDER BY signed_at, id`, inspectionID.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Signature
	for rows.Next() {
		var s inspection.Signature
		if err := rows.Scan(&s.ID, &s.InspectionID, &s.Role, &s.Name, timeCol{&s.SignedAt}, &s.PNG,
			&s.Waived, &s.WaiverReason); err != nil {
			return nil, err
		}
		if len(s.PNG) == 0 {
			s.PNG = nil
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
