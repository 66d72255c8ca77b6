package inspection

import (
	"slices"
	"strings"
	"time"
)

// Role is what a Loupe is set up for: the field inspector's laptop, or the
// office that reviews field reports and keeps the sample library.
type Role string

// Roles.
const (
	RoleInspector Role = "inspector"
	RoleReviewer  Role = "reviewer"
)

// ParseRole reads a role as the command line and the settings write it.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleInspector, RoleReviewer:
		return r, nil
	}
	return "", Errorf(EINVALID, "role %q: choose \"inspector\" or \"reviewer\"", s)
}

// Decision is what the office decided about a finalized field report.
type Decision string

// Decisions. An approved report is issued to the client; a returned one
// goes back to the inspector with comments, who corrects it with a new
// revision (which enters the review queue in turn).
const (
	Approved Decision = "approved"
	Returned Decision = "returned"
)

// Review is one decision of the office on one finalized inspection. Reviews
// are never edited or deleted: a second look is a new review.
type Review struct {
	ID           ID        `json:"id"`
	InspectionID ID        `json:"inspection_id"`
	Decision     Decision  `json:"decision"`
	Comments     string    `json:"comments,omitempty"`
	Reviewer     string    `json:"reviewer"`
	ReviewedAt   time.Time `json:"reviewed_at"`
}

// Validate checks a review before it is stored, whoever wrote it.
func (r *Review) Validate() error {
	switch {
	case r.ID == NilID:
		return invalid("a review has no ID")
	case r.InspectionID == NilID:
		return invalid("review %s names no inspection", r.ID)
	case r.Decision != Approved && r.Decision != Returned:
		return invalid("review %s has decision %q: it must be %q or %q", r.ID, r.Decision, Approved, Returned)
	case strings.TrimSpace(r.Reviewer) == "":
		return invalid("review %s names no reviewer: set the reviewer's name", r.ID)
	case r.ReviewedAt.IsZero():
		return invalid("review %s has no date", r.ID)
	case r.Decision == Returned && strings.TrimSpace(r.Comments) == "":
		return invalid("a report returned to the inspector needs comments saying what to correct")
	}
	return nil
}

// NewReview checks that reviewer may decide on in, then returns the review.
// Only a finalized field report is reviewed (a draft may still change), and
// not by the inspector who wrote it: the office's review is a second pair
// of eyes.
func NewReview(in *Inspection, d Decision, comments, reviewer string, at time.Time) (*Review, error) {
	r := &Review{ID: NewID(), InspectionID: in.ID, Decision: d, Comments: strings.TrimSpace(comments),
		Reviewer: strings.TrimSpace(reviewer), ReviewedAt: at.UTC().Round(0)}
	if err := r.Of(in); err != nil {
		return nil, err
	}
	return r, r.Validate()
}

// Of checks that the review may decide on in, whoever recorded it: in is
// finalized (ECONFLICT for a draft: its finalized version may still come),
// and the reviewer is not the inspector who wrote it (EINVALID).
func (r *Review) Of(in *Inspection) error {
	switch {
	case r.InspectionID != in.ID:
		return Errorf(EINVALID, "review %s is of inspection %s, not %s", r.ID, r.InspectionID, label(in))
	case in.Status != Finalized:
		return Errorf(ECONFLICT, "inspection %s is a draft: only a finalized field report is reviewed", label(in))
	case r.Reviewer != "" && strings.EqualFold(strings.TrimSpace(r.Reviewer), strings.TrimSpace(in.Inspector)):
		return Errorf(EINVALID, "%s inspected %s: another reviewer must review it", r.Reviewer, label(in))
	}
	return nil
}

// ReviewState is where a field report stands with the office.
type ReviewState string

// Review states. A draft is not in review at all.
const (
	NotInReview     ReviewState = ""                // a draft
	AwaitingReview  ReviewState = "awaiting_review" // finalized, no decision yet: in the queue
	StateApproved   ReviewState = "approved"        // the client report is issued
	StateReturned   ReviewState = "returned"        // back to the inspector, with comments
	StateSuperseded ReviewState = "superseded"      // a newer revision replaces it
)

// Standing is an inspection's review state and the decision that set it.
type Standing struct {
	State  ReviewState `json:"state"`
	Latest *Review     `json:"latest,omitempty"` // the newest review, nil when none
}

// ReviewStanding is the one rule for where a report stands: a draft is not
// in review; the newest decision counts (reviews of one inspection sorted
// by date, the last wins; the same instant is broken by ID so every laptop
// agrees); a finalized report without one awaits review unless a newer
// revision of it exists (revised), which is reviewed in its place.
func ReviewStanding(in *Inspection, reviews []Review, revised bool) Standing {
	if in.Status != Finalized {
		return Standing{State: NotInReview}
	}
	var latest *Review
	for i := range reviews {
		r := &reviews[i]
		if r.InspectionID != in.ID {
			continue
		}
		if latest == nil || r.ReviewedAt.After(latest.ReviewedAt) ||
			r.ReviewedAt.Equal(latest.ReviewedAt) && r.ID.String() > latest.ID.String() {
			latest = r
		}
	}
	switch {
	case latest != nil && latest.Decision == Approved:
		return Standing{State: StateApproved, Latest: latest}
	case latest != nil:
		return Standing{State: StateReturned, Latest: latest}
	case revised:
		return Standing{State: StateSuperseded}
	}
	return Standing{State: AwaitingReview}
}

// SortReviews orders reviews oldest first, as the audit trail and the
// report list them.
func SortReviews(rs []Review) {
	slices.SortFunc(rs, func(a, b Review) int {
		if c := a.ReviewedAt.Compare(b.ReviewedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID.String(), b.ID.String())
	})
}
