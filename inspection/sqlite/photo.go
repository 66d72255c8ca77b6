package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

const photoCols = `id, inspection_id, sha256, ext, original_name, caption, taken_at, width, height, size,
	annotations, position, created_at`

func scanPhoto(sc interface{ Scan(...any) error }) (p inspection.Photo, err error) {
	err = sc.Scan(&p.ID, &p.InspectionID, &p.SHA256, &p.Ext, &p.OriginalName, &p.Caption, timeCol{&p.TakenAt},
		&p.Width, &p.Height, &p.Size, &p.Annotations, &p.Position, timeCol{&p.CreatedAt})
	return p, err
}

// PutPhoto inserts or replaces a photo row (CreatedAt is set when zero). An
// inspection, or the library, holds one photo per content: a second row with
// the same SHA-256 is refused with ECONFLICT.
func (db *DB) PutPhoto(ctx context.Context, p *inspection.Photo) error {
	created := p.CreatedAt
	if created.IsZero() {
		created = time.Now().UTC().Round(0)
	}
	err := db.write(ctx, func(tx *sql.Tx) error { return putPhoto(ctx, tx, p, created) })
	if err != nil {
		return err
	}
	p.CreatedAt = created
	return nil
}

func putPhoto(ctx context.Context, tx *sql.Tx, p *inspection.Photo, created time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	s := stored{row: recordOf("photos", "photo", p.InspectionID, p.ID), key: idKey, cols: photoColumns,
		vals: []any{p.ID.String(), ref(p.InspectionID), p.SHA256, p.Ext, p.OriginalName, p.Caption, encTime(p.TakenAt),
			p.Width, p.Height, p.Size, p.Annotations, p.Position, encTime(created)}}
	if fresh(ctx, p.InspectionID) {
		return insertFresh(ctx, tx, s)
	}
	if p.InspectionID != inspection.NilID {
		if err := writable(ctx, tx, p.InspectionID); err != nil {
			return err
		}
	}
	var owner inspection.ID
	err := tx.QueryRowContext(ctx, `SELECT inspection_id FROM photos WHERE id = ?`, p.ID.String()).Scan(&owner)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return err
	case owner != p.InspectionID:
		return inspection.Errorf(inspection.ECONFLICT, "photo %s belongs to %s and cannot move to %s: import it again there", p.ID, owner, p.InspectionID)
	case owner == inspection.NilID:
		if err := changingLibraryPhoto(ctx, tx, p); err != nil {
			return err
		}
	}
	return audited(ctx, tx, s.row, func() error {
		_, err := tx.ExecContext(ctx, upsertSQL(s.table, s.key, s.cols), s.vals...)
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE {
			return inspection.Errorf(inspection.ECONFLICT, "%s already holds this photo (same content, SHA-256 %s): it is kept once", place(p.InspectionID), p.SHA256)
		}
		return err
	})
}

var photoColumns = columns(photoCols)

// AddPhoto stores a new photo unless its owner holds that content already
// (see inspection.Store).
func (db *DB) AddPhoto(ctx context.Context, p *inspection.Photo) (*inspection.Photo, error) {
	created := p.CreatedAt
	if created.IsZero() {
		created = time.Now().UTC().Round(0)
	}
	var existing *inspection.Photo
	err := db.write(ctx, func(tx *sql.Tx) error {
		have, err := queryPhotos(ctx, tx, `WHERE inspection_id IS ? AND sha256 = ?`, ref(p.InspectionID), p.SHA256)
		if err != nil {
			return err
		}
		if len(have) > 0 {
			existing = &have[0]
			return nil
		}
		var taken bool
		var last sql.NullInt64
		err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM photos WHERE inspection_id IS ?1 AND position = ?2),
			(SELECT max(position) FROM photos WHERE inspection_id IS ?1)`, ref(p.InspectionID), p.Position).Scan(&taken, &last)
		if err != nil {
			return err
		}
		if taken {
			p.Position = int(last.Int64) + 1
		}
		return putPhoto(ctx, tx, p, created)
	})
	if err != nil || existing != nil {
		return existing, err
	}
	p.CreatedAt = created
	return nil, nil
}

func place(inspectionID inspection.ID) string {
	if inspectionID == inspection.NilID {
		return "the sample library"
	}
	return "inspection " + inspectionID.String()
}

// Photo loads one photo.
func (db *DB) Photo(ctx context.Context, id inspection.ID) (*inspection.Photo, error) {
	var p inspection.Photo
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = scanPhoto(tx.QueryRowContext(ctx, `SELECT `+photoCols+` FROM photos WHERE id = ?`, id.String()))
		if err == sql.ErrNoRows {
			return inspection.Errorf(inspection.ENOTFOUND, "photo %s does not exist (deleted?)", id)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// PhotoBySHA finds the photo with that content in an inspection (NilID: the
// sample library).
func (db *DB) PhotoBySHA(ctx context.Context, inspectionID inspection.ID, sha256 string) (*inspection.Photo, error) {
	var p inspection.Photo
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = scanPhoto(tx.QueryRowContext(ctx, `SELECT `+photoCols+` FROM photos WHERE inspection_id IS ? AND sha256 = ?`,
			ref(inspectionID), sha256))
		if err == sql.ErrNoRows {
			return inspection.Errorf(inspection.ENOTFOUND, "%s has no photo with SHA-256 %s", place(inspectionID), sha256)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Photos lists an inspection's photos (NilID: the sample library) by position.
func (db *DB) Photos(ctx context.Context, inspectionID inspection.ID) ([]inspection.Photo, error) {
	var out []inspection.Photo
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryPhotos(ctx, tx, `WHERE inspection_id IS ? ORDER BY position, id`, ref(inspectionID))
		return err
	})
	return out, err
}

func queryPhotos(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]inspection.Photo, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+photoCols+` FROM photos `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Photo
	for rows.Next() {
		p, err := scanPhoto(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// photoOwner returns the inspection of a photo after checking that the photo
// exists and may change (library photos always may).
func photoOwner(ctx context.Context, tx *sql.Tx, id inspection.ID) (inspection.ID, error) {
	var owner inspection.ID
	err := tx.QueryRowContext(ctx, `SELECT inspection_id FROM photos WHERE id = ?`, id.String()).Scan(&owner)
	switch {
	case err == sql.ErrNoRows:
		return owner, inspection.Errorf(inspection.ENOTFOUND, "photo %s does not exist (deleted?)", id)
	case err != nil:
		return owner, err
	case owner == inspection.NilID:
		return owner, nil
	}
	return owner, writable(ctx, tx, owner)
}

// DeletePhoto removes a photo row and its links. The files stay: the photo
// store removes them once SHAInUse says no row needs them.
func (db *DB) DeletePhoto(ctx context.Context, id inspection.ID) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		owner, err := photoOwner(ctx, tx, id)
		if err != nil {
			return err
		}
		if owner == inspection.NilID {
			if err := sealedLibraryPhoto(ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM photo_links WHERE photo_id = ?`, id.String()); err != nil {
			return err
		}
		return audited(ctx, tx, recordOf("photos", "photo", owner, id), func() error {
			_, err := tx.ExecContext(ctx, `DELETE FROM photos WHERE id = ?`, id.String())
			return err
		})
	})
}

// SHAInUse reports whether any photo row still refers to the content.
func (db *DB) SHAInUse(ctx context.Context, sha256 string) (bool, error) {
	var n int
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM photos WHERE sha256 = ?)`, sha256).Scan(&n)
	})
	return n == 1, err
}

// LinkPhoto attaches a photo to a target; linking twice is harmless.
func (db *DB) LinkPhoto(ctx context.Context, l inspection.PhotoLink) error {
	return db.write(ctx, func(tx *sql.Tx) error { return linkPhoto(ctx, tx, l) })
}

func linkPhoto(ctx context.Context, tx *sql.Tx, l inspection.PhotoLink) error {
	if err := l.Validate(); err != nil {
		return err
	}
	owner, err := photoOwner(ctx, tx, l.PhotoID)
	if err != nil {
		return err
	}
	if l.Kind == inspection.LinkSample && owner == inspection.NilID {
		if err := newLinkToSealedSample(ctx, tx, l); err != nil {
			return err
		}
	}
	return insertLink(ctx, tx, owner, l)
}

// linkOwnPhoto links a photo of a draft inspection, owner, that this
// transaction holds: its owner is known, and it is no library photo.
func linkOwnPhoto(ctx context.Context, tx *sql.Tx, owner inspection.ID, l inspection.PhotoLink) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return insertLink(ctx, tx, owner, l)
}

func insertLink(ctx context.Context, tx *sql.Tx, owner inspection.ID, l inspection.PhotoLink) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO photo_links (photo_id, kind, target) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, l.PhotoID.String(), string(l.Kind), l.Target)
	if err != nil {
		return err
	}
	return auditLink(ctx, tx, owner, res, l, "", l.Target)
}

// UnlinkPhoto detaches a photo from a target; unlinking a missing link is harmless.
func (db *DB) UnlinkPhoto(ctx context.Context, l inspection.PhotoLink) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		owner, err := photoOwner(ctx, tx, l.PhotoID)
		if err != nil {
			return err
		}
		if l.Kind == inspection.LinkSample && owner == inspection.NilID {
			if err := sealedSample(ctx, tx, l.Target); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM photo_links WHERE photo_id = ? AND kind = ? AND target = ?`,
			l.PhotoID.String(), string(l.Kind), l.Target)
		if err != nil {
			return err
		}
		return auditLink(ctx, tx, owner, res, l, l.Target, "")
	})
}

// auditLink records a link made or removed as a change of the photo's
// "link:KIND" field; repeating a link or unlink changes nothing.
func auditLink(ctx context.Context, tx *sql.Tx, owner inspection.ID, res sql.Result, l inspection.PhotoLink, old, nw string) error {
	if owner == inspection.NilID {
		return nil
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return writeAudit(ctx, tx, recordOf("photos", "photo", owner, l.PhotoID), inspection.AuditUpdate, "link:"+string(l.Kind), old, nw)
}

// PhotoLinks lists what a photo is attached to.
func (db *DB) PhotoLinks(ctx context.Context, photoID inspection.ID) ([]inspection.PhotoLink, error) {
	var out []inspection.PhotoLink
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryLinks(ctx, tx, `WHERE photo_id = ? ORDER BY kind, target`, photoID.String())
		return err
	})
	return out, err
}

func queryLinks(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]inspection.PhotoLink, error) {
	rows, err := tx.QueryContext(ctx, `SELECT photo_id, kind, target FROM photo_links `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.PhotoLink
	for rows.Next() {
		var l inspection.PhotoLink
		if err := rows.Scan(&l.PhotoID, &l.Kind, &l.Target); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
