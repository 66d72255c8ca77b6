package aql

import "fmt"

// Lot is one finalized inspection of a supplier's product, as the switching
// rules see it. The switching score needs the plan's numbers; a lot stored
// without them (no lot size) adds nothing to the score.
type Lot struct {
	Accepted bool
	Severity Severity // the severity the lot was inspected at
	LotSize  int
	Level    Level
	AQL      float64 // of the class that drives switching, major in practice
	Found    int     // defective units of that class
}

// ScoreToReduce is the switching score at which reduced inspection may be
// proposed (ISO 2859-1:1999, 9.3.3).
const ScoreToReduce = 30

// State is where the switching rules stand after a sequence of lots.
type State struct {
	Severity Severity
	// Discontinue: five lots were not accepted on tightened inspection;
	// acceptance stops until the supplier has corrected the process.
	Discontinue bool
	// ReduceAllowed: the switching score allows reduced inspection, which
	// starts only when the inspector confirms production is steady.
	ReduceAllowed bool
	Score         int
	Reason        string

	recent         []bool // normal: outcomes since entering normal, newest last
	acceptedInARow int    // tightened: consecutive accepted lots
	rejectedOnT    int    // tightened: lots not accepted since entering it
}

// Start is the state before any lot: normal inspection.
func Start() State {
	return State{Severity: Normal, Reason: "Normal inspection: no history for this supplier and product yet."}
}

// Next applies one lot to the state.
func (s State) Next(lot Lot) State {
	if s.Discontinue {
		// Inspection resumed after corrective action: on tightened, afresh.
		s = State{Severity: Tightened}
	}
	if s.Severity == Normal && lot.Severity == Reduced && s.ReduceAllowed {
		s = State{Severity: Reduced} // the inspector confirmed the switch
	}
	s.recent = append(append([]bool(nil), s.recent...), lot.Accepted)
	switch s.Severity {
	case Tightened:
		return s.nextTightened(lot)
	case Reduced:
		return s.nextReduced(lot)
	}
	return s.nextNormal(lot)
}

func (s State) nextNormal(lot Lot) State {
	if len(s.recent) > 5 {
		s.recent = s.recent[len(s.recent)-5:]
	}
	if rejected := count(s.recent, false); rejected >= 2 {
		return State{Severity: Tightened, Reason: fmt.Sprintf("Tightened inspection: %d of the last %d lots were not accepted (ISO 2859-1, 9.3.2).", rejected, len(s.recent))}
	}
	s.Score = nextScore(s.Score, lot)
	s.ReduceAllowed = s.Score >= ScoreToReduce
	switch {
	case s.ReduceAllowed:
		s.Reason = fmt.Sprintf("Normal inspection; reduced is allowed (switching score %d ≥ %d) if production is steady and you confirm.", s.Score, ScoreToReduce)
	default:
		s.Reason = fmt.Sprintf("Normal inspection: %d of the last %d lots not accepted; switching score %d of %d for reduced.", count(s.recent, false), len(s.recent), s.Score, ScoreToReduce)
	}
	return s
}

func (s State) nextTightened(lot Lot) State {
	s.recent = nil
	if lot.Accepted {
		s.acceptedInARow++
	} else {
		s.acceptedInARow = 0
		s.rejectedOnT++
	}
	switch {
	case s.rejectedOnT >= 5:
		return State{Severity: Tightened, Discontinue: true, Reason: "Discontinue acceptance: 5 lots were not accepted on tightened inspection (ISO 2859-1, 9.4). Resume, on tightened, only after the supplier has corrected the process."}
	case s.acceptedInARow >= 5:
		return State{Severity: Normal, Reason: "Back to normal inspection: 5 consecutive lots accepted on tightened (ISO 2859-1, 9.3.2)."}
	}
	s.Reason = fmt.Sprintf("Tightened inspection: %d consecutive lots accepted of the 5 needed to return to normal; %d of 5 not accepted before discontinuation.", s.acceptedInARow, s.rejectedOnT)
	return s
}

func (s State) nextReduced(lot Lot) State {
	s.recent = nil
	if !lot.Accepted {
		return State{Severity: Normal, Reason: "Back to normal inspection: a lot was not accepted on reduced inspection (ISO 2859-1, 9.3.4)."}
	}
	s.Reason = "Reduced inspection continues: lots are being accepted."
	return s
}

// nextScore is the switching score of ISO 2859-1:1999, 9.3.3.2: with an
// acceptance number of 2 or more, +3 if the lot would also have been
// accepted one AQL step tighter, else back to 0; with 0 or 1, +2 for an
// accepted lot, else 0.
func nextScore(score int, lot Lot) int {
	if !lot.Accepted {
		return 0
	}
	p, err := Lookup(lot.LotSize, lot.Level, lot.AQL, Normal)
	if err != nil || lot.AQL == 0 {
		return score // not enough recorded to score this lot
	}
	if p.Accept < 2 {
		return score + 2
	}
	col := column(lot.AQL)
	if col == 0 {
		return score + 3
	}
	tighter, err := Lookup(lot.LotSize, lot.Level, AQLs[col-1], Normal)
	if err == nil && lot.Found <= tighter.Accept {
		return score + 3
	}
	return 0
}

func count(xs []bool, v bool) int {
	n := 0
	for _, x := range xs {
		if x == v {
			n++
		}
	}
	return n
}

// Replay runs the rules over a history, oldest first, and returns the state
// after each lot.
func Replay(history []Lot) []State {
	states := make([]State, len(history))
	s := Start()
	for i, lot := range history {
		s = s.Next(lot)
		states[i] = s
	}
	return states
}

// Proposal is what the switching rules propose for the next inspection.
type Proposal struct {
	Severity      Severity `json:"severity"`
	Discontinue   bool     `json:"discontinue"`
	ReduceAllowed bool     `json:"reduce_allowed"`
	Score         int      `json:"score"`
	Reason        string   `json:"reason"`
}

// Propose gives the severity the history calls for and why. The inspector
// may override it, recording a reason.
func Propose(history []Lot) Proposal {
	s := Start()
	for _, lot := range history {
		s = s.Next(lot)
	}
	return Proposal{Severity: s.Severity, Discontinue: s.Discontinue, ReduceAllowed: s.ReduceAllowed, Score: s.Score, Reason: s.Reason}
}
