package sqlite_test

import (
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
	"github.com/loupeqc/loupe/inspection/sqlite/sqlitetest"
)

// TestProposeSeverityFromStoredHistory runs the switching rules on lots
// stored in a real database: two rejected lots in a row put the next
// inspection of that supplier and product on tightened, and the score data
// (lot size, level, AQL, major count) reaches the rules.
func TestProposeSeverityFromStoredHistory(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	// Lot 3200, level II: code letter K, 125 units, majors rejected at 8.
	for i, majors := range []int{2, 12, 9} {
		in := newInspection(f, "S-"+string(rune('1'+i)), day(2026, 5, 1+i))
		must(t, db.PutInspection(ctx, in))
		must(t, db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Major, Description: "scratch", Quantity: majors}))
		sqlitetest.Finalize(t, db, in.ID)
	}
	lots, err := db.LotHistory(ctx, f.supplier.ID, f.product.ID)
	must(t, err)
	if len(lots) != 3 || lots[0].Found != 2 || lots[0].LotSize != 3200 || lots[0].AQL != 2.5 || lots[0].Level != aql.LevelII {
		t.Fatalf("lots = %+v; want 3 lots carrying lot size, level, major AQL and 2 majors found", lots)
	}
	p, err := inspection.ProposeSeverity(ctx, db, f.supplier.ID, f.product.ID)
	must(t, err)
	if p.Severity != aql.Tightened || p.Reason == "" {
		t.Errorf("proposal = %+v; want tightened with a reason", p)
	}
	next := newInspection(f, "S-4", day(2026, 5, 9))
	next.ApplyProposal(p)
	if next.Severity != aql.Tightened || next.CheckSeverity(p) != nil {
		t.Errorf("ApplyProposal: %s %q", next.Severity, next.SeverityReason)
	}

	// Overriding the proposal needs a reason, and finalizing checks it.
	next.Severity = aql.Normal
	must(t, db.PutInspection(ctx, next))
	for _, k := range inspection.Sections {
		must(t, db.PutSection(ctx, &inspection.Section{InspectionID: next.ID, Kind: k, Result: inspection.Pass}))
	}
	for _, role := range []inspection.SignerRole{inspection.SignerInspector, inspection.SignerFactory} {
		must(t, db.PutSignature(ctx, &inspection.Signature{ID: inspection.NewID(), InspectionID: next.ID, Role: role, Waived: true, WaiverReason: "test"}))
	}
	err = db.Finalize(ctx, next.ID, "Li Wei")
	wantCode(t, err, inspection.EINVALID)
	next.SeverityReason = "client agreed normal inspection after the corrective action audit"
	must(t, db.PutInspection(ctx, next))
	must(t, db.Finalize(ctx, next.ID, "Li Wei"))
}
