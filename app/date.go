package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateEntry is a date field that shows and reads ISO dates (2026-12-02)
// whatever the system's locale, with a calendar to pick from. Fyne's own
// date entry follows the locale (02/12/2026 here, 12/02/2026 there), which
// disagreed with the list and the report and is ambiguous between them.
type dateEntry struct {
	widget.Entry
	Date      *time.Time
	OnChanged func(*time.Time) `json:"-"`

	pick  *widget.Button
	popUp *widget.PopUp
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("YYYY-MM-DD")
	e.Validator = func(s string) error {
		if _, err := parseDate(s); err != nil && strings.TrimSpace(s) != "" {
			return err
		}
		return nil
	}
	e.Entry.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			e.changed(nil)
			return
		}
		if t, err := parseDate(s); err == nil {
			e.changed(&t)
		}
	}
	e.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.showCalendar)
	e.pick.Importance = widget.LowImportance
	e.ActionItem = e.pick
	return e
}

func parseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateFormat, strings.TrimSpace(s), time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("type the date as year-month-day, e.g. 2026-12-02")
	}
	return t, nil
}

func (e *dateEntry) changed(t *time.Time) {
	e.Date = t
	if e.OnChanged != nil {
		e.OnChanged(t)
	}
}

// SetDate shows a date, or clears the field for nil.
func (e *dateEntry) SetDate(t *time.Time) {
	if t == nil {
		e.SetText("")
		return
	}
	e.SetText(t.Format(dateFormat))
}

// Disable greys the field and its calendar button.
func (e *dateEntry) Disable() {
	e.pick.Disable()
	e.Entry.Disable()
}

// Enable makes the field and its calendar usable again.
func (e *dateEntry) Enable() {
	e.pick.Enable()
	e.Entry.Enable()
}

func (e *dateEntry) showCalendar() {
	start := time.Now()
	if e.Date != nil {
		start = *e.Date
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		if e.popUp != nil {
			e.popUp.Hide()
		}
		y, m, d := t.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
		e.SetDate(&day)
	})
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	e.popUp = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
}
