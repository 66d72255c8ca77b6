package inspection

import (
	"context"

	"github.com/loupeqc/loupe/inspection/aql"
)

// ProposeSeverity applies the switching rules to the finalized history of
// the inspection's supplier and product, so a new inspection starts at the
// severity the history calls for, with the reason to show. The inspector
// may override it; the override's reason goes in SeverityReason.
func ProposeSeverity(ctx context.Context, store Store, supplierID, productID ID) (aql.Proposal, error) {
	history, err := store.LotHistory(ctx, supplierID, productID)
	if err != nil {
		return aql.Proposal{}, err
	}
	return aql.Propose(history), nil
}

// ApplyProposal sets the inspection's severity to the proposed one and
// records why, unless the inspector has already chosen one with a reason.
func (in *Inspection) ApplyProposal(p aql.Proposal) {
	if in.SeverityReason != "" {
		return
	}
	in.Severity, in.SeverityReason = p.Severity, p.Reason
}
