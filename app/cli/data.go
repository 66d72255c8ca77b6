// Package cli holds Loupe's headless subcommands. Each command is a function
// taking its arguments and output streams and returning the exit status, so
// main.go stays a dispatcher and tests run commands in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// Exit statuses shared by every command.
const (
	ExitOK    = 0
	ExitError = 1 // the command ran and failed
	ExitUsage = 2 // the command line was wrong
)

// DataEnv is the environment variable that overrides the data directory.
const DataEnv = datadir.Env

// DBFile is the database's file name inside the data directory.
const DBFile = datadir.DBFile

// DataDir resolves where Loupe keeps its database and photos (see
// datadir.Resolve) and returns its path.
func DataDir(flag string) (string, error) {
	d, err := datadir.Resolve(flag)
	return d.Path(), err
}

// OpenStore opens (creating if needed) the database in a data directory,
// for callers that only read it; commands open the whole folder (openData).
func OpenStore(dir string) (*sqlite.DB, error) {
	return sqlite.Open(datadir.Dir(dir).DB())
}

// openData resolves the data directory (see DataDir) and opens it: the
// first step of every command that reads or writes inspections. What a
// killed Loupe left there is finished or cleaned up first; what cannot be
// is a warning on stderr, retried at the next start.
func openData(flag string, stderr io.Writer) (*workspace.Workspace, error) {
	dir, err := datadir.Resolve(flag)
	if err != nil {
		return nil, err
	}
	w, err := workspace.Open(dir)
	if err != nil {
		return nil, err
	}
	if w.Unrecovered != nil {
		fmt.Fprintf(stderr, "loupe: warning: %v\n", w.Unrecovered)
	}
	return w, nil
}

// command is how every command that works on the data folder starts: its
// flags (with --data), parsed wherever they stand, then the folder opened
// and a context that Ctrl-C cancels.
type command struct {
	*flag.FlagSet
	data   *string
	stderr io.Writer
}

func newCommand(name string, stderr io.Writer) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return &command{FlagSet: fs, data: fs.String("data", "", "data directory"), stderr: stderr}
}

// parse reads the flags and returns the positional arguments; ok is false
// when the flags were wrong (the flag package has said why).
func (c *command) parse(args []string) (rest []string, ok bool) {
	rest, err := parseArgs(c.FlagSet, args)
	return rest, err == nil
}

// withData opens the data folder and runs fn with it and the command's
// context, closing both after; it returns fn's exit status.
func (c *command) withData(fn func(ctx context.Context, ws *workspace.Workspace) int) int {
	ws, err := openData(*c.data, c.stderr)
	if err != nil {
		return fail(c.stderr, err)
	}
	defer ws.Close()
	ctx, stop := commandContext()
	defer stop()
	return fn(ctx, ws)
}

// openDossier loads the inspection ref names ("latest" or a UUID) with
// everything it refers to.
func openDossier(ctx context.Context, store *sqlite.DB, ref string) (*inspection.Dossier, error) {
	id, err := ResolveInspection(ctx, store, ref)
	if err != nil {
		return nil, err
	}
	return store.Dossier(ctx, id)
}

// inspectionFinder is what resolving an inspection reference needs.
type inspectionFinder interface {
	Latest(ctx context.Context) (*inspection.Inspection, error)
	Inspection(ctx context.Context, id inspection.ID) (*inspection.Inspection, error)
}

// ResolveInspection turns "latest" or a UUID into an inspection ID that exists.
func ResolveInspection(ctx context.Context, store inspectionFinder, ref string) (inspection.ID, error) {
	if ref == "" {
		return inspection.NilID, usagef("--inspection is required: give an inspection ID (see `loupe list`) or \"latest\"")
	}
	if strings.EqualFold(ref, "latest") {
		in, err := store.Latest(ctx)
		if err != nil {
			return inspection.NilID, err
		}
		return in.ID, nil
	}
	id, err := inspection.ParseID(ref)
	if err != nil {
		return inspection.NilID, usageError{err}
	}
	if _, err := store.Inspection(ctx, id); err != nil {
		return inspection.NilID, err
	}
	return id, nil
}

// usageError is a command line that cannot be run as written: a missing or
// malformed argument. Only these exit with ExitUsage; a refused bundle, a
// damaged database or invalid data is a failure of the command (ExitError),
// however invalid the input was.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef is a usageError with a message saying what to write instead.
func usagef(format string, args ...any) error {
	return usageError{inspection.Errorf(inspection.EINVALID, format, args...)}
}

// fail prints an error the way every command does and returns the status
// matching its kind: ExitUsage for a wrong command line, else ExitError.
func fail(stderr io.Writer, err error) int {
	if interrupted(err) {
		fmt.Fprintln(stderr, "loupe: interrupted: stopped before finishing; no partial file was left, and what was saved before stays saved")
		return ExitError
	}
	fmt.Fprintf(stderr, "loupe: %v\n", err)
	if errors.As(err, new(usageError)) {
		return ExitUsage
	}
	return ExitError
}
