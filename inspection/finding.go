package inspection

import "github.com/loupeqc/loupe/inspection/aql"

// Class is a defect class: critical, major or minor.
type Class = aql.Class

// Defect classes, from the AQL engine so both speak the same words.
const (
	Critical = aql.Critical
	Major    = aql.Major
	Minor    = aql.Minor
)

// Finding is a defect seen on one or more sampled units.
type Finding struct {
	ID           ID     `json:"id"`
	InspectionID ID     `json:"inspection_id"`
	Class        Class  `json:"class"`
	Description  string `json:"description"`
	Location     string `json:"location,omitempty"`
	// Quantity is the number of defective units showing this defect.
	Quantity int `json:"quantity"`
	// Units optionally names the sampled units (1-based) that show the defect,
	// so a unit with several defects counts once, under its worst.
	Units    []int `json:"units,omitempty"`
	SampleID ID    `json:"sample_id"` // golden or boundary sample judged against
	Position int   `json:"position"`
}

// severity ranks classes so the worst defect of a unit wins.
func severity(c Class) int {
	switch c {
	case Critical:
		return 3
	case Major:
		return 2
	case Minor:
		return 1
	}
	return 0
}

// DefectiveUnits counts defective units per class: a unit counts once, under
// its most serious defect (ISO 2859-1 counts nonconforming items). Findings
// without unit numbers count Quantity distinct units.
func DefectiveUnits(findings []Finding) map[Class]int {
	counts := map[Class]int{Critical: 0, Major: 0, Minor: 0}
	worst := map[int]Class{}
	for _, f := range findings {
		if severity(f.Class) == 0 {
			continue
		}
		if len(f.Units) == 0 {
			counts[f.Class] += max(f.Quantity, 0)
			continue
		}
		for _, u := range f.Units {
			if severity(f.Class) > severity(worst[u]) {
				worst[u] = f.Class
			}
		}
	}
	for _, c := range worst {
		counts[c]++
	}
	return counts
}
