package inspection

import (
	"context"

	"github.com/loupeqc/loupe/inspection/aql"
)

// LotHistorian remembers the lots a supplier presented: all the switching
// rules need from a store.
type LotHistorian interface {
	// LotHistory returns the finalized lots of a supplier and product,
	// oldest first.
	LotHistory(ctx context.Context, supplierID, productID ID) ([]aql.Lot, error)
}

// ProposeSeverity applies the switching rules to the finalized history of
// the inspection's supplier and product, so a new inspection starts at the
// severity the history calls for, with the reason to show. The inspector
// may override it; the override's reason goes in SeverityReason.
func ProposeSeverity(ctx context.Context, store LotHistorian, supplierID, productID ID) (aql.Proposal, error) {
	history, err := store.LotHistory(ctx, supplierID, productID)
	if err != nil {
		return aql.Proposal{}, err
	}
	return aql.Propose(history), nil
}

// ApplyProposal follows the switching rules unless the inspector has
// already overridden them with a reason.
func (in *Inspection) ApplyProposal(p aql.Proposal) {
	if in.SeverityReason == "" && p.Severity != "" {
		in.Severity = p.Severity
	}
}

// CheckSeverity refuses a severity that departs from the switching rules'
// proposal without a recorded reason. Reduced inspection when the switching
// score allows it is the inspector's confirmation, not a departure.
func (in *Inspection) CheckSeverity(p aql.Proposal) error {
	if p.Severity == "" || in.Severity == p.Severity || in.SeverityReason != "" {
		return nil
	}
	if in.Severity == aql.Reduced && p.ReduceAllowed {
		return nil
	}
	return Errorf(EINVALID, "the switching rules propose %s inspection (%s) but this inspection uses %s: record why in the severity reason, or go back to %s",
		p.Severity, p.Reason, in.Severity, p.Severity)
}
