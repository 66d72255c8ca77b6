package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/mail"
	"github.com/loupeqc/loupe/inspection/outbox"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/report/delivery"
)

// Outbox runs `loupe outbox [list|send|queue|draft] [--data DIR]`:
//
//	list                      every item with its state and the server's last answer
//	send                      deliver due items once (SMTP settings from flags or LOUPE_SMTP_*)
//	queue --inspection ID --to a@x,b@y --pdf FILE [--annex FILE]
//	draft ITEM [--dir DIR]    write an unsent .eml to open in a mail client
func Outbox(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("outbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: loupe outbox [list|send|queue|draft] [options]
  list                      every item with its state and the server's last answer
  send                      deliver due items (SMTP settings from flags or LOUPE_SMTP_*)
  queue --inspection ID --to a@x,b@y --pdf FILE [--annex FILE]
  draft ITEM [--dir DIR]    write an unsent .eml to open in a mail client
Options:
`)
		fs.PrintDefaults()
	}
	data := fs.String("data", "", "data directory")
	smtp := smtpFlags(fs)
	ref := fs.String("inspection", "", "inspection ID or \"latest\" (queue)")
	to := fs.String("to", "", "comma-separated recipients (queue)")
	pdf := fs.String("pdf", "", "report PDF (queue)")
	annex := fs.String("annex", "", "photo annex PDF (queue)")
	maxMB := fs.Int("max-mb", 0, "per-message size limit in MB (queue; default 15)")
	dir := fs.String("dir", ".", "folder for the .eml draft (draft)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	cmd := "list"
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	d, store := ws.Dir, ws.Store
	ctx, stop := commandContext()
	defer stop()
	switch cmd {
	case "list":
		return outboxList(ctx, store, stdout, stderr)
	case "send":
		s := mail.NewSender(store, *smtp)
		res, err := s.Run(ctx)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%d sent, %d waiting to retry, %d failed\n", res.Sent, res.Retrying, res.Failed)
		// Items still inside their backoff were not tried this time: say so,
		// or "0 failed" reads as "all sent".
		items, err := store.OutboxItems(ctx)
		if err != nil {
			return fail(stderr, err)
		}
		waiting := 0
		for _, it := range items {
			if it.State == outbox.Queued || it.State == outbox.Sending {
				waiting++
			}
		}
		if waiting > res.Retrying {
			fmt.Fprintf(stdout, "%d more still queued, waiting for their next attempt (see `loupe outbox list`)\n", waiting-res.Retrying)
		}
		if waiting+res.Failed > 0 {
			return ExitError
		}
		return ExitOK
	case "queue":
		files := []string{*pdf}
		if *annex != "" {
			files = append(files, *annex)
		}
		return outboxQueue(ctx, store, d, *ref, splitList(*to), files, int64(*maxMB)<<20, stdout, stderr)
	case "draft":
		if len(rest) != 1 {
			return fail(stderr, usagef("usage: loupe outbox draft ITEM-ID [--dir DIR]"))
		}
		id, err := inspection.ParseID(rest[0])
		if err != nil {
			return fail(stderr, err)
		}
		it, err := store.OutboxItem(ctx, id)
		if err != nil {
			return fail(stderr, err)
		}
		path, err := mail.WriteDraft(smtp.From, it, *dir)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, path)
		return ExitOK
	}
	return fail(stderr, usagef("outbox %q: use list, send, queue or draft", cmd))
}

// smtpFlags reads the mail settings; each flag defaults to its LOUPE_SMTP_*
// variable. The password comes from LOUPE_SMTP_PASSWORD only, never from a
// flag other users could read in the process list.
func smtpFlags(fs *flag.FlagSet) *mail.SMTP {
	s := &mail.SMTP{Password: os.Getenv("LOUPE_SMTP_PASSWORD"), Security: mail.Security(os.Getenv("LOUPE_SMTP_SECURITY"))}
	port, _ := strconv.Atoi(os.Getenv("LOUPE_SMTP_PORT"))
	fs.StringVar(&s.Host, "smtp-host", os.Getenv("LOUPE_SMTP_HOST"), "SMTP server ($LOUPE_SMTP_HOST)")
	fs.IntVar(&s.Port, "smtp-port", port, "SMTP port ($LOUPE_SMTP_PORT)")
	fs.StringVar(&s.Username, "smtp-user", os.Getenv("LOUPE_SMTP_USER"), "SMTP user ($LOUPE_SMTP_USER)")
	fs.StringVar(&s.From, "from", os.Getenv("LOUPE_SMTP_FROM"), "sender address ($LOUPE_SMTP_FROM)")
	fs.Func("smtp-security", "starttls (default), tls or none ($LOUPE_SMTP_SECURITY)", func(v string) error {
		s.Security = mail.Security(v)
		return nil
	})
	return s
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func outboxList(ctx context.Context, store *sqlite.DB, stdout, stderr io.Writer) int {
	items, err := store.OutboxItems(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if len(items) == 0 {
		fmt.Fprintln(stdout, "The outbox is empty.")
	}
	for _, it := range items {
		fmt.Fprintf(stdout, "%s  %-7s  %d attempt(s)  to %s  %q\n", it.ID, it.State, it.Attempts, strings.Join(it.To, ", "), it.Subject)
		if it.State == outbox.Queued && it.Attempts > 0 {
			fmt.Fprintf(stdout, "    next attempt %s\n", it.NextAttemptAt.Local().Format(time.DateTime))
		}
		if it.LastError != "" {
			fmt.Fprintf(stdout, "    server said: %s\n", it.LastError)
		}
	}
	return ExitOK
}

func outboxQueue(ctx context.Context, store *sqlite.DB, dir datadir.Dir, ref string, to, files []string, max int64, stdout, stderr io.Writer) int {
	if files[0] == "" {
		return fail(stderr, usagef("--pdf FILE is required: write the report first with `loupe report`"))
	}
	d, err := openDossier(ctx, store, ref)
	if err != nil {
		return fail(stderr, err)
	}
	items, err := delivery.Queue(ctx, store, dir, d, outbox.Request{To: to, Fields: outbox.FieldsOf(d), Files: files, MaxBytes: max})
	if err != nil {
		return fail(stderr, err)
	}
	for _, it := range items {
		fmt.Fprintf(stdout, "queued %s  %q\n", it.ID, it.Subject)
	}
	return ExitOK
}
