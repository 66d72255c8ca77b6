package exchange_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/photo"
)

// deleteDraft deletes a draft as the window does: its photos' files with
// it, where no other inspection uses them.
func (l *laptop) deleteDraft(id inspection.ID) {
	l.t.Helper()
	d, err := l.db.Dossier(ctx, id)
	must(l.t, err)
	must(l.t, l.db.DeleteInspection(ctx, id))
	var own []inspection.Photo
	for _, p := range d.Photos {
		if p.InspectionID == id {
			own = append(own, p)
		}
	}
	must(l.t, (&photo.Importer{Store: l.db, Files: l.ws.Photos}).Forget(ctx, own))
}

func (l *laptop) has(id inspection.ID) bool {
	l.t.Helper()
	_, err := l.db.Inspection(ctx, id)
	if err != nil && inspection.ErrorCode(err) != inspection.ENOTFOUND {
		l.t.Fatal(err)
	}
	return err == nil
}

// TestDeletedDraftStaysDeleted: laptop A deletes a draft both laptops
// synced. The remote keeps every version, yet the draft does not come back
// to A, B deletes its unchanged copy (audited, photo files gone), and a
// laptop that joins later never gets it.
func TestDeletedDraftStaysDeleted(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	a.sync(r)
	b.sync(r)
	d, _ := b.db.Dossier(ctx, fx.ID)
	ownPhoto := d.Photos[0]
	for _, p := range d.Photos {
		if p.InspectionID == fx.ID {
			ownPhoto = p
		}
	}
	remoteBefore := files(t, cfg, "v1/objects")

	a.deleteDraft(fx.ID)
	if res := a.sync(r); res.Pushed.Objects != 1 {
		t.Errorf("A pushed %+v, want the deletion", res.Pushed)
	}
	if a.has(fx.ID) {
		t.Fatal("A's deleted draft came back from the remote")
	}
	res := b.sync(r)
	if b.has(fx.ID) {
		t.Fatalf("B still has the draft A deleted: %+v", res)
	}
	if res.Conflicts != 0 || len(res.Refused) != 0 || res.Merged != 1 {
		t.Errorf("B: %+v", res)
	}
	trail, err := b.db.Audit(ctx, fx.ID)
	must(t, err)
	last := trail[len(trail)-1]
	if last.Action != inspection.AuditDelete || last.Entity != "inspection" || !strings.HasPrefix(last.Who, "sync from device ") {
		t.Errorf("B's audit trail does not record the deletion by sync: %+v", last)
	}
	if _, err := os.Stat(b.ws.Photos.Original(ownPhoto.SHA256, ownPhoto.Ext)); !os.IsNotExist(err) {
		t.Errorf("the deleted draft's photo stays in B's photo store: %v", err)
	}
	for _, l := range []*laptop{a, b, a, b} {
		if res := l.sync(r); res.Merged != 0 || res.Pushed.Objects != 0 || l.has(fx.ID) {
			t.Errorf("a sync after the deletion: %+v", res)
		}
	}
	for _, o := range remoteBefore {
		if _, err := os.Stat(strings.TrimPrefix(cfg.URL, "dir:") + "/" + o); err != nil {
			t.Errorf("the remote lost %s: %v", o, err)
		}
	}
	c := newLaptop(t, t.TempDir(), cfg)
	if res := c.sync(r); c.has(fx.ID) || res.Conflicts != 0 {
		t.Errorf("a laptop joining later got the deleted draft: %+v", res)
	}
}

// TestDeletionOfAnEditedDraft: B edited the draft A deleted. B keeps its
// copy with the deletion recorded as a conflict; its edit goes out, so the
// draft is back on A with B's edit: nothing anyone typed is lost. Keeping
// the deletion on B deletes B's copy.
func TestDeletionOfAnEditedDraft(t *testing.T) {
	r, _, fx, a, b := twoLaptops(t)
	a.sync(r)
	b.sync(r)
	a.deleteDraft(fx.ID)
	a.sync(r)
	fs, _ := b.db.Findings(ctx, fx.ID)
	fs[0].Quantity = 11
	must(t, b.db.PutFinding(ctx, &fs[0]))

	res := b.sync(r)
	if !b.has(fx.ID) || res.Conflicts != 1 {
		t.Fatalf("B after the deletion of its edited copy: has %v, %+v", b.has(fx.ID), res)
	}
	if q := bundletest.Quantity(t, b.db, fx.ID, fx.Finding); q != 11 {
		t.Errorf("B's edit: quantity %d, want 11", q)
	}
	open, _ := b.db.Conflicts(ctx, false)
	if len(open) != 1 || open[0].Entity != "inspection" || string(open[0].Incoming) != "null" {
		t.Fatalf("B's conflicts: %+v", open)
	}
	a.sync(r)
	if q := bundletest.Quantity(t, a.db, fx.ID, fx.Finding); q != 11 {
		t.Errorf("A does not have B's edit back: quantity %d", q)
	}

	must(t, b.db.ResolveConflict(ctx, open[0].ID, "incoming"))
	if b.has(fx.ID) {
		t.Errorf("keeping the deletion left B's copy")
	}
}

// TestDeletionOfAFinalizedCopy: B finalized the draft A deleted. A
// finalized inspection is never deleted: B keeps it, without a conflict.
func TestDeletionOfAFinalizedCopy(t *testing.T) {
	r, _, fx, a, b := twoLaptops(t)
	a.sync(r)
	b.sync(r)
	a.deleteDraft(fx.ID)
	a.sync(r)
	must(t, b.db.Finalize(ctx, fx.ID, "Li Wei"))
	res := b.sync(r)
	if !b.has(fx.ID) || res.Conflicts != 0 || len(res.Refused) != 0 {
		t.Fatalf("B: has %v, %+v", b.has(fx.ID), res)
	}
	if in, _ := b.db.Inspection(ctx, fx.ID); in.Status != inspection.Finalized {
		t.Errorf("B's copy is %s", in.Status)
	}
	a.sync(r)
	if in, err := a.db.Inspection(ctx, fx.ID); err != nil || in.Status != inspection.Finalized {
		t.Errorf("the finalized inspection did not reach A: %v", err)
	}
}

// forgeDeletion writes a tombstone and a log entry naming it, as a hostile
// Loupe with write access could.
func forgeDeletion(t *testing.T, dir, device string, seq int, subject, base string, t2 map[string]any) {
	t.Helper()
	writeForged(t, dir, device, seq, map[string]any{"schema": 1, "kind": "tombstone", "tombstone": t2},
		map[string]any{"kind": "tombstone", "subject": subject, "parent": base})
}

// TestForgedDeletionsRefused: valid files with wrong content. A deletion
// of a finalized inspection, one whose version is another inspection's,
// and one that deletes another inspection than its log entry names are
// refused with the reason; nothing is deleted.
func TestForgedDeletionsRefused(t *testing.T) {
	r, cfg := folder(t)
	root := strings.TrimPrefix(cfg.URL, "dir:")
	aDir := t.TempDir()
	draft := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	other := secondInspection(t, a)
	must(t, a.db.Finalize(ctx, other, "Li Wei"))
	a.sync(r)
	b := newLaptop(t, t.TempDir(), cfg)
	b.sync(r)

	heads := map[inspection.ID]string{}
	for _, id := range []inspection.ID{draft.ID, other} {
		h, ok, err := a.db.Head(ctx, "team", id.String())
		if err != nil || !ok {
			t.Fatalf("no head for %s: %v", id, err)
		}
		heads[id] = h.Object
	}
	device := inspection.NewID().String()
	tomb := func(id inspection.ID, base, by string) map[string]any {
		return map[string]any{"inspection_id": id, "base": base, "deleted_at": "2026-03-05T00:00:00Z", "deleted_by": by}
	}
	// 1: deletes the draft, naming the other inspection's version as the one it deleted.
	forgeDeletion(t, root, device, 1, draft.ID.String(), heads[other], tomb(draft.ID, heads[other], "x"))
	// 2: the log says it deletes the other inspection, the object deletes the draft.
	forgeDeletion(t, root, inspection.NewID().String(), 1, other.String(), heads[other], tomb(draft.ID, heads[other], "y"))
	// 3: deletes the finalized inspection.
	forgeDeletion(t, root, inspection.NewID().String(), 1, other.String(), heads[other], tomb(other, heads[other], "z"))
	res := b.sync(r)
	if len(res.Refused) != 3 {
		t.Fatalf("refused %v; %+v", res.Refused, res)
	}
	for _, want := range []string{"not a version of it", "but it deletes", "a finalized inspection is never deleted"} {
		if !strings.Contains(strings.Join(res.Refused, "\n"), want) {
			t.Errorf("%q not in %v", want, res.Refused)
		}
	}
	if !b.has(draft.ID) || !b.has(other) {
		t.Errorf("a forged deletion deleted a draft")
	}
}

func writeForged(t *testing.T, dir, device string, seq int, obj map[string]any, e map[string]any) {
	t.Helper()
	raw, err := json.Marshal(obj)
	must(t, err)
	name := inspection.SHA256Hex(raw)
	must(t, os.MkdirAll(dir+"/v1/objects", 0o755))
	must(t, os.WriteFile(dir+"/v1/objects/"+name+".json", raw, 0o644))
	e["object"], e["bytes"] = name, len(raw)
	b, err := json.Marshal(map[string]any{"schema": 1, "device": device, "role": "inspector", "seq": seq,
		"written_at": "2026-03-05T00:00:00Z", "entries": []map[string]any{e}})
	must(t, err)
	must(t, os.MkdirAll(dir+"/v1/log/"+device, 0o755))
	key := dir + "/v1/log/" + device + "/" + strings.Repeat("0", 9) + string(rune('0'+seq)) + "-" + inspection.SHA256Hex(b) + ".json"
	must(t, os.WriteFile(key, b, 0o644))
}

// TestDeletionBeforeTheVersionItDeleted: B deletes the draft A wrote. A
// laptop that joins later reads both; one that read B's deletion before
// A's version reached it (A's log entry was late) does not bring the
// draft back when the version arrives.
func TestDeletionBeforeTheVersionItDeleted(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	root := strings.TrimPrefix(cfg.URL, "dir:")
	a.sync(r)
	b.sync(r)
	b.deleteDraft(fx.ID)
	b.sync(r)

	c := newLaptop(t, t.TempDir(), cfg)
	if res := c.sync(r); c.has(fx.ID) || res.Conflicts != 0 || len(res.Refused) != 0 {
		t.Errorf("a laptop joining later: has %v, %+v", c.has(fx.ID), res)
	}

	var aLog string
	for _, f := range files(t, cfg, "v1/log") {
		if !strings.Contains(f, b.deviceID()) {
			aLog = root + "/" + f
		}
	}
	whole, err := os.ReadFile(aLog)
	must(t, err)
	must(t, os.WriteFile(aLog, whole[:len(whole)/2], 0o644))
	late := newLaptop(t, t.TempDir(), cfg)
	late.sync(r)
	must(t, os.WriteFile(aLog, whole, 0o644))
	if res := late.sync(r); late.has(fx.ID) || res.Conflicts != 0 {
		t.Errorf("the late version brought the deleted draft back: %+v", res)
	}
	if res := a.sync(r); a.has(fx.ID) || res.Conflicts != 0 {
		t.Errorf("A, which wrote it: has %v, %+v", a.has(fx.ID), res)
	}
}

func (l *laptop) deviceID() string {
	l.t.Helper()
	id, err := l.db.DeviceID(ctx)
	must(l.t, err)
	return id
}
