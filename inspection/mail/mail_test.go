package mail_test

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/mail"
	"github.com/loupeqc/loupe/inspection/outbox"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

var ctx = context.Background()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// server is a real SMTP server on 127.0.0.1 that can refuse messages.
type server struct {
	mu       sync.Mutex
	refuse   *smtp.SMTPError // answer to DATA while set
	accepted []string
}

func (s *server) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }

type session struct{ s *server }

func (*session) Reset()                               {}
func (*session) Logout() error                        { return nil }
func (*session) Mail(string, *smtp.MailOptions) error { return nil }
func (*session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if ss.s.refuse != nil {
		return ss.s.refuse
	}
	ss.s.accepted = append(ss.s.accepted, string(b))
	return nil
}

func (s *server) start(t *testing.T, addr string) {
	l, err := net.Listen("tcp", addr)
	must(t, err)
	srv := smtp.NewServer(s)
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // the server is down until started on this port
	return port
}

func queued(t *testing.T, dir string) (*sqlite.DB, *outbox.Item) {
	db, err := sqlite.Open(filepath.Join(dir, "loupe.db"))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	pdf := filepath.Join(dir, "LP-1.pdf")
	must(t, os.WriteFile(pdf, []byte("%PDF-1.4 report"), 0o600))
	items, err := outbox.Compose(outbox.Request{InspectionID: inspection.NewID(), To: []string{"qa@client.example"},
		Fields: outbox.Fields{ReportNo: "LP-1", Supplier: "Brightway", Verdict: "PASS", Inspector: "Li Wei"}, Files: []string{pdf}}, time.Now())
	must(t, err)
	must(t, db.Enqueue(ctx, items...))
	return db, items[0]
}

func TestSendRetriesUntilAccepted(t *testing.T) {
	dir := t.TempDir()
	db, item := queued(t, dir)
	port := freePort(t)
	clock := time.Now()
	s := mail.NewSender(db, mail.SMTP{Host: "127.0.0.1", Port: port, From: "li@loupe.example", Security: mail.None, Timeout: 5 * time.Second})
	s.Now = func() time.Time { return clock }
	state := func() outbox.Item {
		it, err := db.OutboxItem(ctx, item.ID)
		must(t, err)
		return *it
	}

	// Server down: the item waits with the dial error and a later retry.
	res, err := s.Run(ctx)
	must(t, err)
	if it := state(); res.Retrying != 1 || it.State != outbox.Queued || it.LastError == "" || !it.NextAttemptAt.After(clock) {
		t.Fatalf("server down: %+v, item %+v", res, it)
	}
	if res, _ := s.Run(ctx); res != (outbox.Result{}) {
		t.Errorf("item retried before its backoff: %+v", res)
	}

	// Server up but answering 451: still not sent, with the server's answer.
	srv := &server{refuse: &smtp.SMTPError{Code: 451, Message: "greylisted, try later"}}
	srv.start(t, "127.0.0.1:"+strconv.Itoa(port))
	clock = clock.Add(time.Hour)
	_, err = s.Run(ctx)
	must(t, err)
	if it := state(); it.State != outbox.Queued || !strings.Contains(it.LastError, "greylisted") || it.Attempts != 2 {
		t.Fatalf("temporary refusal: item %+v", it)
	}

	// Accepted: sent, and only now.
	srv.mu.Lock()
	srv.refuse = nil
	srv.mu.Unlock()
	clock = clock.Add(time.Hour)
	res, err = s.Run(ctx)
	must(t, err)
	it := state()
	if res.Sent != 1 || it.State != outbox.Sent || it.SentAt.IsZero() {
		t.Fatalf("after acceptance: %+v, item %+v", res, it)
	}
	if len(srv.accepted) != 1 || !strings.Contains(srv.accepted[0], "LP-1.pdf") {
		t.Errorf("server received %d messages without the report", len(srv.accepted))
	}
}

func TestPermanentRejectionFails(t *testing.T) {
	db, item := queued(t, t.TempDir())
	port := freePort(t)
	(&server{refuse: &smtp.SMTPError{Code: 552, Message: "message too big"}}).start(t, "127.0.0.1:"+strconv.Itoa(port))
	s := mail.NewSender(db, mail.SMTP{Host: "127.0.0.1", Port: port, From: "li@loupe.example", Security: mail.None})
	_, err := s.Run(ctx)
	must(t, err)
	it, _ := db.OutboxItem(ctx, item.ID)
	if it.State != outbox.Failed || !strings.Contains(it.LastError, "too big") {
		t.Errorf("5xx answer: item %+v, want failed with the server's answer", it)
	}
}

func TestWriteDraft(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "r.pdf")
	must(t, os.WriteFile(report, []byte("%PDF-1.4 report"), 0o600))
	items, err := outbox.Compose(outbox.Request{To: []string{"qa@client.example"}, Files: []string{report}}, time.Now())
	must(t, err)
	path, err := mail.WriteDraft("", items[0], dir)
	must(t, err)
	eml, _ := os.ReadFile(path)
	if !strings.Contains(string(eml), "X-Unsent: 1") || !strings.Contains(string(eml), "r.pdf") {
		t.Errorf("draft lacks X-Unsent or the attachment:\n%.400s", eml)
	}
}

func TestBadSettingsFailForGood(t *testing.T) {
	db, item := queued(t, t.TempDir())
	for _, smtp := range []mail.SMTP{{}, {Host: "127.0.0.1", Security: "pigeon"}} {
		it, _ := db.OutboxItem(ctx, item.ID)
		outbox.Retry(it, time.Now())
		must(t, db.UpdateItem(ctx, it))
		if _, err := mail.NewSender(db, smtp).Run(ctx); err != nil {
			t.Fatal(err)
		}
		it, _ = db.OutboxItem(ctx, item.ID)
		if it.State != outbox.Failed || it.LastError == "" {
			t.Errorf("settings %+v: item %+v, want failed with the reason", smtp, it)
		}
	}
}
