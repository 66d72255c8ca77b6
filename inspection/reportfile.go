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
