package photo

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/loupeqc/loupe/inspection"
)

// Progress reports a batch import after each file: Done of Total files are
// finished and Current is the one that just finished.
type Progress struct {
	Done, Total int
	Current     string
}

// photoExts are the files taken from folders. A camera's DCIM folder also
// holds videos and sidecars (.MOV, .AAE, .THM) that would each be an error;
// HEIC files are taken so the user learns how to convert them.
var photoExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".gif": true, ".webp": true,
	".heic": true, ".heif": true, ".hif": true, ".avif": true,
}

// IsPhotoName reports whether a file name has an extension Loupe imports
// as a photo (or, for HEIC, explains how to convert): what a folder import
// takes, and what the window's photo picker lists.
func IsPhotoName(name string) bool { return photoExts[strings.ToLower(filepath.Ext(name))] }

// job is one file to import, or a path that failed before it became one.
type job struct {
	path string
	err  error
}

// ImportAll imports files and folders (walked recursively, links to
// folders followed, hidden entries skipped) on one worker per core (or
// Workers), decoding within the process's DecodeBudget. Results come in input
// order, a folder expanded in name order. Progress is called from one
// goroutine at a time. After ctx is cancelled, files not yet started or
// still being read fail with a cancellation error and leave no temporary
// file; files already stored are kept.
func (im *Importer) ImportAll(ctx context.Context, inspectionID inspection.ID, paths []string, progress func(Progress)) []Result {
	jobs := expand(paths)
	results := make([]Result, len(jobs))
	t, err := im.target(ctx, inspectionID)
	var base int
	if err == nil {
		base, err = im.nextPosition(ctx, inspectionID)
	}
	if err != nil {
		for i, j := range jobs {
			results[i] = Result{File: j.path, Err: err}
		}
		return results
	}
	var mu sync.Mutex
	done := 0
	finish := func(i int, r Result) {
		results[i] = r
		mu.Lock()
		defer mu.Unlock()
		done++
		if progress != nil {
			progress(Progress{Done: done, Total: len(jobs), Current: r.File})
		}
	}
	work := make(chan int)
	var wg sync.WaitGroup
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	for range max(1, min(workers, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				finish(i, im.importOne(ctx, t, jobs[i].path, base+i))
			}
		}()
	}
	for i, j := range jobs {
		switch {
		case j.err != nil:
			finish(i, Result{File: j.path, Err: j.err})
		case ctx.Err() != nil:
			finish(i, Result{File: j.path, Err: cancelled(j.path, ctx.Err())})
		default:
			select {
			case work <- i:
			case <-ctx.Done():
				finish(i, Result{File: j.path, Err: cancelled(j.path, ctx.Err())})
			}
		}
	}
	close(work)
	wg.Wait()
	return results
}

// expand turns the command line's files and folders into files. A path is
// followed if it is a link; what it leads to must be a folder or a regular
// file.
func expand(paths []string) []job {
	var jobs []job
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			jobs = append(jobs, job{p, inspection.Errorf(inspection.EINVALID, "cannot read %s: %v", Printable(p), unwrapPath(err))})
		case st.IsDir():
			jobs = append(jobs, walk(p)...)
		case !st.Mode().IsRegular():
			jobs = append(jobs, job{p, notRegular(p, st.Mode())})
		default:
			jobs = append(jobs, job{path: p})
		}
	}
	return jobs
}

// walk lists the photos under root in name order. Links are followed, to
// folders too (a camera card mounted through a link, a folder of links); a
// folder reached twice, as through a link back up the tree, is walked once.
// Entries named like photos that are not regular files are reported, not
// read.
func walk(root string) []job {
	w := walker{seen: map[string]bool{}}
	w.dir(root)
	if len(w.jobs) == 0 {
		w.jobs = append(w.jobs, job{root, inspection.Errorf(inspection.EINVALID,
			"%s holds no photos (JPEG, PNG, GIF, WebP or HEIC files): check the folder, or name the files", Printable(root))})
	}
	return w.jobs
}

type walker struct {
	seen map[string]bool // folders walked, by their real path
	jobs []job
}

func (w *walker) fail(p string, err error) {
	w.jobs = append(w.jobs, job{p, inspection.Errorf(inspection.EINVALID, "cannot read %s: %v", Printable(p), unwrapPath(err))})
}

func (w *walker) dir(path string) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		w.fail(path, err)
		return
	}
	if w.seen[real] {
		return
	}
	w.seen[real] = true
	entries, err := os.ReadDir(path)
	if err != nil {
		w.fail(path, err)
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(path, e.Name())
		mode := e.Type()
		if !mode.IsRegular() && !mode.IsDir() { // a link, a junction or a special file
			st, err := os.Stat(p)
			if err != nil {
				if IsPhotoName(p) {
					w.fail(p, err) // a broken link to a photo
				}
				continue
			}
			mode = st.Mode()
		}
		switch {
		case mode.IsDir():
			w.dir(p)
		case !IsPhotoName(p):
		case mode.IsRegular():
			w.jobs = append(w.jobs, job{path: p})
		default:
			w.jobs = append(w.jobs, job{p, notRegular(p, mode)})
		}
	}
}

// unwrapPath drops the path a *PathError repeats, as the message names it.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
