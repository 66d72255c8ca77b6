package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/loupeqc/loupe/inspection"
)

// ContentHash is the SHA-256 printed in every page's footer. It covers the
// dossier as JSON (every field the report prints and more) and the SHA-256 of
// each photo's original, so anyone holding the database can recompute it and
// prove the report matches what was recorded. It depends only on the data,
// never on when or how the PDF was rendered.
func ContentHash(d *inspection.Dossier) (string, error) {
	h := sha256.New()
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("hash the inspection for the report: %w", err)
	}
	h.Write(b)
	for _, p := range d.Photos {
		h.Write([]byte{'\n'})
		h.Write([]byte(p.SHA256))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
