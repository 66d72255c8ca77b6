package sqlite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// TestPendingCountsFollowEveryChange: what waits to go follows each kind
// of change, a burst of typing folded into one audit row and a deletion
// included, from the change marks alone.
func TestPendingCountsFollowEveryChange(t *testing.T) {
	for _, path := range []string{"edited, then deleted", "finalized, then reviewed"} {
		t.Run(path, func(t *testing.T) {
			fx := bundletest.Seed(t, t.TempDir())
			db := fx.DB
			must(t, db.AddRemote(ctx, sqlite.RemoteInfo{Name: "team", URL: "dir:" + t.TempDir()}))
			var review *inspection.Review
			seq := int64(0)
			pushed := func(objs ...sqlite.SyncObject) func() { // what a push records
				return func() {
					seq++
					head := sqlite.SyncHead{Subject: fx.ID.String(), Object: fmt.Sprint("v", seq), Fingerprint: sqlite.Deleted}
					if _, err := db.Inspection(ctx, fx.ID); err == nil {
						var err error
						head.Fingerprint, head.Mark, err = db.Fingerprint(ctx, fx.ID)
						must(t, err)
					}
					if review != nil {
						objs = append(objs, sqlite.SyncObject{Object: "r", Kind: "review", Subject: fx.ID.String(), Record: review.ID.String(), Device: "d", Seq: seq})
					}
					must(t, db.RecordPush(ctx, "team", fmt.Sprint("log", seq), "d", seq, objs, []sqlite.SyncHead{head}))
				}
			}
			quantity := func(q int) func() {
				return func() {
					fs, err := db.Findings(ctx, fx.ID)
					must(t, err)
					fs[0].Quantity = q
					must(t, db.PutFinding(ctx, &fs[0]))
				}
			}
			steps := []struct {
				what                 string
				do                   func()
				inspections, reviews int
			}{
				{"never pushed", func() {}, 1, 0},
				{"pushed", pushed(), 0, 0},
				{"a finding edited", quantity(4), 1, 0},
				{"pushed again", pushed(), 0, 0},
				{"the same field typed on, folded into its audit row", quantity(5), 1, 0},
				{"pushed again", pushed(), 0, 0},
			}
			if path == "edited, then deleted" {
				steps = append(steps, []struct {
					what                 string
					do                   func()
					inspections, reviews int
				}{
					{"deleted", func() { must(t, db.DeleteInspection(ctx, fx.ID)) }, 1, 0},
					{"the deletion pushed", pushed(), 0, 0},
				}...)
			} else {
				steps = append(steps, []struct {
					what                 string
					do                   func()
					inspections, reviews int
				}{
					{"finalized", func() { must(t, db.Finalize(ctx, fx.ID, "Li Wei")) }, 1, 0},
					{"pushed again", pushed(), 0, 0},
					{"reviewed", func() {
						in, err := db.Inspection(ctx, fx.ID)
						must(t, err)
						review, err = inspection.NewReview(in, inspection.Approved, "", "Wang Fang", time.Now())
						must(t, err)
						must(t, db.AddReview(ctx, review))
					}, 1, 1}, // the review is in the inspection's audit trail too
					{"pushed with the review", pushed(), 0, 0},
				}...)
			}
			for _, s := range steps {
				s.do()
				p, err := db.PendingCounts(ctx, "team")
				must(t, err)
				if p.Inspections != s.inspections || p.Reviews != s.reviews {
					t.Errorf("%s: %d inspections and %d reviews wait to go, want %d and %d", s.what, p.Inspections, p.Reviews, s.inspections, s.reviews)
				}
			}
		})
	}
}
