package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

// samplesScreen is the golden and boundary sample library per product.
// Superseding makes a new version; old inspections keep their version.
type samplesScreen struct {
	d    *Desk
	view fyne.CanvasObject

	products []inspection.Product
	samples  []inspection.Sample
	product  int
	selected int

	sampleList *widget.List
	detail     *fyne.Container
}

func newSamplesScreen(d *Desk) *samplesScreen {
	s := &samplesScreen{d: d, product: -1, selected: -1, detail: container.NewVBox()}
	var err error
	if s.products, err = d.Store.Products(d.ctx()); err != nil {
		d.showError(err)
	}
	products := widget.NewList(func() int { return len(s.products) },
		func() fyne.CanvasObject { return twoLineLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*fyne.Container).Objects[0].(*widget.Label).SetText(s.products[i].SKU + " — " + s.products[i].Description)
		})
	products.OnSelected = func(i widget.ListItemID) { s.product = i; s.loadSamples() }
	s.sampleList = widget.NewList(func() int { return len(s.samples) }, newSampleRow, s.updateSampleRow)
	s.sampleList.OnSelected = func(i widget.ListItemID) { s.selected = i; s.showDetail() }
	back := widget.NewButtonWithIcon("Inspections", theme.NavigateBackIcon(), d.ShowHome)
	addG := widget.NewButtonWithIcon("Add golden sample", theme.ContentAddIcon(), func() { s.add(inspection.Golden) })
	addB := widget.NewButtonWithIcon("Add boundary sample", theme.ContentAddIcon(), func() { s.add(inspection.Boundary) })
	top := container.NewVBox(container.NewBorder(nil, nil, back, d.Saved.Label, heading("Sample library")), widget.NewSeparator())
	left := container.NewBorder(boldLabel("Products"), nil, nil, nil, products)
	middle := container.NewBorder(container.NewVBox(boldLabel("Samples, newest version first"), container.NewHBox(addG, addB)), nil, nil, nil, s.sampleList)
	right := wheelScrolls(container.NewVScroll(container.NewPadded(s.detail)))
	inner := container.NewHSplit(middle, right)
	inner.Offset = 0.5
	outer := container.NewHSplit(left, inner)
	outer.Offset = 0.28
	s.view = container.NewBorder(top, nil, nil, nil, outer)
	s.showDetail()
	if len(s.products) > 0 {
		products.Select(0)
	}
	return s
}

func newSampleRow() fyne.CanvasObject {
	return container.New(columns{104, 0, 90}, newBadge(), truncLabel(""), truncLabel(""))
}

func (s *samplesScreen) updateSampleRow(i widget.ListItemID, o fyne.CanvasObject) {
	sm := s.samples[i]
	objs := o.(*fyne.Container).Objects
	b := objs[0].(*Badge)
	if sm.Kind == inspection.Golden {
		b.Set("GOLDEN", colourPending)
	} else {
		b.Set("BOUNDARY", colourNone)
	}
	objs[1].(*widget.Label).SetText(fmt.Sprintf("%s v%d  %s", sm.Code, sm.Version, sm.Limit))
	state := "current"
	if !sm.Current() {
		state = "superseded"
	}
	objs[2].(*widget.Label).SetText(state)
}

func (s *samplesScreen) loadSamples() {
	s.samples, s.selected = nil, -1
	if s.product >= 0 {
		var err error
		if s.samples, err = s.d.Store.Samples(s.d.ctx(), s.products[s.product].ID); err != nil {
			s.d.showError(err)
		}
	}
	s.sampleList.UnselectAll()
	s.sampleList.Refresh()
	if len(s.samples) > 0 {
		s.sampleList.Select(0)
		return
	}
	s.showDetail()
}

func (s *samplesScreen) showDetail() {
	s.detail.Objects = nil
	if s.selected < 0 || s.selected >= len(s.samples) {
		s.detail.Add(wrapLabel("Choose a product, then a sample to see its photos and the limit it illustrates."))
		s.detail.Refresh()
		return
	}
	sm := s.samples[s.selected]
	code := widget.NewEntry()
	code.SetText(sm.Code)
	limit := widget.NewMultiLineEntry()
	limit.SetText(sm.Limit)
	limit.Wrapping = fyne.TextWrapWord
	limit.SetPlaceHolder("The limit it illustrates, e.g. scratch up to 2 mm on side B is acceptable")
	notes := widget.NewMultiLineEntry()
	notes.SetText(sm.Notes)
	notes.Wrapping = fyne.TextWrapWord
	save := func() {
		sm.Code, sm.Limit, sm.Notes = code.Text, limit.Text, notes.Text
		if s.d.saved(s.d.Store.PutSample(s.d.ctx(), &sm)) {
			s.samples[s.selected] = sm
			s.sampleList.RefreshItem(s.selected)
		}
	}
	code.OnChanged = func(string) { save() }
	limit.OnChanged = func(string) { save() }
	notes.OnChanged = func(string) { save() }
	form := widget.NewForm(
		widget.NewFormItem("Kind", widget.NewLabel(sm.Label())),
		widget.NewFormItem("Approved", widget.NewLabel(sm.Date.Format(dateFormat))),
		widget.NewFormItem("Seal ID", code),
		widget.NewFormItem("Limit", limit),
		widget.NewFormItem("Notes", notes),
	)
	supersede := widget.NewButtonWithIcon("New version (supersede)", theme.ViewRefreshIcon(), func() { s.supersede(sm) })
	addPhoto := widget.NewButtonWithIcon("Add photo…", theme.FileImageIcon(), func() { s.addPhoto(sm) })
	if !sm.Current() {
		disableAll(form)
		supersede.Disable()
		addPhoto.Disable()
		form.Items[0].HintText = "Superseded: inspections that used this version still show it."
	}
	s.detail.Objects = []fyne.CanvasObject{heading(sm.Label()), form, container.NewHBox(supersede, addPhoto), s.photos(sm)}
	s.detail.Refresh()
}

// photos shows the sample's library photos (thumbnails only).
func (s *samplesScreen) photos(sm inspection.Sample) fyne.CanvasObject {
	ctx := s.d.ctx()
	all, err := s.d.Store.Photos(ctx, inspection.NilID)
	if err != nil {
		return widget.NewLabel(err.Error())
	}
	box := container.NewGridWrap(fyne.NewSize(thumbSize, thumbSize))
	for _, p := range all {
		links, _ := s.d.Store.PhotoLinks(ctx, p.ID)
		for _, l := range links {
			if l.Kind == inspection.LinkSample && l.Target == sm.ID.String() {
				img := canvas.NewImageFromFile(s.d.Photos.Thumbnail(p.SHA256))
				img.FillMode = canvas.ImageFillContain
				box.Add(img)
			}
		}
	}
	if len(box.Objects) == 0 {
		return widget.NewLabel("No photo of this sample yet.")
	}
	return box
}

func (s *samplesScreen) add(kind inspection.SampleKind) {
	if s.product < 0 {
		s.d.showError(fmt.Errorf("choose the product the sample belongs to first"))
		return
	}
	code, limit := requiredEntry("seal ID"), widget.NewEntry()
	code.SetPlaceHolder("the ID on the sample's seal, e.g. GS-KT-1750-03")
	items := []*widget.FormItem{widget.NewFormItem("Seal ID", code)}
	if kind == inspection.Boundary {
		limit.SetPlaceHolder("e.g. scratch up to 2 mm on side B is acceptable")
		items = append(items, widget.NewFormItem("Limit", limit))
	}
	askForm(s.d.Window, "New "+string(kind)+" sample", "Add", items, func() {
		sm := &inspection.Sample{ID: inspection.NewID(), ProductID: s.products[s.product].ID, Kind: kind,
			Code: strings.TrimSpace(code.Text), Limit: strings.TrimSpace(limit.Text), Version: 1, Date: today()}
		if s.d.saved(s.d.Store.PutSample(s.d.ctx(), sm)) {
			s.loadSamples()
		}
	})
}

func (s *samplesScreen) supersede(old inspection.Sample) {
	dialog.ShowConfirm("New version", fmt.Sprintf("Replace %s with version %d? Inspections that used version %d keep pointing at it.", old.Label(), old.Version+1, old.Version), func(ok bool) {
		if !ok {
			return
		}
		next := old
		next.ID, next.Version, next.Date, next.SupersededBy = inspection.NewID(), old.Version+1, today(), inspection.NilID
		if s.d.saved(s.d.Store.SupersedeSample(s.d.ctx(), old.ID, &next)) {
			s.loadSamples()
		}
	}, s.d.Window)
}

// addPhoto adds library photos of a sample, several at once if need be
// (front, back, the limit close up), with the same picker as inspections.
func (s *samplesScreen) addPhoto(sm inspection.Sample) {
	s.d.pickPhotos(func(paths []string) {
		im := &photo.Importer{Store: s.d.Store, Files: s.d.Photos}
		ctx := s.d.ctx()
		s.d.background(func() {
			var errs []error
			for _, path := range paths {
				res := im.ImportFile(ctx, inspection.NilID, path)
				err := res.Err
				if err == nil {
					err = s.d.Store.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: res.Photo.ID, Kind: inspection.LinkSample, Target: sm.ID.String()})
				}
				if err != nil {
					errs = append(errs, err)
				}
			}
			fyne.Do(func() {
				if s.d.saved(errors.Join(errs...)) {
					s.showDetail()
				}
			})
		})
	})
}
