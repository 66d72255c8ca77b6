package delivery

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/report"
)

// Bundled is a PDF a bundle carries (its report or photo annex), checked
// against the bundle's own data.
type Bundled struct {
	Entry string // bundle.ReportEntry or bundle.AnnexEntry
	Part  string // what it must be: report.PartReport or report.PartAnnex
	// Problem says why it is not the Part of exactly the bundle's data
	// (swapped in from another inspection or version, or carrying no
	// identity); "" when it is.
	Problem string
	// File records its bytes, for the ledger `loupe verify` looks a report
	// up in; set only when Problem is "".
	File inspection.ReportFile
}

// CheckBundled reads the identity of each PDF the bundle carries, from a
// copy written into dir (an empty folder the caller removes), and checks
// it as `verify FILE.pdf` checks a report against the database: the report
// of the bundle's inspection, of exactly the bundle's data (its content
// hash, in any form a Loupe printed), and the part its entry says.
func CheckBundled(b *bundle.Bundle, dir, bundleName string) ([]Bundled, error) {
	var out []Bundled
	for _, e := range []struct{ entry, part string }{{bundle.ReportEntry, report.PartReport}, {bundle.AnnexEntry, report.PartAnnex}} {
		if !b.Has(e.entry) {
			continue
		}
		path := filepath.Join(dir, e.entry)
		if err := b.ExtractPDF(e.entry, path); err != nil {
			return nil, err
		}
		got := Bundled{Entry: e.entry, Part: e.part}
		printed, problem, err := bundledProblem(b.Dossier, path, e.entry, e.part)
		if err != nil {
			return nil, err
		}
		if got.Problem = problem; problem == "" {
			if got.File, err = inspection.NewReportFile(path, b.Dossier.Inspection.ID, printed); err != nil {
				return nil, err
			}
			got.File.Name = e.entry + " in " + bundleName
		}
		out = append(out, got)
	}
	return out, nil
}

// Received are the files of the checked PDFs that are the bundle's own:
// what an import records, in its transaction, so `loupe verify` knows a
// report that arrived in a bundle as it knows one written here.
func Received(checked []Bundled) []inspection.ReportFile {
	var out []inspection.ReportFile
	for _, c := range checked {
		if c.Problem == "" {
			out = append(out, c.File)
		}
	}
	return out
}

// bundledProblem says what is wrong with a bundled PDF, or "" with the
// content hash it prints.
func bundledProblem(d *inspection.Dossier, path, entry, part string) (printed, problem string, err error) {
	m, err := report.ReadMeta(path)
	switch {
	case errors.Is(err, report.ErrNoMeta):
		return "", entry + " carries no Loupe identity in its document information (it was written by an earlier Loupe, or not by Loupe): which data it prints cannot be checked", nil
	case inspection.ErrorCode(err) == inspection.EINVALID:
		return "", fmt.Sprintf("%s: %v", entry, err), nil
	case err != nil:
		return "", "", err
	case m.Inspection != d.Inspection.ID:
		return "", fmt.Sprintf("%s is the report of inspection %s, not of the bundle's inspection %s: it was swapped", entry, m.Inspection, d.Inspection.ID), nil
	}
	same, err := inspection.MatchesContentHash(d, m.ContentSHA256)
	if err != nil {
		return "", "", err
	}
	if !same {
		want, err := inspection.ContentHash(d)
		if err != nil {
			return "", "", err
		}
		return "", fmt.Sprintf("%s prints other data than the bundle carries (content SHA-256 %s in the report, %s from the bundle's data): the report was swapped for another version, or the data changed after it was written", entry, m.ContentSHA256, want), nil
	}
	if m.Part != part {
		return "", fmt.Sprintf("%s is the %s, not the %s", entry, m.Part, part), nil
	}
	return m.ContentSHA256, "", nil
}
