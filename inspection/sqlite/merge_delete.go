package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// deletable are the records an inspection owns by their own ID, which a
// merge may remove, by the entity names merges use, with their table and
// the link kind that points at them.
var deletable = map[string]struct {
	table string
	link  inspection.LinkKind
}{
	"checklist_item": {"checklist_items", ""},
	"finding":        {"findings", inspection.LinkFinding},
	"measurement":    {"measurements", inspection.LinkMeasurement},
	"test":           {"tests", inspection.LinkTest},
	"signature":      {"signatures", ""},
	"photo":          {"photos", ""},
}

// deleteRecord removes one record of inspection owner (a draft), audited,
// with the photo links that would point at nothing: what a merge does when
// the other side deleted it, and what keeping an incoming deletion does.
func deleteRecord(ctx context.Context, tx *sql.Tx, entity, id string, owner inspection.ID) error {
	if err := writable(ctx, tx, owner); err != nil {
		return err
	}
	if entity == "photo_link" {
		return deleteLink(ctx, tx, id, owner)
	}
	d, ok := deletable[entity]
	if !ok {
		return inspection.Errorf(inspection.EINVALID, "a %s cannot be deleted by a merge", entity)
	}
	rid, err := inspection.ParseID(id)
	if err != nil {
		return err
	}
	var have inspection.ID
	err = tx.QueryRowContext(ctx, `SELECT inspection_id FROM `+d.table+` WHERE id = ?`, id).Scan(&have)
	switch {
	case err == sql.ErrNoRows:
		return nil
	case err != nil:
		return err
	case have != owner:
		return inspection.Errorf(inspection.EINVALID, "%s %s belongs to another inspection: it was not deleted", entity, id)
	}
	if entity == "photo" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM photo_links WHERE photo_id = ?`, id); err != nil {
			return err
		}
	}
	if d.link != "" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM photo_links WHERE kind = ? AND target = ?`, string(d.link), id); err != nil {
			return err
		}
	}
	return audited(ctx, tx, recordOf(d.table, entity, owner, rid), func() error {
		_, err := tx.ExecContext(ctx, `DELETE FROM `+d.table+` WHERE id = ?`, id)
		return err
	})
}

// deleteLink removes a link named "PHOTO/KIND/TARGET" of one of owner's photos.
func deleteLink(ctx context.Context, tx *sql.Tx, id string, owner inspection.ID) error {
	parts := strings.SplitN(id, "/", 3)
	if len(parts) != 3 {
		return inspection.Errorf(inspection.EINVALID, "photo link %q is not PHOTO/KIND/TARGET", id)
	}
	photoID, err := inspection.ParseID(parts[0])
	if err != nil {
		return err
	}
	have, err := photoOwner(ctx, tx, photoID)
	if inspection.ErrorCode(err) == inspection.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if have != owner {
		return inspection.Errorf(inspection.EINVALID, "photo %s belongs to another inspection: its link was not deleted", photoID)
	}
	l := inspection.PhotoLink{PhotoID: photoID, Kind: inspection.LinkKind(parts[1]), Target: parts[2]}
	res, err := tx.ExecContext(ctx, `DELETE FROM photo_links WHERE photo_id = ? AND kind = ? AND target = ?`, parts[0], parts[1], parts[2])
	if err != nil {
		return err
	}
	return auditLink(ctx, tx, owner, res, l, l.Target, "")
}
