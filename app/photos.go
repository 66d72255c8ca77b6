package app

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

const thumbSize = 150

// photosPanel is the inspection's photo grid with import, caption, links
// and a larger preview.
type photosPanel struct {
	e    *Editor
	view fyne.CanvasObject

	list     []inspection.Photo
	grid     *widget.GridWrap
	cache    *thumbCache
	progress *widget.ProgressBar
	status   *widget.Label
	selected int

	preview *canvas.Image
	annot   *Annotator
	tools   *annotateTools
	caption *widget.Entry
	link    *widget.Select
	detail  *widget.Label
	info    *fyne.Container        // detail, caption and link: hidden while annotating
	links   []inspection.PhotoLink // choices of the link select, same order
	loaded  bool
}

func newPhotosPanel(e *Editor) (*photosPanel, error) {
	p := &photosPanel{e: e, cache: newThumbCache(), selected: -1}
	p.progress = widget.NewProgressBar()
	p.progress.Hide()
	p.status = truncLabel("")
	p.status.Alignment = fyne.TextAlignTrailing
	p.grid = widget.NewGridWrap(func() int { return len(p.list) }, p.newCell, p.updateCell)
	p.grid.OnSelected = p.selectPhoto
	add := widget.NewButtonWithIcon("Add photos…", theme.ContentAddIcon(), func() { p.chooseFiles() })
	add.Importance = widget.HighImportance
	folder := widget.NewButtonWithIcon("Add folder…", theme.FolderOpenIcon(), p.chooseFolder)
	hint := widget.NewLabel("or drop files and folders on the window")
	hint.Importance = widget.LowImportance
	// One row of buttons and status, and the preview beside a narrower
	// grid: on a 768-pixel screen the photo being annotated gets the room.
	buttons := container.NewBorder(nil, nil, container.NewHBox(add, folder, hint), nil, p.status)
	top := container.NewVBox(buttons, p.progress)
	split := container.NewHSplit(p.grid, p.previewPane())
	split.Offset = 0.4
	p.view = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	if e.readOnly {
		add.Disable()
		folder.Disable()
	}
	return p, nil
}

func (p *photosPanel) previewPane() fyne.CanvasObject {
	p.annot = newAnnotator()
	p.annot.OnChanged = p.saveMarks
	p.annot.OnError = p.e.d.showError
	p.preview = p.annot.Image
	p.tools = newAnnotateTools(p)
	p.caption = widget.NewMultiLineEntry() // two wrapped lines: a caption is read whole
	p.caption.Wrapping = fyne.TextWrapWord
	p.caption.SetMinRowsVisible(2)
	p.caption.SetPlaceHolder("Caption printed under the photo")
	p.caption.OnChanged = p.setCaption
	p.link = widget.NewSelect(nil, p.setLink)
	p.link.PlaceHolder = "Not linked"
	p.detail = wrapLabel("Select a photo to see it larger, caption it and link it to a defect or section.")
	del := widget.NewButtonWithIcon("Delete photo", theme.DeleteIcon(), p.deleteSelected)
	form := widget.NewForm(widget.NewFormItem("Caption", p.caption), widget.NewFormItem("Shows", p.link))
	if p.e.readOnly {
		p.caption.Disable()
		p.link.Disable()
		del.Disable()
	}
	// While annotating, the tools take the place of the caption and link
	// instead of adding to them, so the photo keeps its height.
	p.info = container.NewVBox(p.detail, form)
	bottom := container.NewVBox(p.tools.tools, p.info, container.NewHBox(p.tools.toggle, del))
	p.tools.pane = container.NewBorder(nil, bottom, nil, nil, p.annot)
	return p.tools.pane
}

// newCell is a thumbnail over two lines of caption: long captions wrap and
// end in an ellipsis; the preview shows them whole.
func (p *photosPanel) newCell() fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(thumbSize, thumbSize))
	label := widget.NewLabel("")
	label.Wrapping, label.Truncation = fyne.TextWrapWord, fyne.TextTruncateEllipsis
	return container.NewBorder(nil, container.NewGridWrap(fyne.NewSize(thumbSize, linesHeight(2)), label), nil, nil, img)
}

// linesHeight is the height of a label of n lines.
func linesHeight(n int) float32 {
	return widget.NewLabel(strings.TrimSuffix(strings.Repeat("Xg\n", n), "\n")).MinSize().Height
}

func (p *photosPanel) updateCell(id widget.GridWrapItemID, o fyne.CanvasObject) {
	if id >= len(p.list) {
		return
	}
	ph := p.list[id]
	c := o.(*fyne.Container)
	img := c.Objects[0].(*canvas.Image)
	label := c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	label.SetText(firstNonEmpty(ph.Caption, ph.OriginalName))
	ready := func(image.Image) { p.grid.RefreshItem(id) }
	if ph.Annotations == "" {
		img.Image = p.cache.get(p.e.d.Photos.Thumbnail(ph.SHA256), ready)
	} else { // the marks show in the grid too, drawn off the UI goroutine
		img.Image = p.cache.load(ph.ID.String()+"\n"+ph.Annotations, func() image.Image {
			path, err := p.e.d.Photos.AnnotatedThumbnail(ph)
			if err != nil {
				path = p.e.d.Photos.Thumbnail(ph.SHA256)
			}
			return decodeFile(path)
		}, ready)
	}
	img.Refresh()
}

// reload reads the photo rows (not the files) when the tab is shown.
func (p *photosPanel) reload() {
	p.e.d.flush() // captions typed a moment ago are read back with the list
	list, err := p.e.d.Store.Photos(p.e.d.ctx(), p.e.in.ID)
	if err != nil {
		p.e.d.showError(err)
		return
	}
	p.list, p.loaded = list, true
	p.status.SetText(fmt.Sprintf("%d photos", len(list)))
	p.grid.Refresh()
	if p.selected < 0 && len(list) > 0 {
		p.grid.Select(0)
	}
}

// chooseFiles is Add photos… (Ctrl+I): the multi-select photo picker,
// opened where photos were last added from, or on the camera card.
func (p *photosPanel) chooseFiles() *photoPicker {
	if p.e.readOnly {
		return nil
	}
	return p.e.d.pickPhotos(func(paths []string) { p.importPaths(paths) })
}

// chooseFolder imports a whole folder, starting where the picker would.
func (p *photosPanel) chooseFolder() {
	pick := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			p.e.d.showError(err)
			return
		}
		p.e.d.App.Preferences().SetString(prefPhotoDir, l.Path())
		p.importPaths([]string{l.Path()})
	}, p.e.d.Window)
	start := photoStart(p.e.d.App.Preferences().String(prefPhotoDir), cameraCards(cardRoots()))
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(start))); err == nil {
		pick.SetLocation(l)
	}
	pick.Resize(fyne.NewSize(800, 560))
	pick.Show()
}

// importPaths imports in the background; the bar follows file by file.
func (p *photosPanel) importPaths(paths []string) {
	if len(paths) == 0 || p.e.readOnly {
		return
	}
	p.progress.SetValue(0)
	p.progress.Show()
	p.status.SetText("Importing…")
	im := &photo.Importer{Store: p.e.d.Store, Files: p.e.d.Photos}
	ctx := p.e.d.ctx()
	p.e.d.background(func() {
		results := im.ImportAll(ctx, p.e.in.ID, paths, func(pr photo.Progress) {
			fyne.Do(func() {
				p.progress.Max = float64(pr.Total)
				p.progress.SetValue(float64(pr.Done))
				p.status.SetText(fmt.Sprintf("Imported %d of %d: %s", pr.Done, pr.Total, pr.Current))
			})
		})
		fyne.Do(func() { p.importDone(results) })
	})
}

func (p *photosPanel) importDone(results []photo.Result) {
	p.progress.Hide()
	added, dup, otherDay := 0, 0, 0
	var failed []string
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed = append(failed, r.Err.Error())
		case r.Duplicate:
			dup++
		default:
			added++
		}
		if r.OtherDay {
			otherDay++
		}
	}
	msg := fmt.Sprintf("%d added, %d already there", added, dup)
	if otherDay > 0 {
		msg += fmt.Sprintf(", %d taken on another day than the inspection (check them)", otherDay)
	}
	p.e.d.saved(nil)
	p.reload()
	p.status.SetText(msg)
	if len(failed) > 0 {
		p.e.d.showError(fmt.Errorf("%d file(s) not imported:\n%s", len(failed), strings.Join(failed, "\n")))
	}
}

func (p *photosPanel) selectPhoto(id widget.GridWrapItemID) {
	if id >= len(p.list) {
		return
	}
	p.selected = id
	ph := p.list[id]
	p.preview.Image = nil
	p.preview.File = p.e.d.Photos.Working(ph.SHA256)
	p.preview.Refresh()
	p.caption.OnChanged = nil
	p.caption.SetText(ph.Caption)
	p.caption.OnChanged = p.setCaption
	marks, err := inspection.ParseMarks(ph.Annotations)
	if err != nil {
		p.e.d.showError(err)
	}
	p.annot.SetPhoto(ph.Width, ph.Height, marks)
	p.fillLinks(ph)
	p.showDetail(ph)
}

func (p *photosPanel) showDetail(ph inspection.Photo) {
	taken := "time unknown"
	if !ph.TakenAt.IsZero() {
		taken = "taken " + ph.TakenAt.Format("2006-01-02 15:04")
	}
	marks, _ := inspection.ParseMarks(ph.Annotations)
	text := fmt.Sprintf("%s · %d×%d · %s%s", ph.OriginalName, ph.Width, ph.Height, taken, markSummary(marks))
	if i := p.link.SelectedIndex(); i > 0 && i < len(p.link.Options) {
		text += "\nShows " + p.link.Options[i] // whole: the select cuts long defect names
	}
	p.detail.SetText(text)
}

// fillLinks offers what a photo can illustrate: a finding, a section or a sample.
func (p *photosPanel) fillLinks(ph inspection.Photo) {
	p.links = []inspection.PhotoLink{{}}
	names := []string{"Not linked"}
	for _, f := range p.e.findings.list {
		p.links = append(p.links, inspection.PhotoLink{PhotoID: ph.ID, Kind: inspection.LinkFinding, Target: f.ID.String()})
		names = append(names, "Defect: "+firstNonEmpty(f.Description, "(no description)")+" ("+string(f.Class)+")")
	}
	for _, k := range inspection.Sections {
		p.links = append(p.links, inspection.PhotoLink{PhotoID: ph.ID, Kind: inspection.LinkSection, Target: string(k)})
		names = append(names, "Section: "+k.Title())
	}
	for _, s := range p.e.findings.samples {
		p.links = append(p.links, inspection.PhotoLink{PhotoID: ph.ID, Kind: inspection.LinkSample, Target: s.ID.String()})
		names = append(names, "Sample: "+s.Label())
	}
	current, _ := p.e.d.Store.PhotoLinks(p.e.d.ctx(), ph.ID)
	p.link.OnChanged = nil
	p.link.Options = names
	p.link.Selected = names[0]
	for i, l := range p.links {
		for _, c := range current {
			if i > 0 && c.Kind == l.Kind && c.Target == l.Target {
				p.link.Selected = names[i]
			}
		}
	}
	p.link.OnChanged = p.setLink
	p.link.Refresh()
}

func (p *photosPanel) setCaption(s string) {
	if p.selected < 0 || p.e.readOnly {
		return
	}
	ph := &p.list[p.selected]
	ph.Caption = s
	later(p.e.d, "photo "+ph.ID.String(), *ph, p.e.d.Store.PutPhoto)
	p.grid.RefreshItem(p.selected)
}

// setLink replaces the photo's links with the one chosen.
func (p *photosPanel) setLink(string) {
	i := p.link.SelectedIndex()
	if p.selected < 0 || i < 0 || p.e.readOnly {
		return
	}
	ph := p.list[p.selected]
	p.e.d.write(func(ctx context.Context) error {
		current, err := p.e.d.Store.PhotoLinks(ctx, ph.ID)
		for _, c := range current {
			if err == nil {
				err = p.e.d.Store.UnlinkPhoto(ctx, c)
			}
		}
		if err == nil && i > 0 {
			err = p.e.d.Store.LinkPhoto(ctx, p.links[i])
		}
		return err
	})
	p.showDetail(ph)
}

func (p *photosPanel) deleteSelected() {
	if p.selected < 0 {
		return
	}
	ph := p.list[p.selected]
	dialog.ShowConfirm("Delete photo", fmt.Sprintf("Delete %s from this inspection?", ph.OriginalName), func(ok bool) {
		if !ok {
			return
		}
		im := &photo.Importer{Store: p.e.d.Store, Files: p.e.d.Photos}
		if p.e.d.write(func(ctx context.Context) error { return im.Delete(ctx, ph.ID) }) {
			p.selected = -1
			p.grid.UnselectAll()
			p.preview.File = ""
			p.annot.SetPhoto(0, 0, nil)
			p.preview.Refresh()
			p.reload()
		}
	}, p.e.d.Window)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
