package aql

import (
	"strings"
	"testing"
)

func TestPlanForDefaults(t *testing.T) {
	p, err := PlanFor(5000, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	want := "Sample 200 units (code letter L, level II, normal). Critical: 0 allowed. Major (AQL 2.5): accept up to 10, reject at 11. Minor (AQL 4.0): accept up to 14, reject at 15."
	if got := p.Words(); got != want {
		t.Errorf("Words() =\n%s\nwant\n%s", got, want)
	}
	if p.Tests.Level != LevelS2 || p.Tests.SampleSize != 8 || p.Tests.Reject != 1 {
		t.Errorf("on-site test plan = %+v; want S-2, 8 units, reject at 1", p.Tests)
	}
}

func TestPlanForUsesTheLargestSample(t *testing.T) {
	cases := []struct {
		name     string
		lot      int
		aqls     map[Class]float64
		used     string
		n        int
		accepts  [3]int // critical, major, minor
		planFrom [3]string
	}{
		// Critical 0.10 at J points down to K: every class then uses K.
		{"arrow down moves all", 1000, map[Class]float64{Critical: 0.10, Major: 2.5, Minor: 4.0}, "K", 125, [3]int{0, 7, 10}, [3]string{"K", "K", "K"}},
		// Minor 4.0 at C points up to B; major's arrow down to C wins.
		{"arrow up keeps its plan", 10, map[Class]float64{Critical: 0, Major: 2.5, Minor: 4.0}, "C", 5, [3]int{0, 0, 0}, [3]string{"C", "C", "B"}},
		{"all zero", 500, map[Class]float64{}, "H", 50, [3]int{0, 0, 0}, [3]string{"H", "H", "H"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := PlanFor(c.lot, Settings{Level: LevelII, Severity: Normal, AQL: c.aqls})
			if err != nil {
				t.Fatal(err)
			}
			if p.UsedCodeLetter != c.used || p.SampleSize != c.n {
				t.Errorf("used %s n=%d; want %s n=%d", p.UsedCodeLetter, p.SampleSize, c.used, c.n)
			}
			for i, cl := range Classes {
				cp, _ := p.Class(cl)
				if cp.Accept != c.accepts[i] || cp.Reject != cp.Accept+1 || cp.PlanCodeLetter != c.planFrom[i] {
					t.Errorf("%s: %+v; want accept %d from plan %s", cl, cp, c.accepts[i], c.planFrom[i])
				}
			}
		})
	}
}

func TestPlanWordsSayWhenArrowsMoveThePlan(t *testing.T) {
	s := DefaultSettings()
	s.AQL[Critical] = 0.10
	p, _ := PlanFor(1000, s)
	if w := p.Words(); !strings.Contains(w, "code letter J, plan of letter K") || !strings.Contains(w, "Critical (AQL 0.10): accept up to 0, reject at 1.") {
		t.Errorf("Words() = %q", w)
	}
	p, _ = PlanFor(4, DefaultSettings())
	if w := p.Words(); !p.FullInspection || !strings.HasPrefix(w, "Inspect all 4 units") {
		t.Errorf("small lot: %q", w)
	}
}

func TestPlanForRejectsBadSettings(t *testing.T) {
	bad := []Settings{
		{Level: "IV", AQL: map[Class]float64{}},
		{Level: LevelII, Severity: "lenient", AQL: map[Class]float64{}},
		{Level: LevelII, AQL: map[Class]float64{Major: 3}},
	}
	for _, s := range bad {
		if _, err := PlanFor(1000, s); err == nil {
			t.Errorf("PlanFor(%+v) accepted bad settings", s)
		}
	}
}

func TestEvaluate(t *testing.T) {
	p, _ := PlanFor(5000, DefaultSettings()) // major 10/11, minor 14/15
	cases := []struct {
		name     string
		found    map[Class]int
		rejected bool
		words    map[Class]string
	}{
		{"nothing found", nil, false, map[Class]string{Critical: "Any critical defect rejects the lot.", Major: "11 more major defects reject the lot."}},
		{"one short of rejection", map[Class]int{Major: 10}, false, map[Class]string{Major: "1 more major defect rejects the lot."}},
		{"major rejects", map[Class]int{Major: 11}, true, map[Class]string{Major: "Rejected: 11 major defects found, the plan rejects at 11."}},
		{"one critical rejects", map[Class]int{Critical: 1}, true, map[Class]string{Critical: "Rejected: 1 critical defect found, the plan rejects at 1."}},
		{"minor at limit", map[Class]int{Minor: 14, Major: 3}, false, map[Class]string{Minor: "1 more minor defect rejects the lot."}},
	}
	for _, c := range cases {
		v := p.Evaluate(c.found)
		if v.Rejected != c.rejected {
			t.Errorf("%s: rejected = %v", c.name, v.Rejected)
		}
		for cl, w := range c.words {
			if got := v.Class(cl).Words(); got != w {
				t.Errorf("%s: %s says %q, want %q", c.name, cl, got, w)
			}
		}
	}
}
