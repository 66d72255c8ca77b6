package inspection

import (
	"strconv"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection/aql"
)

// Type is the kind of inspection, which decides what the report contains.
type Type string

// Inspection types, as inspection companies name them.
const (
	PSI   Type = "PSI"   // pre-shipment / final random inspection
	DUPRO Type = "DUPRO" // during production
	IPC   Type = "IPC"   // initial production check
	FAI   Type = "FAI"   // first article inspection
	CLC   Type = "CLC"   // container loading check
)

// Types lists the inspection types in the order menus show them.
var Types = []Type{PSI, DUPRO, IPC, FAI, CLC}

// Status is the life-cycle state of an inspection.
type Status string

// Statuses. A finalized inspection is read-only; corrections make a new revision.
const (
	Draft     Status = "draft"
	Finalized Status = "finalized"
)

// Inspection is one visit to a factory to judge one lot of one product.
type Inspection struct {
	ID       ID     `json:"id"`
	ReportNo string `json:"report_no"`
	Type     Type   `json:"type"`
	Status   Status `json:"status"`

	ClientID   ID       `json:"client_id"`
	SupplierID ID       `json:"supplier_id"`
	FactoryID  ID       `json:"factory_id"`
	ProductID  ID       `json:"product_id"`
	POs        []string `json:"pos"`

	Date       time.Time `json:"date"` // the day of the visit
	Inspector  string    `json:"inspector"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`

	// Quantity
	LotSize       int     `json:"lot_size"` // units presented for inspection
	QtyOrdered    int     `json:"qty_ordered"`
	PctProduced   float64 `json:"pct_produced"`
	PctPacked     float64 `json:"pct_packed"`
	Cartons       int     `json:"cartons"`        // cartons in the lot
	CartonsOpened []int   `json:"cartons_opened"` // carton numbers picked at random

	// Sampling
	Level          aql.Level    `json:"level"`
	Severity       aql.Severity `json:"severity"`
	SeverityReason string       `json:"severity_reason,omitempty"` // why the proposal was overridden
	AQLCritical    float64      `json:"aql_critical"`
	AQLMajor       float64      `json:"aql_major"`
	AQLMinor       float64      `json:"aql_minor"`

	// References
	GoldenSampleID ID     `json:"golden_sample_id"`
	SpecRevision   string `json:"spec_revision,omitempty"`
	ReinspectionOf ID     `json:"reinspection_of"`
	RevisionOf     ID     `json:"revision_of"`
	RevisionReason string `json:"revision_reason,omitempty"`

	Comments       string `json:"comments,omitempty"`
	Recommendation string `json:"recommendation,omitempty"`

	// Finalization. SignatureWaiver says why the report went out without the
	// inspector's or factory's signature (the factory refused, left early…).
	SignatureWaiver string    `json:"signature_waiver,omitempty"`
	FinalizedAt     time.Time `json:"finalized_at"`
	FinalizedBy     string    `json:"finalized_by,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewInspection returns a draft with a fresh ID and the usual sampling defaults
// (level II, normal, AQL 0 / 2.5 / 4.0), so every new inspection starts valid.
func NewInspection(t Type, day time.Time) *Inspection {
	d := aql.DefaultSettings()
	return &Inspection{
		ID:          NewID(),
		Type:        t,
		Status:      Draft,
		Date:        day,
		Level:       d.Level,
		Severity:    d.Severity,
		AQLCritical: d.AQL[aql.Critical],
		AQLMajor:    d.AQL[aql.Major],
		AQLMinor:    d.AQL[aql.Minor],
	}
}

// ReadOnly reports whether edits must be refused.
func (in *Inspection) ReadOnly() bool { return in.Status == Finalized }

// Settings returns the sampling settings the inspection uses.
func (in *Inspection) Settings() aql.Settings {
	return aql.Settings{
		Level:    in.Level,
		Severity: in.Severity,
		AQL: map[aql.Class]float64{
			aql.Critical: in.AQLCritical,
			aql.Major:    in.AQLMajor,
			aql.Minor:    in.AQLMinor,
		},
	}
}

// Plan returns the sampling plan for the lot.
func (in *Inspection) Plan() (aql.InspectionPlan, error) {
	if in.LotSize < 2 {
		return aql.InspectionPlan{}, Errorf(EINVALID, "lot size %d is too small for sampling: enter the number of units presented (at least 2)", in.LotSize)
	}
	return aql.PlanFor(in.LotSize, in.Settings())
}

// POList is the purchase orders joined for display.
func (in *Inspection) POList() string { return strings.Join(in.POs, ", ") }

func itoa(n int) string { return strconv.Itoa(n) }
