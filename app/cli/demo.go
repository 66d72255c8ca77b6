package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Demo runs `loupe demo [--inspections N] [--data DIR]`: it seeds a
// realistic data set and prints the IDs; with N above the five hand-made
// inspections it adds generated ones, in bulk. Running it again changes
// nothing.
func Demo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	n := fs.Int("inspections", demo.HandMade, "how many demo inspections: the five hand-made ones, and generated ones beyond")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "loupe demo: unexpected argument %q (usage: loupe demo [--inspections N] [--data DIR])\n", rest[0])
		return ExitUsage
	}
	if *n < demo.HandMade {
		fmt.Fprintf(stderr, "loupe demo: --inspections %d: give %d or more (the demo always has its %d hand-made inspections)\n", *n, demo.HandMade, demo.HandMade)
		return ExitUsage
	}
	ws, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer ws.Close()
	dir, store := ws.Dir, ws.Store
	ctx, stop := commandContext()
	defer stop()
	im := &photo.Importer{Store: store, Files: ws.Photos}
	if *n > demo.HandMade {
		// Seed draws its pictures on one core, and Many its photo pool on
		// every core: they run at once. Many writes nothing until Seed is
		// done, so the database gets what it got when they ran in turn.
		seedDone := make(chan struct{})
		var seedErr error
		go func() {
			defer close(seedDone)
			_, seedErr = demo.Seed(ctx, store, im, ws.Work)
		}()
		seeded := func() error {
			<-seedDone
			return seedErr
		}
		// The load makes a short-lived dossier per inspection and keeps
		// little (about 15 MB live): at the default GOGC the collector ran
		// 30 times a second, on the core the writer shares with the
		// generator. A GOGC the user set is left as it is.
		if os.Getenv("GOGC") == "" {
			defer debug.SetGCPercent(debug.SetGCPercent(bulkGCPercent))
		}
		// A few whole inspections per transaction; Checkpoint makes the
		// lot durable at the end instead of syncing every commit.
		write := func(ctx context.Context, ds []*inspection.Dossier) error {
			if err := seeded(); err != nil {
				return err
			}
			_, err := store.MergeAll(sqlite.Bulk(ctx), ds)
			return err
		}
		g, err := demo.Many(ctx, store, write, ws.Photos, ws.Work, *n, func(p demo.Progress) {
			fmt.Fprintf(stdout, "Generated %d of %d inspections (%s findings/s)\n", p.Done, p.Total, perSecond(p.Findings, p.Elapsed.Seconds()))
		})
		if serr := seeded(); serr != nil {
			return fail(stderr, serr)
		}
		if err == nil {
			err = store.Checkpoint(ctx)
		}
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "Generated %d inspections with %d findings in %.1f s (%s findings/s); %d were already there. Try: loupe list --data %s\n",
			g.Written, g.Findings, g.Elapsed.Seconds(), perSecond(g.Findings, g.Elapsed.Seconds()), g.Skipped, dir)
		return ExitOK
	}
	created, err := demo.Seed(ctx, store, im, ws.Work)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Demo data in %s\n", dir)
	for _, id := range created.Suppliers {
		fmt.Fprintf(stdout, "supplier   %s\n", id)
	}
	for _, id := range created.Products {
		fmt.Fprintf(stdout, "product    %s\n", id)
	}
	for _, id := range created.Samples {
		fmt.Fprintf(stdout, "sample     %s\n", id)
	}
	for _, id := range created.Inspections {
		fmt.Fprintf(stdout, "inspection %s\n", id)
	}
	if created.Skipped > 0 {
		fmt.Fprintf(stdout, "%d of %d inspections were already there and were left unchanged; %d new photos.\n",
			created.Skipped, len(created.Inspections), created.Photos)
	} else {
		fmt.Fprintf(stdout, "Created %d inspections and %d photos. Try: loupe list --data %s\n", len(created.Inspections), created.Photos, dir)
	}
	return ExitOK
}

// bulkGCPercent is the GOGC of a demo bulk load: the heap may grow to
// five times what is live before a collection.
const bulkGCPercent = 400

func perSecond(n int, seconds float64) string {
	if seconds <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", float64(n)/seconds)
}
