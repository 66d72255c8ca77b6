//go:build windows

package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// Loupe for Windows is one program in two files. loupe.exe is marked as a
// GUI program, so a double click opens the window and no console window.
// loupe.com is the same program marked as a console program: typing
// `loupe` in cmd.exe or PowerShell runs it (PATHEXT tries .COM before
// .EXE), so commands print there and the shell waits for their exit
// status. The functions below cover loupe.exe started in ways its GUI mark
// does not suit.

// AttachConsole is not in x/sys/windows.
var attachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1

// hasStderr says whether the process has somewhere to print: a console
// program always has; a GUI program only when its output is redirected.
func hasStderr() bool {
	h, err := windows.GetStdHandle(windows.STD_ERROR_HANDLE)
	return err == nil && h != 0 && h != windows.InvalidHandle
}

// useParentConsole makes a command typed as `loupe.exe …` print instead
// of vanishing: the GUI program borrows the console of the shell it was
// started from. The shell does not wait for a GUI program, so it also says
// how to run the one the shell waits for.
func useParentConsole() {
	if hasStderr() {
		return
	}
	if ok, _, _ := attachConsole.Call(attachParentProcess); ok == 0 {
		return // started from Explorer or a shortcut: no console to borrow
	}
	// Read access too: Go checks GetConsoleMode, which needs it, to write
	// UTF-16 to a console so Chinese names print in any code page.
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	os.Stdout, os.Stderr = con, con
	fmt.Fprintln(con, "\n(loupe.exe is the window program: type `loupe` without .exe, which runs loupe.com, so the shell waits for the command and gets its exit status)")
}

// alert shows an error in a message box when nothing else would show it:
// loupe.exe double-clicked has no console, so a window that cannot open
// would otherwise just not appear.
func alert(msg string) {
	if hasStderr() {
		return
	}
	text, err1 := windows.UTF16PtrFromString(msg)
	title, err2 := windows.UTF16PtrFromString("Loupe")
	if err1 != nil || err2 != nil {
		return
	}
	windows.MessageBox(0, text, title, windows.MB_OK|windows.MB_ICONERROR)
}
