package inspection

import (
	"testing"
	"time"
)

func TestReviewOf(t *testing.T) {
	final := &Inspection{ID: NewID(), ReportNo: "LP-1", Status: Finalized, Inspector: "Li Wei"}
	draft := *final
	draft.Status = Draft
	other := *final
	other.ID = NewID()
	cases := []struct {
		name     string
		in       *Inspection
		reviewer string
		code     string
	}{
		{"the office on a finalized report", final, "Wang Fang", ""},
		{"a draft", &draft, "Wang Fang", ECONFLICT},
		{"the inspector on their own report", final, " li wei ", EINVALID},
		{"another inspection", &other, "Wang Fang", EINVALID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &Review{ID: NewID(), InspectionID: final.ID, Decision: Approved, Reviewer: c.reviewer, ReviewedAt: time.Now()}
			if got := ErrorCode(r.Of(c.in)); got != c.code {
				t.Errorf("code %q, want %q (%v)", got, c.code, r.Of(c.in))
			}
		})
	}
}
