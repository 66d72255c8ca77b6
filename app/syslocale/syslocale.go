// Package syslocale tidies the process locale before Fyne reads it.
//
// Debian and Ubuntu containers and CI machines default to LANG=C.UTF-8,
// which Fyne's locale lookup cannot parse: every run of every command,
// including the headless ones, then logs "Error parsing user locale C".
// C.UTF-8 means "no localisation", exactly what plain C means, so it is
// rewritten as C, which Fyne understands.
//
// It works by import order: main imports it, it imports only os, and Go
// initialises ready packages in import-path order, so it runs before
// fyne.io/fyne/v2/lang, whose dependencies sort after it.
package syslocale

import (
	"os"
	"strings"
)

func init() { tidy() }

func tidy() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if base, _, ok := strings.Cut(v, "."); ok && (base == "C" || base == "POSIX") {
			os.Setenv(name, base)
		}
		return // the first variable set is the one that counts
	}
}
