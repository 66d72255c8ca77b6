package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// childEnv makes the test binary run one command and exit, so tests can
// run commands as separate processes (two importers at once, a command
// killed halfway): LOUPE_CLI_CHILD="photos\x1fimport\x1f--data\x1f…".
const childEnv = "LOUPE_CLI_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		os.Exit(runChild(strings.Split(args, "\x1f")))
	}
	code := m.Run()
	if laptopDir != "" {
		os.RemoveAll(laptopDir)
	}
	os.Exit(code)
}

var childCommands = map[string]func([]string, io.Writer, io.Writer) int{
	"photos": Photos, "import": Import, "demo": Demo, "report": Report, "finalize": Finalize, "list": List,
	"sync": Sync, "remote": Remote, "review": Review,
}

func runChild(args []string) int {
	cmd, ok := childCommands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "no command %q\n", args[0])
		return 2
	}
	return cmd(args[1:], os.Stdout, os.Stderr)
}
