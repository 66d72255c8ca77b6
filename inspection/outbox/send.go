package outbox

import (
	"context"
	"errors"
	"time"
)

// Transport delivers one item; inspection/mail implements it over SMTP.
// It returns an error made with Permanent when no retry can succeed.
type Transport interface {
	Deliver(ctx context.Context, it *Item) error
}

// Permanent marks an error no retry can fix (bad settings, a bad address,
// a 5xx answer): the item fails for good with it.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// Sender delivers the queue through a Transport, with retries.
type Sender struct {
	Queue       Queue
	Transport   Transport
	MaxAttempts int              // 10 when 0; then the item fails for good
	Backoff     time.Duration    // first retry delay, doubled each time; 1 min when 0
	Now         func() time.Time // time.Now when nil
}

// Result counts what a run did.
type Result struct{ Sent, Retrying, Failed int }

// lease is how long a claimed item stays "sending": longer than any single
// delivery, so only a crashed run's items become due again.
const lease = 15 * time.Minute

// Run sends every due item once. An item is marked sent only after the
// transport says the server accepted it; a transient failure schedules a
// retry with exponential backoff; a permanent one fails the item with the
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
		s.settle(it, s.Transport.Deliver(ctx, it))
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

// settle records the outcome of one attempt: sent, failed for good, or
// queued again after a backoff that doubles with each attempt.
func (s *Sender) settle(it *Item, err error) {
	now := s.now()
	it.Attempts++
	if err == nil {
		it.State, it.SentAt, it.LastError = Sent, now, ""
		return
	}
	it.LastError = err.Error()
	limit := s.MaxAttempts
	if limit <= 0 {
		limit = 10
	}
	if IsPermanent(err) || it.Attempts >= limit {
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
