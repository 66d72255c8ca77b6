package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/loupeqc/loupe/inspection"
)

type bulkKey struct{}

// Bulk marks ctx for writing many whole inspections in a row (the demo's
// thousands): each write is still one transaction, all or nothing, but its
// commit is not synced to disk on its own. A crash or power cut can lose
// the last transactions, never a part of one, and the database stays sound
// (WAL with synchronous=NORMAL). Call Checkpoint when the batch is done:
// it makes everything written durable. Without this, syncing every one of
// 10,000 commits costs more than writing them.
func Bulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// bulkCheckpointPages lets the log grow to about 64 MB between
// checkpoints in bulk: pages written again and again (index pages) are
// copied to the database once per checkpoint, not once per 4 MB.
const bulkCheckpointPages = "16384"

// transactBulk runs one transaction on a connection set to
// synchronous=NORMAL for its length, then back to FULL, so the pool never
// hands a relaxed connection to an ordinary write.
func (db *DB) transactBulk(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = "+bulkCheckpointPages); err != nil {
		return translate(err)
	}
	defer func() {
		if _, e := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000"); e != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // never reuse it relaxed
			if err == nil {
				err = e
			}
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	return commit(tx, fn)
}

// Checkpoint copies the write-ahead log into the database file and syncs
// both: after it returns, everything committed, Bulk writes included, is
// on disk.
func (db *DB) Checkpoint(ctx context.Context) error {
	var busy, logPages, moved int
	if err := db.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(FULL)").Scan(&busy, &logPages, &moved); err != nil {
		return fmt.Errorf("checkpoint %s: %w", db.path, translate(err))
	}
	if busy != 0 {
		return fmt.Errorf("checkpoint %s: another Loupe is reading the database; close it and try again", db.path)
	}
	return nil
}

// MergeAll writes whole inspections as Merge writes each, in one
// transaction: all of them or none, so an interrupted batch leaves no
// inspection half-written, and its commit and the index pages the
// inspections share are written once. It is for bulk loads such as the
// demo's thousands; an error names the inspection it came from.
func (db *DB) MergeAll(ctx context.Context, ds []*inspection.Dossier) ([]MergeReport, error) {
	ms := make([]*merger, len(ds))
	ins := make([]*inspection.Dossier, len(ds))
	for i, d := range ds {
		m, in, err := newMerger(ctx, d, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("inspection %s: %w", label(d), err)
		}
		ms[i], ins[i] = m, in
	}
	if len(ds) == 0 {
		return nil, nil
	}
	err := db.write(ms[0].ctx, func(tx *sql.Tx) error {
		if err := deferForeignKeys(ms[0].ctx, tx); err != nil {
			return err
		}
		for i, m := range ms {
			m.tx = tx
			if err := m.merge(ins[i], nil); err != nil {
				return fmt.Errorf("inspection %s: %w", label(ds[i]), err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	reports := make([]MergeReport, len(ms))
	for i, m := range ms {
		reports[i] = m.report
	}
	return reports, nil
}

// label names an inspection in an error: its report number, else its ID.
func label(d *inspection.Dossier) string {
	if d.Inspection.ReportNo != "" {
		return d.Inspection.ReportNo
	}
	return d.Inspection.ID.String()
}
