package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/report"
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
// the bundle's own data, as `verify FILE.pdf` checks a report against the
// database: a report swapped in from another inspection, or from another
// version of the data, is a finding even when the manifest was recomputed.
// work records the temporary copies, so a killed verify leaves none.
func bundleReports(b *bundle.Bundle, work *inflight.Record, stdout io.Writer) ([]string, error) {
	want, err := inspection.ContentHash(b.Dossier)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for _, e := range []struct{ entry, part string }{{bundle.ReportEntry, report.PartReport}, {bundle.AnnexEntry, report.PartAnnex}} {
		if !b.Has(e.entry) {
			continue
		}
		m, err := bundleMeta(b, e.entry, work)
		id := b.Dossier.Inspection.ID
		same := false
		if err == nil {
			if same, err = inspection.MatchesContentHash(b.Dossier, m.ContentSHA256); err != nil {
				return nil, err
			}
		}
		switch {
		case errors.Is(err, report.ErrNoMeta):
			diffs = append(diffs, e.entry+" carries no Loupe identity in its document information (it was written by an earlier Loupe, or not by Loupe): which data it prints cannot be checked")
		case inspection.ErrorCode(err) == inspection.EINVALID:
			diffs = append(diffs, fmt.Sprintf("%s: %v", e.entry, err))
		case err != nil:
			return nil, err
		case m.Inspection != id:
			diffs = append(diffs, fmt.Sprintf("%s is the report of inspection %s, not of the bundle's inspection %s: it was swapped", e.entry, m.Inspection, id))
		case !same:
			diffs = append(diffs, fmt.Sprintf("%s prints other data than the bundle carries (content SHA-256 %s in the report, %s from the bundle's data): the report was swapped for another version, or the data changed after it was written", e.entry, m.ContentSHA256, want))
		case m.Part != e.part:
			diffs = append(diffs, fmt.Sprintf("%s is the %s, not the %s", e.entry, m.Part, e.part))
		default:
			fmt.Fprintf(stdout, "%s: the %s of the bundle's data (content SHA-256 %s)\n", e.entry, e.part, want)
		}
	}
	return diffs, nil
}

// bundleMeta reads the identity of a PDF inside a bundle from a temporary
// copy in the system's temp folder, recorded in work before it exists and
// removed before returning.
func bundleMeta(b *bundle.Bundle, entry string, work *inflight.Record) (report.Meta, error) {
	token := make([]byte, 8)
	rand.Read(token)
	dir := filepath.Join(os.TempDir(), ".loupe-tmp-verify-"+hex.EncodeToString(token))
	if err := work.Remove(dir); err != nil {
		return report.Meta{}, err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return report.Meta{}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, entry)
	if err := b.ExtractPDF(entry, path); err != nil {
		return report.Meta{}, err
	}
	return report.ReadMeta(path)
}
