package inspection

import "github.com/loupeqc/loupe/inspection/aql"

// Verdict is the overall outcome of an inspection.
type Verdict string

// Verdicts. Pending means a client decision is needed; incomplete means
// nothing has failed yet but some section has no result, so the lot cannot
// be called a pass.
const (
	VerdictPass       Verdict = "pass"
	VerdictFail       Verdict = "fail"
	VerdictPending    Verdict = "pending"
	VerdictIncomplete Verdict = "incomplete"
)

// Verdicts lists every verdict, in the order filters offer them.
var Verdicts = []Verdict{VerdictPass, VerdictFail, VerdictPending, VerdictIncomplete}

// Word is the verdict as badges, lists and the report print it: "PASS".
func (v Verdict) Word() string {
	switch v {
	case VerdictPass:
		return "PASS"
	case VerdictFail:
		return "FAIL"
	case VerdictPending:
		return "PENDING"
	case VerdictIncomplete:
		return "INCOMPLETE"
	}
	return "-"
}

// Outcome is the verdict with what it rests on, for the verdict bar and the
// report summary.
type Outcome struct {
	Verdict  Verdict
	Plan     aql.InspectionPlan
	PlanErr  error // why there is no plan (lot size missing); workmanship is then unjudged
	AQL      aql.LiveVerdict
	Sections map[SectionKind]Result // after workmanship is derived from AQL
}

// Evaluate applies the verdict rules: a unit counts once under its worst
// defect; any rejected class fails workmanship; any failed section fails the
// report; otherwise any pending section makes it pending; otherwise any
// section without a result makes it incomplete, never a pass. Every place
// that shows a verdict (list, badge, verdict bar, report, bundle, finalize)
// takes it from here.
func Evaluate(in *Inspection, findings []Finding, sections []Section) Outcome {
	out := Outcome{Sections: map[SectionKind]Result{}}
	for _, s := range sections {
		out.Sections[s.Kind] = s.Result
	}
	out.Plan, out.PlanErr = in.Plan()
	if out.PlanErr == nil {
		out.AQL = out.Plan.Evaluate(DefectiveUnits(findings))
		// The inspector may mark workmanship pending (client decision) or
		// failed for reasons outside AQL, never passed against the numbers.
		switch {
		case out.AQL.Rejected:
			out.Sections[SectionWorkmanship] = Fail
		case out.Sections[SectionWorkmanship] == Unjudged:
			out.Sections[SectionWorkmanship] = Pass
		}
	}
	out.Verdict = out.overall()
	return out
}

func (o Outcome) overall() Verdict {
	v := VerdictPass
	for _, r := range o.Sections {
		switch r {
		case Fail:
			return VerdictFail
		case Pending:
			v = VerdictPending
		}
	}
	if v == VerdictPass && len(o.Unjudged()) > 0 {
		return VerdictIncomplete
	}
	return v
}

// Unjudged lists the sections that still have no result, in report order.
func (o Outcome) Unjudged() []SectionKind {
	var missing []SectionKind
	for _, k := range Sections {
		if o.Sections[k] == Unjudged {
			missing = append(missing, k)
		}
	}
	return missing
}
