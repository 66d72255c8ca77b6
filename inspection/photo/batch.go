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

// ImportAll imports files and folders (walked recursively, hidden entries
// skipped) on one worker per core. Results come in input order, a folder
// expanded in name order. Progress is called from one goroutine at a time.
// After ctx is cancelled, files not yet started fail with a cancellation
// error; files already stored are kept.
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
	for range max(1, min(runtime.NumCPU(), len(jobs))) {
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

// expand turns the command line's files and folders into files.
func expand(paths []string) []job {
	var jobs []job
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			jobs = append(jobs, job{p, inspection.Errorf(inspection.EINVALID, "cannot read %s: %v", p, unwrapPath(err))})
		case st.IsDir():
			jobs = append(jobs, walk(p)...)
		default:
			jobs = append(jobs, job{path: p})
		}
	}
	return jobs
}

func walk(root string) []job {
	var jobs []job
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			jobs = append(jobs, job{p, inspection.Errorf(inspection.EINVALID, "cannot read %s: %v", p, unwrapPath(err))})
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsPhotoName(p) {
			jobs = append(jobs, job{path: p})
		}
		return nil
	})
	if err == nil && len(jobs) == 0 {
		jobs = append(jobs, job{root, inspection.Errorf(inspection.EINVALID,
			"%s holds no photos (JPEG, PNG, GIF, WebP or HEIC files): check the folder, or name the files", root)})
	}
	return jobs
}

// unwrapPath drops the path a *PathError repeats, as the message names it.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
