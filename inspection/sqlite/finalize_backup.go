package sqlite

import (
	"context"

	"github.com/loupeqc/loupe/inspection"
)

// BackupError reports that an inspection was finalized but the backup
// after it failed: the inspection stays finalized.
type BackupError struct{ Err error }

func (e *BackupError) Error() string { return "the backup after finalizing failed: " + e.Err.Error() }
func (e *BackupError) Unwrap() error { return e.Err }

// FinalizeAndBackup finalizes an inspection and then writes a rotating
// backup, as every finalize should (the command line and the window both
// call it), and returns the backup's path. A failed backup is a
// *BackupError: the inspection is finalized all the same.
func (db *DB) FinalizeAndBackup(ctx context.Context, id inspection.ID, by string) (string, error) {
	if err := db.Finalize(ctx, id, by); err != nil {
		return "", err
	}
	path, err := db.RotateBackups(ctx, "", DefaultKeep)
	if err != nil {
		return path, &BackupError{err}
	}
	return path, nil
}
