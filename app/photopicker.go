package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection/photo"
)

// prefPhotoDir is the folder photos were last added from.
const prefPhotoDir = "photos.last_dir"

// cardRoots lists where camera cards may be mounted (tests point it at a
// card of their own).
var cardRoots = systemCardRoots

// photoPicker is the Add photos… dialog. Inspectors add 30 to 80 photos
// from a camera card at once, so it lists one folder (its subfolders, then
// only the files Loupe imports as photos) and lets any number be picked,
// across folders. The keyboard does what the mouse does: arrows move,
// Space picks, Ctrl+A picks the whole folder, Shift+arrows pick as they
// move, Enter opens a folder or adds the picked photos, Backspace goes up,
// Escape cancels; the focus stays in the list after entering a folder.
type photoPicker struct {
	w      fyne.Window
	dlg    dialog.Dialog
	dir    string
	items  []pickItem
	picked []string // paths, in the order picked
	cursor int
	shift  bool

	list   *pickList
	path   *widget.Entry
	status *widget.Label
	add    *widget.Button
	done   func(paths []string, dir string)
}

// pickItem is one row: a folder (".." is the parent) or a photo file.
type pickItem struct {
	name, path string
	dir        bool
	size       int64
	mod        time.Time
}

// place is a shortcut to a folder: a camera card, the last photo folder,
// Pictures, home.
type place struct{ label, path string }

// showPhotoPicker opens the picker at start; done receives the picked
// paths and the folder the inspector was in.
func showPhotoPicker(w fyne.Window, start string, places []place, done func(paths []string, dir string)) *photoPicker {
	p := &photoPicker{w: w, done: done}
	p.list = newPickList(p)
	p.path = widget.NewEntry()
	p.path.OnSubmitted = func(s string) { p.open(strings.TrimSpace(s)) }
	p.status = widget.NewLabel("")
	p.add = widget.NewButtonWithIcon("Add photos", theme.ContentAddIcon(), p.confirm)
	p.add.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), p.cancel)
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { p.open(filepath.Dir(p.dir)) })
	side := container.NewVBox(boldLabel("Places"))
	for _, pl := range places {
		b := widget.NewButtonWithIcon(pl.label, theme.FolderIcon(), func() { p.open(pl.path) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		side.Add(b)
	}
	help := widget.NewLabel("Space picks · Ctrl+A picks the folder · Enter opens a folder or adds · Backspace goes up")
	help.Importance = widget.LowImportance
	help.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, up, nil, p.path)
	bottom := container.NewVBox(help, container.NewBorder(nil, nil, nil, container.NewHBox(cancel, p.add), p.status))
	body := container.NewBorder(top, bottom, side, nil, p.list)
	p.dlg = dialog.NewCustomWithoutButtons("Add photos", body, w)
	size := w.Canvas().Size()
	p.dlg.Resize(fyne.NewSize(min(size.Width-60, 1000), min(size.Height-60, 640)))
	p.dlg.Show()
	p.open(start)
	return p
}

// open lists a folder and keeps the keyboard in the list.
func (p *photoPicker) open(dir string) {
	items, err := readPickDir(dir)
	if err != nil {
		p.status.SetText(fmt.Sprintf("Cannot open %s: %v", dir, err))
		p.path.SetText(p.dir)
		return
	}
	from := p.dir
	p.dir, p.items = dir, items
	p.path.SetText(dir)
	// Going up lands on the folder just left; going in, on the first photo.
	p.cursor = slices.IndexFunc(items, func(it pickItem) bool { return it.dir && it.path == from && it.name != ".." })
	if p.cursor < 0 {
		p.cursor = max(0, slices.IndexFunc(items, func(it pickItem) bool { return !it.dir }))
	}
	p.list.Refresh()
	p.list.ScrollTo(p.cursor)
	p.showStatus()
	p.w.Canvas().Focus(p.list)
}

// readPickDir lists a folder: its parent, subfolders and photo files, each
// group by name; hidden entries are left out, as a folder import does.
func readPickDir(dir string) ([]pickItem, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var dirs, files []pickItem
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(path); err == nil {
				isDir = st.IsDir()
			}
		}
		switch {
		case isDir:
			dirs = append(dirs, pickItem{name: e.Name(), path: path, dir: true})
		case photo.IsPhotoName(e.Name()):
			it := pickItem{name: e.Name(), path: path}
			if info, err := e.Info(); err == nil {
				it.size, it.mod = info.Size(), info.ModTime()
			}
			files = append(files, it)
		}
	}
	byName := func(a, b pickItem) int { return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)) }
	slices.SortFunc(dirs, byName)
	slices.SortFunc(files, byName)
	var out []pickItem
	if parent := filepath.Dir(dir); parent != dir {
		out = append(out, pickItem{name: "..", path: parent, dir: true})
	}
	return append(append(out, dirs...), files...), nil
}

func (p *photoPicker) isPicked(path string) bool { return slices.Contains(p.picked, path) }

func (p *photoPicker) setPicked(i int, on bool) {
	if i < 0 || i >= len(p.items) || p.items[i].dir {
		return
	}
	path := p.items[i].path
	switch at := slices.Index(p.picked, path); {
	case on && at < 0:
		p.picked = append(p.picked, path)
	case !on && at >= 0:
		p.picked = slices.Delete(p.picked, at, at+1)
	}
}

func (p *photoPicker) toggle(i int) {
	if i >= 0 && i < len(p.items) {
		p.setPicked(i, !p.isPicked(p.items[i].path))
		p.changed()
	}
}

// pickAll picks every photo of the folder, or unpicks them when all are.
func (p *photoPicker) pickAll() {
	all := true
	for _, it := range p.items {
		all = all && (it.dir || p.isPicked(it.path))
	}
	for i := range p.items {
		p.setPicked(i, !all)
	}
	p.changed()
}

// move puts the cursor elsewhere; with Shift it picks the rows it passes.
func (p *photoPicker) move(to int) {
	to = max(0, min(to, len(p.items)-1))
	if p.shift {
		step := 1
		if to < p.cursor {
			step = -1
		}
		for i := p.cursor; ; i += step {
			p.setPicked(i, true)
			if i == to {
				break
			}
		}
	}
	p.cursor = to
	p.list.ScrollTo(to)
	p.changed()
}

// activate is Enter on a row: a folder opens; on a photo, the picked
// photos are added (the one under the cursor when none is picked).
func (p *photoPicker) activate(i int) {
	if i < 0 || i >= len(p.items) {
		p.confirm()
		return
	}
	if it := p.items[i]; it.dir {
		p.open(it.path)
		return
	}
	if len(p.picked) == 0 {
		p.setPicked(i, true)
	}
	p.confirm()
}

func (p *photoPicker) confirm() {
	if len(p.picked) == 0 {
		p.status.SetText("Nothing picked yet: click photos or press Space on them (Ctrl+A for the whole folder).")
		return
	}
	p.dlg.Hide()
	p.done(slices.Clone(p.picked), p.dir)
}

func (p *photoPicker) cancel() { p.dlg.Hide() }

func (p *photoPicker) changed() {
	p.list.Refresh()
	p.showStatus()
}

func (p *photoPicker) showStatus() {
	photos := 0
	for _, it := range p.items {
		if !it.dir {
			photos++
		}
	}
	p.status.SetText(fmt.Sprintf("%d photos in this folder · %d picked", photos, len(p.picked)))
	if n := len(p.picked); n > 0 {
		p.add.SetText(fmt.Sprintf("Add %d photo%s", n, plural(n)))
		p.add.Enable()
	} else {
		p.add.SetText("Add photos")
		p.add.Disable()
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// pickList is the list of a folder. It extends Fyne's List for its
// recycling of rows (a card holds thousands of photos) but takes the
// keyboard itself: a List selects one row, the picker picks many.
type pickList struct {
	widget.List
	p       *photoPicker
	focused bool
}

func newPickList(p *photoPicker) *pickList {
	l := &pickList{p: p}
	l.Length = func() int { return len(p.items) }
	l.CreateItem = func() fyne.CanvasObject { return newPickRow(p) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*pickRow).show(id) }
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained shows the cursor.
func (l *pickList) FocusGained() { l.focused = true; l.Refresh() }

// FocusLost hides the cursor.
func (l *pickList) FocusLost() { l.focused = false; l.p.shift = false; l.Refresh() }

// TypedRune picks with the space bar.
func (l *pickList) TypedRune(r rune) {
	if r == ' ' {
		l.p.toggle(l.p.cursor)
	}
}

// TypedKey moves, opens, adds and cancels.
func (l *pickList) TypedKey(e *fyne.KeyEvent) {
	p := l.p
	switch e.Name {
	case fyne.KeyDown:
		p.move(p.cursor + 1)
	case fyne.KeyUp:
		p.move(p.cursor - 1)
	case fyne.KeyPageDown:
		p.move(p.cursor + 10)
	case fyne.KeyPageUp:
		p.move(p.cursor - 10)
	case fyne.KeyHome:
		p.move(0)
	case fyne.KeyEnd:
		p.move(len(p.items) - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		p.activate(p.cursor)
	case fyne.KeyBackspace:
		p.open(filepath.Dir(p.dir))
	case fyne.KeyEscape:
		p.cancel()
	}
}

// TypedShortcut picks the whole folder on Ctrl+A.
func (l *pickList) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutSelectAll); ok {
		l.p.pickAll()
	}
}

// KeyDown notes Shift, for picking while moving.
func (l *pickList) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		l.p.shift = true
	}
}

// KeyUp notes Shift released.
func (l *pickList) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		l.p.shift = false
	}
}

// pickRow draws one entry: a tick box (or folder), the name, size and date;
// picked rows are highlighted, the cursor is outlined while the list has
// the keyboard.
type pickRow struct {
	widget.BaseWidget
	p    *photoPicker
	id   int
	bg   *canvas.Rectangle
	icon *widget.Icon
	name *widget.Label
	info *widget.Label
}

func newPickRow(p *photoPicker) *pickRow {
	r := &pickRow{p: p, bg: canvas.NewRectangle(nil), icon: widget.NewIcon(theme.CheckButtonIcon()),
		name: truncLabel(""), info: widget.NewLabel("")}
	r.bg.CornerRadius = 4
	r.info.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out.
func (r *pickRow) CreateRenderer() fyne.WidgetRenderer {
	row := container.NewBorder(nil, nil, container.NewPadded(r.icon), r.info, r.name)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.New(layout.NewCustomPaddedLayout(0, 0, 4, 4), row)))
}

func (r *pickRow) show(id int) {
	r.id = id
	if id >= len(r.p.items) {
		return
	}
	it := r.p.items[id]
	picked := !it.dir && r.p.isPicked(it.path)
	switch {
	case it.name == "..":
		r.icon.SetResource(theme.MoveUpIcon())
		r.name.SetText(".. (up to " + filepath.Base(it.path) + ")")
		r.info.SetText("")
	case it.dir:
		r.icon.SetResource(theme.FolderIcon())
		r.name.SetText(it.name)
		r.info.SetText("folder")
	default:
		r.icon.SetResource(theme.CheckButtonIcon())
		if picked {
			r.icon.SetResource(theme.CheckButtonCheckedIcon())
		}
		r.name.SetText(it.name)
		r.info.SetText(fileSize(it.size) + " · " + it.mod.Format(dateFormat+" 15:04"))
	}
	r.bg.FillColor = nil
	if picked {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	r.bg.StrokeWidth = 0
	r.name.TextStyle.Bold = false
	if r.p.list.focused && id == r.p.cursor {
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 2
		r.name.TextStyle.Bold = true
	}
	r.name.Refresh()
	r.bg.Refresh()
}

// Tapped moves the cursor there and picks or unpicks a photo.
func (r *pickRow) Tapped(*fyne.PointEvent) {
	r.p.cursor = r.id
	r.p.w.Canvas().Focus(r.p.list)
	if r.id < len(r.p.items) && !r.p.items[r.id].dir {
		r.p.toggle(r.id)
		return
	}
	r.p.changed()
}

// DoubleTapped opens a folder, or adds the photo (with any others picked).
func (r *pickRow) DoubleTapped(*fyne.PointEvent) {
	r.p.cursor = r.id
	r.p.setPicked(r.id, true)
	r.p.activate(r.id)
}

// photoPlaces are the picker's shortcuts: camera cards first, since that is
// where a day's photos are, then the last folder used, Pictures and home.
func photoPlaces(last string) []place {
	var out []place
	for _, c := range cameraCards(cardRoots()) {
		out = append(out, place{"Card " + cardName(c), c})
	}
	if isDir(last) {
		out = append(out, place{"Last used: " + filepath.Base(last), last})
	}
	if home, err := os.UserHomeDir(); err == nil {
		if pics := filepath.Join(home, "Pictures"); isDir(pics) {
			out = append(out, place{"Pictures", pics})
		}
		out = append(out, place{"Home", home})
	}
	return out
}

// photoStart is where the picker opens: the folder photos were last added
// from, else the newest folder of a camera card, else Pictures or home.
func photoStart(last string, cards []string) string {
	if isDir(last) {
		return last
	}
	if len(cards) > 0 {
		return newestSubfolder(cards[0])
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if pics := filepath.Join(home, "Pictures"); isDir(pics) {
		return pics
	}
	return home
}

// newestSubfolder is where a camera writes today's photos: DCIM/105CANON
// rather than DCIM/100CANON. Without subfolders it is dir itself.
func newestSubfolder(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return dir
	}
	best, bestTime := dir, time.Time{}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().After(bestTime) {
			best, bestTime = filepath.Join(dir, e.Name()), info.ModTime()
		}
	}
	return best
}

// cameraCards are the DCIM folders (the camera file system's photo folder)
// on the removable volumes mounted under roots.
func cameraCards(roots []string) []string {
	var out []string
	for _, r := range roots {
		if dcim := filepath.Join(r, "DCIM"); isDir(dcim) {
			out = append(out, dcim)
		}
	}
	return out
}

// cardName is how a card is listed: its drive or volume name.
func cardName(dcim string) string {
	vol := filepath.Dir(dcim)
	if v := filepath.VolumeName(vol); v != "" && len(vol) <= len(v)+1 {
		return v // "E:"
	}
	return filepath.Base(vol) // "NIKON D5300", "EOS_DIGITAL"
}

// pickPhotos opens the photo picker and remembers the folder photos were
// added from, for next time.
func (d *Desk) pickPhotos(use func(paths []string)) *photoPicker {
	last := d.App.Preferences().String(prefPhotoDir)
	start := photoStart(last, cameraCards(cardRoots()))
	return showPhotoPicker(d.Window, start, photoPlaces(last), func(paths []string, dir string) {
		d.App.Preferences().SetString(prefPhotoDir, dir)
		use(paths)
	})
}

// fileSize says a size as people read it: 850 KB, 4.2 MB.
func fileSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
