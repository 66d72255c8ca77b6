package inspection

import "time"

// SignerRole says who signed.
type SignerRole string

// Signer roles.
const (
	SignerInspector SignerRole = "inspector"
	SignerFactory   SignerRole = "factory"
)

// Signature is a drawn signature (PNG) or a photo of a wet one, or a waiver
// when a signature could not be obtained.
type Signature struct {
	ID           ID         `json:"id"`
	InspectionID ID         `json:"inspection_id"`
	Role         SignerRole `json:"role"`
	Name         string     `json:"name"`
	SignedAt     time.Time  `json:"signed_at"`
	PNG          []byte     `json:"png,omitempty"`
	Waived       bool       `json:"waived"`
	WaiverReason string     `json:"waiver_reason,omitempty"`
}
