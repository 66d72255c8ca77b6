package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// LotHistory returns the finalized lots of a supplier and product, oldest
// first, for the switching rules. ISO 2859-1 switches on lots the sampling
// plan did not accept, so a lot counts as accepted unless its defects
// rejected it under its own plan; a lot failed for packing or marking, or
// pending a client decision, was accepted by sampling. Major defects drive
// the switching score, counted as defective units (each once, under its
// worst defect), as in practice.
func (db *DB) LotHistory(ctx context.Context, supplierID, productID inspection.ID) ([]aql.Lot, error) {
	var out []aql.Lot
	err := db.read(ctx, func(tx *sql.Tx) error {
		ids, err := finalizedLots(ctx, tx, supplierID, productID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			in, err := getInspection(ctx, tx, id)
			if err != nil {
				return err
			}
			findings, err := queryFindings(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, lotOf(in, findings))
		}
		return nil
	})
	return out, err
}

func finalizedLots(ctx context.Context, tx *sql.Tx, supplierID, productID inspection.ID) ([]inspection.ID, error) {
	return inspectionIDs(ctx, tx, `
		SELECT id FROM inspections
		WHERE status = ? AND supplier_id IS ? AND product_id IS ?
		ORDER BY date, created_at, id`,
		string(inspection.Finalized), ref(supplierID), ref(productID))
}

func lotOf(in *inspection.Inspection, findings []inspection.Finding) aql.Lot {
	found := inspection.DefectiveUnits(findings)
	lot := aql.Lot{Accepted: true, Severity: in.Severity, LotSize: in.LotSize, Level: in.Level, AQL: in.AQLMajor, Found: found[aql.Major]}
	if plan, err := in.Plan(); err == nil {
		lot.Accepted = !plan.Evaluate(found).Rejected
	}
	return lot
}
