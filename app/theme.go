package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readableTheme is Fyne's default theme, light or dark as the system says,
// with disabled text brighter: a finalized inspection opens read-only, and
// whoever reviews it months later must read its fields, not guess them.
type readableTheme struct{ fyne.Theme }

func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff}
		}
		return color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff}
	}
	return t.Theme.Color(n, v)
}

// applyTheme sets Loupe's theme on the app.
func applyTheme(a fyne.App) {
	a.Settings().SetTheme(readableTheme{theme.DefaultTheme()})
}
