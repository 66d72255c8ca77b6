package report

import (
	"fmt"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/report/pdfinfo"
)

// Meta is what a report says about itself in its document information
// (the Keywords any PDF viewer shows under Properties): whose report it is
// and which data it prints. The footer prints the same on every page for
// people; this copy is for `loupe verify`, which then needs no text
// extraction and so no other program on any platform.
type Meta struct {
	Inspection    inspection.ID
	ContentSHA256 string // see inspection.ContentHash
	Part          string // PartReport or PartAnnex
}

// The parts a report file can be.
const (
	PartReport = "report"      // the report, with its photo annex unless split off
	PartAnnex  = "photo-annex" // the photo annex written beside a split report
)

// Keywords keys; the values contain no spaces.
const (
	metaInspection = "loupe:inspection="
	metaContent    = "loupe:content-sha256="
	metaPart       = "loupe:part="
)

func (m Meta) keywords() string {
	return metaInspection + m.Inspection.String() + " " + metaContent + m.ContentSHA256 + " " + metaPart + m.Part
}

func partName(pt part) string {
	if pt == partAnnex {
		return PartAnnex
	}
	return PartReport
}

// ErrNoMeta says a readable PDF carries no Loupe identity: it was written
// by a Loupe from before reports carried it, or not by Loupe at all.
var ErrNoMeta = inspection.Errorf(inspection.ENOTFOUND, "the PDF carries no Loupe identity in its document information")

// ReadMeta reads a report's identity from the PDF at path. It returns
// ErrNoMeta for a PDF without one, and an EINVALID error for a file that is
// not a readable PDF or whose identity is malformed or given twice (a
// hand-made file, not Loupe's). Messages do not name the file: the caller
// knows what to call it.
func ReadMeta(path string) (Meta, error) {
	info, err := pdfinfo.ReadFile(path)
	if err != nil {
		return Meta{}, inspection.Errorf(inspection.EINVALID, "not a readable PDF: %v", err)
	}
	return parseKeywords(info["Keywords"])
}

func parseKeywords(kw string) (Meta, error) {
	var m Meta
	seen := map[string]bool{}
	for _, f := range strings.Fields(kw) {
		for _, key := range []string{metaInspection, metaContent, metaPart} {
			v, ok := strings.CutPrefix(f, key)
			if !ok {
				continue
			}
			if seen[key] {
				return Meta{}, inspection.Errorf(inspection.EINVALID, "the PDF's keywords give %s twice: not as Loupe writes them", strings.TrimSuffix(key, "="))
			}
			seen[key] = true
			switch key {
			case metaInspection:
				id, err := inspection.ParseID(v)
				if err != nil {
					return Meta{}, inspection.Errorf(inspection.EINVALID, "the PDF's keywords name inspection %q, which is not an ID", v)
				}
				m.Inspection = id
			case metaContent:
				if !isHexSHA(v) {
					return Meta{}, inspection.Errorf(inspection.EINVALID, "the PDF's keywords give %q as the content SHA-256", v)
				}
				m.ContentSHA256 = v
			case metaPart:
				if v != PartReport && v != PartAnnex {
					return Meta{}, inspection.Errorf(inspection.EINVALID, "the PDF's keywords give %q as the part, neither %s nor %s", v, PartReport, PartAnnex)
				}
				m.Part = v
			}
		}
	}
	switch {
	case len(seen) == 0:
		return Meta{}, ErrNoMeta
	case len(seen) < 3:
		return Meta{}, inspection.Errorf(inspection.EINVALID, "the PDF's keywords carry only part of a Loupe identity (%q)", kw)
	}
	return m, nil
}

func isHexSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// String is the identity as the report's keywords carry it.
func (m Meta) String() string {
	return fmt.Sprintf("%s of inspection %s, content SHA-256 %s", m.Part, m.Inspection, m.ContentSHA256)
}
