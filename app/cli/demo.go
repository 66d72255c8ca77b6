package cli

import (
	"context"
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
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	dd, err := openData(*data, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer dd.Close()
	dir, store := dd.Path, dd.Store
	im := &photo.Importer{Store: store, Files: dd.Photos}
	created, err := demo.Seed(context.Background(), store, im, dd.Work)
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
