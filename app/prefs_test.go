package app

import (
	"errors"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestAppearancePreference(t *testing.T) {
	d := newTestDesk(t)
	bg := func(v string) color.Color {
		return d.App.Settings().Theme().Color(theme.ColorNameBackground, map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark}[v])
	}
	darkBG := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	lightBG := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	if bg("light") != lightBG || bg("dark") != darkBG {
		t.Fatal("by default the theme should follow the system's variant")
	}
	for _, c := range []struct {
		label string
		want  color.Color
	}{{"Dark", darkBG}, {"Light", lightBG}} {
		sd := d.showSettings()
		sd.appearance.SetSelected(c.label)
		sd.save(d)
		for _, system := range []string{"light", "dark"} {
			if got := bg(system); got != c.want {
				t.Errorf("appearance %s on a %s system: background %v, want %v", c.label, system, got, c.want)
			}
		}
		sd.dlg.Hide()
	}
	if got := d.App.Preferences().String(prefAppearance); got != appearanceLight {
		t.Errorf("stored appearance %q, want light", got)
	}
}

func TestDatesAreISOEverywhere(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	var date *dateEntry
	for _, o := range test.LaidOutObjects(e.header.view) {
		if de, ok := o.(*dateEntry); ok {
			date = de
		}
	}
	if date == nil {
		t.Fatal("no date field in the header")
	}
	if want := e.in.Date.Format("2006-01-02"); date.Text != want {
		t.Errorf("header date shows %q, want %q", date.Text, want)
	}
	date.SetText("")
	test.Type(date, "2026-12-02")
	got, _ := d.Store.Inspection(d.ctx(), e.in.ID)
	if got.Date.Format("2006-01-02") != "2026-12-02" {
		t.Errorf("typed 2026-12-02, stored %v", got.Date)
	}
	date.SetText("02/12/2026")
	if date.Validate() == nil {
		t.Error("a locale-style date is accepted without saying how to type it")
	}
	d.ShowHome()
	if row := d.Home.rows[0]; row.Date.Format("2006-01-02") != "2026-12-02" {
		t.Errorf("list row date %v", row.Date)
	}
	d.Home.from.SetText("2026-12-01")
	if n := len(d.Home.Rows()); n != 1 {
		t.Errorf("from 2026-12-01 lists %d inspections, want 1", n)
	}
	d.Home.from.SetText("2026-12-03")
	if n := len(d.Home.Rows()); n != 0 {
		t.Errorf("from 2026-12-03 lists %d inspections, want 0", n)
	}
}

func TestOpenPDFWithoutOpenerSaysWhereItIs(t *testing.T) {
	d := newTestDesk(t)
	pdf := filepath.Join(t.TempDir(), "LP-2026-1202-1504.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.openURL = func(*url.URL) error { return errors.New(`exec: "xdg-open": executable file not found in $PATH`) }
	dlg := d.openPath(pdf)
	if dlg == nil || !dialogShows(d, "No program on this computer opens this file") {
		t.Fatal("a failed open shows no explanation")
	}
	if dialogShows(d, "xdg-open") {
		t.Error("the dialog shows the opener's raw error")
	}
	var where *widget.Entry
	for _, o := range test.LaidOutObjects(d.Window.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			where = e
		}
	}
	if where == nil || where.Text != pdf {
		t.Fatalf("the dialog does not show the path %s", pdf)
	}
	tapDialogButton(t, d, "Copy path")
	if got := d.App.Clipboard().Content(); got != pdf {
		t.Errorf("clipboard %q, want the path", got)
	}
	d.openURL = func(u *url.URL) error {
		if !strings.HasSuffix(u.Path, ".pdf") {
			t.Errorf("opened %v", u)
		}
		return nil
	}
	if dlg := d.openPath(pdf); dlg != nil {
		t.Error("a successful open still shows a dialog")
	}
}
