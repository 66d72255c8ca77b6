package inspection

import (
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection/aql"
)

func TestCheckSeverity(t *testing.T) {
	tightened := aql.Proposal{Severity: aql.Tightened, Reason: "2 of the last 5 lots not accepted"}
	reducible := aql.Proposal{Severity: aql.Normal, ReduceAllowed: true, Score: 30}
	cases := []struct {
		name     string
		severity aql.Severity
		reason   string
		p        aql.Proposal
		ok       bool
	}{
		{"follows the proposal", aql.Tightened, "", tightened, true},
		{"departs without a reason", aql.Normal, "", tightened, false},
		{"departs with a reason", aql.Normal, "client waiver, email 3 Nov", tightened, true},
		{"reduced when the score allows: the confirmation", aql.Reduced, "", reducible, true},
		{"reduced when the score does not allow", aql.Reduced, "", aql.Proposal{Severity: aql.Normal}, false},
		{"no history, no proposal", aql.Tightened, "", aql.Proposal{}, true},
	}
	for _, c := range cases {
		in := NewInspection(PSI, time.Now())
		in.Severity, in.SeverityReason = c.severity, c.reason
		if err := in.CheckSeverity(c.p); (err == nil) != c.ok {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
	in := NewInspection(PSI, time.Now())
	in.ApplyProposal(tightened)
	if in.Severity != aql.Tightened {
		t.Errorf("a new inspection does not follow the proposal: %s", in.Severity)
	}
	in.Severity, in.SeverityReason = aql.Normal, "client waiver"
	in.ApplyProposal(tightened)
	if in.Severity != aql.Normal {
		t.Error("the proposal overrode an inspector's recorded decision")
	}
}
