package cli

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/remote/s3test"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Demo inspections (their IDs are fixed).
const (
	demoDraftZhang = "01a05bfb-fee0-7975-ad30-ca248217c955" // LP-2026-0488, ready but unsigned
	demoFinalLiWei = "01a05bfb-ff1c-7456-b2e8-9cc0e9f36ed8" // LP-2026-0412, finalized
)

func mustRun(t *testing.T, cmd func([]string, io.Writer, io.Writer) int, args ...string) string {
	t.Helper()
	code, out, errs := runCmd(cmd, args...)
	if code != ExitOK {
		t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
	}
	return out
}

func reviewItems(t *testing.T, data string, all bool) map[string]sqlite.ReviewItem {
	t.Helper()
	args := []string{"list", "--json", "--data", data}
	if all {
		args = append(args, "--all")
	}
	var items []sqlite.ReviewItem
	if err := json.Unmarshal([]byte(mustRun(t, Review, args...)), &items); err != nil {
		t.Fatal(err)
	}
	out := map[string]sqlite.ReviewItem{}
	for _, it := range items {
		out[it.ReportNo] = it
	}
	return out
}

// TestTeamOnOneBucket is the whole story on a real S3 server: laptops A
// and B and the office share one bucket. An inspection finalized on A
// appears in the office's review queue after both sync; the reviewer's
// approval, and a return with comments, reach A; the corrected revision
// enters the queue; the sample library the office publishes reaches A and
// B; B, scoped to its own work, pulls no one else's inspections.
func TestTeamOnOneBucket(t *testing.T) {
	srv := s3test.Start(t, "qc-team")
	srv.Env(t)
	a, b, office := t.TempDir(), t.TempDir(), t.TempDir()
	mustRun(t, Demo, "--data", a)
	for _, c := range []struct{ data, scope string }{{a, "all"}, {b, "own"}, {office, "all"}} {
		mustRun(t, Remote, "add", "team", "s3://qc-team/acme", "--endpoint", srv.Endpoint, "--region", "us-east-1", "--scope", c.scope, "--data", c.data)
	}
	mustRun(t, Review, "role", "reviewer", "--name", "Wang Fang", "--data", office)

	mustRun(t, Finalize, "--inspection", demoDraftZhang, "--waive-signatures", "factory representative left before the end", "--data", a)
	mustRun(t, Sync, "--data", a)
	mustRun(t, Sync, "--data", office)
	queue := reviewItems(t, office, false)
	if _, ok := queue["LP-2026-0488"]; !ok || len(queue) != 4 {
		t.Fatalf("office queue %v: want the four finalized reports, LP-2026-0488 among them", keys(queue))
	}

	// Office: a Loupe set up for an inspector cannot review.
	if code, _, errs := runCmd(Review, "approve", "--inspection", demoFinalLiWei, "--data", a); code != ExitError || !strings.Contains(errs, "reviewer") {
		t.Errorf("an inspector approved: %d %s", code, errs)
	}
	mustRun(t, Review, "approve", "--inspection", demoFinalLiWei, "--comments", "Clear photos, well documented.", "--data", office)
	mustRun(t, Review, "return", "--inspection", demoDraftZhang, "--comments", "Photograph the carton marks of every carton opened.", "--data", office)
	if code, _, errs := runCmd(Review, "return", "--inspection", demoFinalLiWei, "--data", office); code == ExitOK || !strings.Contains(errs, "comments") {
		t.Errorf("returned without comments: %d %s", code, errs)
	}
	// The office updates the library: a new version of a golden sample.
	newSample := publishSample(t, office)
	mustRun(t, Sync, "--data", office)

	mustRun(t, Sync, "--data", a)
	mine := reviewItems(t, a, true)
	if it := mine["LP-2026-0412"]; it.Review.State != inspection.StateApproved || it.Review.Latest.Reviewer != "Wang Fang" {
		t.Errorf("A: LP-2026-0412 %+v, want approved by Wang Fang", it.Review)
	}
	ret := mine["LP-2026-0488"]
	if ret.Review.State != inspection.StateReturned || !strings.Contains(ret.Review.Latest.Comments, "carton marks") {
		t.Errorf("A: LP-2026-0488 %+v, want returned with the comments", ret.Review)
	}
	for id, want := range map[string][]string{
		demoFinalLiWei: {"ISSUED · approved by Wang Fang", "Clear photos, well documented."},
		demoDraftZhang: {"RETURNED TO THE INSPECTOR", "Photograph the carton marks"},
	} {
		pdf := filepath.Join(t.TempDir(), "r.pdf")
		mustRun(t, Report, "--inspection", id, "--out", pdf, "--data", a)
		text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("A's report of %s does not say %q", id, w)
			}
		}
	}
	audit := auditOf(t, a, demoFinalLiWei)
	if !strings.Contains(audit, "review") || !strings.Contains(audit, "Wang Fang") {
		t.Errorf("A's audit trail of LP-2026-0412 does not show the review:\n%s", audit)
	}

	// A corrects the returned report with a new revision; it enters the queue.
	rev := revise(t, a, demoDraftZhang)
	mustRun(t, Finalize, "--inspection", rev.String(), "--waive-signatures", "factory representative left before the end", "--data", a)
	mustRun(t, Sync, "--data", a)
	mustRun(t, Sync, "--data", office)
	queue = reviewItems(t, office, false)
	if _, ok := queue["LP-2026-0488"]; ok {
		t.Errorf("the returned report is still in the queue")
	}
	found := false
	for _, it := range queue {
		found = found || it.ID == rev
	}
	if !found {
		t.Errorf("the corrected revision is not in the queue: %v", keys(queue))
	}

	// The library reaches both laptops; B's scope pulls no inspection.
	var res exchange.Result
	if err := json.Unmarshal([]byte(mustRun(t, Sync, "--json", "--data", b)), &res); err != nil {
		t.Fatal(err)
	}
	if res.OutOfScope == 0 {
		t.Errorf("B's sync: %+v, want the others' inspections out of its scope", res)
	}
	for _, data := range []string{a, b} {
		if !hasSample(t, data, newSample) {
			t.Errorf("the office's new sample did not reach %s", data)
		}
	}
	if out := mustRun(t, List, "--json", "--data", b); strings.TrimSpace(out) != "[]" {
		t.Errorf("B pulled inspections outside its scope: %s", out)
	}
	st := mustRun(t, Sync, "--status", "--data", a)
	if !strings.Contains(st, "Waiting to go: nothing") {
		t.Errorf("A's status after a whole sync: %s", st)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func openStore(t *testing.T, data string) *sqlite.DB {
	t.Helper()
	db, err := OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// publishSample supersedes a golden sample of the office's library.
func publishSample(t *testing.T, office string) inspection.ID {
	t.Helper()
	db := openStore(t, office)
	ctx := context.Background()
	samples, err := db.Samples(ctx, inspection.NilID)
	if err != nil || len(samples) == 0 {
		t.Fatalf("office library: %v %d", err, len(samples))
	}
	old := samples[0]
	next := old
	next.ID, next.Version, next.Notes = inspection.NewID(), old.Version+1, "Approved by the client on 2026-12-01"
	next.SupersededBy = inspection.NilID
	if err := db.SupersedeSample(ctx, old.ID, &next); err != nil {
		t.Fatal(err)
	}
	return next.ID
}

func hasSample(t *testing.T, data string, id inspection.ID) bool {
	samples, err := openStore(t, data).Samples(context.Background(), inspection.NilID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range samples {
		if s.ID == id {
			return true
		}
	}
	return false
}

func auditOf(t *testing.T, data, id string) string {
	t.Helper()
	es, err := openStore(t, data).Audit(context.Background(), parseID(t, id))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, e := range es {
		sb.WriteString(e.Who + " " + e.Action + " " + e.Entity + " " + e.Field + "=" + e.New + "\n")
	}
	return sb.String()
}

func revise(t *testing.T, data, id string) inspection.ID {
	t.Helper()
	in, err := openStore(t, data).Revise(context.Background(), parseID(t, id), "carton marks photographed", "Zhang Min")
	if err != nil {
		t.Fatal(err)
	}
	return in.ID
}

// TestSyncKilledHalfway kills `loupe sync` (kill -9, a child process) at
// growing moments of a push and then of a pull, and syncs again each time:
// in the end the office holds every inspection exactly as the laptop
// does, every photo is on the remote once, and no object is named by two
// log entries.
func TestSyncKilledHalfway(t *testing.T) {
	share := t.TempDir()
	a, office := t.TempDir(), t.TempDir()
	mustRun(t, Demo, "--data", a)
	for _, d := range []string{a, office} {
		mustRun(t, Remote, "add", "team", "dir:"+share, "--data", d)
	}
	pushes := killUntilDone(t, a)
	pulls := killUntilDone(t, office)
	if pushes == 0 || pulls == 0 {
		t.Fatalf("%d pushes and %d pulls killed halfway: the test proves nothing", pushes, pulls)
	}
	t.Logf("killed %d pushes and %d pulls halfway", pushes, pulls)
	mustRun(t, Sync, "--data", a)
	mustRun(t, Sync, "--data", office)

	ctx := context.Background()
	ldb, odb := openStore(t, a), openStore(t, office)
	mine, _ := ldb.ListInspections(ctx, inspection.Filter{})
	theirs, _ := odb.ListInspections(ctx, inspection.Filter{})
	if len(theirs) != len(mine) {
		t.Fatalf("office has %d inspections, the laptop %d", len(theirs), len(mine))
	}
	for _, s := range mine {
		want, _ := ldb.Dossier(ctx, s.ID)
		got, err := odb.Dossier(ctx, s.ID)
		if err != nil {
			t.Fatalf("office lacks %s: %v", s.ReportNo, err)
		}
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if string(wj) != string(gj) {
			t.Errorf("%s differs on the office", s.ReportNo)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(share, "v1", "photos"))
	shas := map[string]bool{}
	photos := 0
	for _, p := range entries {
		if strings.HasPrefix(p.Name(), ".") { // a killed write's temporary file, swept after a day
			continue
		}
		photos++
		shas[p.Name()[:64]] = true
	}
	if len(shas) != photos {
		t.Errorf("%d photo files for %d contents", photos, len(shas))
	}
	namedOnce(t, share)
	if staged, _ := os.ReadDir(filepath.Join(office, "staging")); len(staged) != 0 {
		t.Errorf("staging holds %d entries after the next start", len(staged))
	}
}

// namedOnce checks that no object on a folder remote is named by two log
// entries: a sync killed halfway stores nothing twice.
func namedOnce(t *testing.T, share string) {
	t.Helper()
	named := map[string]int{}
	devices, _ := os.ReadDir(filepath.Join(share, "v1", "log"))
	for _, d := range devices {
		logs, _ := os.ReadDir(filepath.Join(share, "v1", "log", d.Name()))
		for _, l := range logs {
			if strings.HasPrefix(l.Name(), ".") { // a killed write's temporary file: no reader reads it
				continue
			}
			raw, _ := os.ReadFile(filepath.Join(share, "v1", "log", d.Name(), l.Name()))
			var b struct{ Entries []struct{ Object string } }
			json.Unmarshal(raw, &b)
			for _, e := range b.Entries {
				named[e.Object]++
			}
		}
	}
	for o, n := range named {
		if n > 1 {
			t.Errorf("object %s is named by %d log entries", o[:12], n)
		}
	}
}

// TestSyncKilledWithDeletions: the laptop deletes its drafts after a sync;
// its next syncs, and the office's, are killed at growing moments until
// they finish. In the end the office holds the same inspections as the
// laptop, none of the deleted drafts, and no object twice.
func TestSyncKilledWithDeletions(t *testing.T) {
	share := t.TempDir()
	a, office := t.TempDir(), t.TempDir()
	mustRun(t, Demo, "--data", a)
	for _, d := range []string{a, office} {
		mustRun(t, Remote, "add", "team", "dir:"+share, "--data", d)
		mustRun(t, Sync, "--data", d)
	}
	ctx := context.Background()
	ldb := openStore(t, a)
	drafts, err := ldb.ListInspections(ctx, inspection.Filter{Status: inspection.Draft})
	if err != nil || len(drafts) == 0 {
		t.Fatalf("the demo has %d drafts (%v): the test proves nothing", len(drafts), err)
	}
	for _, d := range drafts {
		if err := ldb.DeleteInspection(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	ldb.Close()
	pushes := killUntilDone(t, a)
	pulls := killUntilDone(t, office)
	t.Logf("killed %d pushes and %d pulls halfway", pushes, pulls)
	mustRun(t, Sync, "--data", a)
	mustRun(t, Sync, "--data", office)

	ldb, odb := openStore(t, a), openStore(t, office)
	mine, _ := ldb.ListInspections(ctx, inspection.Filter{})
	theirs, _ := odb.ListInspections(ctx, inspection.Filter{})
	if len(theirs) != len(mine) {
		t.Errorf("office has %d inspections, the laptop %d", len(theirs), len(mine))
	}
	for _, d := range drafts {
		if _, err := odb.Inspection(ctx, d.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
			t.Errorf("the office still has deleted draft %s: %v", d.ReportNo, err)
		}
		if _, err := ldb.Inspection(ctx, d.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
			t.Errorf("deleted draft %s came back to the laptop: %v", d.ReportNo, err)
		}
	}
	namedOnce(t, share)
}

// killUntilDone runs `loupe sync` in a child process and kills it after
// 5 ms, 10 ms, 15 ms… until one run finishes on its own; it returns how
// many were killed.
func killUntilDone(t *testing.T, data string) int {
	t.Helper()
	kills := 0
	for delay := 5; ; delay += 5 {
		cmd := child("sync", "--data", data)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("sync failed on its own: %v\n%s", err, out.String())
			}
			return kills
		case <-time.After(time.Duration(delay) * time.Millisecond):
			cmd.Process.Kill()
			if err := <-done; err != nil {
				if _, ok := err.(*exec.ExitError); ok {
					kills++
				}
			}
		}
		if delay > 5000 {
			t.Fatal("sync never finished")
		}
	}
}

func parseID(t *testing.T, s string) inspection.ID {
	t.Helper()
	id, err := inspection.ParseID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
