package app

import (
	"time"

	"fyne.io/fyne/v2/widget"
)

// SavedIndicator is the unobtrusive proof of autosave: there is no Save
// button, so the inspector needs to see that the last edit reached the disk.
type SavedIndicator struct {
	Label *widget.Label
	last  time.Time
}

func newSavedIndicator() *SavedIndicator {
	l := widget.NewLabel("All changes saved")
	l.Importance = widget.LowImportance
	return &SavedIndicator{Label: l}
}

func (s *SavedIndicator) ok(at time.Time) {
	s.last = at
	s.Label.Importance = widget.LowImportance
	s.Label.SetText("✓ Saved " + at.Format("15:04:05"))
}

func (s *SavedIndicator) failed() {
	s.Label.Importance = widget.DangerImportance
	s.Label.SetText("Not saved")
}

// Last is when the last edit was stored.
func (s *SavedIndicator) Last() time.Time { return s.last }
