package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/outbox"
	"github.com/loupeqc/loupe/report"
)

// exportForTest writes the open inspection's report as Export PDF does and
// opens the "Report written" dialog.
func exportForTest(t *testing.T, d *Desk) (*exportedDialog, string) {
	t.Helper()
	dos, err := d.Store.Dossier(d.ctx(), d.Editor.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "LP-1.pdf")
	res, err := d.writeReport(dos, path, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Editor.exported(res), path
}

// finalizeSeeded judges every section of the seeded inspection and
// finalizes it: only a finalized report may be queued for email.
func finalizeSeeded(t *testing.T, d *Desk, id inspection.ID) {
	t.Helper()
	db := d.Store
	for _, k := range inspection.Sections {
		if err := db.PutSection(d.ctx(), &inspection.Section{InspectionID: id, Kind: k, Result: inspection.Pass}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Finalize(d.ctx(), id, "Li Wei"); err != nil {
		t.Fatal(err)
	}
}

func TestQueuingADraftIsRefused(t *testing.T) {
	d, fx := newSeededDesk(t)
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	x, _ := exportForTest(t, d)
	test.Tap(x.email)
	test.Type(x.mail.to, "qa@hearth.example")
	test.Tap(x.mail.confirm)
	if items, _ := fx.DB.OutboxItems(d.ctx()); len(items) != 0 {
		t.Fatalf("a draft's report was queued: %+v", items)
	}
}

func TestExportRecordsReportAndQueuesEmail(t *testing.T) {
	d, fx := newSeededDesk(t)
	finalizeSeeded(t, d, fx.ID)
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	x, pdf := exportForTest(t, d)
	rec, err := inspection.NewReportFile(pdf, fx.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.DB.ReportBySHA(d.ctx(), rec.SHA256); err != nil {
		t.Fatalf("the exported PDF was not recorded for `loupe verify`: %v", err)
	}

	test.Tap(x.email)
	m := x.mail
	if m == nil {
		t.Fatal("Send by email… opened no dialog")
	}
	for _, want := range []string{"LP-1", "Ningbo Brightway", "PASS"} {
		if !strings.Contains(m.subject.Text, want) {
			t.Errorf("subject %q lacks %q", m.subject.Text, want)
		}
	}
	test.Type(m.to, "qa@hearth.example, buyer@hearth.example")
	test.Tap(m.confirm)

	items, err := fx.DB.OutboxItems(d.ctx())
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("%d outbox items after queuing, want 1", len(items))
	}
	it := items[0]
	if it.State != outbox.Queued || len(it.To) != 2 || it.InspectionID != fx.ID || len(it.Attachments) != 1 || filepath.Base(it.Attachments[0]) != "LP-1.pdf" {
		t.Fatalf("queued item %+v", it)
	}
	// The outbox keeps its own copy: what leaves is the file checked now.
	if it.Attachments[0] == pdf || !strings.HasPrefix(it.Attachments[0], filepath.Join(d.Data.Path(), "outbox")) {
		t.Errorf("attachment %s is not the outbox's own copy", it.Attachments[0])
	}
	if !strings.Contains(it.Body, "LP-1") {
		t.Errorf("body %q does not name the report", it.Body)
	}
	o := d.ShowOutbox()
	if len(o.Items()) != 1 || !strings.Contains(o.status.Text, "1 queued") {
		t.Errorf("outbox screen: %d items, status %q", len(o.Items()), o.status.Text)
	}
}

func TestOpenInMailClientWritesUnsentDraft(t *testing.T) {
	d, fx := newSeededDesk(t)
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	x, pdf := exportForTest(t, d)
	test.Tap(x.mailApp)
	test.Type(x.mail.to, "qa@hearth.example")
	test.Tap(x.mail.confirm)
	drafts, _ := filepath.Glob(filepath.Join(filepath.Dir(pdf), "*.eml"))
	if len(drafts) != 1 {
		t.Fatalf("drafts beside the PDF: %v, want one .eml", drafts)
	}
	b, err := os.ReadFile(drafts[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "X-Unsent: 1") || !strings.Contains(string(b), "LP-1.pdf") {
		t.Errorf("draft lacks X-Unsent: 1 or the attachment:\n%.600s", b)
	}
	if items, _ := fx.DB.OutboxItems(d.ctx()); len(items) != 0 {
		t.Errorf("a mail-client draft went into the outbox too: %+v", items)
	}
}
