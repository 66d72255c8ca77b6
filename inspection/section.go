package inspection

// SectionKind names a checklist section of the report, in report order.
type SectionKind string

// Sections of a pre-shipment report, in the industry's report order.
const (
	SectionQuantity     SectionKind = "quantity"
	SectionWorkmanship  SectionKind = "workmanship"
	SectionConformity   SectionKind = "conformity"
	SectionMeasurements SectionKind = "measurements"
	SectionTests        SectionKind = "tests"
	SectionPacking      SectionKind = "packing"
	SectionMarking      SectionKind = "marking"
	SectionClient       SectionKind = "client_requirements"
)

// Sections lists every section in report order.
var Sections = []SectionKind{
	SectionQuantity, SectionWorkmanship, SectionConformity, SectionMeasurements,
	SectionTests, SectionPacking, SectionMarking, SectionClient,
}

// Title is the section's heading in the UI and the report.
func (k SectionKind) Title() string {
	switch k {
	case SectionQuantity:
		return "Quantity"
	case SectionWorkmanship:
		return "Workmanship"
	case SectionConformity:
		return "Conformity"
	case SectionMeasurements:
		return "Measurements"
	case SectionTests:
		return "On-site tests"
	case SectionPacking:
		return "Packing"
	case SectionMarking:
		return "Marking and labeling"
	case SectionClient:
		return "Client requirements"
	}
	return string(k)
}

// Result is the outcome of a section, a checklist item or a test.
type Result string

// Results. Pending means the inspector cannot decide: the client must.
const (
	Unjudged Result = ""
	Pass     Result = "pass"
	Fail     Result = "fail"
	Pending  Result = "pending"
	NA       Result = "n/a"
)

// Section holds the inspector's result and remarks for one report section.
type Section struct {
	InspectionID ID          `json:"inspection_id"`
	Kind         SectionKind `json:"kind"`
	Result       Result      `json:"result"`
	Notes        string      `json:"notes,omitempty"`
}

// ChecklistItem is one check inside a section ("shipping marks match the PO").
type ChecklistItem struct {
	ID           ID          `json:"id"`
	InspectionID ID          `json:"inspection_id"`
	Section      SectionKind `json:"section"`
	Position     int         `json:"position"`
	Text         string      `json:"text"`
	Result       Result      `json:"result"`
	Notes        string      `json:"notes,omitempty"`
}
