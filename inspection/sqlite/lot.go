package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// LotHistory returns the finalized lots of a supplier and product, oldest
// first, for the switching rules. A lot counts as accepted unless its
// verdict is fail (pending lots were not rejected by the sampling plan).
// Major defects drive the switching score, as they do in practice.
func (db *DB) LotHistory(ctx context.Context, supplierID, productID inspection.ID) ([]aql.Lot, error) {
	var out []aql.Lot
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT i.verdict, i.severity, i.lot_size, i.level, i.aql_major,
				(SELECT COALESCE(SUM(f.quantity), 0) FROM findings f
				 WHERE f.inspection_id = i.id AND f.class = ?)
			FROM inspections i
			WHERE i.status = ? AND i.supplier_id IS ? AND i.product_id IS ?
			ORDER BY i.date, i.created_at, i.id`,
			string(inspection.Major), string(inspection.Finalized), ref(supplierID), ref(productID))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var verdict inspection.Verdict
			var lot aql.Lot
			if err := rows.Scan(&verdict, &lot.Severity, &lot.LotSize, &lot.Level, &lot.AQL, &lot.Found); err != nil {
				return err
			}
			lot.Accepted = verdict != inspection.VerdictFail
			out = append(out, lot)
		}
		return rows.Err()
	})
	return out, err
}
