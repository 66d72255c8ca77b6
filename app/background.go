package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// background runs slow work (backups, bundles, sending mail) off the UI
// goroutine; work hands widget updates back with fyne.Do.
func (d *Desk) background(work func()) {
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		work()
	}()
}

// noticeBar shows messages that must not stop the inspector (a failed
// backup, a queued email) above every screen, each until dismissed.
type noticeBar struct {
	view *fyne.Container
}

func newNoticeBar() *noticeBar { return &noticeBar{view: container.NewVBox()} }

// maxNotices keeps the bar from pushing the screen down: older notices
// give way to newer ones.
const maxNotices = 2

func (n *noticeBar) show(msg string, imp widget.Importance) {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	label.Importance = imp
	var row *fyne.Container
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		n.view.Remove(row)
	})
	closeBtn.Importance = widget.LowImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	row = container.NewStack(bg, container.NewBorder(nil, nil, nil, closeBtn, label))
	for len(n.view.Objects) >= maxNotices {
		n.view.Remove(n.view.Objects[0])
	}
	n.view.Add(row)
}

// Notices are the messages on the notice bar, oldest first.
func (d *Desk) Notices() []string {
	var out []string
	for _, o := range d.notices.view.Objects {
		row := o.(*fyne.Container).Objects[1].(*fyne.Container)
		for _, c := range row.Objects {
			if l, ok := c.(*widget.Label); ok {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

func (d *Desk) notify(msg string) { d.notices.show(msg, widget.MediumImportance) }
func (d *Desk) warn(format string, a ...any) {
	d.notices.show(fmt.Sprintf(format, a...), widget.WarningImportance)
}
