package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Appearance choices in the preferences: follow the system, or always
// light (a bright factory floor) or dark.
const (
	appearanceSystem = "system"
	appearanceLight  = "light"
	appearanceDark   = "dark"
)

var appearanceChoices = []struct{ value, label string }{
	{appearanceSystem, "Follow the system"},
	{appearanceLight, "Light"},
	{appearanceDark, "Dark"},
}

const prefAppearance = "appearance"

// readableTheme is Fyne's default theme, light or dark as the preferences
// say (or the system, by default), with disabled text brighter: a
// finalized inspection opens read-only, and whoever reviews it months
// later must read its fields, not guess them.
type readableTheme struct {
	fyne.Theme
	appearance string
}

func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.appearance {
	case appearanceLight:
		v = theme.VariantLight
	case appearanceDark:
		v = theme.VariantDark
	}
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff}
		}
		return color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff}
	}
	return t.Theme.Color(n, v)
}

// applyTheme sets Loupe's theme on the app, in the appearance chosen in
// the preferences.
func applyTheme(a fyne.App) {
	a.Settings().SetTheme(readableTheme{Theme: theme.DefaultTheme(), appearance: a.Preferences().StringWithFallback(prefAppearance, appearanceSystem)})
}
