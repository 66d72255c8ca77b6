package aql

import "fmt"

// ClassVerdict is where one class stands while defects are being counted.
type ClassVerdict struct {
	Class    Class   `json:"class"`
	AQL      float64 `json:"aql"`
	Found    int     `json:"found"`
	Accept   int     `json:"accept"`
	Reject   int     `json:"reject"`
	Rejected bool    `json:"rejected"`
	ToReject int     `json:"to_reject"` // defective units still needed to reject; 0 once rejected
}

// LiveVerdict is the AQL verdict of the defects found so far.
type LiveVerdict struct {
	Classes  []ClassVerdict `json:"classes"`
	Rejected bool           `json:"rejected"` // any class rejected rejects the lot
}

// Evaluate judges the defective units found per class against the plan.
func (p InspectionPlan) Evaluate(found map[Class]int) LiveVerdict {
	var v LiveVerdict
	for _, cp := range p.Classes {
		n := max(found[cp.Class], 0)
		cv := ClassVerdict{Class: cp.Class, AQL: cp.AQL, Found: n, Accept: cp.Accept, Reject: cp.Reject}
		cv.Rejected = n >= cp.Reject
		cv.ToReject = max(cp.Reject-n, 0)
		v.Rejected = v.Rejected || cv.Rejected
		v.Classes = append(v.Classes, cv)
	}
	return v
}

// Class returns one class's verdict.
func (v LiveVerdict) Class(c Class) ClassVerdict {
	for _, cv := range v.Classes {
		if cv.Class == c {
			return cv
		}
	}
	return ClassVerdict{Class: c}
}

// Words says how far the class is from rejecting the lot: "1 more major
// defect rejects the lot".
func (v ClassVerdict) Words() string {
	switch {
	case v.Rejected:
		return fmt.Sprintf("Rejected: %d %s %s found, the plan rejects at %d.", v.Found, v.Class, units(v.Found), v.Reject)
	case v.Found == 0 && v.Reject == 1:
		return fmt.Sprintf("Any %s defect rejects the lot.", v.Class)
	case v.ToReject == 1:
		return fmt.Sprintf("1 more %s defect rejects the lot.", v.Class)
	}
	return fmt.Sprintf("%d more %s defects reject the lot.", v.ToReject, v.Class)
}

func units(n int) string {
	if n == 1 {
		return "defect"
	}
	return "defects"
}
