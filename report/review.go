package report

import (
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// reviewMark is what every page of a finalized report says of the office's
// review, from the newest decision: issued to the client, or back with the
// inspector and not issued. Nothing when the office has not decided (or
// the company has no office review).
func (dc *doc) reviewMark() (string, rgb) {
	st := inspection.ReviewStanding(&dc.d.Inspection, dc.reviews, false)
	switch st.State {
	case inspection.StateApproved:
		return "ISSUED · approved by " + st.Latest.Reviewer + ", " + st.Latest.ReviewedAt.Format("2006-01-02"), passCol
	case inspection.StateReturned:
		return "RETURNED TO THE INSPECTOR · not issued to the client", failCol
	}
	return "", ink
}

// reviewLine is one decision, whole: who, when, what, and the comments.
func reviewLine(r inspection.Review) string {
	what := "approved: issued to the client"
	if r.Decision == inspection.Returned {
		what = "returned to the inspector"
	}
	s := what + " by " + r.Reviewer + " on " + r.ReviewedAt.UTC().Format("2006-01-02 15:04 UTC")
	if c := strings.TrimSpace(r.Comments); c != "" {
		s += ". " + c
	}
	return s
}
