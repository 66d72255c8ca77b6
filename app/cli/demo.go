package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/photo"
)

// Demo runs `loupe demo [--data DIR]`: it seeds a realistic data set and
// prints the IDs. Running it again changes nothing.
func Demo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "loupe demo: unexpected argument %q (usage: loupe demo [--data DIR])\n", rest[0])
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
