package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

const photosUsage = "usage: loupe photos import --inspection ID|latest FILE|DIR... [--json] [--data DIR]"

// Photos runs `loupe photos import`. Exit status 0 when every file was
// imported or already there, 1 when any failed, 2 for a wrong command line.
func Photos(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(stderr, photosUsage)
		return ExitUsage
	}
	fs := flag.NewFlagSet("photos import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory")
	ref := fs.String("inspection", "", `inspection ID, or "latest"`)
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	files, err := parseArgs(fs, args[1:])
	if err != nil {
		return ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "loupe photos import: no files given: name photo files or folders (a camera's DCIM folder works)\n%s\n", photosUsage)
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
	id, err := ResolveInspection(ctx, store, *ref)
	if err != nil {
		return fail(stderr, err)
	}
	im := &photo.Importer{Store: store, Files: photoFiles(dir)}
	var progress func(photo.Progress)
	if !*asJSON {
		progress = func(p photo.Progress) {
			fmt.Fprintf(stdout, "[%*d/%d] %s\n", len(fmt.Sprint(p.Total)), p.Done, p.Total, photo.Printable(p.Current))
		}
	}
	results := im.ImportAll(ctx, id, files, progress)
	if *asJSON {
		err = printPhotoJSON(stdout, im.Files, results)
	} else {
		printPhotoSummary(stdout, id, results)
	}
	if err != nil {
		return fail(stderr, err)
	}
	for _, r := range results {
		if r.Err != nil {
			return ExitError
		}
	}
	return ExitOK
}

// photoLine is the JSON printed for a file that was imported or already there.
type photoLine struct {
	File      string     `json:"file"`
	ID        string     `json:"id"`
	SHA256    string     `json:"sha256"`
	Original  string     `json:"original"`
	Working   string     `json:"working"`
	Thumbnail string     `json:"thumbnail"`
	Width     int        `json:"width"`
	Height    int        `json:"height"`
	TakenAt   *time.Time `json:"taken_at"` // null when the camera wrote no capture time
	Duplicate bool       `json:"duplicate"`
	OtherDay  bool       `json:"other_day"`
	Reused    bool       `json:"reused"` // the same bytes are already in another inspection or the sample library
}

type photoErrorLine struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func printPhotoJSON(w io.Writer, files photo.Files, results []photo.Result) error {
	enc := json.NewEncoder(w)
	for _, r := range results {
		var line any = photoErrorLine{File: r.File, Error: errText(r.Err)}
		if r.Err == nil {
			p := r.Photo
			l := photoLine{
				File: r.File, ID: p.ID.String(), SHA256: p.SHA256,
				Original: files.Original(p.SHA256, p.Ext), Working: files.Working(p.SHA256), Thumbnail: files.Thumbnail(p.SHA256),
				Width: p.Width, Height: p.Height, Duplicate: r.Duplicate, OtherDay: r.OtherDay, Reused: r.Reused,
			}
			if !p.TakenAt.IsZero() {
				l.TakenAt = &p.TakenAt
			}
			line = l
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// printPhotoSummary prints a line per file worth a look and the totals.
// File names pass through photo.Printable, as error messages do: a name
// holding a line break or a terminal escape must not forge or hide a line.
func printPhotoSummary(w io.Writer, id inspection.ID, results []photo.Result) {
	imported, dups, failed, otherDay := 0, 0, 0, 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(w, "failed:    %v\n", r.Err)
		case r.Duplicate:
			dups++
			fmt.Fprintf(w, "duplicate: %s is already in this inspection (photo %s, %s)\n", photo.Printable(r.File), r.Photo.ID, photo.Printable(r.Photo.OriginalName))
		default:
			imported++
		}
		if r.Err == nil && r.Reused {
			fmt.Fprintf(w, "reused:    %s is already used by another inspection or sample: stored once; check it belongs to this lot\n", photo.Printable(r.File))
		}
		if r.Err == nil && r.OtherDay {
			otherDay++
			fmt.Fprintf(w, "other day: %s was taken on %s, not on the inspection day\n", photo.Printable(r.File), r.Photo.TakenAt.Format("2006-01-02 15:04"))
		}
	}
	fmt.Fprintf(w, "Imported %d of %d files into inspection %s: %d duplicates, %d failed, %d taken on another day.\n",
		imported, len(results), id, dups, failed, otherDay)
}
