package app

import (
	"context"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/outbox"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/report/delivery"
)

// Store is everything the window does with the database: the inspection
// store, and the small interfaces below for what lies beyond it (finalizing
// with a backup, backups, bundle import, the outbox, the record of written
// reports). The window receives it at construction and never looks behind
// it; inspection/sqlite's DB is the one implementation.
type Store interface {
	inspection.Store
	finalizingStore
	backupStore
	importStore
	outbox.Queue
	delivery.Recorder
	delivery.Ledger
	teamStore
}

// finalizingStore finalizes and then backs up, as every finalize must.
type finalizingStore interface {
	FinalizeAndBackup(ctx context.Context, id inspection.ID, by string) (string, error)
}

// backupStore writes rotating backups of the database.
type backupStore interface {
	RotateBackups(ctx context.Context, dir string, keep int) (string, error)
	DailyBackup(ctx context.Context, now time.Time) (sqlite.Daily, error)
	BackupDir() string
}

// importStore merges bundles and settles their conflicts.
type importStore interface {
	MergeWith(ctx context.Context, d *inspection.Dossier, finalized *inspection.Manifest, opt sqlite.MergeOptions) (sqlite.MergeReport, error)
	Conflicts(ctx context.Context, all bool) ([]sqlite.Conflict, error)
	ResolveConflict(ctx context.Context, id int64, keep string) error
}

var _ Store = (*sqlite.DB)(nil)
