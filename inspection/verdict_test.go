package inspection

import (
	"testing"
	"time"
)

func lot5000() *Inspection {
	in := NewInspection(PSI, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	in.LotSize = 5000 // level II → code letter L, 200 units; major 10/11, minor 14/15
	return in
}

func TestDefectiveUnitsCountsEachUnitOnceUnderItsWorstDefect(t *testing.T) {
	tests := []struct {
		name     string
		findings []Finding
		want     map[Class]int
	}{
		{"none", nil, map[Class]int{Critical: 0, Major: 0, Minor: 0}},
		{"quantities add up", []Finding{{Class: Major, Quantity: 2}, {Class: Major, Quantity: 3}, {Class: Minor, Quantity: 1}},
			map[Class]int{Critical: 0, Major: 5, Minor: 1}},
		{"unit with major and minor counts as major", []Finding{{Class: Minor, Units: []int{4}}, {Class: Major, Units: []int{4}}},
			map[Class]int{Critical: 0, Major: 1, Minor: 0}},
		{"critical wins over all", []Finding{{Class: Minor, Units: []int{1, 2}}, {Class: Critical, Units: []int{2}}, {Class: Major, Units: []int{2, 3}}},
			map[Class]int{Critical: 1, Major: 1, Minor: 1}},
		{"same defect twice on a unit counts once", []Finding{{Class: Minor, Units: []int{7}}, {Class: Minor, Units: []int{7}}},
			map[Class]int{Critical: 0, Major: 0, Minor: 1}},
		{"negative quantity ignored", []Finding{{Class: Minor, Quantity: -3}}, map[Class]int{Critical: 0, Major: 0, Minor: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DefectiveUnits(tt.findings)
			for _, c := range []Class{Critical, Major, Minor} {
				if got[c] != tt.want[c] {
					t.Errorf("%s = %d, want %d", c, got[c], tt.want[c])
				}
			}
		})
	}
}

func TestEvaluateVerdictRules(t *testing.T) {
	all := func(r Result) []Section {
		var s []Section
		for _, k := range Sections {
			if k != SectionWorkmanship {
				s = append(s, Section{Kind: k, Result: r})
			}
		}
		return s
	}
	with := func(s []Section, k SectionKind, r Result) []Section {
		out := append([]Section(nil), s...)
		for i := range out {
			if out[i].Kind == k {
				out[i].Result = r
				return out
			}
		}
		return append(out, Section{Kind: k, Result: r})
	}
	tests := []struct {
		name     string
		findings []Finding
		sections []Section
		want     Verdict
		workman  Result
	}{
		{"clean lot passes", nil, all(Pass), VerdictPass, Pass},
		{"majors at Ac pass", []Finding{{Class: Major, Quantity: 10}}, all(Pass), VerdictPass, Pass},
		{"majors at Re fail", []Finding{{Class: Major, Quantity: 11}}, all(Pass), VerdictFail, Fail},
		{"one critical fails (AQL 0)", []Finding{{Class: Critical, Quantity: 1}}, all(Pass), VerdictFail, Fail},
		{"minors at Re fail", []Finding{{Class: Minor, Quantity: 15}}, all(Pass), VerdictFail, Fail},
		{"11 majors as minors on same units still count once",
			[]Finding{{Class: Minor, Units: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}, {Class: Major, Units: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}},
			all(Pass), VerdictPass, Pass},
		{"failed section fails the report", nil, with(all(Pass), SectionPacking, Fail), VerdictFail, Pass},
		{"pending section makes it pending", nil, with(all(Pass), SectionConformity, Pending), VerdictPending, Pass},
		{"fail beats pending", []Finding{{Class: Major, Quantity: 11}}, with(all(Pass), SectionConformity, Pending), VerdictFail, Fail},
		{"workmanship pending by the inspector stays pending", nil, with(all(Pass), SectionWorkmanship, Pending), VerdictPending, Pending},
		{"AQL rejection overrides a workmanship pass", []Finding{{Class: Major, Quantity: 12}}, with(all(Pass), SectionWorkmanship, Pass), VerdictFail, Fail},
		{"n/a sections do not fail", nil, with(all(Pass), SectionTests, NA), VerdictPass, Pass},
		{"a section without a result makes it incomplete", nil, with(all(Pass), SectionMarking, Unjudged), VerdictIncomplete, Pass},
		{"a section never opened makes it incomplete", nil, all(Pass)[1:], VerdictIncomplete, Pass},
		{"nothing judged yet is incomplete", nil, nil, VerdictIncomplete, Pass},
		{"fail beats incomplete", []Finding{{Class: Critical, Quantity: 1}}, nil, VerdictFail, Fail},
		{"pending beats incomplete", nil, with(nil, SectionConformity, Pending), VerdictPending, Pass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Evaluate(lot5000(), tt.findings, tt.sections)
			if out.PlanErr != nil {
				t.Fatal(out.PlanErr)
			}
			if out.Verdict != tt.want {
				t.Errorf("verdict = %s, want %s", out.Verdict, tt.want)
			}
			if got := out.Sections[SectionWorkmanship]; got != tt.workman {
				t.Errorf("workmanship = %q, want %q", got, tt.workman)
			}
		})
	}
}

func TestEvaluateWithoutLotSizeLeavesWorkmanshipUnjudged(t *testing.T) {
	in := lot5000()
	in.LotSize = 0
	out := Evaluate(in, []Finding{{Class: Critical, Quantity: 1}}, nil)
	if out.PlanErr == nil || ErrorCode(out.PlanErr) != EINVALID {
		t.Fatalf("PlanErr = %v, want an EINVALID error", out.PlanErr)
	}
	if got := out.Unjudged(); len(got) != len(Sections) {
		t.Errorf("unjudged = %v, want all %d sections", got, len(Sections))
	}
	if out.Verdict != VerdictIncomplete {
		t.Errorf("verdict without a plan = %s, want incomplete: a critical defect nobody can judge yet is no pass", out.Verdict)
	}
}

func TestVerdictWords(t *testing.T) {
	want := map[Verdict]string{VerdictPass: "PASS", VerdictFail: "FAIL", VerdictPending: "PENDING", VerdictIncomplete: "INCOMPLETE", "": "-"}
	for v, w := range want {
		if got := v.Word(); got != w {
			t.Errorf("%q.Word() = %q, want %q", v, got, w)
		}
	}
	if len(Verdicts) != 4 {
		t.Errorf("Verdicts = %v, want the four verdicts", Verdicts)
	}
}
