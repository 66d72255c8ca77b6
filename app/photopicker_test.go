package app

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// cameraCard writes a card as a camera leaves it: DCIM/100CANON with real
// JPEGs among a video, a sidecar, a hidden file and stray text files, and a
// newer DCIM/101CANON. It returns the card's root.
func cameraCard(t *testing.T, photos100, photos101 int) string {
	t.Helper()
	root := t.TempDir()
	write := func(dir string, n int) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			img := image.NewRGBA(image.Rect(0, 0, 64, 48))
			for x := range 64 {
				for y := range 48 {
					img.Set(x, y, color.RGBA{uint8(40 * i), uint8(x * 4), uint8(y * 5), 255})
				}
			}
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("IMG_%04d.JPG", 601+i)))
			if err != nil {
				t.Fatal(err)
			}
			if err := jpeg.Encode(f, img, nil); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		for _, junk := range []string{"MVI_0700.MOV", "IMG_0601.AAE", ".hidden.jpg", "notes.txt", "main.c"} {
			os.WriteFile(filepath.Join(dir, junk), []byte("not a photo"), 0o644)
		}
	}
	old, recent := filepath.Join(root, "DCIM", "100CANON"), filepath.Join(root, "DCIM", "101CANON")
	write(old, photos100)
	write(recent, photos101)
	os.Chtimes(old, time.Now().Add(-48*time.Hour), time.Now().Add(-48*time.Hour))
	return root
}

func pressKey(t *testing.T, w fyne.Window, k fyne.KeyName) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("nothing has the keyboard focus for %s", k)
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

func pressShortcut(t *testing.T, w fyne.Window, s fyne.Shortcut) {
	t.Helper()
	f, ok := w.Canvas().Focused().(fyne.Shortcutable)
	if !ok {
		t.Fatalf("the focused %T takes no shortcuts", w.Canvas().Focused())
	}
	f.TypedShortcut(s)
}

func itemNames(p *photoPicker) []string {
	var names []string
	for _, it := range p.items {
		names = append(names, it.name)
	}
	return names
}

func TestPhotoStartsOnCardOrLastFolder(t *testing.T) {
	card := cameraCard(t, 1, 1)
	cards := cameraCards([]string{t.TempDir(), card})
	if len(cards) != 1 || cards[0] != filepath.Join(card, "DCIM") {
		t.Fatalf("cards found %v, want %s/DCIM", cards, card)
	}
	if got, want := photoStart("", cards), filepath.Join(card, "DCIM", "101CANON"); got != want {
		t.Errorf("no last folder, card present: starts in %s, want the newest folder %s", got, want)
	}
	last := t.TempDir()
	if got := photoStart(last, cards); got != last {
		t.Errorf("with a last folder: starts in %s, want %s", got, last)
	}
	if got := photoStart(filepath.Join(last, "gone"), cards); got != filepath.Join(card, "DCIM", "101CANON") {
		t.Errorf("last folder gone: starts in %s, want the card", got)
	}
}

// TestPhotoPickerByKeyboard: into a folder by keyboard, the focus stays in
// the list, only photos are listed, Ctrl+A and Space pick, Enter adds.
func TestPhotoPickerByKeyboard(t *testing.T) {
	d := newTestDesk(t)
	d.Window.Resize(laptop)
	card := cameraCard(t, 5, 2)
	var got []string
	var gotDir string
	p := showPhotoPicker(d.Window, filepath.Join(card, "DCIM"), nil, func(paths []string, dir string) { got, gotDir = paths, dir })
	if d.Window.Canvas().Focused() != p.list {
		t.Fatalf("the picker opens with the focus on %T, not its list", d.Window.Canvas().Focused())
	}
	if names := itemNames(p); len(names) != 3 || names[1] != "100CANON" {
		t.Fatalf("DCIM lists %q", names)
	}
	pressKey(t, d.Window, fyne.KeyDown) // onto 100CANON
	pressKey(t, d.Window, fyne.KeyReturn)
	if p.dir != filepath.Join(card, "DCIM", "100CANON") {
		t.Fatalf("Enter on 100CANON opened %s", p.dir)
	}
	if d.Window.Canvas().Focused() != p.list {
		t.Fatalf("after entering a folder the focus is on %T, not the list", d.Window.Canvas().Focused())
	}
	want := []string{"..", "IMG_0601.JPG", "IMG_0602.JPG", "IMG_0603.JPG", "IMG_0604.JPG", "IMG_0605.JPG"}
	if names := itemNames(p); fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("100CANON lists %q, want only its photos %q", names, want)
	}
	if p.items[p.cursor].name != "IMG_0601.JPG" {
		t.Errorf("the cursor starts on %q, want the first photo", p.items[p.cursor].name)
	}
	pressShortcut(t, d.Window, &fyne.ShortcutSelectAll{})
	if len(p.picked) != 5 {
		t.Fatalf("Ctrl+A picked %d photos, want 5", len(p.picked))
	}
	p.list.TypedRune(' ') // Space unpicks the one under the cursor…
	if len(p.picked) != 4 {
		t.Fatalf("Space on a picked photo left %d picked, want 4", len(p.picked))
	}
	p.list.TypedRune(' ') // …and picks it again
	pressKey(t, d.Window, fyne.KeyBackspace)
	if p.dir != filepath.Join(card, "DCIM") || p.items[p.cursor].name != "100CANON" {
		t.Fatalf("Backspace went to %s with the cursor on %q", p.dir, p.items[p.cursor].name)
	}
	pressKey(t, d.Window, fyne.KeyDown) // 101CANON: picks are kept across folders
	pressKey(t, d.Window, fyne.KeyReturn)
	p.list.KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	pressKey(t, d.Window, fyne.KeyDown) // Shift+Down picks as it moves
	p.list.KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	if len(p.picked) != 7 {
		t.Fatalf("after Shift+Down in 101CANON %d photos are picked, want 7", len(p.picked))
	}
	if p.add.Disabled() || p.add.Text != "Add 7 photos" {
		t.Errorf("the add button reads %q (disabled %v)", p.add.Text, p.add.Disabled())
	}
	pressKey(t, d.Window, fyne.KeyReturn)
	if len(got) != 7 || gotDir != filepath.Join(card, "DCIM", "101CANON") {
		t.Fatalf("Enter added %d photos from %s, want 7 from 101CANON", len(got), gotDir)
	}
	if d.Window.Canvas().Overlays().Top() != nil {
		t.Error("the picker stays open after adding")
	}
}

// TestAddPhotosAsBatch: Add photos… opens on the last photo folder, and the
// batch picked there is imported into the inspection.
func TestAddPhotosAsBatch(t *testing.T) {
	d := newTestDesk(t)
	d.Window.Resize(laptop)
	e := openNew(t, d)
	card := cameraCard(t, 6, 0)
	folder := filepath.Join(card, "DCIM", "100CANON")
	d.App.Preferences().SetString(prefPhotoDir, folder)
	e.selectTab("photos")
	p := e.photos.chooseFiles()
	if p == nil || p.dir != folder {
		t.Fatalf("Add photos… opened in %v, want the last photo folder %s", p, folder)
	}
	pressShortcut(t, d.Window, &fyne.ShortcutSelectAll{})
	pressKey(t, d.Window, fyne.KeyReturn)
	d.bg.Wait()
	stored, err := d.Store.Photos(d.ctx(), e.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 6 {
		t.Fatalf("%d photos stored, want the 6 picked", len(stored))
	}
	if got := d.App.Preferences().String(prefPhotoDir); got != folder {
		t.Errorf("last photo folder remembered as %q", got)
	}
}

func TestPhotoPickerMouse(t *testing.T) {
	d := newTestDesk(t)
	d.Window.Resize(laptop)
	card := cameraCard(t, 3, 0)
	var got []string
	p := showPhotoPicker(d.Window, filepath.Join(card, "DCIM", "100CANON"), nil, func(paths []string, _ string) { got = paths })
	p.confirm()
	if got != nil || !containsText(d.Window.Canvas().Overlays().Top(), "Nothing picked yet") {
		t.Fatal("adding with nothing picked did not say what to do")
	}
	rows := map[int]*pickRow{}
	walkDrawn(d.Window.Canvas().Overlays().Top(), fyne.Position{}, func(o fyne.CanvasObject, _ fyne.Position) {
		if r, ok := o.(*pickRow); ok {
			rows[r.id] = r
		}
	})
	rows[1].Tapped(nil)
	rows[3].Tapped(nil)
	if len(p.picked) != 2 {
		t.Fatalf("two clicks picked %d photos", len(p.picked))
	}
	rows[2].DoubleTapped(nil)
	if len(got) != 3 {
		t.Errorf("double click added %d photos, want the two picked and the one double-clicked", len(got))
	}
}
