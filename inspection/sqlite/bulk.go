package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
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
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = "+bulkCheckpointPages); err != nil {
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
