package sqlite

import (
	"context"
	"database/sql"
)

// markChanged gives the data a new change token, in the transaction that
// changes it.
func markChanged(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE meta SET value = lower(hex(randomblob(8))) WHERE key = 'change'`)
	return err
}

// ChangeToken names the data as it is now: every write gives it a new
// random token, and a copy of the database (a backup) carries the token of
// the data it holds, so equal tokens mean nothing changed in between.
func (db *DB) ChangeToken(ctx context.Context) (string, error) {
	var token string
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'change'`).Scan(&token)
	})
	return token, err
}
