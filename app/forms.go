package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// dialogWidth gives small form dialogs room for real names ("Dongguan
// Everlight Electrical Appliances Co., Ltd.") instead of Fyne's minimum.
const dialogWidth = 520

// askForm shows a form dialog the keyboard can finish: the cursor starts in
// the first field, Enter in any one-line field submits, Escape cancels, and
// the confirm button stays disabled until the required fields are filled.
func askForm(w fyne.Window, title, confirm string, items []*widget.FormItem, done func()) *dialog.FormDialog {
	dlg := dialog.NewForm(title, confirm, "Cancel", items, func(ok bool) {
		if ok {
			done()
		}
	}, w)
	var first *widget.Entry
	for _, it := range items {
		if e, ok := it.Widget.(*widget.Entry); ok && !e.MultiLine {
			e.OnSubmitted = func(string) { dlg.Submit() }
			if first == nil {
				first = e
			}
		}
	}
	dlg.Resize(fyne.NewSize(dialogWidth, dlg.MinSize().Height))
	dlg.Show()
	if first != nil {
		w.Canvas().Focus(first)
	}
	return dlg
}

// requiredEntry is a one-line field that must not be left empty.
func requiredEntry(what string) *widget.Entry {
	e := widget.NewEntry()
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("enter the " + what)
		}
		return nil
	}
	return e
}
