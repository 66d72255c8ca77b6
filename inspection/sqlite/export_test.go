package sqlite

import "context"

// Pragma reads a pragma through the store's own connection pool, so tests
// see the settings every connection gets.
func (db *DB) Pragma(ctx context.Context, name string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v)
	return v, err
}
