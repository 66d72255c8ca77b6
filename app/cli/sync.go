package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// syncStatus is `loupe sync --status --json`.
type syncStatus struct {
	Remote     string             `json:"remote"`
	URL        string             `json:"url"`
	LastSyncAt *time.Time         `json:"last_sync_at"` // null: never synced whole
	LastTryAt  *time.Time         `json:"last_try_at"`
	LastError  string             `json:"last_error,omitempty"`
	Pending    sqlite.SyncPending `json:"pending"`
}

// Sync runs `loupe sync [NAME] [--status] [--json] [--data DIR]`: pull
// what others pushed, merge it, push what this laptop has that the remote
// lacks. Progress goes to stderr. Exit 1 when the sync failed, or left
// conflicts or refused objects to look at.
func Sync(args []string, stdout, stderr io.Writer) int {
	cmd := newCommand("sync", stderr)
	asJSON := cmd.Bool("json", false, "print the result as one JSON object")
	status := cmd.Bool("status", false, "only say when the last sync ran and what waits to go (works offline)")
	rest, ok := cmd.parse(args)
	if !ok {
		return ExitUsage
	}
	if len(rest) > 1 {
		return fail(stderr, usagef("usage: loupe sync [NAME] [--status] [--json] [--data DIR]"))
	}
	name := ""
	if len(rest) == 1 {
		name = rest[0]
	}
	return cmd.withData(func(ctx context.Context, ws *workspace.Workspace) int {
		if *status {
			return printSyncStatus(ctx, ws.Store, name, *asJSON, stdout, stderr)
		}
		pr := &progressLine{w: stderr}
		res, err := exchange.SyncNamed(ctx, exchange.Workspace{Data: ws.Dir.Path(), Store: ws.Store, Photos: ws.Photos, Staging: ws.StagingDir()}, name, pr.show)
		pr.done()
		if err != nil {
			return fail(stderr, err)
		}
		if *asJSON {
			if code := encodeJSON(stdout, stderr, res); code != ExitOK {
				return code
			}
		} else {
			printSync(stdout, res)
		}
		if res.Conflicts > 0 || len(res.Refused) > 0 {
			return ExitError
		}
		return ExitOK
	})
}

// printSyncStatus is `loupe sync --status`: from this database alone.
func printSyncStatus(ctx context.Context, store *sqlite.DB, name string, asJSON bool, stdout, stderr io.Writer) int {
	info, err := store.RemoteNamed(ctx, name)
	if err != nil {
		return fail(stderr, err)
	}
	p, err := exchange.Pending(ctx, store, info.Name)
	if err != nil {
		return fail(stderr, err)
	}
	if asJSON {
		st := syncStatus{Remote: info.Name, URL: info.URL, LastError: info.LastError, Pending: p}
		if !info.LastSyncAt.IsZero() {
			st.LastSyncAt = &info.LastSyncAt
		}
		if !info.LastTryAt.IsZero() {
			st.LastTryAt = &info.LastTryAt
		}
		return encodeJSON(stdout, stderr, st)
	}
	fmt.Fprintf(stdout, "%s: last sync %s\n", info.Name, lastSync(info))
	if info.LastError != "" {
		fmt.Fprintf(stdout, "Last try failed: %s\n", info.LastError)
	}
	fmt.Fprintf(stdout, "Waiting to go: %s\n", waiting(p))
	return ExitOK
}

func waiting(p sqlite.SyncPending) string {
	var parts []string
	if p.Inspections > 0 {
		parts = append(parts, fmt.Sprintf("%d inspection(s) changed", p.Inspections))
	}
	if p.Reviews > 0 {
		parts = append(parts, fmt.Sprintf("%d review(s)", p.Reviews))
	}
	if p.Library {
		parts = append(parts, "the sample library")
	}
	s := "nothing"
	if len(parts) > 0 {
		s = strings.Join(parts, ", ")
	}
	if p.Refused > 0 {
		s += fmt.Sprintf(" (%d object(s) from the remote were refused)", p.Refused)
	}
	return s
}

func printSync(w io.Writer, r exchange.Result) {
	fmt.Fprintf(w, "Synced with %s in %.1f s: pulled %d object(s) and %d photo(s) (%s), pushed %d object(s) and %d photo(s) (%s); %d inspection(s) or library changed here.\n",
		r.Remote, r.Seconds, r.Pulled.Objects, r.Pulled.Photos, megabytes(r.Pulled.Bytes), r.Pushed.Objects, r.Pushed.Photos, megabytes(r.Pushed.Bytes), r.Merged)
	if r.OutOfScope > 0 {
		fmt.Fprintf(w, "%d inspection(s) on the remote are outside this laptop's scope and were left there.\n", r.OutOfScope)
	}
	if r.Waiting > 0 {
		fmt.Fprintf(w, "%d object(s) wait: reviews of inspections not here yet, or data a newer Loupe wrote (update Loupe).\n", r.Waiting)
	}
	for _, s := range r.Refused {
		fmt.Fprintf(w, "refused: %s\n", s)
	}
	if r.Conflicts > 0 {
		fmt.Fprintf(w, "%d record(s) differ here and were NOT overwritten: compare with `loupe import --conflicts`, then `loupe import --conflict N --keep local|incoming`.\n", r.Conflicts)
	}
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// progressLine prints the sync's progress to stderr, at most a few times a
// second, and every retry or refusal as it happens.
type progressLine struct {
	w    io.Writer
	last time.Time
	any  bool
}

func (p *progressLine) show(pr exchange.Progress) {
	if pr.Note != "" {
		fmt.Fprintf(p.w, "\n%s\n", pr.Note)
		return
	}
	if time.Since(p.last) < 300*time.Millisecond && pr.Done != pr.Total {
		return
	}
	p.last, p.any = time.Now(), true
	fmt.Fprintf(p.w, "\r%-10s %d/%d, %s    ", pr.Phase, pr.Done, pr.Total, megabytes(pr.Bytes))
}

func (p *progressLine) done() {
	if p.any {
		fmt.Fprintln(p.w)
	}
}
