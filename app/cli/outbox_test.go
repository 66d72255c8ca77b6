package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestOutboxQueuesOnlyFinalizedUnchangedReports: the report of a finalized
// inspection, as Loupe wrote it, may be queued; a draft's report, an edited
// PDF and another inspection's report may not.
func TestOutboxQueuesOnlyFinalizedUnchangedReports(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if code, out := run(t, Demo, "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, out)
	}
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := store.ListInspections(ctx, inspection.Filter{Status: inspection.Finalized})
	store.Close()
	if err != nil || len(list) < 2 {
		t.Fatalf("demo has %d finalized inspections (%v), want 2", len(list), err)
	}
	final, other := list[0].ID.String(), list[1].ID.String()
	out := t.TempDir()
	pdf, otherPDF, draftPDF := filepath.Join(out, "final.pdf"), filepath.Join(out, "other.pdf"), filepath.Join(out, "draft.pdf")
	for ref, path := range map[string]string{final: pdf, other: otherPDF, "latest": draftPDF} {
		if code, msg := run(t, Report, "--data", dir, "--inspection", ref, "--out", path); code != 0 {
			t.Fatalf("report %s: %d %s", ref, code, msg)
		}
	}
	queue := func(ref, path string) (int, string) {
		return run(t, Outbox, "queue", "--data", dir, "--inspection", ref, "--to", "qa@client.example", "--pdf", path)
	}
	if code, msg := queue("latest", draftPDF); code != ExitError || !strings.Contains(msg, "draft") {
		t.Errorf("queuing a draft: %d %s", code, msg)
	}
	if code, msg := queue(final, otherPDF); code != ExitError || !strings.Contains(msg, "another inspection") {
		t.Errorf("queuing another inspection's report: %d %s", code, msg)
	}
	raw, _ := os.ReadFile(pdf)
	edited := filepath.Join(out, "edited.pdf")
	if err := os.WriteFile(edited, append(raw, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, msg := queue(final, edited); code != ExitError || !strings.Contains(msg, "changed since") {
		t.Errorf("queuing an edited report: %d %s", code, msg)
	}
	if code, msg := queue(final, pdf); code != ExitOK || !strings.Contains(msg, "queued") {
		t.Fatalf("queuing the finalized report: %d %s", code, msg)
	}
	if err := os.Remove(pdf); err != nil { // the outbox kept its own copy
		t.Fatal(err)
	}
	if code, msg := run(t, Outbox, "list", "--data", dir); code != ExitOK || strings.Count(msg, "queued") != 1 {
		t.Errorf("outbox list: %d %s", code, msg)
	}
}
