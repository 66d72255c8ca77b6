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
