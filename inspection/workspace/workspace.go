// Package workspace opens a data directory for work: its database, its
// photo store, the staging folder of bundle imports, and this process's
// record of work in flight. Opening it finishes or undoes what a Loupe
// killed there left behind, so every command and the window start from a
// whole state.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Staging is the folder, inside the data directory, where a bundle's
// originals wait until its data is merged.
const Staging = "staging"

// backupTask is the promise a finalize makes before it finalizes.
const backupTask = "backup"

// Workspace is an open data directory.
type Workspace struct {
	Dir    datadir.Dir
	Store  *sqlite.DB
	Photos photo.Files
	// Work records what this process may leave behind if it is killed:
	// register folders outside the data directory before writing temporary
	// files there (Sweep), temporary folders (Remove).
	Work *inflight.Record
	// Unrecovered says what could not be cleaned up after a Loupe that
	// stopped unexpectedly; it is retried at the next start. Worth a
	// warning, not a reason to stop.
	Unrecovered error
}

// Open opens the data directory, creating what is missing. A foreign or
// damaged database is refused untouched (see sqlite.Open).
func Open(dir datadir.Dir) (*Workspace, error) {
	store, err := sqlite.Open(dir.DB())
	if err != nil {
		return nil, err
	}
	w := &Workspace{Dir: dir, Store: store, Photos: photo.Files{Dir: dir.Photos()}}
	// Without a record (a drive that cannot lock files), Loupe still works;
	// only the cleaning up after a killed process is lost, and said so.
	w.Work, w.Unrecovered = inflight.Start(dir.Path(), inflight.Recovery{Finish: w.finish, Tidy: w.tidy})
	return w, nil
}

// Close ends the record of work in flight and closes the database.
func (w *Workspace) Close() error {
	return errors.Join(w.Work.End(), w.Store.Close())
}

// StagingDir is where bundle imports stage their originals.
func (w *Workspace) StagingDir() string { return StagingDir(w.Dir) }

// StagingDir is where bundle imports stage their originals in dir.
func StagingDir(dir datadir.Dir) string { return filepath.Join(dir.Path(), Staging) }

// finish keeps a promise of a process that died.
func (w *Workspace) finish(task string) error {
	if task != backupTask {
		return fmt.Errorf("unknown task %q", task)
	}
	_, err := w.Store.RotateBackups(context.Background(), "", sqlite.DefaultKeep)
	return err
}

// tidy removes the data directory's temporary files and settles staged
// imports; inflight calls it only when no other process runs here.
func (w *Workspace) tidy() error {
	errs := []error{
		inflight.SweepTree(w.Dir.Photos(), true),
		inflight.SweepTree(filepath.Join(w.Dir.Path(), "outbox"), true),
		inflight.SweepTree(w.Dir.Backups(), false),
		inflight.SweepTree(w.Dir.Path(), false),
	}
	staged, err := os.ReadDir(w.StagingDir())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err)
	}
	inUse := func(sha string) (bool, error) { return w.Store.SHAInUse(context.Background(), sha) }
	for _, e := range staged {
		if e.IsDir() {
			errs = append(errs, bundle.RecoverStaged(filepath.Join(w.StagingDir(), e.Name()), w.Photos, inUse))
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
