package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestReportFileLedger(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	path := filepath.Join(t.TempDir(), "r.pdf")
	must(t, os.WriteFile(path, []byte("%PDF-1.4 stand-in"), 0o600))
	content := strings.Repeat("c0", 32)
	r, err := inspection.NewReportFile(path, f.in.ID, content)
	must(t, err)
	must(t, db.RecordReport(ctx, r))
	must(t, db.RecordReport(ctx, r)) // the same bytes twice: one record
	got, err := db.ReportBySHA(ctx, r.SHA256)
	must(t, err)
	if got.InspectionID != f.in.ID || got.Size != r.Size || got.Name != "r.pdf" || got.ContentSHA256 != content || !got.CreatedAt.Equal(r.CreatedAt) {
		t.Errorf("ReportBySHA = %+v, want %+v", got, r)
	}
	_, err = db.ReportBySHA(ctx, "00")
	wantCode(t, err, inspection.ENOTFOUND)
	r.SHA256, r.ContentSHA256 = strings.Repeat("d0", 32), "c0ffee"
	wantCode(t, db.RecordReport(ctx, r), inspection.EINVALID) // a content hash no report prints
}
