// Package datadir names what lives in a Loupe data directory, once: the
// database, the photo store, the backups, the outbox's attachment copies
// and the default report folder. The window, the commands and the adapters
// ask a Dir for their paths instead of spelling folder names themselves.
package datadir

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Env is the environment variable that overrides the data directory.
const Env = "LOUPE_DATA"

// DBFile is the database's file name inside the data directory.
const DBFile = "loupe.db"

// Dir is an absolute data directory path.
type Dir string

// Path is the directory itself.
func (d Dir) Path() string { return string(d) }

// DB is the SQLite database file.
func (d Dir) DB() string { return filepath.Join(string(d), DBFile) }

// Photos is the root of the content-addressed photo store.
func (d Dir) Photos() string { return filepath.Join(string(d), "photos") }

// Backups is where rotating database backups go.
func (d Dir) Backups() string { return filepath.Join(string(d), "backups") }

// Outbox is where the attachments of one queued email are kept, so the mail
// sent later is the file checked when it was queued.
func (d Dir) Outbox(item string) string { return filepath.Join(string(d), "outbox", item) }

// Reports is the report folder used when the user has no Documents folder.
func (d Dir) Reports() string { return filepath.Join(string(d), "reports") }

// Of is the data directory that holds a database file.
func Of(dbPath string) Dir { return Dir(filepath.Dir(dbPath)) }

// Resolve finds the data directory: the --data flag, then $LOUPE_DATA,
// then the per-user application data directory (~/.local/share/loupe,
// %AppData%\Loupe, ~/Library/Application Support/Loupe). It is created if
// missing, readable by its owner only.
func Resolve(flag string) (Dir, error) {
	dir := flag
	if dir == "" {
		dir = os.Getenv(Env)
	}
	if dir == "" {
		var err error
		if dir, err = perUser(); err != nil {
			return "", err
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data directory %q: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the data directory %s: %w (choose another with --data DIR or %s)", abs, err, Env)
	}
	return Dir(abs), nil
}

func perUser() (string, error) {
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "loupe"), nil
	}
	base, err := os.UserConfigDir() // %AppData% on Windows, ~/Library/Application Support on macOS
	if err != nil {
		return "", fmt.Errorf("no per-user data directory (%v): pass --data DIR or set %s", err, Env)
	}
	if home, herr := os.UserHomeDir(); herr == nil && strings.HasPrefix(base, filepath.Join(home, ".config")) {
		// Linux: data belongs in ~/.local/share, not with settings.
		return filepath.Join(home, ".local", "share", "loupe"), nil
	}
	return filepath.Join(base, "Loupe"), nil
}
