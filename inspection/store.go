package inspection

import (
	"context"
	"time"
)

// Store keeps everything on the inspector's disk. Every mutating call is one
// transaction that is durable when it returns: the UI saves each edit as it is
// made, so nothing is lost when the laptop dies.
//
// Put* methods validate the record (its Validate method), then insert or
// replace by ID. Mutations of anything belonging to a finalized inspection
// fail with EREADONLY; PutInspection never finalizes (Finalize does).
// Lookups of unknown IDs fail with ENOTFOUND.
type Store interface {
	Finalizer
	PutClient(ctx context.Context, c *Client) error
	Clients(ctx context.Context) ([]Client, error)
	PutSupplier(ctx context.Context, s *Supplier) error
	Suppliers(ctx context.Context) ([]Supplier, error)
	PutFactory(ctx context.Context, f *Factory) error
	Factories(ctx context.Context, supplierID ID) ([]Factory, error) // NilID: all
	PutProduct(ctx context.Context, p *Product) error
	Products(ctx context.Context) ([]Product, error)

	PutSample(ctx context.Context, s *Sample) error
	Samples(ctx context.Context, productID ID) ([]Sample, error) // every version, newest first
	// SupersedeSample stores next as the new version of old and marks old superseded.
	SupersedeSample(ctx context.Context, oldID ID, next *Sample) error

	PutInspection(ctx context.Context, in *Inspection) error
	// CreateInspection stores a new draft with its records (Template,
	// Reinspection) in one transaction.
	CreateInspection(ctx context.Context, d *Dossier) error
	Inspection(ctx context.Context, id ID) (*Inspection, error)
	// Latest returns the most recently created inspection.
	Latest(ctx context.Context) (*Inspection, error)
	ListInspections(ctx context.Context, f Filter) ([]Summary, error)
	DeleteInspection(ctx context.Context, id ID) error
	// Dossier loads an inspection with everything it refers to.
	Dossier(ctx context.Context, id ID) (*Dossier, error)

	PutSection(ctx context.Context, s *Section) error
	Sections(ctx context.Context, inspectionID ID) ([]Section, error)
	PutChecklistItem(ctx context.Context, c *ChecklistItem) error
	DeleteChecklistItem(ctx context.Context, id ID) error
	Checklist(ctx context.Context, inspectionID ID) ([]ChecklistItem, error)

	PutFinding(ctx context.Context, f *Finding) error
	DeleteFinding(ctx context.Context, id ID) error
	Findings(ctx context.Context, inspectionID ID) ([]Finding, error)

	PutMeasurement(ctx context.Context, m *Measurement) error
	DeleteMeasurement(ctx context.Context, id ID) error
	Measurements(ctx context.Context, inspectionID ID) ([]Measurement, error)

	PutTest(ctx context.Context, t *Test) error
	DeleteTest(ctx context.Context, id ID) error
	Tests(ctx context.Context, inspectionID ID) ([]Test, error)

	PutPhoto(ctx context.Context, p *Photo) error
	// AddPhoto stores a new photo at p.Position, or after the last one when
	// another photo holds that position, and returns nil. When the
	// inspection (NilID: the sample library) holds that content already, it
	// stores nothing and returns the photo that does. It is one
	// transaction, so two processes adding photos at once neither fail nor
	// share a position.
	AddPhoto(ctx context.Context, p *Photo) (*Photo, error)
	Photo(ctx context.Context, id ID) (*Photo, error)
	// PhotoBySHA finds the photo with that content in an inspection (NilID: the sample library).
	PhotoBySHA(ctx context.Context, inspectionID ID, sha256 string) (*Photo, error)
	Photos(ctx context.Context, inspectionID ID) ([]Photo, error)
	// DeletePhoto removes a photo and its links.
	DeletePhoto(ctx context.Context, id ID) error
	// SHAInUse reports whether any photo row still refers to the content, so
	// the photo store knows whether the files may go.
	SHAInUse(ctx context.Context, sha256 string) (bool, error)
	LinkPhoto(ctx context.Context, l PhotoLink) error
	UnlinkPhoto(ctx context.Context, l PhotoLink) error
	PhotoLinks(ctx context.Context, photoID ID) ([]PhotoLink, error)

	PutSignature(ctx context.Context, s *Signature) error
	Signatures(ctx context.Context, inspectionID ID) ([]Signature, error)

	LotHistorian

	Close() error
}

// Filter narrows ListInspections. Zero values mean "any".
type Filter struct {
	Search     string // full-text over inspections and findings
	SupplierID ID
	Verdict    Verdict
	Status     Status
	From, To   time.Time // inspection date, inclusive
	Limit      int
}

// Summary is one line of the inspection list.
type Summary struct {
	ID         ID        `json:"id"`
	ReportNo   string    `json:"report_no"`
	Type       Type      `json:"type"`
	Status     Status    `json:"status"`
	Date       time.Time `json:"date"`
	Supplier   string    `json:"supplier"`
	SupplierID ID        `json:"supplier_id"`
	Product    string    `json:"product"`
	POs        []string  `json:"pos"`
	Inspector  string    `json:"inspector"`
	Verdict    Verdict   `json:"verdict"`
	Findings   int       `json:"findings"`
}
