package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/report"
	"github.com/loupeqc/loupe/report/delivery"
)

// reportIdentity says which inspection and which data a report file claims
// to show: from its document information (report.ReadMeta), or, for a
// report from before reports carried it, from the record of the file's
// bytes when Loupe wrote it here. A file that claims nothing readable is a
// finding, returned in diffs with a nil ID.
func reportIdentity(file string, known *inspection.ReportFile, stdout io.Writer) (report.Meta, []string, error) {
	m, err := report.ReadMeta(file)
	switch {
	case err == nil:
		return m, nil, nil
	case errors.Is(err, report.ErrNoMeta) && known != nil && known.ContentSHA256 != "":
		fmt.Fprintln(stdout, "the report carries no identity in its document information (it was written by an earlier Loupe): its inspection and content hash are taken from the record of these bytes written here")
		return report.Meta{Inspection: known.InspectionID, ContentSHA256: known.ContentSHA256, Part: report.PartReport}, nil, nil
	case errors.Is(err, report.ErrNoMeta):
		return report.Meta{}, []string{"the PDF carries no Loupe identity in its document information and its bytes match no report written here: " +
			"it is not a Loupe report, or one written by an earlier Loupe, and nothing in it can be checked here. " +
			"Verify the bundle it came with, or compare the SHA-256 in its footer with a report written now from the inspection"}, nil
	case inspection.ErrorCode(err) == inspection.EINVALID:
		return report.Meta{}, []string{fmt.Sprintf("%s: %v", file, err)}, nil
	}
	return report.Meta{}, nil, err
}

// bundleReports checks the report and photo annex a bundle carries against
// the bundle's own data (delivery.CheckBundled), as `verify FILE.pdf`
// checks a report against the database: a report swapped in from another
// inspection, or from another version of the data, is a finding even when
// the manifest was recomputed. work records the temporary copies, so a
// killed verify leaves none.
func bundleReports(b *bundle.Bundle, file string, work *inflight.Record, stdout io.Writer) ([]string, error) {
	checked, err := checkBundled(b, file, work)
	if err != nil {
		return nil, err
	}
	want, err := inspection.ContentHash(b.Dossier)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for _, c := range checked {
		if c.Problem != "" {
			diffs = append(diffs, c.Problem)
			continue
		}
		fmt.Fprintf(stdout, "%s: the %s of the bundle's data (content SHA-256 %s)\n", c.Entry, c.Part, want)
	}
	return diffs, nil
}

// checkBundled checks a bundle's PDFs from copies in a temporary folder
// that work records and that is gone when it returns.
func checkBundled(b *bundle.Bundle, file string, work *inflight.Record) ([]delivery.Bundled, error) {
	dir, err := work.TempDir()
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	return delivery.CheckBundled(b, dir, filepath.Base(file))
}
