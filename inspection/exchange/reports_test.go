package exchange_test

import (
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// TestReportRecordsTravel: the record of a report A wrote reaches B with
// the inspection, so `loupe verify` on B knows a copy of the file mailed
// from A; a record of a report of other data (an earlier version) is not
// kept on B, and a forged one that claims another inspection is refused.
func TestReportRecordsTravel(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	d, err := a.db.Dossier(ctx, fx.ID)
	must(t, err)
	stale, err := inspection.ContentHash(d)
	must(t, err)
	record := func(sha, content string) inspection.ReportFile {
		rec := inspection.ReportFile{SHA256: sha, InspectionID: fx.ID, ContentSHA256: content, Name: "LP-1.pdf", Size: 1000, CreatedAt: time.Now().UTC()}
		must(t, a.db.RecordReport(ctx, rec))
		return rec
	}
	old := record(strings.Repeat("a1", 32), stale)
	fs, _ := a.db.Findings(ctx, fx.ID)
	fs[0].Quantity = 8
	must(t, a.db.PutFinding(ctx, &fs[0]))
	d, err = a.db.Dossier(ctx, fx.ID)
	must(t, err)
	content, err := inspection.ContentHash(d)
	must(t, err)
	current := record(strings.Repeat("b2", 32), content)

	if res := a.sync(r); res.Pushed.Objects != 3 {
		t.Errorf("A pushed %+v, want the inspection and two report records", res.Pushed)
	}
	if res := b.sync(r); len(res.Refused) != 0 || res.Waiting != 0 {
		t.Errorf("B: %+v", res)
	}
	got, err := b.db.ReportBySHA(ctx, current.SHA256)
	if err != nil || got.ContentSHA256 != content || !strings.Contains(got.Name, "received by sync") {
		t.Errorf("B's record of A's report: %+v, %v", got, err)
	}
	if _, err := b.db.ReportBySHA(ctx, old.SHA256); inspection.ErrorCode(err) != inspection.ENOTFOUND {
		t.Errorf("B keeps the record of a report of data it does not hold: %v", err)
	}
	if res := b.sync(r); res.Pushed.Objects != 0 {
		t.Errorf("B sent A's report records back: %+v", res.Pushed)
	}

	forged := inspection.ReportFile{SHA256: strings.Repeat("c3", 32), InspectionID: inspection.NewID(), ContentSHA256: content, Name: "x.pdf", CreatedAt: time.Now().UTC()}
	writeForged(t, strings.TrimPrefix(cfg.URL, "dir:"), inspection.NewID().String(), 1,
		map[string]any{"schema": 1, "kind": "report", "report": forged},
		map[string]any{"kind": "report", "subject": fx.ID.String(), "record": forged.SHA256})
	res := b.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "holds report") {
		t.Errorf("a report record claiming another inspection: %+v", res)
	}
}
