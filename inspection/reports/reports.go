// Package reports writes an inspection's PDF report from a data directory
// and records the written files, the one way both the command line and the
// window produce reports, so `loupe verify` recognises either.
package reports

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/report"
)

// Recorder remembers written report files; inspection/sqlite implements it.
type Recorder interface {
	RecordReport(ctx context.Context, r inspection.ReportFile) error
}

// Write writes the report of d to out from the working copies in files and
// records every file it wrote by the hash of its bytes, so `loupe verify`
// can later tell an untouched file from an altered one.
func Write(ctx context.Context, rec Recorder, files photo.Files, d *inspection.Dossier, out string, opt report.Options) (report.Result, error) {
	src := report.PhotoFunc(func(p inspection.Photo) (string, error) {
		path := files.Working(p.SHA256)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			// Only the original came with a bundle: render it now.
			if err := files.Rebuild(p.SHA256, p.Ext); err != nil {
				return "", err
			}
		}
		// The report prints the inspector's arrows and circles; the
		// working copy itself stays as imported.
		return files.Annotated(p)
	})
	res, err := report.Write(ctx, d, src, out, opt)
	if err != nil {
		return res, err
	}
	for _, f := range res.Files {
		r, err := inspection.NewReportFile(f.Path, d.Inspection.ID, res.SHA256)
		if err == nil {
			err = rec.RecordReport(ctx, r)
		}
		if err != nil {
			return res, fmt.Errorf("the report %s was written but could not be recorded for verification: %w", f.Path, err)
		}
	}
	return res, nil
}
