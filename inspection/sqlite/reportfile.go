package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// RecordReport remembers a report file; recording the same bytes again
// keeps the first record.
func (db *DB) RecordReport(ctx context.Context, r inspection.ReportFile) error {
	return db.write(ctx, func(tx *sql.Tx) error { return recordReport(ctx, tx, r) })
}

func recordReport(ctx context.Context, tx *sql.Tx, r inspection.ReportFile) error {
	if err := r.Validate(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO report_files (sha256, inspection_id, content_sha256, name, size, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		r.SHA256, r.InspectionID.String(), r.ContentSHA256, r.Name, r.Size, encTime(r.CreatedAt))
	return err
}

// ReportFiles lists every report file recorded here, oldest first.
func (db *DB) ReportFiles(ctx context.Context) ([]inspection.ReportFile, error) {
	var out []inspection.ReportFile
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanReportFile, `SELECT `+reportFileCols+` FROM report_files ORDER BY created_at, sha256`)
		return err
	})
	return out, err
}

// MergeReportFile takes in the record of a report file another Loupe
// wrote (or received), when it prints exactly the data of its inspection
// here (inspection.MatchesContentHash): then `loupe verify` knows a copy
// of it. The inspection must be here (ENOTFOUND until it is); a record of
// other data is not kept. mark is recorded in the same transaction.
func (db *DB) MergeReportFile(ctx context.Context, r inspection.ReportFile, mark *SyncMark) (recorded bool, err error) {
	if err := r.Validate(); err != nil {
		return false, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		var d inspection.Dossier
		if err := loadDossier(ctx, tx, r.InspectionID, &d); err != nil {
			return err
		}
		if mark != nil {
			if err := markMerged(ctx, tx, mark.Remote, mark.Objects, time.Now()); err != nil {
				return err
			}
		}
		if recorded, err = inspection.MatchesContentHash(&d, r.ContentSHA256); err != nil || !recorded {
			return err
		}
		return recordReport(ctx, tx, r)
	})
	return recorded, err
}

// ReportBySHA finds the record of a report file by the hash of its bytes.
func (db *DB) ReportBySHA(ctx context.Context, sha string) (*inspection.ReportFile, error) {
	var r inspection.ReportFile
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		r, err = scanReportFile(tx.QueryRowContext(ctx, `SELECT `+reportFileCols+` FROM report_files WHERE sha256 = ?`, sha))
		return err
	})
	if err == sql.ErrNoRows {
		return nil, inspection.Errorf(inspection.ENOTFOUND, "no report file with SHA-256 %s was written or imported here", sha)
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

const reportFileCols = `sha256, inspection_id, content_sha256, name, size, created_at`

func scanReportFile(sc scanner) (inspection.ReportFile, error) {
	var r inspection.ReportFile
	err := sc.Scan(&r.SHA256, &r.InspectionID, &r.ContentSHA256, &r.Name, &r.Size, timeCol{&r.CreatedAt})
	return r, err
}
