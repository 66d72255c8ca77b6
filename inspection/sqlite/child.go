package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// claim checks that a child record of an inspection may be written: the
// inspection exists and is a draft, and an existing record with that ID
// belongs to the same inspection (moving it would let an edit slip past a
// finalized inspection).
func claim(ctx context.Context, tx *sql.Tx, table, what string, id, inspectionID inspection.ID) error {
	if err := needID(what, id); err != nil {
		return err
	}
	if inspectionID == inspection.NilID {
		return inspection.Errorf(inspection.EINVALID, "the %s %s belongs to no inspection: set its InspectionID", what, id)
	}
	if err := writable(ctx, tx, inspectionID); err != nil {
		return err
	}
	var owner inspection.ID
	err := tx.QueryRowContext(ctx, `SELECT inspection_id FROM `+table+` WHERE id = ?`, id.String()).Scan(&owner)
	switch {
	case err == sql.ErrNoRows:
		return nil
	case err != nil:
		return err
	case owner != inspectionID:
		return inspection.Errorf(inspection.ECONFLICT, "the %s %s belongs to inspection %s and cannot move to %s: create a new one", what, id, owner, inspectionID)
	}
	return nil
}

// release checks that a child record exists and its inspection is a draft,
// and returns the inspection.
func release(ctx context.Context, tx *sql.Tx, table, what string, id inspection.ID) (inspection.ID, error) {
	var owner inspection.ID
	err := tx.QueryRowContext(ctx, `SELECT inspection_id FROM `+table+` WHERE id = ?`, id.String()).Scan(&owner)
	switch {
	case err == sql.ErrNoRows:
		return owner, inspection.Errorf(inspection.ENOTFOUND, "%s %s does not exist (already deleted?)", what, id)
	case err != nil:
		return owner, err
	}
	return owner, writable(ctx, tx, owner)
}

// deleteChild removes a child record and the photo links that point at it.
func (db *DB) deleteChild(ctx context.Context, table, what string, kind inspection.LinkKind, id inspection.ID, after func(tx *sql.Tx, owner inspection.ID) error) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		owner, err := release(ctx, tx, table, what, id)
		if err != nil {
			return err
		}
		r := recordOf(table, strings.ReplaceAll(what, " ", "_"), owner, id)
		err = audited(ctx, tx, r, func() error {
			_, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id.String())
			return err
		})
		if err != nil {
			return err
		}
		if kind != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM photo_links WHERE kind = ? AND target = ?`, string(kind), id.String()); err != nil {
				return err
			}
		}
		if after != nil {
			return after(tx, owner)
		}
		return nil
	})
}
