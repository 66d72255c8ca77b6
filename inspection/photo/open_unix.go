//go:build unix

package photo

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading without waiting: opening a named pipe
// blocks until something writes to it, which for a pipe named x.jpg is
// never. On a regular file O_NONBLOCK changes nothing.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
