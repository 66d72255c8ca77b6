//go:build unix

package inflight

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes the file's exclusive lock, waiting for it if wait is set.
// The kernel drops it when the process ends, however it ends.
func lock(f *os.File, wait bool) error {
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err := unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			return err
		}
	}
}

func tryLock(f *os.File) error { return lock(f, false) }

func unlock(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }
