//go:build windows

package inflight

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockedByte is the byte range that stands for the whole file. Windows
// locks are mandatory, so the lock sits far beyond the content, which other
// processes must still read.
const lockedByte = 1 << 31

// lock takes the file's exclusive lock, waiting for it if wait is set.
// Windows drops it when the process ends, however it ends.
func lock(f *os.File, wait bool) error {
	flags := uint32(windows.LOCKFILE_EXCLUSIVE_LOCK)
	if !wait {
		flags |= windows.LOCKFILE_FAIL_IMMEDIATELY
	}
	ol := windows.Overlapped{Offset: lockedByte}
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, &ol)
}

func tryLock(f *os.File) error { return lock(f, false) }

func unlock(f *os.File) {
	ol := windows.Overlapped{Offset: lockedByte}
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
