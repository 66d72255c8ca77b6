package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

// sealedSample fails when a finalized inspection was judged against the
// sample version: its report and seal show that version as it was, so a
// change needs a new version (SupersedeSample), never an edit in place.
func sealedSample(ctx context.Context, tx *sql.Tx, sampleID string) error {
	var reportNo, id string
	err := tx.QueryRowContext(ctx, `
		SELECT report_no, id FROM inspections i
		WHERE status = 'finalized' AND (golden_sample_id = ?1
			OR EXISTS (SELECT 1 FROM findings f WHERE f.inspection_id = i.id AND f.sample_id = ?1))
		ORDER BY date LIMIT 1`, sampleID).Scan(&reportNo, &id)
	switch {
	case err == sql.ErrNoRows:
		return nil
	case err != nil:
		return err
	}
	if reportNo == "" {
		reportNo = id
	}
	return inspection.Errorf(inspection.EREADONLY,
		"this sample version was used by the finalized inspection %s, whose report shows it as it was: add a new version of the sample instead of changing this one", reportNo)
}

// sealedLibraryPhoto fails when a library photo shows a sample version a
// finalized inspection used (see sealedSample).
func sealedLibraryPhoto(ctx context.Context, tx *sql.Tx, photoID inspection.ID) error {
	rows, err := tx.QueryContext(ctx, `SELECT target FROM photo_links WHERE photo_id = ? AND kind = ?`,
		photoID.String(), string(inspection.LinkSample))
	if err != nil {
		return err
	}
	var targets []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		targets = append(targets, t)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, t := range targets {
		if err := sealedSample(ctx, tx, t); err != nil {
			return err
		}
	}
	return nil
}

// changingLibraryPhoto lets an unchanged library photo be written again (a
// merge does) and refuses a change to one a finalized inspection sealed.
func changingLibraryPhoto(ctx context.Context, tx *sql.Tx, p *inspection.Photo) error {
	old, err := scanPhoto(tx.QueryRowContext(ctx, `SELECT `+photoCols+` FROM photos WHERE id = ?`, p.ID.String()))
	if err != nil {
		return err
	}
	next := *p
	next.CreatedAt, next.TakenAt = old.CreatedAt, next.TakenAt.UTC()
	if old.TakenAt = old.TakenAt.UTC(); old == next {
		return nil
	}
	return sealedLibraryPhoto(ctx, tx, p.ID)
}

// changingSample lets an unchanged sample, or only its superseded mark, be
// written again and refuses a change to a version a finalized inspection
// used.
func changingSample(ctx context.Context, tx *sql.Tx, s *inspection.Sample) error {
	old, err := scanSample(tx.QueryRowContext(ctx, `SELECT `+sampleCols+` FROM samples WHERE id = ?`, s.ID.String()))
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	next := *s
	next.SupersededBy, next.Date = old.SupersededBy, next.Date.UTC()
	if old.Date = old.Date.UTC(); old == next {
		return nil
	}
	return sealedSample(ctx, tx, s.ID.String())
}

// newLinkToSealedSample refuses a new library photo for a sample version a
// finalized inspection used; making a link that exists again changes nothing.
func newLinkToSealedSample(ctx context.Context, tx *sql.Tx, l inspection.PhotoLink) error {
	var exists bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM photo_links WHERE photo_id = ? AND kind = ? AND target = ?)`,
		l.PhotoID.String(), string(l.Kind), l.Target).Scan(&exists)
	if err != nil || exists {
		return err
	}
	return sealedSample(ctx, tx, l.Target)
}
