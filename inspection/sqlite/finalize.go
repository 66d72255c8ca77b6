package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// Finalize closes a draft inspection in one transaction: it checks the
// finalization rules, sets Status, FinishedAt (when not entered),
// FinalizedAt and FinalizedBy, and stores the verdict and the manifest.
// by is also the audit actor unless ctx already names one. Callers back up
// the database afterwards (RotateBackups).
func (db *DB) Finalize(ctx context.Context, id inspection.ID, by string) error {
	ctx = withDefaultActor(ctx, by)
	now := time.Now().UTC().Round(0)
	proposal, err := db.proposalFor(ctx, id)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var d inspection.Dossier
		if err := loadDossier(ctx, tx, id, &d); err != nil {
			return err
		}
		in := &d.Inspection
		if in.Status == inspection.Finalized {
			return inspection.Errorf(inspection.ECONFLICT, "inspection %s was already finalized on %s by %s: to correct it, create a revision",
				id, in.FinalizedAt.Format(time.RFC3339), in.FinalizedBy)
		}
		if err := inspection.CheckFinalize(&d).Err(in); err != nil {
			return err
		}
		if err := in.CheckSeverity(proposal); err != nil {
			return err
		}
		in.Status, in.FinalizedAt, in.FinalizedBy = inspection.Finalized, now, by
		if in.FinishedAt.IsZero() {
			in.FinishedAt = now
		}
		if _, err := putInspection(ctx, tx, in, now); err != nil {
			return err
		}
		if err := touched(ctx, tx, id); err != nil {
			return err
		}
		return storeManifest(ctx, tx, id)
	})
}

// storeManifest fingerprints the inspection as it now stands in tx.
func storeManifest(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	var d inspection.Dossier
	if err := loadDossier(ctx, tx, id, &d); err != nil {
		return err
	}
	return putManifest(ctx, tx, &d)
}

// putManifest stores the manifest of d, which must be the inspection as
// loadDossier reads it in tx.
func putManifest(ctx context.Context, tx *sql.Tx, d *inspection.Dossier) error {
	m, err := inspection.NewManifest(d)
	if err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE inspections SET manifest = ? WHERE id = ?`, string(b), d.Inspection.ID.String())
	return err
}

func withDefaultActor(ctx context.Context, by string) context.Context {
	if inspection.ActorFrom(ctx) == "" && by != "" {
		return inspection.WithActor(ctx, by)
	}
	return ctx
}

// Manifest returns the manifest Finalize stored; ENOTFOUND for a draft or an
// inspection finalized without Finalize (older Loupe, plain PutInspection).
func (db *DB) Manifest(ctx context.Context, id inspection.ID) (*inspection.Manifest, error) {
	var raw string
	err := db.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT manifest FROM inspections WHERE id = ?`, id.String()).Scan(&raw)
		if err == sql.ErrNoRows {
			return notFound(id)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if raw == "" {
		return nil, inspection.Errorf(inspection.ENOTFOUND, "inspection %s has no manifest: it is not finalized (run `loupe finalize`)", id)
	}
	var m inspection.Manifest
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, inspection.Errorf(inspection.EINTERNAL, "the stored manifest of inspection %s is damaged: %v", id, err)
	}
	return &m, nil
}

// Revise copies a finalized inspection with its sections, checklist,
// findings, measurements, tests, photos and links into a new draft that
// points back at it with the reason. Both stay. Signatures are not copied
// (see inspection.Revision): the revision is signed again or waived.
func (db *DB) Revise(ctx context.Context, id inspection.ID, reason, by string) (*inspection.Inspection, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, inspection.Errorf(inspection.EINVALID, "a revision needs a reason: say what is corrected (e.g. \"wrong PO number\")")
	}
	ctx = withDefaultActor(ctx, by)
	now := time.Now().UTC().Round(0)
	var rev *inspection.Dossier
	err := db.write(ctx, func(tx *sql.Tx) error {
		var d inspection.Dossier
		if err := loadDossier(ctx, tx, id, &d); err != nil {
			return err
		}
		if err := revisable(ctx, tx, &d.Inspection); err != nil {
			return err
		}
		rev = inspection.Revision(&d, reason)
		return putNew(ctx, tx, rev, now)
	})
	if err != nil {
		return nil, err
	}
	return db.Inspection(ctx, rev.Inspection.ID)
}

// revisable refuses drafts (edit them directly) and a second open revision,
// which would fork the corrections.
func revisable(ctx context.Context, tx *sql.Tx, in *inspection.Inspection) error {
	if in.Status != inspection.Finalized {
		return inspection.Errorf(inspection.ECONFLICT, "inspection %s is a draft: edit it directly; only finalized inspections get revisions", in.ID)
	}
	var open string
	err := tx.QueryRowContext(ctx, `SELECT id FROM inspections WHERE revision_of = ? AND status = ? LIMIT 1`,
		in.ID.String(), string(inspection.Draft)).Scan(&open)
	switch {
	case err == sql.ErrNoRows:
		return nil
	case err != nil:
		return err
	}
	return inspection.Errorf(inspection.ECONFLICT, "inspection %s already has a draft revision %s: continue that one, or delete it first", in.ID, open)
}

// proposalFor is what the switching rules propose for an inspection's
// supplier and product; a draft is not in its own history.
func (db *DB) proposalFor(ctx context.Context, id inspection.ID) (aql.Proposal, error) {
	in, err := db.Inspection(ctx, id)
	if err != nil || in.SupplierID == inspection.NilID || in.ProductID == inspection.NilID {
		return aql.Proposal{}, err
	}
	return inspection.ProposeSeverity(ctx, db, in.SupplierID, in.ProductID)
}
