package aql

import (
	"fmt"
	"strings"
)

// Settings are the sampling choices of one inspection.
type Settings struct {
	Level    Level
	Severity Severity
	AQL      map[Class]float64 // a class missing from the map tolerates nothing
	// TestLevel is the level of on-site tests (drop, function, barcode),
	// which destroy or tie up units and so use a special level.
	TestLevel Level
}

// DefaultSettings are what most clients contract: level II, normal,
// critical 0, major 2.5, minor 4.0, on-site tests at S-2.
func DefaultSettings() Settings {
	return Settings{
		Level:     LevelII,
		Severity:  Normal,
		AQL:       map[Class]float64{Critical: 0, Major: 2.5, Minor: 4.0},
		TestLevel: LevelS2,
	}
}

// ClassPlan is the accept/reject rule of one defect class.
type ClassPlan struct {
	Class          Class   `json:"class"`
	AQL            float64 `json:"aql"`
	PlanCodeLetter string  `json:"plan_code_letter"` // whose Ac/Re these are
	SampleSize     int     `json:"sample_size"`      // of that plan; the inspection may sample more
	Accept         int     `json:"accept"`
	Reject         int     `json:"reject"`
}

// InspectionPlan is the sampling plan of a whole inspection: one sample for
// every class, each class judged by its own acceptance numbers.
type InspectionPlan struct {
	LotSize    int      `json:"lot_size"`
	Level      Level    `json:"level"`
	Severity   Severity `json:"inspection"`
	CodeLetter string   `json:"code_letter"` // Table 1's letter for the lot
	// UsedCodeLetter is the letter of the largest sample the classes call
	// for, used for all classes as ISO 2859-1 allows.
	UsedCodeLetter string      `json:"used_code_letter"`
	SampleSize     int         `json:"sample_size"`
	FullInspection bool        `json:"full_inspection"`
	Classes        []ClassPlan `json:"classes"`
	Tests          Plan        `json:"tests"` // on-site tests: nothing may fail
}

// PlanFor builds an inspection's plan. Each class is looked up at Table 1's
// letter; when the arrows lead the classes to different sample sizes, the
// letter of the largest is used for every class (ISO 2859-1, 10.2), which
// may move another class's plan again, until one sample serves all.
func PlanFor(lot int, s Settings) (InspectionPlan, error) {
	if s.Severity == "" {
		s.Severity = Normal
	}
	letter, err := CodeLetter(lot, s.Level)
	if err != nil {
		return InspectionPlan{}, err
	}
	m, ok := masters[s.Severity]
	if !ok {
		return InspectionPlan{}, fmt.Errorf("unknown inspection severity %q: use normal, tightened or reduced", s.Severity)
	}
	for _, c := range Classes {
		if !ValidAQL(s.AQL[c]) {
			return InspectionPlan{}, fmt.Errorf("%s AQL %v is not a column of ISO 2859-1: use 0 (nothing allowed) or one of %s", c, s.AQL[c], joinAQLs())
		}
	}
	p := InspectionPlan{LotSize: lot, Level: s.Level, Severity: s.Severity, CodeLetter: letter}
	used := m.row(letter)
	for range m.letters { // each pass can only move down the table
		classes, largest, err := classPlans(m, used, s.AQL, p.Classes)
		if err != nil {
			return InspectionPlan{}, err
		}
		p.Classes = classes
		if largest <= used {
			break
		}
		used = largest
	}
	p.UsedCodeLetter, p.SampleSize = m.letters[used], m.sizes[used]
	if p.SampleSize >= lot {
		p.SampleSize, p.FullInspection = lot, true
	}
	testLevel := s.TestLevel
	if testLevel == "" {
		testLevel = LevelS2
	}
	if p.Tests, err = Lookup(lot, testLevel, 0, Normal); err != nil {
		return InspectionPlan{}, err
	}
	return p, nil
}

// classPlans looks every class up from one row and returns the plans and
// the row of the largest sample among them. A class with no plan from that
// row (tightened row S holds a plan at AQL 0.025 only) keeps its previous one.
func classPlans(m *master, from int, aqls map[Class]float64, previous []ClassPlan) ([]ClassPlan, int, error) {
	largest := from
	plans := make([]ClassPlan, 0, len(Classes))
	for i, c := range Classes {
		cp := ClassPlan{Class: c, AQL: aqls[c], PlanCodeLetter: m.letters[from], SampleSize: m.sizes[from], Accept: 0, Reject: 1}
		if cp.AQL != 0 {
			row, cl, err := m.resolve(from, column(cp.AQL))
			if err != nil && previous != nil {
				plans = append(plans, previous[i])
				continue
			}
			if err != nil {
				return nil, 0, err
			}
			cp.PlanCodeLetter, cp.SampleSize, cp.Accept, cp.Reject = m.letters[row], m.sizes[row], cl.accept, cl.reject
			largest = max(largest, row)
		}
		plans = append(plans, cp)
	}
	return plans, largest, nil
}

// Class returns the plan of one class.
func (p InspectionPlan) Class(c Class) (ClassPlan, bool) {
	for _, cp := range p.Classes {
		if cp.Class == c {
			return cp, true
		}
	}
	return ClassPlan{}, false
}

// Words says the plan as an inspector reads it aloud: "Sample 200 units
// (code letter L, level II, normal). Critical: 0 allowed. Major (AQL 2.5):
// accept up to 10, reject at 11. Minor (AQL 4.0): accept up to 14, reject
// at 15."
func (p InspectionPlan) Words() string {
	var b strings.Builder
	letter := "code letter " + p.CodeLetter
	if p.UsedCodeLetter != p.CodeLetter {
		letter += fmt.Sprintf(", plan of letter %s as the table's arrows direct", p.UsedCodeLetter)
	}
	if p.FullInspection {
		fmt.Fprintf(&b, "Inspect all %d units: the sample size reaches the lot size (%s, level %s, %s).", p.SampleSize, letter, p.Level, p.Severity)
	} else {
		fmt.Fprintf(&b, "Sample %d units (%s, level %s, %s).", p.SampleSize, letter, p.Level, p.Severity)
	}
	for _, cp := range p.Classes {
		b.WriteString(" ")
		b.WriteString(cp.Words())
	}
	return b.String()
}

// Words says one class's rule: "Major (AQL 2.5): accept up to 10, reject at 11."
func (cp ClassPlan) Words() string {
	if cp.AQL == 0 {
		return cp.Class.Title() + ": 0 allowed."
	}
	return fmt.Sprintf("%s (AQL %s): accept up to %d, reject at %d.", cp.Class.Title(), FormatAQL(cp.AQL), cp.Accept, cp.Reject)
}
