package aql

import "testing"

// lots builds a history from a string: A accepted, R rejected (normal
// inspection, no score data), a accepted with a score-earning result.
func lots(seq string) []Lot {
	out := make([]Lot, 0, len(seq))
	for _, c := range seq {
		lot := Lot{Accepted: c != 'R', Severity: Normal}
		if c == 'a' { // lot 5000, II, AQL 2.5 (Ac 10); 7 ≤ Ac 7 one step tighter
			lot.LotSize, lot.Level, lot.AQL, lot.Found = 5000, LevelII, 2.5, 7
		}
		if c == 'x' { // accepted, but 9 found: not accepted one step tighter
			lot.LotSize, lot.Level, lot.AQL, lot.Found = 5000, LevelII, 2.5, 9
		}
		out = append(out, lot)
	}
	return out
}

func TestSwitchingScenarios(t *testing.T) {
	cases := []struct {
		name    string
		history string
		want    string // state after each lot: N normal, T tightened, D discontinue
	}{
		{"steady normal", "AAAAA", "NNNNN"},
		{"two rejections in five", "ARAAR", "NNNNT"},
		{"two rejections apart by five", "RAAAAR", "NNNNNN"},
		{"consecutive rejections", "RR", "NT"},
		{"five accepted on tightened return to normal", "RRAAAAA", "NTTTTTN"},
		{"a rejection on tightened restarts the count", "RRAAARAAAAA", "NTTTTTTTTTN"},
		{"five rejected on tightened discontinue", "RRRRRRR", "NTTTTTD"},
		{"rejections counted cumulatively on tightened", "RRRARARARR", "NTTTTTTTTD"},
		{"after returning to normal the window restarts", "RRAAAAAR", "NTTTTTNN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			states := Replay(lots(c.history))
			got := make([]byte, len(states))
			for i, s := range states {
				got[i] = map[Severity]byte{Normal: 'N', Tightened: 'T', Reduced: 'R'}[s.Severity]
				if s.Discontinue {
					got[i] = 'D'
				}
			}
			if string(got) != c.want {
				t.Errorf("after %s: %s, want %s", c.history, got, c.want)
			}
		})
	}
}

func TestSwitchingScoreAndReduced(t *testing.T) {
	h := lots("aaaaaaaaa") // 9 × 3 = 27
	if p := Propose(h); p.Score != 27 || p.ReduceAllowed {
		t.Fatalf("after 9 good lots: %+v; want score 27, reduced not yet allowed", p)
	}
	h = lots("aaaaaaaaaa")
	p := Propose(h)
	if p.Score != 30 || !p.ReduceAllowed || p.Severity != Normal {
		t.Fatalf("after 10 good lots: %+v; want score 30, reduced allowed, still normal until confirmed", p)
	}
	if p := Propose(lots("aaaaax")); p.Score != 0 {
		t.Errorf("a lot not accepted one step tighter resets the score: %+v", p)
	}
	// The inspector confirms: the next lot is recorded on reduced.
	confirmed := append(h, Lot{Accepted: true, Severity: Reduced})
	if p := Propose(confirmed); p.Severity != Reduced {
		t.Fatalf("confirmed reduced: %+v", p)
	}
	// Reduced without the score behind it is not honoured.
	if p := Propose(append(lots("aa"), Lot{Accepted: true, Severity: Reduced})); p.Severity != Normal {
		t.Errorf("reduced without score: %+v; want normal", p)
	}
	back := append(confirmed, Lot{Accepted: false, Severity: Reduced})
	if p := Propose(back); p.Severity != Normal || p.Score != 0 {
		t.Errorf("rejection on reduced: %+v; want back to normal, score 0", p)
	}
}

func TestProposeExplains(t *testing.T) {
	for _, h := range []string{"", "RR", "RRAAAAA", "RRRRRRR", "aaaaaaaaaa"} {
		if p := Propose(lots(h)); p.Reason == "" {
			t.Errorf("Propose(%q) gives no reason", h)
		}
	}
}

// inspected is one lot of a switching scenario as the inspector meets it:
// the severity the rules propose (or reduced, when the score allows it and
// the inspector confirms), the plan of that severity, the verdict on the
// defects found, and where the rules stand afterwards.
type inspected struct {
	severity          Severity
	n, accept, reject int
	accepted          bool
	next              Severity
	score             int
	reduceAllowed     bool
	discontinue       bool
}

// lotStep is one lot of a scenario: the defective units found and whether
// the inspector confirms reduced inspection when the score allows it.
type lotStep struct {
	found   int
	confirm bool
	want    inspected
}

// runScenario inspects lots one after another from a history, each on the
// plan the switching rules lead to, and returns what each lot met.
func runScenario(t *testing.T, lot int, level Level, aql float64, history []Lot, steps []lotStep) []inspected {
	t.Helper()
	var got []inspected
	for _, st := range steps {
		prop := Propose(history)
		sev := prop.Severity
		if st.confirm && prop.ReduceAllowed && sev == Normal {
			sev = Reduced
		}
		p, err := Lookup(lot, level, aql, sev)
		if err != nil {
			t.Fatal(err)
		}
		accepted := st.found < p.Reject
		history = append(history, Lot{Accepted: accepted, Severity: sev, LotSize: lot, Level: level, AQL: aql, Found: st.found})
		after := Propose(history)
		got = append(got, inspected{sev, p.SampleSize, p.Accept, p.Reject, accepted, after.Severity, after.Score, after.ReduceAllowed, after.Discontinue})
	}
	return got
}

// repeat is n copies of one step.
func repeat(n int, st lotStep) []lotStep {
	out := make([]lotStep, n)
	for i := range out {
		out[i] = st
	}
	return out
}

// TestSwitchingScenariosWithPlans runs the switching rules of ISO 2859-1:1999
// clause 9 lot by lot on the plans they produce, reduced plans from the 1999
// Table 2-C. Lot 5000 at level II is code letter L: normal 200 units 10/11,
// tightened 200 units 8/9, reduced 80 units 6/7 (Z1.4's reduced plan there
// was 5/8). One step tighter than AQL 2.5, normal L accepts 7.
func TestSwitchingScenariosWithPlans(t *testing.T) {
	normalGood := func(score int) lotStep { // accepted, and at AQL 1.5 too: +3
		return lotStep{found: 7, want: inspected{Normal, 200, 10, 11, true, Normal, score, score >= 30, false}}
	}
	var earning []lotStep
	for i := 1; i <= 10; i++ {
		earning = append(earning, normalGood(3*i))
	}
	earned := make([]Lot, 0, 10)
	for range 10 {
		earned = append(earned, Lot{Accepted: true, Severity: Normal, LotSize: 5000, Level: LevelII, AQL: 2.5, Found: 7})
	}
	onReduced := func(found int, accepted bool, next Severity) lotStep {
		return lotStep{found: found, want: inspected{Reduced, 80, 6, 7, accepted, next, 0, false, false}}
	}
	cases := []struct {
		name    string
		history []Lot
		steps   []lotStep
	}{
		{"a supplier earns reduced inspection", nil, append(append(earning,
			// The score reaches 30: the rules allow reduced, the inspector
			// has not confirmed, the lot stays on normal.
			lotStep{found: 2, want: inspected{Normal, 200, 10, 11, true, Normal, 33, true, false}}),
			// Confirmed: 80 units, accept 6. A lot with 6 stays on reduced
			// (under Z1.4's 5/8 it would have gone back to normal).
			lotStep{found: 6, confirm: true, want: inspected{Reduced, 80, 6, 7, true, Reduced, 0, false, false}},
			onReduced(0, true, Reduced),
		)},
		{"one lot rejected on reduced sends it back to normal", earned, []lotStep{
			{found: 1, confirm: true, want: inspected{Reduced, 80, 6, 7, true, Reduced, 0, false, false}},
			onReduced(7, false, Normal),
			// Back on normal the score starts again from 0.
			{found: 7, want: inspected{Normal, 200, 10, 11, true, Normal, 3, false, false}},
		}},
		{"a lot accepted on normal but not one step tighter resets the score", earned[:9], []lotStep{
			{found: 8, want: inspected{Normal, 200, 10, 11, true, Normal, 0, false, false}},
		}},
		{"five lots not accepted on tightened discontinue acceptance", nil, []lotStep{
			{found: 11, want: inspected{Normal, 200, 10, 11, false, Normal, 0, false, false}},
			{found: 12, want: inspected{Normal, 200, 10, 11, false, Tightened, 0, false, false}},
			{found: 9, want: inspected{Tightened, 200, 8, 9, false, Tightened, 0, false, false}},
			{found: 4, want: inspected{Tightened, 200, 8, 9, true, Tightened, 0, false, false}},
			{found: 10, want: inspected{Tightened, 200, 8, 9, false, Tightened, 0, false, false}},
			{found: 9, want: inspected{Tightened, 200, 8, 9, false, Tightened, 0, false, false}},
			// The count is cumulative: the accepted lot between does not reset it.
			{found: 15, want: inspected{Tightened, 200, 8, 9, false, Tightened, 0, false, false}},
			{found: 9, want: inspected{Tightened, 200, 8, 9, false, Tightened, 0, false, true}},
		}},
		{"five lots accepted on tightened return to normal", nil, append([]lotStep{
			{found: 11, want: inspected{Normal, 200, 10, 11, false, Normal, 0, false, false}},
			{found: 11, want: inspected{Normal, 200, 10, 11, false, Tightened, 0, false, false}},
		}, append(repeat(4, lotStep{found: 8, want: inspected{Tightened, 200, 8, 9, true, Tightened, 0, false, false}}),
			lotStep{found: 8, want: inspected{Tightened, 200, 8, 9, true, Normal, 0, false, false}})...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := runScenario(t, 5000, LevelII, 2.5, c.history, c.steps)
			for i, st := range c.steps {
				if got[i] != st.want {
					t.Errorf("lot %d (found %d): %+v\n want %+v", i+1, st.found, got[i], st.want)
				}
			}
		})
	}
}

// TestSwitchingToReducedThroughTheArrows: with an acceptance number below 2
// each accepted lot scores 2, so reduced is earned after 15 lots; the
// reduced plan then comes through two down arrows of Table 2-C. Lot 2000 at
// level II is code letter K: normal AQL 0.25 points down to L (200 units,
// 1/2), reduced to M (125 units, 1/2).
func TestSwitchingToReducedThroughTheArrows(t *testing.T) {
	var steps []lotStep
	for i := 1; i <= 15; i++ {
		steps = append(steps, lotStep{found: 1, want: inspected{Normal, 200, 1, 2, true, Normal, 2 * i, 2*i >= 30, false}})
	}
	steps = append(steps,
		lotStep{found: 1, confirm: true, want: inspected{Reduced, 125, 1, 2, true, Reduced, 0, false, false}},
		lotStep{found: 2, want: inspected{Reduced, 125, 1, 2, false, Normal, 0, false, false}},
		lotStep{found: 0, want: inspected{Normal, 200, 1, 2, true, Normal, 2, false, false}},
	)
	got := runScenario(t, 2000, LevelII, 0.25, nil, steps)
	for i, st := range steps {
		if got[i] != st.want {
			t.Errorf("lot %d (found %d): %+v\n want %+v", i+1, st.found, got[i], st.want)
		}
	}
}
