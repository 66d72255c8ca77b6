package app

import (
	"time"

	"fyne.io/fyne/v2/widget"
)

// SavedIndicator is the unobtrusive proof of autosave: there is no Save
// button, so the inspector needs to see whether the last edit reached the
// disk: "Saving…" while it is on its way, "✓ Saved" once it is there, "Not
// saved" while a write fails.
type SavedIndicator struct {
	Label *widget.Label
	last  time.Time
	saved bool
}

func newSavedIndicator() *SavedIndicator {
	l := widget.NewLabel("All changes saved")
	l.Importance = widget.LowImportance
	return &SavedIndicator{Label: l, saved: true}
}

// pending says an edit is on its way to the disk.
func (s *SavedIndicator) pending() {
	s.saved = false
	s.Label.Importance = widget.LowImportance
	s.Label.SetText("Saving…")
}

func (s *SavedIndicator) ok(at time.Time) {
	s.last, s.saved = at, true
	s.Label.Importance = widget.LowImportance
	s.Label.SetText("✓ Saved " + at.Format("15:04:05"))
}

func (s *SavedIndicator) isSaved() bool { return s.saved }

func (s *SavedIndicator) failed() {
	s.saved = false
	s.Label.Importance = widget.DangerImportance
	s.Label.SetText("Not saved")
}

// Text is what the indicator says.
func (s *SavedIndicator) Text() string { return s.Label.Text }

// Last is when the last edit was stored.
func (s *SavedIndicator) Last() time.Time { return s.last }
