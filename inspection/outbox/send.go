package outbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wneessen/go-mail"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// Securities. STARTTLS on the submission port is the common default;
// TLS is implicit TLS (port 465); None is for a local relay only.
const (
	STARTTLS Security = "starttls"
	TLS      Security = "tls"
	None     Security = "none"
)

// SMTP holds the mail settings from the preferences.
type SMTP struct {
	Host     string
	Port     int // 0: 587 for STARTTLS, 465 for TLS, 25 for None
	Username string
	Password string
	From     string
	Security Security
	Timeout  time.Duration // per connection; 30 s when 0
}

func (s SMTP) client() (*mail.Client, error) {
	if s.Host == "" {
		return nil, fmt.Errorf("no SMTP server set: enter the host in the mail preferences (or LOUPE_SMTP_HOST)")
	}
	opts := []mail.Option{mail.WithTimeout(30 * time.Second)}
	if s.Timeout > 0 {
		opts[0] = mail.WithTimeout(s.Timeout)
	}
	port := s.Port
	switch s.Security {
	case TLS:
		opts = append(opts, mail.WithSSL())
		port = cmp(port, 465)
	case None:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
		port = cmp(port, 25)
	case STARTTLS, "":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
		port = cmp(port, 587)
	default:
		return nil, fmt.Errorf("mail security %q is unknown: use starttls, tls or none", s.Security)
	}
	opts = append(opts, mail.WithPort(port))
	if s.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(s.Username), mail.WithPassword(s.Password))
	}
	return mail.NewClient(s.Host, opts...)
}

func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// Message builds the email of an item.
func Message(from string, it *Item) (*mail.Msg, error) {
	m := mail.NewMsg()
	if from != "" { // a draft may leave the sender to the mail client
		if err := m.From(from); err != nil {
			return nil, fmt.Errorf("sender address %q: %w", from, err)
		}
	}
	if err := m.To(it.To...); err != nil {
		return nil, fmt.Errorf("recipients %v: %w", it.To, err)
	}
	m.Subject(it.Subject)
	m.SetDate()
	m.SetMessageID()
	m.SetBodyString(mail.TypeTextPlain, it.Body)
	for _, a := range it.Attachments {
		if _, err := os.Stat(a); err != nil {
			return nil, fmt.Errorf("attachment %s is gone: %w (export the report again)", a, err)
		}
		m.AttachFile(a, mail.WithFileName(filepath.Base(a)))
	}
	return m, nil
}

// Sender delivers the queue.
type Sender struct {
	Queue       Queue
	SMTP        SMTP
	MaxAttempts int                          // 10 when 0; then the item fails for good
	Backoff     time.Duration                // first retry delay, doubled each time; 1 min when 0
	Now         func() time.Time             // time.Now when nil
	Dial        func() (*mail.Client, error) // SMTP.client when nil; for tests
}

// Result counts what a run did.
type Result struct{ Sent, Retrying, Failed int }

// lease is how long a claimed item stays "sending": longer than any single
// delivery, so only a crashed run's items become due again.
const lease = 15 * time.Minute

// Run sends every due item once. An item is marked sent only after the
// server accepted the message; a transient failure schedules a retry with
// exponential backoff; a permanent rejection (5xx) fails the item with the
// server's answer.
func (s *Sender) Run(ctx context.Context) (Result, error) {
	now := s.now()
	items, err := s.Queue.Claim(ctx, now, now.Add(lease))
	if err != nil {
		return Result{}, err
	}
	var res Result
	for i := range items {
		it := &items[i]
		err := s.send(ctx, it)
		s.settle(it, err)
		switch it.State {
		case Sent:
			res.Sent++
		case Failed:
			res.Failed++
		default:
			res.Retrying++
		}
		if uerr := s.Queue.UpdateItem(ctx, it); uerr != nil {
			return res, uerr
		}
	}
	return res, nil
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Sender) send(ctx context.Context, it *Item) error {
	msg, err := Message(s.SMTP.From, it)
	if err != nil {
		return permanent{err}
	}
	dial := s.Dial
	if dial == nil {
		dial = s.SMTP.client
	}
	c, err := dial()
	if err != nil {
		return permanent{err}
	}
	return c.DialAndSendWithContext(ctx, msg)
}

// permanent marks errors no retry can fix (bad settings, bad address).
type permanent struct{ error }

func (s *Sender) settle(it *Item, err error) {
	now := s.now()
	it.Attempts++
	if err == nil {
		it.State, it.SentAt, it.LastError = Sent, now, ""
		return
	}
	it.LastError = err.Error()
	max := s.MaxAttempts
	if max <= 0 {
		max = 10
	}
	var se *mail.SendError
	var p permanent
	rejected := errors.As(err, &se) && se.ErrorCode() >= 500
	if errors.As(err, &p) || rejected || it.Attempts >= max {
		it.State = Failed
		return
	}
	base := s.Backoff
	if base <= 0 {
		base = time.Minute
	}
	delay := base << min(it.Attempts-1, 10)
	it.State, it.NextAttemptAt = Queued, now.Add(delay)
}

// Retry puts a failed item back in the queue, due now.
func Retry(it *Item, now time.Time) {
	it.State, it.NextAttemptAt, it.Attempts = Queued, now, 0
}

// WriteDraft writes the item as an unsent .eml (X-Unsent: 1, which mail
// clients open as a draft ready to send) into dir and returns its path; the
// UI opens it with the system's mail handler.
func WriteDraft(from string, it *Item, dir string) (string, error) {
	m, err := Message(from, it)
	if err != nil {
		return "", err
	}
	m.SetGenHeader(mail.Header("X-Unsent"), "1")
	path := filepath.Join(dir, "loupe-"+it.ID.String()+".eml")
	f, err := os.Create(path)
	if err != nil {
		return "", fmt.Errorf("write the email draft: %w", err)
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return "", fmt.Errorf("write the email draft %s: %w", path, err)
	}
	return path, f.Close()
}
