//go:build !unix

package photo

import "os"

// openNoWait opens path for reading. Windows has no named pipes in the file
// system (they live under \\.\pipe\ and are refused after opening, as
// openRegular checks what it opened).
func openNoWait(path string) (*os.File, error) { return os.Open(path) }
