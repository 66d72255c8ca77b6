package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

const reviewCols = `id, inspection_id, decision, comments, reviewer, reviewed_at`

// AddReview stores the office's decision on a finalized inspection, in its
// audit trail under the reviewer's name.
func (db *DB) AddReview(ctx context.Context, r *inspection.Review) error {
	if err := r.Validate(); err != nil {
		return err
	}
	ctx = inspection.WithActor(ctx, r.Reviewer)
	return db.write(ctx, func(tx *sql.Tx) error {
		in, err := getInspection(ctx, tx, r.InspectionID)
		if err != nil {
			return err
		}
		if err := r.Of(in); err != nil {
			return err
		}
		return insertReview(ctx, tx, r)
	})
}

func insertReview(ctx context.Context, tx *sql.Tx, r *inspection.Review) error {
	return audited(ctx, tx, recordOf("reviews", "review", r.InspectionID, r.ID), func() error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reviews (`+reviewCols+`) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID.String(), r.InspectionID.String(), string(r.Decision), r.Comments, r.Reviewer, encTime(r.ReviewedAt))
		return err
	})
}

// MergeReview stores a review another Loupe recorded: added when new,
// skipped when known, a conflict (both kept) if a review with its ID says
// otherwise here. The inspection must be here (ENOTFOUND until it is) and
// finalized (ECONFLICT while it is a draft here), and the review must pass
// the rules of one recorded here (Review.Of: EINVALID). mark, when set, is recorded in the same transaction.
func (db *DB) MergeReview(ctx context.Context, r *inspection.Review, mark *SyncMark) (MergeReport, error) {
	if err := r.Validate(); err != nil {
		return MergeReport{}, err
	}
	v := *r
	v.ReviewedAt = v.ReviewedAt.UTC()
	ctx = inspection.WithActor(ctx, v.Reviewer)
	m := &merger{ctx: ctx, now: time.Now().UTC().Round(0), report: MergeReport{InspectionID: v.InspectionID}}
	err := db.write(ctx, func(tx *sql.Tx) error {
		m.tx = tx
		in, err := getInspection(ctx, tx, v.InspectionID)
		if err != nil {
			return err
		}
		if err := v.Of(in); err != nil {
			return err
		}
		have, err := queryReviews(ctx, tx, `WHERE id = ?`, v.ID.String())
		if err != nil {
			return err
		}
		if err := m.record("review", v.ID.String(), first(have), len(have) > 0, v, func() error { return insertReview(ctx, tx, &v) }); err != nil {
			return err
		}
		if mark == nil {
			return nil
		}
		return markMerged(ctx, tx, mark.Remote, mark.Objects, m.now)
	})
	if err != nil {
		return MergeReport{}, err
	}
	return m.report, nil
}

// Reviews lists an inspection's reviews, oldest first (NilID: all).
func (db *DB) Reviews(ctx context.Context, inspectionID inspection.ID) ([]inspection.Review, error) {
	var out []inspection.Review
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryReviews(ctx, tx, `WHERE ?1 IS NULL OR inspection_id = ?1 ORDER BY reviewed_at, id`, ref(inspectionID))
		return err
	})
	return out, err
}

func queryReviews(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]inspection.Review, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reviewCols+` FROM reviews `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Review
	for rows.Next() {
		var r inspection.Review
		if err := rows.Scan(&r.ID, &r.InspectionID, &r.Decision, &r.Comments, &r.Reviewer, timeCol{&r.ReviewedAt}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewItem is one finalized field report with where it stands.
type ReviewItem struct {
	inspection.Summary
	Review  inspection.Standing `json:"review"`
	Reviews []inspection.Review `json:"reviews"` // every decision, oldest first
}

// ReviewList lists finalized field reports with their review standing,
// oldest first: the office's queue (only those awaiting review) unless all.
func (db *DB) ReviewList(ctx context.Context, all bool) ([]ReviewItem, error) {
	sums, err := db.ListInspections(ctx, inspection.Filter{Status: inspection.Finalized})
	if err != nil {
		return nil, err
	}
	reviews, err := db.Reviews(ctx, inspection.NilID)
	if err != nil {
		return nil, err
	}
	byInspection := map[inspection.ID][]inspection.Review{}
	for _, r := range reviews {
		byInspection[r.InspectionID] = append(byInspection[r.InspectionID], r)
	}
	var revisedIDs []inspection.ID
	err = db.read(ctx, func(tx *sql.Tx) (err error) {
		revisedIDs, err = inspectionIDs(ctx, tx, `SELECT DISTINCT revision_of FROM inspections WHERE revision_of IS NOT NULL`)
		return err
	})
	if err != nil {
		return nil, err
	}
	revised := map[inspection.ID]bool{}
	for _, id := range revisedIDs {
		revised[id] = true
	}
	var out []ReviewItem
	for i := len(sums) - 1; i >= 0; i-- {
		s := sums[i]
		rs := byInspection[s.ID]
		st := inspection.ReviewStanding(&inspection.Inspection{ID: s.ID, Status: s.Status}, rs, revised[s.ID])
		if all || st.State == inspection.AwaitingReview {
			out = append(out, ReviewItem{Summary: s, Review: st, Reviews: rs})
		}
	}
	return out, nil
}
