// Package inflight lets the next start finish or undo what a killed Loupe
// process left behind: temporary files beside a report or bundle it was
// writing, a temporary folder in the system's temp directory, temporary
// files and staged photos inside the data folder, a backup it promised.
//
// Each process working in a data folder keeps a record in DATA/inflight/,
// locked for as long as it runs; the operating system drops the lock when
// the process ends, however it ends. A record nobody holds belongs to a
// process that is gone, and the next process to Start acts on it, then
// deletes it. Temporary files are only removed where no running process may
// be writing its own, so two Loupe processes on one data folder never take
// each other's files away.
package inflight

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Folder is where the records live, inside the data folder.
const Folder = "inflight"

// Record is the running process's entry in the data folder.
type Record struct {
	path  string
	mu    sync.Mutex
	f     *os.File        // held locked until End or the process's end
	swept map[string]bool // folders already recorded: a window exports many reports
}

// entry is one line of a record.
type entry struct {
	Sweep   string `json:"sweep,omitempty"`   // a folder where the process writes temporary files
	Remove  string `json:"remove,omitempty"`  // a temporary file or folder of the process
	Promise string `json:"promise,omitempty"` // a task the process must finish ("backup")
	Kept    string `json:"kept,omitempty"`    // a promise it finished
}

// Recovery is what Start does for processes that died. Both may be nil.
type Recovery struct {
	// Finish keeps a promise a dead process made and did not keep.
	Finish func(task string) error
	// Tidy removes the data folder's own leftovers (temporary files in the
	// photo store, staged photos). Start calls it only when a process died
	// and no other Loupe process is running in the data folder, since a
	// running one may be writing such files this very moment.
	Tidy func() error
}

// Start records the calling process as working in dataDir, then recovers
// after the processes that died there. While it runs, no other process can
// start in dataDir, so nothing new appears where it cleans up. The record
// stays until End or the process's end. A nil Record (with the error) means
// the folder cannot hold one; its methods then record nothing.
func Start(dataDir string, rec Recovery) (*Record, error) {
	dir := filepath.Join(dataDir, Folder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w (is the data folder writable?)", dir, err)
	}
	gate, err := os.OpenFile(filepath.Join(dir, ".gate"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", dir, err)
	}
	defer gate.Close()
	if err := lock(gate, true); err != nil {
		return nil, fmt.Errorf("cannot lock files in %s (%v), so Loupe cannot clean up after a Loupe that stops unexpectedly there", dataDir, err)
	}
	defer unlock(gate)
	self, err := newRecord(dir)
	if err != nil {
		return nil, err
	}
	if err := recoverDead(dir, self, rec); err != nil {
		return self, fmt.Errorf("clean up after a Loupe that stopped unexpectedly: %w", err)
	}
	return self, nil
}

// ErrHeld is Hold's error when another holder has the lock.
var ErrHeld = errors.New("held by another Loupe")

// Hold takes the data folder's lock of that name, for work two processes
// (or two windows' goroutines) must not do at once, such as a sync; it
// never waits: a second holder gets ErrHeld. release gives it back, and so
// does the end of the process, however it ends.
func Hold(dataDir, name string) (release func(), err error) {
	dir := filepath.Join(dataDir, Folder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w (is the data folder writable?)", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "."+name+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, ErrHeld)
	}
	return func() { unlock(f); f.Close() }, nil
}

func newRecord(dir string) (*Record, error) {
	token := make([]byte, 6)
	rand.Read(token)
	name := fmt.Sprintf("%d-%d-%s.json", time.Now().UnixNano(), os.Getpid(), hex.EncodeToString(token))
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Record{path: path, f: f, swept: map[string]bool{}}, nil
}

// Sweep says the process writes temporary files in dir (beside a report or
// bundle it writes): if it dies, they are removed.
func (r *Record) Sweep(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if r == nil {
		return nil
	}
	r.mu.Lock()
	known := r.swept[abs]
	r.mu.Unlock()
	if known {
		return nil
	}
	if err := r.add(entry{Sweep: abs}); err != nil {
		return err
	}
	r.mu.Lock()
	r.swept[abs] = true
	r.mu.Unlock()
	return nil
}

// Remove says path is a temporary file or folder of the process (such as a
// loupe-demo-* folder in the system's temp directory): if the process dies,
// it is removed. Only names Loupe gives its temporary files are accepted.
func (r *Record) Remove(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if !matchAny(loupeTemp, filepath.Base(abs)) {
		return fmt.Errorf("inflight: %s is not named like a Loupe temporary file", abs)
	}
	return r.add(entry{Remove: abs})
}

// TempDir makes a new folder in the system's temp directory, recorded
// first (see Remove) so a process that dies leaves none; the caller
// removes it when done.
func (r *Record) TempDir() (string, error) {
	token := make([]byte, 8)
	if _, err := rand.Read(token); err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), ".loupe-tmp-"+hex.EncodeToString(token))
	if err := r.Remove(dir); err != nil {
		return "", err
	}
	return dir, os.Mkdir(dir, 0o700)
}

// Promise records a task that must be done even if the process dies before
// it does it: the next start does it (see Recovery.Finish).
func (r *Record) Promise(task string) error { return r.add(entry{Promise: task}) }

// Keep records that a promised task is done.
func (r *Record) Keep(task string) error { return r.add(entry{Kept: task}) }

// add appends one entry and syncs it: it must be on disk before the
// process creates what it describes.
func (r *Record) add(e entry) error {
	if r == nil {
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return errors.New("inflight: the record has ended")
	}
	if _, err := r.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write %s: %w", r.path, err)
	}
	return r.f.Sync()
}

// End removes the record: the process finished what it recorded.
func (r *Record) End() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	unlock(r.f)
	r.f.Close()
	r.f = nil
	return os.Remove(r.path)
}

// loupeTemp are names only Loupe gives its temporary files and folders:
// safe to remove in any folder, such as the one a report was written to.
var loupeTemp = []string{
	".loupe-tmp-*",    // any atomically written file
	".loupe-*.tmp",    // reports and bundles being written
	".loupe-export-*", // the report a bundle export writes first
	"loupe-demo-*",    // the demo's generated photos
}

// dataTemp are further temporary names, removed inside the data directory
// only: elsewhere another program may own them (a browser's *.partial).
var dataTemp = []string{
	".tmp-*",            // photo store files of earlier versions
	".copy-*",           // outbox attachments being copied
	"*.partial",         // a backup being written
	"*.partial-journal", // and SQLite's journal of it
}

func matchAny(patterns []string, name string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool {
		ok, _ := filepath.Match(p, name)
		return ok
	})
}

// Temporary reports whether a file name is one Loupe gives temporary files
// in its data directory or beside what it writes.
func Temporary(name string) bool { return matchAny(loupeTemp, name) || matchAny(dataTemp, name) }

// SweepTree removes Loupe's temporary files and folders in dir, a folder of
// the data directory, and with deep in every folder below it.
func SweepTree(dir string, deep bool) error { return sweep(dir, deep, Temporary) }

// sweepOutside removes what only Loupe names so from a folder outside the
// data directory.
func sweepOutside(dir string) error {
	return sweep(dir, false, func(name string) bool { return matchAny(loupeTemp, name) })
}

func sweep(dir string, deep bool, temporary func(string) bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case temporary(e.Name()):
			errs = append(errs, removeAll(path))
		case deep && e.IsDir() && e.Type()&fs.ModeSymlink == 0:
			errs = append(errs, sweep(path, true, temporary))
		}
	}
	return errors.Join(errs...)
}

func removeAll(path string) error {
	if err := os.RemoveAll(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// peer is another record in the folder.
type peer struct {
	path    string
	f       *os.File // locked by us: its process is gone
	entries []entry
}

// recoverDead acts on the records whose process is gone. A dead record is
// deleted once everything it implies is done; while another process runs,
// what could touch that process's files waits, and the record is cut down
// to it for the next start.
func recoverDead(dir string, self *Record, rec Recovery) error {
	live, dead, err := scan(dir, self)
	defer func() {
		for _, p := range dead {
			if p.f != nil {
				unlock(p.f)
				p.f.Close()
			}
		}
	}()
	if err != nil || len(dead) == 0 {
		return err
	}
	busy := map[string]bool{}
	for _, p := range live {
		for _, e := range p.entries {
			if e.Sweep != "" {
				busy[e.Sweep] = true
			}
		}
	}
	var errs []error
	var finished []*peer
	for _, p := range dead {
		pending, err := recoverOne(p, busy, rec)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", filepath.Base(p.path), err))
		case len(pending) > 0 || len(live) > 0:
			errs = append(errs, p.rewrite(pending))
		default:
			finished = append(finished, p)
		}
	}
	if len(finished) == 0 {
		return errors.Join(errs...)
	}
	if rec.Tidy != nil {
		if err := rec.Tidy(); err != nil {
			return errors.Join(append(errs, err)...)
		}
	}
	for _, p := range finished {
		unlock(p.f) // Windows removes no file that is open
		p.f.Close()
		p.f = nil
		errs = append(errs, removeAll(p.path))
	}
	return errors.Join(errs...)
}

// rewrite leaves only the entries still to be done in a dead record.
func (p *peer) rewrite(pending []entry) error {
	if err := p.f.Truncate(0); err != nil {
		return err
	}
	if _, err := p.f.Seek(0, 0); err != nil {
		return err
	}
	w := bufio.NewWriter(p.f)
	for _, e := range pending {
		b, _ := json.Marshal(e)
		w.Write(append(b, '\n'))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return p.f.Sync()
}

// recoverOne removes a dead process's temporary files outside the data
// folder and keeps its promises. It returns the entries that must wait:
// folders a running process writes temporary files in too.
func recoverOne(p *peer, busy map[string]bool, rec Recovery) (pending []entry, err error) {
	promised := map[string]bool{}
	for _, e := range p.entries {
		switch {
		case e.Remove != "" && matchAny(loupeTemp, filepath.Base(e.Remove)):
			if err := removeAll(e.Remove); err != nil {
				return nil, err
			}
		case e.Sweep != "" && busy[e.Sweep]:
			pending = append(pending, e)
		case e.Sweep != "":
			if err := sweepOutside(e.Sweep); err != nil {
				return nil, err
			}
		case e.Promise != "":
			promised[e.Promise] = true
		case e.Kept != "":
			delete(promised, e.Kept)
		}
	}
	tasks := make([]string, 0, len(promised))
	for t := range promised {
		tasks = append(tasks, t)
	}
	slices.Sort(tasks)
	for _, t := range tasks {
		if rec.Finish == nil {
			return nil, fmt.Errorf("no way to finish %q", t)
		}
		if err := rec.Finish(t); err != nil {
			return nil, fmt.Errorf("finish %q: %w", t, err)
		}
	}
	return pending, nil
}

// scan sorts the other records into those a running process holds and
// those it can lock (their process is gone), and reads them.
func scan(dir string, self *Record) (live, dead []*peer, err error) {
	names, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range names {
		path := filepath.Join(dir, n.Name())
		if !strings.HasSuffix(n.Name(), ".json") || path == self.path {
			continue
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			continue // removed meanwhile by the process that ended
		}
		p := &peer{path: path}
		if tryLock(f) == nil {
			p.f = f
			dead = append(dead, p)
		} else {
			f.Close()
			live = append(live, p)
		}
		if p.entries, err = readEntries(path); err != nil {
			return live, dead, err
		}
	}
	return live, dead, nil
}

// readEntries reads a record; a line cut short by the crash is ignored.
func readEntries(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	defer f.Close()
	var out []entry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var e entry
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			out = append(out, e)
		}
	}
	return out, sc.Err()
}
