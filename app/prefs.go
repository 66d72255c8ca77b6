package app

import (
	"fyne.io/fyne/v2"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// Preference keys. Fyne keeps them per app ID, outside the data directory,
// because they belong to the person at the laptop, not to the inspections.
const (
	prefWidth     = "window.width"
	prefHeight    = "window.height"
	prefInspName  = "inspector.name"
	prefAQLPrefix = "aql.default."
)

func prefInspector(a fyne.App) string { return a.Preferences().String(prefInspName) }

func setPrefInspector(a fyne.App, name string) {
	if name != "" {
		a.Preferences().SetString(prefInspName, name)
	}
}

// defaultAQLs are the AQLs new inspections start with: what this inspector's
// clients usually contract, else the common 0 / 2.5 / 4.0.
func defaultAQLs(a fyne.App) map[aql.Class]float64 {
	d := aql.DefaultSettings().AQL
	out := map[aql.Class]float64{}
	for _, c := range aql.Classes {
		out[c] = a.Preferences().FloatWithFallback(prefAQLPrefix+string(c), d[c])
	}
	return out
}

// rememberAQLs makes the AQLs just chosen the defaults for the next inspection.
func rememberAQLs(a fyne.App, in *inspection.Inspection) {
	p := a.Preferences()
	p.SetFloat(prefAQLPrefix+string(aql.Critical), in.AQLCritical)
	p.SetFloat(prefAQLPrefix+string(aql.Major), in.AQLMajor)
	p.SetFloat(prefAQLPrefix+string(aql.Minor), in.AQLMinor)
}

// savedWindowSize is the size the window had when last closed.
func savedWindowSize(a fyne.App) (fyne.Size, bool) {
	p := a.Preferences()
	w, h := p.Float(prefWidth), p.Float(prefHeight)
	if w < 200 || h < 200 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w), float32(h)), true
}

func rememberWindowSize(a fyne.App, s fyne.Size) {
	if s.Width < 200 || s.Height < 200 {
		return
	}
	a.Preferences().SetFloat(prefWidth, float64(s.Width))
	a.Preferences().SetFloat(prefHeight, float64(s.Height))
}
