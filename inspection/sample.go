package inspection

import "time"

// SampleKind tells a golden (approved reference) sample from a boundary (limit) sample.
type SampleKind string

// Sample kinds.
const (
	Golden   SampleKind = "golden"
	Boundary SampleKind = "boundary"
)

// Sample is a physical reference unit findings are judged against. Samples are
// versioned: a new version supersedes the old one, and inspections keep
// pointing at the version they used.
type Sample struct {
	ID           ID         `json:"id"`
	ProductID    ID         `json:"product_id"`
	Kind         SampleKind `json:"kind"`
	Code         string     `json:"code"` // the ID written on the seal, e.g. "GS-4471-A"
	Version      int        `json:"version"`
	Date         time.Time  `json:"date"`            // approval date
	Limit        string     `json:"limit,omitempty"` // boundary samples: what limit it illustrates
	Notes        string     `json:"notes,omitempty"`
	SupersededBy ID         `json:"superseded_by"`
}

// Current reports whether no newer version replaces the sample.
func (s Sample) Current() bool { return s.SupersededBy == NilID }

// Label is the short form used in lists and reports: "Boundary BS-4471-02 v2".
func (s Sample) Label() string {
	kind := "Golden"
	if s.Kind == Boundary {
		kind = "Boundary"
	}
	return kind + " " + s.Code + " v" + itoa(s.Version)
}
