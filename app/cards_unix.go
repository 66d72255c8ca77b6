//go:build !windows

package app

import (
	"os"
	"path/filepath"
	"runtime"
)

// systemCardRoots are where removable volumes are mounted: /Volumes on macOS;
// /media/USER, /run/media/USER, /media and /mnt elsewhere.
func systemCardRoots() []string {
	var patterns []string
	if runtime.GOOS == "darwin" {
		patterns = []string{"/Volumes/*"}
	} else {
		user := os.Getenv("USER")
		patterns = []string{"/media/" + user + "/*", "/run/media/" + user + "/*", "/media/*", "/mnt/*"}
	}
	var out []string
	for _, p := range patterns {
		m, _ := filepath.Glob(p)
		out = append(out, m...)
	}
	return out
}
