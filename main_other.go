//go:build !windows

package main

// useParentConsole: elsewhere a program always has its terminal.
func useParentConsole() {}

// alert: elsewhere the error printed on stderr is what the user sees, in
// the terminal or the desktop's session log.
func alert(string) {}
