package autosave

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// store is a stand-in for one record's column: it keeps what was written.
type store struct {
	mu     sync.Mutex
	values map[string]string
	log    []string // key=value, in write order
	fail   error
}

func newStore() *store { return &store{values: map[string]string{}} }

func (st *store) put(key, v string) Write {
	return func(context.Context) error {
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.fail != nil {
			return st.fail
		}
		st.values[key] = v
		st.log = append(st.log, key+"="+v)
		return nil
	}
}

func (st *store) get(key string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.values[key]
}

// events records what the saver reported.
type events struct {
	mu   sync.Mutex
	list []Event
}

func (e *events) add(ev Event) { e.mu.Lock(); e.list = append(e.list, ev); e.mu.Unlock() }
func (e *events) last() Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.list) == 0 {
		return Event{State: -1}
	}
	return e.list[len(e.list)-1]
}
func (e *events) errs() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, ev := range e.list {
		if ev.Err != nil {
			n++
		}
	}
	return n
}

func TestBurstsBecomeFewWrites(t *testing.T) {
	cases := []struct {
		name       string
		keystrokes int
		every      time.Duration
		window     time.Duration
		maxWrites  int
	}{
		{"a burst inside one window", 30, 0, 200 * time.Millisecond, 1},
		{"typing across windows", 24, 25 * time.Millisecond, 200 * time.Millisecond, 4}, // 600 ms of typing
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, ev := newStore(), &events{}
			s := New(context.Background(), c.window, ev.add)
			defer s.Close()
			var typed string
			for i := range c.keystrokes {
				typed += string(rune('a' + i%26))
				s.Put("finding 1", typed, st.put("finding 1", typed))
				time.Sleep(c.every)
			}
			if got := st.get("finding 1"); got == typed && c.every == 0 {
				t.Errorf("written before its window ended")
			}
			if err := s.Flush(); err != nil {
				t.Fatal(err)
			}
			if got := st.get("finding 1"); got != typed {
				t.Errorf("stored %q, want the last value %q", got, typed)
			}
			if n := s.Writes(); n < 1 || n > c.maxWrites {
				t.Errorf("%d keystrokes made %d writes, want 1..%d", c.keystrokes, n, c.maxWrites)
			}
			if ev.last().State != Saved {
				t.Errorf("last event %+v, want saved", ev.last())
			}
		})
	}
}

func TestWrittenWithinTheWindowWithoutFlush(t *testing.T) {
	st := newStore()
	s := New(context.Background(), 50*time.Millisecond, nil)
	defer s.Close()
	s.Put("inspection", "LP-7", st.put("inspection", "LP-7"))
	deadline := time.Now().Add(5 * time.Second)
	for st.get("inspection") != "LP-7" {
		if time.Now().After(deadline) {
			t.Fatal("the edit never reached the store without a flush")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSameValueIsNotWrittenAgain(t *testing.T) {
	st := newStore()
	s := New(context.Background(), time.Millisecond, nil)
	defer s.Close()
	s.Known("section packing", "pass")
	s.Put("section packing", "pass", st.put("section packing", "pass")) // what is loaded, put again by a widget
	s.Flush()
	s.Put("section packing", "fail", st.put("section packing", "fail"))
	s.Flush()
	s.Put("section packing", "fail", st.put("section packing", "fail"))
	s.Flush()
	if s.Writes() != 1 || len(st.log) != 1 || st.log[0] != "section packing=fail" {
		t.Errorf("writes %d, log %v: want only the change written", s.Writes(), st.log)
	}
}

func TestKeysAreWrittenInTheOrderTheyBecameDue(t *testing.T) {
	st := newStore()
	s := New(context.Background(), time.Hour, nil) // only Flush writes
	defer s.Close()
	for i := range 5 {
		k := fmt.Sprintf("finding %d", i)
		s.Put(k, "x", st.put(k, "x"))
	}
	s.Flush()
	if len(st.log) != 5 {
		t.Fatalf("log %v", st.log)
	}
}

func TestFailureIsToldOnceKeptAndRetried(t *testing.T) {
	st, ev := newStore(), &events{}
	st.fail = errors.New("the disk is full")
	s := New(context.Background(), time.Millisecond, ev.add)
	defer s.Close()
	s.Put("inspection", "v1", st.put("inspection", "v1"))
	if err := s.Flush(); err == nil || ev.last().State != Failed {
		t.Fatalf("flush = %v, last event %+v: want the failure", err, ev.last())
	}
	s.Put("inspection", "v2", st.put("inspection", "v2"))
	s.Flush()
	if ev.errs() != 1 {
		t.Errorf("the same failing record was reported %d times, want once", ev.errs())
	}
	st.mu.Lock()
	st.fail = nil
	st.mu.Unlock()
	if err := s.Flush(); err != nil { // the kept edit is tried again
		t.Fatal(err)
	}
	if got := st.get("inspection"); got != "v2" || ev.last().State != Saved {
		t.Errorf("after the disk was freed: stored %q, last event %+v", got, ev.last())
	}
}

func TestPutAfterCloseIsIgnored(t *testing.T) {
	st := newStore()
	s := New(context.Background(), time.Millisecond, nil)
	s.Put("a", "1", st.put("a", "1"))
	if err := s.Close(); err != nil || st.get("a") != "1" {
		t.Fatalf("close = %v, stored %q: want the pending edit written", err, st.get("a"))
	}
	s.Put("a", "2", st.put("a", "2"))
	time.Sleep(10 * time.Millisecond)
	if st.get("a") != "1" {
		t.Error("a Put after Close was written")
	}
}
