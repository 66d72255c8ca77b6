package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

// RecordReport remembers a report file; recording the same bytes again
// keeps the first record.
func (db *DB) RecordReport(ctx context.Context, r inspection.ReportFile) error {
	if len(r.SHA256) != 64 {
		return inspection.Errorf(inspection.EINVALID, "report record without a SHA-256")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO report_files (sha256, inspection_id, content_sha256, name, size, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			r.SHA256, r.InspectionID.String(), r.ContentSHA256, r.Name, r.Size, encTime(r.CreatedAt))
		return err
	})
}

// ReportBySHA finds the record of a report file by the hash of its bytes.
func (db *DB) ReportBySHA(ctx context.Context, sha string) (*inspection.ReportFile, error) {
	var r inspection.ReportFile
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `
			SELECT sha256, inspection_id, content_sha256, name, size, created_at
			FROM report_files WHERE sha256 = ?`, sha).
			Scan(&r.SHA256, &r.InspectionID, &r.ContentSHA256, &r.Name, &r.Size, timeCol{&r.CreatedAt})
	})
	if err == sql.ErrNoRows {
		return nil, inspection.Errorf(inspection.ENOTFOUND, "no report file with SHA-256 %s was written or imported here", sha)
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}
