package inspection

import "github.com/loupeqc/loupe/inspection/aql"

// Verdict is the overall outcome of an inspection.
type Verdict string

// Verdicts. Pending means a client decision is needed.
const (
	VerdictPass    Verdict = "pass"
	VerdictFail    Verdict = "fail"
	VerdictPending Verdict = "pending"
)

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
// report; otherwise any pending section makes it pending.
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
	out.Verdict = overall(out.Sections)
	return out
}

func overall(results map[SectionKind]Result) Verdict {
	v := VerdictPass
	for _, r := range results {
		switch r {
		case Fail:
			return VerdictFail
		case Pending:
			v = VerdictPending
		}
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
