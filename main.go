// Loupe is a desktop application for factory quality inspectors: AQL
// sampling, defects, measurements, photos and a PDF report, all offline.
//
// With no arguments it opens the window; subcommands run the same code
// headless (see `loupe help`).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/loupeqc/loupe/app"
	"github.com/loupeqc/loupe/app/cli"
	_ "github.com/loupeqc/loupe/app/syslocale" // before Fyne reads the locale
)

// version is overridden at release time with -ldflags "-X main.version=…".
var version = "0.1.0"

type command struct {
	name, usage string
	run         func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"demo", "demo [--data DIR]                      create a realistic demo data set", cli.Demo},
	{"list", "list [--data DIR] [--search TEXT] [--json]  list inspections, newest first", cli.List},
	{"aql", "aql --lot N [--level II] --aql A [--inspection normal|tightened|reduced] [--json]", cli.Aql},
	{"photos", "photos import --inspection ID|latest FILE|DIR... [--json] [--data DIR]", cli.Photos},
	{"report", "report --inspection ID|latest --out FILE.pdf [--max-mb N] [--data DIR]", cli.Report},
	{"finalize", "finalize --inspection ID|latest [--waive-signatures REASON] [--by NAME] [--data DIR]", cli.Finalize},
	{"export", "export --inspection ID|latest --out FILE.loupe [--pdf FILE] [--annex FILE] [--data DIR]", cli.Export},
	{"import", "import FILE.loupe [--data DIR] | import --conflicts | import --conflict N --keep local|incoming", cli.Import},
	{"verify", "verify FILE.pdf|FILE.loupe [--data DIR]  check a report or bundle against the database", cli.Verify},
	{"outbox", "outbox [list|send|queue|draft] [--data DIR]  the mail queue (SMTP settings: LOUPE_SMTP_*)", cli.Outbox},
	{"backup", "backup [--data DIR] [--keep N]        copy the database into DIR/backups", cli.Backup},
	{"restore", "restore FILE [--data DIR] [--yes]     replace the database with a backup", cli.Restore},
	{"remote", "remote add NAME s3://BUCKET/PREFIX [--endpoint URL] [--region R] | add NAME dir:PATH | list | remove NAME", cli.Remote},
	{"sync", "sync [NAME] [--status] [--json] [--data DIR]  exchange inspections with the team (keys: LOUPE_S3_*)", cli.Sync},
	{"review", "review role inspector|reviewer [--name N] | list [--all] [--json] | approve|return --inspection ID [--comments TEXT]", cli.Review},
	{"version", "version                               print the version", printVersion},
}

func main() {
	args := os.Args[1:]
	if !opensWindow(args) {
		useParentConsole()
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// opensWindow says whether the arguments ask for the window rather than a
// command: none, or only flags such as --data DIR.
func opensWindow(args []string) bool {
	return len(args) == 0 || len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-h" && args[0] != "--help"
}

func run(args []string, stdout, stderr io.Writer) int {
	if opensWindow(args) {
		return openWindow(args, stderr)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return cli.ExitOK
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "loupe: unknown command %q\n\n", name)
	usage(stderr)
	return cli.ExitUsage
}

func openWindow(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("loupe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory (default: $"+cli.DataEnv+" or the per-user data directory)")
	if err := fs.Parse(args); err != nil {
		return cli.ExitUsage
	}
	dir, err := cli.DataDir(*data)
	if err == nil {
		err = app.Run(dir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "loupe: %v\n", err)
		alert("Loupe cannot start: " + err.Error())
		return cli.ExitError
	}
	return cli.ExitOK
}

func printVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "loupe %s\n", version)
	return cli.ExitOK
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: loupe [--data DIR]            open the window")
	fmt.Fprintln(w, "       loupe COMMAND [options]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  loupe %s\n", c.usage)
	}
	fmt.Fprintln(w, "\nThe data directory is --data DIR, else $"+cli.DataEnv+", else the per-user data directory.")
}
