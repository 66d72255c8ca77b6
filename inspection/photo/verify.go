package photo

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// CheckOriginal checks that an original arriving from elsewhere (a bundle)
// is an image of the format its extension names, readable and within the
// pixel limit, the way an import checks a camera's file: bytes that are a
// program, or a PNG filed as .jpg, are refused before they reach the store.
// name is how the message names the file.
func CheckOriginal(path, ext, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return err
	}
	got, err := sniff(name, head[:n])
	if err != nil {
		return err
	}
	if want := strings.ToLower(ext); want != got.ext && !(want == ".jpeg" && got == formatJPEG) {
		return inspection.Errorf(inspection.EINVALID, "%s is declared as a %s file but holds a %s image", name, want, strings.ToUpper(got.name))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = checkConfig(filepath.Base(name), f, got)
	return err
}
