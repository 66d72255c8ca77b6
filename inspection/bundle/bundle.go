// Package bundle writes and reads .loupe files: one zip carrying an
// inspection's data as JSON, its original photos byte for byte, its
// signatures, optionally the PDF report, and a manifest of SHA-256 hashes of
// every entry. Bundles travel by USB stick and email between inspectors and
// offices, so the reader treats every file as hostile until each entry has
// been checked.
package bundle

import (
	"regexp"

	"github.com/loupeqc/loupe/inspection"
)

// Schema is the layout version written in dossier.json and manifest.json.
// Readers refuse newer versions rather than guess at unknown fields.
const Schema = 1

// Entry names. Photos are photos/<sha256><ext>, signatures signatures/<id>.png.
const (
	DossierEntry  = "dossier.json"
	ManifestEntry = "manifest.json"
	ReportEntry   = "report.pdf"
	AnnexEntry    = "report-photos.pdf"
)

// Originals locates original photo files by content; photo.Files does.
type Originals interface {
	Original(sha, ext string) string
}

// Limits bound what Read accepts, so a crafted file cannot fill the disk or
// the memory. Zero fields take the DefaultLimits value.
type Limits struct {
	Total   int64 // uncompressed bytes over all entries
	Entry   int64 // uncompressed bytes of one entry
	JSON    int64 // bytes of dossier.json or manifest.json, which are held in memory
	Entries int   // number of entries
}

// DefaultLimits fit the largest real inspection (150 camera photos of
// 15 MB each) with room to spare.
var DefaultLimits = Limits{Total: 2 << 30, Entry: 256 << 20, JSON: 64 << 20, Entries: 20000}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.Total > 0 {
		d.Total = l.Total
	}
	if l.Entry > 0 {
		d.Entry = l.Entry
	}
	if l.JSON > 0 {
		d.JSON = l.JSON
	}
	if l.Entries > 0 {
		d.Entries = l.Entries
	}
	return d
}

// document is dossier.json. Signature PNGs travel as their own entries so
// the JSON stays readable.
type document struct {
	Schema    int                  `json:"schema"`
	Dossier   *inspection.Dossier  `json:"dossier"`
	Finalized *inspection.Manifest `json:"finalized,omitempty"` // what Finalize recorded
}

// manifest is manifest.json: entry name → hex SHA-256 of its bytes.
type manifest struct {
	Schema int               `json:"schema"`
	Files  map[string]string `json:"files"`
}

var (
	photoName     = regexp.MustCompile(`^photos/([0-9a-f]{64})(\.[a-z0-9]{1,8})?$`)
	signatureName = regexp.MustCompile(`^signatures/([0-9a-f-]{36})\.png$`)
	hexSHA        = regexp.MustCompile(`^[0-9a-f]{64}$`)
	safeExt       = regexp.MustCompile(`^(\.[a-z0-9]{1,8})?$`)
)

// PhotoEntry is the entry name of an original photo.
func PhotoEntry(sha, ext string) string { return "photos/" + sha + ext }

func signatureEntry(id inspection.ID) string { return "signatures/" + id.String() + ".png" }
