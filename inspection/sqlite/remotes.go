package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// Settings keys.
const (
	settingDevice   = "device_id"
	settingRole     = "role"
	settingReviewer = "reviewer"
)

// DeviceID is this database's name on every remote, made once: a copy of
// the data folder on another laptop should be given its own with
// ResetDeviceID, but two laptops sharing one still lose nothing.
func (db *DB) DeviceID(ctx context.Context) (string, error) {
	var id string
	err := db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingDevice).Scan(&id)
		if err != sql.ErrNoRows {
			return err
		}
		id = inspection.NewID().String()
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, settingDevice, id)
		return err
	})
	return id, err
}

// Role returns what this Loupe is set up for, and the reviewer's name.
func (db *DB) Role(ctx context.Context) (inspection.Role, string, error) {
	role, name := inspection.RoleInspector, ""
	err := db.read(ctx, func(tx *sql.Tx) error {
		var v string
		switch err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingRole).Scan(&v); {
		case err == nil:
			role = inspection.Role(v)
		case err != sql.ErrNoRows:
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingReviewer).Scan(&name)
		if err == sql.ErrNoRows {
			return nil
		}
		return err
	})
	return role, name, err
}

// SetRole sets what this Loupe is set up for; a reviewer needs a name.
func (db *DB) SetRole(ctx context.Context, role inspection.Role, name string) error {
	name = strings.TrimSpace(name)
	if role == inspection.RoleReviewer && name == "" {
		return inspection.Errorf(inspection.EINVALID, "a reviewer needs a name: it is printed on every report reviewed")
	}
	if _, err := inspection.ParseRole(string(role)); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		for k, v := range map[string]string{settingRole: string(role), settingReviewer: name} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Scopes of what a laptop pulls.
const (
	ScopeAll = "all" // every inspection on the remote
	ScopeOwn = "own" // its own inspections and their suppliers' history
)

// RemoteInfo is a remote as Loupe keeps it: where it is, never the keys.
type RemoteInfo struct {
	Name       string          `json:"name"`
	URL        string          `json:"url"`
	Endpoint   string          `json:"endpoint,omitempty"`
	Region     string          `json:"region,omitempty"`
	Scope      string          `json:"scope"`
	CreatedAt  time.Time       `json:"created_at"`
	LastSyncAt time.Time       `json:"last_sync_at"` // when the last whole sync finished
	LastTryAt  time.Time       `json:"last_try_at"`
	LastError  string          `json:"last_error,omitempty"`
	LastResult json.RawMessage `json:"last_result,omitempty"`
}

var remoteName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// AddRemote stores a remote under a new name.
func (db *DB) AddRemote(ctx context.Context, r RemoteInfo) error {
	if !remoteName.MatchString(r.Name) {
		return inspection.Errorf(inspection.EINVALID, "remote name %q: use letters, digits, '.', '_' or '-' (at most 40), e.g. office", r.Name)
	}
	if r.Scope == "" {
		r.Scope = ScopeAll
	}
	if r.Scope != ScopeAll && r.Scope != ScopeOwn {
		return inspection.Errorf(inspection.EINVALID, "scope %q: choose %q (every inspection) or %q (this laptop's own and their suppliers' history)", r.Scope, ScopeAll, ScopeOwn)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM remotes WHERE name = ?`, r.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return inspection.Errorf(inspection.ECONFLICT, "a remote named %q exists already: remove it first (`loupe remote remove %s`) or choose another name", r.Name, r.Name)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO remotes (name, url, endpoint, region, scope, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.Name, r.URL, r.Endpoint, r.Region, r.Scope, encTime(time.Now()))
		return err
	})
}

// Remotes lists the remotes by name.
func (db *DB) Remotes(ctx context.Context) ([]RemoteInfo, error) {
	var out []RemoteInfo
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, url, endpoint, region, scope, created_at, last_sync_at, last_try_at, last_error, last_result
			FROM remotes ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r RemoteInfo
			var result string
			if err := rows.Scan(&r.Name, &r.URL, &r.Endpoint, &r.Region, &r.Scope, timeCol{&r.CreatedAt}, timeCol{&r.LastSyncAt},
				timeCol{&r.LastTryAt}, &r.LastError, &result); err != nil {
				return err
			}
			if result != "" {
				r.LastResult = json.RawMessage(result)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// RemoteNamed returns one remote; with name "" the only one there is.
func (db *DB) RemoteNamed(ctx context.Context, name string) (RemoteInfo, error) {
	rs, err := db.Remotes(ctx)
	if err != nil {
		return RemoteInfo{}, err
	}
	if name == "" {
		switch len(rs) {
		case 0:
			return RemoteInfo{}, inspection.Errorf(inspection.ENOTFOUND, "no remote is set up: add one with `loupe remote add NAME s3://BUCKET/PREFIX --endpoint URL` or `loupe remote add NAME dir:PATH`")
		case 1:
			return rs[0], nil
		}
		names := make([]string, len(rs))
		for i, r := range rs {
			names[i] = r.Name
		}
		return RemoteInfo{}, inspection.Errorf(inspection.EINVALID, "there are %d remotes (%s): name the one to sync with", len(rs), strings.Join(names, ", "))
	}
	for _, r := range rs {
		if r.Name == name {
			return r, nil
		}
	}
	return RemoteInfo{}, inspection.Errorf(inspection.ENOTFOUND, "no remote is named %q: see `loupe remote list`", name)
}

// RemoveRemote forgets a remote and what this Loupe knew of it; nothing on
// the remote changes.
func (db *DB) RemoveRemote(ctx context.Context, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM remotes WHERE name = ?`, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return inspection.Errorf(inspection.ENOTFOUND, "no remote is named %q: see `loupe remote list`", name)
		}
		return nil
	})
}

// SyncTried records the end of a sync: whole (err nil: last_sync_at moves)
// or not, with what it did.
func (db *DB) SyncTried(ctx context.Context, name string, at time.Time, syncErr error, result []byte) error {
	msg := ""
	if syncErr != nil {
		msg = syncErr.Error()
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		q := `UPDATE remotes SET last_try_at = ?, last_error = ?, last_result = ? WHERE name = ?`
		if syncErr == nil {
			q = `UPDATE remotes SET last_try_at = ?1, last_error = ?2, last_result = ?3, last_sync_at = ?1 WHERE name = ?4`
		}
		_, err := tx.ExecContext(ctx, q, encTime(at), msg, string(result), name)
		return err
	})
}
