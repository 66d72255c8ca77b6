package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// Deleted is the fingerprint of a subject's head once the inspection was
// deleted here and the remote told (or the deletion came from there):
// nothing waits to go for it.
const Deleted = "deleted"

// DeletionReport says what MergeDeletion did.
type DeletionReport struct {
	MergeReport
	// Photos are the photos whose rows went with the deleted draft: their
	// files are the caller's to remove where no other row uses them.
	Photos []inspection.Photo
}

// MergeDeletion takes in another Loupe's deletion of a draft, whose copy
// there was base when it was deleted. The copy here is deleted, audited,
// only when it is a draft whose own records and fields are exactly base's:
// nothing was changed here since. A draft changed here is kept and the
// deletion recorded as a conflict (keeping incoming deletes it); a
// finalized inspection is never deleted. mark is recorded in the same
// transaction; after a deletion the subject's head is the deletion
// (mark.Head) with the fingerprint Deleted.
func (db *DB) MergeDeletion(ctx context.Context, id inspection.ID, base *inspection.Dossier, mark *SyncMark) (DeletionReport, error) {
	if base == nil {
		return DeletionReport{}, inspection.Errorf(inspection.EINVALID, "the deletion of inspection %s names no version it deleted", id)
	}
	b, err := newBaseline(base, id)
	if err != nil {
		return DeletionReport{}, err
	}
	ctx = withDefaultActor(ctx, MergeActor)
	m := &merger{ctx: ctx, now: time.Now().UTC().Round(0), report: MergeReport{InspectionID: id}, base: b}
	var photos []inspection.Photo
	err = db.write(ctx, func(tx *sql.Tx) error {
		m.tx = tx
		if mark != nil {
			if err := markMerged(ctx, tx, mark.Remote, mark.Objects, m.now); err != nil {
				return err
			}
		}
		local, err := getInspection(ctx, tx, id)
		switch {
		case inspection.ErrorCode(err) == inspection.ENOTFOUND:
			return m.deletedHead(mark)
		case err != nil:
			return err
		case local.Status == inspection.Finalized:
			m.report.Notes = append(m.report.Notes, fmt.Sprintf("inspection %s was deleted as a draft elsewhere, but it is finalized here: a finalized inspection is never deleted", id))
			return nil
		}
		var have inspection.Dossier
		if err := loadDossier(ctx, tx, id, &have); err != nil {
			return err
		}
		if !b.matches(have.InUTC()) {
			return m.conflict("inspection", id.String(), local, nil)
		}
		for _, p := range have.Photos {
			if p.InspectionID == id {
				photos = append(photos, p)
			}
		}
		if err := deleteDraft(ctx, tx, id); err != nil {
			return err
		}
		m.report.Deleted = append(m.report.Deleted, "inspection "+id.String())
		return m.deletedHead(mark)
	})
	if err != nil {
		return DeletionReport{}, err
	}
	return DeletionReport{MergeReport: m.report, Photos: photos}, nil
}

// deletedHead records that the subject is gone here as the remote says.
func (m *merger) deletedHead(mark *SyncMark) error {
	if mark == nil {
		return nil
	}
	return putHead(m.ctx, m.tx, mark.Remote, SyncHead{Subject: m.report.InspectionID.String(), Object: mark.Head, Fingerprint: Deleted})
}

// SyncDeletion is an inspection deleted here since it was last in step
// with a remote: the remote must be told.
type SyncDeletion struct {
	Head      SyncHead // the version it was last in step with
	Supplier  string   // its supplier then, for scopes
	DeletedAt time.Time
	DeletedBy string
}

// Deletions lists the inspections deleted here that a remote has and has
// not been told of.
func (db *DB) Deletions(ctx context.Context, remote string) ([]SyncDeletion, error) {
	var out []SyncDeletion
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT h.subject, h.object, h.fingerprint, h.mark, coalesce(o.supplier, ''),
				coalesce((SELECT at FROM audit a WHERE a.inspection_id = h.subject AND a.entity = 'inspection' AND a.action = ?2
					ORDER BY a.id DESC LIMIT 1), ''),
				coalesce((SELECT who FROM audit a WHERE a.inspection_id = h.subject AND a.entity = 'inspection' AND a.action = ?2
					ORDER BY a.id DESC LIMIT 1), '')
			FROM sync_heads h
			LEFT JOIN sync_objects o ON o.remote = h.remote AND o.object = h.object
			WHERE h.remote = ?1 AND h.subject != '' AND h.fingerprint != ?3
				AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.id = h.subject)
			ORDER BY h.subject`, remote, string(inspection.AuditDelete), Deleted)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d SyncDeletion
			if err := rows.Scan(&d.Head.Subject, &d.Head.Object, &d.Head.Fingerprint, &d.Head.Mark, &d.Supplier,
				timeCol{&d.DeletedAt}, &d.DeletedBy); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}
