package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// stdin is where restore reads its confirmation; tests replace it.
var stdin io.Reader = os.Stdin

// Backup runs `loupe backup [--data DIR] [--keep N]`.
func Backup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	keep := fs.Int("keep", sqlite.DefaultKeep, "number of backups to keep in DIR/backups")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 || *keep < 1 {
		fmt.Fprintln(stderr, "usage: loupe backup [--data DIR] [--keep N]   (N at least 1)")
		return ExitUsage
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	store := ws.Store
	ctx, stop := commandContext()
	defer stop()
	path, err := store.RotateBackups(ctx, "", *keep)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, path)
	return ExitOK
}

// Restore runs `loupe restore FILE [--data DIR] [--yes]`: it checks FILE,
// keeps a copy of the current database, asks, and swaps FILE in.
func Restore(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "usage: loupe restore FILE [--data DIR] [--yes]   (FILE: e.g. DIR/backups/loupe-20260301-094500.db)")
		return ExitUsage
	}
	dir, err := datadir.Resolve(*data)
	if err != nil {
		return fail(stderr, err)
	}
	ctx, stop := commandContext()
	defer stop()
	r := restore{ctx: ctx, file: rest[0], dst: dir.DB(), stdout: stdout}
	if err := r.run(*yes); err != nil {
		return fail(stderr, err)
	}
	return ExitOK
}

type restore struct {
	ctx       context.Context
	file, dst string
	stdout    io.Writer
	staged    string
	kept      string // where the replaced database is
}

var errCancelled = errors.New("restore cancelled: nothing was changed")

func (r *restore) run(yes bool) error {
	if _, err := sqlite.Examine(r.ctx, r.file); err != nil {
		return err
	}
	if same(r.file, r.dst) {
		return fmt.Errorf("%s is the database in use: choose a backup file to restore", r.file)
	}
	staged, info, err := sqlite.StageRestore(r.ctx, r.file, r.dst)
	if err != nil {
		return err
	}
	r.staged = staged
	defer os.Remove(r.staged) // gone by rename once installed
	question, keepAside, err := r.keepCurrent(info)
	if err != nil {
		return err
	}
	if !yes && !confirm(r.stdout, question) {
		return errCancelled
	}
	if keepAside != nil {
		if err := keepAside(); err != nil {
			return err
		}
	}
	if err := sqlite.InstallRestore(r.staged, r.dst); err != nil {
		return err
	}
	return r.report(info)
}

// keepCurrent backs up the database being replaced and words the question.
// A database that cannot be opened (damaged: the usual reason to restore)
// is moved aside whole after confirmation instead of copied.
func (r *restore) keepCurrent(info sqlite.FileInfo) (string, func() error, error) {
	dir := datadir.Of(r.dst)
	if _, err := os.Stat(r.dst); errors.Is(err, os.ErrNotExist) {
		return fmt.Sprintf("This creates the database in %s from %s (%d inspections).", dir, r.file, info.Inspections), nil, nil
	}
	store, err := sqlite.Open(r.dst)
	if err != nil {
		r.kept = filepath.Join(dir.Backups(), "replaced-"+time.Now().UTC().Format("20060102-150405")+".db")
		q := fmt.Sprintf("The database in %s cannot be opened (%v). It will be moved to %s and replaced with %s (%d inspections).",
			dir, err, r.kept, r.file, info.Inspections)
		return q, r.moveAside, nil
	}
	defer store.Close()
	n, err := store.InspectionCount(r.ctx)
	if err != nil {
		return "", nil, err
	}
	// The backup is made only once the user agreed: a cancelled restore must
	// not rotate an old backup (perhaps the one being restored) away.
	backUp := func() error {
		current, err := sqlite.Open(r.dst)
		if err == nil {
			defer current.Close()
			r.kept, err = current.RotateBackups(r.ctx, "", sqlite.DefaultKeep)
		}
		if err != nil {
			return fmt.Errorf("cannot back up the current database, so it was not replaced: %w", err)
		}
		return nil
	}
	return fmt.Sprintf("This replaces the database in %s (%d inspections) with %s (%d inspections). A backup of the current one is made first, in %s.",
		dir, n, r.file, info.Inspections, dir.Backups()), backUp, nil
}

func (r *restore) moveAside() error {
	if err := os.MkdirAll(filepath.Dir(r.kept), 0o700); err != nil {
		return err
	}
	for _, side := range []string{"", "-wal"} {
		err := os.Rename(r.dst+side, r.kept+side)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("move the damaged database aside: %w; nothing was replaced", err)
		}
	}
	return nil
}

func confirm(w io.Writer, question string) bool {
	fmt.Fprintf(w, "%s\nType yes to continue: ", question)
	line, _ := bufio.NewReader(stdin).ReadString('\n')
	return strings.EqualFold(strings.TrimSpace(line), "yes")
}

// report opens the restored database, which also brings an older schema
// up to date, and says what happened.
func (r *restore) report(info sqlite.FileInfo) error {
	store, err := sqlite.Open(r.dst)
	if err != nil {
		return fmt.Errorf("restored %s, but it does not open: %w (the previous database is at %s)", r.dst, err, r.kept)
	}
	defer store.Close()
	fmt.Fprintf(r.stdout, "Restored %s (%d inspections) into %s.\n", r.file, info.Inspections, r.dst)
	if r.kept != "" {
		fmt.Fprintf(r.stdout, "The replaced database is kept at %s.\n", r.kept)
	}
	return nil
}

func same(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
