package inspection

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ReportFile records a PDF report Loupe wrote (or received in a bundle), by
// the SHA-256 of its bytes: the footer's content hash proves the data, this
// proves the file.
type ReportFile struct {
	SHA256        string    `json:"sha256"`
	InspectionID  ID        `json:"inspection_id"`
	ContentSHA256 string    `json:"content_sha256"`
	Name          string    `json:"name"`
	Size          int64     `json:"size"`
	CreatedAt     time.Time `json:"created_at"`
}

// NewReportFile hashes a written report.
func NewReportFile(path string, inspectionID ID, contentSHA string) (ReportFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return ReportFile{}, fmt.Errorf("hash report %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return ReportFile{}, fmt.Errorf("hash report %s: %w", path, err)
	}
	return ReportFile{
		SHA256: hex.EncodeToString(h.Sum(nil)), InspectionID: inspectionID, ContentSHA256: contentSHA,
		Name: filepath.Base(path), Size: n, CreatedAt: time.Now().UTC(),
	}, nil
}

// Validate checks a report record before it is stored, whoever wrote it:
// the SHA-256 of the file's bytes and the content hash it prints, and the
// inspection it is a report of.
func (r ReportFile) Validate() error {
	switch {
	case !hexSHA256.MatchString(r.SHA256):
		return invalid("report record %q has SHA-256 %q, which is not 64 lower-case hex digits", r.Name, r.SHA256)
	case !hexSHA256.MatchString(r.ContentSHA256):
		return invalid("report record %q has content SHA-256 %q, which is not 64 lower-case hex digits", r.Name, r.ContentSHA256)
	case r.InspectionID == NilID:
		return invalid("report record %q names no inspection", r.Name)
	case r.Size < 0:
		return invalid("report record %q has a negative size", r.Name)
	}
	return nil
}
