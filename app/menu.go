package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/loupeqc/loupe/inspection"
)

func shortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func item(label string, k fyne.KeyName, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	if k != "" {
		it.Shortcut = shortcut(k)
	}
	return it
}

// mainMenu holds every keyboard shortcut. Main-menu shortcuts fire even
// while an entry has the focus, which is where an inspector's hands are.
func (d *Desk) mainMenu() *fyne.MainMenu {
	file := fyne.NewMenu("File",
		item("New inspection", fyne.KeyN, func() { d.newInspection() }),
		item("Import photos…", fyne.KeyI, d.inEditor(func(e *Editor) { e.selectTab("photos"); e.photos.chooseFiles() })),
		item("Export PDF…", fyne.KeyE, d.inEditor(func(e *Editor) { e.exportPDF() })),
		item("Finalize…", "", d.inEditor(func(e *Editor) { e.finalizeOrCorrect() })),
		item("Delete draft…", "", d.deleteCurrentDraft),
		fyne.NewMenuItemSeparator(),
		item("Export bundle…", "", d.exportBundle),
		item("Import bundle…", "", d.importBundle),
		item("Import conflicts", "", func() { d.ShowConflicts() }),
		item("Outbox", fyne.KeyO, func() { d.ShowOutbox() }),
		item("Sync with the team", fyne.KeyY, d.syncNow),
		item("Office review", fyne.KeyR, func() { d.ShowReview() }),
		item("Back up now", "", d.backupNow),
		fyne.NewMenuItemSeparator(),
		item("Inspections", fyne.KeyH, d.ShowHome),
		item("Sample library", fyne.KeyL, d.ShowSamples),
		fyne.NewMenuItemSeparator(),
		item("Preferences…", fyne.KeyComma, func() { d.showSettings() }),
	)
	edit := fyne.NewMenu("Edit",
		item("Search inspections", fyne.KeyF, func() { d.ShowHome() }),
		fyne.NewMenuItemSeparator(),
		item("Add critical defect", fyne.Key1, d.inEditor(func(e *Editor) { e.findings.add(inspection.Critical) })),
		item("Add major defect", fyne.Key2, d.inEditor(func(e *Editor) { e.findings.add(inspection.Major) })),
		item("Add minor defect", fyne.Key3, d.inEditor(func(e *Editor) { e.findings.add(inspection.Minor) })),
		item("One more unit with the last defect", fyne.KeyUp, d.inEditor(func(e *Editor) { e.findings.step(+1) })),
		item("One unit less with the last defect", fyne.KeyDown, d.inEditor(func(e *Editor) { e.findings.step(-1) })),
	)
	return fyne.NewMainMenu(file, edit)
}

// inEditor guards actions that need an open inspection.
func (d *Desk) inEditor(fn func(e *Editor)) func() {
	return func() {
		if d.Editor == nil {
			d.showError(fmt.Errorf("open an inspection first (double-click one in the list, or File > New inspection)"))
			return
		}
		fn(d.Editor)
	}
}

// deleteCurrentDraft deletes the open draft, or the one selected in the list.
func (d *Desk) deleteCurrentDraft() {
	if d.Editor != nil {
		d.confirmDeleteDraft(d.Editor.in.ID, d.ShowHome)
		return
	}
	if d.Home != nil {
		if s, ok := d.Home.current(); ok {
			d.Home.deleteDraft(s)
			return
		}
	}
	d.showError(fmt.Errorf("open a draft or select one in the list first, then delete it"))
}
