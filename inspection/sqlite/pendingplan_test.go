package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPendingCountsReadNoAuditRow reads SQLite's plan of the count the
// window asks for at every return to the list: each inspection's audit
// trail is entered through its index alone (the newest ID is in it), and
// no audit row is read, however long the trail.
func TestPendingCountsReadNoAuditRow(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plan := queryPlan(t, db, pendingCountsSQL, "team", Deleted)
	seen := false
	for _, line := range plan {
		if strings.Contains(line, "audit") {
			seen = true
			if !strings.HasPrefix(line, "SEARCH audit USING COVERING INDEX audit_inspection") {
				t.Errorf("%q reads the audit trail's rows:\n%s", line, strings.Join(plan, "\n"))
			}
		}
	}
	if !seen {
		t.Errorf("the count does not look at the change marks:\n%s", strings.Join(plan, "\n"))
	}
}

// queryPlan is SQLite's plan of a query, one line per step.
func queryPlan(t *testing.T, db *DB, query string, args ...any) []string {
	t.Helper()
	ctx := context.Background()
	var plan []string
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		plan, err = queryAll(ctx, tx, func(sc scanner) (string, error) {
			var id, parent, unused int
			var detail string
			err := sc.Scan(&id, &parent, &unused, &detail)
			return detail, err
		}, `EXPLAIN QUERY PLAN `+query, args...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// BenchmarkPendingCounts counts what waits to go at 2,000 pushed
// inspections of 50 audit rows each, and reports it against the count as it was made
// before (the newest row's time read from every row of each trail),
// measured in the same run: x_faster is that one's time over this one's.
func BenchmarkPendingCounts(b *testing.B) {
	ctx := context.Background()
	db, err := Open(filepath.Join(b.TempDir(), "loupe.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const inspections, rows = 2000, 50
	now := time.Now().UTC()
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO remotes (name, url, created_at) VALUES ('team', 'dir:x', ?)`, encTime(now)); err != nil {
			return err
		}
		for i := range inspections {
			id := fmt.Sprintf("01900000-0000-7000-8000-%012d", i)
			if _, err := tx.ExecContext(ctx, `INSERT INTO inspections (id, status, date, created_at, updated_at) VALUES (?, 'draft', ?, ?, ?)`,
				id, encTime(now), encTime(now), encTime(now)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_heads (remote, subject, object, fingerprint, mark) VALUES ('team', ?, 'v', 'f', 'm')`, id); err != nil {
				return err
			}
			for j := range rows {
				if _, err := tx.ExecContext(ctx, `INSERT INTO audit (inspection_id, at, action, entity, entity_id, field, old, new)
					VALUES (?, ?, 'update', 'finding', ?, 'quantity', '1', '2')`, id, encTime(now.Add(time.Duration(j))), id); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	before := strings.ReplaceAll(pendingCountsSQL, `SELECT max(id) FROM audit`, `SELECT max(id) || '/' || max(at) FROM audit`)
	if before == pendingCountsSQL {
		b.Fatal("the baseline query is the same as the count")
	}
	count := func(q string) time.Duration {
		start := time.Now()
		err := db.read(ctx, func(tx *sql.Tx) error {
			var n [5]int
			return tx.QueryRowContext(ctx, q, "team", Deleted).Scan(&n[0], &n[1], &n[2], &n[3], &n[4])
		})
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var then, now2 time.Duration
	b.ResetTimer()
	for range b.N {
		then += count(before)
		now2 += count(pendingCountsSQL)
	}
	b.ReportMetric(float64(now2.Nanoseconds())/float64(b.N), "ns/count")
	b.ReportMetric(float64(then)/float64(now2), "x_faster")
}
