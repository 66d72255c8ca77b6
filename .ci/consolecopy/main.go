// Command consolecopy writes a copy of a Windows GUI executable that
// Windows runs as a console program: usage `consolecopy loupe.exe
// loupe.com`.
//
// A GUI-subsystem loupe.exe opens no console window when double-clicked,
// but cmd.exe and PowerShell neither wait for it nor show what it prints.
// The console copy, named loupe.com, is what typing `loupe` runs in both,
// since the default PATHEXT tries .COM before .EXE (the devenv.com trick).
// Both files are then the same program with the same icon and version
// resources: only the PE optional header's Subsystem field differs, the
// one field `editbin /SUBSYSTEM:CONSOLE` changes, and the header checksum
// is recomputed so the copy is as well-formed as the original.
//
// It lives under .ci/ so that `go test ./...` and `go vet ./...` skip it.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"os"
)

// Offsets in the PE32+ optional header.
const (
	checkSumOff  = 64
	subsystemOff = 68
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: consolecopy GUI.exe CONSOLE.com")
		os.Exit(2)
	}
	if err := consoleCopy(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "consolecopy:", err)
		os.Exit(1)
	}
}

func consoleCopy(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := pe.NewFile(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return fmt.Errorf("%s is not a 64-bit Windows executable", src)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("%s has subsystem %d, not the GUI subsystem (%d)", src, oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	opt := int(binary.LittleEndian.Uint32(b[0x3c:])) + 4 + 20 // PE signature, COFF header
	binary.LittleEndian.PutUint16(b[opt+subsystemOff:], pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
	binary.LittleEndian.PutUint32(b[opt+checkSumOff:], checksum(b, opt+checkSumOff))
	if err := os.WriteFile(dst, b, 0o755); err != nil {
		return err
	}
	return check(dst)
}

// checksum is the PE image checksum (as imagehlp's CheckSumMappedFile):
// the 16-bit one's-complement-style sum of the file, skipping the checksum
// field itself, plus the file length.
func checksum(b []byte, at int) uint32 {
	var sum uint64
	for i := 0; i+1 < len(b); i += 2 {
		if i == at || i == at+2 {
			continue
		}
		sum += uint64(binary.LittleEndian.Uint16(b[i:]))
		sum = (sum & 0xffff) + (sum >> 16)
	}
	if len(b)%2 == 1 {
		sum += uint64(b[len(b)-1])
		sum = (sum & 0xffff) + (sum >> 16)
	}
	return uint32(sum&0xffff) + uint32(len(b))
}

// check reads the copy back as Windows would see it.
func check(path string) error {
	f, err := pe.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if oh := f.OptionalHeader.(*pe.OptionalHeader64); oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		return fmt.Errorf("%s: subsystem %d after writing", path, oh.Subsystem)
	}
	return nil
}
