// Package mail is the SMTP side of the outbox: it turns outbox items into
// messages with go-mail, delivers them (Transport implements
// outbox.Transport) and writes unsent .eml drafts for the inspector's own
// mail program. The queue, its states and its retry rules stay in
// inspection/outbox, which knows no mail library.
package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/outbox"
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

func (s SMTP) client() (*gomail.Client, error) {
	if s.Host == "" {
		return nil, fmt.Errorf("no SMTP server set: enter the host in the mail preferences (or LOUPE_SMTP_HOST)")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	if s.Timeout > 0 {
		opts[0] = gomail.WithTimeout(s.Timeout)
	}
	port := s.Port
	switch s.Security {
	case TLS:
		opts = append(opts, gomail.WithSSL())
		port = orDefault(port, 465)
	case None:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		port = orDefault(port, 25)
	case STARTTLS, "":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		port = orDefault(port, 587)
	default:
		return nil, fmt.Errorf("mail security %q is unknown: use starttls, tls or none", s.Security)
	}
	opts = append(opts, gomail.WithPort(port))
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	return gomail.NewClient(s.Host, opts...)
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// Message builds the email of an item.
func Message(from string, it *outbox.Item) (*gomail.Msg, error) {
	m := gomail.NewMsg()
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
	m.SetBodyString(gomail.TypeTextPlain, it.Body)
	for _, a := range it.Attachments {
		if _, err := os.Stat(a); err != nil {
			return nil, fmt.Errorf("attachment %s is gone: %w (export the report again)", a, err)
		}
		m.AttachFile(a, gomail.WithFileName(filepath.Base(a)))
	}
	return m, nil
}

// Transport delivers outbox items over SMTP.
type Transport struct {
	SMTP SMTP
	Dial func() (*gomail.Client, error) // SMTP's client when nil; for tests
}

var _ outbox.Transport = Transport{}

// Deliver sends one item. Bad settings, a bad address, a missing
// attachment and a 5xx answer are permanent (outbox.Permanent): no retry
// fixes them; anything else (no network, a 4xx answer) is worth a retry.
func (t Transport) Deliver(ctx context.Context, it *outbox.Item) error {
	msg, err := Message(t.SMTP.From, it)
	if err != nil {
		return outbox.Permanent(err)
	}
	dial := t.Dial
	if dial == nil {
		dial = t.SMTP.client
	}
	c, err := dial()
	if err != nil {
		return outbox.Permanent(err)
	}
	err = c.DialAndSendWithContext(ctx, msg)
	var se *gomail.SendError
	if errors.As(err, &se) && se.ErrorCode() >= 500 {
		return outbox.Permanent(err)
	}
	return err
}

// NewSender is the outbox sender that delivers queue over SMTP with s.
func NewSender(queue outbox.Queue, s SMTP) *outbox.Sender {
	return &outbox.Sender{Queue: queue, Transport: Transport{SMTP: s}}
}

// WriteDraft writes the item as an unsent .eml (X-Unsent: 1, which mail
// clients open as a draft ready to send) into dir and returns its path; the
// UI opens it with the system's mail handler.
func WriteDraft(from string, it *outbox.Item, dir string) (string, error) {
	m, err := Message(from, it)
	if err != nil {
		return "", err
	}
	m.SetGenHeader(gomail.Header("X-Unsent"), "1")
	path := filepath.Join(dir, "loupe-"+it.ID.String()+".eml")
	err = atomicfile.Write(path, 0o600, func(w io.Writer) error {
		_, err := m.WriteTo(w)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("write the email draft %s: %w", path, err)
	}
	return path, nil
}
