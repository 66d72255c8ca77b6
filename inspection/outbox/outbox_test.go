package outbox_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/outbox"
	"github.com/loupeqc/loupe/inspection/sqlite/sqlitetest"
)

var ctx = context.Background()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// transport answers each attempt with the next error of its script.
type transport struct{ answers []error }

func (tr *transport) Deliver(context.Context, *outbox.Item) error {
	err := tr.answers[0]
	tr.answers = tr.answers[1:]
	return err
}

// TestRetryRules runs the queue model on a real store: what each answer
// does to an item, and when it is tried again.
func TestRetryRules(t *testing.T) {
	offline := errors.New("dial tcp: no route to host")
	cases := []struct {
		name      string
		answers   []error
		max       int
		state     outbox.State
		attempts  int
		nextAfter time.Duration // of the last attempt, when queued again
	}{
		{"accepted at once", []error{nil}, 0, outbox.Sent, 1, 0},
		{"offline: retry in a minute", []error{offline}, 0, outbox.Queued, 1, time.Minute},
		{"offline twice: the wait doubles", []error{offline, offline}, 0, outbox.Queued, 2, 2 * time.Minute},
		{"offline, then accepted", []error{offline, nil}, 0, outbox.Sent, 2, 0},
		{"refused for good", []error{outbox.Permanent(errors.New("552 message too big"))}, 0, outbox.Failed, 1, 0},
		{"out of attempts", []error{offline, offline, offline}, 3, outbox.Failed, 3, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := sqlitetest.Open(t)
			items, err := outbox.Compose(outbox.Request{InspectionID: inspection.NewID(), To: []string{"qa@client.example"}}, time.Now().UTC())
			must(t, err)
			must(t, db.Enqueue(ctx, items...))
			clock := time.Now().UTC()
			s := &outbox.Sender{Queue: db, Transport: &transport{answers: c.answers}, MaxAttempts: c.max, Now: func() time.Time { return clock }}
			var last time.Time
			for range c.answers {
				last = clock
				_, err := s.Run(ctx)
				must(t, err)
				clock = clock.Add(24 * time.Hour)
			}
			it, err := db.OutboxItem(ctx, items[0].ID)
			must(t, err)
			if it.State != c.state || it.Attempts != c.attempts {
				t.Fatalf("item %+v, want %s after %d attempts", it, c.state, c.attempts)
			}
			if c.nextAfter > 0 && !it.NextAttemptAt.Equal(last.Add(c.nextAfter)) {
				t.Errorf("next attempt at %s, want %s after the last", it.NextAttemptAt, c.nextAfter)
			}
			if c.state != outbox.Sent && it.LastError == "" {
				t.Errorf("the answer was not kept")
			}
		})
	}
}

func TestComposeSplits(t *testing.T) {
	dir := t.TempDir()
	report, annex := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r-photos.pdf")
	must(t, os.WriteFile(report, make([]byte, 600<<10), 0o600))
	must(t, os.WriteFile(annex, make([]byte, 600<<10), 0o600))
	items, err := outbox.Compose(outbox.Request{To: []string{"qa@client.example"}, Files: []string{report, annex}, MaxBytes: 1 << 20}, time.Now())
	must(t, err)
	if len(items) != 2 || !strings.HasSuffix(items[1].Subject, "(2/2)") || items[1].Attachments[0] != annex {
		t.Fatalf("want report and annex in two emails, got %d", len(items))
	}
	if !strings.Contains(items[1].Body, "part 2 of 2") {
		t.Errorf("the second email does not say it is part 2 of 2:\n%s", items[1].Body)
	}
}
