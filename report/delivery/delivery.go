// Package delivery writes an inspection's PDF report from a data directory
// and records the written files, the one way both the command line and the
// window produce reports, so `loupe verify` recognises either.
package delivery

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/outbox"
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
	if rv, ok := rec.(reviewer); ok && opt.Reviews == nil && d.Inspection.Status == inspection.Finalized {
		var err error
		if opt.Reviews, err = rv.Reviews(ctx, d.Inspection.ID); err != nil {
			return report.Result{}, err
		}
	}
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

// reviewer is a store that knows the office's reviews, which the report
// prints.
type reviewer interface {
	Reviews(ctx context.Context, inspectionID inspection.ID) ([]inspection.Review, error)
}

// Ledger is what queuing a report needs from the store: the record of
// written reports and the outbox; inspection/sqlite implements it.
type Ledger interface {
	ReportBySHA(ctx context.Context, sha string) (*inspection.ReportFile, error)
	Enqueue(ctx context.Context, items ...*outbox.Item) error
}

// Queue puts a finalized inspection's report in the outbox. Only files
// Loupe wrote for that inspection, unchanged since, may leave: a draft, an
// edited PDF or another inspection's report is refused, so what the client
// receives is what was signed. The attachments are copied into the data
// directory (outbox/<item>/), so the mail sent later is the file checked now
// even if the original is moved or overwritten.
func Queue(ctx context.Context, l Ledger, data datadir.Dir, d *inspection.Dossier, r outbox.Request) ([]*outbox.Item, error) {
	in := &d.Inspection
	if in.Status != inspection.Finalized {
		return nil, inspection.Errorf(inspection.EINVALID, "inspection %s is a draft: finalize it before its report is sent (a draft can still be opened in a mail client for review)", in.ReportNo)
	}
	for _, f := range r.Files {
		if err := checkReport(ctx, l, f, in); err != nil {
			return nil, err
		}
	}
	r.InspectionID = in.ID
	items, err := outbox.Compose(r, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		dir := data.Outbox(it.ID.String())
		for i, src := range it.Attachments {
			dst := filepath.Join(dir, filepath.Base(src))
			if err := atomicfile.Copy(src, dst, 0o600); err != nil {
				return nil, fmt.Errorf("keep a copy of %s for the outbox: %w", src, err)
			}
			it.Attachments[i] = dst
		}
	}
	return items, l.Enqueue(ctx, items...)
}

func checkReport(ctx context.Context, l Ledger, path string, in *inspection.Inspection) error {
	f, err := inspection.NewReportFile(path, in.ID, "")
	if err != nil {
		return err
	}
	known, err := l.ReportBySHA(ctx, f.SHA256)
	switch {
	case inspection.ErrorCode(err) == inspection.ENOTFOUND:
		return inspection.Errorf(inspection.EINVALID, "%s is not a report Loupe wrote, or it was changed since: write the report again and send that file", path)
	case err != nil:
		return err
	case known.InspectionID != in.ID:
		return inspection.Errorf(inspection.EINVALID, "%s is the report of another inspection (%s), not of %s", path, known.InspectionID, in.ReportNo)
	}
	return nil
}
