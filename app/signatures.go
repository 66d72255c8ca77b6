package app

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// signaturesPanel lets the inspector and the factory representative sign
// on screen, or record why one could not sign; then export.
type signaturesPanel struct {
	e    *Editor
	view fyne.CanvasObject
	sigs map[inspection.SignerRole]*inspection.Signature
	pads map[inspection.SignerRole]*SignPad
	page *page

	inspectorName *widget.Entry // follows the header's inspector until signed
}

// inspectorRenamed carries a name typed in the header over to the
// inspector's signature, unless someone typed another name there.
func (p *signaturesPanel) inspectorRenamed(old, name string) {
	if p == nil || p.inspectorName == nil {
		return
	}
	if s := p.sigs[inspection.SignerInspector]; s != nil && len(s.PNG) > 0 {
		return // signed: the name signed under stays
	}
	if t := strings.TrimSpace(p.inspectorName.Text); t == "" || t == old {
		p.inspectorName.SetText(name)
	}
}

func newSignaturesPanel(e *Editor) (*signaturesPanel, error) {
	p := &signaturesPanel{e: e, sigs: map[inspection.SignerRole]*inspection.Signature{}, pads: map[inspection.SignerRole]*SignPad{}}
	all, err := e.d.Store.Signatures(e.d.ctx(), e.in.ID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		p.sigs[all[i].Role] = &all[i]
	}
	body := container.NewVBox(heading("Signatures"),
		wrapLabel("Each signs with the mouse or touchpad, or signs on paper and you attach a photo of it. If the factory refuses or has left, waive its signature with the reason: the report says so."))
	for _, role := range inspection.RequiredSigners {
		body.Add(p.card(role))
	}
	export := widget.NewButtonWithIcon("Export PDF report…", theme.DocumentPrintIcon(), e.exportPDF)
	export.Importance = widget.HighImportance
	body.Add(widget.NewSeparator())
	body.Add(heading("Report"))
	body.Add(container.NewHBox(export))
	p.page = newPage(body, wideFormWidth)
	p.view = p.page.view
	return p, nil
}

func roleTitle(r inspection.SignerRole) string {
	if r == inspection.SignerFactory {
		return "Factory representative"
	}
	return "Inspector"
}

func (p *signaturesPanel) card(role inspection.SignerRole) fyne.CanvasObject {
	s := p.sigs[role]
	if s == nil {
		s = &inspection.Signature{ID: inspection.NewID(), InspectionID: p.e.in.ID, Role: role}
		p.sigs[role] = s
	}
	name := widget.NewEntry()
	name.SetText(s.Name)
	name.SetPlaceHolder("Full name")
	if role == inspection.SignerInspector {
		p.inspectorName = name
		if s.Name == "" {
			name.SetText(p.e.in.Inspector)
		}
	}
	pad := newSignPad()
	p.pads[role] = pad
	signed := canvas.NewImageFromImage(nil)
	signed.FillMode = canvas.ImageFillContain
	signed.SetMinSize(fyne.NewSize(360, 140))
	status := widget.NewLabel("")
	show := func() {
		switch {
		case len(s.PNG) > 0:
			img, _, _ := image.Decode(bytes.NewReader(s.PNG))
			signed.Image = img
			signed.Refresh()
			status.SetText(fmt.Sprintf("Signed by %s on %s", s.Name, s.SignedAt.Format("2006-01-02 15:04")))
		case s.Waived:
			status.SetText("Waived: " + s.WaiverReason)
		default:
			status.SetText("Not signed yet")
		}
	}
	show()
	reason := widget.NewEntry()
	reason.SetPlaceHolder("Why no signature (e.g. representative left before the end)")
	save := widget.NewButtonWithIcon("Save signature", theme.ConfirmIcon(), func() {
		if pad.Empty() {
			p.e.d.showError(fmt.Errorf("draw the signature in the white box first"))
			return
		}
		png, err := pad.PNG()
		if err == nil {
			s.Name, s.PNG, s.SignedAt, s.Waived, s.WaiverReason = strings.TrimSpace(name.Text), png, time.Now(), false, ""
			err = p.e.d.Store.PutSignature(p.e.d.ctx(), s)
		}
		if p.e.d.saved(err) {
			pad.Clear()
			show()
		}
	})
	clear := widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), pad.Clear)
	attach := widget.NewButtonWithIcon("Attach photo of signed paper…", theme.FileImageIcon(), func() {
		p.chooseWetSignature(func(png []byte) {
			s.Name, s.PNG, s.SignedAt, s.Waived, s.WaiverReason = strings.TrimSpace(name.Text), png, time.Now(), false, ""
			if p.e.d.saved(p.e.d.Store.PutSignature(p.e.d.ctx(), s)) {
				show()
			}
		})
	})
	waive := widget.NewButton("Waive with reason", func() {
		if strings.TrimSpace(reason.Text) == "" {
			p.e.d.showError(fmt.Errorf("type the reason the %s cannot sign first", strings.ToLower(roleTitle(role))))
			return
		}
		s.Name, s.Waived, s.WaiverReason, s.SignedAt = strings.TrimSpace(name.Text), true, strings.TrimSpace(reason.Text), time.Now()
		if p.e.d.saved(p.e.d.Store.PutSignature(p.e.d.ctx(), s)) {
			show()
		}
	})
	draw := container.NewVBox(widget.NewForm(widget.NewFormItem("Name", name)), pad, container.NewHBox(save, clear), container.NewHBox(attach),
		widget.NewForm(widget.NewFormItem("No signature", container.NewBorder(nil, nil, nil, waive, reason))))
	if p.e.readOnly {
		disableAll(draw)
	}
	return widget.NewCard(roleTitle(role), "", container.NewGridWithColumns(2, draw, container.NewVBox(status, signed)))
}

// chooseWetSignature asks for a photo of a signature made on paper and hands
// over its PNG; the file itself is not kept.
func (p *signaturesPanel) chooseWetSignature(use func(png []byte)) {
	if p.e.readOnly {
		return
	}
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			p.e.d.showError(err)
			return
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err == nil {
			data, err = wetSignaturePNG(data)
		}
		if err != nil {
			p.e.d.showError(fmt.Errorf("%s: %w", r.URI().Name(), err))
			return
		}
		use(data)
	}, p.e.d.Window)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG"}))
	open.Show()
}
