package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/outbox"
)

var _ outbox.Queue = (*DB)(nil)

const outboxCols = `id, inspection_id, recipients, subject, body, attachments, state, attempts,
	next_attempt_at, last_error, created_at, sent_at`

func scanItem(sc interface{ Scan(...any) error }) (outbox.Item, error) {
	var it outbox.Item
	var owner string
	err := sc.Scan(&it.ID, &owner, jsonCol{&it.To}, &it.Subject, &it.Body, jsonCol{&it.Attachments}, &it.State,
		&it.Attempts, timeCol{&it.NextAttemptAt}, &it.LastError, timeCol{&it.CreatedAt}, timeCol{&it.SentAt})
	if err == nil && owner != "" {
		it.InspectionID, err = inspection.ParseID(owner)
	}
	return it, err
}

// Enqueue stores new outbox items in one transaction.
func (db *DB) Enqueue(ctx context.Context, items ...*outbox.Item) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, it := range items {
			if err := putItem(ctx, tx, it); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateItem stores an item's new state.
func (db *DB) UpdateItem(ctx context.Context, it *outbox.Item) error {
	return db.write(ctx, func(tx *sql.Tx) error { return putItem(ctx, tx, it) })
}

func putItem(ctx context.Context, tx *sql.Tx, it *outbox.Item) error {
	if err := needID("outbox item", it.ID); err != nil {
		return err
	}
	to, err := encJSON(it.To)
	if err != nil {
		return err
	}
	att, err := encJSON(it.Attachments)
	if err != nil {
		return err
	}
	owner := ""
	if it.InspectionID != inspection.NilID {
		owner = it.InspectionID.String()
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO outbox (`+outboxCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET recipients = excluded.recipients, subject = excluded.subject,
			body = excluded.body, attachments = excluded.attachments, state = excluded.state,
			attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
			last_error = excluded.last_error, sent_at = excluded.sent_at`,
		it.ID.String(), owner, to, it.Subject, it.Body, att, string(it.State), it.Attempts,
		encTime(it.NextAttemptAt), it.LastError, encTime(it.CreatedAt), encTime(it.SentAt))
	return err
}

// OutboxItems lists every item, newest first.
func (db *DB) OutboxItems(ctx context.Context) ([]outbox.Item, error) {
	var out []outbox.Item
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryItems(ctx, tx, `ORDER BY created_at DESC, id DESC`)
		return err
	})
	return out, err
}

// OutboxItem loads one item.
func (db *DB) OutboxItem(ctx context.Context, id inspection.ID) (*outbox.Item, error) {
	var out []outbox.Item
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryItems(ctx, tx, `WHERE id = ?`, id.String())
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, inspection.Errorf(inspection.ENOTFOUND, "outbox item %s does not exist: see `loupe outbox list`", id)
	}
	return &out[0], nil
}

// Claim marks due items as sending until lease, in one transaction, so two
// Loupe windows never send the same item at once.
func (db *DB) Claim(ctx context.Context, now, lease time.Time) ([]outbox.Item, error) {
	var out []outbox.Item
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryItems(ctx, tx, `WHERE state IN (?, ?) AND next_attempt_at <= ? ORDER BY created_at, id`,
			string(outbox.Queued), string(outbox.Sending), encTime(now))
		if err != nil {
			return err
		}
		for i := range out {
			out[i].State, out[i].NextAttemptAt = outbox.Sending, lease
			if err := putItem(ctx, tx, &out[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func queryItems(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]outbox.Item, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+outboxCols+` FROM outbox `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []outbox.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
