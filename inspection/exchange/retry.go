package exchange

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loupeqc/loupe/inspection/remote"
)

// Retry says how a call that failed on a flaky link is tried again: up to
// Attempts times in all, waiting First, then twice as long each time, at
// most Max. What cannot be cured by waiting (wrong keys, a missing
// object, a cancelled sync) is not retried.
type Retry struct {
	Attempts   int
	First, Max time.Duration
}

// DefaultRetry rides out a minute of a factory's Wi-Fi dropping.
var DefaultRetry = Retry{Attempts: 7, First: 500 * time.Millisecond, Max: 20 * time.Second}

// do runs op until it succeeds, fails for good or the attempts run out,
// telling progress of each wait.
func (s *syncer) do(ctx context.Context, what string, op func() error) error {
	r := s.opt.Retry
	if r.Attempts < 1 {
		r = DefaultRetry
	}
	wait := r.First
	var err error
	for attempt := 1; ; attempt++ {
		if err = op(); err == nil || final(err) || attempt >= r.Attempts {
			break
		}
		s.retries++
		s.report(Progress{Phase: s.phase, Note: fmt.Sprintf("%s failed (%v); trying again in %s", what, err, wait.Round(100*time.Millisecond))})
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, r.Max)
	}
	if err != nil && !final(err) {
		return fmt.Errorf("%s: %w", what, err)
	}
	return err
}

// final is an error waiting does not cure.
func final(err error) bool {
	var r *refusal
	var n *newerError
	return remote.IsPermanent(err) || errors.As(err, &r) || errors.As(err, &n)
}
