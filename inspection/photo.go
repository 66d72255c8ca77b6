package inspection

import "time"

// Photo is an image attached to an inspection (or to a sample in the library).
// Files live in the photo store under their SHA-256; the row holds what the
// report and the integrity checks need.
type Photo struct {
	ID           ID        `json:"id"`
	InspectionID ID        `json:"inspection_id"` // NilID for sample-library photos
	SHA256       string    `json:"sha256"`        // of the original bytes, hex
	Ext          string    `json:"ext"`           // extension of the original: ".jpg", ".png", ...
	OriginalName string    `json:"original_name"` // file name on the camera
	Caption      string    `json:"caption,omitempty"`
	TakenAt      time.Time `json:"taken_at"` // EXIF DateTimeOriginal, zero when unknown
	Width        int       `json:"width"`    // working copy, upright
	Height       int       `json:"height"`
	Size         int64     `json:"size"`                  // bytes of the original
	Annotations  string    `json:"annotations,omitempty"` // JSON layer of arrows, circles and text
	Position     int       `json:"position"`
	CreatedAt    time.Time `json:"created_at"`
}

// LinkKind is what a photo is attached to.
type LinkKind string

// Link kinds.
const (
	LinkFinding     LinkKind = "finding"
	LinkSection     LinkKind = "section" // Target is the SectionKind
	LinkMeasurement LinkKind = "measurement"
	LinkTest        LinkKind = "test"
	LinkSample      LinkKind = "sample"
)

// PhotoLink ties a photo to a finding, section, measurement, test or sample.
type PhotoLink struct {
	PhotoID ID       `json:"photo_id"`
	Kind    LinkKind `json:"kind"`
	Target  string   `json:"target"` // an ID, or a SectionKind for LinkSection
}
