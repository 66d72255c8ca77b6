package cli

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/signal"
	"syscall"
)

// parseArgs parses the command's flags wherever they stand among its
// positional arguments (`loupe import FILE --data DIR` as well as
// `loupe import --data DIR FILE`), which the flag package alone stops at,
// and returns the positional arguments in order. After "--" everything is
// positional. The flag set knows which flags take a value, so no list of
// them is kept by hand.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if i := len(args) - len(left); i > 0 && args[i-1] == "--" {
			return append(rest, left...), nil
		}
		if len(left) == 0 {
			return rest, nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// commandContext is the context of a long command: Ctrl-C (or a TERM from
// the system) cancels it, and the command stops at the next step, removes
// what it had started to write and exits 1. The second Ctrl-C, once stop
// has run, kills the process as usual.
func commandContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// interrupted reports whether err comes from a cancelled command context.
func interrupted(err error) bool { return errors.Is(err, context.Canceled) }
