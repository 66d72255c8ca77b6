// Package datadir opens Loupe's data folder: the database, the photo
// store, the staging folder of bundle imports, and the record of this
// process's work in flight. Opening it finishes or undoes what a Loupe
// killed in it left behind, so every command and the window start from a
// whole state.
package datadir

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Names inside the data folder.
const (
	DBFile  = "loupe.db"
	Photos  = "photos"
	Staging = "staging" // a bundle's originals until its data is merged
	Outbox  = "outbox"  // copies of queued attachments
)

// backupTask is the promise a finalize makes before it finalizes.
const backupTask = "backup"

// Dir is an open data folder.
type Dir struct {
	Path   string
	Store  *sqlite.DB
	Photos photo.Files
	// Work records what this process may leave behind if it is killed:
	// register folders outside the data folder before writing temporary
	// files there (Sweep), temporary folders (Remove).
	Work *inflight.Record
	// Unrecovered says what could not be cleaned up after a Loupe that
	// stopped unexpectedly; it is retried at the next start. Worth a
	// warning, not a reason to stop.
	Unrecovered error
}

// Open opens the data folder at path (absolute), creating what is missing.
// A foreign or damaged database is refused untouched (see sqlite.Open).
func Open(path string) (*Dir, error) {
	store, err := sqlite.Open(filepath.Join(path, DBFile))
	if err != nil {
		return nil, err
	}
	d := &Dir{Path: path, Store: store, Photos: photo.Files{Dir: filepath.Join(path, Photos)}}
	d.Work, err = inflight.Start(path, inflight.Recovery{Finish: d.finish, Tidy: d.tidy})
	if d.Work == nil {
		store.Close()
		return nil, err
	}
	d.Unrecovered = err
	return d, nil
}

// Close ends the record of work in flight and closes the database.
func (d *Dir) Close() error {
	return errors.Join(d.Work.End(), d.Store.Close())
}

// StagingDir is where bundle imports stage their originals.
func (d *Dir) StagingDir() string { return filepath.Join(d.Path, Staging) }

// finish keeps a promise of a process that died.
func (d *Dir) finish(task string) error {
	if task != backupTask {
		return fmt.Errorf("unknown task %q", task)
	}
	_, err := d.Store.RotateBackups(context.Background(), "", sqlite.DefaultKeep)
	return err
}

// tidy removes the data folder's temporary files and settles staged
// imports; inflight calls it only when no other process runs here.
func (d *Dir) tidy() error {
	errs := []error{
		inflight.SweepTree(d.Photos.Dir, true),
		inflight.SweepTree(filepath.Join(d.Path, Outbox), true),
		inflight.SweepTree(d.Store.BackupDir(), false),
	}
	staged, err := os.ReadDir(d.StagingDir())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err)
	}
	inUse := func(sha string) (bool, error) { return d.Store.SHAInUse(context.Background(), sha) }
	for _, e := range staged {
		if e.IsDir() {
			errs = append(errs, bundle.RecoverStaged(filepath.Join(d.StagingDir(), e.Name()), d.Photos, inUse))
		}
	}
	return errors.Join(errs...)
}

// Finalizer finalizes an inspection and backs the database up after it.
type Finalizer interface {
	FinalizeAndBackup(ctx context.Context, id inspection.ID, by string) (string, error)
}

// FinalizeAndBackup finalizes through store with the backup promised in
// work first: a process killed after finalizing and before the backup has
// the next start make it, so no inspection stays finalized without the
// backup finalizing promises. A failed backup stays promised too.
func FinalizeAndBackup(ctx context.Context, store Finalizer, work *inflight.Record, id inspection.ID, by string) (string, error) {
	if err := work.Promise(backupTask); err != nil {
		return "", err
	}
	path, err := store.FinalizeAndBackup(ctx, id, by)
	if errors.As(err, new(*sqlite.BackupError)) {
		return path, err // finalized: the backup stays promised
	}
	return path, errors.Join(err, work.Keep(backupTask)) // backed up, or nothing was finalized

}
