// Package autosave writes the window's edits to the store off the UI
// goroutine: each record's edits are gathered for a short window and then
// written once, in order, by one background writer, and a write that would
// store what is already stored is skipped. A kill -9 loses at most the last
// window of typing; Flush writes everything pending at once (switching
// inspection, closing the window, before reading back from the store).
//
// It knows nothing of Fyne: the window turns its events into the "Saved"
// indicator and error dialogs.
package autosave

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"
)

// DefaultWindow is how long edits to one record are gathered before they
// are written: several keystrokes become one write, and no more than this
// is lost if the laptop dies.
const DefaultWindow = 400 * time.Millisecond

// State is what the indicator says.
type State int

// States, in the order an edit goes through them.
const (
	Saved   State = iota // everything edited is in the store
	Pending              // an edit is waiting for its window or being written
	Failed               // a write failed; the edit is kept and tried again
)

// Event tells the window where saving stands. Err is set when a record's
// write has just failed (not again while it keeps failing), so the window
// can say once what went wrong.
type Event struct {
	State State
	At    time.Time
	Err   error
}

// Write stores one record's snapshot.
type Write func(ctx context.Context) error

// job is one record's latest snapshot and how to store it.
type job struct {
	key      string
	snapshot any
	write    Write
	timer    *time.Timer
}

// Saver gathers and writes edits. Its methods may be called from any
// goroutine; notify is called from the caller's or the writer's goroutine,
// never with a lock held.
type Saver struct {
	ctx    context.Context
	window time.Duration
	notify func(Event)

	mu      sync.Mutex
	idle    *sync.Cond
	pending map[string]*job   // waiting for their window to end
	queue   []*job            // due, in the order they became due
	busy    bool              // the writer holds a job
	failed  map[string]*job   // last write failed; retried by Flush
	errs    map[string]error  // why, for the failed keys
	stored  map[string][]byte // what each key's last successful write stored
	writes  int
	closed  bool
	wake    chan struct{}
	done    chan struct{}
}

// New starts a saver that gathers each record's edits for window (<= 0:
// DefaultWindow) and reports to notify (nil: nobody). ctx is given to
// every write.
func New(ctx context.Context, window time.Duration, notify func(Event)) *Saver {
	if window <= 0 {
		window = DefaultWindow
	}
	if notify == nil {
		notify = func(Event) {}
	}
	s := &Saver{ctx: ctx, window: window, notify: notify, pending: map[string]*job{}, failed: map[string]*job{},
		errs: map[string]error{}, stored: map[string][]byte{}, wake: make(chan struct{}, 1), done: make(chan struct{})}
	s.idle = sync.NewCond(&s.mu)
	go s.run()
	return s
}

// Put schedules snapshot to be stored by write under key (one key per
// record). A later Put for the same key within the window replaces it: only
// the last snapshot is written, at most window after the first.
// The snapshot must be a copy the caller no longer changes.
func (s *Saver) Put(key string, snapshot any, write Write) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	if j, ok := s.pending[key]; ok {
		j.snapshot, j.write = snapshot, write
		s.mu.Unlock()
		return
	}
	j := &job{key: key, snapshot: snapshot, write: write}
	j.timer = time.AfterFunc(s.window, func() { s.due(j) })
	s.pending[key] = j
	s.mu.Unlock()
	s.notify(Event{State: Pending, At: time.Now()})
}

// Known records what the store already holds for key (the record as it was
// loaded), so that putting the same again writes nothing.
func (s *Saver) Known(key string, snapshot any) {
	fp, err := json.Marshal(snapshot)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.stored[key] = fp
	s.mu.Unlock()
}

// due moves a job whose window ended to the writer's queue.
func (s *Saver) due(j *job) {
	s.mu.Lock()
	if s.pending[j.key] == j {
		delete(s.pending, j.key)
		s.queue = append(s.queue, j)
	}
	s.mu.Unlock()
	s.kick()
}

func (s *Saver) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run is the writer: one job at a time, in order.
func (s *Saver) run() {
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		for {
			s.mu.Lock()
			if len(s.queue) == 0 {
				s.busy = false
				ev, changed := s.settledLocked()
				s.idle.Broadcast()
				s.mu.Unlock()
				if changed {
					s.notify(ev)
				}
				break
			}
			j := s.queue[0]
			s.queue = s.queue[1:]
			s.busy = true
			s.mu.Unlock()
			s.do(j)
		}
	}
}

// do writes a job unless it would store what is already stored.
func (s *Saver) do(j *job) {
	fp, ferr := json.Marshal(j.snapshot)
	s.mu.Lock()
	same := ferr == nil && s.failed[j.key] == nil && bytes.Equal(s.stored[j.key], fp)
	s.mu.Unlock()
	if same {
		return
	}
	err := j.write(s.ctx)
	s.mu.Lock()
	_, wasFailing := s.failed[j.key]
	if err != nil {
		s.failed[j.key], s.errs[j.key] = j, err
		delete(s.stored, j.key)
	} else {
		delete(s.failed, j.key)
		delete(s.errs, j.key)
		s.stored[j.key] = fp
		s.writes++
	}
	s.mu.Unlock()
	if err != nil && !wasFailing {
		s.notify(Event{State: Failed, At: time.Now(), Err: err})
	}
}

// settledLocked is the event to send once the writer has nothing to do.
func (s *Saver) settledLocked() (Event, bool) {
	if len(s.pending) > 0 {
		return Event{}, false
	}
	if len(s.failed) > 0 {
		return Event{State: Failed, At: time.Now()}, true
	}
	return Event{State: Saved, At: time.Now()}, true
}

// Flush writes every pending edit now, and tries failed ones again, and
// returns when the writer is done: what the window shows is then what the
// store holds. It returns the errors of writes that still fail.
func (s *Saver) Flush() error {
	s.mu.Lock()
	for key, j := range s.pending {
		j.timer.Stop()
		delete(s.pending, key)
		s.queue = append(s.queue, j)
	}
	for _, j := range s.failed {
		if !s.queued(j.key) {
			s.queue = append(s.queue, j)
		}
	}
	s.mu.Unlock()
	s.kick()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.queue) > 0 || s.busy {
		s.idle.Wait()
	}
	var errs []error
	for _, err := range s.errs {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (s *Saver) queued(key string) bool {
	for _, j := range s.queue {
		if j.key == key {
			return true
		}
	}
	return false
}

// Close flushes and stops the writer. Later Puts are ignored.
func (s *Saver) Close() error {
	err := s.Flush()
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
	s.mu.Unlock()
	return err
}

// Err is why key's last write failed, nil when it did not.
func (s *Saver) Err(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errs[key]
}

// State is where saving stands now: pending while anything waits or is
// being written, failed while a write keeps failing, else saved.
func (s *Saver) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case len(s.pending) > 0 || len(s.queue) > 0 || s.busy:
		return Pending
	case len(s.failed) > 0:
		return Failed
	}
	return Saved
}

// Writes is how many writes reached the store (skipped ones not counted).
func (s *Saver) Writes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes
}
