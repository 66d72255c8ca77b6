package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

const reviewUsage = `usage: loupe review role inspector|reviewer [--name NAME] [--data DIR]
       loupe review list [--all] [--json] [--data DIR]
       loupe review approve --inspection ID [--comments TEXT] [--by NAME] [--data DIR]
       loupe review return --inspection ID --comments TEXT [--by NAME] [--data DIR]`

// Review runs `loupe review role|list|approve|return`: the office's review
// of finalized field reports. Decisions travel to the inspectors at the
// next sync.
func Review(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return fail(stderr, usagef("%s", reviewUsage))
	}
	cmd := newCommand("review "+args[0], stderr)
	name := cmd.String("name", "", "the reviewer's name, printed on every report reviewed")
	all := cmd.Bool("all", false, "list every finalized report with its review, not only those awaiting review")
	asJSON := cmd.Bool("json", false, "print a JSON array")
	ref := cmd.String("inspection", "", "inspection ID or \"latest\"")
	comments := cmd.String("comments", "", "comments for the inspector")
	by := cmd.String("by", "", "reviewer (default: the name set with `loupe review role reviewer --name`)")
	rest, ok := cmd.parse(args[1:])
	if !ok {
		return ExitUsage
	}
	verb := args[0]
	return cmd.withData(func(ctx context.Context, ws *workspace.Workspace) int {
		store := ws.Store
		switch {
		case verb == "role" && len(rest) == 1:
			return setRole(ctx, store, rest[0], *name, stdout, stderr)
		case verb == "list" && len(rest) == 0:
			items, err := store.ReviewList(ctx, *all)
			if err != nil {
				return fail(stderr, err)
			}
			if *asJSON {
				if items == nil {
					items = []sqlite.ReviewItem{}
				}
				return encodeJSON(stdout, stderr, items)
			}
			return printReviews(stdout, stderr, items, *all)
		case (verb == "approve" || verb == "return") && len(rest) == 0:
			return decide(ctx, store, verb, *ref, *comments, *by, stdout, stderr)
		}
		return fail(stderr, usagef("%s", reviewUsage))
	})
}

func setRole(ctx context.Context, store *sqlite.DB, word, name string, stdout, stderr io.Writer) int {
	role, err := inspection.ParseRole(word)
	if err != nil {
		return fail(stderr, usageError{err})
	}
	if err := store.SetRole(ctx, role, name); err != nil {
		return fail(stderr, err)
	}
	if role == inspection.RoleReviewer {
		fmt.Fprintf(stdout, "This Loupe reviews field reports as %s, and publishes the sample library at each sync.\n", strings.TrimSpace(name))
	} else {
		fmt.Fprintln(stdout, "This Loupe is an inspector's.")
	}
	return ExitOK
}

func decide(ctx context.Context, store *sqlite.DB, verb, ref, comments, by string, stdout, stderr io.Writer) int {
	role, reviewer, err := store.Role(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if role != inspection.RoleReviewer {
		return fail(stderr, inspection.Errorf(inspection.EINVALID, "this Loupe is set up for an inspector: reviews are the office's (set it up with `loupe review role reviewer --name NAME`)"))
	}
	if by != "" {
		reviewer = by
	}
	id, err := ResolveInspection(ctx, store, ref)
	if err != nil {
		return fail(stderr, err)
	}
	in, err := store.Inspection(ctx, id)
	if err != nil {
		return fail(stderr, err)
	}
	decision := inspection.Approved
	if verb == "return" {
		decision = inspection.Returned
	}
	r, err := inspection.NewReview(in, decision, comments, reviewer, time.Now())
	if err != nil {
		return fail(stderr, err)
	}
	if err := store.AddReview(ctx, r); err != nil {
		return fail(stderr, err)
	}
	if decision == inspection.Approved {
		fmt.Fprintf(stdout, "Approved %s: the report is issued to the client as reviewed by %s. It reaches %s at the next sync.\n", label(in), reviewer, in.Inspector)
	} else {
		fmt.Fprintf(stdout, "Returned %s to %s with your comments; they reach the inspector at the next sync. The correction comes back as a new revision.\n", label(in), in.Inspector)
	}
	return ExitOK
}

func label(in *inspection.Inspection) string {
	if in.ReportNo != "" {
		return in.ReportNo
	}
	return in.ID.String()
}

func printReviews(stdout, stderr io.Writer, items []sqlite.ReviewItem, all bool) int {
	if len(items) == 0 {
		if all {
			fmt.Fprintln(stdout, "No finalized report yet.")
		} else {
			fmt.Fprintln(stdout, "No report awaits review.")
		}
		return ExitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "REPORT\tDATE\tINSPECTOR\tVERDICT\tREVIEW\tSUPPLIER\tID")
	for _, it := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.ReportNo, it.Date.Format("2006-01-02"), it.Inspector,
			strings.ToUpper(string(it.Verdict)), standing(it.Review), it.Supplier, it.ID)
	}
	if code := flushErr(tw, stderr); code != ExitOK {
		return code
	}
	for _, it := range items {
		if l := it.Review.Latest; l != nil && l.Comments != "" {
			fmt.Fprintf(stdout, "%s, %s by %s on %s: %s\n", it.ReportNo, l.Decision, l.Reviewer, l.ReviewedAt.Local().Format("2006-01-02 15:04"), l.Comments)
		}
	}
	return ExitOK
}

// standing words a review state for the list.
func standing(s inspection.Standing) string {
	switch s.State {
	case inspection.AwaitingReview:
		return "awaiting review"
	case inspection.StateApproved:
		return "approved by " + s.Latest.Reviewer
	case inspection.StateReturned:
		return "returned by " + s.Latest.Reviewer
	case inspection.StateSuperseded:
		return "superseded by a revision"
	}
	return string(s.State)
}
