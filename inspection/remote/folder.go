package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/ctxio"
)

// Folder is a remote in a folder that a sync tool (OneDrive, Dropbox,
// Syncthing) or a file server replicates between laptops. Every object is
// written to a temporary file beside it, synced, then renamed into place,
// so the sync tool never sees half an object under its real name; and no
// file is ever written twice, so the tool has nothing to reconcile. Files
// a sync tool adds ("conflicted copy", ".sync-conflict") are not Loupe's
// keys and callers ignore them.
type Folder struct{ root string }

// OpenFolder opens a folder remote; the folder must exist (a missing one is
// usually a share that is not mounted, or a sync tool not running).
func OpenFolder(root string) (*Folder, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("shared folder %s: %w", root, err)
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Permanent{fmt.Errorf("the shared folder %s does not exist: is the share connected, or the sync tool (OneDrive, Dropbox, Syncthing) running? Create the folder to start a new exchange", abs)}
	case err != nil:
		return nil, &Permanent{fmt.Errorf("the shared folder %s cannot be read: %w", abs, err)}
	case !st.IsDir():
		return nil, &Permanent{fmt.Errorf("%s is a file, not a folder", abs)}
	}
	return &Folder{root: abs}, nil
}

func (f *Folder) String() string { return "dir:" + f.root }

func (f *Folder) path(key string) (string, error) {
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "\\") || path.Clean(key) != strings.TrimSuffix(key, "/") || strings.HasPrefix(key, "../") || key == ".." {
		return "", fmt.Errorf("object key %q is not a plain relative path", key)
	}
	return filepath.Join(f.root, filepath.FromSlash(key)), nil
}

// Put writes the object through a temporary file unless it exists.
func (f *Folder) Put(ctx context.Context, key string, body io.Reader, size int64) error {
	dest, err := f.path(key)
	if err != nil {
		return &Permanent{err}
	}
	if _, err := os.Stat(dest); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("shared folder: %w", err)
	}
	tmp, err := atomicfile.Create(filepath.Dir(dest))
	if err != nil {
		return err
	}
	n, err := io.Copy(tmp, ctxio.Reader(ctx, body))
	if err == nil && n != size {
		err = fmt.Errorf("wrote %d bytes of %s, expected %d", n, key, size)
	}
	if err != nil {
		tmp.Abort()
		return err
	}
	if _, err := os.Stat(dest); err == nil { // another laptop wrote the same content meanwhile
		tmp.Abort()
		return nil
	}
	return tmp.Commit(dest, 0o644)
}

// Get opens the object's file.
func (f *Folder) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	p, err := f.path(key)
	if err != nil {
		return nil, &Permanent{err}
	}
	r, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	return r, err
}

// Exists reports whether the object's file exists.
func (f *Folder) Exists(ctx context.Context, key string) (bool, error) {
	p, err := f.path(key)
	if err != nil {
		return false, &Permanent{err}
	}
	_, err = os.Stat(p)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, err
}

// List reads one folder.
func (f *Folder) List(ctx context.Context, dir, startAfter string, fn func(key string, size int64) error) error {
	p := f.root
	if dir != "" {
		var err error
		if p, err = f.path(dir); err != nil {
			return &Permanent{err}
		}
	}
	entries, err := os.ReadDir(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	type item struct {
		key  string
		size int64
	}
	var items []item
	for _, e := range entries {
		key := dir + e.Name()
		size := int64(-1)
		if e.IsDir() {
			key += "/"
		} else if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			size = info.Size()
		} else {
			continue
		}
		if key > startAfter {
			items = append(items, item{key, size})
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(it.key, it.size); err != nil {
			return err
		}
	}
	return nil
}

// SweepTemporary removes the temporary files of writes that never finished
// (a laptop killed or unplugged halfway) once they are older than age: a
// write still in flight on another laptop is never that old.
func (f *Folder) SweepTemporary(age time.Duration) error {
	cutoff := time.Now().Add(-age)
	return filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), ".loupe-tmp-") {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(p)
		}
		return nil
	})
}
